"""Suggested corrections through the API: the same rules as the pages, in JSON; and what
happens to them in a person's data export and when they delete their account."""

import pytest
from django.test import Client
from django.utils import timezone

from peercircle.accounts.tests.factories import PASSWORD, PersonalTokenFactory, UserFactory
from peercircle.groups.models import ListingCorrection
from peercircle.groups.tests.factories import (
    GroupMembershipFactory,
    ListingCorrectionFactory,
    SupportGroupFactory,
)

pytestmark = pytest.mark.django_db
JSON = "application/json"
CORRECTIONS = "/api/v1/groups/circle/corrections"


@pytest.fixture
def circle(facilitator):
    return SupportGroupFactory(name="Manchester grief circle", slug="circle", facilitator=facilitator)


def post(client, path, data=None, **kwargs):
    return client.post(path, data or {}, content_type=JSON, **kwargs)


def test_anyone_suggests_a_correction_signed_in_or_not(circle, member, member_client):
    anonymous = post(Client(), CORRECTIONS, {"kind": "place", "text": "They moved to the library.",
                                              "contact_email": "sam@example.net"})
    mine = post(member_client, CORRECTIONS, {"kind": "meeting_time", "text": "Thursdays now."})

    assert anonymous.status_code == 201
    body = anonymous.json()
    assert body["group"] == "circle" and body["status"] == "open" and body["kind"] == "place"
    assert "contact_email" not in body and "sam@example.net" not in anonymous.content.decode()
    assert mine.status_code == 201
    assert ListingCorrection.objects.get(pk=mine.json()["id"]).suggested_by == member
    listed = member_client.get("/api/v1/me/corrections").json()
    assert listed["count"] == 1 and listed["items"][0]["text"] == "Thursdays now."


@pytest.mark.parametrize("payload, message", [
    ({"kind": "haunted", "text": "Boo"}, "Please choose what is wrong with the listing."),
    ({"kind": "other", "text": ""}, "Please write what needs correcting"),
    ({"kind": "other", "text": "z" * 2001}, "Please keep your suggestion under 2,000 characters"),
    ({"kind": "other", "text": "Hi", "website": "spam"}, "could not be sent"),
    ({"kind": "other", "text": "Hi", "contact_email": "@"}, "Please check the email address"),
])
def test_bad_suggestions_answer_400_with_the_reason(circle, payload, message):
    response = post(Client(), CORRECTIONS, payload)

    assert response.status_code == 400 and message in response.json()["detail"]
    assert not ListingCorrection.objects.exists()


def test_the_api_is_rate_limited_like_the_form(circle, settings):
    settings.PEERCIRCLE_LISTING_CORRECTIONS_PER_HOUR = 1
    visitor = Client(REMOTE_ADDR="192.0.2.44")

    assert post(visitor, CORRECTIONS, {"kind": "other", "text": "One"}).status_code == 201
    refused = post(visitor, CORRECTIONS, {"kind": "other", "text": "Two"})
    assert refused.status_code == 400 and "please wait a little" in refused.json()["detail"]


def test_a_group_people_may_not_see_answers_404(organization, member):
    SupportGroupFactory(slug="waiting", status="pending_approval", organization=organization, created_by=member)

    response = post(Client(), "/api/v1/groups/waiting/corrections", {"kind": "other", "text": "Hello"})

    assert response.status_code == 404 and not ListingCorrection.objects.exists()


def test_the_queue_is_for_facilitators_only(circle, member, member_client, facilitator_client):
    GroupMembershipFactory(group=circle, user=member)
    ListingCorrectionFactory(group=circle, suggested_by=member, text="From Mara")
    ListingCorrectionFactory(group=circle, status="done", text="Done already")
    ListingCorrectionFactory(group=circle, text="From a visitor")

    body = facilitator_client.get(CORRECTIONS).json()

    assert body["count"] == 3
    assert [i["text"] for i in body["items"]][:2] == ["From a visitor", "From Mara"]
    assert body["items"][-1]["text"] == "Done already"
    assert {i["text"]: i["suggested_by"] for i in body["items"]} == {
        "From a visitor": "A visitor", "From Mara": "Mara", "Done already": "A visitor"}
    assert facilitator_client.get(f"{CORRECTIONS}?status=open").json()["count"] == 2
    assert member_client.get(CORRECTIONS).status_code == 404
    assert Client().get(CORRECTIONS).status_code == 401


def test_resolving_through_the_api_confirms_the_details(circle, member, member_client, facilitator):
    correction = ListingCorrectionFactory(group=circle, suggested_by=member)
    circle.last_confirmed_at = None
    circle.save(update_fields=["last_confirmed_at"])
    token = PersonalTokenFactory(user=facilitator)
    as_facilitator = {"headers": {"Authorization": f"Bearer {token.raw_token}"}}
    path = f"{CORRECTIONS}/{correction.pk}/resolve"

    refused = post(Client(), path, {"outcome": "maybe"}, **as_facilitator)
    done = post(Client(), path, {"outcome": "done", "note": "Fixed.", "confirm_details": True}, **as_facilitator)
    again = post(Client(), path, {"outcome": "dismissed"}, **as_facilitator)

    assert refused.status_code == 400 and refused.json()["detail"] == "Please choose Done or Dismiss."
    assert done.status_code == 200 and done.json()["status"] == "done" and done.json()["reply"] == "Fixed."
    assert again.status_code == 400 and "already been reviewed" in again.json()["detail"]
    circle.refresh_from_db()
    assert circle.last_confirmed_at is not None
    assert post(member_client, path, {"outcome": "dismissed"}).status_code == 404, "the suggester cannot review it"
    mine = member_client.get("/api/v1/me/corrections").json()["items"][0]
    assert mine["status"] == "done" and mine["reply"] == "Fixed."


def test_a_correction_of_another_group_is_not_found(circle, facilitator_client):
    elsewhere = ListingCorrectionFactory()

    response = post(facilitator_client, f"{CORRECTIONS}/{elsewhere.pk}/resolve", {"outcome": "done"})

    assert response.status_code == 404
    elsewhere.refresh_from_db()
    assert elsewhere.status == "open"


# --- Personal data ---------------------------------------------------------------------------------

def test_my_suggestions_are_in_my_data_export(circle, member, member_client):
    post(member_client, CORRECTIONS, {"kind": "contact", "text": "The organiser's name changed."})

    data = member_client.get("/api/v1/me/export").json()["groups"]["listing_corrections"]

    assert [(c["group_slug"], c["kind"], c["text"], c["status"]) for c in data] == [
        ("circle", "contact", "The organiser's name changed.", "open")]


def test_deleting_my_account_keeps_the_words_for_the_facilitators_but_not_me(circle, facilitator_client):
    person = UserFactory(email="leaving@example.org")
    client = Client()
    client.force_login(person)
    post(client, CORRECTIONS, {"kind": "place", "text": "New venue: the library."})
    signed_out = ListingCorrectionFactory(group=circle, contact_email="Leaving@example.org")
    reviewed = ListingCorrectionFactory(group=circle, status="done", reviewed_at=timezone.now())

    assert post(client, "/api/v1/me/delete", {"password": PASSWORD}).status_code == 200

    kept = ListingCorrection.objects.get(text="New venue: the library.")
    assert kept.suggested_by is None and kept.contact_email == ""
    signed_out.refresh_from_db()
    assert signed_out.contact_email == "", "their address, left while signed out, goes too"
    reviewed.refresh_from_db()
    assert reviewed.status == "done"
    assert "New venue: the library." in facilitator_client.get(CORRECTIONS).content.decode()
