"""A new version of a required agreement asks everyone again, before anything else."""

import pytest
from django.test import Client
from django.utils import timezone

from peercircle.accounts.models import Consent, ConsentDocument
from peercircle.accounts.services import token_create
from peercircle.accounts.tests.factories import UserFactory
from peercircle.core.tests.helpers import text

pytestmark = pytest.mark.django_db

NEW_TERMS = "Please read and agree to our current terms of use and privacy notice to continue."


def publish_new_terms() -> ConsentDocument:
    return ConsentDocument.objects.create(
        kind="terms", version="2.0", title="Terms of use", body="New **terms**.", required=True,
        published_at=timezone.now(),
    )


def test_after_new_terms_are_published_a_member_is_asked_to_agree_before_going_on(member_client, member):
    assert member_client.get("/me/experiences/").status_code == 200
    publish_new_terms()

    response = member_client.get("/me/experiences/", follow=True)

    assert response.redirect_chain[-1][0] == "/me/privacy/"
    assert NEW_TERMS in text(response)
    assert "A new version (2.0) is available." in text(response)


def test_agreeing_to_the_new_version_lets_the_member_go_on(member_client, member):
    document = publish_new_terms()

    member_client.post("/me/privacy/consents/terms/", {"action": "give"})

    assert Consent.objects.filter(user=member, document=document, withdrawn_at__isnull=True).exists()
    assert member_client.get("/me/experiences/").status_code == 200


def test_while_asked_a_member_can_still_read_the_terms_export_or_leave(member_client):
    publish_new_terms()

    assert member_client.get("/about/agreements/").status_code == 200
    assert member_client.post("/me/privacy/export/").status_code == 200
    assert member_client.get("/me/delete/").status_code == 200
    assert member_client.get("/help/").status_code == 200


def test_the_api_answers_403_with_the_reason_until_the_new_version_is_agreed(member_client, member):
    publish_new_terms()
    _token, raw = token_create(user=member, name="script")

    by_session = member_client.get("/api/v1/me/experiences")
    by_token = Client().get("/api/v1/me/experiences", HTTP_AUTHORIZATION=f"Bearer {raw}")

    assert by_session.status_code == by_token.status_code == 403
    assert "agree to the updated terms" in by_token.json()["detail"]
    assert member_client.post("/api/v1/me/consents/terms").status_code == 200
    assert Client().get("/api/v1/me/experiences", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 200


def test_an_account_made_outside_sign_up_is_asked_to_agree_on_first_visit():
    person = UserFactory(agreements=False)
    client = Client()
    client.force_login(person)

    response = client.get("/me/profile/", follow=True)

    assert response.redirect_chain[-1][0] == "/me/privacy/"
    assert NEW_TERMS in text(response)
