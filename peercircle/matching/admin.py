"""Matching in the Django admin: for looking, not changing. Every change to a request or a
match goes through the services (a supporter's load, the next proposal, the notes, the audit
entry), so nothing here can be added, edited or deleted. Requests and matches say who asked
for support and with whom they are matched: each list viewed and each record opened is an
audited read, and a request's story (encrypted at rest) is shown only on its own page."""

from django.contrib import admin

from peercircle.core.admin import AuditedModelAdmin
from peercircle.matching.models import (
    Match,
    ProgramMatchingSettings,
    SupporterProfile,
    SupporterProgram,
    SupportRequest,
)


class ReadOnlyAdmin(AuditedModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class SupporterProgramInline(admin.TabularInline):
    model = SupporterProgram
    fields = ("program", "certified", "youth_trained", "created_at")
    readonly_fields = fields
    extra = 0

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SupporterProfile)
class SupporterProfileAdmin(ReadOnlyAdmin):
    list_display = ("pk", "user", "status", "load", "capacity", "timezone", "updated_at")
    list_filter = ("status",)
    search_fields = ("user__email",)
    fields = ("user", "status", "capacity", "load", "languages", "formats", "gender", "age_band", "timezone",
              "availability", "travel_km", "about", "created_at", "updated_at")
    readonly_fields = fields
    inlines = [SupporterProgramInline]


@admin.register(SupportRequest)
class SupportRequestAdmin(ReadOnlyAdmin):
    confidential = True
    # Never the story here: a list would show many people's stories at once.
    list_display = ("pk", "user", "program", "status", "age_band", "urgency", "waiting_since", "created_at")
    list_filter = ("status", "urgency", "program")
    search_fields = ("user__email",)
    fields = ("user", "program", "status", "experiences", "communities", "story", "goals", "age_band", "languages",
              "supporter_gender", "supporter_age_bands", "shared_community", "formats", "timezone", "availability",
              "distance_km", "urgency", "waiting_since", "closed_at", "created_at", "updated_at")
    readonly_fields = fields


@admin.register(Match)
class MatchAdmin(ReadOnlyAdmin):
    confidential = True  # who is matched with whom, and why a supporter said no
    list_display = ("pk", "program", "status", "score", "created_at", "started_at", "ended_at")
    list_filter = ("status", "program")
    search_fields = ("member__email", "supporter__email")
    fields = ("request", "member", "supporter", "program", "status", "score", "explanation", "proposed_by",
              "supporter_answered_at", "member_answered_at", "started_at", "ended_at", "ended_by", "declined_by",
              "decline_reason", "created_at", "updated_at")
    readonly_fields = fields

    def _subject(self, obj):
        return obj.member


@admin.register(ProgramMatchingSettings)
class ProgramMatchingSettingsAdmin(ReadOnlyAdmin):
    # Changed by the program's admins on their page (matching.services.settings_update), checked there.
    list_display = ("program", "wait_bonus_per_week", "longest_wait_days", "answer_within_days", "updated_at")
    fields = ("program", "weights", "wait_bonus_per_week", "longest_wait_days", "answer_within_days", "updated_at",
              "updated_by")
    readonly_fields = fields

    def _subject(self, obj):
        return None
