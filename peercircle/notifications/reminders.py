"""Reminders sent on a clock: before meetings, and to confirm a group's listing.

Both dispatchers are safe to run twice, or from two clocks at once: every note has a dedupe
key that is unique per person (a database constraint), so a second run sends nothing new.
Both take `now` so tests (and a late task) can say which minute they are working for.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import F, Prefetch, Q
from django.db.models.lookups import GreaterThan
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from peercircle.core.timezones import person_zone, timezone_names
from peercircle.groups.access import listed_groups
from peercircle.groups.models import (
    ExceptionKind,
    GroupMembership,
    GroupStatus,
    MeetingException,
    MeetingPlace,
    MeetingSeries,
    MembershipRole,
    PlaceStatus,
    SupportGroup,
)
from peercircle.groups.recurrence import Occurrence
from peercircle.groups.selectors import listing_confirm_days, series_occurrences
from peercircle.notifications.kinds import LISTING_CONFIRMATION, MEETING_REMINDER
from peercircle.notifications.models import LEADS, ClockMark, Notification
from peercircle.notifications.selectors import preferences_for
from peercircle.notifications.services import notification_send

UTC = ZoneInfo("UTC")
BATCH = 500
MEETINGS_MARK = "meeting_reminders"
# "Changed since the last run" looks a minute further back: a change saved while the last run
# was reading is seen again rather than missed.
OVERLAP = timedelta(minutes=1)
TURN_OFF = {
    MEETING_REMINDER: lambda: _("To turn off meeting reminders, or choose when they come, go to "
                                "Profile → Notifications."),
    LISTING_CONFIRMATION: lambda: _("To turn off these reminders, go to Profile → Notifications."),
}


# --- Meetings ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class DueMeeting:
    series: MeetingSeries
    occurrence: Occurrence
    lead: str

    @property
    def dedupe_key(self) -> str:
        # The occurrence is named by its original start and the time it now has: a meeting
        # moved after its reminder went gets a new reminder with the new time.
        start = self.occurrence.start.astimezone(UTC)
        return f"meeting:{self.series.pk}:{self.occurrence.key}:{start:%Y%m%dT%H%M}:{self.lead}"


@dataclass(frozen=True)
class StillWaiting:
    """Instead of a reminder, for someone on the waiting list of a full meeting: so they do
    not travel to a room with no place for them."""

    due: DueMeeting

    @property
    def dedupe_key(self) -> str:
        # Once per meeting, whatever the leads the person chose or a move of the meeting.
        return f"meeting:{self.due.series.pk}:{self.due.occurrence.key}:waiting"


def meeting_reminders_dispatch(*, now: datetime | None = None) -> int:
    """Remind active members (and facilitators) of active groups of meetings starting within
    their chosen lead time: 1 day and/or 2 hours. Cancelled meetings are skipped; moved ones
    are reminded at their new time. At a meeting with a capacity, only people with a booked
    place (and the facilitators) are reminded; people on its waiting list are told once, instead,
    that they still are; members with neither hear nothing. Returns how many were sent.

    Each run reads only the meetings that came into a window since the last run (ClockMark),
    plus — over the whole catch-up window — those of groups where something changed since: a
    schedule added or changed, a meeting moved, someone joined. So a reminder may go late,
    never twice: up to 6 hours late for "tomorrow" and 1 hour for "in 2 hours" (after the clock
    was stopped, or for someone who joined in the meantime); later than that it is not sent."""
    now = now or timezone.now()
    longest = max(grace for _ahead, grace in LEADS.values())
    since = _since(MEETINGS_MARK, now, longest)
    full = {lead: (now + ahead - grace, now + ahead + timedelta(minutes=1)) for lead, (ahead, grace) in LEADS.items()}
    # Each window ends a minute ahead, exclusive: the next run starts where the last one ended.
    fresh = full if since is None else {
        lead: (max(full[lead][0], since + ahead + timedelta(minutes=1)), full[lead][1])
        for lead, (ahead, _grace) in LEADS.items()}
    changed_since = (now - longest if since is None else since) - OVERLAP
    by_group: dict[int, list[DueMeeting]] = defaultdict(list)
    for series in _candidate_series(fresh, full, changed_since=changed_since):
        for lead, (start, end) in full.items():
            for occurrence in series_occurrences(series, series.group.timezone, start, end,
                                                 include_cancelled=False, exceptions=series.window_exceptions):
                by_group[series.group_id].append(DueMeeting(series, occurrence, lead))
    places = _places_at([due for dues in by_group.values() for due in dues])
    planned = []
    group_ids = sorted(by_group)
    for offset in range(0, len(group_ids), BATCH):
        for membership in (GroupMembership.objects.active()
                           .filter(group_id__in=group_ids[offset:offset + BATCH], user__is_active=True,
                                   user__deleted_at__isnull=True)
                           .select_related("user", "user__profile", "user__notification_preferences")
                           .order_by("pk")):
            preferences = preferences_for(membership.user)
            if not preferences.meeting_reminders:
                continue
            for due in by_group[membership.group_id]:
                if due.lead not in preferences.leads:
                    continue
                note = _reminder_for(membership, due, places)
                if note is not None:
                    planned.append((membership.user, note, note.dedupe_key))
    sent = _send_new(planned, lambda user, due: _meeting_note(user, due, now), kind=MEETING_REMINDER)
    _advance(MEETINGS_MARK, now)
    return sent


def _places_at(dues: list[DueMeeting]) -> dict[tuple[int, datetime, int], str]:
    """The current places (booked or waiting) at those due meetings that have a capacity, by
    (series id, original start in UTC, person id): one query, or one per BATCH meetings in a
    long catch-up. Places are named by the meeting's original start, as its moves keep them."""
    meetings = sorted({(due.occurrence.original_start.astimezone(UTC), due.series.pk)
                       for due in dues if due.occurrence.has_places})
    found = {}
    step = BATCH // 2  # two values a meeting: the IN lists stay short enough for SQLite
    for offset in range(0, len(meetings), step):
        series_at: dict[datetime, list[int]] = defaultdict(list)
        for start, series_id in meetings[offset:offset + step]:
            series_at[start].append(series_id)
        condition = Q()
        for start, series_ids in series_at.items():
            condition |= Q(occurrence_start=start, series_id__in=series_ids)
        for series_id, start, user_id, status in (MeetingPlace.objects.current().filter(condition).order_by()
                                                  .values_list("series_id", "occurrence_start", "user_id", "status")):
            found[(series_id, start.astimezone(UTC), user_id)] = status
    return found


