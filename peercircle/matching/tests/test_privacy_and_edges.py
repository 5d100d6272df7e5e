"""Privacy and edge cases of 1:1 matching found in review: what each side may learn (pages and
API say the same), answers that never come, and requests that can't be made twice."""

import pytest

from peercircle.core.tests.helpers import signed_in, text
from peercircle.matching.models import Match, MatchStatus, SupporterProgram, SupportRequest

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


# --- what the supporter is told about the person ----------------------------------------------

@pytest.fixture
def near(member):
    """Mara's profile says where she lives (kept private, as by default)."""
    member.profile.latitude, member.profile.longitude = 51.5007, -0.1246
    member.profile.save()
    return member


def test_a_supporter_is_not_told_how_far_away_an_unnamed_member_lives(near, member_client, make_supporter, ask,
                                                                        step, django_capture_on_commit_callbacks):
    from peercircle.matching import services

    ana = make_supporter("Ana", formats=["in_person"], latitude=51.5010, longitude=-0.1250)
    request = ask(near, capture=django_capture_on_commit_callbacks, formats=["in_person"], supporter_gender="")
    match = _open(request)
    supporter = signed_in(ana.user)

    page = text(supporter.get(f"/peer-support/matches/{match.pk}/"))
    body = supporter.get(f"/api/v1/matches/{match.pk}").json()

    assert "Both happy with in person" in page and "km apart" not in page
    assert "Both happy with in person" in body["explanation"] and "km apart" not in str(body)
    assert all(reason["k"] not in ("distance", "gender", "age") for reason in body["reasons"])
    step(services.match_supporter_answer, actor=ana.user, match=match, accept=True)
    assert "About 1 km apart" in text(member_client.get(f"/peer-support/matches/{match.pk}/"))  # hers to know


def test_the_persons_place_is_kept_with_the_request_only_to_meet_in_person(near, make_supporter, ask,
                                                                             django_capture_on_commit_callbacks):
    online = ask(near, capture=django_capture_on_commit_callbacks, formats=["chat"])
    SupportRequest.objects.filter(pk=online.pk).update(status="closed")
    in_person = ask(near, capture=django_capture_on_commit_callbacks, formats=["in_person"])

    online.refresh_from_db()
    assert (online.latitude, online.longitude) == (None, None)
    assert (in_person.latitude, in_person.longitude) == (51.5007, -0.1246)


def test_the_request_form_says_exactly_what_a_supporter_reads(member_client, program):
    page = text(member_client.get("/peer-support/ask/harbour/walking-alongside/"))

    assert ("A supporter we suggest reads what you'd like to share, what you hope for, your languages, the ways "
            "you'd like to talk, the times you're both free, your age group and how soon you'd like to start. "
            "They see your name only once you say yes to them, and never your story.") in page


# --- the API tells each side what the pages do -------------------------------------------------

def test_a_member_reads_why_only_once_the_supporter_has_said_yes(member, member_client, make_supporter, ask, step,
                                                                 django_capture_on_commit_callbacks):
    from peercircle.matching import services

    ana = make_supporter("Ana")
    match = _open(ask(member, capture=django_capture_on_commit_callbacks))

    proposed = member_client.get(f"/api/v1/matches/{match.pk}").json()
    page = text(member_client.get(f"/peer-support/matches/{match.pk}/"))
    step(services.match_supporter_answer, actor=ana.user, match=match, accept=True)
    offered = member_client.get(f"/api/v1/matches/{match.pk}").json()

    assert "A supporter is reading your request" in page and "lived experience" not in page
    assert proposed["status"] == "proposed" and proposed["supporter_name"] is None
    assert proposed["explanation"] == [] and proposed["reasons"] == []
    assert offered["supporter_name"] == "Ana"
    assert "You both have lived experience of loss of a parent" in offered["explanation"]


