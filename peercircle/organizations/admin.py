from django.contrib import admin

from peercircle.core.admin import AuditedModelAdmin
from peercircle.organizations.models import Membership, Organization, Program


class ProgramInline(admin.TabularInline):
    model = Program
    extra = 0
    fields = ("name", "slug", "kind", "is_public", "is_active")


@admin.register(Organization)
class OrganizationAdmin(AuditedModelAdmin):
    list_display = ("name", "kind", "city", "country", "is_active")
    list_filter = ("kind", "country", "is_active")
    search_fields = ("name", "city")
    prepopulated_fields = {"slug": ("name",)}
    inlines = [ProgramInline]

    def _subject(self, obj):
        return None


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

    def _subject(self, obj):
        return None