def _reminder_for(membership, due: DueMeeting, places: dict) -> DueMeeting | StillWaiting | None:
    """What this person is told of this meeting: a reminder, that they are still waiting for a
    place, or (at a meeting with places, without one) nothing. Facilitators run the meeting."""
    if not due.occurrence.has_places or membership.role == MembershipRole.FACILITATOR:
        return due
    status = places.get((due.series.pk, due.occurrence.original_start.astimezone(UTC), membership.user_id))
    if status == PlaceStatus.BOOKED:
        return due
    if status == PlaceStatus.WAITING:
        return StillWaiting(due)
    return None


def _since(name: str, now: datetime, longest_grace: timedelta) -> datetime | None:
    """Where the last run got to; None when it is older than the catch-up window (or there
    was none): then the whole window is read."""
    reached = ClockMark.objects.filter(name=name).values_list("reached_at", flat=True).first()
    if reached is None or reached < now - longest_grace:
        return None
    return min(reached, now)  # a clock ahead of this one: nothing new for this one


def _advance(name: str, now: datetime) -> None:
    if not ClockMark.objects.filter(name=name, reached_at__lte=now).update(reached_at=now):
        ClockMark.objects.get_or_create(name=name, defaults={"reached_at": now})


def _candidate_series(fresh: dict, full: dict, *, changed_since: datetime):
    """Series that may meet in a `fresh` window, or in a `full` one for groups where something
    changed since `changed_since`; with their exceptions near the windows.

    The SQL only narrows down (by each series' weekdays and local start minute, zone by zone);
    the schedule is then expanded exactly. Rules whose days or times those two columns do not
    describe (BYHOUR, monthly on a date) and meetings moved into a window always come along."""
    zones = [tz for tz in SupportGroup.objects.filter(status=GroupStatus.ACTIVE).order_by()
             .values_list("timezone", flat=True).distinct() if tz in timezone_names()]
    if not zones:
        return
    # Subqueries rather than joins: SQLite then reads the series table once, in order.
    active = SupportGroup.objects.filter(status=GroupStatus.ACTIVE).values("pk")
    changed = (Q(updated_at__gte=changed_since)
               | Q(group_id__in=SupportGroup.objects.filter(updated_at__gte=changed_since).values("pk"))
               | Q(pk__in=MeetingException.objects.filter(updated_at__gte=changed_since).values("series_id"))
               | Q(group_id__in=GroupMembership.objects.filter(joined_at__gte=changed_since).values("group_id")))
    span_start = min(start for start, _end in full.values())
    span_end = max(end for _start, end in full.values())
    near = (Q(original_start__gte=span_start - timedelta(days=1), original_start__lt=span_end + timedelta(days=1))
            | Q(new_start__gte=span_start, new_start__lt=span_end))
    ids = list(MeetingSeries.objects.filter(is_active=True, group_id__in=active)
               .filter(_may_meet(zones, fresh) | (changed & _may_meet(zones, full)))
               .order_by("pk").values_list("pk", flat=True))
    # In batches: SQLite refuses very long IN lists (a catch-up run may find thousands).
    for offset in range(0, len(ids), BATCH):
        yield from (MeetingSeries.objects.filter(pk__in=ids[offset:offset + BATCH]).select_related("group")
                    .prefetch_related(Prefetch("exceptions", queryset=MeetingException.objects.filter(near),
                                               to_attr="window_exceptions"))
                    .order_by("pk"))


