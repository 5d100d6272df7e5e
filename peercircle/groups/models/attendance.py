from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from peercircle.groups.models.meetings import MeetingSeries


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("Present")
    ABSENT = "absent", _("Absent")


class AttendanceMethod(models.TextChoices):
    REGISTER = "register", _("Register taken by a facilitator")
    SELF = "self", _("Checked themselves in")


class Attendance(models.Model):
    """Whether one person came to one meeting. The meeting is named by its series and the
    occurrence's original start (UTC), as MeetingException names it, so a moved meeting keeps
    its register."""

    series = models.ForeignKey(MeetingSeries, on_delete=models.CASCADE, related_name="attendance")
    occurrence_start = models.DateTimeField()
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="attendance")
    status = models.CharField(max_length=10, choices=AttendanceStatus.choices)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    method = models.CharField(max_length=10, choices=AttendanceMethod.choices)
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["occurrence_start", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["series", "occurrence_start", "user"], name="unique_attendance"),
        ]
        indexes = [models.Index(fields=["series", "occurrence_start", "status"])]

    def __str__(self) -> str:
        # No names: this string lands in the audit log.
        return f"attendance #{self.pk}"
