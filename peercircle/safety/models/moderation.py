"""Reports, moderation actions on accounts, and appeals.

A member reports a person (or, later, a post or message) with a reason; the moderators of the
organizations concerned handle it and the reporter sees the outcome in general terms. Actions
on an account (warn, mute, suspend, ban) carry a recorded reason and can be appealed; another
moderator reviews the appeal."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from peercircle.core.models import TimeStampedModel


class ReportReason(models.TextChoices):
    UNSAFE = "unsafe", _("I'm worried about their safety")
    HARASSMENT = "harassment", _("Harassment or bullying")
    PRIVACY = "privacy", _("Sharing someone's private information")
    BOUNDARIES = "boundaries", _("Crossing boundaries (asking to meet, money, contact details)")
    HARMFUL = "harmful", _("Harmful advice or content")
    SPAM = "spam", _("Spam or selling")
    OTHER = "other", _("Something else")


class ReportStatus(models.TextChoices):
    OPEN = "open", _("Waiting for a moderator")
    ACTIONED = "actioned", _("We took action")
    NO_BREACH = "no_breach", _("We looked into it and found no breach of the guidelines")


class Report(TimeStampedModel):
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    # The person the report is about (the author, for a post or message).
    subject = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    organization = models.ForeignKey("organizations.Organization", null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    target_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    target_id = models.CharField(max_length=64, blank=True)
    target = GenericForeignKey("target_type", "target_id")
    reason = models.CharField(max_length=20, choices=ReportReason.choices)
    details = models.TextField(blank=True, max_length=2000)
    status = models.CharField(max_length=20, choices=ReportStatus.choices, default=ReportStatus.OPEN)
    # For the moderators only; the reporter sees the status's general words.
    moderator_note = models.TextField(blank=True, max_length=2000)
    handled_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    handled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["organization", "status", "created_at"])]

    def __str__(self) -> str:
        return f"report #{self.pk}"


class ActionKind(models.TextChoices):
    WARN = "warn", _("Warning")
    MUTE = "mute", _("Muted (can read, not post)")
    SUSPEND = "suspend", _("Suspended for a time")
    BAN = "ban", _("Banned")


class ModerationAction(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    moderator = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    subject = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="moderation_actions")
    organization = models.ForeignKey("organizations.Organization", null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    report = models.ForeignKey(Report, null=True, blank=True, on_delete=models.SET_NULL, related_name="actions")
    kind = models.CharField(max_length=20, choices=ActionKind.choices)
    # Shown to the person, so they know what happened and why.
    reason = models.TextField(max_length=2000)
    until = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["subject", "kind", "revoked_at"])]

    def __str__(self) -> str:
        return f"moderation action #{self.pk}"

    @property
    def in_force(self) -> bool:
        if self.revoked_at is not None or self.kind == ActionKind.WARN:
            return False
        return self.until is None or self.until > timezone.now()


class AppealStatus(models.TextChoices):
    OPEN = "open", _("Waiting for another moderator")
    UPHELD = "upheld", _("The decision stands")
    OVERTURNED = "overturned", _("The decision was reversed")


class Appeal(TimeStampedModel):
    action = models.OneToOneField(ModerationAction, on_delete=models.CASCADE, related_name="appeal")
    text = models.TextField(max_length=2000)
    status = models.CharField(max_length=20, choices=AppealStatus.choices, default=AppealStatus.OPEN)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_note = models.TextField(blank=True, max_length=2000)

    def __str__(self) -> str:
        return f"appeal #{self.pk}"
