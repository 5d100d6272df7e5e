"""Safety alerts: opening them, paging the on-duty moderators, escalating, and the
moderators' work on them (acknowledge, note, contact, close). Every write is audited.

Paging: an `imminent` alert pages the first on-duty moderator of its organization, then the
next on the rota each time PEERCIRCLE_ALERT_ESCALATE_MINUTES pass without an acknowledgement;
when the rota is used up, or nobody is on duty, every moderator of the organization is paged.
A `high` alert tells the on-duty moderators (or every moderator, when nobody is on duty) once,
without escalation. The dispatcher takes `now` so tests and late runs can say which minute
they work for; it is safe to run twice (a person is paged at most once per alert)."""

import statistics
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from peercircle.core.audit import audit_record
from peercircle.core.errors import UserFacingError
from peercircle.core.text import prepare_user_text
from peercircle.notifications.kinds import EmailSummary, register_kind
from peercircle.notifications.services import notification_send
from peercircle.organizations.models import Membership, Organization, Role
from peercircle.safety.models import (
    AlertLevel,
    AlertNote,
    AlertOutcome,
    AlertPage,
    AlertStatus,
    RotaEntry,
    SafetyAlert,
    ScreeningEvent,
)

SAFETY_ALERT = "safety_alert"
# Sent whatever the person's preferences: a moderator on duty cannot turn off a page.
register_kind(SAFETY_ALERT, preference=None, email_summary=EmailSummary.SAFETY_ALERT)


class AlertError(UserFacingError):
    """A change to an alert that cannot be made; the message is safe to show."""


def escalate_after() -> timedelta:
    return timedelta(minutes=getattr(settings, "PEERCIRCLE_ALERT_ESCALATE_MINUTES", 5))


# --- Who is paged ------------------------------------------------------------------------------

def organization_moderators(organization: Organization | None) -> list:
    """Every active moderator of the organization (site staff for an alert with none)."""
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.filter(is_active=True, deleted_at__isnull=True)
    if organization is None:
        return list(users.filter(is_staff=True).order_by("pk"))
    ids = Membership.objects.active().filter(organization=organization, role=Role.MODERATOR) \
        .values_list("user_id", flat=True)
    return list(users.filter(pk__in=ids).order_by("pk"))


def on_duty_moderators(organization: Organization | None) -> list:
    """The on-duty moderators in rota order (a rota entry of someone who stopped being a
    moderator does not count)."""
    if organization is None:
        return []
    moderators = {user.pk: user for user in organization_moderators(organization)}
    entries = RotaEntry.objects.filter(organization=organization, on_duty=True).order_by("position", "pk")
    return [moderators[entry.moderator_id] for entry in entries if entry.moderator_id in moderators]


def _organization_for(*, author, target) -> Organization | None:
    from peercircle.safety.content import content_kind

    if isinstance(target, Organization):
        return target
    kind = content_kind(target)
    if kind is not None and kind.organization_id(target):
        return Organization.objects.filter(pk=kind.organization_id(target)).first()
    organization_id = getattr(target, "organization_id", None)
    if organization_id:
        return Organization.objects.filter(pk=organization_id).first()
    if author is None:
        return None
    membership = (Membership.objects.active().filter(user=author, organization__is_active=True)
                  .select_related("organization").order_by("started_at", "pk").first())
    return membership.organization if membership else None


