"""Availability windows in a person's own time zone, and the hours of a week in UTC.

People give windows like "Tuesdays 18:00–21:00" in their own time zone. The engine compares
people across time zones with a 168-bit mask: bit `h` is hour `h` of a week in UTC, counted
from Monday 00:00. Converting uses the offsets of the coming week, so summer time is right for
now; masks are recomputed whenever someone edits their windows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

HOURS = 168
HEX_DIGITS = 42

# Weekdays as they read inside a sentence ("Both free Tuesday evening"); languages such as
# Spanish write them in lower case there ("el martes por la tarde").
DAY_NAMES = (pgettext_lazy("weekday in a sentence", "Monday"), pgettext_lazy("weekday in a sentence", "Tuesday"),
             pgettext_lazy("weekday in a sentence", "Wednesday"),
             pgettext_lazy("weekday in a sentence", "Thursday"), pgettext_lazy("weekday in a sentence", "Friday"),
             pgettext_lazy("weekday in a sentence", "Saturday"), pgettext_lazy("weekday in a sentence", "Sunday"))
# Parts of a day, by their first local hour: how overlaps are told in plain words.
PARTS = ((6, 12, "morning"), (12, 17, "afternoon"), (17, 22, "evening"), (22, 30, "night"))


class AvailabilityError(ValueError):
    """A window that cannot be understood; the message is safe to show."""


@dataclass(frozen=True)
class Window:
    day: int  # 0 = Monday
    start: time
    end: time  # 00:00 means midnight at the end of the day

    def to_dict(self) -> dict:
        return {"day": self.day, "start": self.start.strftime("%H:%M"), "end": self.end.strftime("%H:%M")}


def parse_windows(raw) -> list[Window]:
    """Windows from JSON-like dicts, checked; raises AvailabilityError with a kind message."""
    windows = []
    for item in raw or []:
        try:
            day = int(item["day"])
            start = time.fromisoformat(str(item["start"]))
            end = time.fromisoformat(str(item["end"]))
            if start.tzinfo is not None or end.tzinfo is not None:
                # Windows are in the person's own time zone; a time with its own offset
                # ("18:00+05:00") couldn't be compared with one without.
                raise ValueError("a time with an offset")
        except (KeyError, TypeError, ValueError):
            raise AvailabilityError(_("A time window needs a day, a start and an end, like Tuesday 18:00 to 21:00.")) from None
        if not 0 <= day <= 6:
            raise AvailabilityError(_("A day of the week is 0 (Monday) to 6 (Sunday)."))
        if end != time(0) and end <= start:
            raise AvailabilityError(_("A time window has to end after it starts."))
        windows.append(Window(day=day, start=start, end=end))
    return windows


def _week_start(zone: ZoneInfo, now: datetime | None = None) -> datetime:
    local = (now or timezone.now()).astimezone(zone)
    monday = (local - timedelta(days=local.weekday())).date()
    return datetime.combine(monday, time(0))


def utc_mask(windows: list[Window], zone_name: str, *, now: datetime | None = None) -> int:
    """The hours of a UTC week these local windows touch (an hour counts when any part of it is
    in a window)."""
    zone = ZoneInfo(zone_name or "UTC")
    monday = _week_start(zone, now)
    utc_monday = datetime.combine(monday.date(), time(0), tzinfo=ZoneInfo("UTC"))
    mask = 0
    for window in windows:
        day = monday + timedelta(days=window.day)
        start = datetime.combine(day.date(), window.start, tzinfo=zone)
        end = (datetime.combine(day.date() + timedelta(days=1), time(0), tzinfo=zone)
               if window.end == time(0) else datetime.combine(day.date(), window.end, tzinfo=zone))
        hour = start.astimezone(ZoneInfo("UTC")).replace(minute=0, second=0, microsecond=0)
        while hour < end:
            index = int((hour - utc_monday).total_seconds() // 3600) % HOURS
            mask |= 1 << index
            hour += timedelta(hours=1)
    return mask


def to_hex(mask: int) -> str:
    return f"{mask:0{HEX_DIGITS}x}"


def from_hex(value: str) -> int:
    return int(value or "0", 16)


def words(mask: int, zone_name: str, *, limit: int = 3, now: datetime | None = None) -> list[str]:
    """The overlap in plain words in a person's time zone, such as "Tuesday evening"."""
    zone = ZoneInfo(zone_name or "UTC")
    utc_monday = datetime.combine(_week_start(ZoneInfo("UTC"), now).date(), time(0), tzinfo=ZoneInfo("UTC"))
    hours_by_part: dict[tuple[int, str], int] = {}
    for index in range(HOURS):
        if mask >> index & 1:
            local = (utc_monday + timedelta(hours=index)).astimezone(zone)
            day, hour = local.weekday(), local.hour
            if hour < 6:  # the small hours belong to the night before
                day, hour = (day - 1) % 7, hour + 24
            part = next(name for first, last, name in PARTS if first <= hour < last)
            hours_by_part[(day, part)] = hours_by_part.get((day, part), 0) + 1
    ranked = sorted(hours_by_part.items(), key=lambda item: (-item[1], item[0][0]))
    return [part_label(day, part) for (day, part), _count in ranked[:limit]]


def part_label(day: int, part: str) -> str:
    values = {"day": DAY_NAMES[day]}
    return {
        "morning": _("%(day)s morning"), "afternoon": _("%(day)s afternoon"),
        "evening": _("%(day)s evening"), "night": _("%(day)s night"),
    }[part] % values


def describe(windows: list[Window]) -> list[str]:
    """A person's own windows, as they gave them."""
    return [_("%(day)s %(start)s–%(end)s") % {"day": DAY_NAMES[w.day], "start": w.start.strftime("%H:%M"),
                                             "end": "24:00" if w.end == time(0) else w.end.strftime("%H:%M")}
            for w in windows]
