"""After an account is deleted, the audit log and Django's admin history say what happened
and when, but nothing about who the person was or what they lived through."""

import json

import pytest
from django.contrib.admin.models import LogEntry
from django.db.models import Q

from peercircle.accounts.models import Profile
from peercircle.accounts.tests.factories import PASSWORD
from peercircle.core.models import AuditEntry
from peercircle.core.tests.helpers import form_values
from peercircle.experiences.models import PersonExperience

pytestmark = pytest.mark.django_db

SECRETS = ("Mara Realname", "grief.child", "community.rural", "Mara's laptop")


def _leaks(entries) -> list[str]:
    found = []
    for entry in entries:
        written = " ".join([entry.actor_label, entry.target_label, json.dumps(entry.data)])
        found += [f"{entry.action}: {secret}" for secret in SECRETS if secret in written]
        if entry.ip_address:
            found.append(f"{entry.action}: ip {entry.ip_address}")
    return found


@pytest.fixture
def a_history(member, member_client, staff_client):
    """A person's ordinary life in PeerCircle, and a staff member's edits of their records."""
    member_client.patch("/api/v1/me/profile", {"display_name": "Mara Realname"}, content_type="application/json")
    member_client.post("/api/v1/me/experiences", {"code": "grief.child"}, content_type="application/json")
    member_client.post("/api/v1/me/communities", {"code": "community.rural"}, content_type="application/json")
    created = member_client.post("/api/v1/me/tokens", {"name": "Mara's laptop"}, content_type="application/json")
    assert created.status_code == 201
    member_client.delete(f"/api/v1/me/tokens/{created.json()['id']}")

    profile_url = f"/admin/accounts/profile/{Profile.objects.get(user=member).pk}/change/"
    form = form_values(staff_client.get(profile_url), "profile_form")
    form["pronouns"] = "she/her"
    assert staff_client.post(profile_url, form).status_code == 302
    experience = PersonExperience.objects.get(user=member)
    experience_url = f"/admin/experiences/personexperience/{experience.pk}/change/"
    form = form_values(staff_client.get(experience_url), "personexperience_form")
    form["stage"] = "past"
    assert staff_client.post(experience_url, form).status_code == 302
    return member


def test_after_deletion_no_audit_entry_names_me_describes_my_experiences_or_keeps_my_address(
        a_history, member_client):
    member = a_history
    assert _leaks(AuditEntry.objects.filter(subject=member))  # the history really holds them

    member_client.post("/me/delete/", {"password": PASSWORD, "confirm": "on"})

    entries = AuditEntry.objects.filter(Q(subject=member) | Q(actor=member))
    assert _leaks(entries) == []
    # What happened, and when, is still there.
    actions = set(entries.values_list("action", flat=True))
    assert {"profile.update", "experience.add", "community.add", "token.create", "account.delete"} <= actions
    assert set(AuditEntry.objects.filter(subject=member).exclude(action="account.delete")
               .values_list("target_label", flat=True)) == {f"former-member-{member.pk}"}


def test_after_deletion_the_django_admin_history_no_longer_names_my_records(a_history, member_client):
    member = a_history
    assert LogEntry.objects.filter(object_repr__icontains="Mara Realname").exists()

    member_client.post("/me/delete/", {"password": PASSWORD, "confirm": "on"})

    reprs = set(LogEntry.objects.values_list("object_repr", flat=True))
    assert reprs == {f"former-member-{member.pk}"}
    assert not any(secret in r for r in reprs for secret in SECRETS)


def test_deleting_my_account_leaves_audit_entries_about_others_as_they_were(a_history, member_client,
                                                                          other_member):
    other_profile = Profile.objects.get(user=other_member)
    AuditEntry.objects.create(action="profile.update", subject=other_member, target_label="Olwen",
                              data={"fields": ["bio"]}, ip_address="10.0.0.1")

    member_client.post("/me/delete/", {"password": PASSWORD, "confirm": "on"})

    kept = AuditEntry.objects.get(subject=other_member)
    assert (kept.target_label, kept.data, kept.ip_address) == ("Olwen", {"fields": ["bio"]}, "10.0.0.1")
    assert Profile.objects.get(pk=other_profile.pk).display_name == "Olwen"


def test_my_export_says_who_acted_as_me_staff_or_the_system_without_staff_emails(
        member, member_client, staff_client):
    member_client.post("/api/v1/me/experiences", {"code": "grief.child"}, content_type="application/json")
    experience = PersonExperience.objects.get(user=member)
    staff_client.get(f"/admin/experiences/personexperience/{experience.pk}/change/")
    AuditEntry.objects.create(action="reminder.sent", subject=member, actor_label="system")

    response = member_client.post("/me/privacy/export/")

    assert "staff@example.org" not in response.content.decode()
    by = {entry["action"]: entry["by"] for entry in response.json()["activity"]}
    assert by["experience.add"] == "you"
    assert by["personexperience.read_confidential"] == "staff"
    assert by["reminder.sent"] == "system"
