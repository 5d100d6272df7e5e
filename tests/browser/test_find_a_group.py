"""The issue's journey: a newcomer finds a grief group near Manchester in the evening, accepts
its agreement, joins, sees the next meeting in their own time zone and subscribes to it."""

import re
from datetime import date, time

import icalendar
import pytest
from playwright.sync_api import expect

from peercircle.accounts.models import Profile
from peercircle.accounts.tests.factories import PASSWORD, UserFactory
from peercircle.groups.models import GroupMembership
from peercircle.groups.tests.factories import MeetingSeriesFactory, SupportGroupFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def groups():
    facilitator = UserFactory(email="fac@example.org")
    evening = SupportGroupFactory(name="Evening grief circle", slug="evening-grief-circle",
                                  facilitator=facilitator, experience_codes=["grief.parent"])
    MeetingSeriesFactory(group=evening, rrule="FREQ=WEEKLY;BYDAY=TU", start_date=date(2025, 1, 7),
                         start_time=time(19, 0))
    morning = SupportGroupFactory(name="Saturday grief walk", slug="saturday-grief-walk",
                                  facilitator=facilitator, experience_codes=["grief.partner"])
    MeetingSeriesFactory(group=morning, rrule="FREQ=WEEKLY;BYDAY=SA", start_date=date(2025, 1, 4),
                         start_time=time(10, 0))
    return evening


@pytest.fixture
def newcomer():
    person = UserFactory(email="newcomer@example.org")
    Profile.objects.filter(user=person).update(timezone="America/New_York")
    return person


def test_newcomer_finds_an_evening_grief_group_joins_and_subscribes(page, live_server, groups, newcomer, shoot):
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label(re.compile(r"^Email")).fill(newcomer.email)
    page.get_by_label(re.compile(r"^Password:?$")).fill(PASSWORD)
    page.get_by_role("button", name=re.compile("Sign In", re.I)).click()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Find support").click()

    page.get_by_label(re.compile("What are you looking for")).fill("grief group near Manchester")
    page.get_by_role("button", name="Search", exact=True).click()
    results = page.locator("#search-results, main")
    expect(page.get_by_text(re.compile(r"Looking for: .*Manchester"))).to_be_visible()
    expect(results.get_by_role("link", name="Evening grief circle")).to_be_visible()
    expect(results.get_by_role("link", name="Saturday grief walk")).to_be_visible()
    shoot(page, "search")

    page.get_by_label(re.compile(r"^Evening")).check()
    page.get_by_role("button", name="Update results").click()
    expect(results.get_by_role("link", name="Saturday grief walk")).to_have_count(0)
    shoot(page, "evenings")

    results.get_by_role("link", name="Evening grief circle").click()
    expect(page.get_by_role("heading", name="Evening grief circle", level=1)).to_be_visible()
    # 19:00 in Manchester is 14:00 in New York (both on standard time, or both on summer time).
    expect(page.get_by_text("Times are shown in America/New_York.")).to_be_visible()
    expect(page.locator("#meetings-h + ul, section[aria-labelledby='meetings-h']").get_by_text(re.compile(r"\b14:00\b")).first).to_be_visible()

    page.get_by_role("link", name="Join this group").click()
    expect(page.get_by_text("Members accept the group agreement when they join:")).to_be_visible()
    page.get_by_label("I have read the group agreement and I accept it").check()
    page.get_by_role("button", name="Join", exact=True).click()
    expect(page.get_by_text("You are a member of this group.")).to_be_visible()
    assert GroupMembership.objects.filter(group=groups, user=newcomer, status="active").exists()
    shoot(page, "joined")

    feed = page.get_by_role("link", name=re.compile("Add the meetings to your calendar"))
    response = page.request.get(live_server.url + feed.get_attribute("href"))
    calendar = icalendar.Calendar.from_ical(response.body())
    events = [component for component in calendar.walk("VEVENT")]
    assert events and str(events[0]["SUMMARY"]).startswith(("Weekly meeting", "Evening grief circle"))
    assert events[0]["RRULE"]["FREQ"] == ["WEEKLY"]
