"""Expanding meeting schedules. Rules are expanded in the group's local wall time and only
then given a time zone, so a 19:00 meeting stays at 19:00 local across daylight saving.

Pure functions on plain values: the selectors feed them series and exceptions.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from dateutil.rrule import DAILY, MONTHLY, WEEKLY, YEARLY, rrulestr
from django.utils.translation import gettext as _

ALLOWED_FREQUENCIES = {DAILY, WEEKLY, MONTHLY, YEARLY}
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_UNTIL = re.compile(r"UNTIL=(\d{8})(?:T(\d{6})(Z?))?", re.IGNORECASE)


class InvalidRule(ValueError):
    """The rule cannot be used; the message says which part, in plain words."""


def normalize_rule(rule: str, *, tz: str) -> str:
    """A single RRULE, upper-case, without the "RRULE:" prefix, with UNTIL as local time.

    RFC 5545 writes UNTIL in UTC when DTSTART has a time zone; we expand in local wall time,
    so a UTC UNTIL is turned into the group's local time here (and back in the iCalendar)."""
    rule = (rule or "").strip().upper()
    if rule.startswith("RRULE:"):
        rule = rule[len("RRULE:"):]
    if not rule:
        return ""
    if any(part in rule for part in ("\n", "DTSTART", "EXDATE", "RDATE")):
        raise InvalidRule(_("Give one repeat rule only (no DTSTART, EXDATE or RDATE)."))

    def local_until(match: re.Match) -> str:
        day, clock, utc = match.group(1), match.group(2) or "235959", match.group(3)
        moment = datetime.strptime(day + clock, "%Y%m%d%H%M%S")
        if utc:
            moment = moment.replace(tzinfo=ZoneInfo("UTC")).astimezone(ZoneInfo(tz)).replace(tzinfo=None)
        return f"UNTIL={moment:%Y%m%dT%H%M%S}"

    try:
        rule = _UNTIL.sub(local_until, rule)
        parsed = rrulestr(rule, dtstart=datetime(2000, 1, 1))
    except (ValueError, TypeError, KeyError) as error:
        raise InvalidRule(_("That repeat rule could not be read.")) from error
    if parsed._freq not in ALLOWED_FREQUENCIES:
        raise InvalidRule(_("Meetings can repeat daily, weekly, monthly or yearly."))
    return rule


def build_rule(*, pattern: str, weekday: str = "", nth: int = 1, until: date | None = None) -> str:
    """The rule for a schedule chosen in the friendly form."""
    if pattern == "once":
        return ""
    if weekday not in WEEKDAYS:
        raise InvalidRule(_("Please choose a day of the week."))
    if pattern == "weekly":
        rule = f"FREQ=WEEKLY;BYDAY={weekday}"
    elif pattern == "every_other_week":
        rule = f"FREQ=WEEKLY;INTERVAL=2;BYDAY={weekday}"
    elif pattern == "monthly":
        if nth not in (1, 2, 3, 4, -1):
            raise InvalidRule(_("Please choose which week of the month."))
        rule = f"FREQ=MONTHLY;BYDAY={nth}{weekday}"
    else:
        raise InvalidRule(_("Please choose how often the group meets."))
    if until:
        rule += f";UNTIL={until:%Y%m%d}T235959"
    return rule


def local_rule(rule: str, first: datetime):
    return _parsed_rule(rule, first) if rule else None


@lru_cache(maxsize=2048)
def _parsed_rule(rule: str, first: datetime):
    # Parsing is most of the cost of a short expansion, and after skip_ahead many series
    # share a first date: keep the parsed rules (iterating one does not change it).
    return rrulestr(rule, dtstart=first)


_INTERVAL = re.compile(r"INTERVAL=(\d+)", re.IGNORECASE)


def skip_ahead(rule: str, start_date: date, before: date) -> date:
    """A later first date for a weekly schedule that gives the same meetings from `before`
    on: whole periods (one week, or INTERVAL weeks) are skipped, so expanding the rule no
    longer walks every week since it began. Other rules (and weekly ones with COUNT or
    BYSETPOS, whose meetings depend on those before) keep their first date."""
    upper = (rule or "").upper()
    if "FREQ=WEEKLY" not in upper or "COUNT=" in upper or "BYSETPOS" in upper:
        return start_date
    interval = _INTERVAL.search(upper)
    step = 7 * (int(interval.group(1)) if interval else 1)
    periods = (before - start_date).days // step - 1
    return start_date + timedelta(days=periods * step) if periods > 0 else start_date


def first_occurrence(rule: str, start_date: date, start_time: time) -> date | None:
    """The first date on or after `start_date` the rule gives (RFC 5545 counts DTSTART as an
    occurrence, so it must be one). None when the rule never happens."""
    first = datetime.combine(start_date, start_time)
    if not rule:
        return start_date
    found = local_rule(rule, first).after(first, inc=True)
    return found.date() if found else None


def localize(moment: datetime, tz: ZoneInfo) -> datetime:
    """Local wall time → aware. A time skipped by a clock change (01:30 on the spring-forward
    night) takes the offset from before the change: the meeting is an hour later that day."""
    return moment.replace(tzinfo=tz)


