from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from peercircle.groups.models.meetings import MeetingSeries


class PlaceStatus(models.TextChoices):
    BOOKED = "booked", _("Has a place")
    WAITING = "waiting", _("On the waiting list")
    CANCELLED = "cancelled", _("Place given up")


CURRENT_PLACE_STATUSES = (PlaceStatus.BOOKED, PlaceStatus.WAITING)


class MeetingPlaceQuerySet(models.QuerySet):
    def current(self):
        return self.filter(status__in=CURRENT_PLACE_STATUSES)


class MeetingPlace(models.Model):
    """A person's place at one meeting of a series with a capacity, or their turn on its
    waiting list. The meeting is named by its series and original start (UTC), as attendance
    and MeetingException name it, so a moved meeting keeps its places. The waiting list is in
    the order people joined it (`created_at`). Given-up places stay (status "cancelled") for
    the person's export and the record; someone who books again gets a new row."""

    series = models.ForeignKey(MeetingSeries, on_delete=models.CASCADE, related_name="places")
    occurrence_start = models.DateTimeField()
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="meeting_places")
    status = models.CharField(max_length=10, choices=PlaceStatus.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    promoted_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    # Who gave the place up: the person, or a facilitator who removed it.
    ended_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")

    objects = MeetingPlaceQuerySet.as_manager()

    class Meta:
        ordering = ["occurrence_start", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["series", "occurrence_start", "user"],
                                    condition=models.Q(status__in=CURRENT_PLACE_STATUSES),
                                    name="unique_current_meeting_place"),
        ]
        indexes = [models.Index(fields=["series", "occurrence_start", "status", "created_at"]),
                   models.Index(fields=["user", "status"])]

    def __str__(self) -> str:
        # No names: this string lands in the audit log.
        return f"meeting place #{self.pk}"
