"""Places at meetings through the API: the meetings list says how many are left and where I
stand, members book and give up, facilitators list and remove, and set places per meeting."""

from datetime import timedelta

import pytest
from django.test import Client

from peercircle.core.tests.helpers import signed_in
from peercircle.groups.models import MeetingPlace, MeetingSeries
from peercircle.groups.tests.factories import (
    GroupMembershipFactory,
    MeetingExceptionFactory,
    SupportGroupFactory,
)
from peercircle.groups.tests.test_meeting_places import key, newcomer, workshop

pytestmark = pytest.mark.django_db
JSON = "application/json"


@pytest.fixture
def circle(facilitator, member):
    group = SupportGroupFactory(name="Manchester grief circle", slug="circle", facilitator=facilitator)
    GroupMembershipFactory(group=group, user=member)
    return group


def place_url(series, start, suffix="place"):
    return f"/api/v1/groups/circle/meetings/{series.pk}/{key(start)}/{suffix}"


def test_the_meetings_list_gives_places_left_the_queue_and_my_place(circle, member, member_client):
    series, start = workshop(circle, capacity=2)
    open_door, _open_start = workshop(circle, capacity=None, starts_in=timedelta(days=3))
    _ben, ben_client = newcomer(circle, "Ben")
    _cleo, cleo_client = newcomer(circle, "Cleo")
    for client in (member_client, ben_client, cleo_client):
        client.post(place_url(series, start), content_type=JSON)

    mine = {m["series_id"]: m for m in member_client.get("/api/v1/groups/circle/meetings").json()}
    cleos = {m["series_id"]: m for m in cleo_client.get("/api/v1/groups/circle/meetings").json()}
    anyones = {m["series_id"]: m for m in Client().get("/api/v1/groups/circle/meetings").json()}

    assert {k: mine[series.pk][k] for k in ("capacity", "places_left", "waiting", "my_place", "my_waiting_position")} \
        == {"capacity": 2, "places_left": 0, "waiting": 1, "my_place": "booked", "my_waiting_position": None}
    assert (cleos[series.pk]["my_place"], cleos[series.pk]["my_waiting_position"]) == ("waiting", 1)
    assert (anyones[series.pk]["places_left"], anyones[series.pk]["my_place"]) == (0, None)
    assert {k: mine[open_door.pk][k] for k in ("capacity", "places_left", "waiting", "my_place")} == {
        "capacity": None, "places_left": None, "waiting": None, "my_place": None}


def test_booking_and_giving_up_through_the_api(circle, member, member_client):
    series, start = workshop(circle, capacity=1)
    _ben, ben_client = newcomer(circle, "Ben")

    booked = member_client.post(place_url(series, start), content_type=JSON)
    again = member_client.post(place_url(series, start), content_type=JSON)
    waiting = ben_client.post(place_url(series, start), content_type=JSON)
    given_up = member_client.delete(place_url(series, start))
    nothing = member_client.delete(place_url(series, start))

    assert booked.status_code == 201 and booked.json()["status"] == "booked"
    assert again.status_code == 200 and again.json()["status"] == "booked"
    assert waiting.status_code == 201 and waiting.json()["status"] == "waiting"
    assert waiting.json()["waiting_position"] == 1 and "number 1 on the waiting list" in waiting.json()["detail"]
    assert given_up.status_code == 200 and given_up.json()["status"] == "cancelled"
    assert nothing.status_code == 400 and "You don't have a place" in nothing.json()["detail"]
    assert MeetingPlace.objects.get(status="booked").user.profile.display_name == "Ben"
    # The same meeting written with an offset names the same meeting.
    offset = start.isoformat()
    assert member_client.post(f"/api/v1/groups/circle/meetings/{series.pk}/{offset}/place",
                              content_type=JSON).json()["status"] == "waiting"


def test_the_api_refuses_kindly(circle, member_client, other_member_client):
    series, start = workshop(circle)
    cancelled, cancelled_start = workshop(circle, starts_in=timedelta(days=3))
    MeetingExceptionFactory(series=cancelled, original_start=cancelled_start)
    past, past_start = workshop(circle, starts_in=-timedelta(days=1))

    def book(client, url):
        response = client.post(url, content_type=JSON)
        assert response.status_code == 400
        return response.json()["detail"]

    assert "Only members of the group" in book(other_member_client, place_url(series, start))
    assert "was cancelled" in book(member_client, place_url(cancelled, cancelled_start))
    assert "already ended" in book(member_client, place_url(past, past_start))
    assert "no meeting at that time" in book(member_client, place_url(series, start + timedelta(hours=2)))
    assert "original start" in book(member_client, f"/api/v1/groups/circle/meetings/{series.pk}/tomorrow/place")
    assert "time zone" in book(member_client, f"/api/v1/groups/circle/meetings/{series.pk}/"
                                              f"{start.replace(tzinfo=None).isoformat()}/place")
    assert Client().post(place_url(series, start), content_type=JSON).status_code == 401
    assert member_client.post(f"/api/v1/groups/circle/meetings/999999/{key(start)}/place",
                              content_type=JSON).status_code == 404
    assert not MeetingPlace.objects.exists()


