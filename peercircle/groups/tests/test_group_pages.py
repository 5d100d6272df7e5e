"""Groups through their pages: the list, starting a group, joining with the agreement,
leaving, requests, removal with a reason, and what each person may see."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from peercircle.core.models import AuditEntry
from peercircle.core.tests.helpers import form_values, signed_in, text
from peercircle.groups.models import GroupMembership, SupportGroup
from peercircle.groups.tests.factories import GroupMembershipFactory, SupportGroupFactory

pytestmark = pytest.mark.django_db

NEW_GROUP = {
    "name": "Manchester grief circle", "description": "A **gentle** space after a loss.", "organization": "",
    "experiences": ["grief.parent"], "leadership": "self_led", "format": "in_person",
    "venue_name": "Friends Meeting House", "address": "6 Mount Street", "city": "Manchester", "country": "GB",
    "timezone": "", "online_url": "", "online_url_visibility": "members", "languages": ["en"],
    "join_policy": "open", "capacity": "", "accessibility": ["step_free", "hearing_loop"],
    "accessibility_notes": "Lift to the first floor.", "agreement": "", "member_list_visibility": "facilitators",
}


@pytest.fixture
def circle(facilitator):
    """An open group in Manchester that `facilitator` runs."""
    return SupportGroupFactory(name="Manchester grief circle", slug="circle", facilitator=facilitator,
                               experience_codes=["grief.parent"])


def join(client, slug="circle", accepted=True):
    return client.post(f"/groups/{slug}/join/", {"agreement_accepted": "on"} if accepted else {})


def membership_of(user, group):
    return GroupMembership.objects.filter(user=user, group=group).order_by("-pk").first()


# --- The list -------------------------------------------------------------------------------------

def test_the_list_shows_active_and_paused_groups_to_anyone(circle):
    SupportGroupFactory(name="Paused walkers", status="temporarily_closed")
    SupportGroupFactory(name="Waiting room", status="pending_approval")
    SupportGroupFactory(name="Old friends", status="ended")

    page = text(Client().get("/groups/"))

    assert "Manchester grief circle" in page and "Paused walkers" in page
    assert "Waiting room" not in page and "Old friends" not in page


def test_the_list_filters_by_words_and_by_experience(circle):
    SupportGroupFactory(name="Low mood walk", city="Leeds", experience_codes=["mental_health.depression"])

    assert "Low mood walk" in text(Client().get("/groups/?q=leeds"))
    assert "Manchester grief circle" not in text(Client().get("/groups/?q=leeds"))
    by_parent = text(Client().get("/groups/?experience=grief"))
    assert "Manchester grief circle" in by_parent and "Low mood walk" not in by_parent
    assert "Low mood walk" in text(Client().get("/groups/?experience=mental_health.depression"))


def test_htmx_gets_just_the_results(circle):
    response = Client().get("/groups/?q=grief", headers={"HX-Request": "true"})

    assert "Manchester grief circle" in text(response)
    assert "<html" not in text(response) and "<form" not in text(response)


def test_the_list_pages_and_takes_the_same_number_of_queries_for_many_groups(member_client):
    def queries(client):
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/groups/").status_code == 200
        return len(captured)

    for _n in range(3):
        SupportGroupFactory(experience_codes=["grief.parent", "grief.child"], organization=None)
    queries(member_client)  # the first request fills caches (the agreements in force)
    few = queries(Client()), queries(member_client)
    for _n in range(30):
        SupportGroupFactory(experience_codes=["grief.parent", "mental_health.depression"])
    many = queries(Client()), queries(member_client)

    assert few == many
    assert "Page 1 of 2" in text(Client().get("/groups/"))
    assert "Page 2 of 2" in text(Client().get("/groups/?page=2"))


# --- Starting a group -------------------------------------------------------------------------------

def test_a_member_starts_a_self_led_group_and_becomes_its_facilitator(member, member_client):
    response = member_client.post("/groups/new/", NEW_GROUP)

    group = SupportGroup.objects.get(name="Manchester grief circle")
    assert response.status_code == 302 and response["Location"] == f"/groups/{group.slug}/manage/"
    assert group.status == "active" and group.organization is None and group.leadership == "self_led"
    assert group.timezone == "Europe/London" and round(group.latitude) == 53
    assert group.description_html == "<p>A <strong>gentle</strong> space after a loss.</p>\n"
    assert membership_of(member, group).role == "facilitator"
    assert AuditEntry.objects.filter(action="group.create", actor=member).exists()
    page = text(Client().get(f"/groups/{group.slug}/"))
    assert "Friends Meeting House" in page and "Step-free access" in page and "Confidentiality." in page


def test_starting_a_group_that_meets_in_person_needs_a_town_it_can_find(member_client):
    for city, message in (("", "needs a town or city"), ("Atlantis", "We couldn't find “Atlantis”")):
        response = member_client.post("/groups/new/", {**NEW_GROUP, "city": city})

        assert response.status_code == 200 and message in text(response)
    assert not SupportGroup.objects.exists()


def test_starting_a_group_needs_signing_in():
    response = Client().get("/groups/new/")

    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_group_under_an_organization_that_approves_waits_unseen_until_approved(
        organization, member, member_client, other_member_client, org_admin_client):
    organization.requires_group_approval = True
    organization.save(update_fields=["requires_group_approval"])
    member_client.post("/groups/new/", {**NEW_GROUP, "organization": str(organization.pk)})
    group = SupportGroup.objects.get()
    url = f"/groups/{group.slug}/"

    assert group.status == "pending_approval"
    assert "waiting for Harbour Peer Network to approve it" in text(member_client.get(url))
    for client in (Client(), other_member_client):
        assert client.get(url).status_code == 404
        assert client.get(f"{url}calendar.ics").status_code == 404
        assert client.get(f"/api/v1/groups/{group.slug}").status_code == 404
        assert "Manchester grief circle" not in text(client.get("/groups/"))
    assert member_client.post(f"{url}manage/approve/").status_code == 302
    group.refresh_from_db()
    assert group.status == "pending_approval", "the person who started it cannot approve it"

    assert org_admin_client.post(f"{url}manage/approve/").status_code == 302

    group.refresh_from_db()
    assert group.status == "active"
    assert Client().get(url).status_code == 200
    assert AuditEntry.objects.filter(action="group.approve").exists()


def test_an_organization_facilitator_may_approve_but_not_run_someone_elses_group(
        organization, member_client, facilitator_client):
    organization.requires_group_approval = True
    organization.save(update_fields=["requires_group_approval"])
    member_client.post("/groups/new/", {**NEW_GROUP, "organization": str(organization.pk)})
    group = SupportGroup.objects.get()

    page = facilitator_client.get(f"/groups/{group.slug}/manage/")
    assert "Approve and list this group" in text(page) and "Requests to join" not in text(page)
    facilitator_client.post(f"/groups/{group.slug}/manage/approve/")
    group.refresh_from_db()
    assert group.status == "active"
    assert facilitator_client.get(f"/groups/{group.slug}/manage/").status_code == 404


def test_only_members_of_an_organization_may_start_a_group_under_it(other_organization, member_client):
    response = member_client.post("/groups/new/", {**NEW_GROUP, "organization": str(other_organization.pk)})

    assert response.status_code == 200 and not SupportGroup.objects.exists()


# --- Joining and leaving ----------------------------------------------------------------------------

def test_joining_shows_the_agreement_and_needs_it_accepted(circle, member, member_client):
    agreement = member_client.get("/groups/circle/join/")
    assert "Confidentiality." in text(agreement) and "I have read the group agreement" in text(agreement)

    refused = join(member_client, accepted=False)
    assert refused.status_code == 200 and "This field is required" in text(refused)
    assert membership_of(member, circle) is None

    joined = join(member_client)
    assert joined.status_code == 302
    membership = membership_of(member, circle)
    assert membership.status == "active" and membership.agreement_accepted_at is not None
    page = text(member_client.get("/groups/circle/"))
    assert "You are a member of this group." in page and "Leave the group" in page


def test_htmx_shows_the_agreement_in_place_and_joins_with_a_redirect(circle, member, member_client):
    partial = member_client.get("/groups/circle/join/", headers={"HX-Request": "true"})
    assert "Confidentiality." in text(partial) and "<html" not in text(partial)

    joined = member_client.post("/groups/circle/join/", {"agreement_accepted": "on"}, headers={"HX-Request": "true"})

    assert joined.status_code == 204 and joined["HX-Redirect"] == "/groups/circle/"
    assert membership_of(member, circle).status == "active"


def test_someone_signed_out_is_asked_to_log_in_to_join(circle):
    page = text(Client().get("/groups/circle/join/"))

    assert "Please log in or create an account to join" in page
    assert Client().post("/groups/circle/join/", {"agreement_accepted": "on"}).status_code == 200
    assert not GroupMembership.objects.filter(group=circle, role="member").exists()


def test_leaving_needs_no_reason_and_can_be_undone_by_joining_again(circle, member, member_client):
    join(member_client)

    response = member_client.post("/groups/circle/leave/", follow=True)

    assert "You have left Manchester grief circle" in text(response)
    assert membership_of(member, circle).status == "left"
    join(member_client)
    assert membership_of(member, circle).status == "active"
    assert GroupMembership.objects.filter(group=circle, user=member).count() == 2


def test_a_closed_or_full_group_says_so_kindly(circle, member, member_client, other_member_client):
    circle.join_policy = "closed"
    circle.save(update_fields=["join_policy"])
    assert "closed to new members at the moment" in text(join(member_client))

    circle.join_policy, circle.capacity = "open", 2
    circle.save(update_fields=["join_policy", "capacity"])
    join(member_client)
    full = join(other_member_client)

    assert "This group is full at the moment" in text(full)
    assert GroupMembership.objects.active().filter(group=circle).count() == 2


def test_a_group_by_request_waits_for_a_facilitator(circle, member, member_client, other_member,
                                                    other_member_client, facilitator_client):
    circle.join_policy = "by_request"
    circle.save(update_fields=["join_policy"])
    join(member_client)
    join(other_member_client)
    asked = membership_of(member, circle)
    assert asked.status == "requested"
    assert "You asked to join" in text(member_client.get("/groups/circle/"))
    queue = text(facilitator_client.get("/groups/circle/manage/"))
    # Olwen shares no group or organization with the facilitator yet: her name stays hers.
    assert "Mara" in queue and "Olwen" not in queue and queue.count("Decline") == 2

    facilitator_client.post(f"/groups/circle/manage/requests/{asked.pk}/approve/")
    facilitator_client.post(f"/groups/circle/manage/requests/{membership_of(other_member, circle).pk}/decline/")

    assert membership_of(member, circle).status == "active"
    assert membership_of(other_member, circle).status == "declined"
    assert "Request declined" in text(other_member_client.get("/me/groups/"))


def test_a_request_can_be_withdrawn(circle, member, member_client):
    circle.join_policy = "by_request"
    circle.save(update_fields=["join_policy"])
    join(member_client)

    response = member_client.post("/groups/circle/leave/", follow=True)

    assert "Your request is withdrawn" in text(response)
    assert membership_of(member, circle).status == "left"


# --- Facilitators ------------------------------------------------------------------------------------

def test_a_facilitator_removes_someone_with_a_reason_only_they_and_the_person_see(
        circle, member, member_client, other_member, other_member_client, facilitator_client):
    join(member_client)
    join(other_member_client)
    membership = membership_of(member, circle)

    without = facilitator_client.post(f"/groups/circle/manage/members/{membership.pk}/remove/", {"reason": " "},
                                      follow=True)
    assert "Please write the reason" in text(without)
    assert membership_of(member, circle).status == "active"

    facilitator_client.post(f"/groups/circle/manage/members/{membership.pk}/remove/",
                            {"reason": "Shared another member's story outside the group."})

    membership.refresh_from_db()
    assert membership.status == "removed" and membership.removal_reason.startswith("Shared another")
    assert "Shared another member's story" in text(member_client.get("/me/groups/"))
    assert "Shared another member's story" not in text(other_member_client.get("/me/groups/"))
    assert "Shared another member's story" not in text(other_member_client.get("/groups/circle/"))
    entry = AuditEntry.objects.get(action="group.member_remove")
    assert entry.subject == member and entry.is_staff_action


def test_only_facilitators_and_the_organizations_admins_manage_a_group(
        organization, circle, member, member_client, other_member_client, org_admin_client, facilitator_client):
    circle.organization = organization
    circle.save(update_fields=["organization"])
    join(member_client)

    assert facilitator_client.get("/groups/circle/manage/").status_code == 200
    assert org_admin_client.get("/groups/circle/manage/").status_code == 200
    for client in (member_client, other_member_client):
        assert client.get("/groups/circle/manage/").status_code == 404
        assert client.post("/groups/circle/manage/confirm/").status_code == 404
        assert client.post(f"/groups/circle/manage/members/{membership_of(member, circle).pk}/remove/",
                           {"reason": "x"}).status_code == 404
    assert Client().get("/groups/circle/manage/").status_code == 302


def test_facilitators_edit_the_details_and_confirm_them(circle, facilitator_client):
    page = facilitator_client.get("/groups/circle/manage/")
    values = form_values(page, "group-form")
    values.update({"group-name": "Grief circle (Thursdays)", "group-description": "Now on *Thursdays*.",
                   "group-join_policy": "by_request"})

    response = facilitator_client.post("/groups/circle/manage/", values)

    assert response.status_code == 302, text(response)[:3000]
    circle.refresh_from_db()
    assert circle.name == "Grief circle (Thursdays)" and circle.join_policy == "by_request"
    assert circle.description_html == "<p>Now on <em>Thursdays</em>.</p>\n"
    assert circle.experiences.filter(code="grief.parent").exists(), "unchanged fields are kept"
    before = circle.last_confirmed_at
    facilitator_client.post("/groups/circle/manage/confirm/")
    circle.refresh_from_db()
    assert circle.last_confirmed_at > before


# --- What each person sees ---------------------------------------------------------------------------

def test_the_member_list_is_shown_as_the_group_decides(circle, member, member_client, other_member_client,
                                                       facilitator_client):
    join(member_client)

    assert facilitator_client.get("/groups/circle/members/").status_code == 200
    assert "Mara" in text(facilitator_client.get("/groups/circle/members/"))
    assert member_client.get("/groups/circle/members/").status_code == 404
    assert member_client.get("/api/v1/groups/circle/members").status_code == 404

    circle.member_list_visibility = "members"
    circle.save(update_fields=["member_list_visibility"])

    assert "Fen" in text(member_client.get("/groups/circle/members/"))
    assert other_member_client.get("/groups/circle/members/").status_code == 404
    assert Client().get("/groups/circle/members/").status_code == 404
    assert other_member_client.get("/api/v1/groups/circle/members").status_code == 404


def test_the_online_link_is_shown_to_members_only_unless_the_group_shares_it(circle, member_client):
    circle.format, circle.online_url = "hybrid", "https://meet.example.org/grief-circle"
    circle.save(update_fields=["format", "online_url"])
    from peercircle.groups.tests.factories import MeetingSeriesFactory

    MeetingSeriesFactory(group=circle)

    for client in (Client(), member_client):
        assert "meet.example.org" not in text(client.get("/groups/circle/"))
        assert "meet.example.org" not in text(client.get("/api/v1/groups/circle"))
        assert "meet.example.org" not in text(client.get("/api/v1/groups/circle/meetings"))
        assert "meet.example.org" not in text(client.get("/groups/circle/calendar.ics"))
    join(member_client)
    assert "meet.example.org" in text(member_client.get("/groups/circle/"))
    assert "meet.example.org" in text(member_client.get("/api/v1/groups/circle/meetings"))

    circle.online_url_visibility = "anyone"
    circle.save(update_fields=["online_url_visibility"])
    assert "meet.example.org" in text(Client().get("/groups/circle/"))
    assert "meet.example.org" in text(Client().get("/groups/circle/calendar.ics"))


def test_meetings_are_shown_in_the_viewers_time_zone_with_its_name(circle, member, member_client):
    from django.utils import timezone as django_timezone

    from peercircle.accounts.models import Profile
    from peercircle.groups.selectors import upcoming_occurrences
    from peercircle.groups.tests.factories import MeetingSeriesFactory

    MeetingSeriesFactory(group=circle)
    Profile.objects.filter(user=member).update(timezone="America/New_York")
    first = upcoming_occurrences(circle, django_timezone.now())[0]
    from zoneinfo import ZoneInfo

    mine = text(member_client.get("/groups/circle/"))
    anyone = text(Client().get("/groups/circle/"))

    assert "Times are shown in America/New_York" in mine
    assert first.start.astimezone(ZoneInfo("America/New_York")).strftime("%H:%M") in mine
    assert "Times are shown in Europe/London" in anyone and "19:00" in anyone


def test_my_groups_lists_current_groups_and_requests(circle, member, member_client):
    other = SupportGroupFactory(name="Sunday walkers", join_policy="by_request")
    join(member_client)
    join(member_client, slug=other.slug)

    page = text(member_client.get("/me/groups/"))

    assert "Manchester grief circle" in page and "Sunday walkers" in page and "Asked to join" in page


@pytest.mark.parametrize("path", ["/groups/", "/groups/new/", "/groups/circle/", "/groups/circle/join/",
                                  "/groups/circle/manage/", "/groups/circle/members/", "/me/groups/"])
def test_group_pages_are_well_formed(path, circle, facilitator):
    from peercircle.core.tests.test_pages import assert_is_a_well_formed_page
    from peercircle.groups.tests.factories import MeetingSeriesFactory

    MeetingSeriesFactory(group=circle)
    GroupMembershipFactory(group=circle, status="requested", joined_at=None)

    assert_is_a_well_formed_page(signed_in(facilitator).get(path))