def test_a_member_is_never_told_a_supporter_said_no(member, member_client, make_supporter, ask, step,
                                                    django_capture_on_commit_callbacks):
    from peercircle.matching import services

    make_supporter("Ana")
    make_supporter("Ben")
    first = _open(ask(member, capture=django_capture_on_commit_callbacks))
    step(services.match_supporter_answer, actor=first.supporter, match=first, accept=False, reason="Too close")
    second = Match.objects.get(member=member, status=MatchStatus.PROPOSED)

    listed = member_client.get("/api/v1/matches").json()
    first_seen = member_client.get(f"/api/v1/matches/{first.pk}").json()
    page = text(member_client.get("/peer-support/"))

    assert [m["id"] for m in listed] == [second.pk] and listed[0]["status"] == "proposed"
    assert first_seen["status"] == "closed" and first_seen["status_label"] == "It didn't go ahead this time."
    assert "Too close" not in str(first_seen) and first_seen["supporter_name"] is None
    assert first_seen["explanation"] == [] and first_seen["reasons"] == []
    assert "A supporter is reading your request" in page and "Ana" not in page


def test_a_member_still_sees_the_offers_they_answered(member, member_client, make_supporter, ask, step,
                                                      django_capture_on_commit_callbacks):
    from peercircle.matching import services

    make_supporter("Ana")
    match = _open(ask(member, capture=django_capture_on_commit_callbacks))
    step(services.match_supporter_answer, actor=match.supporter, match=match, accept=True)
    step(services.match_member_answer, actor=member, match=match, accept=False)

    listed = member_client.get("/api/v1/matches").json()

    assert [(m["id"], m["status"]) for m in listed] == [(match.pk, "declined")]  # their own "no, thank you"


def test_a_supporter_reads_nothing_of_a_request_once_the_match_has_closed(member, make_supporter, ask, step,
                                                                          django_capture_on_commit_callbacks):
    from peercircle.matching import services

    ana = make_supporter("Ana")
    request = ask(member, capture=django_capture_on_commit_callbacks, goals="Someone to talk to about my mum.")
    match = _open(request)
    supporter = signed_in(ana.user)
    assert "Someone to talk to about my mum." in supporter.get(f"/api/v1/matches/{match.pk}").json()["request"]["goals"]

    step(services.request_withdraw, actor=member, request=request)
    body = supporter.get(f"/api/v1/matches/{match.pk}").json()
    page = text(supporter.get(f"/peer-support/matches/{match.pk}/"))

    assert body["request"] is None and body["explanation"] == [] and body["reasons"] == []
    assert "about my mum" not in page and "about my mum" not in str(body)


# --- offers nobody answers ----------------------------------------------------------------------

def test_an_offer_the_member_never_answers_gives_the_supporters_place_back(
        member, member_client, make_supporter, ask, step, program, django_capture_on_commit_callbacks):
    from datetime import timedelta

    from django.utils import timezone

    from peercircle.matching import services
    from peercircle.matching.models import ProgramMatchingSettings, RequestStatus
    from peercircle.matching.tasks import proposals_expire_dispatch

    ProgramMatchingSettings.objects.create(program=program, answer_within_days=3)
    ana = make_supporter("Ana", capacity=1)
    request = ask(member, capture=django_capture_on_commit_callbacks)
    waiting_since = request.waiting_since
    match = _open(request)
    step(services.match_supporter_answer, actor=ana.user, match=match, accept=True)
    ben = make_supporter("Ben")  # joins while Mara is away

    # Counted from the supporter's yes: an old proposal answered two days ago is not due.
    Match.objects.filter(pk=match.pk).update(created_at=timezone.now() - timedelta(days=30),
                                             supporter_answered_at=timezone.now() - timedelta(days=2))
    with django_capture_on_commit_callbacks(execute=True):
        assert proposals_expire_dispatch.enqueue().return_value == 0
    Match.objects.filter(pk=match.pk).update(supporter_answered_at=timezone.now() - timedelta(days=3, minutes=1))
    with django_capture_on_commit_callbacks(execute=True):
        assert proposals_expire_dispatch.enqueue().return_value == 1
        assert proposals_expire_dispatch.enqueue().return_value == 0  # safe to run twice

    match.refresh_from_db()
    ana.refresh_from_db()
    assert match.status == MatchStatus.EXPIRED and ana.load == 0
    assert _open(request).supporter == ben.user  # she kept her place and is proposed someone else
    request.refresh_from_db()
    assert request.status == RequestStatus.PROPOSED and request.waiting_since == waiting_since
    told = text(member_client.get("/notifications/"))
    assert "Your request is still here" in told and "you keep your place" in told
    assert "your place is free again" in text(signed_in(ana.user).get("/notifications/"))
    assert not member_client.get(f"/api/v1/matches/{match.pk}").json()["can_accept"]
    assert "your request is still here, and you keep your place" in text(
        member_client.get(f"/peer-support/matches/{match.pk}/"))