def rule_starts(*, rule: str, start_date: date, start_time: time, tz: str,
                start: datetime, end: datetime, limit: int = 1000) -> list[datetime]:
    """Aware starts (in the group's zone) of the schedule in [start, end)."""
    zone = ZoneInfo(tz)
    # A day either side of the window covers any UTC offset; exact filtering is done aware.
    window_start = start.astimezone(zone).replace(tzinfo=None) - timedelta(days=1)
    window_end = end.astimezone(zone).replace(tzinfo=None) + timedelta(days=1)
    if rule:
        start_date = skip_ahead(rule, start_date, window_start.date())
    first = datetime.combine(start_date, start_time)
    weekly = _plain_weekly(rule) if rule else None
    if not rule:
        local = [first] if window_start <= first <= window_end else []
    elif weekly is not None:
        local = _weekly_starts(*weekly, first, max(first, window_start), window_end)[:limit]
    else:
        local = []
        for moment in local_rule(rule, first).xafter(max(first, window_start), inc=True):
            if moment > window_end or len(local) >= limit:
                break
            local.append(moment)
    return [aware for aware in (localize(m, zone) for m in local) if start <= aware < end]


@lru_cache(maxsize=256)
def _plain_weekly(rule: str) -> tuple[frozenset[int], int] | None:
    """(weekdays, interval) for the common "FREQ=WEEKLY[;INTERVAL=n][;BYDAY=TU,TH]" rules,
    which rule_starts expands by date arithmetic; None for anything else (dateutil's job)."""
    parts = {}
    for part in rule.upper().split(";"):
        key, _, value = part.partition("=")
        parts[key] = value
    if parts.get("FREQ") != "WEEKLY" or set(parts) - {"FREQ", "INTERVAL", "BYDAY", "WKST"}:
        return None
    if parts.get("WKST", "MO") != "MO":
        return None
    days = parts.get("BYDAY", "")
    codes = days.split(",") if days else []
    if any(code not in WEEKDAYS for code in codes):
        return None
    interval = parts.get("INTERVAL", "1")
    if not interval.isdigit() or int(interval) < 1:
        return None
    return frozenset(WEEKDAYS.index(code) for code in codes), int(interval)


def _weekly_starts(days: frozenset[int], interval: int, first: datetime, after: datetime,
                   until: datetime) -> list[datetime]:
    """Local starts of a plain weekly rule from `after` to `until` (both included), as dateutil
    gives them: weeks (Monday first) counted from the first date's, every `interval`th."""
    days = days or frozenset({first.weekday()})
    first_week = first.date() - timedelta(days=first.weekday())
    found = []
    day = after.date()
    while day <= until.date():
        moment = datetime.combine(day, first.time())
        if (day.weekday() in days and ((day - first_week).days // 7) % interval == 0
                and after <= moment <= until):
            found.append(moment)
        day += timedelta(days=1)
    return found


def is_occurrence(*, rule: str, start_date: date, start_time: time, tz: str, moment: datetime) -> bool:
    starts = rule_starts(rule=rule, start_date=start_date, start_time=start_time, tz=tz,
                         start=moment - timedelta(minutes=1), end=moment + timedelta(minutes=1))
    return any(s == moment for s in starts)


@dataclass(frozen=True)
class Occurrence:
    series_id: int
    title: str
    start: datetime
    end: datetime
    original_start: datetime
    status: str  # "scheduled", "moved" or "cancelled"
    note: str = ""
    capacity: int | None = None  # places per meeting (the series'); None: no limit, no booking

    @property
    def has_places(self) -> bool:
        return self.capacity is not None

    @property
    def is_cancelled(self) -> bool:
        return self.status == "cancelled"

    @property
    def is_moved(self) -> bool:
        return self.status == "moved"

    @property
    def key(self) -> str:
        """How a form names this occurrence: its original start in UTC."""
        return self.original_start.astimezone(ZoneInfo("UTC")).strftime("%Y-%m-%dT%H:%M:%SZ")


_BYDAY = re.compile(r"BYDAY=([^;]+)", re.IGNORECASE)
_FREQ = re.compile(r"FREQ=(\w+)", re.IGNORECASE)


def weekday_mask(rule: str, start_date: date) -> int:
    """The days of the week a schedule meets on, as bits (Monday 1, Tuesday 2 … Sunday 64),
    for the directory's day filter. BYDAY names them ("1TU" still meets on a Tuesday); a daily
    rule without BYDAY meets every day; anything else repeats the first date's weekday."""
    byday = _BYDAY.search(rule or "")
    if byday:
        mask = 0
        for part in byday.group(1).split(","):
            code = part.strip().upper()[-2:]
            if code in WEEKDAYS:
                mask |= 1 << WEEKDAYS.index(code)
        if mask:
            return mask
    freq = _FREQ.search(rule or "")
    if freq and freq.group(1).upper() == "DAILY":
        return 0b1111111
    return 1 << start_date.weekday()
