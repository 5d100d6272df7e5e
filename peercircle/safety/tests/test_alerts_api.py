"""The safety alerts API: the same rules as the pages, in JSON, by session or token."""

import pytest
from django.test import Client

from peercircle.accounts.tests.factories import PersonalTokenFactory
from peercircle.core.models import AuditEntry
from peercircle.core.tests.helpers import signed_in
from peercircle.safety.tests.alert_helpers import HIGH, IMMINENT, moderator_of, writes

pytestmark = pytest.mark.django_db
JSON = "application/json"


@pytest.fixture
def alert(member, moderator):
    return writes(member, IMMINENT)


def test_the_queue_lists_alerts_and_filters_them(member, moderator_client, alert):
    writes(member, HIGH)

    body = moderator_client.get("/api/v1/safety/alerts").json()
    assert body["count"] == 2
    imminent = moderator_client.get("/api/v1/safety/alerts?level=imminent").json()
    assert [item["id"] for item in imminent["items"]] == [alert.pk]
    assert imminent["items"][0]["person"] == "Mara"
    assert imminent["items"][0]["context_label"] == "Profile: about me"


def test_acknowledge_note_and_close_with_a_token(moderator, alert):
    token = PersonalTokenFactory(user=moderator)
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token.raw_token}")

    acknowledged = client.post(f"/api/v1/safety/alerts/{alert.pk}/acknowledge")
    assert acknowledged.status_code == 200 and acknowledged.json()["status"] == "acknowledged"
    noted = client.post(f"/api/v1/safety/alerts/{alert.pk}/notes", {"text": "Phoning now"}, content_type=JSON)
    assert noted.json()["notes"][-1] == {**noted.json()["notes"][-1], "kind": "note", "author": "Mo",
                                         "text": "Phoning now"}
    refused = client.post(f"/api/v1/safety/alerts/{alert.pk}/close", {"outcome": "gone"}, content_type=JSON)
    assert refused.status_code == 400
    closed = client.post(f"/api/v1/safety/alerts/{alert.pk}/close", {"outcome": "no_risk"}, content_type=JSON)
    assert closed.json()["status"] == "closed" and closed.json()["outcome"] == "no_risk"
    detail = client.get(f"/api/v1/safety/alerts/{alert.pk}").json()
    assert [note["kind"] for note in detail["notes"]] == ["opened", "paged", "acknowledged", "note", "closed"]
    assert AuditEntry.objects.filter(action="safety_alert.close", actor=moderator).exists()


@pytest.mark.parametrize("who", ["member", "org_admin", "other_moderator"])
def test_others_get_404(who, request, alert, other_organization):
    person = (moderator_of(other_organization, email="om@example.org", name="Om") if who == "other_moderator"
              else request.getfixturevalue(who))
    client = signed_in(person)

    assert client.get(f"/api/v1/safety/alerts/{alert.pk}").status_code == 404
    assert client.post(f"/api/v1/safety/alerts/{alert.pk}/acknowledge").status_code == 404
    assert client.post(f"/api/v1/safety/alerts/{alert.pk}/close", {"outcome": "no_risk"},
                       content_type=JSON).status_code == 404
    listing = client.get("/api/v1/safety/alerts")
    assert listing.status_code == 404 or listing.json()["count"] == 0


def test_signed_out_is_401(alert):
    assert Client().get("/api/v1/safety/alerts").status_code == 401
