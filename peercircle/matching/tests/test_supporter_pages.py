"""A peer supporter through the pages: their profile, a proposal read without the person's name
or story, saying yes or no, and who else may see any of it (nobody: 404)."""

import pytest

from peercircle.core.tests.helpers import form_values, outline, signed_in, text
from peercircle.matching.models import Match, MatchStatus, SupporterProfile

pytestmark = pytest.mark.django_db
PROFILE = "/peer-support/supporter/"


def profile_form(**changes) -> dict:
    values = {"status": "available", "capacity": "2", "languages": ["en", "es"], "formats": ["chat", "call"],
              "availability": ["0-evening", "2-morning", "2-afternoon"], "timezone_name": "America/New_York",
              "travel_km": "5", "gender": "", "age_band": "41_60", "about": "Ten years sober. I listen."}
    values.update(changes)
    return {key: value for key, value in values.items() if value is not None}


def test_only_peer_supporters_have_a_supporter_profile(member_client, peer_supporter_client):
    assert member_client.get(PROFILE).status_code == 404
    assert member_client.post(PROFILE, profile_form()).status_code == 404
    assert peer_supporter_client.get(PROFILE).status_code == 200


def test_a_supporter_saves_their_profile_and_sees_their_load_and_programs(peer_supporter, peer_supporter_client,
                                                                         program):
    response = peer_supporter_client.post(PROFILE, profile_form(), follow=True)

    assert "Your supporter profile is saved." in text(response)
    profile = SupporterProfile.objects.get(user=peer_supporter)
    assert profile.availability == [{"day": 0, "start": "17:00", "end": "22:00"},
                                    {"day": 2, "start": "06:00", "end": "17:00"}]
    assert profile.timezone == "America/New_York" and profile.capacity == 2
    assert "0 of 2 places in use" in text(response)
    assert "None yet. A program's coordinators add you" in text(response)

    from peercircle.matching.tests.factories import SupporterProgramFactory

    SupporterProgramFactory(supporter=profile, program=program, certified=True, youth_trained=True)
    page = text(peer_supporter_client.get(PROFILE))
    assert "Walking alongside" in page and "Certified" in page and "Youth-trained" in page
    values = form_values(peer_supporter_client.get(PROFILE), "supporter-form")
    assert values["availability"] == ["0-evening", "2-morning", "2-afternoon"]
    assert outline(peer_supporter_client.get(PROFILE)).unlabelled_fields() == []


def test_precise_times_set_elsewhere_survive_saving_the_grid_unchanged(peer_supporter, peer_supporter_client):
    from peercircle.matching.services import supporter_profile_update

    supporter_profile_update(user=peer_supporter, languages=["en"], formats=["chat"], timezone_name="Europe/London",
                             availability=[{"day": 1, "start": "18:30", "end": "20:00"}])
    values = form_values(peer_supporter_client.get(PROFILE), "supporter-form")
    assert values["availability"] == "1-evening"

    peer_supporter_client.post(PROFILE, {**values, "capacity": "4"})

    profile = SupporterProfile.objects.get(user=peer_supporter)
    assert profile.capacity == 4 and profile.availability == [{"day": 1, "start": "18:30", "end": "20:00"}]


def test_a_refused_profile_keeps_what_was_typed(peer_supporter, peer_supporter_client):
    response = peer_supporter_client.post(PROFILE, profile_form(capacity="40", about="Still here for people."))

    assert "How many people you support at once is a number from 1 to 20." in text(response)
    assert form_values(response, "supporter-form")["about"] == "Still here for people."
    assert not SupporterProfile.objects.filter(user=peer_supporter).exists()


@pytest.fixture
def proposal(member, program, make_supporter, ask, django_capture_on_commit_callbacks):
    """Sol, in New York, is proposed to Mara, who asked for a woman and wrote a private story."""
    supporter = make_supporter("Sol", timezone="America/New_York", gender="woman",
                               availability=[{"day": 1, "start": "12:00", "end": "17:00"}])
    ask(member, capture=django_capture_on_commit_callbacks, story="My private words about mum.",
        goals="Someone to walk with on *Sundays*", supporter_gender="woman")
    return Match.objects.get(member=member, supporter=supporter.user)


def test_the_supporter_reads_the_request_without_the_name_or_story(proposal):
    client = signed_in(proposal.supporter)

    response = client.get(f"/peer-support/matches/{proposal.pk}/")

    page = text(response)
    assert "Someone may be a good match for you" in page
    assert "Loss of a parent" in page and "<em>Sundays</em>" in response.content.decode()
    assert "Tuesday afternoon" in page and "America/New_York" in page  # 18:00-21:00 London, their own time
    assert "You both have lived experience of loss of a parent" in page
    assert "as you asked" not in page  # the member's preferences are theirs
    assert "Mara" not in page and "private words" not in page
    assert outline(response).unlabelled_fields() == [] and outline(response).executable() == []
    listing = text(client.get("/peer-support/"))
    assert "Someone who may be a good match for you" in listing and "Mara" not in listing


