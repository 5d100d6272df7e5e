import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from peercircle.core.models import AuditEntry
from peercircle.core.tests.helpers import text
from peercircle.organizations.models import Membership, Program
from peercircle.organizations.tests.factories import (
    MembershipFactory,
    OrganizationFactory,
    ProgramFactory,
)

pytestmark = pytest.mark.django_db

MANAGE = "/organizations/harbour/manage/"
INVITED = "If someone has an account with that email, they will see your invitation when they next sign in."


def grant(client, email, role="peer_supporter", slug="harbour"):
    return client.post(f"/organizations/{slug}/manage/", {"grant-email": email, "grant-role": role})


# --- Public pages ---------------------------------------------------------------------------------

def test_the_organization_list_and_pages_are_public(organization, other_organization):
    ProgramFactory(organization=organization, name="Walk and talk")
    ProgramFactory(organization=organization, name="Hidden pilot", is_public=False)
    client = Client()

    listing = text(client.get("/organizations/"))
    assert "Harbour Peer Network" in listing and "Hillside Recovery Community" in listing
    assert "1 program" in listing

    page = client.get("/organizations/harbour/")
    assert page.status_code == 200
    assert "Walk and talk" in text(page) and "Hidden pilot" not in text(page)
    assert "Manage people and programs" not in text(page)


def test_searching_organizations_by_name_or_town(organization, other_organization):
    page = text(Client().get("/organizations/?q=leeds"))

    assert "Hillside Recovery Community" in page and "Harbour Peer Network" not in page


def test_an_inactive_or_unknown_organization_is_not_found(organization):
    organization.is_active = False
    organization.save(update_fields=["is_active"])

    assert Client().get("/organizations/harbour/").status_code == 404
    assert Client().get("/organizations/nowhere/").status_code == 404
    assert Client().get("/api/v1/organizations/harbour").status_code == 404


# --- Managing an organization ---------------------------------------------------------------------

def test_only_an_organization_admin_can_open_the_manage_page(member_client, moderator_client, org_admin_client,
                                                             facilitator_client):
    assert member_client.get(MANAGE).status_code == 404
    assert moderator_client.get(MANAGE).status_code == 404
    assert facilitator_client.get(MANAGE).status_code == 404
    assert Client().get(MANAGE).status_code == 302

    page = org_admin_client.get(MANAGE)
    assert page.status_code == 200
    assert "People with a role" in text(page) and "member@example.org" in text(page)


def test_an_admin_of_one_organization_cannot_manage_another(org_admin_client, other_organization):
    assert org_admin_client.get("/organizations/hillside/manage/").status_code == 404
    assert grant(org_admin_client, "admin@example.org", role="org_admin", slug="hillside").status_code == 404


def test_an_admin_invites_by_email_and_nothing_changes_until_the_person_accepts(
        org_admin_client, org_admin, other_member):
    other = Client()
    other.force_login(other_member)
    assert other.get(f"/api/v1/people/{org_admin.public_id}/profile").status_code == 404

    response = grant(org_admin_client, "OTHER@example.org")

    assert response.status_code == 302
    assert INVITED in text(org_admin_client.get(MANAGE))
    invitation = Membership.objects.pending().get(user=other_member, organization__slug="harbour")
    assert invitation.role == "peer_supporter"
    assert not Membership.objects.active().filter(user=other_member, organization__slug="harbour").exists()
    entry = AuditEntry.objects.get(action="membership.invite")
    assert (entry.actor, entry.subject, entry.is_staff_action) == (org_admin, other_member, True)
    # Still strangers: an invitation shares nothing.
    assert other.get(f"/api/v1/people/{org_admin.public_id}/profile").status_code == 404

    home = text(other.get("/"))
    assert "Harbour Peer Network invites you to join as" in home and "Peer supporter" in home
    other.post(f"/me/invitations/{invitation.pk}/accept/")

    assert Membership.objects.active().filter(pk=invitation.pk).exists()
    assert AuditEntry.objects.filter(action="membership.accept", actor=other_member).exists()
    assert other.get(f"/api/v1/people/{org_admin.public_id}/profile").status_code == 200


