from django.contrib import admin
from django.db import models

from peercircle.core.admin import AuditedModelAdmin
from peercircle.core.text import after_store, prepare_user_text
from peercircle.organizations.models import Membership, Organization, Program


def _render_description(obj):
    """Staff edits go through the same text pipeline as the services: the stored HTML is
    always our rendering of the description, never typed in. Returns the prepared text to
    screen once stored, if the description changed."""
    prepared = prepare_user_text(text=obj.description, max_length=5000)
    changed = prepared.html != obj.description_html
    obj.description, obj.description_html = prepared.source, prepared.html
    return prepared if changed and prepared.source else None


def _screen(prepared, *, author, obj, context: str) -> None:
    if prepared is not None:
        after_store(prepared=prepared, author=author, target=obj, context=context)


class ProgramInline(admin.TabularInline):
    model = Program
    extra = 0
    fields = ("name", "slug", "kind", "is_public", "is_active")
    exclude = ("description_html",)


@admin.register(Organization)
class OrganizationAdmin(AuditedModelAdmin):
    list_display = ("name", "kind", "city", "country", "is_active")
    list_filter = ("kind", "country", "is_active")
    search_fields = ("name", "city")
    prepopulated_fields = {"slug": ("name",)}
    exclude = ("description_html",)
    inlines = [ProgramInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def _subject(self, obj):
        return None

    def save_model(self, request, obj, form, change):
        prepared = _render_description(obj)
        super().save_model(request, obj, form, change)
        _screen(prepared, author=request.user, obj=obj, context="organization.description")

    def save_formset(self, request, form, formset, change):
        if formset.model is not Program:
            return super().save_formset(request, form, formset, change)
        programs = formset.save(commit=False)
        for program in formset.deleted_objects:
            program.delete()
        for program in programs:
            prepared = _render_description(program)
            program.save()
            _screen(prepared, author=request.user, obj=program, context="program.description")
        formset.save_m2m()


@admin.register(Membership)
class MembershipAdmin(AuditedModelAdmin):
    list_display = ("user", "organization", "role", "started_at", "ended_at")
    list_filter = ("role", "organization")
    raw_id_fields = ("user",)


@admin.register(Program)
class ProgramAdmin(AuditedModelAdmin):
    list_display = ("name", "organization", "kind", "is_public", "is_active")
    list_filter = ("kind", "organization")
    filter_horizontal = ("experiences",)
    exclude = ("description_html",)

    def _subject(self, obj):
        return None

    def save_model(self, request, obj, form, change):
        prepared = _render_description(obj)
        super().save_model(request, obj, form, change)
        _screen(prepared, author=request.user, obj=obj, context="program.description")
