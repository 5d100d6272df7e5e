"""Time zone names, read once per process: zoneinfo.available_timezones() walks the tz
database on disk each time it is called, too slow for every form and search request."""

from functools import lru_cache
from zoneinfo import available_timezones


@lru_cache(maxsize=1)
def timezone_names() -> frozenset[str]:
    return frozenset(available_timezones())


@lru_cache(maxsize=1)
def timezone_choices() -> list[tuple[str, str]]:
    """Region/City zones (and UTC) for a select, sorted."""
    return [(tz, tz) for tz in sorted(timezone_names()) if "/" in tz or tz == "UTC"]