def test_declining_an_invitation_ends_it_and_shares_nothing(org_admin_client, org_admin, other_member):
    grant(org_admin_client, "other@example.org")
    invitation = Membership.objects.pending().get(user=other_member)
    other = Client()
    other.force_login(other_member)

    response = other.post(f"/me/invitations/{invitation.pk}/decline/", follow=True)

    assert "Invitation declined." in text(response)
    invitation.refresh_from_db()
    assert invitation.ended_at is not None and invitation.accepted_at is None
    assert other.get(f"/api/v1/people/{org_admin.public_id}/profile").status_code == 404


def test_nobody_can_answer_someone_elses_invitation(org_admin_client, other_member, member_client):
    grant(org_admin_client, "other@example.org")
    invitation = Membership.objects.pending().get(user=other_member)

    assert member_client.post(f"/me/invitations/{invitation.pk}/accept/").status_code == 404
    assert Membership.objects.pending().filter(pk=invitation.pk).exists()


def test_inviting_an_unknown_email_answers_the_same_and_changes_nothing(org_admin_client):
    count = Membership.objects.count()

    response = grant(org_admin_client, "nobody@example.org")

    assert response.status_code == 302
    assert INVITED in text(org_admin_client.get(MANAGE))
    assert Membership.objects.count() == count


def test_a_member_leaves_an_organization_without_giving_a_reason(member_client, member):
    response = member_client.post("/organizations/harbour/leave/", follow=True)

    assert "You have left Harbour Peer Network." in text(response)
    assert not Membership.objects.active().filter(user=member).exists()
    assert AuditEntry.objects.filter(action="membership.end", actor=member, is_staff_action=False).exists()


def test_two_programs_with_the_same_name_get_their_own_addresses(org_admin_client, organization):
    for _ in range(2):
        response = org_admin_client.post(MANAGE, {"program-name": "Grief circle", "program-kind": "group"})
        assert response.status_code == 302

    assert sorted(Program.objects.values_list("slug", flat=True)) == ["grief-circle", "grief-circle-2"]


def test_an_admin_ends_a_role(org_admin_client, member):
    membership = Membership.objects.get(user=member)

    response = org_admin_client.post(f"{MANAGE}memberships/{membership.pk}/end/", follow=True)

    assert "Role ended." in text(response)
    membership.refresh_from_db()
    assert membership.ended_at is not None
    assert AuditEntry.objects.filter(action="membership.end", subject=member, is_staff_action=True).exists()


