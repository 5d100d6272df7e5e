from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from peercircle.core.models import TimeStampedModel
from peercircle.groups.models.groups import SupportGroup


class CorrectionKind(models.TextChoices):
    MEETING_TIME = "meeting_time", _("Meeting time or day")
    PLACE = "place", _("Place or venue")
    ONLINE_LINK = "online_link", _("Online link")
    CONTACT = "contact", _("Contact or organiser")
    ENDED_OR_PAUSED = "ended_or_paused", _("The group has ended or paused")
    OTHER = "other", _("Something else")


class CorrectionStatus(models.TextChoices):
    OPEN = "open", _("Waiting for the facilitators")
    DONE = "done", _("Done")
    DISMISSED = "dismissed", _("Dismissed")


class ListingCorrectionQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=CorrectionStatus.OPEN)


class ListingCorrection(TimeStampedModel):
    """Someone's suggestion that a group's listing is wrong (a time, a venue, a link …), for
    the group's facilitators to review. Seen only by them, the organization's admins who may
    manage the group, and the person who sent it (see access.can_see_correction)."""

    group = models.ForeignKey(SupportGroup, on_delete=models.CASCADE, related_name="corrections")
    kind = models.CharField(_("what is wrong"), max_length=20, choices=CorrectionKind.choices)
    text = models.TextField(_("suggestion"))
    # None: a signed-out visitor, or a person who has since deleted their account (the text
    # stays: it is about the listing, not about them).
    suggested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="listing_corrections")
    # Personal data: only a signed-out visitor's, given to hear back; never shown to the
    # facilitators; erased with the account of whoever it belongs to.
    contact_email = models.EmailField(blank=True)
    # The language the suggestion was written in: a visitor hears back in it.
    language = models.CharField(max_length=10, blank=True, default="")
    status = models.CharField(max_length=10, choices=CorrectionStatus.choices, default=CorrectionStatus.OPEN)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    reviewed_at = models.DateTimeField(null=True, blank=True)
    # The facilitators' short answer, shown to the person who suggested the correction.
    reply = models.TextField(blank=True)

    objects = ListingCorrectionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["group", "status", "created_at"]),
                   models.Index(fields=["suggested_by", "created_at"])]

    def __str__(self) -> str:
        # No words and no names: this string lands in the audit log.
        return f"listing correction #{self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status == CorrectionStatus.OPEN

    @property
    def can_hear_back(self) -> bool:
        """The person will learn the outcome: in their account, or at the address they left."""
        return bool(self.suggested_by_id or self.contact_email)
