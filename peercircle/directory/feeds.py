"""Open formats other tools already read: a Meeting Guide JSON feed (recovery meeting finder
apps) for the whole site and per organization, and an Open Referral HSDS 3 export of
organizations, services and locations.

Both are public and the same for everyone (no per-person content), so they show only what a
stranger sees on the pages: listed groups, and an online link only when the group shows it
to anyone. Meeting Guide knows weekly meetings only: other schedules (every other week,
monthly, one-off) are not emitted as meetings but named in the group's notes and counted in
the X-PeerCircle-Skipped-Schedules header; PeerCircle itself keeps the full recurrence.
"""

import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Prefetch, Q
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from peercircle.core.languages import LANGUAGE_NAMES
from peercircle.groups.access import listed_groups
from peercircle.groups.models import (
    Accessibility,
    GroupFormat,
    GroupStatus,
    JoinPolicy,
    LinkVisibility,
    MeetingSeries,
    SupportGroup,
)
from peercircle.groups.recurrence import WEEKDAYS
from peercircle.organizations.models import Organization, Program

UTC = ZoneInfo("UTC")
FEED_MAX_AGE = 300  # seconds: feeds are polled, and a few minutes' delay is harmless
SKIPPED_HEADER = "X-PeerCircle-Skipped-Schedules"
LGBTQ_CODE = "community.lgbtq"
SIGN_LANGUAGES = {"asl", "bsl", "lse"}
# Meeting Guide's language type codes for the languages we know them for.
LANGUAGE_TYPES = {"en": "EN", "es": "S"}


# --- Schedules ----------------------------------------------------------------------------------

def _rule_parts(rule: str) -> dict[str, str]:
    parts = {}
    for part in (rule or "").upper().split(";"):
        key, _sep, value = part.partition("=")
        if key:
            parts[key] = value
    return parts


def _until(parts: dict[str, str]) -> date | None:
    value = parts.get("UNTIL", "")
    try:
        return datetime.strptime(value[:8], "%Y%m%d").date() if value else None
    except ValueError:
        return None


def weekly_days(series: MeetingSeries) -> list[int] | None:
    """Python weekdays (Monday 0) of a schedule that fits Meeting Guide's weekly model
    (FREQ=WEEKLY, interval 1, plain BYDAY or none), else None."""
    parts = _rule_parts(series.rrule)
    if parts.get("FREQ") != "WEEKLY" or set(parts) - {"FREQ", "INTERVAL", "BYDAY", "WKST", "UNTIL"}:
        return None
    if parts.get("INTERVAL", "1") != "1":
        return None
    codes = [code for code in parts.get("BYDAY", "").split(",") if code]
    if any(code not in WEEKDAYS for code in codes):
        return None
    if not codes:
        return [series.start_date.weekday()]
    return sorted({WEEKDAYS.index(code) for code in codes})


def has_ended(series: MeetingSeries, today: date) -> bool:
    """A one-off in the past, or a rule whose UNTIL has passed: nothing left to list."""
    if not series.rrule:
        return series.start_date < today
    until = _until(_rule_parts(series.rrule))
    return until is not None and until < today


def _day_name(index: int) -> str:
    # Python weekday (Monday 0) → the localized name, via a date that falls on it.
    return date_format(date(2024, 1, 1) + timedelta(days=index), "l")


def describe_schedule(series: MeetingSeries) -> str:
    """A schedule Meeting Guide cannot hold, in a few words ("first Tuesday of the month at 19:00")."""
    clock = series.start_time.strftime("%H:%M")
    if not series.rrule:
        return _("once on %(date)s at %(time)s") % {
            "date": date_format(series.start_date, "DATE_FORMAT"), "time": clock}
    parts = _rule_parts(series.rrule)
    codes = [code for code in parts.get("BYDAY", "").split(",") if code]
    freq = parts.get("FREQ", "")
    interval = parts.get("INTERVAL", "1")
    if freq == "WEEKLY" and interval == "2" and codes and all(code in WEEKDAYS for code in codes):
        days = ", ".join(_day_name(WEEKDAYS.index(code)) for code in codes)
        return _("every other %(days)s at %(time)s") % {"days": days, "time": clock}
    if freq == "MONTHLY" and len(codes) == 1 and codes[0][-2:] in WEEKDAYS and codes[0][:-2] in (
            "1", "2", "3", "4", "-1"):
        nth = {"1": pgettext("week of month", "first"), "2": pgettext("week of month", "second"),
               "3": pgettext("week of month", "third"), "4": pgettext("week of month", "fourth"),
               "-1": pgettext("week of month", "last")}[codes[0][:-2]]
        return _("%(nth)s %(day)s of the month at %(time)s") % {
            "nth": nth, "day": _day_name(WEEKDAYS.index(codes[0][-2:])), "time": clock}
    return _("%(title)s, on its own schedule (see the group's page)") % {"title": series.title}


