from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    """One note to one person: shown in the app, and emailed when they want email.

    `title` and `body` are plain text written by the system in the recipient's language
    (they may quote names people gave, such as a group's name, but never HTML); templates
    escape them like any other text. `url` is a path inside the site. A non-empty
    `dedupe_key` is unique per recipient, so the same reminder is never sent twice, however
    many clocks or workers run the dispatchers."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                  related_name="notifications")
    kind = models.CharField(max_length=50)
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    dedupe_key = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "dedupe_key"], condition=~models.Q(dedupe_key=""),
                                    name="notification_sent_once"),
        ]
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notification_list"),
            models.Index(fields=["recipient", "read_at"], name="notification_unread"),
        ]

    def __str__(self) -> str:
        # No title: it may name a group, and this string lands in the audit log.
        return f"notification #{self.pk}"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class ReminderLead(models.TextChoices):
    DAY = "day", _("1 day before")
    HOURS = "hours", _("2 hours before")
    BOTH = "both", _("Both: 1 day and 2 hours before")


# How long before a meeting each reminder goes, and how late it may still go when the
# clock was not running at the right minute (a "tomorrow" note at most 6 hours late).
LEADS = {
    "day": (timedelta(days=1), timedelta(hours=6)),
    "hours": (timedelta(hours=2), timedelta(hours=1)),
}
LEADS_FOR_CHOICE = {ReminderLead.DAY: ("day",), ReminderLead.HOURS: ("hours",),
                    ReminderLead.BOTH: ("day", "hours")}


class NotificationPreferences(models.Model):
    """What a person wants to be told, and how. Without a row, the defaults apply: meeting
    reminders a day before, emails on (sent only to a verified address) but without the
    details, confirmation reminders (and suggested corrections) on for facilitators."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="notification_preferences")
    meeting_reminders = models.BooleanField(_("Remind me before my meetings"), default=True)
    reminder_lead = models.CharField(_("When"), max_length=10, choices=ReminderLead.choices,
                                     default=ReminderLead.DAY)
    email = models.BooleanField(_("Also send my notifications by email"), default=True)
    # Off: an email says only that there is something new ("a meeting reminder"), never which
    # meeting or group, for anyone who sees the person's lock screen or shares their inbox.
    email_details = models.BooleanField(_("Include the details in emails"), default=False)
    # Also turns off the notes about corrections suggested to those groups' listings.
    listing_confirmation_reminders = models.BooleanField(
        _("Reminders to confirm my groups' listings, and suggested corrections to them"), default=True)
    forum_replies = models.BooleanField(
        _("Replies in forum threads I follow, and mentions of me"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "notification preferences"

    def __str__(self) -> str:
        return f"notification preferences #{self.pk}"

    @property
    def leads(self) -> tuple[str, ...]:
        return LEADS_FOR_CHOICE.get(self.reminder_lead, ("day",))


class ClockMark(models.Model):
    """How far a dispatcher has got: the `now` of its last completed run. The next run looks
    only at what came into its windows since then (and at what changed since then), instead
    of the whole catch-up window every minute. Never moves back, so two clocks agree."""

    name = models.CharField(max_length=50, unique=True)
    reached_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.name} at {self.reached_at:%Y-%m-%d %H:%M}"
