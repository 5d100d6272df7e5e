import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from peercircle.accounts.models import PersonalToken
from peercircle.accounts.tests.factories import PersonalTokenFactory, UserFactory
from peercircle.core.tests.helpers import text

pytestmark = pytest.mark.django_db


def bearer(raw: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def api_client() -> Client:
    # A script, not a browser: no session cookie, and CSRF is enforced as in production.
    return Client(enforce_csrf_checks=True)


def test_a_token_made_on_the_tokens_page_is_shown_once_and_then_works_for_the_api(member_client, member):
    response = member_client.post("/me/tokens/", {"name": "My script", "expires_in_days": "30"})

    assert response.status_code == 200
    raw = re.search(r"pc_[A-Za-z0-9_\-]{20,}", text(response)).group(0)
    assert "it will not be shown again" in text(response)
    assert raw not in text(member_client.get("/me/tokens/"))
    assert "My script" in text(member_client.get("/me/tokens/"))

    me = api_client().get("/api/v1/me", **bearer(raw))
    assert me.status_code == 200
    assert me.json()["email"] == member.email
    token = PersonalToken.objects.get(user=member)
    assert token.token_hash != raw and raw not in token.token_hash
    assert token.expires_at - timezone.now() > timedelta(days=29)


def test_a_token_without_a_name_is_refused_with_a_message(member_client, member):
    response = member_client.post("/me/tokens/", {"name": "   ", "expires_in_days": "30"})

    assert "This field is required." in text(response)
    api = member_client.post("/api/v1/me/tokens", {"name": "   "}, content_type="application/json")
    assert api.status_code == 400
    assert api.json()["detail"] == "Please give the token a name so you can recognise it later."
    assert not PersonalToken.objects.filter(user=member).exists()


def test_a_token_made_through_the_api_is_returned_once_and_listed_without_its_secret(member_client):
    created = member_client.post("/api/v1/me/tokens", {"name": "backup", "expires_in_days": 7},
                                 content_type="application/json")

    assert created.status_code == 201
    raw = created.json()["token"]
    assert raw.startswith("pc_")
    listed = member_client.get("/api/v1/me/tokens")
    assert [t["name"] for t in listed.json()] == ["backup"]
    assert raw not in listed.content.decode()


def test_a_token_lifetime_outside_one_to_366_days_is_refused(member_client, member):
    response = member_client.post("/api/v1/me/tokens", {"name": "forever", "expires_in_days": 1000},
                                  content_type="application/json")

    assert response.status_code == 400
    assert response.json()["detail"] == "A token can last between 1 and 366 days."
    assert not PersonalToken.objects.filter(user=member).exists()


def test_a_bearer_token_can_write_without_a_csrf_token(member):
    token = PersonalTokenFactory(user=member)

    response = api_client().post("/api/v1/me/experiences", {"code": "grief.parent"},
                                 content_type="application/json", **bearer(token.raw_token))

    assert response.status_code == 201
    assert response.json()["code"] == "grief.parent"


def test_a_session_write_without_the_csrf_token_is_refused(member):
    client = api_client()
    client.force_login(member)

    response = client.post("/api/v1/me/tokens", {"name": "sneaky"}, content_type="application/json")

    assert response.status_code == 403
    assert not PersonalToken.objects.filter(user=member).exists()


def test_a_session_write_with_the_csrf_token_is_accepted(member):
    client = api_client()
    client.force_login(member)
    client.get("/me/tokens/")  # the page sets the CSRF cookie, as in a browser
    csrf = client.cookies["csrftoken"].value

    response = client.post("/api/v1/me/tokens", {"name": "from the page"},
                           content_type="application/json", HTTP_X_CSRFTOKEN=csrf)

    assert response.status_code == 201


def test_a_revoked_token_no_longer_works(member_client, member):
    token = PersonalTokenFactory(user=member)
    assert api_client().get("/api/v1/me", **bearer(token.raw_token)).status_code == 200

    member_client.post(f"/me/tokens/{token.pk}/revoke/")

    response = api_client().get("/api/v1/me", **bearer(token.raw_token))
    assert response.status_code == 401
    assert response.json()["detail"] == "Please sign in or send a valid token."
    assert "Revoked" in text(member_client.get("/me/tokens/"))


def test_a_token_revoked_through_the_api_answers_401_for_writes_too(member_client, member):
    token = PersonalTokenFactory(user=member)

    assert member_client.delete(f"/api/v1/me/tokens/{token.pk}").status_code == 200

    response = api_client().post("/api/v1/me/experiences", {"code": "grief.parent"},
                                 content_type="application/json", **bearer(token.raw_token))
    assert response.status_code == 401


def test_an_expired_token_no_longer_works(member):
    token = PersonalTokenFactory(user=member, expires_at=timezone.now() - timedelta(minutes=1))

    assert api_client().get("/api/v1/me", **bearer(token.raw_token)).status_code == 401


def test_a_made_up_token_and_no_token_both_answer_401():
    assert api_client().get("/api/v1/me", **bearer("pc_made-up")).status_code == 401
    assert api_client().get("/api/v1/me").status_code == 401


def test_a_token_of_a_deactivated_account_no_longer_works():
    token = PersonalTokenFactory(user=UserFactory(is_active=False))

    assert api_client().get("/api/v1/me", **bearer(token.raw_token)).status_code == 401


def test_someone_elses_token_cannot_be_revoked_and_looks_missing(member_client, other_member):
    token = PersonalTokenFactory(user=other_member)

    assert member_client.delete(f"/api/v1/me/tokens/{token.pk}").status_code == 404
    assert member_client.post(f"/me/tokens/{token.pk}/revoke/").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
