import json

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.models import Session
from django.db.models import Q
from django.test import Client

from peercircle.accounts.access import name_for
from peercircle.accounts.models import Consent, PersonalToken, Profile, User
from peercircle.accounts.tests.factories import PASSWORD, PersonalTokenFactory
from peercircle.core.models import AuditEntry
from peercircle.core.tests.helpers import text
from peercircle.experiences.models import PersonCommunity, PersonExperience
from peercircle.experiences.tests.factories import PersonCommunityFactory, PersonExperienceFactory
from peercircle.organizations.models import Membership

pytestmark = pytest.mark.django_db

WRONG_PASSWORD = "That password is not right. Nothing has been deleted."


@pytest.fixture
def members_story(member, other_member):
    PersonExperienceFactory(user=member, code="grief.parent", story="My dad died in May.")
    PersonCommunityFactory(user=member, code="community.rural")
    PersonExperienceFactory(user=other_member, code="substance_use.alcohol", story="Olwen's private words")
    return member


# --- Export ---------------------------------------------------------------------------------------

def test_downloading_my_data_gives_a_json_file_with_everything_about_me(member_client, members_story):
    member_client.patch("/api/v1/me/profile", {"bio": "I like rowing."}, content_type="application/json")

    response = member_client.post("/me/privacy/export/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith('attachment; filename="peercircle-my-data-')
    data = json.loads(response.content)
    assert data["account"]["email"] == "member@example.org"
    assert data["profile"]["display_name"] == "Mara" and data["profile"]["bio"] == "I like rowing."
    assert data["experiences"]["experiences"][0]["story"] == "My dad died in May."
    assert data["experiences"]["communities"][0]["code"] == "community.rural"
    assert {c["kind"] for c in data["consents"]} == {"terms", "privacy"}
    assert data["memberships"][0]["organization"] == "Harbour Peer Network"
    assert "profile.update" in [entry["action"] for entry in data["activity"]]


def test_my_data_export_holds_nothing_of_anyone_else_and_no_secrets(member_client, members_story):
    token = PersonalTokenFactory(user=members_story)

    body = member_client.post("/me/privacy/export/").content.decode()

    assert token.token_hash not in body and token.raw_token not in body

    assert "Olwen" not in body
    assert "other@example.org" not in body
    assert "substance_use.alcohol" not in body


def test_the_export_is_only_given_to_a_post_request(member_client):
    assert member_client.get("/me/privacy/export/").status_code == 405


def test_the_api_export_matches_and_is_mine_only(member_client, members_story):
    response = member_client.get("/api/v1/me/export")

    assert response.status_code == 200
    data = response.json()
    assert data["format"] == "peercircle.personal-data/1"
    assert data["account"]["email"] == "member@example.org"
    assert "Olwen's private words" not in response.content.decode()


# --- Deletion -------------------------------------------------------------------------------------

def test_a_wrong_password_deletes_nothing_and_says_so(member_client, members_story):
    response = member_client.post("/me/delete/", {"password": "nope", "confirm": "on"})

    assert response.status_code == 200
    assert WRONG_PASSWORD in text(response)
    member = User.objects.get(pk=members_story.pk)
    assert member.is_active and member.deleted_at is None
    assert Profile.objects.filter(user=member).exists()
    assert PersonExperience.objects.filter(user=member).exists()


def test_deletion_needs_the_cannot_be_undone_box_ticked(member_client, member):
    member_client.post("/me/delete/", {"password": PASSWORD})

    assert User.objects.get(pk=member.pk).deleted_at is None


def test_deleting_my_account_removes_my_personal_data_and_signs_me_out(member_client, members_story):
    member = members_story
    PersonalTokenFactory(user=member)
    email = member.email

    response = member_client.post("/me/delete/", {"password": PASSWORD, "confirm": "on"})

    assert response.status_code == 200
    assert "Your account is deleted" in text(response)
    member = User.objects.get(pk=member.pk)
    assert not member.is_active and member.deleted_at is not None
    assert member.email.endswith("@deleted.invalid") and email not in member.email
    assert not member.has_usable_password()
    assert not Profile.objects.filter(user=member).exists()
    assert not PersonExperience.objects.filter(user=member).exists()
    assert not PersonCommunity.objects.filter(user=member).exists()
    assert not PersonalToken.objects.filter(user=member).exists()
    assert not EmailAddress.objects.filter(user=member).exists()
    assert not Consent.objects.filter(user=member, withdrawn_at__isnull=True).exists()
    assert not Membership.objects.active().filter(user=member).exists()
    assert name_for(AnonymousUser(), member) == "Former member"

    assert member_client.get("/me/profile/").status_code == 302
    again = Client()
    again.post("/accounts/login/", {"login": email, "password": PASSWORD})
    assert "_auth_user_id" not in again.session


def test_after_deletion_audit_entries_no_longer_carry_the_email(member_client, member, org_admin_client):
    org_admin_client.post("/organizations/harbour/manage/", {"grant-email": member.email, "grant-role": "peer_supporter"})
    member_client.post("/me/privacy/export/")
    email = member.email
    assert AuditEntry.objects.filter(Q(actor_label__icontains=email) | Q(target_label__icontains=email)).exists()

    member_client.post("/me/delete/", {"password": PASSWORD, "confirm": "on"})

    assert not AuditEntry.objects.filter(Q(actor_label__icontains=email) | Q(target_label__icontains=email)).exists()
    assert not AuditEntry.objects.filter(data__icontains=email).exists()
    assert AuditEntry.objects.filter(action="account.delete", subject=member).exists()


def test_deleting_my_account_signs_me_out_on_every_device(member):
    phone, laptop = Client(), Client()
    phone.force_login(member)
    laptop.post("/accounts/login/", {"login": member.email, "password": PASSWORD})
    assert laptop.get("/me/profile/").status_code == 200

    phone.post("/me/delete/", {"password": PASSWORD, "confirm": "on"})

    assert laptop.get("/me/profile/").status_code == 302
    # and no stored session still names the person
    assert not [s for s in Session.objects.all() if s.get_decoded().get("_auth_user_id") == str(member.pk)]


def test_the_api_deletes_an_account_only_with_the_right_password(member_client, member):
    wrong = member_client.post("/api/v1/me/delete", {"password": "nope"}, content_type="application/json")
    assert wrong.status_code == 400
    assert wrong.json()["detail"] == WRONG_PASSWORD
    assert User.objects.get(pk=member.pk).is_active

    right = member_client.post("/api/v1/me/delete", {"password": PASSWORD}, content_type="application/json")
    assert right.status_code == 200
    member.refresh_from_db()
    assert not member.is_active and name_for(AnonymousUser(), member) == "Former member"
    assert not Profile.objects.filter(user=member).exists()


def test_a_deleted_persons_token_stops_working(member):
    token = PersonalTokenFactory(user=member)
    client = Client()

    client.post("/api/v1/me/delete", {"password": PASSWORD}, content_type="application/json",
                HTTP_AUTHORIZATION=f"Bearer {token.raw_token}")

    assert client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {token.raw_token}").status_code == 401
    assert User.objects.get(pk=member.pk).deleted_at is not None


def test_after_deletion_the_django_admin_history_no_longer_carries_the_email(staff_client, member, member_client):
    from django.contrib.admin.models import LogEntry

    from peercircle.core.tests.helpers import form_values

    url = f"/admin/accounts/user/{member.pk}/change/"
    form = form_values(staff_client.get(url), "user_form")
    form["language"] = "es"
    assert staff_client.post(url, form).status_code == 302
    assert LogEntry.objects.filter(object_repr__icontains="member@example.org").exists()

    member_client.post("/me/delete/", {"password": PASSWORD, "confirm": "on"})

    assert not LogEntry.objects.filter(object_repr__icontains="member@example.org").exists()
    assert not AuditEntry.objects.filter(target_label__icontains="member@example.org").exists()
