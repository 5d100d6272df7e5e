"""Reading a Meeting Guide JSON feed (https://github.com/code4recovery/spec): a list of
weekly meetings. Each entry is one row; entries of the same group (the same `group`, or the
same name at the same place) become one PeerCircle group with a weekly schedule each.

Meeting Guide knows weekly meetings only, so every schedule read here is FREQ=WEEKLY.
"""

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _

from peercircle.core.places import fold
from peercircle.directory.imports.common import (
    GroupDetails,
    Schedule,
    SourceRow,
    country_code,
    minutes_between,
    number,
    read_time,
    text,
    valid_timezone,
)
from peercircle.groups.models import Accessibility, GroupFormat, GroupStatus, JoinPolicy
from peercircle.groups.recurrence import WEEKDAYS

# Type codes → PeerCircle. Codes not listed here (Big Book, Speaker, …) are about the
# meeting's content, which PeerCircle doesn't record; they are named in the row's notes.
LANGUAGE_TYPES = {
    "EN": "en", "S": "es", "FR": "fr", "ITA": "it", "JA": "ja", "KOR": "ko", "POL": "pl", "POR": "pt",
    "PUN": "pa", "RUS": "ru", "HE": "he", "AR": "ar", "DA": "da", "DE": "de", "EL": "el", "FA": "fa",
    "FI": "fi", "HI": "hi", "HU": "hu", "NL": "nl", "NO": "no", "SV": "sv", "TH": "th", "TL": "tl",
    "TUR": "tr", "UK": "uk",
}
ACCESSIBILITY_TYPES = {"X": Accessibility.STEP_FREE, "ASL": Accessibility.SIGN_LANGUAGE,
                       "XB": Accessibility.ACCESSIBLE_TOILET}
COMMUNITY_TYPES = {"LGBTQ": "community.lgbtq", "G": "community.lgbtq", "L": "community.lgbtq",
                   "BI": "community.lgbtq", "T": "community.lgbtq", "NB": "community.lgbtq",
                   "Y": "community.youth", "SEN": "community.older_adults", "POC": "community.bipoc"}