def test_facilitators_list_and_remove_places(circle, facilitator, member, member_client, facilitator_client,
                                             org_admin_client, organization):
    series, start = workshop(circle, capacity=1)
    member_client.post(place_url(series, start), content_type=JSON)
    _ben, ben_client = newcomer(circle, "Ben")
    ben_client.post(place_url(series, start), content_type=JSON)

    listed = facilitator_client.get(place_url(series, start, "places"))

    assert listed.status_code == 200
    body = listed.json()
    assert (body["capacity"], body["places_left"], body["meeting_status"]) == (1, 0, "scheduled")
    assert [(p["name"], p["status"], p["waiting_position"]) for p in body["booked"]] == [("Mara", "booked", None)]
    assert [(p["name"], p["waiting_position"]) for p in body["waiting"]] == [("Ben", 1)]
    assert body["booked"][0]["person"] == str(member.public_id)
    for client in (member_client, ben_client, Client()):
        assert client.get(place_url(series, start, "places")).status_code in (401, 404)
    assert member_client.delete(place_url(series, start, f"places/{body['waiting'][0]['id']}")).status_code == 404

    removed = facilitator_client.delete(place_url(series, start, f"places/{body['booked'][0]['id']}"))
    again = facilitator_client.delete(place_url(series, start, f"places/{body['booked'][0]['id']}"))

    assert removed.status_code == 200
    assert again.status_code == 400 and "already given up" in again.json()["detail"]
    after = facilitator_client.get(place_url(series, start, "places")).json()
    assert [p["name"] for p in after["booked"]] == ["Ben"] and after["waiting"] == []

    # The group's organization's admins may see the lists too.
    circle.organization = organization
    circle.save(update_fields=["organization"])
    assert org_admin_client.get(place_url(series, start, "places")).status_code == 200
    assert facilitator_client.get(place_url(series, start + timedelta(minutes=5), "places")).status_code == 400


def test_facilitators_set_places_per_meeting_through_the_api(circle, facilitator_client, member_client):
    created = facilitator_client.post("/api/v1/groups/circle/series", {
        "title": "Workshop", "start_date": "2030-03-05", "start_time": "18:00", "capacity": 8}, content_type=JSON)
    series_id = created.json()["id"]

    lowered = facilitator_client.patch(f"/api/v1/groups/circle/series/{series_id}", {"capacity": 6},
                                       content_type=JSON)
    unlimited = facilitator_client.patch(f"/api/v1/groups/circle/series/{series_id}", {"capacity": None},
                                         content_type=JSON)
    refused = facilitator_client.patch(f"/api/v1/groups/circle/series/{series_id}", {"capacity": 0},
                                       content_type=JSON)
    null_title = facilitator_client.patch(f"/api/v1/groups/circle/series/{series_id}", {"title": None},
                                          content_type=JSON)
    not_allowed = member_client.patch(f"/api/v1/groups/circle/series/{series_id}", {"capacity": 2},
                                      content_type=JSON)

    assert created.status_code == 201 and created.json()["capacity"] == 8
    assert lowered.status_code == 200 and lowered.json()["capacity"] == 6
    assert unlimited.status_code == 200 and unlimited.json()["capacity"] is None
    assert refused.status_code == 400 and "between 1 and 10,000 places" in refused.json()["detail"]
    assert null_title.status_code == 400
    assert not_allowed.status_code == 404
    assert MeetingSeries.objects.get(pk=series_id).capacity is None


def test_a_persons_places_are_in_their_export_and_go_when_they_are_erased(circle, member, member_client):
    from peercircle.groups.personal_data import _erase

    series, start = workshop(circle, capacity=1)
    member_client.post(place_url(series, start), content_type=JSON)
    ben, ben_client = newcomer(circle, "Ben")
    ben_client.post(place_url(series, start), content_type=JSON)

    exported = member_client.get("/api/v1/me/export").json()["groups"]["meeting_places"]
    assert [(p["group_slug"], p["meeting"], p["status"]) for p in exported] == [
        ("circle", "Writing workshop", "booked")]
    assert "Ben" not in str(exported)

    _erase(member, keep_public_posts=False)

    assert not MeetingPlace.objects.filter(user=member).exists()
    assert MeetingPlace.objects.get(user=ben).status == "booked"
    assert signed_in(ben).get("/api/v1/groups/circle/meetings").json()[0]["my_place"] == "booked"
