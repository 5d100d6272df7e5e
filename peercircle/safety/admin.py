from django.contrib import admin

from peercircle.core.admin import AuditedModelAdmin
from peercircle.safety.models import ScreeningEvent


@admin.register(ScreeningEvent)
class ScreeningEventAdmin(AuditedModelAdmin):
    list_display = ("created_at", "level", "context", "author", "handled_at")
    list_filter = ("level", "context")

    def _subject(self, obj):
        return obj.author
