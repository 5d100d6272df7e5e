"""A member asks for a peer supporter through the pages: the programs, the request form (filled
from what they told us; bad input keeps everything they typed), "My peer support" at each step,
answering a proposal, ending a match and asking for a new one."""

import pytest

from peercircle.core.tests.helpers import form_values, outline, text
from peercircle.experiences.tests.factories import PersonCommunityFactory, PersonExperienceFactory
from peercircle.matching.models import Match, MatchStatus, RequestStatus, SupportRequest

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}
ASK = "/peer-support/ask/harbour/walking-alongside/"


def request_form(**changes) -> dict:
    values = {"experiences": ["grief.parent"], "communities": [], "story": "", "goals": "Someone to talk to",
              "age_band": "26_40", "languages": ["en"], "formats": ["chat", "video"],
              "availability": ["1-evening"], "timezone_name": "Europe/London", "distance_km": "10",
              "supporter_gender": "", "supporter_age_bands": [], "urgency": "weeks"}
    values.update(changes)
    return {key: value for key, value in values.items() if value is not None}


def test_the_nav_leads_signed_in_people_to_peer_support(member_client, client):
    assert 'href="/peer-support/"' in text(member_client.get("/"))
    assert 'href="/peer-support/"' not in text(client.get("/"))
    assert client.get("/peer-support/").status_code == 302  # to sign in


def test_someone_with_nothing_yet_is_invited_to_ask(member_client, program):
    first = member_client.get("/peer-support/")

    assert "Find a peer supporter" in text(first) and f'href="{ASK}"' in text(first)
    assert outline(first).h1_count == 1
    programs = member_client.get("/peer-support/ask/")
    assert "Walking alongside" in text(programs) and f'href="{ASK}"' in text(programs)
    assert outline(programs).unlabelled_fields() == [] and outline(programs).executable() == []


def test_the_form_starts_from_their_experiences_languages_and_time_zone(member, member_client, program):
    PersonExperienceFactory(user=member, code="grief.parent")
    PersonCommunityFactory(user=member, code="community.lgbtq")
    member.profile.languages, member.profile.timezone = ["es", "en"], "Europe/Madrid"
    member.profile.save()

    response = member_client.get(ASK)

    values = form_values(response, "request-form")
    assert values["experiences"] == "grief.parent" and values["communities"] == "community.lgbtq"
    assert values["languages"] == ["en", "es"] or sorted(values["languages"]) == ["en", "es"]
    assert values["timezone_name"] == "Europe/Madrid"
    assert "We've ticked what you added to My experiences: Loss of a parent." in text(response)
    assert 'href="/me/experiences/#suggest-h"' in text(response)
    assert "supporters and staff don't read it" in text(response)
    page = outline(response)
    assert page.unlabelled_fields() == [] and page.executable() == [] and page.h1_count == 1


def test_asking_proposes_a_supporter_and_my_peer_support_says_a_supporter_is_reading(
        member, member_client, program, make_supporter, django_capture_on_commit_callbacks):
    make_supporter("Sol")
    with django_capture_on_commit_callbacks(execute=True):
        sent = member_client.post(ASK, request_form(story="Mum died in March."))

    assert sent.status_code == 302 and sent["Location"] == "/peer-support/"
    page = text(member_client.get("/peer-support/"))
    assert "Your request is in" in page
    assert "A supporter is reading your request" in page and "Sol" not in page
    request = SupportRequest.objects.get(user=member)
    assert request.status == RequestStatus.PROPOSED and request.story == "Mum died in March."
    assert request.availability == [{"day": 1, "start": "17:00", "end": "22:00"}]
    assert request.timezone == "Europe/London"


