"""Groups connect people (profile fields for "my matches and groups"), and a person's group
records are in their data export and are ended by account deletion."""

import pytest

from peercircle.accounts.models import Profile
from peercircle.accounts.tests.factories import PASSWORD
from peercircle.core.models import AuditEntry
from peercircle.groups.models import GroupMembership, SupportGroup
from peercircle.groups.tests.factories import GroupMembershipFactory, SupportGroupFactory

pytestmark = pytest.mark.django_db


def test_two_active_members_of_a_group_are_connected(member, other_member, other_member_client, facilitator):
    Profile.objects.filter(user=member).update(pronouns="she/her", pronouns_visibility="connections")
    group = SupportGroupFactory(facilitator=facilitator)
    GroupMembershipFactory(group=group, user=member)
    page = f"/people/{member.public_id}/"
    assert other_member_client.get(page).status_code == 404

    membership = GroupMembershipFactory(group=group, user=other_member)
    assert "she/her" in other_member_client.get(page).content.decode()

    membership.status = "left"
    membership.save(update_fields=["status"])
    assert other_member_client.get(page).status_code == 404


def test_the_export_has_my_memberships_and_the_groups_i_started(member, member_client):
    member_client.post("/api/v1/groups", {"name": "Night owls", "format": "online", "timezone": "UTC"},
                       content_type="application/json")
    other = SupportGroupFactory(name="Grief circle")
    GroupMembershipFactory(group=other, user=member, status="removed", removal_reason="Kept missing meetings.")

    data = member_client.get("/api/v1/me/export").json()["groups"]

    assert [g["name"] for g in data["groups_started"]] == ["Night owls"]
    assert {(m["group"], m["role"], m["status"]) for m in data["memberships"]} == {
        ("Night owls", "facilitator", "active"), ("Grief circle", "member", "removed")}
    assert "Kept missing meetings." in str(data["memberships"])


def test_deleting_my_account_ends_my_memberships_and_keeps_the_groups_i_started(member, member_client, facilitator):
    member_client.post("/api/v1/groups", {"name": "Night owls", "format": "online", "timezone": "UTC"},
                       content_type="application/json")
    other = SupportGroupFactory(facilitator=facilitator)
    GroupMembershipFactory(group=other, user=member, status="removed", removal_reason="Kept missing meetings.")
    member_client.post(f"/groups/{other.slug}/join/", {"agreement_accepted": "on"})

    response = member_client.post("/api/v1/me/delete", {"password": PASSWORD}, content_type="application/json")

    assert response.status_code == 200
    group = SupportGroup.objects.get(name="Night owls")
    assert group.created_by is None and group.status == "active"
    assert not GroupMembership.objects.current().filter(user=member).exists()
    assert not GroupMembership.objects.filter(user=member).exclude(removal_reason="").exists()
    assert not AuditEntry.objects.filter(data__reason__isnull=False, subject=member).exclude(data={}).exists()
