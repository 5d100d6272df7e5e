"""The iCalendar feed parses back with the icalendar package and says the same as the pages."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from icalendar import Calendar

from peercircle.groups.services import meeting_occurrence_cancel, meeting_occurrence_move
from peercircle.groups.tests.factories import MeetingSeriesFactory, SupportGroupFactory

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


def feed(client, slug="circle"):
    response = client.get(f"/groups/{slug}/calendar.ics")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


@pytest.fixture
def circle(facilitator):
    return SupportGroupFactory(name="Manchester grief circle", slug="circle", facilitator=facilitator,
                               venue_name="Friends Meeting House")


def test_a_schedule_is_one_event_with_its_rule_in_the_groups_time_zone(circle):
    MeetingSeriesFactory(group=circle, rrule="FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;UNTIL=20250401T235959")

    calendar = feed(Client())

    (event,) = calendar.walk("VEVENT")
    assert event["DTSTART"].dt == datetime(2025, 1, 7, 19, tzinfo=LONDON)
    assert event["DTSTART"].params["TZID"] == "Europe/London"
    assert event["RRULE"]["FREQ"] == ["WEEKLY"] and event["RRULE"]["INTERVAL"] == [2]
    # RFC 5545: UNTIL is in UTC beside a start with a time zone.
    assert event["RRULE"]["UNTIL"][0] == datetime(2025, 4, 1, 22, 59, 59, tzinfo=ZoneInfo("UTC"))
    assert "Manchester grief circle" in str(event["SUMMARY"])
    assert "Friends Meeting House" in str(event["LOCATION"])
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/London"]


def test_cancelled_meetings_are_exdates_and_moved_ones_have_a_recurrence_id(circle, facilitator):
    series = MeetingSeriesFactory(group=circle)
    meeting_occurrence_cancel(actor=facilitator, series=series, original_start=datetime(2025, 1, 14, 19, tzinfo=LONDON))
    meeting_occurrence_move(actor=facilitator, series=series, original_start=datetime(2025, 1, 21, 19, tzinfo=LONDON),
                            new_start=datetime(2025, 1, 22, 18, tzinfo=LONDON), note="Room change")

    main, moved = feed(Client()).walk("VEVENT")

    exdates = [d.dt for d in main["EXDATE"].dts]
    assert exdates == [datetime(2025, 1, 14, 19, tzinfo=LONDON)]
    assert moved["UID"] == main["UID"]
    assert moved["RECURRENCE-ID"].dt == datetime(2025, 1, 21, 19, tzinfo=LONDON)
    assert moved["DTSTART"].dt == datetime(2025, 1, 22, 18, tzinfo=LONDON)
    assert "Room change" in str(moved["DESCRIPTION"])


def test_a_one_off_workshop_has_no_rule(circle):
    MeetingSeriesFactory(group=circle, title="Workshop", rrule="", start_date=date(2025, 6, 7))

    (event,) = feed(Client()).walk("VEVENT")

    assert "RRULE" not in event and event["DTSTART"].dt.date() == date(2025, 6, 7)


def test_the_feed_withholds_a_members_only_link_and_hides_pending_groups(circle, member, member_client):
    circle.format, circle.online_url = "online", "https://meet.example.org/secret-room"
    circle.save(update_fields=["format", "online_url"])
    MeetingSeriesFactory(group=circle, online_url="https://meet.example.org/series-room")
    member_client.post("/groups/circle/join/", {"agreement_accepted": "on"})

    for client in (Client(), member_client):  # a feed address is shared: it shows what anyone sees
        assert "meet.example.org" not in client.get("/groups/circle/calendar.ics").content.decode()
    SupportGroupFactory(slug="waiting", status="pending_approval")
    assert Client().get("/groups/waiting/calendar.ics").status_code == 404