# --- asking again ---------------------------------------------------------------------------------

@pytest.fixture
def ended(member, make_supporter, ask, step, django_capture_on_commit_callbacks):
    """Mara's match with Ana has ended; she could ask for a new one."""
    from peercircle.matching import services

    def end(**asked):
        ana = make_supporter("Ana", youth_trained=True)
        match = _open(ask(member, capture=django_capture_on_commit_callbacks, **asked))
        step(services.match_supporter_answer, actor=ana.user, match=match, accept=True)
        step(services.match_member_answer, actor=member, match=match, accept=True)
        step(services.match_end, actor=member, match=match)
        return match
    return end


def test_asking_again_in_a_program_that_has_closed_is_refused(member, member_client, program, ended):
    from peercircle.matching.models import RequestStatus

    match = ended()
    assert "Ask for a new match" in text(member_client.get(f"/peer-support/matches/{match.pk}/"))
    program.is_active = False
    program.save()

    refused = member_client.post(f"/api/v1/matches/{match.pk}/renew", content_type=JSON)

    assert refused.status_code == 400
    assert refused.json()["detail"] == "This program doesn't take requests for a peer supporter."
    assert "Ask for a new match" not in text(member_client.get(f"/peer-support/matches/{match.pk}/"))
    assert member_client.post(f"/peer-support/matches/{match.pk}/renew/").status_code == 404
    assert not member_client.get(f"/api/v1/matches/{match.pk}").json()["can_renew"]
    assert not SupportRequest.objects.filter(user=member, status=RequestStatus.WAITING).exists()


def test_a_young_person_cannot_ask_again_once_the_program_is_for_adults_only(member, member_client, program,
                                                                             ended):
    program.accepts_under_18 = True
    program.save()
    match = ended(age_band="under_18")
    program.accepts_under_18 = False
    program.save()

    refused = member_client.post(f"/api/v1/matches/{match.pk}/renew", content_type=JSON)

    assert refused.status_code == 400 and refused.json()["detail"].startswith("This program is for adults.")
    assert "Ask for a new match" not in text(member_client.get("/peer-support/"))
    assert SupportRequest.objects.filter(user=member).count() == 1


def test_two_requests_at_the_same_moment_make_one_and_the_other_is_told_kindly(member, member_client, program,
                                                                              monkeypatch):
    from peercircle.matching import services

    asking = {"organization": "harbour", "program": "walking-alongside", "experience_codes": ["grief.parent"],
              "age_band": "26_40", "languages": ["en"], "formats": ["chat"], "timezone": "Europe/London"}
    assert member_client.post("/api/v1/support-requests", asking, content_type=JSON).status_code == 201
    # The second arrives before the first commits: its own check sees nothing yet.
    monkeypatch.setattr(services, "_check_program_takes", lambda user, program, age_band: None)

    second = member_client.post("/api/v1/support-requests", asking, content_type=JSON)

    assert second.status_code == 400
    assert second.json()["detail"] == ("You already have a request in this program. You can see it under "
                                       "My peer support.")
    assert SupportRequest.objects.filter(user=member).count() == 1


# --- the engine forgets supporters who are gone ------------------------------------------------------

def test_a_deleted_supporter_profile_is_out_of_matching_at_the_next_look(org_admin_client, member, make_supporter,
                                                                         ask, django_capture_on_commit_callbacks):
    ana, ben = make_supporter("Ana"), make_supporter("Ben")
    request = ask(member, capture=django_capture_on_commit_callbacks, languages=["es"])  # nobody speaks it

    def why() -> str:
        return text(org_admin_client.get(f"{PAGE}requests/{request.pk}/why/", HTTP_HX_REQUEST="true"))

    assert "2 supporters serve this program" in why()
    ana.delete()  # as when an account is erased: nothing is left whose `updated_at` could tell
    assert "1 supporter serves this program" in why()
    ben.delete()
    make_supporter("Cai")  # someone joins in between: as many profiles as before
    assert "1 supporter serves this program" in why()


# --- the text pipeline ------------------------------------------------------------------------------