# Rules whose days or times the weekday and start-minute columns may not describe: times from
# BYHOUR, BYMINUTE or BYSECOND, and monthly or yearly ones not tied to weekdays. Short patterns
# (BYM also finds BYMONTH, BYS BYSETPOS: those are expanded exactly, no harm) keep the text
# matching on every row cheap; rules are stored upper-case.
IRREGULAR = (Q(rrule__contains="BYH") | Q(rrule__contains="BYM") | Q(rrule__contains="BYS")
             | (~Q(rrule__contains="BYDAY") & (Q(rrule__contains="MONTHLY") | Q(rrule__contains="YEARLY"))))


def _may_meet(zones: list[str], windows: dict) -> Q:
    span_start = min(start for start, _end in windows.values())
    span_end = max(end for _start, end in windows.values())
    schedule, minutes = Q(), set()
    for start, end in windows.values():
        if start < end:
            condition, found = _in_window_somewhere(zones, start, end)
            schedule |= condition
            minutes |= found
    if len(minutes) < 720:
        # One cheap test first: most series start at none of these local minutes anywhere.
        schedule = Q(start_minute__in=sorted(minutes)) & schedule
    # Local dates anywhere on Earth (UTC-12 to UTC+14) during the span, a day either side.
    first_day = (span_start - timedelta(hours=13)).date() - timedelta(days=1)
    last_day = (span_end + timedelta(hours=15)).date() + timedelta(days=1)
    regular = (schedule | IRREGULAR) & Q(start_date__lte=last_day) & ~Q(rrule="", start_date__lt=first_day)
    moved_in = (MeetingException.objects.filter(kind=ExceptionKind.MOVED, new_start__gte=span_start,
                                                new_start__lt=span_end).values("series_id"))
    return regular | Q(pk__in=moved_in)


