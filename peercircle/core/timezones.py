"""Time zone names, read once per process: zoneinfo.available_timezones() walks the tz
database on disk each time it is called, too slow for every form and search request."""

from functools import lru_cache
from zoneinfo import ZoneInfo, available_timezones


@lru_cache(maxsize=1)
def timezone_names() -> frozenset[str]:
    return frozenset(available_timezones())


def person_zone(user, fallback: str) -> ZoneInfo:
    """The time zone a person set on their profile, else `fallback` (a group's, say)."""
    profile = getattr(user, "profile", None) if getattr(user, "is_authenticated", False) else None
    name = profile.timezone if profile and profile.timezone in timezone_names() else fallback
    return ZoneInfo(name)


@lru_cache(maxsize=1)
def timezone_choices() -> list[tuple[str, str]]:
    """Region/City zones (and UTC) for a select, sorted."""
    return [(tz, tz) for tz in sorted(timezone_names()) if "/" in tz or tz == "UTC"]
