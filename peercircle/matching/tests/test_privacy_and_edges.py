"""Privacy and edge cases of 1:1 matching found in review: what each side may learn (pages and
API say the same), answers that never come, and requests that can't be made twice."""

import pytest

from peercircle.core.tests.helpers import text
from peercircle.matching.models import Match, MatchStatus, SupporterProgram

pytestmark = pytest.mark.django_db
PAGE = "/organizations/harbour/manage/programs/walking-alongside/matching/"
JSON = "application/json"


def _open(request):
    return Match.objects.get(request=request, status__in=[MatchStatus.PROPOSED, MatchStatus.SUPPORTER_ACCEPTED,
                                                          MatchStatus.ACTIVE])


@pytest.fixture
def step(django_capture_on_commit_callbacks):
    """Run a service as a page would, with what it sends after commit."""
    def run(service, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return service(**kwargs)
    return run


# --- a program's admins and other organizations' supporters --------------------------------------

@pytest.mark.parametrize("action", ["remove", "save", "add"])
def test_an_admin_cannot_reach_another_organizations_supporter(org_admin_client, program, other_organization,
                                                               action):
    from peercircle.accounts.tests.factories import UserFactory
    from peercircle.matching.tests.factories import (
        OneToOneProgramFactory,
        SupporterProfileFactory,
        SupporterProgramFactory,
    )
    from peercircle.organizations.tests.factories import MembershipFactory

    stranger = UserFactory(profile__display_name="Zeynep Hillside")
    MembershipFactory(user=stranger, organization=other_organization, role="peer_supporter")
    profile = SupporterProfileFactory(user=stranger)
    theirs = SupporterProgramFactory(supporter=profile, program=OneToOneProgramFactory(organization=other_organization))
    before = profile.updated_at

    response = org_admin_client.post(PAGE + "supporters/", {"supporter": profile.pk, "action": action},
                                     follow=True)

    assert response.status_code == 404 and "Zeynep" not in text(response)
    profile.refresh_from_db()
    assert profile.updated_at == before
    assert list(SupporterProgram.objects.filter(supporter=profile)) == [theirs]


@pytest.mark.parametrize("supporter", ["abc", "", "1.5", "99999999999999999999999"])
def test_a_supporter_id_that_is_not_one_is_not_found(org_admin_client, program, supporter):
    org_admin_client.raise_request_exception = False

    assert org_admin_client.post(PAGE + "supporters/", {"supporter": supporter}).status_code == 404


def test_taking_off_someone_who_does_not_serve_the_program_is_not_found(org_admin_client, program,
                                                                        peer_supporter):
    from peercircle.matching.tests.factories import SupporterProfileFactory

    profile = SupporterProfileFactory(user=peer_supporter)  # could be added, but isn't serving

    assert org_admin_client.post(PAGE + "supporters/", {"supporter": profile.pk, "action": "remove"}).status_code == 404


# --- times --------------------------------------------------------------------------------------

@pytest.mark.parametrize("start", ["18:00+05:00", "18:00Z", "tea time"])
def test_a_time_with_an_offset_is_refused_kindly(peer_supporter_client, program, start):
    response = peer_supporter_client.put(
        "/api/v1/me/supporter-profile",
        {"languages": ["en"], "formats": ["chat"], "timezone": "UTC",
         "availability": [{"day": 1, "start": start, "end": "21:00"}]}, content_type=JSON)

    assert response.status_code == 400
    assert response.json()["detail"] == ("A time window needs a day, a start and an end, like Tuesday 18:00 "
                                         "to 21:00.")
