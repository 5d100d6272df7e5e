"""A program's matching page for its organization's admins: the waiting list and why a request
has no match (in plain words), matching the whole list, the matches, the weights, and the
supporters who serve the program. Anyone else gets 404."""

import pytest

from peercircle.core.models import AuditEntry
from peercircle.core.tests.helpers import outline, signed_in, text
from peercircle.matching.models import Match, MatchStatus, ProgramMatchingSettings, SupporterProgram

pytestmark = pytest.mark.django_db
PAGE = "/organizations/harbour/manage/programs/walking-alongside/matching/"
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def waiting(member, program, ask, django_capture_on_commit_callbacks):
    """Mara asked in Spanish only; nobody serving the program speaks it."""
    return ask(member, capture=django_capture_on_commit_callbacks, languages=["es"],
               story="Private words nobody else reads.")


@pytest.mark.parametrize("who", ["member", "peer_supporter", "facilitator", "moderator", "other_member"])
def test_nobody_but_the_organizations_admins_finds_the_page(request, who, program, waiting):
    client = signed_in(request.getfixturevalue(who))

    assert client.get(PAGE).status_code == 404
    assert client.post(PAGE + "run/").status_code == 404
    assert client.post(PAGE + "settings/", {}).status_code == 404
    assert client.post(PAGE + "supporters/", {}).status_code == 404
    assert client.get(f"{PAGE}requests/{waiting.pk}/why/", **HTMX).status_code == 404


def test_an_admin_of_another_organization_finds_nothing(other_organization, program, waiting):
    from peercircle.accounts.tests.factories import UserFactory
    from peercircle.organizations.tests.factories import MembershipFactory

    admin = UserFactory(two_factor=True)
    MembershipFactory(user=admin, organization=other_organization, role="org_admin")

    assert signed_in(admin).get(PAGE).status_code == 404


def test_the_waiting_list_and_why_nobody_fits_in_plain_words(org_admin_client, program, waiting, make_supporter):
    for name in ("Ana", "Ben", "Cai"):
        make_supporter(name)
    make_supporter("Dee", status="paused")

    response = org_admin_client.get(PAGE)

    page = text(response)
    assert "1 person waiting" in page and "Loss of a parent" in page
    assert "Private words" not in page
    assert outline(response).unlabelled_fields() == [] and outline(response).executable() == []
    assert f'hx-get="{PAGE}requests/{waiting.pk}/why/"' in page

    why = text(org_admin_client.get(f"{PAGE}requests/{waiting.pk}/why/", **HTMX))
    assert "4 supporters serve this program" in why
    assert "3 are taking new matches" in why
    assert "3 have room for someone new" in why
    assert "0 speak one of their languages" in why
    assert "No supporter with room speaks their languages." in why
    assert "<html" not in why

    # Without JavaScript the link brings the whole page back with the answer under the request.
    redirected = org_admin_client.get(f"{PAGE}requests/{waiting.pk}/why/")
    assert redirected.status_code == 302
    assert "0 speak one of their languages" in text(org_admin_client.get(redirected["Location"]))


def test_the_management_page_links_to_each_one_to_one_program(org_admin_client, program):
    assert f'href="{PAGE}"' in text(org_admin_client.get("/organizations/harbour/manage/"))


def test_admins_read_a_match_but_only_the_two_people_answer_it(org_admin_client, member, program, ask,
                                                              make_supporter, django_capture_on_commit_callbacks):
    make_supporter("Sol")
    ask(member, capture=django_capture_on_commit_callbacks)
    match = Match.objects.get()

    page = text(org_admin_client.get(f"/peer-support/matches/{match.pk}/"))

    assert "Mara and Sol" in page and "Waiting for the supporter" in page
    assert org_admin_client.post(f"/peer-support/matches/{match.pk}/accept/").status_code == 404
    assert org_admin_client.get(f"/peer-support/matches/{match.pk}/end/").status_code == 404
    match.refresh_from_db()
    assert match.status == MatchStatus.PROPOSED


def test_matching_the_waiting_list_says_what_happened(org_admin_client, member, other_member, program, ask,
                                                      make_supporter, django_capture_on_commit_callbacks):
    ask(member, capture=django_capture_on_commit_callbacks)
    ask(other_member, capture=django_capture_on_commit_callbacks, languages=["es"])
    make_supporter("Ana")  # joins after both asked: they are still waiting

    with django_capture_on_commit_callbacks(execute=True):
        response = org_admin_client.post(PAGE + "run/", {"method": "optimal"}, follow=True)

    assert "Proposed 1 match. 1 person is still waiting." in text(response)
    assert Match.objects.get().member == member
    assert AuditEntry.objects.filter(action="matching.waiting_list").exists()
    assert "Waiting for the supporter" in text(response)  # in the program's matches