@pytest.mark.parametrize("who", ["other_member", "peer_supporter", "facilitator", "org_admin_of_elsewhere"])
def test_nobody_else_finds_the_proposal(request, proposal, who):
    if who == "org_admin_of_elsewhere":
        from peercircle.accounts.tests.factories import UserFactory
        from peercircle.organizations.tests.factories import MembershipFactory

        user = UserFactory(two_factor=True)
        MembershipFactory(user=user, organization=request.getfixturevalue("other_organization"), role="org_admin")
    else:
        user = request.getfixturevalue(who)
    client = signed_in(user)
    base = f"/peer-support/matches/{proposal.pk}/"

    assert client.get(base).status_code == 404
    assert client.post(base + "accept/").status_code == 404
    assert client.post(base + "decline/").status_code == 404
    assert client.get(base + "end/").status_code == 404
    assert client.post(base + "renew/").status_code == 404
    assert client.get(f"/peer-support/requests/{proposal.request_id}/withdraw/").status_code == 404
    proposal.refresh_from_db()
    assert proposal.status == MatchStatus.PROPOSED


def test_the_member_cannot_answer_for_the_supporter(member_client, proposal):
    member_client.post(f"/peer-support/matches/{proposal.pk}/accept/")

    proposal.refresh_from_db()
    assert proposal.status == MatchStatus.PROPOSED


def test_yes_asks_the_member_and_the_name_comes_only_with_their_yes(member_client, proposal,
                                                                   django_capture_on_commit_callbacks):
    client = signed_in(proposal.supporter)
    with django_capture_on_commit_callbacks(execute=True):
        answered = client.post(f"/peer-support/matches/{proposal.pk}/accept/", follow=True)
    assert "Thank you for offering to support them" in text(answered)
    assert "Mara" not in text(answered)
    proposal.refresh_from_db()
    assert proposal.status == MatchStatus.SUPPORTER_ACCEPTED

    with django_capture_on_commit_callbacks(execute=True):
        member_client.post(f"/peer-support/matches/{proposal.pk}/accept/")

    page = text(client.get(f"/peer-support/matches/{proposal.pk}/"))
    assert "You're supporting Mara" in page and "private words" not in page
    assert "Mara" in text(client.get("/peer-support/"))


def test_a_no_thank_you_from_the_member_keeps_them_unnamed(member_client, proposal,
                                                           django_capture_on_commit_callbacks):
    client = signed_in(proposal.supporter)
    client.post(f"/peer-support/matches/{proposal.pk}/accept/")
    with django_capture_on_commit_callbacks(execute=True):
        member_client.post(f"/peer-support/matches/{proposal.pk}/decline/")

    assert "Mara" not in text(client.get("/peer-support/"))
    assert "Mara" not in text(client.get(f"/peer-support/matches/{proposal.pk}/"))


def test_declining_with_a_reason_passes_the_request_on(member, proposal, make_supporter,
                                                       django_capture_on_commit_callbacks):
    make_supporter("Rae")
    client = signed_in(proposal.supporter)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/peer-support/matches/{proposal.pk}/decline/", {"reason": "Too close to home"})

    assert response.status_code == 302 and response["Location"] == "/peer-support/"
    proposal.refresh_from_db()
    assert proposal.status == MatchStatus.DECLINED and proposal.decline_reason == "Too close to home"
    assert Match.objects.get(member=member, status=MatchStatus.PROPOSED).supporter.profile.display_name == "Rae"
    assert client.get(f"/peer-support/matches/{proposal.pk}/").status_code == 200  # their own, closed


def test_the_supporter_can_end_an_active_match(member_client, proposal, django_capture_on_commit_callbacks):
    client = signed_in(proposal.supporter)
    client.post(f"/peer-support/matches/{proposal.pk}/accept/")
    member_client.post(f"/peer-support/matches/{proposal.pk}/accept/")

    confirm = client.get(f"/peer-support/matches/{proposal.pk}/end/")
    assert "End your match with Mara?" in text(confirm)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/peer-support/matches/{proposal.pk}/end/")

    proposal.refresh_from_db()
    assert proposal.status == MatchStatus.ENDED
    assert "Ask for a new match" in text(member_client.get(f"/peer-support/matches/{proposal.pk}/"))
    assert "Ask for a new match" not in text(client.get(f"/peer-support/matches/{proposal.pk}/"))
