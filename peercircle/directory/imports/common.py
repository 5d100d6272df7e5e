"""What both readers produce: source rows in PeerCircle's terms, before anything is compared
with the database. Pure values; no queries."""

import re
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from functools import lru_cache

from django.utils.formats import date_format

from peercircle.core.errors import UserFacingError
from peercircle.core.places import countries, fold
from peercircle.core.timezones import timezone_names


class ListingImportError(UserFacingError):
    """The source cannot be read or imported; the message says why, for the person."""


@dataclass
class Schedule:
    """One meeting schedule: a rule (RFC 5545, no DTSTART) at a local time."""

    key: str                       # the source's id for it (a Meeting Guide slug, an HSDS schedule id)
    title: str
    rrule: str
    start_time: time
    duration_minutes: int
    start_date: date | None = None  # None: from today
    online_url: str = ""
    # A title PeerCircle made up (the source had none): it is not compared when importing again,
    # so importing in another language does not "change" it.
    title_is_default: bool = False


@dataclass
class GroupDetails:
    """A group's details as one source row gives them. `None` means "the source doesn't say",
    so the import leaves that field as it is."""

    name: str
    description: str = ""
    format: str = "in_person"
    venue_name: str = ""
    address: str = ""
    towns: list[str] = field(default_factory=list)  # names to try, best first
    country: str = ""
    country_certain: bool = True   # False: read from the end of an address, may be a state ("IL")
    latitude: float | None = None
    longitude: float | None = None
    timezone: str = ""             # the source's own, if it gave one
    online_url: str = ""
    languages: list[str] | None = None
    languages_managed: frozenset[str] = frozenset()  # codes the source can express at all
    join_policy: str | None = None
    accessibility: list[str] | None = None
    accessibility_managed: frozenset[str] = frozenset()
    communities: list[str] | None = None
    communities_managed: frozenset[str] = frozenset()
    status: str = "active"


@dataclass
class SourceRow:
    number: int                    # 1-based, as the person counts rows in the file
    label: str                     # its name, for messages
    key: str                       # the row's own id in the source
    group_key: str                 # rows with the same group key become one group
    group: GroupDetails | None = None
    schedules: list[Schedule] = field(default_factory=list)
    problem: str = ""              # why it cannot be imported (the row is skipped)
    notes: list[str] = field(default_factory=list)  # what was left out or assumed

    @property
    def is_bad(self) -> bool:
        return bool(self.problem)


# --- Small readers shared by both formats ----------------------------------------------------

_CLOCK = re.compile(r"^\s*(\d{1,2}):(\d{2})(?::(\d{2}))?\s*$")


def read_time(value) -> time | None:
    """"19:00", "7:30" or "19:00:00" → a time of day, else None."""
    if not isinstance(value, str):
        return None
    match = _CLOCK.match(value)
    if not match:
        return None
    hour, minute, second = int(match.group(1)), int(match.group(2)), int(match.group(3) or 0)
    if hour > 23 or minute > 59 or second > 59:
        return None
    return time(hour, minute)


def minutes_between(start: time, end: time | None, default: int = 60) -> int:
    """Length of a meeting from its start and end times, past midnight if need be."""
    if end is None:
        return default
    minutes = (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)
    if minutes == 0:
        return default
    return minutes % (24 * 60)


def text(value, limit: int | None = None) -> str:
    if value is None or isinstance(value, (dict, list, bool)):
        return ""
    out = str(value).strip()
    return out[:limit] if limit else out


def number(value) -> float | None:
    if isinstance(value, bool) or value in (None, ""):
        return None
    try:
        out = float(value)
    except (TypeError, ValueError):
        return None
    return out if out == out and abs(out) != float("inf") else None  # not NaN or infinite


def valid_timezone(name: str) -> bool:
    return name in timezone_names()


# Names people write for countries in addresses, beyond ISO codes and English names.
_COUNTRY_ALIASES = {"usa": "US", "u.s.a.": "US", "u.s.": "US", "united states of america": "US", "uk": "GB",
                    "england": "GB", "scotland": "GB", "wales": "GB", "northern ireland": "GB",
                    "great britain": "GB", "espana": "ES"}


def country_code(value: str) -> str:
    """"US", "USA", "United States", "Canada" → an ISO code we know, else ""."""
    raw = (value or "").strip()
    if not raw:
        return ""
    if raw.upper() in countries():
        return raw.upper()
    return _country_lookup().get(fold(raw), "")


@lru_cache(maxsize=1)
def _country_lookup() -> dict[str, str]:
    """Folded English names and three-letter codes → ISO code."""
    from peercircle.core.places import _cache

    lookup = dict(_COUNTRY_ALIASES)
    for code, data in _cache().get_countries().items():
        lookup.setdefault(fold(data["name"]), code)
        if data.get("iso3"):
            lookup.setdefault(fold(data["iso3"]), code)
    return lookup


def day_label(weekday: int) -> str:
    """Python weekday (Monday 0) → its name in the reader's language ("Tuesday", "martes")."""
    return date_format(date(2024, 1, 1) + timedelta(days=weekday), "l")
