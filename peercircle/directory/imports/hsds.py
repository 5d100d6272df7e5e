"""Reading an Open Referral HSDS 3 export (https://docs.openreferral.org): services, with their
schedules, languages and locations. Each service is one row and becomes one group; each of
its schedules (RFC 5545 fields) a meeting schedule, so every-other-week and monthly meetings
come through too.

Both shapes are read: tables side by side (`services`, `locations`, `service_at_locations`,
`schedules`, as PeerCircle's own /feeds/hsds.json) and services with everything nested inside
(an HSDS API's /services/{id}, or a page of them under `contents`).
"""

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _

from peercircle.core.languages import LANGUAGE_NAMES
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
from peercircle.groups.models import GroupFormat, GroupStatus
from peercircle.groups.recurrence import InvalidRule, normalize_rule

FREQUENCIES = {"DAILY", "WEEKLY", "MONTHLY", "YEARLY"}
# PeerCircle's own export names the time zone at the end of a schedule's description.
_ZONE_AT_END = re.compile(r"([A-Za-z_]+(?:/[A-Za-z0-9_+\-]+)+|UTC)\)?\s*$")
_url = URLValidator(schemes=["https", "http"])

SERVICE_FIELDS = {"id", "organization_id", "name", "alternate_name", "description", "url", "status", "languages",
                  "schedules", "service_at_locations", "organization"}
SCHEDULE_FIELDS = {"id", "service_id", "service_at_location_id", "freq", "interval", "byday", "bymonthday",
                   "count", "until", "dtstart", "valid_from", "valid_to", "opens_at", "closes_at", "timezone",
                   "description", "notes"}
LOCATION_FIELDS = {"id", "location_type", "name", "url", "latitude", "longitude", "addresses", "organization_id"}
ADDRESS_FIELDS = {"address_1", "address_2", "city", "region", "state_province", "postal_code", "country",
                  "address_type"}


def is_hsds(payload) -> bool:
    return isinstance(payload, dict) and any(
        isinstance(payload.get(key), list) for key in ("services", "organizations", "contents"))


def _pick(item, keys: set[str]):
    return {key: value for key, value in item.items() if key in keys} if isinstance(item, dict) else item


def _trim_location(location):
    location = _pick(location, LOCATION_FIELDS)
    if isinstance(location, dict) and isinstance(location.get("addresses"), list):
        location["addresses"] = [_pick(address, ADDRESS_FIELDS) for address in location["addresses"]]
    return location


def _trim_service(service):
    service = _pick(service, SERVICE_FIELDS)
    if not isinstance(service, dict):
        return service
    if isinstance(service.get("schedules"), list):
        service["schedules"] = [_pick(s, SCHEDULE_FIELDS) for s in service["schedules"]]
    if isinstance(service.get("service_at_locations"), list):
        service["service_at_locations"] = [
            {**_pick(link, {"id", "service_id", "location_id", "schedules"}),
             **({"location": _trim_location(link["location"])} if isinstance(link, dict)
                and isinstance(link.get("location"), dict) else {})}
            for link in service["service_at_locations"]]
    if isinstance(service.get("organization"), dict):
        service["organization"] = _pick(service["organization"], {"id", "name"})
    return service


def trim(payload: dict) -> dict:
    """Only what the import reads: no phones, contacts or other people's details are kept."""
    out = {}
    if isinstance(payload.get("organizations"), list):
        out["organizations"] = [
            {**_pick(org, {"id", "name"}),
             **({"services": [_trim_service(s) for s in org["services"]]}
                if isinstance(org, dict) and isinstance(org.get("services"), list) else {})}
            for org in payload["organizations"]]
    for key in ("services", "contents"):
        if isinstance(payload.get(key), list):
            out[key] = [_trim_service(s) for s in payload[key]]
    if isinstance(payload.get("locations"), list):
        out["locations"] = [_trim_location(location) for location in payload["locations"]]
    if isinstance(payload.get("service_at_locations"), list):
        out["service_at_locations"] = [_pick(link, {"id", "service_id", "location_id"})
                                       for link in payload["service_at_locations"]]
    if isinstance(payload.get("schedules"), list):
        out["schedules"] = [_pick(s, SCHEDULE_FIELDS) for s in payload["schedules"]]
    return out


def services_in(payload: dict) -> list:
    services = list(payload.get("services") or []) + list(payload.get("contents") or [])
    for org in payload.get("organizations") or []:
        if isinstance(org, dict) and isinstance(org.get("services"), list):
            services += org["services"]
    return services


