"""The iCalendar feed of a group's meetings (RFC 5545): one VEVENT per schedule with its
RRULE in the group's time zone, EXDATE for cancelled meetings, and a VEVENT with
RECURRENCE-ID for each moved one. Online links appear only when the group shows them to anyone:
a feed URL is shared and subscribed to without signing in.

A person's private "my meetings" feed (a secret address, see services/calendar_feeds.py) is
built from the same events, with the online links they may see as a member."""

from datetime import date, datetime, timedelta
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.http import HttpResponse, HttpResponseNotFound
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vRecur

from peercircle.groups.access import GroupViewer
from peercircle.groups.models import ExceptionKind, LinkVisibility, SupportGroup
from peercircle.groups.selectors import (
    calendar_feed_owner,
    group_for_viewer,
    group_series,
    my_meeting_groups,
    series_by_group,
)

UTC = ZoneInfo("UTC")


def _uid(series) -> str:
    return f"series-{series.pk}@{urlsplit(settings.SITE_URL).hostname or 'peercircle'}"


def _rrule(rule: str, zone: ZoneInfo) -> vRecur:
    """Our rules keep UNTIL in local time; RFC 5545 wants it in UTC beside a TZID start."""
    recur = vRecur.from_ical(rule)
    if "UNTIL" in recur:
        until = recur["UNTIL"][0]
        if not isinstance(until, datetime):
            until = datetime.combine(until if isinstance(until, date) else until.date(), datetime.max.time())
        if until.tzinfo is None:
            until = until.replace(tzinfo=zone)
        recur["UNTIL"] = [until.astimezone(UTC).replace(microsecond=0)]
    return recur


def _location(group: SupportGroup) -> str:
    return ", ".join(part for part in (group.venue_name, group.address, group.city) if part)


def _new_calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", "-//PeerCircle//Support groups//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    return calendar


def add_group_events(calendar: Calendar, group: SupportGroup, *, show_links: bool, series_list=None) -> None:
    """Add one group's meeting schedules to `calendar` as VEVENTs: one per schedule with its
    RRULE in the group's time zone, EXDATEs for cancelled meetings and a RECURRENCE-ID event
    for each moved one. Online links only when `show_links` (the caller decides who sees)."""
    zone = ZoneInfo(group.timezone)
    page = f"{settings.SITE_URL.rstrip('/')}/groups/{group.slug}/"
    stamp = timezone.now().astimezone(UTC).replace(microsecond=0)
    for series in group_series(group=group) if series_list is None else series_list:
        start = datetime.combine(series.start_date, series.start_time).replace(tzinfo=zone)
        length = timedelta(minutes=series.duration_minutes)
        link = (series.online_url or group.online_url) if show_links and group.meets_online else ""

        def event(begin, *, series=series, link=link, length=length) -> Event:
            item = Event()
            item.add("uid", _uid(series))
            item.add("dtstamp", stamp)
            item.add("summary", f"{group.name}: {series.title}")
            item.add("dtstart", begin)
            item.add("dtend", begin + length)
            item.add("url", page)
            if group.meets_in_person and _location(group):
                item.add("location", _location(group))
            description = page + (f"\n{link}" if link else "")
            item.add("description", description)
            return item

        main = event(start)
        if series.rrule:
            main.add("rrule", _rrule(series.rrule, zone))
        exceptions = list(series.exceptions.all())
        for cancelled in (e for e in exceptions if e.kind == ExceptionKind.CANCELLED):
            main.add("exdate", cancelled.original_start.astimezone(zone))
        calendar.add_component(main)
        for moved in (e for e in exceptions if e.kind == ExceptionKind.MOVED):
            item = event(moved.new_start.astimezone(zone))
            item.add("recurrence-id", moved.original_start.astimezone(zone))
            if moved.note:
                item["description"] = f"{moved.note}\n{item['description']}"
            calendar.add_component(item)


def group_calendar(group: SupportGroup, *, viewer: GroupViewer | None = None) -> Calendar:
    calendar = _new_calendar(group.name)
    calendar.add("x-wr-timezone", group.timezone)
    # What anyone with the feed's address may see: the same as a stranger on the page.
    add_group_events(calendar, group, show_links=group.online_url_visibility == LinkVisibility.ANYONE)
    calendar.add_missing_timezones()
    return calendar


def personal_calendar(user) -> Calendar:
    """A person's meetings: every group they are an active member of, with the online links
    they may see as a member (the address is private to them)."""
    calendar = _new_calendar(_("My PeerCircle meetings"))
    groups = my_meeting_groups(user=user)
    series = series_by_group(groups=[group for group, _viewer in groups])
    for group, viewer in groups:
        add_group_events(calendar, group, show_links=viewer.can_see_online_link, series_list=series.get(group.pk, []))
    calendar.add_missing_timezones()
    return calendar


def _ics_response(calendar: Calendar, filename: str) -> HttpResponse:
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def calendar_feed(request, slug):
    group, viewer = group_for_viewer(slug=slug, user=request.user)
    return _ics_response(group_calendar(group, viewer=viewer), f"{group.slug}.ics")


def personal_calendar_feed(request, secret):
    """The private "my meetings" feed. No sign-in (calendar apps cannot): the secret in the
    address is the key. Unknown and turned-off secrets answer the same 404."""
    user = calendar_feed_owner(secret=secret)
    if user is None:
        # Plain and identical for every refused secret: nothing tells a guess from a revoked link.
        response = HttpResponseNotFound(_("This calendar link does not work. It may have been turned off."),
                                        content_type="text/plain; charset=utf-8")
    else:
        response = _ics_response(personal_calendar(user), "my-meetings.ics")
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response
