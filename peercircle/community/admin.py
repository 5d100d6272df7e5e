"""The forums in the Django admin, for looking. Writes go through the services and pages
(text pipeline, counts, audit). Opening posts or stories is an audited read: a post's author
can be behind a pseudonym."""

from django.contrib import admin

from peercircle.community.models import Post, Space, Story, Thread
from peercircle.core.admin import AuditedModelAdmin


class _ReadOnly(AuditedModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Space)
class SpaceAdmin(_ReadOnly):
    list_display = ["name", "kind", "organization", "thread_count", "post_count", "is_archived"]
    list_filter = ["kind", "is_archived"]
    search_fields = ["name", "slug"]


@admin.register(Thread)
class ThreadAdmin(_ReadOnly):
    list_display = ["title", "space", "state", "reply_count", "last_post_at", "is_pinned", "is_locked"]
    list_filter = ["state", "is_pinned", "is_locked"]
    search_fields = ["title"]
    exclude = ["author", "pseudonym"]


@admin.register(Post)
class PostAdmin(_ReadOnly):
    confidential = True
    list_display = ["__str__", "thread", "number", "state", "screening_level", "created_at"]
    list_filter = ["state", "screening_level"]

    def _subject(self, obj):
        return obj.author


@admin.register(Story)
class StoryAdmin(_ReadOnly):
    confidential = True
    list_display = ["title", "organization", "status", "published_at"]
    list_filter = ["status"]

    def _subject(self, obj):
        return obj.author