@dataclass
class GroupSchedules:
    weekly: list[tuple[MeetingSeries, list[int]]]
    other: list[MeetingSeries]


def split_schedules(group: SupportGroup, today: date) -> GroupSchedules:
    """The group's active schedules (prefetched as `feed_series`) that are still running,
    split into those Meeting Guide can hold and the rest."""
    weekly, other = [], []
    for series in group.feed_series:
        if has_ended(series, today):
            continue
        days = weekly_days(series)
        if days is None:
            other.append(series)
        else:
            weekly.append((series, days))
    return GroupSchedules(weekly, other)


# --- Shared bits --------------------------------------------------------------------------------

def _site() -> str:
    return settings.SITE_URL.rstrip("/")


def group_url(group: SupportGroup) -> str:
    return _site() + reverse("groups:detail", kwargs={"slug": group.slug})


def public_link(group: SupportGroup, series: MeetingSeries | None = None) -> str:
    """The online link a stranger may see, or "" (members-only links never leave the site)."""
    if not group.meets_online or group.online_url_visibility != LinkVisibility.ANYONE:
        return ""
    return (series.online_url if series is not None else "") or group.online_url


def _last_updated(group: SupportGroup) -> datetime:
    moments = [m for m in (group.updated_at, group.last_confirmed_at) if m is not None]
    return max(moments)


def feed_groups(organization: Organization | None = None):
    """Listed groups with what the feeds read, in a constant number of queries."""
    groups = listed_groups().select_related("organization").prefetch_related(
        Prefetch("series", queryset=MeetingSeries.objects.filter(is_active=True).order_by("start_time", "pk"),
                 to_attr="feed_series"),
        "communities",
    )
    if organization is not None:
        groups = groups.filter(organization=organization)
    return groups.order_by("slug", "pk")


# --- Meeting Guide ------------------------------------------------------------------------------

def meeting_types(group: SupportGroup) -> list[str]:
    types = set()
    if group.meets_online:
        types.add("ONL")
    if group.status == GroupStatus.TEMPORARILY_CLOSED:
        types.add("TC")
    if any(node.code == LGBTQ_CODE for node in group.communities.all()):
        types.add("LGBTQ")
    if Accessibility.SIGN_LANGUAGE in group.accessibility or SIGN_LANGUAGES & set(group.languages):
        types.add("ASL")
    if Accessibility.STEP_FREE in group.accessibility and group.meets_in_person:
        types.add("X")
    types.add("O" if group.join_policy == JoinPolicy.OPEN else "C")
    for code in group.languages:
        if code in LANGUAGE_TYPES:
            types.add(LANGUAGE_TYPES[code])
    return sorted(types)


def _address(group: SupportGroup) -> str:
    return ", ".join(part for part in (group.address, group.city, group.country) if part)


