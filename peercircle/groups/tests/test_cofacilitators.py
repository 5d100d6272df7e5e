"""Facilitators share the work: they make a member a co-facilitator, step back themselves or
return another facilitator to member; a group always keeps at least one facilitator."""

import pytest

from peercircle.core.models import AuditEntry
from peercircle.core.tests.helpers import text
from peercircle.groups.models import GroupMembership
from peercircle.groups.tests.factories import GroupMembershipFactory, SupportGroupFactory

pytestmark = pytest.mark.django_db
JSON = "application/json"


@pytest.fixture
def circle(facilitator, member):
    group = SupportGroupFactory(name="Manchester grief circle", slug="circle", facilitator=facilitator)
    GroupMembershipFactory(group=group, user=member)
    return group


def membership_of(user, group):
    return GroupMembership.objects.get(user=user, group=group, status="active")


def set_role(client, membership, role, **extra):
    return client.post(f"/groups/circle/manage/members/{membership.pk}/role/", {"role": role, **extra}, follow=True)


def test_a_facilitator_makes_a_member_a_co_facilitator(circle, facilitator, member, facilitator_client,
                                                        member_client):
    page = text(facilitator_client.get("/groups/circle/manage/"))
    assert "Make co-facilitator" in page

    response = set_role(facilitator_client, membership_of(member, circle), "facilitator")

    assert "They are now a co-facilitator" in text(response)
    assert membership_of(member, circle).role == "facilitator"
    assert member_client.get("/groups/circle/manage/").status_code == 200
    assert "You facilitate this group" in text(member_client.get("/groups/circle/"))
    entry = AuditEntry.objects.get(action="group.member_role")
    assert entry.subject == member and entry.data == {"group": "circle", "from": "member", "to": "facilitator"}


def test_a_facilitator_steps_back_once_someone_else_facilitates(circle, facilitator, member, facilitator_client):
    GroupMembership.objects.filter(user=member).update(role="facilitator")

    response = set_role(facilitator_client, membership_of(facilitator, circle), "member")

    assert response.redirect_chain[-1][0] == "/groups/circle/"
    assert "You've stepped back to member" in text(response)
    assert membership_of(facilitator, circle).role == "member"
    assert facilitator_client.get("/groups/circle/manage/").status_code == 404


def test_another_facilitator_returns_a_facilitator_to_member_from_the_members_page(
        circle, facilitator, member, facilitator_client):
    GroupMembership.objects.filter(user=member).update(role="facilitator")
    assert "Return to member" in text(facilitator_client.get("/groups/circle/members/"))

    response = set_role(facilitator_client, membership_of(member, circle), "member", back="members")

    assert response.redirect_chain[-1][0] == "/groups/circle/members/"
    assert "no longer a facilitator" in text(response)
    assert membership_of(member, circle).role == "member"


def test_the_last_facilitator_cannot_step_back(circle, facilitator, facilitator_client):
    page = text(facilitator_client.get("/groups/circle/manage/"))
    assert "You're the only facilitator" in page and "Step back to member" not in page

    response = set_role(facilitator_client, membership_of(facilitator, circle), "member")

    assert "Please ask someone else to facilitate first" in text(response)
    assert membership_of(facilitator, circle).role == "facilitator"
    assert not AuditEntry.objects.filter(action="group.member_role").exists()


def test_an_organization_admin_manages_roles_but_not_the_last_facilitator(
        organization, circle, facilitator, member, org_admin_client):
    circle.organization = organization
    circle.save(update_fields=["organization"])

    refused = set_role(org_admin_client, membership_of(facilitator, circle), "member")
    promoted = set_role(org_admin_client, membership_of(member, circle), "facilitator")

    assert "This is the group's only facilitator" in text(refused)
    assert "They are now a co-facilitator" in text(promoted)
    assert membership_of(member, circle).role == "facilitator"
    set_role(org_admin_client, membership_of(facilitator, circle), "member")
    assert membership_of(facilitator, circle).role == "member"


def test_members_cannot_change_roles_and_leavers_cannot_be_promoted(
        circle, facilitator, member, member_client, facilitator_client, other_member):
    assert set_role(member_client, membership_of(member, circle), "facilitator").status_code == 404
    assert set_role(member_client, membership_of(facilitator, circle), "member").status_code == 404
    left = GroupMembershipFactory(group=circle, user=other_member, status="left")
    assert set_role(facilitator_client, left, "facilitator").status_code == 404
    assert "Please choose facilitator or member" in text(set_role(facilitator_client, membership_of(member, circle),
                                                                  "owner"))
    assert set(GroupMembership.objects.values_list("role", flat=True)) == {"facilitator", "member"}
    assert membership_of(member, circle).role == "member"


def test_roles_through_the_api(circle, facilitator, member, facilitator_client, member_client):
    def role(client, person, value):
        return client.post(f"/api/v1/groups/circle/members/{person.public_id}/role", {"role": value},
                           content_type=JSON)

    assert role(member_client, facilitator, "member").status_code == 404
    refused = role(facilitator_client, facilitator, "member")
    promoted = role(facilitator_client, member, "facilitator")
    returned = role(member_client, facilitator, "member")  # Mara facilitates now

    assert refused.status_code == 400 and "only facilitator" in refused.json()["detail"]
    assert promoted.status_code == 200 and promoted.json()["role"] == "facilitator"
    assert promoted.json()["name"] == "Mara"
    assert returned.status_code == 200 and returned.json()["role"] == "member"
    assert role(facilitator_client, member, "member").status_code == 404  # Fen no longer manages the group