def read(payload: dict, *, today: date) -> list[SourceRow]:
    locations = {text(loc.get("id")): loc for loc in payload.get("locations") or [] if isinstance(loc, dict)}
    links: dict[str, list[dict]] = {}
    link_service: dict[str, str] = {}
    for link in payload.get("service_at_locations") or []:
        if isinstance(link, dict):
            links.setdefault(text(link.get("service_id")), []).append(link)
            link_service[text(link.get("id"))] = text(link.get("service_id"))
    loose: dict[str, list[dict]] = {}
    for schedule in payload.get("schedules") or []:
        if isinstance(schedule, dict):
            owner = text(schedule.get("service_id")) or link_service.get(text(schedule.get("service_at_location_id")), "")
            loose.setdefault(owner, []).append(schedule)
    organizations = {text(org.get("id")): text(org.get("name")) for org in payload.get("organizations") or []
                     if isinstance(org, dict)}

    rows: list[SourceRow] = []
    seen: dict[str, int] = {}
    for index, service in enumerate(services_in(payload)):
        row = _row(index + 1, service, today=today, locations=locations, links=links, loose=loose,
                   organizations=organizations)
        if not row.problem and row.key in seen:
            row.problem = _("the id “%(id)s” is already used by row %(row)s") % {"id": row.key, "row": seen[row.key]}
        seen.setdefault(row.key, row.number)
        rows.append(row)
    return rows


def _row(number_: int, service, *, today, locations, links, loose, organizations) -> SourceRow:
    if not isinstance(service, dict):
        return SourceRow(number=number_, label=_("row %(number)s") % {"number": number_}, key=f"#{number_}",
                         group_key=f"#{number_}", problem=_("it isn't a service (each should have an id and a name)"))
    service_id = text(service.get("id"), 250)
    name = text(service.get("name"), 200)
    row = SourceRow(number=number_, label=name or service_id or _("row %(number)s") % {"number": number_},
                    key=service_id or f"#{number_}", group_key=service_id or f"#{number_}")
    if not name:
        row.problem = _("there's no name")
        return row
    if not service_id:
        row.problem = _("there's no id, so it couldn't be matched when you import again")
        return row
    status = text(service.get("status")).lower()
    if status == "defunct":
        row.problem = _("the export marks it as defunct")
        return row

    service_links = list(links.get(service_id, [])) + [
        link for link in service.get("service_at_locations") or [] if isinstance(link, dict)]
    raw_schedules = [s for s in service.get("schedules") or [] if isinstance(s, dict)] + loose.get(service_id, [])
    for link in service_links:
        raw_schedules += [s for s in link.get("schedules") or [] if isinstance(s, dict)]
    details = GroupDetails(name=name, description=text(service.get("description")))
    if details.description == name:
        details.description = ""
    if status in ("inactive", "temporarily closed", "temporarily_closed"):
        details.status = GroupStatus.TEMPORARILY_CLOSED
    _languages(service, details, row)
    _locations(service_links, locations, details, row)
    org_name = organizations.get(text(service.get("organization_id"))) or text(
        (service.get("organization") or {}).get("name") if isinstance(service.get("organization"), dict) else "")
    if org_name and org_name != name:
        row.notes.append(_("from “%(organization)s” in the export") % {"organization": org_name})

    for position, raw in enumerate(raw_schedules):
        schedule, problem = _schedule(raw, position, service_id=service_id, today=today, details=details)
        if schedule is not None:
            row.schedules.append(schedule)
        elif problem:
            row.notes.append(problem)
    if not row.schedules:
        row.problem = _("it has no meeting times PeerCircle can use, so there is nothing to list as a group")
        return row
    row.group = details
    return row


def _languages(service: dict, details: GroupDetails, row: SourceRow) -> None:
    raw = service.get("languages")
    if not isinstance(raw, list) or not raw:
        return
    codes, unknown = [], []
    for language in raw:
        code = text(language.get("code") if isinstance(language, dict) else language).lower().split("-")[0]
        if code in LANGUAGE_NAMES:
            codes.append(code)
        elif code or (isinstance(language, dict) and text(language.get("name"))):
            unknown.append(code or text(language.get("name")))
    details.languages = list(dict.fromkeys(codes))
    details.languages_managed = frozenset(LANGUAGE_NAMES)
    if unknown:
        row.notes.append(_("languages PeerCircle doesn't list were left out: %(codes)s") % {"codes": ", ".join(unknown)})