def _in_window_somewhere(zones: list[str], start: datetime, end: datetime) -> tuple[Q, set[int]]:
    """Series whose local weekday and start minute fall in [start, end) in their group's zone.
    Zones are grouped by their UTC offsets at both ends, so there is one condition per offset
    pair, not per zone. Where a clock change falls inside the window, the local window is
    widened to cover both offsets (the exact expansion filters afterwards)."""
    by_offsets: dict[tuple[timedelta, timedelta], list[str]] = defaultdict(list)
    for name in zones:
        zone = ZoneInfo(name)
        by_offsets[(start.astimezone(zone).utcoffset(), end.astimezone(zone).utcoffset())].append(name)
    start_utc = start.astimezone(UTC).replace(tzinfo=None)
    end_utc = end.astimezone(UTC).replace(tzinfo=None)
    found, minutes = Q(), set()
    for (at_start, at_end), names in by_offsets.items():
        local = _local_window(start_utc + min(at_start, at_end), end_utc + max(at_start, at_end), minutes)
        # The cheap integer tests first: SQLite stops at the first that fails.
        found |= local & Q(group__timezone__in=names)
    return found, minutes


def _local_window(start: datetime, end: datetime, minutes: set[int]) -> Q:
    """Weekday bit and start minute conditions for the naive local times in [start, end);
    adds the minutes of the day they cover to `minutes`."""
    minute = timedelta(minutes=1)
    found = Q()
    day = start.date()
    while day <= end.date():
        midnight = datetime.combine(day, time())
        low, high = max(start, midnight), min(end, midnight + timedelta(days=1))
        if low < high:
            first = (low - midnight) // minute
            last = -((midnight - high) // minute)  # rounded up: a meeting at 19:00 is before 19:00:30
            minutes.update(range(first, last))
            found |= (Q(start_minute__gte=first, start_minute__lt=last)
                      & Q(GreaterThan(F("weekdays").bitand(1 << day.weekday()), 0)))
        day += timedelta(days=1)
    return found


def _meeting_note(user, subject: DueMeeting | StillWaiting, now: datetime) -> dict:
    """Title and body in the person's language, with the time in their own time zone."""
    waiting = isinstance(subject, StillWaiting)
    due = subject.due if waiting else subject
    group = due.series.group
    zone = person_zone(user, group.timezone)
    start = due.occurrence.start.astimezone(zone)
    today = now.astimezone(zone).date()
    values = {"meeting": due.series.title, "group": group.name, "time": date_format(start, "H:i"),
              "date": date_format(start, "l j F"), "zone": zone.key}
    if waiting:
        if start.date() == today:
            sentence = _("You are still on the waiting list for “%(meeting)s” (%(group)s), which starts today "
                         "at %(time)s (%(zone)s time).")
        elif start.date() == today + timedelta(days=1):
            sentence = _("You are still on the waiting list for “%(meeting)s” (%(group)s), which starts "
                         "tomorrow at %(time)s (%(zone)s time).")
        else:
            sentence = _("You are still on the waiting list for “%(meeting)s” (%(group)s), which starts on "
                         "%(date)s at %(time)s (%(zone)s time).")
    elif start.date() == today:
        sentence = _("Your meeting “%(meeting)s” (%(group)s) starts today at %(time)s (%(zone)s time).")
    elif start.date() == today + timedelta(days=1):
        sentence = _("Your meeting “%(meeting)s” (%(group)s) starts tomorrow at %(time)s (%(zone)s time).")
    else:
        sentence = _("Your meeting “%(meeting)s” (%(group)s) starts on %(date)s at %(time)s (%(zone)s time).")
    lines = [sentence % values]
    if due.occurrence.is_moved:
        lines.append(_("This meeting has moved from its usual time."))
    if waiting:
        lines.append(_("The meeting is full for now, so please only go if a place opens up for you: we will "
                       "let you know if one does. If you can no longer go, you can leave the waiting list on "
                       "the group's page."))
    lines.append(TURN_OFF[MEETING_REMINDER]())
    title = (_("Still on the waiting list: %(meeting)s") if waiting else _("Meeting reminder: %(meeting)s")) % values
    return {"title": title, "body": "\n\n".join(lines), "url": reverse("groups:detail", args=[group.slug])}


# --- Listings -------------------------------------------------------------------------------

def listing_confirmation_dispatch(*, now: datetime | None = None) -> int:
    """Ask the facilitators of listed groups whose details were last confirmed more than
    PEERCIRCLE_LISTING_CONFIRM_DAYS ago (or never) to confirm them, once per such period.
    Returns how many were sent."""
    now = now or timezone.now()
    period = timedelta(days=listing_confirm_days())
    due = (listed_groups().filter(Q(last_confirmed_at__lt=now - period) | Q(last_confirmed_at__isnull=True))
           .only("pk", "slug", "name", "timezone", "last_confirmed_at", "created_at").order_by("pk"))
    sent = 0
    for offset in range(0, due.count(), BATCH):
        groups = {g.pk: g for g in due[offset:offset + BATCH]}
        facilitators = (GroupMembership.objects.active()
                        .filter(group_id__in=list(groups), role=MembershipRole.FACILITATOR,
                                user__is_active=True, user__deleted_at__isnull=True)
                        .select_related("user", "user__profile", "user__notification_preferences").order_by("pk"))
        planned = [(m.user, groups[m.group_id], _listing_key(groups[m.group_id], now, period))
                   for m in facilitators if preferences_for(m.user).listing_confirmation_reminders]
        sent += _send_new(planned, _listing_note, kind=LISTING_CONFIRMATION)
    return sent


def _listing_key(group: SupportGroup, now: datetime, period: timedelta) -> str:
    # One reminder per period without a confirmation; confirming starts the count again.
    since = group.last_confirmed_at or group.created_at
    return f"listing:{group.pk}:{since.astimezone(UTC):%Y%m%dT%H%M%S}:{(now - since) // period}"


def _listing_note(user, group: SupportGroup) -> dict:
    values = {"group": group.name}
    if group.last_confirmed_at:
        confirmed = group.last_confirmed_at.astimezone(person_zone(user, group.timezone))
        values["date"] = date_format(confirmed, "DATE_FORMAT")
        first = _("The details of %(group)s were last confirmed on %(date)s.") % values
    else:
        first = _("Nobody has confirmed the details of %(group)s yet.") % values
    lines = [first, _("Please check them, and confirm them on the group's page: people trust a listing "
                      "that is kept up to date."), TURN_OFF[LISTING_CONFIRMATION]()]
    return {"title": _("Are the details of %(group)s still right?") % values, "body": "\n\n".join(lines),
            "url": reverse("groups:manage", args=[group.slug]) + "#confirm-h"}


# --- Sending --------------------------------------------------------------------------------

def _send_new(planned: list, note, *, kind: str) -> int:
    """Send each (person, subject, dedupe key) not sent before, in the person's language.
    Keys already sent are read once per batch, so a second run costs one query a batch."""
    sent = 0
    for offset in range(0, len(planned), BATCH):
        batch = planned[offset:offset + BATCH]
        already = set(Notification.objects.filter(
            recipient_id__in={user.pk for user, _subject, _key in batch},
            dedupe_key__in={key for _user, _subject, key in batch}).values_list("recipient_id", "dedupe_key"))
        for user, subject, key in batch:
            if (user.pk, key) in already:
                continue
            with translation.override(user.language or settings.LANGUAGE_CODE):
                written = note(user, subject)
            if notification_send(recipient=user, kind=kind, dedupe_key=key, **written):
                sent += 1
    return sent