def group_meetings(group: SupportGroup, schedules: GroupSchedules) -> list[dict]:
    """The group's Meeting Guide entries: one per weekly schedule and day."""
    notes = [group.description.strip()] if group.description.strip() else []
    if schedules.other:
        notes.append(_("Also meets: %(schedules)s.") % {
            "schedules": "; ".join(describe_schedule(series) for series in schedules.other)})
    if group.accessibility_notes.strip():
        notes.append(group.accessibility_notes.strip())
    types = meeting_types(group)
    updated = _last_updated(group).astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")
    several = len(schedules.weekly) > 1
    entries = []
    for series, days in schedules.weekly:
        start = datetime.combine(series.start_date, series.start_time)
        end = start + timedelta(minutes=series.duration_minutes)
        for weekday in days:
            day = (weekday + 1) % 7  # Meeting Guide: 0 Sunday … 6 Saturday
            entry = {
                "name": f"{group.name}: {series.title}" if several else group.name,
                "slug": f"{group.slug}-{series.pk}-{day}",
                "day": day,
                "time": start.strftime("%H:%M"),
                "end_time": end.strftime("%H:%M"),
                "timezone": group.timezone,
                "types": types,
                "notes": "\n\n".join(notes),
                "region": group.city,
                "group": group.name,
                "url": group_url(group),
                "updated": updated,
                "attendance_option": {GroupFormat.ONLINE: "online", GroupFormat.HYBRID: "hybrid"}.get(
                    group.format, "in_person"),
            }
            if group.meets_in_person:
                entry["location"] = group.venue_name or group.name
                entry["formatted_address"] = _address(group)
                if group.latitude is not None and group.longitude is not None:
                    entry["latitude"] = group.latitude
                    entry["longitude"] = group.longitude
            link = public_link(group, series)
            if link:
                entry["conference_url"] = link
            entries.append(entry)
    return entries


def meeting_guide(groups) -> tuple[list[dict], int]:
    """(entries sorted by slug, number of schedules left out as not weekly)."""
    today = timezone.now().date()
    entries, skipped = [], 0
    for group in groups:
        schedules = split_schedules(group, today)
        skipped += len(schedules.other)
        entries += group_meetings(group, schedules)
    entries.sort(key=lambda entry: entry["slug"])
    return entries, skipped


def _meeting_guide_response(groups) -> JsonResponse:
    entries, skipped = meeting_guide(groups)
    response = JsonResponse(entries, safe=False, json_dumps_params={"ensure_ascii": False})
    response[SKIPPED_HEADER] = str(skipped)
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
@cache_control(public=True, max_age=FEED_MAX_AGE)
def meeting_guide_feed(request):
    return _meeting_guide_response(feed_groups())


@require_GET
@cache_control(public=True, max_age=FEED_MAX_AGE)
def organization_meeting_guide_feed(request, slug):
    organization = get_object_or_404(Organization, slug=slug, is_active=True)
    return _meeting_guide_response(feed_groups(organization))


# --- Open Referral HSDS 3 -----------------------------------------------------------------------

def _namespace() -> uuid.UUID:
    # One namespace per site, so ids stay the same across exports and differ between sites.
    return uuid.uuid5(uuid.NAMESPACE_URL, _site())


def hsds_id(kind: str, pk) -> str:
    return str(uuid.uuid5(_namespace(), f"peercircle:{kind}:{pk}"))


def _languages(kind: str, pk, service_id: str, codes) -> list[dict]:
    return [{"id": hsds_id(f"{kind}-language", f"{pk}:{code}"), "service_id": service_id,
             "location_id": None, "phone_id": None, "name": str(LANGUAGE_NAMES.get(code, code)),
             "code": code, "note": None} for code in codes]


def _organization(organization: Organization) -> dict:
    org_id = hsds_id("organization", organization.pk)
    return {
        "id": org_id,
        "name": organization.name,
        "alternate_name": None,
        "description": organization.description or organization.name,
        "email": organization.email or None,
        "website": organization.website or None,
        "uri": _site() + reverse("organizations:detail", kwargs={"slug": organization.slug}),
        "parent_organization_id": None,
        "phones": [{"id": hsds_id("organization-phone", organization.pk), "organization_id": org_id,
                    "number": organization.phone, "type": "voice", "languages": []}]
        if organization.phone else [],
    }


def _self_led_organization(group: SupportGroup) -> dict:
    """HSDS needs an organization behind every service: a group that belongs to none stands
    for itself."""
    return {
        "id": hsds_id("group-organization", group.pk),
        "name": group.name,
        "alternate_name": None,
        "description": _("A self-led peer support group."),
        "email": None,
        "website": group_url(group),
        "uri": group_url(group),
        "parent_organization_id": None,
        "phones": [],
    }