def _notify(alert: SafetyAlert, user) -> None:
    with translation.override(user.language or settings.LANGUAGE_CODE):
        if alert.level == AlertLevel.IMMINENT:
            title = _("Safety alert: someone may need help now")
            body = _("Please open the alert and acknowledge it. If nobody does within %(minutes)s minutes, "
                     "the next moderator on the rota is paged.") % {
                "minutes": int(escalate_after().total_seconds() // 60)}
        else:
            title = _("Safety alert: someone may need support today")
            body = _("Please look at the alert in the safety queue.")
        notification_send(recipient=user, kind=SAFETY_ALERT, title=title, body=body,
                          url=reverse("safety:alert_detail", args=[alert.pk]),
                          dedupe_key=f"safety_alert:{alert.pk}")


def _page(alert: SafetyAlert, user, *, reason: str, now: datetime) -> bool:
    """Page one person about one alert, once. Returns whether they were paged now."""
    try:
        with transaction.atomic():
            AlertPage.objects.create(alert=alert, user=user, reason=reason, paged_at=now)
    except IntegrityError:
        return False
    kind = AlertNote.Kind.ESCALATED if reason == AlertPage.Reason.ESCALATED else AlertNote.Kind.PAGED
    AlertNote.objects.create(alert=alert, kind=kind, about_user=user, created_at=now)
    audit_record(actor=None, action="safety_alert.page", target=alert, subject=alert.person,
                 organization=alert.organization, data={"moderator": user.pk, "reason": reason},
                 is_staff_action=False)
    _notify(alert, user)
    return True


def _page_everyone(alert: SafetyAlert, *, now: datetime) -> None:
    for user in organization_moderators(alert.organization):
        _page(alert, user, reason=AlertPage.Reason.EVERYONE, now=now)
    alert.escalation_done = True


# --- Opening -----------------------------------------------------------------------------------

@transaction.atomic
def safety_alert_open(*, event: ScreeningEvent, prepared=None, target=None, confidential: bool = False,
                      now: datetime | None = None) -> SafetyAlert | None:
    """Open the alert for a `high` or `imminent` screening event and page or tell moderators.
    Confidential text is never copied: the alert keeps only a reference to it."""
    if event.level not in AlertLevel.values:
        return None
    existing = SafetyAlert.objects.filter(event=event).first()
    if existing:
        return existing
    now = now or timezone.now()
    target = target if target is not None else event.target
    alert = SafetyAlert.objects.create(
        organization=_organization_for(author=event.author, target=target),
        event=event, person=event.author, level=event.level, categories=event.categories,
        context=event.context, target_type_id=event.target_type_id, target_id=event.target_id,
        confidential=confidential, text_html="" if confidential or prepared is None else prepared.html,
        opened_at=now,
    )
    AlertNote.objects.create(alert=alert, kind=AlertNote.Kind.OPENED, created_at=now)
    audit_record(actor=None, action="safety_alert.open", target=alert, subject=alert.person,
                 organization=alert.organization, data={"level": alert.level, "context": alert.context},
                 is_staff_action=False)
    on_duty = on_duty_moderators(alert.organization)
    if alert.level == AlertLevel.IMMINENT:
        if on_duty:
            _page(alert, on_duty[0], reason=AlertPage.Reason.FIRST, now=now)
            alert.assigned_to = on_duty[0]
        else:
            _page_everyone(alert, now=now)
        alert.paged_at = now
    else:
        for user in on_duty or organization_moderators(alert.organization):
            _page(alert, user, reason=AlertPage.Reason.NOTIFIED, now=now)
        alert.escalation_done = True
    alert.save(update_fields=["assigned_to", "paged_at", "escalation_done"])
    event.handled_at = now
    event.save(update_fields=["handled_at"])
    return alert


# --- Escalation --------------------------------------------------------------------------------

def safety_alert_escalations_dispatch(*, now: datetime | None = None) -> int:
    """Page the next moderator for every open `imminent` alert nobody acknowledged in time.
    Returns how many alerts were escalated. Safe to run twice, or from two clocks: each alert
    is re-read under a lock and escalated only when its timer has really run out."""
    now = now or timezone.now()
    cutoff = now - escalate_after()
    due = SafetyAlert.objects.filter(level=AlertLevel.IMMINENT, status=AlertStatus.OPEN, escalation_done=False,
                                     paged_at__lte=cutoff).values_list("pk", flat=True)
    escalated = 0
    for alert_id in list(due):
        with transaction.atomic():
            alert = SafetyAlert.objects.select_for_update().filter(
                pk=alert_id, status=AlertStatus.OPEN, escalation_done=False, paged_at__lte=cutoff).first()
            if alert is None:
                continue
            already = set(alert.pages.values_list("user_id", flat=True))
            following = [user for user in on_duty_moderators(alert.organization) if user.pk not in already]
            if following:
                _page(alert, following[0], reason=AlertPage.Reason.ESCALATED, now=now)
                alert.assigned_to = following[0]
            else:
                _page_everyone(alert, now=now)
            alert.paged_at = now
            alert.save(update_fields=["assigned_to", "paged_at", "escalation_done"])
            escalated += 1
    return escalated


# --- Moderators' work --------------------------------------------------------------------------

def _locked(alert: SafetyAlert) -> SafetyAlert:
    return SafetyAlert.objects.select_for_update().get(pk=alert.pk)


def _record(alert, *, actor, action: str, data: dict | None = None) -> None:
    audit_record(actor=actor, action=action, target=alert, subject=alert.person,
                 organization=alert.organization, data=data or {}, is_staff_action=True)


def _prepared_note(text: str):
    prepared = prepare_user_text(text=text or "", max_length=4000)
    return prepared.source, prepared.html


def _acknowledge(alert: SafetyAlert, *, actor, now: datetime) -> None:
    alert.status = AlertStatus.ACKNOWLEDGED
    alert.acknowledged_at, alert.acknowledged_by, alert.assigned_to = now, actor, actor
    AlertNote.objects.create(alert=alert, author=actor, kind=AlertNote.Kind.ACKNOWLEDGED, created_at=now)
    _record(alert, actor=actor, action="safety_alert.acknowledge")


@transaction.atomic
def safety_alert_acknowledge(*, actor, alert: SafetyAlert, now: datetime | None = None) -> SafetyAlert:
    """`actor` takes the alert: paging and escalation stop."""
    alert = _locked(alert)
    if alert.status == AlertStatus.CLOSED:
        raise AlertError(_("This alert is already closed."))
    if alert.status == AlertStatus.OPEN:
        _acknowledge(alert, actor=actor, now=now or timezone.now())
        alert.save(update_fields=["status", "acknowledged_at", "acknowledged_by", "assigned_to"])
    return alert


@transaction.atomic
def safety_alert_note_add(*, actor, alert: SafetyAlert, text: str, now: datetime | None = None) -> AlertNote:
    source, html = _prepared_note(text)
    if not source:
        raise AlertError(_("Please write the note first."))
    alert = _locked(alert)
    note = AlertNote.objects.create(alert=alert, author=actor, kind=AlertNote.Kind.NOTE, text=source,
                                    text_html=html, created_at=now or timezone.now())
    _record(alert, actor=actor, action="safety_alert.note")
    return note


@transaction.atomic
def safety_alert_contact_record(*, actor, alert: SafetyAlert, text: str = "",
                                now: datetime | None = None) -> SafetyAlert:
    """`actor` reached out to the person (acknowledging the alert if nobody had)."""
    now = now or timezone.now()
    alert = _locked(alert)
    if alert.status == AlertStatus.CLOSED:
        raise AlertError(_("This alert is already closed."))
    if alert.status == AlertStatus.OPEN:
        _acknowledge(alert, actor=actor, now=now)
    source, html = _prepared_note(text)
    alert.contacted_at, alert.contacted_by = now, actor
    AlertNote.objects.create(alert=alert, author=actor, kind=AlertNote.Kind.CONTACTED, text=source,
                             text_html=html, created_at=now)
    alert.save(update_fields=["status", "acknowledged_at", "acknowledged_by", "assigned_to", "contacted_at",
                              "contacted_by"])
    _record(alert, actor=actor, action="safety_alert.contact")
    return alert


@transaction.atomic
def safety_alert_close(*, actor, alert: SafetyAlert, outcome: str, text: str = "",
                       now: datetime | None = None) -> SafetyAlert:
    if outcome not in AlertOutcome.values:
        raise AlertError(_("Please choose how the alert ended."))
    now = now or timezone.now()
    alert = _locked(alert)
    if alert.status == AlertStatus.CLOSED:
        raise AlertError(_("This alert is already closed."))
    if alert.status == AlertStatus.OPEN:
        _acknowledge(alert, actor=actor, now=now)
    source, html = _prepared_note(text)
    alert.status, alert.outcome, alert.closed_at, alert.closed_by = AlertStatus.CLOSED, outcome, now, actor
    AlertNote.objects.create(alert=alert, author=actor, kind=AlertNote.Kind.CLOSED, text=source,
                             text_html=html, created_at=now)
    alert.save(update_fields=["status", "outcome", "closed_at", "closed_by", "acknowledged_at",
                              "acknowledged_by", "assigned_to"])
    _record(alert, actor=actor, action="safety_alert.close", data={"outcome": outcome})
    return alert


# --- The rota ----------------------------------------------------------------------------------

def rota_entries(organization: Organization) -> list[RotaEntry]:
    """Every moderator of the organization with their place on the rota, in order (someone
    who never had a place comes last, off duty). Reading creates nothing."""
    moderators = organization_moderators(organization)
    entries = {entry.moderator_id: entry for entry in
               RotaEntry.objects.filter(organization=organization).order_by("position", "pk")}
    listed = [entries[user.pk] for user in moderators if user.pk in entries]
    listed.sort(key=lambda entry: (entry.position, entry.pk))
    last = listed[-1].position if listed else 0
    for offset, user in enumerate((user for user in moderators if user.pk not in entries), start=1):
        listed.append(RotaEntry(organization=organization, moderator=user, position=last + offset))
    for entry in listed:
        entry.moderator = next(user for user in moderators if user.pk == entry.moderator_id)
    return listed


def _moderator_entry(organization, moderator_id) -> RotaEntry:
    if moderator_id not in {user.pk for user in organization_moderators(organization)}:
        raise AlertError(_("That person is not a moderator of this organization."))
    entries = rota_entries(organization)
    for position, entry in enumerate(entries):
        if entry.position != position or entry.pk is None:
            entry.position = position
            entry.save()
    return next(entry for entry in entries if entry.moderator_id == moderator_id)


@transaction.atomic
def rota_entry_duty_set(*, actor, organization: Organization, moderator_id: int, on_duty: bool) -> RotaEntry:
    entry = _moderator_entry(organization, moderator_id)
    if entry.on_duty != on_duty:
        entry.on_duty = on_duty
        entry.save(update_fields=["on_duty"])
        audit_record(actor=actor, action="rota_entry.duty", target=entry, subject=entry.moderator,
                     organization=organization, data={"on_duty": on_duty})
    return entry


@transaction.atomic
def rota_entry_move(*, actor, organization: Organization, moderator_id: int, direction: str) -> RotaEntry:
    """Move a moderator one place `up` (paged earlier) or `down` the rota."""
    if direction not in ("up", "down"):
        raise AlertError(_("Please choose up or down."))
    entry = _moderator_entry(organization, moderator_id)
    entries = list(RotaEntry.objects.filter(organization=organization).order_by("position", "pk"))
    index = next(i for i, other in enumerate(entries) if other.pk == entry.pk)
    swap = index - 1 if direction == "up" else index + 1
    if 0 <= swap < len(entries):
        other = entries[swap]
        entry.position, other.position = other.position, entry.position
        entry.save(update_fields=["position"])
        other.save(update_fields=["position"])
        audit_record(actor=actor, action="rota_entry.move", target=entry, subject=entry.moderator,
                     organization=organization, data={"direction": direction})
    return entry


# --- Figures -----------------------------------------------------------------------------------

def _percentile(values: list[float], fraction: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def alert_timings(alerts) -> dict:
    """Median and 90th percentile minutes to acknowledgement and to closure over `alerts`."""
    rows = list(alerts.values_list("opened_at", "acknowledged_at", "closed_at"))
    to_ack = [(ack - opened).total_seconds() / 60 for opened, ack, _closed in rows if ack]
    to_close = [(closed - opened).total_seconds() / 60 for opened, _ack, closed in rows if closed]
    return {
        "acknowledged": len(to_ack), "closed": len(to_close),
        "ack_median": statistics.median(to_ack) if to_ack else None, "ack_p90": _percentile(to_ack, 0.9),
        "close_median": statistics.median(to_close) if to_close else None,
        "close_p90": _percentile(to_close, 0.9),
    }


ASK_TO_TALK_PER_HOUR = 3


class TalkRequestError(UserFacingError):
    """A request to talk that cannot be taken; the message is safe to show."""


def talk_request_create(*, user) -> SafetyAlert:
    """The person asks, from "Need help now?", for a moderator to reach out to them: a `high`
    alert for their organization's moderators (the on-duty ones are told), with no words copied."""
    from django.contrib.contenttypes.models import ContentType

    from peercircle.core.ratelimit import rate_limit_hit

    if not user.is_authenticated:
        raise TalkRequestError(_("Please sign in so a moderator can reach you here."))
    open_request = SafetyAlert.objects.filter(person=user, context="asked_to_talk").exclude(
        status=AlertStatus.CLOSED).first()
    if open_request:
        return open_request  # asked already: the moderators have it
    if not rate_limit_hit(scope="ask-to-talk", who=str(user.pk), limit=ASK_TO_TALK_PER_HOUR, window_seconds=3600):
        raise TalkRequestError(_("Your request is with the moderators. If you need someone now, please call one of "
                                 "the lines on this page."))
    profile = getattr(user, "profile", None) or user
    with transaction.atomic():
        event = ScreeningEvent.objects.create(
            author=user, context="asked_to_talk", target_type=ContentType.objects.get_for_model(profile),
            target_id=str(profile.pk), level=AlertLevel.HIGH, categories=[], reasons=[])
        alert = safety_alert_open(event=event, target=profile, confidential=True)
    return alert
