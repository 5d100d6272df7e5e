from django.db import models
from django.utils.translation import gettext_lazy as _

from peercircle.core.models import TimeStampedModel
from peercircle.groups.models.groups import SupportGroup


class MeetingSeries(TimeStampedModel):
    """A schedule of meetings: an RFC 5545 RRULE (without DTSTART) expanded in the group's
    time zone from `start_date` at `start_time` local time. An empty rule is a one-off."""

    group = models.ForeignKey(SupportGroup, on_delete=models.CASCADE, related_name="series")
    title = models.CharField(_("title"), max_length=200)
    rrule = models.CharField(_("repeat rule"), max_length=500, blank=True)
    start_date = models.DateField(_("first date"))
    start_time = models.TimeField(_("start time"))
    duration_minutes = models.PositiveIntegerField(_("length in minutes"), default=90)
    # Overrides the group's link for this series (a workshop on another platform).
    online_url = models.URLField(_("online meeting link"), max_length=500, blank=True)
    capacity = models.PositiveIntegerField(_("places"), null=True, blank=True)
    is_active = models.BooleanField(default=True)
    # Denormalized from the rule for the directory's day and time filters (set on save):
    # weekday bits (Monday 1 … Sunday 64) and the local start as minutes after midnight.
    weekdays = models.PositiveSmallIntegerField(default=0, editable=False)
    start_minute = models.PositiveSmallIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["start_date", "start_time", "pk"]
        verbose_name_plural = "meeting series"
        indexes = [models.Index(fields=["group", "is_active", "weekdays", "start_minute"])]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        self.set_schedule_facts()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"rrule", "start_date", "start_time"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "weekdays", "start_minute"}
        super().save(*args, **kwargs)

    def set_schedule_facts(self) -> None:
        """Fill `weekdays` and `start_minute` (bulk_create skips save: call this first)."""
        from peercircle.groups.recurrence import weekday_mask

        self.weekdays = weekday_mask(self.rrule, self.start_date)
        self.start_minute = self.start_time.hour * 60 + self.start_time.minute

    @property
    def is_one_off(self) -> bool:
        return not self.rrule


class ExceptionKind(models.TextChoices):
    CANCELLED = "cancelled", _("Cancelled")
    MOVED = "moved", _("Moved")


class MeetingException(TimeStampedModel):
    """One occurrence of a series that is cancelled or moved. `original_start` is the
    occurrence's start as the rule gives it (stored in UTC, like every datetime)."""

    series = models.ForeignKey(MeetingSeries, on_delete=models.CASCADE, related_name="exceptions")
    original_start = models.DateTimeField()
    kind = models.CharField(max_length=20, choices=ExceptionKind.choices)
    new_start = models.DateTimeField(null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["original_start"]
        constraints = [
            models.UniqueConstraint(fields=["series", "original_start"], name="unique_meeting_exception"),
            models.CheckConstraint(
                condition=models.Q(kind="cancelled", new_start__isnull=True)
                | models.Q(kind="moved", new_start__isnull=False),
                name="meeting_exception_moved_has_new_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.original_start:%Y-%m-%d %H:%M}"
