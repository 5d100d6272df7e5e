import time

import pytest
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY, format_hotp_value, hotp_value
from django.test import Client

from peercircle.accounts.tests.factories import PASSWORD, PersonalTokenFactory, UserFactory
from peercircle.core.tests.helpers import signed_in
from peercircle.organizations.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

ACTIVATE = "/accounts/2fa/totp/activate/"


@pytest.fixture(params=["moderator", "org_admin"])
def role_holder_without_two_factor(request, organization):
    user = UserFactory(email=f"new-{request.param}@example.org")
    MembershipFactory(user=user, organization=organization, role=request.param)
    return user


@pytest.mark.parametrize("path", ["/", "/me/profile/", "/me/experiences/", "/organizations/harbour/"])
def test_a_moderator_or_admin_without_two_factor_is_sent_to_set_it_up_from_any_page(
    role_holder_without_two_factor, path
):
    response = signed_in(role_holder_without_two_factor).get(path)

    assert response.status_code == 302
    assert response["Location"] == ACTIVATE


def test_the_api_refuses_a_moderator_or_admin_without_two_factor(role_holder_without_two_factor):
    response = signed_in(role_holder_without_two_factor).get("/api/v1/me")

    assert response.status_code == 403
    assert response.json()["detail"] == "Two-factor authentication must be set up for this account."


def test_an_api_token_does_not_get_round_two_factor_either(role_holder_without_two_factor):
    token = PersonalTokenFactory(user=role_holder_without_two_factor)

    response = Client().get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {token.raw_token}")

    assert response.status_code == 403


def test_staff_without_two_factor_are_sent_to_set_it_up():
    staff = UserFactory(is_staff=True)

    assert signed_in(staff).get("/").headers["Location"] == ACTIVATE


def test_with_two_factor_set_up_moderators_and_admins_use_pages_and_the_api(moderator_client, org_admin_client):
    for client in (moderator_client, org_admin_client):
        assert client.get("/me/profile/").status_code == 200
        me = client.get("/api/v1/me").json()
        assert me["two_factor_enabled"] is True


def test_a_plain_member_is_not_asked_for_two_factor(member_client):
    assert member_client.get("/me/profile/").status_code == 200
    assert member_client.get("/api/v1/me").json()["two_factor_enabled"] is False


def test_a_former_moderator_whose_role_ended_is_not_asked_for_two_factor(organization):
    from django.utils import timezone

    user = UserFactory()
    MembershipFactory(user=user, organization=organization, role="moderator", ended_at=timezone.now())

    assert signed_in(user).get("/me/profile/").status_code == 200


def test_a_new_moderator_signs_in_sets_up_an_authenticator_and_can_then_work(client, organization, settings):
    settings.MFA_TOTP_TOLERANCE = 1  # a code made just before a 30-second boundary still counts
    user = UserFactory(email="newmod@example.org")
    MembershipFactory(user=user, organization=organization, role="moderator")

    client.post("/accounts/login/", {"login": "newmod@example.org", "password": PASSWORD})
    assert client.get("/").headers["Location"] == ACTIVATE
    assert client.get(ACTIVATE).headers["Location"].startswith("/accounts/reauthenticate/")
    client.post(f"/accounts/reauthenticate/?next={ACTIVATE}", {"password": PASSWORD})
    setup_page = client.get(ACTIVATE)
    assert setup_page.status_code == 200

    secret = client.session[SECRET_SESSION_KEY]
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    wrong = client.post(ACTIVATE, {"code": "000000" if code != "000000" else "111111"})
    assert wrong.status_code == 200
    assert client.get("/").status_code == 302

    client.post(ACTIVATE, {"code": code})
    assert client.get("/").status_code == 200
