from django.contrib import admin

from peercircle.core.admin import AuditedModelAdmin
from peercircle.safety.models import ScreeningEvent


@admin.register(ScreeningEvent)
class ScreeningEventAdmin(AuditedModelAdmin):
    # An event is about something a person wrote, sometimes in a private story: opening
    # one is a staff read of confidential data and is audited against the author.
    confidential = True
    list_display = ("created_at", "level", "context", "author", "handled_at")
    list_filter = ("level", "context")

    def _subject(self, obj):
        return obj.author