def test_the_safety_team_hears_of_words_in_about_me_once_not_at_every_save(peer_supporter_client, peer_supporter):
    from peercircle.safety.models import ScreeningEvent

    profile = {"languages": ["en"], "formats": ["chat"], "timezone": "UTC", "about": "Some days I want to die."}
    for capacity in (3, 2, 1):
        saved = peer_supporter_client.put("/api/v1/me/supporter-profile", {**profile, "capacity": capacity},
                                          content_type=JSON)
        assert saved.status_code == 200

    event = ScreeningEvent.objects.get()
    assert (event.author, event.context) == (peer_supporter, "supporter_profile")
    peer_supporter_client.put("/api/v1/me/supporter-profile", {**profile, "about": "Some nights I want to die."},
                              content_type=JSON)
    assert ScreeningEvent.objects.count() == 2  # new words are screened again


# --- a long wait is no dead end ---------------------------------------------------------------------

def test_a_member_nobody_fits_hears_what_they_can_do_meanwhile(member, member_client, make_supporter, ask,
                                                               django_capture_on_commit_callbacks):
    from datetime import timedelta

    from django.utils import timezone

    make_supporter("Ana")
    request = ask(member, capture=django_capture_on_commit_callbacks, languages=["es"])  # Ana speaks English

    response = member_client.get("/peer-support/")
    page = text(response)

    assert "Right now nobody who fits what you asked for is free, so this may take a while." in page
    assert "you keep your place" in page
    assert '<a href="/find/?experience=grief.parent">find a support group</a>' in page
    assert '<a href="/help/">Need help now?</a> lists people you can reach straight away' in page
    assert "I don't need this any more" in page

    SupportRequest.objects.filter(pk=request.pk).update(waiting_since=timezone.now() - timedelta(days=15))
    page = text(member_client.get("/peer-support/"))
    assert "This is taking longer than we hoped, and we're sorry for the wait." in page
    assert "find a support group" in page and "you keep your place" in page


# --- ending an offer ------------------------------------------------------------------------------

def test_a_member_ending_an_offer_through_the_api_says_no_thank_you_and_keeps_their_place(
        member, member_client, make_supporter, ask, step, django_capture_on_commit_callbacks):
    from peercircle.matching import services
    from peercircle.matching.models import RequestStatus

    ana = make_supporter("Ana")
    ben = make_supporter("Ben", experiences=["grief.partner"])
    request = ask(member, capture=django_capture_on_commit_callbacks)
    waiting_since = request.waiting_since
    match = _open(request)
    step(services.match_supporter_answer, actor=ana.user, match=match, accept=True)

    with django_capture_on_commit_callbacks(execute=True):
        ended = member_client.post(f"/api/v1/matches/{match.pk}/end", {}, content_type=JSON)

    assert ended.status_code == 200 and ended.json()["status"] == "declined" and not ended.json()["can_renew"]
    request.refresh_from_db()
    assert request.status == RequestStatus.PROPOSED and request.waiting_since == waiting_since
    assert _open(request).supporter == ben.user
    assert "The person chose another way this time." in text(signed_in(ana.user).get("/notifications/"))


# --- names ---------------------------------------------------------------------------------------------

def test_an_offer_says_what_name_the_supporter_will_see_even_without_one(member, member_client, make_supporter, ask,
                                                                         step, django_capture_on_commit_callbacks):
    from peercircle.accounts.models import Profile
    from peercircle.matching import services

    ana = make_supporter("Ana")
    match = _open(ask(member, capture=django_capture_on_commit_callbacks))
    step(services.match_supporter_answer, actor=ana.user, match=match, accept=True)
    assert "Ana will see the name you use here, Mara, and you can start" in text(
        member_client.get(f"/peer-support/matches/{match.pk}/"))

    Profile.objects.filter(user=member).update(display_name="")
    page = text(member_client.get(f"/peer-support/matches/{match.pk}/"))

    assert "the name you use here, ," not in page
    assert ("If you say yes, you and Ana can start talking. You haven't chosen a name to show others yet, so "
            "they'll see “A member”") in page
    step(services.match_member_answer, actor=member, match=match, accept=True)
    assert "You're supporting A member" in text(signed_in(ana.user).get(f"/peer-support/matches/{match.pk}/"))
