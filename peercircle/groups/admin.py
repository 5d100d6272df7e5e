from django.contrib import admin

from peercircle.groups.models import (
    GroupMembership,
    ListingCorrection,
    MeetingException,
    MeetingPlace,
    MeetingSeries,
    SupportGroup,
)


@admin.register(SupportGroup)
class SupportGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "organization", "status", "format", "city", "last_confirmed_at"]
    list_filter = ["status", "format", "join_policy"]
    search_fields = ["name", "slug", "city"]
    # Writes go through the services (text pipeline, audit); the admin is for looking.
    readonly_fields = [f.name for f in SupportGroup._meta.concrete_fields]

    def has_add_permission(self, request):
        return False


@admin.register(MeetingSeries)
class MeetingSeriesAdmin(admin.ModelAdmin):
    list_display = ["title", "group", "rrule", "start_date", "start_time", "is_active"]
    readonly_fields = [f.name for f in MeetingSeries._meta.concrete_fields]

    def has_add_permission(self, request):
        return False


@admin.register(MeetingException)
class MeetingExceptionAdmin(admin.ModelAdmin):
    list_display = ["series", "kind", "original_start", "new_start"]
    readonly_fields = [f.name for f in MeetingException._meta.concrete_fields]

    def has_add_permission(self, request):
        return False


@admin.register(GroupMembership)
class GroupMembershipAdmin(admin.ModelAdmin):
    list_display = ["pk", "group", "role", "status", "joined_at", "ended_at"]
    list_filter = ["status", "role"]
    readonly_fields = [f.name for f in GroupMembership._meta.concrete_fields]

    def has_add_permission(self, request):
        return False


@admin.register(ListingCorrection)
class ListingCorrectionAdmin(admin.ModelAdmin):
    list_display = ["pk", "group", "kind", "status", "created_at", "reviewed_at"]
    list_filter = ["status", "kind"]
    # A visitor's address to hear back is for telling them the outcome only: not shown here.
    fields = ["group", "kind", "text", "suggested_by", "status", "reviewed_by", "reviewed_at", "reply",
              "created_at", "updated_at"]
    readonly_fields = fields
@admin.register(MeetingPlace)
class MeetingPlaceAdmin(admin.ModelAdmin):
    list_display = ["pk", "series", "occurrence_start", "status", "created_at"]
    list_filter = ["status"]
    readonly_fields = [f.name for f in MeetingPlace._meta.concrete_fields]

    def has_add_permission(self, request):
        return False