def _hsds_schedules(group: SupportGroup, service_id: str, today: date) -> list[dict]:
    """The group's full recurrence (HSDS schedules follow RFC 5545 too)."""
    schedules = []
    for series in group.feed_series:
        if has_ended(series, today):
            continue
        parts = _rule_parts(series.rrule)
        end = datetime.combine(series.start_date, series.start_time) + timedelta(minutes=series.duration_minutes)
        until = _until(parts)
        schedules.append({
            "id": hsds_id("schedule", series.pk),
            "service_id": service_id,
            "freq": parts.get("FREQ") if parts.get("FREQ") in ("WEEKLY", "MONTHLY") else None,
            "interval": int(parts["INTERVAL"]) if parts.get("INTERVAL", "").isdigit() else (1 if parts else None),
            "byday": parts.get("BYDAY") or None,
            "dtstart": series.start_date.isoformat(),
            "until": until.isoformat() if until else None,
            "valid_to": series.start_date.isoformat() if not series.rrule else None,
            "opens_at": series.start_time.strftime("%H:%M"),
            "closes_at": end.strftime("%H:%M"),
            "timezone": None,
            "description": f"{series.title} ({describe_schedule(series)}, {group.timezone})",
        })
    return schedules


def hsds_export() -> dict:
    today = timezone.now().date()
    groups = list(feed_groups().filter(Q(organization__isnull=True) | Q(organization__is_active=True)))
    organizations = list(Organization.objects.filter(is_active=True).order_by("name", "pk"))
    programs = (Program.objects.filter(is_public=True, is_active=True, organization__is_active=True)
                .select_related("organization").order_by("organization__name", "name", "pk"))

    data = {"organizations": [_organization(org) for org in organizations],
            "services": [], "locations": [], "service_at_locations": []}
    for program in programs:
        service_id = hsds_id("program", program.pk)
        org = program.organization
        data["services"].append({
            "id": service_id,
            "organization_id": hsds_id("organization", org.pk),
            "program_id": None,
            "name": program.name,
            "alternate_name": None,
            "description": program.description or None,
            "url": _site() + reverse("organizations:detail", kwargs={"slug": org.slug}),
            "email": org.email or None,
            "status": "active",
            "languages": _languages("program", program.pk, service_id, org.languages),
            "schedules": [],
        })
    for group in groups:
        service_id = hsds_id("group", group.pk)
        if group.organization_id is None:
            data["organizations"].append(_self_led_organization(group))
            org_id = hsds_id("group-organization", group.pk)
        else:
            org_id = hsds_id("organization", group.organization_id)
        data["services"].append({
            "id": service_id,
            "organization_id": org_id,
            "program_id": None,
            "name": group.name,
            "alternate_name": None,
            "description": group.description or None,
            "url": group_url(group),
            "email": None,
            "status": "active" if group.status == GroupStatus.ACTIVE else "inactive",
            "languages": _languages("group", group.pk, service_id, group.languages),
            "schedules": _hsds_schedules(group, service_id, today),
        })
        if group.meets_in_person and (group.address or group.city or group.latitude is not None):
            location_id = hsds_id("location", group.pk)
            data["locations"].append({
                "id": location_id,
                "location_type": "physical",
                "organization_id": org_id,
                "name": group.venue_name or group.name,
                "latitude": group.latitude,
                "longitude": group.longitude,
                "addresses": [{
                    "id": hsds_id("address", group.pk),
                    "location_id": location_id,
                    "attention": None,
                    "address_1": group.address or group.venue_name or group.city,
                    "address_2": None,
                    "city": group.city,
                    "region": None,
                    "state_province": "",
                    "postal_code": "",
                    "country": group.country,
                    "address_type": "physical",
                }],
            })
            data["service_at_locations"].append({
                "id": hsds_id("service-at-location", group.pk),
                "service_id": service_id,
                "location_id": location_id,
                "description": None,
            })
    return data


@require_GET
@cache_control(public=True, max_age=FEED_MAX_AGE)
def hsds_feed(request):
    response = JsonResponse(hsds_export(), json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response

