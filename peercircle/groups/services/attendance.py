"""Attendance: members check themselves in around a meeting's start, facilitators take a
register afterwards. A meeting is named by its series and its original start (in UTC)."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from peercircle.core.audit import audit_record
from peercircle.groups.access import GroupViewer
from peercircle.groups.models import (
    Attendance,
    AttendanceMethod,
    AttendanceStatus,
    ExceptionKind,
    GroupMembership,
    MeetingException,
    MeetingSeries,
)
from peercircle.groups.recurrence import is_occurrence
from peercircle.groups.services.groups import GroupError, _require_manager

UTC = ZoneInfo("UTC")
# Members may check in from this long before a meeting starts until it ends.
CHECK_IN_OPENS = timedelta(minutes=30)


@dataclass(frozen=True)
class MeetingTimes:
    original_start: datetime  # UTC: how the meeting is named
    start: datetime  # when it really starts (a moved meeting's new time)
    end: datetime


def original_start_utc(occurrence_start) -> datetime:
    """How a meeting is named: its original start, in UTC (refuses a time without a zone)."""
    if not isinstance(occurrence_start, datetime) or timezone.is_naive(occurrence_start):
        raise GroupError(_("Please give the meeting's time with its time zone."))
    return occurrence_start.astimezone(UTC)


def find_meeting(series: MeetingSeries, occurrence_start: datetime) -> tuple[MeetingTimes, bool]:
    """The meeting of `series` whose original start is `occurrence_start`, checked against the
    schedule, and whether it is cancelled. Refuses a time the schedule does not give."""
    original = original_start_utc(occurrence_start)
    if not is_occurrence(rule=series.rrule, start_date=series.start_date, start_time=series.start_time,
                         tz=series.group.timezone, moment=original):
        raise GroupError(_("There is no meeting at that time in this schedule."))
    exception = MeetingException.objects.filter(series=series, original_start=original).first()
    start = exception.new_start if exception is not None and exception.new_start else original
    cancelled = exception is not None and exception.kind == ExceptionKind.CANCELLED
    return MeetingTimes(original, start, start + timedelta(minutes=series.duration_minutes)), cancelled


def meeting_times(series: MeetingSeries, occurrence_start: datetime) -> MeetingTimes:
    """As find_meeting, refusing a cancelled meeting (there is nothing to attend)."""
    times, cancelled = find_meeting(series, occurrence_start)
    if cancelled:
        raise GroupError(_("That meeting was cancelled, so there is no attendance to record."))
    return times


def check_in_open(times: MeetingTimes, now: datetime | None = None) -> bool:
    now = now or timezone.now()
    return times.start - CHECK_IN_OPENS <= now < times.end


@transaction.atomic
def attendance_check_in(*, user, series: MeetingSeries, occurrence_start: datetime) -> Attendance:
    """An active member says they are at the meeting (from 30 minutes before it starts until it ends)."""
    if not GroupViewer(user, series.group).is_member:
        raise GroupError(_("Only members of the group can check in to its meetings."))
    if not series.is_active:
        raise GroupError(_("That meeting is no longer on the schedule."))
    times = meeting_times(series, occurrence_start)
    now = timezone.now()
    if now < times.start - CHECK_IN_OPENS:
        raise GroupError(_("Check-in opens 30 minutes before the meeting starts. Please come back then."))
    if now >= times.end:
        raise GroupError(_("That meeting has finished, so check-in is closed. A facilitator can still "
                           "add you to the register."))
    attendance, _created = Attendance.objects.update_or_create(
        series=series, occurrence_start=times.original_start, user=user,
        defaults={"status": AttendanceStatus.PRESENT, "method": AttendanceMethod.SELF, "recorded_by": user},
    )
    audit_record(actor=user, action="attendance.check_in", target=attendance,
                 organization=series.group.organization,
                 data={"group": series.group.slug, "series": series.pk,
                       "occurrence_start": times.original_start.isoformat()}, is_staff_action=False)
    return attendance


@transaction.atomic
def attendance_record(*, actor, series: MeetingSeries, occurrence_start: datetime,
                      present_user_ids) -> list[Attendance]:
    """A facilitator takes the register of a meeting that has started or is over: the people
    listed were there, the group's other active members were not."""
    group = series.group
    _require_manager(actor, group)
    times = meeting_times(series, occurrence_start)
    if timezone.now() < times.start - CHECK_IN_OPENS:
        raise GroupError(_("The register can be taken once the meeting is about to start, not before."))
    members = {m.user_id: m.user for m in GroupMembership.objects.active().filter(group=group).select_related("user")}
    present = {int(pk) for pk in present_user_ids}
    if present - set(members):
        raise GroupError(_("Some of the people marked present are not members of this group."))
    existing = {a.user_id: a for a in Attendance.objects.select_for_update().filter(
        series=series, occurrence_start=times.original_start, user_id__in=list(members))}
    recorded = []
    for user_id in members:
        status = AttendanceStatus.PRESENT if user_id in present else AttendanceStatus.ABSENT
        row = existing.get(user_id)
        if row is None:
            row = Attendance.objects.create(series=series, occurrence_start=times.original_start, user_id=user_id,
                                            status=status, method=AttendanceMethod.REGISTER, recorded_by=actor)
        elif row.status != status or row.method != AttendanceMethod.REGISTER:
            row.status, row.method, row.recorded_by = status, AttendanceMethod.REGISTER, actor
            row.save(update_fields=["status", "method", "recorded_by", "recorded_at"])
        recorded.append(row)
    audit_record(actor=actor, action="attendance.register", target=series, organization=group.organization,
                 data={"group": group.slug, "occurrence_start": times.original_start.isoformat(),
                       "present": len(present), "absent": len(members) - len(present)}, is_staff_action=False)
    return recorded
