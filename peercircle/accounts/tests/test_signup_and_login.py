import re

import pytest
from django.contrib.auth.hashers import identify_hasher
from django.core import mail
from django.test import Client

from peercircle.accounts.models import Consent, Profile, User
from peercircle.accounts.tests.factories import PASSWORD, UserFactory
from peercircle.core.tests.helpers import text

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "slow rivers carry stones"


def signup(client, **overrides):
    data = {
        "email": "nell@example.org",
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
        "display_name": "Nell",
        "accept_terms": "on",
        **overrides,
    }
    return client.post("/accounts/signup/", {k: v for k, v in data.items() if v is not None})


def confirmation_path(message) -> str:
    url = re.search(r"https?://\S+/accounts/confirm-email/\S+/", message.body).group(0)
    return "/" + url.split("/", 3)[3]


def is_signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_signing_up_creates_an_account_with_a_profile_and_the_two_required_agreements(client):
    response = signup(client)

    assert response.status_code == 302
    user = User.objects.get(email="nell@example.org")
    assert Profile.objects.get(user=user).display_name == "Nell"
    kinds = set(Consent.objects.filter(user=user, withdrawn_at__isnull=True).values_list("document__kind", flat=True))
    assert kinds == {"terms", "privacy"}


def test_ticking_research_at_sign_up_records_research_consent(client):
    signup(client, research="on")

    kinds = set(Consent.objects.filter(user__email="nell@example.org").values_list("document__kind", flat=True))
    assert kinds == {"terms", "privacy", "research"}


def test_signing_up_with_an_address_already_in_use_reveals_nothing_and_makes_no_second_account(client):
    UserFactory(email="nell@example.org")

    response = signup(client)

    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    assert User.objects.filter(email="nell@example.org").count() == 1
    assert mail.outbox[0].to == ["nell@example.org"]  # the owner is told someone tried


def test_signing_up_without_agreeing_to_the_terms_explains_why_and_creates_nobody(client):
    response = signup(client, accept_terms=None)

    assert response.status_code == 200
    assert "To create an account, please agree to the terms and privacy notice." in text(response)
    assert not User.objects.filter(email="nell@example.org").exists()
    assert mail.outbox == []


def test_signing_up_with_a_short_password_is_refused(client):
    response = signup(client, password1="short", password2="short")

    assert "This password is too short" in text(response)
    assert not User.objects.exists()


def test_signing_up_sends_a_verification_email_and_sign_in_waits_for_it(client):
    signup(client)

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["nell@example.org"]
    assert "/accounts/confirm-email/" in mail.outbox[0].body
    assert not is_signed_in(client)

    other_device = Client()
    response = other_device.post("/accounts/login/", {"login": "nell@example.org", "password": NEW_PASSWORD})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/confirm-email/")
    assert not is_signed_in(other_device)


def test_following_the_confirmation_link_asks_first_and_then_signs_in(client):
    signup(client)
    path = confirmation_path(mail.outbox[0])

    page = client.get(path)
    assert page.status_code == 200
    assert "nell@example.org" in text(page)
    assert not is_signed_in(client)

    response = client.post(path)
    assert response.status_code == 302
    assert is_signed_in(client)
    assert client.get("/me/profile/").status_code == 200


def test_a_verified_person_signs_in_and_out_with_email_and_password(client):
    user = UserFactory(email="kai@example.org")

    response = client.post("/accounts/login/", {"login": "kai@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    assert "Welcome back" in text(client.get("/"))

    client.post("/accounts/logout/")
    assert not is_signed_in(client)


def test_a_wrong_password_does_not_sign_in(client):
    UserFactory(email="kai@example.org")

    response = client.post("/accounts/login/", {"login": "kai@example.org", "password": "not the one"})

    assert response.status_code == 200
    assert "The email address and/or password you specified are not correct." in text(response)
    assert not is_signed_in(client)


def test_repeated_failed_sign_ins_are_rate_limited(client, settings):
    del settings.ACCOUNT_RATE_LIMITS  # the project's default limits
    UserFactory(email="kai@example.org")

    for _attempt in range(5):
        client.post("/accounts/login/", {"login": "kai@example.org", "password": "not the one"})
    response = client.post("/accounts/login/", {"login": "kai@example.org", "password": PASSWORD})

    assert "Too many failed login attempts" in text(response)
    assert not is_signed_in(client)


def test_asking_for_a_password_reset_sends_an_email_with_a_reset_link(client):
    UserFactory(email="kai@example.org")

    response = client.post("/accounts/password/reset/", {"email": "kai@example.org"})

    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["kai@example.org"]
    assert "/accounts/password/reset/key/" in mail.outbox[0].body


def test_new_passwords_are_hashed_with_argon2_under_the_project_settings(client, settings):
    import config.settings as project_settings

    settings.PASSWORD_HASHERS = project_settings.PASSWORD_HASHERS
    signup(client)

    user = User.objects.get(email="nell@example.org")
    assert identify_hasher(user.password).algorithm == "argon2"
    assert user.check_password(NEW_PASSWORD)