def test_a_role_in_another_organization_cannot_be_ended_from_here(org_admin_client, other_member):
    theirs = Membership.objects.get(user=other_member)

    assert org_admin_client.post(f"{MANAGE}memberships/{theirs.pk}/end/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.ended_at is None


def test_a_member_cannot_end_roles(member_client, org_admin):
    membership = Membership.objects.get(user=org_admin)

    assert member_client.post(f"{MANAGE}memberships/{membership.pk}/end/").status_code == 404
    assert Membership.objects.active().filter(pk=membership.pk).exists()


def test_an_admin_creates_a_program_that_appears_on_the_public_page(org_admin_client, organization):
    response = org_admin_client.post(MANAGE, {
        "program-name": "Grief circle", "program-kind": "group",
        "program-description": "Meets **every** Tuesday.",
    })

    assert response.status_code == 302
    program = Program.objects.get(organization=organization)
    assert (program.slug, program.kind) == ("grief-circle", "group")
    assert "<strong>every</strong>" in program.description_html
    assert "Grief circle" in text(Client().get("/organizations/harbour/"))
    assert AuditEntry.objects.filter(action="program.create", organization=organization).exists()


def test_a_program_without_a_name_is_refused(org_admin_client, organization):
    response = org_admin_client.post(MANAGE, {"program-name": "", "program-kind": "group"})

    assert response.status_code == 200
    assert "This field is required." in text(response)
    assert not Program.objects.exists()


# --- API ------------------------------------------------------------------------------------------

def test_the_organizations_api_is_public(organization, other_organization):
    ProgramFactory(organization=organization, name="Walk and talk")

    listing = Client().get("/api/v1/organizations").json()
    assert {o["slug"] for o in listing} == {"harbour", "hillside"}
    detail = Client().get("/api/v1/organizations/harbour").json()
    assert [p["name"] for p in detail["programs"]] == ["Walk and talk"]


def test_only_admins_list_an_organizations_members_through_the_api(member_client, moderator_client,
                                                                  org_admin_client, member):
    assert member_client.get("/api/v1/organizations/harbour/members").status_code == 404
    assert moderator_client.get("/api/v1/organizations/harbour/members").status_code == 404

    people = org_admin_client.get("/api/v1/organizations/harbour/members").json()
    assert ("Mara", "member", "active") in {(p["display_name"], p["role"], p["status"]) for p in people}
    assert str(member.public_id) in {p["person"] for p in people}


def test_admins_do_not_see_names_people_keep_for_their_matches_and_groups(org_admin_client, member):
    member.profile.display_name_visibility = "connections"
    member.profile.save(update_fields=["display_name_visibility"])

    people = org_admin_client.get("/api/v1/organizations/harbour/members").json()
    mine = next(p for p in people if p["person"] == str(member.public_id))
    assert mine["display_name"] is None
    assert "Mara" not in text(org_admin_client.get(MANAGE))
    assert "Mara" not in text(org_admin_client.get(f"{MANAGE}?q=mara"))


def test_an_admin_invites_through_the_api(org_admin_client, other_member, member_client):
    response = org_admin_client.post("/api/v1/organizations/harbour/members",
                                     {"email": "other@example.org", "role": "facilitator"},
                                     content_type="application/json")

    assert response.status_code == 202
    assert Membership.objects.pending().filter(user=other_member, role="facilitator").exists()
    unknown = org_admin_client.post("/api/v1/organizations/harbour/members",
                                    {"email": "nobody@example.org", "role": "member"}, content_type="application/json")
    assert unknown.status_code == 202
    assert unknown.json() == response.json()
    bad_role = org_admin_client.post("/api/v1/organizations/harbour/members",
                                     {"email": "other@example.org", "role": "overlord"}, content_type="application/json")
    assert bad_role.status_code == 400
    not_admin = member_client.post("/api/v1/organizations/harbour/members",
                                   {"email": "other@example.org", "role": "org_admin"}, content_type="application/json")
    assert not_admin.status_code == 404
    assert not Membership.objects.filter(user=other_member, role="org_admin").exists()

    other = Client()
    other.force_login(other_member)
    invitations = other.get("/api/v1/me/invitations").json()
    assert [(i["organization_slug"], i["role"]) for i in invitations] == [("harbour", "facilitator")]
    assert other.post(f"/api/v1/me/invitations/{invitations[0]['id']}/accept").status_code == 200
    assert Membership.objects.active().filter(user=other_member, role="facilitator").exists()


# --- Query counts ---------------------------------------------------------------------------------

def test_the_organization_list_uses_the_same_number_of_queries_for_2_or_20_organizations():
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert Client().get("/organizations/").status_code == 200
        return len(captured)

    for _ in range(2):
        ProgramFactory(organization=OrganizationFactory())
    queries()
    with_two = queries()
    for _ in range(18):
        ProgramFactory(organization=OrganizationFactory())

    assert queries() == with_two


def test_the_manage_page_uses_the_same_number_of_queries_for_2_or_20_people(org_admin_client, organization):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert org_admin_client.get(MANAGE).status_code == 200
        return len(captured)

    MembershipFactory(organization=organization)
    queries()
    before = queries()
    for _ in range(18):
        MembershipFactory(organization=organization)

    assert queries() == before
