"""Every sensitive change leaves a trace, and so does every staff read of a confidential record."""

import pytest

from peercircle.accounts.models import Profile
from peercircle.core.models import AuditEntry
from peercircle.core.tests.helpers import form_values, text
from peercircle.experiences.tests.factories import PersonExperienceFactory

pytestmark = pytest.mark.django_db


def test_a_profile_update_is_audited_with_the_changed_fields(member_client, member):
    member_client.patch("/api/v1/me/profile", {"pronouns": "she/her"}, content_type="application/json")

    entry = AuditEntry.objects.get(action="profile.update")
    assert (entry.actor, entry.subject, entry.is_staff_action) == (member, member, False)
    assert entry.data == {"fields": ["pronouns"]}
    assert entry.actor_label == "member@example.org"
    assert entry.ip_address == "127.0.0.1"


def test_adding_and_removing_an_experience_and_giving_consent_are_audited(member_client, member):
    created = member_client.post("/api/v1/me/experiences", {"code": "grief.child"}, content_type="application/json")
    member_client.delete(f"/api/v1/me/experiences/{created.json()['id']}")
    member_client.post("/api/v1/me/consents/research")
    member_client.delete("/api/v1/me/consents/research")

    actions = list(AuditEntry.objects.filter(subject=member).order_by("id").values_list("action", flat=True))
    assert actions == ["experience.add", "experience.remove", "consent.give", "consent.withdraw"]


def test_a_change_in_the_django_admin_is_audited_as_a_staff_action(staff_client, staff_user, member):
    profile = Profile.objects.get(user=member)
    url = f"/admin/accounts/profile/{profile.pk}/change/"
    form = form_values(staff_client.get(url), "profile_form")
    form["display_name"] = "Mara (renamed by staff)"

    response = staff_client.post(url, form)

    assert response.status_code == 302, text(response)
    assert Profile.objects.get(pk=profile.pk).display_name == "Mara (renamed by staff)"
    # The admin edits through profile_update, so the entry is the service's own.
    entry = AuditEntry.objects.get(action="profile.update", actor=staff_user)
    assert (entry.subject, entry.is_staff_action) == (member, True)
    assert entry.data["fields"] == ["display_name"]


def test_staff_opening_a_confidential_record_in_the_admin_is_logged_against_its_owner(staff_client, staff_user, member):
    experience = PersonExperienceFactory(user=member, story="Hard winter.")

    response = staff_client.get(f"/admin/experiences/personexperience/{experience.pk}/change/")

    assert response.status_code == 200
    entry = AuditEntry.objects.get(action="personexperience.read_confidential")
    assert (entry.actor, entry.subject, entry.is_staff_action) == (staff_user, member, True)
    assert entry.target_id == str(experience.pk)


def test_the_owner_can_see_who_read_their_confidential_record_in_their_export(staff_client, member, member_client):
    experience = PersonExperienceFactory(user=member)
    staff_client.get(f"/admin/experiences/personexperience/{experience.pk}/change/")

    activity = member_client.post("/me/privacy/export/").json()["activity"]

    assert {"action": "personexperience.read_confidential", "by": "staff", "by_staff": True}.items() \
        <= next(a for a in activity if a["action"] == "personexperience.read_confidential").items()


def test_a_list_view_of_confidential_records_is_not_a_read_of_each(staff_client, member):
    PersonExperienceFactory(user=member)

    assert staff_client.get("/admin/experiences/personexperience/").status_code == 200
    assert not AuditEntry.objects.filter(action="personexperience.read_confidential").exists()


def test_nobody_can_edit_or_delete_the_audit_log_in_the_admin(staff_client, member_client):
    member_client.post("/api/v1/me/consents/research")
    entry = AuditEntry.objects.get(action="consent.give")

    assert staff_client.get("/admin/core/auditentry/").status_code == 200
    assert staff_client.post(f"/admin/core/auditentry/{entry.pk}/delete/", {"post": "yes"}).status_code == 403
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_people_without_staff_status_cannot_open_the_admin(member_client, org_admin_client):
    assert member_client.get("/admin/").status_code == 302
    assert org_admin_client.get("/admin/").status_code == 302