def test_the_weights_are_explained_shown_and_checked(org_admin, org_admin_client, program):
    page = text(org_admin_client.get(PAGE))
    assert "How close their lived experience is" in page and 'value="0.4"' in page

    fields = {f"weight_{name}": "0.5" for name in ("experience", "community", "story", "availability",
                                                   "preference", "load")}
    rules = {"wait_bonus_per_week": "0.1", "longest_wait_days": "21", "answer_within_days": "2"}
    refused = org_admin_client.post(PAGE + "settings/", {**fields, "weight_story": "3", **rules})
    assert "Each weight is a number from 0 to 1." in text(refused)
    assert 'value="3"' in text(refused)  # kept as typed
    assert not ProgramMatchingSettings.objects.filter(program=program).exists()
    zero = org_admin_client.post(PAGE + "settings/", {**{k: "0" for k in fields}, **rules})
    assert "At least one weight has to be above 0." in text(zero)
    words = org_admin_client.post(PAGE + "settings/", {**fields, "weight_load": "lots", **rules})
    assert "Each weight is a number from 0 to 1." in text(words)

    saved = org_admin_client.post(PAGE + "settings/", {**fields, "weight_experience": "0.9", **rules}, follow=True)

    assert "The matching settings are saved." in text(saved)
    found = ProgramMatchingSettings.objects.get(program=program)
    assert found.weights["experience"] == 0.9 and found.longest_wait_days == 21 and found.updated_by == org_admin


def test_supporters_are_added_flagged_and_taken_off(org_admin_client, organization, program, make_supporter,
                                                    peer_supporter):
    from peercircle.matching.services import supporter_profile_update

    make_supporter("Ana", certified=False)
    profile = supporter_profile_update(user=peer_supporter, languages=["en"], formats=["chat"],
                                       timezone_name="Europe/London", availability=[])

    page = text(org_admin_client.get(PAGE))
    assert "Ana" in page and f'<option value="{profile.pk}">' in page

    org_admin_client.post(PAGE + "supporters/", {"supporter": profile.pk, "certified": "on", "action": "add"})
    link = SupporterProgram.objects.get(supporter=profile, program=program)
    assert link.certified and not link.youth_trained

    org_admin_client.post(PAGE + "supporters/", {"supporter": profile.pk, "youth_trained": "on", "action": "save"})
    link.refresh_from_db()
    assert not link.certified and link.youth_trained

    response = org_admin_client.post(PAGE + "supporters/", {"supporter": profile.pk, "action": "remove"}, follow=True)
    assert "no longer serves this program" in text(response)
    assert not SupporterProgram.objects.filter(supporter=profile, program=program).exists()


def test_a_supporter_of_another_organization_cannot_be_added(org_admin_client, program, other_organization):
    from peercircle.accounts.tests.factories import UserFactory
    from peercircle.matching.tests.factories import SupporterProfileFactory
    from peercircle.organizations.tests.factories import MembershipFactory

    stranger = UserFactory()
    MembershipFactory(user=stranger, organization=other_organization, role="peer_supporter")
    profile = SupporterProfileFactory(user=stranger)

    response = org_admin_client.post(PAGE + "supporters/", {"supporter": profile.pk, "action": "add"}, follow=True)

    assert response.status_code == 404  # whether they have a profile at all is none of this admin's business
    assert not SupporterProgram.objects.filter(supporter=profile).exists()


def test_the_page_takes_the_same_queries_however_many_wait_and_match(
        org_admin_client, organization, program, make_supporter, django_assert_max_num_queries,
        django_capture_on_commit_callbacks):
    from peercircle.accounts.tests.factories import UserFactory
    from peercircle.matching.services import request_create

    def people(n, start):
        for i in range(start, start + n):
            make_supporter(f"S{i}")
            user = UserFactory()
            with django_capture_on_commit_callbacks(execute=True):
                request_create(user=user, program=program, experience_codes=["grief.parent"], age_band="26_40",
                               languages=["en"], formats=["chat"], timezone_name="Europe/London")
            waiting = UserFactory()
            request_create(user=waiting, program=program, experience_codes=["grief.parent"], age_band="26_40",
                           languages=["es"], formats=["chat"], timezone_name="Europe/London")

    people(2, 0)
    org_admin_client.get(PAGE)
    with django_assert_max_num_queries(40) as few:
        org_admin_client.get(PAGE)
    count = len(few.captured_queries)
    people(4, 2)

    with django_assert_max_num_queries(count):
        page = text(org_admin_client.get(PAGE))

    assert "6 people waiting" in page and page.count("Waiting for the supporter") == 6
    assert Match.objects.filter(status=MatchStatus.PROPOSED).count() == 6