FORMAT_TYPES = {"ONL", "TC", "O", "C"}
DAY_NAMES = {"sunday": 0, "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6}

# The fields read; anything else in an entry (contacts, payment handles) is not kept.
FIELDS = {
    "name", "slug", "day", "time", "end_time", "timezone", "types", "notes", "location", "location_notes",
    "formatted_address", "address", "city", "region", "regions", "sub_region", "state", "postal_code", "country",
    "latitude", "longitude", "conference_url", "conference_phone", "group", "group_notes", "updated", "url",
    "attendance_option",
}
_url = URLValidator(schemes=["https", "http"])


def trim(payload: list) -> list:
    return [{key: value for key, value in entry.items() if key in FIELDS} if isinstance(entry, dict) else entry
            for entry in payload]


def read(payload: list) -> list[SourceRow]:
    rows: list[SourceRow] = []
    seen: dict[str, int] = {}
    for index, entry in enumerate(payload):
        row = _row(index + 1, entry)
        if not row.problem and row.key in seen:
            row.problem = _("the slug “%(slug)s” is already used by row %(row)s") % {
                "slug": row.key, "row": seen[row.key]}
        seen.setdefault(row.key, row.number)
        rows.append(row)
    return rows


def _row(number_: int, entry) -> SourceRow:
    if not isinstance(entry, dict):
        return SourceRow(number=number_, label=_("row %(number)s") % {"number": number_}, key=f"#{number_}",
                         group_key=f"#{number_}",
                         problem=_("it isn't a meeting (each entry should have a name, a day and a time)"))
    name = text(entry.get("name"), 200)
    slug = text(entry.get("slug"), 250)
    label = name or slug or _("row %(number)s") % {"number": number_}
    row = SourceRow(number=number_, label=label, key=slug or f"#{number_}", group_key=_group_key(entry))
    row.problem = _problem(entry, name, slug)
    if row.problem:
        return row
    start = read_time(entry.get("time"))
    end = read_time(entry.get("end_time")) if entry.get("end_time") else None
    days = _days(entry.get("day"))
    group_name = text(entry.get("group"), 200) or name
    details, notes = _details(entry, group_name)
    row.group, row.notes = details, notes
    row.schedules = [Schedule(
        key=slug,
        title=_series_title(name, group_name),
        rrule="FREQ=WEEKLY;BYDAY=" + ",".join(WEEKDAYS[(day + 6) % 7] for day in sorted(days, key=_monday_first)),
        start_time=start,
        duration_minutes=minutes_between(start, end),
        online_url=details.online_url,
        title_is_default=name == group_name,
    )]
    return row


def _problem(entry: dict, name: str, slug: str) -> str:
    """Why the entry cannot be imported, or ""."""
    if not name:
        return _("there's no name")
    if not slug:
        return _("there's no slug, so it couldn't be matched when you import again")
    raw_day = entry.get("day")
    if raw_day is None or raw_day == "" or raw_day == []:
        return _("there's no day (Meeting Guide lists meetings by appointment without one)")
    if _days(raw_day) is None:
        shown = raw_day if not isinstance(raw_day, list) else ", ".join(str(day) for day in raw_day)
        return _("the day “%(day)s” isn't a day of the week (0 is Sunday … 6 is Saturday)") % {"day": shown}
    raw_time = entry.get("time")
    if raw_time in (None, ""):
        return _("there's no start time")
    start = read_time(raw_time)
    if start is None:
        return _("the time “%(time)s” isn't a time of day") % {"time": raw_time}
    if entry.get("end_time"):
        end = read_time(entry.get("end_time"))
        if end is None:
            return _("the end time “%(time)s” isn't a time of day") % {"time": entry["end_time"]}
        minutes = minutes_between(start, end)
        if not 10 <= minutes <= 12 * 60:
            return _("the meeting would last %(minutes)s minutes; PeerCircle takes meetings of 10 minutes to "
                     "12 hours") % {"minutes": minutes}
    zone = text(entry.get("timezone"))
    if zone and not valid_timezone(zone):
        return _("the time zone “%(zone)s” isn't one we know (it should look like America/New_York)") % {
            "zone": zone}
    return ""


def _days(value) -> list[int] | None:
    """Meeting Guide days (0 Sunday … 6 Saturday), one or a list; None if any is not a day."""
    values = value if isinstance(value, list) else [value]
    days = []
    for item in values:
        if isinstance(item, bool):
            return None
        if isinstance(item, int) and 0 <= item <= 6:
            days.append(item)
        elif isinstance(item, str) and item.strip().isdigit() and 0 <= int(item) <= 6:
            days.append(int(item))
        elif isinstance(item, str) and fold(item) in DAY_NAMES:
            days.append(DAY_NAMES[fold(item)])
        else:
            return None
    return sorted(set(days)) or None


def _monday_first(day: int) -> int:
    return (day + 6) % 7


def _group_key(entry) -> str:
    group = text(entry.get("group")) if isinstance(entry, dict) else ""
    if group:
        return "group:" + fold(group)
    place = text(entry.get("location")) or text(entry.get("formatted_address")) or text(entry.get("address"))
    return "meeting:" + fold(text(entry.get("name"))) + "@" + fold(place)


def _series_title(name: str, group_name: str) -> str:
    """"Group: Evenings" → "Evenings" (PeerCircle's own feed names series so); a meeting named
    otherwise than its group keeps its name; else a plain title."""
    if name == group_name:
        return _("Weekly meeting")
    prefix = f"{group_name}: "
    return name[len(prefix):] if name.startswith(prefix) and len(name) > len(prefix) else name


def _types(entry: dict) -> list[str]:
    raw = entry.get("types")
    if isinstance(raw, str):
        raw = raw.split(",")
    if not isinstance(raw, list):
        return []
    return [str(code).strip().upper() for code in raw if str(code).strip()]


def _details(entry: dict, group_name: str) -> tuple[GroupDetails, list[str]]:
    notes: list[str] = []
    types = _types(entry)
    online_url = text(entry.get("conference_url"), 500)
    if online_url:
        try:
            _url(online_url)
        except ValidationError:
            notes.append(_("the online link “%(url)s” isn't a web address, so it was left out") % {"url": online_url})
            online_url = ""
    details = GroupDetails(name=group_name, online_url=online_url)
    details.format = _format(entry, types, online_url)
    details.timezone = text(entry.get("timezone"))
    details.description = _description(entry)
    _place(entry, details)
    if entry.get("types") is not None:
        details.languages = sorted({LANGUAGE_TYPES[code] for code in types if code in LANGUAGE_TYPES}) or None
        details.languages_managed = frozenset(LANGUAGE_TYPES.values())
        details.accessibility = sorted({ACCESSIBILITY_TYPES[code] for code in types if code in ACCESSIBILITY_TYPES})
        details.accessibility_managed = frozenset(ACCESSIBILITY_TYPES.values())
        details.communities = sorted({COMMUNITY_TYPES[code] for code in types if code in COMMUNITY_TYPES})
        details.communities_managed = frozenset(COMMUNITY_TYPES.values())
    if "O" in types:
        details.join_policy = JoinPolicy.OPEN
    elif "C" in types:
        # "Closed" meetings are for people who share the problem: a facilitator says yes.
        details.join_policy = JoinPolicy.BY_REQUEST
    # TC is "location temporarily closed": a meeting that goes on online stays open.
    if "TC" in types and details.format == GroupFormat.ONLINE and _has_place(entry):
        notes.append(_("its place is temporarily closed, so it's listed as meeting online for now"))
    elif "TC" in types or text(entry.get("attendance_option")) == "inactive":
        details.status = GroupStatus.TEMPORARILY_CLOSED
    left_out = [code for code in types if code not in LANGUAGE_TYPES and code not in ACCESSIBILITY_TYPES
                and code not in COMMUNITY_TYPES and code not in FORMAT_TYPES]
    if left_out:
        notes.append(_("meeting types PeerCircle doesn't record were left out: %(codes)s") % {
            "codes": ", ".join(left_out)})
    if text(entry.get("conference_phone")):
        notes.append(_("the phone number to dial in is added to the description"))
    return details, notes


def _has_place(entry: dict) -> bool:
    return any(text(entry.get(key)) for key in ("location", "formatted_address", "address", "city"))


def _format(entry: dict, types: list[str], online_url: str) -> str:
    online = "ONL" in types or bool(online_url) or bool(text(entry.get("conference_phone")))
    if "TC" in types and online:
        return GroupFormat.ONLINE  # the place is closed for now; the meeting goes on online
    option = text(entry.get("attendance_option"))
    if option in (GroupFormat.IN_PERSON, GroupFormat.ONLINE, GroupFormat.HYBRID):
        return option
    if online and _has_place(entry):
        return GroupFormat.HYBRID
    return GroupFormat.ONLINE if online else GroupFormat.IN_PERSON


def _description(entry: dict) -> str:
    parts = [text(entry.get(key)) for key in ("notes", "group_notes", "location_notes")]
    phone = text(entry.get("conference_phone"), 60)
    if phone:
        parts.append(_("By phone: %(phone)s") % {"phone": phone})
    return "\n\n".join(part for part in parts if part)


def _place(entry: dict, details: GroupDetails) -> None:
    """Venue, street and the towns to try. A formatted address reads "street, town, state zip,
    country" (Google's form) or "street, town, country" (PeerCircle's own feed)."""
    parts = [part.strip() for part in text(entry.get("formatted_address")).split(",") if part.strip()]
    location = text(entry.get("location"), 200)
    details.venue_name = location if location and location != details.name else ""
    details.address = text(entry.get("address"), 300) or (parts[0] if len(parts) >= 3 else "")
    country = country_code(text(entry.get("country")))
    if country:
        details.country = country
    elif parts and len(parts) >= 2 and country_code(parts[-1]):
        details.country, details.country_certain = country_code(parts[-1]), False
    middle = parts[1:-1] if len(parts) >= 3 else parts[:-1] if len(parts) == 2 else parts
    regions = entry.get("regions") if isinstance(entry.get("regions"), list) else []
    towns = [text(entry.get("city")), *middle, text(entry.get("region")), *(text(r) for r in regions)]
    details.towns = list(dict.fromkeys(town for town in towns if town))
    details.latitude = number(entry.get("latitude"))
    details.longitude = number(entry.get("longitude"))
    if details.latitude is None or details.longitude is None or not (
            -90 <= details.latitude <= 90 and -180 <= details.longitude <= 180):
        details.latitude = details.longitude = None
