"""The groups API: the same rules as the pages, in JSON."""

from datetime import UTC, datetime

import pytest
from django.test import Client

from peercircle.accounts.tests.factories import PersonalTokenFactory
from peercircle.groups.models import GroupMembership, SupportGroup
from peercircle.groups.tests.factories import MeetingSeriesFactory, SupportGroupFactory

pytestmark = pytest.mark.django_db
JSON = "application/json"


@pytest.fixture
def circle(facilitator):
    return SupportGroupFactory(name="Manchester grief circle", slug="circle", facilitator=facilitator,
                               experience_codes=["grief.parent"])


def post(client, path, data=None):
    return client.post(f"/api/v1{path}", data or {}, content_type=JSON)


def test_listing_groups_is_public_and_paginated(circle):
    SupportGroupFactory(name="Hidden", status="pending_approval")

    body = Client().get("/api/v1/groups?limit=10").json()

    assert body["count"] == 1
    assert body["items"][0]["slug"] == "circle" and body["items"][0]["experiences"] == ["grief.parent"]
    assert Client().get("/api/v1/groups?q=nothing-like-this").json()["count"] == 0


def test_starting_a_group_answers_201_and_refuses_bad_input_kindly(member_client):
    created = post(member_client, "/groups", {"name": "Online grief café", "format": "online",
                                             "timezone": "Europe/Madrid", "experience_codes": ["grief.parent"]})
    refused = post(member_client, "/groups", {"name": "Somewhere", "format": "in_person", "city": "Nowhereville Under Sea"})

    assert created.status_code == 201
    assert created.json()["status"] == "active" and created.json()["timezone"] == "Europe/Madrid"
    assert created.json()["my_status"] == "active"
    assert refused.status_code == 400 and "Nowhereville Under Sea" in refused.json()["detail"]
    assert SupportGroup.objects.count() == 1
    assert post(Client(), "/groups", {"name": "x", "format": "online"}).status_code == 401


def test_joining_needs_the_agreement_accepted(circle, member, member_client):
    refused = post(member_client, "/groups/circle/join")
    joined = post(member_client, "/groups/circle/join", {"agreement_accepted": True})
    again = post(member_client, "/groups/circle/join", {"agreement_accepted": True})

    assert refused.status_code == 400 and "group agreement" in refused.json()["detail"]
    assert joined.status_code == 201 and joined.json() == {"group": "circle", "role": "member", "status": "active"}
    assert again.status_code == 200
    assert member_client.get("/api/v1/me/groups").json() == [{"group": "circle", "role": "member", "status": "active"}]


def test_leaving_through_the_api(circle, member, member_client):
    post(member_client, "/groups/circle/join", {"agreement_accepted": True})

    left = post(member_client, "/groups/circle/leave")
    again = post(member_client, "/groups/circle/leave")

    assert left.status_code == 200 and left.json()["status"] == "left"
    assert again.status_code == 400 and again.json()["detail"] == "You are not in this group."


def test_a_pending_group_is_found_only_by_those_who_may_see_it(organization, member, other_member_client):
    group = SupportGroupFactory(slug="waiting", status="pending_approval", organization=organization,
                                created_by=member)
    token = PersonalTokenFactory(user=member)

    assert other_member_client.get("/api/v1/groups/waiting").status_code == 404
    assert Client().get("/api/v1/groups/waiting/meetings").status_code == 404
    mine = Client().get("/api/v1/groups/waiting", headers={"Authorization": f"Bearer {token.raw_token}"})
    assert mine.status_code == 200 and mine.json()["status"] == "pending_approval"
    assert post(other_member_client, "/groups/waiting/join", {"agreement_accepted": True}).status_code == 404
    assert not GroupMembership.objects.filter(group=group).exists()


def test_meetings_come_in_utc_and_in_the_groups_time_zone(circle):
    MeetingSeriesFactory(group=circle)

    meetings = Client().get("/api/v1/groups/circle/meetings?days=30").json()

    first = meetings[0]
    start_utc = datetime.fromisoformat(first["start_utc"])
    start_local = datetime.fromisoformat(first["start_local"])
    assert start_utc.utcoffset().total_seconds() == 0
    assert start_local.strftime("%H:%M") == "19:00" and start_local == start_utc
    assert first["timezone"] == "Europe/London" and first["online_url"] is None
    assert len(meetings) in (4, 5)


def test_facilitators_add_a_schedule_and_cancel_a_meeting(circle, member_client, facilitator_client):
    created = post(facilitator_client, "/groups/circle/series",
                   {"title": "Monthly", "start_date": "2025-01-01", "start_time": "18:30",
                    "rrule": "RRULE:FREQ=MONTHLY;BYDAY=1TU"})
    assert created.status_code == 201
    series = created.json()
    assert series["start_date"] == "2025-01-07" and series["rrule"] == "FREQ=MONTHLY;BYDAY=1TU"
    assert series["timezone"] == "Europe/London"

    upcoming = facilitator_client.get("/api/v1/groups/circle/meetings?days=70").json()
    cancelled = post(facilitator_client, f"/groups/circle/series/{series['id']}/cancel",
                     {"original_start": upcoming[0]["start_utc"], "note": "Holiday"})
    assert cancelled.status_code == 200
    after = facilitator_client.get("/api/v1/groups/circle/meetings?days=70").json()
    assert after[0]["status"] == "cancelled" and after[0]["note"] == "Holiday"

    wrong = post(facilitator_client, f"/groups/circle/series/{series['id']}/cancel",
                 {"original_start": "2025-01-08T18:30:00Z"})
    assert wrong.status_code == 400
    bad_rule = post(facilitator_client, "/groups/circle/series",
                    {"title": "x", "start_date": "2025-01-01", "start_time": "18:30", "rrule": "FREQ=MINUTELY"})
    assert bad_rule.status_code == 400


def test_members_cannot_add_schedules_or_cancel_meetings(circle, member_client):
    series = MeetingSeriesFactory(group=circle)
    post(member_client, "/groups/circle/join", {"agreement_accepted": True})

    assert post(member_client, "/groups/circle/series", {"title": "Mine", "start_date": "2025-01-01",
                                                         "start_time": "10:00"}).status_code == 404
    assert post(member_client, f"/groups/circle/series/{series.pk}/cancel",
                {"original_start": datetime(2025, 1, 14, 19, tzinfo=UTC).isoformat()}).status_code == 404