def _locations(service_links: list[dict], locations: dict, details: GroupDetails, row: SourceRow) -> None:
    physical = virtual = None
    for link in service_links:
        location = link.get("location") if isinstance(link.get("location"), dict) else locations.get(
            text(link.get("location_id")))
        if not isinstance(location, dict):
            continue
        if text(location.get("location_type")).lower() == "virtual":
            virtual = virtual or location
        else:
            physical = physical or location
    if virtual is not None:
        url = text(virtual.get("url"), 500)
        try:
            if url:
                _url(url)
                details.online_url = url
        except ValidationError:
            row.notes.append(_("the online link “%(url)s” isn't a web address, so it was left out") % {"url": url})
    if physical is None:
        details.format = GroupFormat.ONLINE
        if virtual is None:
            row.notes.append(_("no place is given, so it's listed as meeting online"))
        return
    details.format = GroupFormat.HYBRID if virtual is not None else GroupFormat.IN_PERSON
    venue = text(physical.get("name"), 200)
    details.venue_name = venue if venue != details.name else ""
    addresses = [a for a in physical.get("addresses") or [] if isinstance(a, dict)]
    address = next((a for a in addresses if text(a.get("address_type")).lower() != "postal"), None) or (
        addresses[0] if addresses else {})
    street = ", ".join(part for part in (text(address.get("address_1")), text(address.get("address_2"))) if part)
    details.address = street[:300] if street != text(address.get("city")) else ""
    details.country = country_code(text(address.get("country")))
    details.towns = list(dict.fromkeys(t for t in (text(address.get("city")), text(address.get("region"))) if t))
    details.latitude, details.longitude = number(physical.get("latitude")), number(physical.get("longitude"))
    if details.latitude is None or details.longitude is None:
        details.latitude = details.longitude = None


def _date(value) -> date | None:
    try:
        return date.fromisoformat(text(value)[:10]) if text(value) else None
    except ValueError:
        return None


def _schedule(raw: dict, position: int, *, service_id: str, today: date,
              details: GroupDetails) -> tuple[Schedule | None, str]:
    """One schedule, or (None, why it was left out)."""
    description = text(raw.get("description")) or text(raw.get("notes"))
    title = (description.split(" (")[0].strip() if description else "")[:200] or _("Meeting")
    label = f"“{title}”"
    opens = read_time(raw.get("opens_at"))
    if opens is None:
        if raw.get("opens_at") in (None, ""):
            return None, _("the schedule %(schedule)s was left out: it has no start time") % {"schedule": label}
        return None, _("the schedule %(schedule)s was left out: the time “%(time)s” isn't a time of day") % {
            "schedule": label, "time": raw.get("opens_at")}
    closes = read_time(raw.get("closes_at")) if raw.get("closes_at") else None
    minutes = minutes_between(opens, closes)
    if not 10 <= minutes <= 12 * 60:
        return None, _("the schedule %(schedule)s was left out: a meeting can last 10 minutes to 12 hours") % {
            "schedule": label}
    zone = text(raw.get("timezone")) if isinstance(raw.get("timezone"), str) else ""
    if not zone and description:
        match = _ZONE_AT_END.search(description)
        zone = match.group(1) if match else ""
    if zone and valid_timezone(zone):
        details.timezone = details.timezone or zone
    elif zone and isinstance(raw.get("timezone"), str):
        return None, _("the schedule %(schedule)s was left out: the time zone “%(zone)s” isn't one we know") % {
            "schedule": label, "zone": zone}
    start = _date(raw.get("dtstart")) or _date(raw.get("valid_from"))
    freq = text(raw.get("freq")).upper()
    if not freq:
        once = start or _date(raw.get("valid_to"))
        if once is None:
            return None, _("the schedule %(schedule)s was left out: it has neither a repeat rule nor a date") % {
                "schedule": label}
        if once < today:
            return None, _("the schedule %(schedule)s was left out: it was a one-off meeting that has passed") % {
                "schedule": label}
        rule, start = "", once
    else:
        rule, problem = _rule(raw, freq, today=today)
        if problem:
            return None, _("the schedule %(schedule)s was left out: %(why)s") % {"schedule": label, "why": problem}
    key = text(raw.get("id"), 250) or f"{service_id}:schedule:{position + 1}"
    return Schedule(key=key, title=title, rrule=rule, start_time=opens, duration_minutes=minutes,
                    start_date=start, title_is_default=not description), ""


def _rule(raw: dict, freq: str, *, today: date) -> tuple[str, str]:
    if freq not in FREQUENCIES:
        return "", _("it repeats “%(freq)s”, and PeerCircle takes daily, weekly, monthly or yearly") % {"freq": freq}
    parts = [f"FREQ={freq}"]
    interval = raw.get("interval")
    if interval not in (None, "", 1, "1"):
        if not str(interval).isdigit() or int(interval) < 1:
            return "", _("its interval “%(interval)s” isn't a whole number") % {"interval": interval}
        parts.append(f"INTERVAL={int(interval)}")
    for field, name in (("byday", "BYDAY"), ("bymonthday", "BYMONTHDAY"), ("count", "COUNT")):
        value = text(raw.get(field)).upper().replace(" ", "")
        if value:
            parts.append(f"{name}={value}")
    until = _date(raw.get("until")) or _date(raw.get("valid_to"))
    if until is not None:
        if until < today:
            return "", _("it ended on %(date)s") % {"date": until.isoformat()}
        parts.append(f"UNTIL={until:%Y%m%d}T235959")
    try:
        return normalize_rule(";".join(parts), tz="UTC"), ""
    except InvalidRule as error:
        return "", str(error)
