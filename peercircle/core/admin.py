from django.contrib import admin

from peercircle.core.audit import audit_record, audit_staff_read
from peercircle.core.models import AuditEntry

admin.site.site_header = "PeerCircle administration"
admin.site.site_title = "PeerCircle admin"


class AuditedModelAdmin(admin.ModelAdmin):
    """Every change made in the admin is written to the audit log. Models holding
    confidential text set `confidential = True`: opening a record is logged as a read."""

    confidential = False

    def _subject(self, obj):
        return getattr(obj, "user", None)

    def log_addition(self, request, obj, message):
        audit_record(actor=request.user, action=f"admin.{obj._meta.model_name}.add", target=obj,
                     subject=self._subject(obj), is_staff_action=True)
        return super().log_addition(request, obj, message)

    def log_change(self, request, obj, message):
        audit_record(actor=request.user, action=f"admin.{obj._meta.model_name}.change", target=obj,
                     subject=self._subject(obj), data={"change": str(message)[:500]}, is_staff_action=True)
        return super().log_change(request, obj, message)

    def log_deletions(self, request, queryset):
        for obj in queryset:
            audit_record(actor=request.user, action=f"admin.{obj._meta.model_name}.delete", target=obj,
                         subject=self._subject(obj), is_staff_action=True)
        return super().log_deletions(request, queryset)

    def changelist_view(self, request, extra_context=None):
        # A list of confidential records shows many people's data at once: one audited read
        # per view (each record opened is audited against its owner in change_view).
        if self.confidential and request.method == "GET":
            audit_record(actor=request.user, action=f"{self.model._meta.model_name}.list_confidential",
                         data={"query": request.GET.urlencode()[:500]} if request.GET else None,
                         is_staff_action=True)
        return super().changelist_view(request, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if self.confidential and request.method == "GET":
            obj = self.get_object(request, object_id)
            if obj is not None:
                audit_staff_read(viewer=request.user, record=obj, subject=self._subject(obj),
                                 reason="admin")
        return super().change_view(request, object_id, form_url, extra_context)


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ("created_at", "actor_label", "action", "target_label", "is_staff_action")
    list_filter = ("is_staff_action", "action")
    search_fields = ("actor_label", "action", "target_label")
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