def test_waiting_is_said_calmly_when_nobody_fits_yet(member_client, program, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        member_client.post(ASK, request_form())
    page = text(member_client.get("/peer-support/"))

    assert "We're looking for the right person" in page and "this may take a while" in page
    assert "It isn't about you: you keep your place" in page and "find a support group" in page


@pytest.mark.parametrize("changes, message", [
    ({"experiences": None}, "Choose at least one experience you would like to share with a peer."),
    ({"languages": None}, "Choose at least one language you can talk in."),
    ({"formats": None}, "Choose at least one way to talk: chat, phone, video or in person."),
    ({"age_band": None}, "Tell us your age group, so we can match you safely."),
    ({"distance_km": "0"}, "Distance is a number of kilometres from 1 to 500."),
    ({"age_band": "under_18"}, "This program is for adults."),
    ({"shared_community": "on"}, "To ask for someone from your community, choose the community too."),
])
def test_a_refused_request_says_why_kindly_and_keeps_everything_typed(member, member_client, program, changes,
                                                                       message):
    typed = request_form(story="The evenings are the worst.", goals="Someone who gets it",
                         availability=["1-evening", "5-morning"], **changes)

    response = member_client.post(ASK, typed)

    assert response.status_code == 200
    page = text(response)
    assert message in page and "Nothing you wrote is lost" in page
    kept = form_values(response, "request-form")
    assert kept["story"] == "The evenings are the worst." and kept["goals"] == "Someone who gets it"
    assert kept["availability"] == ["1-evening", "5-morning"]
    assert not SupportRequest.objects.filter(user=member).exists()


def test_a_refused_htmx_request_comes_back_as_the_form_alone(member_client, program):
    response = member_client.post(ASK, request_form(languages=None, story="Still here"), **HTMX)

    assert response.status_code == 200
    body = text(response)
    assert 'id="request-form"' in body and "<h1" not in body and "Still here" in body


def test_an_htmx_request_that_works_is_sent_on_to_my_peer_support(member_client, program):
    response = member_client.post(ASK, request_form(), **HTMX)

    assert response.status_code == 204 and response["HX-Redirect"] == "/peer-support/"


def test_asking_twice_in_one_program_points_to_the_first_request(member, member_client, program):
    member_client.post(ASK, request_form())

    again = member_client.post(ASK, request_form())

    assert "You already have a request in this program." in text(again)
    assert SupportRequest.objects.filter(user=member).count() == 1
    assert "You have already asked here." in text(member_client.get("/peer-support/ask/"))


def test_a_program_that_is_not_one_to_one_is_not_found(member_client, organization):
    from peercircle.organizations.tests.factories import ProgramFactory

    ProgramFactory(organization=organization, slug="circles", kind="group")

    assert member_client.get("/peer-support/ask/harbour/circles/").status_code == 404
    assert member_client.get("/peer-support/ask/harbour/nothing-here/").status_code == 404


# --- the proposal and the match, from the member's side --------------------------------------------

@pytest.fixture
def offered(member, program, make_supporter, ask, django_capture_on_commit_callbacks):
    """A supporter, Sol, has said yes to the member's request."""
    from peercircle.matching.services import match_supporter_answer

    supporter = make_supporter("Sol", languages=["en", "es"])
    supporter.about = "I lost my dad at 30. I like walking and talking."
    supporter.about_html = "<p>I lost my dad at 30. I like walking and talking.</p>"
    supporter.save()
    ask(member, capture=django_capture_on_commit_callbacks)
    match = Match.objects.get(member=member)
    with django_capture_on_commit_callbacks(execute=True):
        match_supporter_answer(actor=supporter.user, match=match, accept=True)
    return Match.objects.get(pk=match.pk)


def test_a_supporters_yes_shows_their_name_and_why_in_the_members_language(member, member_client, offered):
    page = text(member_client.get("/peer-support/"))

    assert "Sol would like to support you" in page
    assert "You both have lived experience of loss of a parent" in page
    assert "Both free Tuesday evening" in page

    detail = member_client.get(f"/peer-support/matches/{offered.pk}/")
    assert "I lost my dad at 30." in text(detail)
    assert "Sol will see the name you use here, Mara" in text(detail)
    assert outline(detail).unlabelled_fields() == [] and outline(detail).executable() == []

    member.language = "es"
    member.save()
    spanish = text(member_client.get(f"/peer-support/matches/{offered.pk}/"))
    assert "Ambos libres el martes por la tarde" in spanish


def test_saying_yes_starts_the_match(member_client, offered, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        page = text(member_client.post(f"/peer-support/matches/{offered.pk}/accept/", follow=True))

    assert "You're matched with Sol" in page and "Since" in page
    offered.refresh_from_db()
    assert offered.status == MatchStatus.ACTIVE
    assert "You're matched with Sol" in text(member_client.get("/peer-support/"))


def test_no_thank_you_puts_them_back_on_the_list_with_someone_else_looked_for(
        member_client, offered, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        member_client.post(f"/peer-support/matches/{offered.pk}/decline/", {"reason": "Not ready yet"})
    page = text(member_client.get("/peer-support/"))

    offered.refresh_from_db()
    assert offered.status == MatchStatus.DECLINED and offered.decline_reason == "Not ready yet"
    assert "We'll look for someone else for you." in page
    assert "We're looking for the right person" in page  # Sol is not proposed again


def test_ending_asks_for_no_reason_can_block_and_offers_a_new_match(
        member, member_client, offered, program, make_supporter, django_capture_on_commit_callbacks):
    from peercircle.safety.models import Block

    member_client.post(f"/peer-support/matches/{offered.pk}/accept/")
    confirm = member_client.get(f"/peer-support/matches/{offered.pk}/end/")
    assert "You don't need to give a reason." in text(confirm)
    assert "Don't match me with this person again" in text(confirm)
    assert outline(confirm).unlabelled_fields() == []

    with django_capture_on_commit_callbacks(execute=True):
        ended = member_client.post(f"/peer-support/matches/{offered.pk}/end/", {"block": "on"}, follow=True)

    assert "The match has ended." in text(ended) and "Ask for a new match" in text(ended)
    offered.refresh_from_db()
    assert offered.status == MatchStatus.ENDED
    assert Block.objects.filter(blocker=member, blocked=offered.supporter).exists()

    make_supporter("Rae")
    with django_capture_on_commit_callbacks(execute=True):
        member_client.post(f"/peer-support/matches/{offered.pk}/renew/")
    renewed = member_client.get("/peer-support/")
    assert "You keep your place in the queue." in text(renewed)
    assert "A supporter is reading your request" in text(renewed)
    new = SupportRequest.objects.filter(user=member).exclude(pk=offered.request_id).get()
    assert new.matches.get().supporter.profile.display_name == "Rae"
    assert member_client.post(f"/peer-support/matches/{offered.pk}/renew/").status_code == 404  # once


def test_withdrawing_a_request_closes_it_after_a_calm_question(member, member_client, offered,
                                                              django_capture_on_commit_callbacks):
    confirm = member_client.get(f"/peer-support/requests/{offered.request_id}/withdraw/")
    assert "You don't need to give a reason" in text(confirm)

    with django_capture_on_commit_callbacks(execute=True):
        page = text(member_client.post(f"/peer-support/requests/{offered.request_id}/withdraw/", follow=True))

    assert "Your request is closed." in page
    offered.refresh_from_db()
    assert offered.status == MatchStatus.WITHDRAWN
    assert SupportRequest.objects.get(pk=offered.request_id).status == RequestStatus.CLOSED


def test_my_peer_support_takes_a_few_queries_however_many_requests(
        member, member_client, organization, make_supporter, django_assert_max_num_queries,
        django_capture_on_commit_callbacks):
    from peercircle.matching.services import request_withdraw
    from peercircle.matching.tests.factories import OneToOneProgramFactory

    def asks(n):
        for _ in range(n):
            program = OneToOneProgramFactory(organization=organization)
            make_supporter(f"S{program.pk}", program_=program)
            request = member_client.post(f"/peer-support/ask/harbour/{program.slug}/", request_form())
            assert request.status_code == 302
            request_withdraw(actor=member, request=SupportRequest.objects.filter(user=member).first())

    asks(2)
    member_client.get("/peer-support/")
    with django_assert_max_num_queries(20) as few:
        member_client.get("/peer-support/")
    count = len(few.captured_queries)  # now: the log of queries is a bounded deque
    asks(4)
    with django_assert_max_num_queries(count):
        page = member_client.get("/peer-support/")
    assert text(page).count("Closed on") == 6


def test_words_that_sound_like_danger_point_to_a_crisis_line_at_once(member, member_client, program):
    response = member_client.post(ASK, request_form(story="Since mum died I want to die most nights."), follow=True)

    page = text(response)
    assert "Your request is in" in page
    assert "You don't have to go through this alone" in page and "findahelpline.com" in page
    assert SupportRequest.objects.get(user=member).story == "Since mum died I want to die most nights."


def test_everyday_words_get_no_crisis_note(member_client, program):
    page = text(member_client.post(ASK, request_form(story="The evenings are hard."), follow=True))

    assert "Need help now?”" not in page.split("</header>", 1)[1]
