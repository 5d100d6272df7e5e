"""Safety alerts: a person may need help, and a moderator of their organization must look.

An alert is opened for every `high` or `imminent` screening event. `imminent` alerts page the
organization's on-duty moderators one at a time, in rota order, until one acknowledges; the
timeline of notes says who did what and when."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AlertLevel(models.TextChoices):
    HIGH = "high", _("High: needs a trained person within hours")
    IMMINENT = "imminent", _("Imminent: needs action now")


class AlertStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    CLOSED = "closed", _("Closed")


class AlertOutcome(models.TextChoices):
    CONTACTED_SAFE = "contacted_safe", _("Contacted, and they are safe")
    EMERGENCY_SERVICES = "emergency_services", _("Referred to emergency services")
    NO_RISK = "no_risk", _("No risk found")
    UNREACHABLE = "unreachable", _("Could not reach them")
    OTHER = "other", _("Other")


class SafetyAlert(models.Model):
    organization = models.ForeignKey("organizations.Organization", null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="safety_alerts")
    event = models.OneToOneField("safety.ScreeningEvent", null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="alert")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="safety_alerts_about")
    level = models.CharField(max_length=10, choices=AlertLevel.choices)
    categories = models.JSONField(default=list)
    context = models.CharField(max_length=50)
    target_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    target_id = models.CharField(max_length=64)
    target = GenericForeignKey("target_type", "target_id")
    # Confidential text (a private story) is never copied here: text_html stays empty.
    confidential = models.BooleanField(default=False)
    text_html = models.TextField(blank=True)
    status = models.CharField(max_length=15, choices=AlertStatus.choices, default=AlertStatus.OPEN)
    outcome = models.CharField(max_length=20, choices=AlertOutcome.choices, blank=True)
    opened_at = models.DateTimeField(default=timezone.now, db_index=True)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                        on_delete=models.SET_NULL, related_name="+")
    contacted_at = models.DateTimeField(null=True, blank=True)
    contacted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    # The moderator paged now (or who acknowledged); paged_at is when they were paged, the
    # start of the escalation timer. escalation_done: everyone there is has been paged.
    assigned_to = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    paged_at = models.DateTimeField(null=True, blank=True)
    escalation_done = models.BooleanField(default=False)

    class Meta:
        ordering = ["-opened_at"]
        verbose_name = _("safety alert")
        indexes = [models.Index(fields=["status", "level", "paged_at"])]

    def __str__(self) -> str:
        return f"safety alert #{self.pk} ({self.level})"


class AlertPage(models.Model):
    """One person paged about one alert, once (the unique constraint keeps a dispatcher run
    twice from paging anybody twice)."""

    class Reason(models.TextChoices):
        FIRST = "first", _("first on duty")
        ESCALATED = "escalated", _("escalated")
        EVERYONE = "everyone", _("all moderators")
        NOTIFIED = "notified", _("notified")

    alert = models.ForeignKey(SafetyAlert, on_delete=models.CASCADE, related_name="pages")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(max_length=10, choices=Reason.choices)
    paged_at = models.DateTimeField()

    class Meta:
        ordering = ["paged_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["alert", "user"], name="unique_alert_page")]

    def __str__(self) -> str:
        return f"page {self.alert_id}:{self.user_id}"


class AlertNote(models.Model):
    """One entry in an alert's timeline: who, when, what (what a person wrote went through
    prepare_user_text; an entry the system made has no author)."""

    class Kind(models.TextChoices):
        OPENED = "opened", _("Opened")
        PAGED = "paged", _("Paged")
        ESCALATED = "escalated", _("Escalated")
        ACKNOWLEDGED = "acknowledged", _("Acknowledged")
        CONTACTED = "contacted", _("Contacted the person")
        NOTE = "note", _("Note")
        CLOSED = "closed", _("Closed")

    alert = models.ForeignKey(SafetyAlert, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+")
    kind = models.CharField(max_length=15, choices=Kind.choices)
    # The moderator a "paged" or "escalated" entry is about.
    about_user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    text = models.TextField(blank=True)
    text_html = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.kind} on alert {self.alert_id}"


class RotaEntry(models.Model):
    """A moderator's place on their organization's on-duty rota."""

    organization = models.ForeignKey("organizations.Organization", on_delete=models.CASCADE,
                                     related_name="rota_entries")
    moderator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="rota_entries")
    position = models.PositiveIntegerField(default=0)
    on_duty = models.BooleanField(default=False)

    class Meta:
        ordering = ["organization", "position", "pk"]
        constraints = [models.UniqueConstraint(fields=["organization", "moderator"], name="unique_rota_entry")]

    def __str__(self) -> str:
        return f"rota {self.organization_id}:{self.moderator_id}@{self.position}"
