from django.contrib import admin

from peercircle.core.admin import AuditedModelAdmin
from peercircle.safety.models import CrisisLine, ScreeningEvent


@admin.register(ScreeningEvent)
class ScreeningEventAdmin(AuditedModelAdmin):
    # An event is about something a person wrote, sometimes in a private story: opening
    # one is a staff read of confidential data and is audited against the author.
    confidential = True
    list_display = ("created_at", "level", "context", "author", "handled_at")
    list_filter = ("level", "context")

    def _subject(self, obj):
        return obj.author


@admin.register(CrisisLine)
class CrisisLineAdmin(AuditedModelAdmin):
    # Organizations' own crisis lines (the bundled list is safety/data/crisis_lines.json).
    # Crisis plans are deliberately not in the admin: only the person and, if shared, their supporter read them.
    list_display = ("name", "organization", "country", "key", "phone", "checked")
    list_filter = ("country",)
    search_fields = ("name", "key")

    def _subject(self, obj):
        return None
