"""Writes for meeting schedules and their cancelled or moved occurrences."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from peercircle.core.audit import audit_record
from peercircle.core.text import after_store, clean_plain, prepare_user_text
from peercircle.groups.models import ExceptionKind, MeetingException, MeetingSeries, SupportGroup
from peercircle.groups.recurrence import (
    InvalidRule,
    first_occurrence,
    is_occurrence,
    normalize_rule,
)
from peercircle.groups.services.groups import GroupError, _require_manager, clean_online_url
from peercircle.groups.services.places import places_refill

SERIES_FIELDS = {"title", "rrule", "start_date", "start_time", "duration_minutes", "online_url", "capacity"}


def _clean_series(values: dict, *, group: SupportGroup, current: MeetingSeries | None = None) -> dict:
    attrs: dict = {}
    if "title" in values:
        attrs["title"] = clean_plain(values["title"], max_length=200)
        if not attrs["title"]:
            raise GroupError(_("Please give the meeting a title, for example “Weekly meeting”."))
    if "rrule" in values:
        try:
            attrs["rrule"] = normalize_rule(values["rrule"], tz=group.timezone)
        except InvalidRule as error:
            raise GroupError(_("That repeat rule cannot be used: %(why)s") % {"why": error}) from error
    if "duration_minutes" in values:
        minutes = values["duration_minutes"]
        if not isinstance(minutes, int) or not 10 <= minutes <= 12 * 60:
            raise GroupError(_("A meeting can last between 10 minutes and 12 hours."))
        attrs["duration_minutes"] = minutes
    if "online_url" in values:
        attrs["online_url"] = clean_online_url(values["online_url"])
    if "capacity" in values:
        capacity = values["capacity"]
        if capacity is not None and (not isinstance(capacity, int) or not 1 <= capacity <= 10000):
            raise GroupError(_("A meeting can have between 1 and 10,000 places, or leave it empty for no limit."))
        attrs["capacity"] = capacity
    for field, kind in (("start_date", date), ("start_time", time)):
        if field in values:
            value = values[field]
            if not isinstance(value, kind) or isinstance(value, datetime):
                raise GroupError(_("Please give the first date and the start time."))
            attrs[field] = value
    rule = attrs.get("rrule", current.rrule if current else "")
    start_date = attrs.get("start_date", current.start_date if current else None)
    start_time = attrs.get("start_time", current.start_time if current else None)
    if start_date is None or start_time is None:
        raise GroupError(_("Please give the first date and the start time."))
    # RFC 5545 counts the first date as a meeting, so it must be one the rule gives.
    first = first_occurrence(rule, start_date, start_time)
    if first is None:
        raise GroupError(_("That schedule never happens. Please check the days and the end date."))
    attrs["start_date"] = first
    return attrs


@transaction.atomic
def meeting_series_create(*, actor, group: SupportGroup, title: str, start_date: date, start_time: time,
                          duration_minutes: int = 90, rrule: str = "", online_url: str = "",
                          capacity: int | None = None) -> MeetingSeries:
    """Add a schedule (a rule) or a one-off meeting or workshop (no rule)."""
    _require_manager(actor, group)
    attrs = _clean_series({"title": title, "rrule": rrule, "start_date": start_date, "start_time": start_time,
                           "duration_minutes": duration_minutes, "online_url": online_url,
                           "capacity": capacity}, group=group)
    series = MeetingSeries.objects.create(group=group, **attrs)
    audit_record(actor=actor, action="meeting_series.create", target=series, organization=group.organization,
                 data={"group": group.slug, "rrule": series.rrule}, is_staff_action=False)
    return series


@transaction.atomic
def meeting_series_update(*, actor, series: MeetingSeries, **changes) -> MeetingSeries:
    group = series.group
    _require_manager(actor, group)
    unknown = set(changes) - SERIES_FIELDS
    if unknown:
        raise GroupError(f"These cannot be changed here: {', '.join(sorted(unknown))}.")
    attrs = _clean_series(changes, group=group, current=series)
    updated = [name for name, value in attrs.items() if getattr(series, name) != value]
    for name in updated:
        setattr(series, name, attrs[name])
    if updated:
        series.save(update_fields=[*updated, "updated_at"])
        audit_record(actor=actor, action="meeting_series.update", target=series, organization=group.organization,
                     data={"group": group.slug, "fields": sorted(updated)}, is_staff_action=False)
    if "capacity" in updated:
        places_refill(series=series)
    return series


@transaction.atomic
def meeting_series_end(*, actor, series: MeetingSeries) -> MeetingSeries:
    """Stop a schedule: it no longer shows or appears in the calendar."""
    _require_manager(actor, series.group)
    if series.is_active:
        series.is_active = False
        series.save(update_fields=["is_active", "updated_at"])
        audit_record(actor=actor, action="meeting_series.end", target=series, organization=series.group.organization,
                     data={"group": series.group.slug}, is_staff_action=False)
    return series


def _check_occurrence(series: MeetingSeries, original_start: datetime) -> datetime:
    if timezone.is_naive(original_start):
        raise GroupError(_("Please give the meeting's time with its time zone."))
    if not is_occurrence(rule=series.rrule, start_date=series.start_date, start_time=series.start_time,
                         tz=series.group.timezone, moment=original_start):
        raise GroupError(_("There is no meeting at that time in this schedule."))
    return original_start.astimezone(ZoneInfo("UTC"))


def _note(actor, note: str):
    return prepare_user_text(text=note or "", lang=actor.language, markdown=False, max_length=300)


@transaction.atomic
def meeting_occurrence_cancel(*, actor, series: MeetingSeries, original_start: datetime,
                              note: str = "") -> MeetingException:
    _require_manager(actor, series.group)
    original_start = _check_occurrence(series, original_start)
    prepared = _note(actor, note)
    shown_start = _known_start(series, original_start)
    exception, _created = MeetingException.objects.update_or_create(
        series=series, original_start=original_start,
        defaults={"kind": ExceptionKind.CANCELLED, "new_start": None, "note": prepared.source},
    )
    if prepared.source:
        after_store(prepared=prepared, author=actor, target=exception, context="meeting.note")
    audit_record(actor=actor, action="meeting.cancel", target=exception, organization=series.group.organization,
                 data={"group": series.group.slug, "original_start": original_start.isoformat()},
                 is_staff_action=False)
    _tell_members(actor, exception, shown_start)
    return exception


def _known_start(series: MeetingSeries, original_start: datetime) -> datetime:
    """The time members know a meeting by: where it was moved to, else its usual time."""
    from peercircle.groups.selectors import occurrence_at

    return occurrence_at(series, original_start).start


def _tell_members(actor, exception: MeetingException, shown_start: datetime) -> None:
    """After the change commits, members hear of it (not the facilitator who made it), for a
    meeting still to come. A task: a big group's notes are not written in the request."""
    from peercircle.groups.tasks import meeting_change_notify

    new_start = exception.new_start if exception.kind == ExceptionKind.MOVED else None
    if max(shown_start, new_start or shown_start) <= timezone.now():
        return
    arguments = (exception.series_id, exception.original_start.isoformat(), shown_start.isoformat(),
                 new_start.isoformat() if new_start else None, exception.note, actor.pk if actor else None,
                 exception.updated_at.isoformat())
    transaction.on_commit(lambda: meeting_change_notify.enqueue(*arguments))


