"""The private "my meetings" feed: made on /me/groups/, read by calendar apps without signing
in, showing the person's own groups (with members' links), and dead once turned off."""

import re

import pytest
from django.test import Client
from icalendar import Calendar

from peercircle.core.models import AuditEntry
from peercircle.groups.models import PersonalCalendarFeed
from peercircle.groups.tests.factories import (
    GroupMembershipFactory,
    MeetingSeriesFactory,
    SupportGroupFactory,
)

pytestmark = pytest.mark.django_db
LINK = re.compile(r"https?://[^\s\"<]+/calendar/(cal_[A-Za-z0-9_-]+)\.ics")


def make_link(client) -> str:
    response = client.post("/me/groups/calendar-link/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    match = LINK.search(response.content.decode())
    assert match, "the new link is shown in the response that made it"
    return f"/calendar/{match.group(1)}.ics"


def events(url, client=None):
    response = (client or Client()).get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert "noindex" in response["X-Robots-Tag"]
    return Calendar.from_ical(response.content).walk("VEVENT")


def summaries(url):
    return sorted(str(event["SUMMARY"]) for event in events(url))


@pytest.fixture
def groups(member, facilitator):
    mine = SupportGroupFactory(name="Mine", facilitator=facilitator, format="online",
                               online_url="https://meet.example.org/members-room",
                               online_url_visibility="members")
    left = SupportGroupFactory(name="Left", facilitator=facilitator)
    asked = SupportGroupFactory(name="Asked", facilitator=facilitator, join_policy="request")
    stranger = SupportGroupFactory(name="Stranger", facilitator=facilitator)
    for group in (mine, left, asked, stranger):
        MeetingSeriesFactory(group=group, title="Weekly")
    GroupMembershipFactory(group=mine, user=member)
    GroupMembershipFactory(group=left, user=member, status="left")
    GroupMembershipFactory(group=asked, user=member, status="requested", joined_at=None)
    return mine


def test_the_page_offers_a_link_and_the_feed_has_only_my_groups_with_members_links(member_client, groups):
    page = member_client.get("/me/groups/").content.decode()
    assert "Your meetings in your calendar app" in page and "Make my private calendar link" in page

    url = make_link(member_client)

    (event,) = events(url)  # a calendar app: not signed in
    assert str(event["SUMMARY"]) == "Mine: Weekly"
    assert "https://meet.example.org/members-room" in str(event["DESCRIPTION"])
    assert event["RRULE"]["FREQ"] == ["WEEKLY"]
    # The shared per-group feed still withholds the members-only link.
    assert "members-room" not in Client().get(f"/groups/{groups.slug}/calendar.ics").content.decode()
    assert AuditEntry.objects.filter(action="calendar_feed.create").count() == 1


def test_the_page_never_shows_the_link_again(member_client, groups):
    url = make_link(member_client)
    secret = url.split("/")[-1].removesuffix(".ics")

    page = member_client.get("/me/groups/").content.decode()

    assert secret not in page and "/calendar/cal_" not in page
    assert "You have a private calendar link" in page
    assert "Make a new link (the old one stops working)" in page and "Turn off the link" in page
    assert "Make my private calendar link" not in page
    stored = PersonalCalendarFeed.objects.get()
    assert secret not in (stored.token_hash, stored.prefix)


def test_turning_the_link_off_gives_404_like_an_unknown_one(member_client, groups):
    url = make_link(member_client)

    response = member_client.post("/me/groups/calendar-link/off/")

    assert response.status_code == 302
    gone = Client().get(url)
    unknown = Client().get("/calendar/cal_not-a-real-secret.ics")
    assert gone.status_code == unknown.status_code == 404
    assert gone.content == unknown.content and gone["Content-Type"] == unknown["Content-Type"]
    assert "no-store" in gone["Cache-Control"] and "noindex" in gone["X-Robots-Tag"]
    assert "Make my private calendar link" in member_client.get("/me/groups/").content.decode()
    assert AuditEntry.objects.filter(action="calendar_feed.revoke").count() == 1


def test_a_new_link_kills_the_old_one(member_client, groups):
    old = make_link(member_client)
    new = make_link(member_client)

    assert old != new
    assert Client().get(old).status_code == 404
    assert summaries(new) == ["Mine: Weekly"]
    assert PersonalCalendarFeed.objects.active().count() == 1


def test_another_persons_link_never_gives_my_meetings(member_client, other_member, other_member_client, groups,
                                                      facilitator):
    theirs = SupportGroupFactory(name="Theirs", facilitator=facilitator)
    MeetingSeriesFactory(group=theirs, title="Weekly")
    GroupMembershipFactory(group=theirs, user=other_member)
    mine = make_link(member_client)

    their_url = make_link(other_member_client)

    assert summaries(their_url) == ["Theirs: Weekly"]
    assert summaries(mine) == ["Mine: Weekly"]
    assert "members-room" not in Client().get(their_url).content.decode()


def test_leaving_a_group_takes_it_out_of_the_feed(member_client, groups):
    url = make_link(member_client)
    member_client.post(f"/groups/{groups.slug}/leave/")

    assert events(url) == []


def test_the_feed_needs_no_sign_in_and_the_page_does(groups, member_client):
    url = make_link(member_client)

    assert events(url, Client()) and events(url, member_client)
    anonymous = Client()
    assert anonymous.get("/me/groups/").status_code == 302
    assert anonymous.post("/me/groups/calendar-link/").status_code == 302
    assert PersonalCalendarFeed.objects.count() == 1


def test_the_export_has_the_link_dates_not_the_secret_and_erasure_deletes_it(member, member_client, groups):
    from peercircle.core.registry import personal_data_providers

    url = make_link(member_client)
    secret = url.split("/")[-1].removesuffix(".ics")
    provider = next(p for p in personal_data_providers() if p.name == "groups")

    exported = provider.export(member)

    (link,) = exported["calendar_links"]
    assert link["created_at"] and link["revoked_at"] is None
    assert secret not in str(exported)
    provider.erase(member, keep_public_posts=False)
    assert not PersonalCalendarFeed.objects.exists()
    assert Client().get(url).status_code == 404
