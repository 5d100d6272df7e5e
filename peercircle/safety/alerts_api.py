"""The safety alerts API, for the moderators of an alert's organization and staff (anyone
else gets 404): the queue, one alert with its timeline, and acknowledge, note, close."""

from datetime import datetime

from django.http import Http404
from ninja import Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from peercircle.safety.access import alert_for, is_any_moderator
from peercircle.safety.alerts import (
    safety_alert_acknowledge,
    safety_alert_close,
    safety_alert_note_add,
)
from peercircle.safety.selectors import context_label, filtered_alerts

router = Router(tags=["safety alerts"])


class AlertNoteOut(Schema):
    kind: str
    author: str | None
    about: str | None
    text: str
    created_at: datetime


class AlertOut(Schema):
    id: int
    level: str
    status: str
    outcome: str
    categories: list[str]
    context: str
    context_label: str
    organization: str | None
    person: str | None
    confidential: bool
    text_html: str
    opened_at: datetime
    acknowledged_at: datetime | None
    acknowledged_by: str | None
    contacted_at: datetime | None
    closed_at: datetime | None
    closed_by: str | None
    assigned_to: str | None


class AlertDetailOut(AlertOut):
    notes: list[AlertNoteOut]


class NoteIn(Schema):
    text: str


class CloseIn(Schema):
    outcome: str
    text: str = ""


def _name(user) -> str | None:
    return user.profile.display_name if user is not None and hasattr(user, "profile") else None


def _out(alert) -> dict:
    return {
        "id": alert.pk, "level": alert.level, "status": alert.status, "outcome": alert.outcome,
        "categories": alert.categories, "context": alert.context, "context_label": context_label(alert.context),
        "organization": alert.organization.name if alert.organization else None, "person": _name(alert.person),
        "confidential": alert.confidential, "text_html": alert.text_html, "opened_at": alert.opened_at,
        "acknowledged_at": alert.acknowledged_at, "acknowledged_by": _name(alert.acknowledged_by),
        "contacted_at": alert.contacted_at, "closed_at": alert.closed_at, "closed_by": _name(alert.closed_by),
        "assigned_to": _name(alert.assigned_to),
    }


def _detail(alert) -> dict:
    notes = alert.notes.select_related("author__profile", "about_user__profile")
    return {**_out(alert), "notes": [
        {"kind": note.kind, "author": _name(note.author), "about": _name(note.about_user), "text": note.text,
         "created_at": note.created_at} for note in notes]}


@router.get("/safety/alerts", response=list[AlertOut])
@paginate(LimitOffsetPagination)
def alert_list(request, level: str = "", status: str = ""):
    """The alerts of the organizations you moderate (not closed unless `status` says)."""
    if not is_any_moderator(request.auth):
        raise Http404
    alerts = filtered_alerts(request.auth, level=level, status=status).select_related(
        "acknowledged_by__profile", "closed_by__profile")
    return [_out(alert) for alert in alerts]


@router.get("/safety/alerts/{alert_id}", response=AlertDetailOut)
def alert_detail(request, alert_id: int):
    from peercircle.core.audit import audit_staff_read

    alert = alert_for(request.auth, alert_id)
    audit_staff_read(viewer=request.auth, record=alert, subject=alert.person, reason="safety alert")
    return _detail(alert)


@router.post("/safety/alerts/{alert_id}/acknowledge", response=AlertDetailOut)
def alert_acknowledge(request, alert_id: int):
    alert = safety_alert_acknowledge(actor=request.auth, alert=alert_for(request.auth, alert_id))
    return _detail(alert)


@router.post("/safety/alerts/{alert_id}/notes", response=AlertDetailOut)
def alert_note(request, alert_id: int, payload: NoteIn):
    alert = alert_for(request.auth, alert_id)
    safety_alert_note_add(actor=request.auth, alert=alert, text=payload.text)
    return _detail(alert)


@router.post("/safety/alerts/{alert_id}/close", response=AlertDetailOut)
def alert_close(request, alert_id: int, payload: CloseIn):
    alert = safety_alert_close(actor=request.auth, alert=alert_for(request.auth, alert_id),
                               outcome=payload.outcome, text=payload.text)
    return _detail(alert)