@transaction.atomic
def meeting_occurrence_move(*, actor, series: MeetingSeries, original_start: datetime, new_start: datetime,
                            note: str = "") -> MeetingException:
    _require_manager(actor, series.group)
    original_start = _check_occurrence(series, original_start)
    if timezone.is_naive(new_start):
        raise GroupError(_("Please give the new time with its time zone."))
    if abs(new_start - original_start) > timedelta(days=60):
        raise GroupError(_("A meeting can move by up to 60 days. For a bigger change, add a new meeting."))
    if new_start == original_start:
        raise GroupError(_("That is the time the meeting already has."))
    prepared = _note(actor, note)
    shown_start = _known_start(series, original_start)
    exception, _created = MeetingException.objects.update_or_create(
        series=series, original_start=original_start,
        defaults={"kind": ExceptionKind.MOVED, "new_start": new_start, "note": prepared.source},
    )
    if prepared.source:
        after_store(prepared=prepared, author=actor, target=exception, context="meeting.note")
    audit_record(actor=actor, action="meeting.move", target=exception, organization=series.group.organization,
                 data={"group": series.group.slug, "original_start": original_start.isoformat(),
                       "new_start": new_start.isoformat()}, is_staff_action=False)
    # Places follow the meeting (they name its original start); one that was cancelled and
    # is back on gives its free places to those waiting.
    places_refill(series=series, original_start=original_start)
    _tell_members(actor, exception, shown_start)
    return exception
