"""The flow of a match through the services: proposed to the best supporter, answered by the
supporter and then the person, ended by either side, renewed; who may do what; capacity; the
proposals nobody answered; and the audit trail and notes each step leaves.

Proposals and notes run after commit, so each step is taken inside
`django_capture_on_commit_callbacks(execute=True)`, as it would be in a real request."""

from datetime import timedelta

import pytest
from django.http import Http404
from django.utils import timezone

from peercircle.core.models import AuditEntry
from peercircle.matching import selectors, services
from peercircle.matching.models import (
    Match,
    MatchStatus,
    ProgramMatchingSettings,
    RequestStatus,
    SupportRequest,
)
from peercircle.matching.services import MatchingError
from peercircle.notifications.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def step(django_capture_on_commit_callbacks):
    """Run one service call as a request would: its after-commit work (the next proposal, the
    notes) runs once it commits."""

    def run(service, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return service(**kwargs)

    return run


@pytest.fixture
def supporters(make_supporter):
    """Two supporters: Ana shares the member's very experience, Ben a close one."""
    return make_supporter("Ana", experiences=["grief.parent"]), make_supporter("Ben", experiences=["grief.partner"])


def notes(user, kind=None):
    found = Notification.objects.filter(recipient=user).order_by("pk")
    return list(found.filter(kind=kind) if kind else found)


def open_match(request) -> Match:
    return Match.objects.get(request=request, status__in=[MatchStatus.PROPOSED, MatchStatus.SUPPORTER_ACCEPTED,
                                                          MatchStatus.ACTIVE])


def load(profile) -> int:
    profile.refresh_from_db()
    return profile.load


def matching_actions() -> list[str]:
    return list(AuditEntry.objects.filter(action__regex=r"^(match|support_request)\.").order_by("pk")
                .values_list("action", flat=True))


# --- proposed, answered, started ------------------------------------------------------------------

def test_a_request_is_proposed_to_the_best_supporter_who_is_not_told_who_asked(
        member, supporters, ask, django_capture_on_commit_callbacks):
    ana, ben = supporters

    request = ask(member, capture=django_capture_on_commit_callbacks)

    request.refresh_from_db()
    match = open_match(request)
    assert (match.supporter, match.member, match.status) == (ana.user, member, MatchStatus.PROPOSED)
    assert request.status == RequestStatus.PROPOSED
    assert (load(ana), load(ben)) == (1, 0)
    assert {"k": "experience_same", "code": "grief.parent"} in match.explanation
    [note] = notes(ana.user)
    assert note.kind == "match_proposed" and note.url == f"/peer-support/matches/{match.pk}/"
    assert "Walking alongside" in note.body
    for private in ("Mara", member.email):
        assert private not in note.title + note.body
    assert notes(member) == [] and notes(ben.user) == []
    assert matching_actions() == ["support_request.create", "match.propose"]


def test_the_supporter_says_yes_and_the_member_hears_why(member, supporters, ask, step,
                                                         django_capture_on_commit_callbacks):
    ana, _ben = supporters
    match = open_match(ask(member, capture=django_capture_on_commit_callbacks))

    step(services.match_supporter_answer, actor=ana.user, match=match, accept=True)

    match.refresh_from_db()
    assert match.status == MatchStatus.SUPPORTER_ACCEPTED and match.supporter_answered_at
    assert load(ana) == 1  # still holding the place for the member
    [note] = notes(member)
    assert note.kind == "match_offered" and note.url == f"/peer-support/matches/{match.pk}/"
    assert "You both have lived experience of loss of a parent" in note.body
    assert "Both free Tuesday evening" in note.body
    assert matching_actions()[-1] == "match.supporter_accept"


def test_the_member_says_yes_and_the_match_starts(member, supporters, ask, step, django_capture_on_commit_callbacks):
    ana, _ben = supporters
    request = ask(member, capture=django_capture_on_commit_callbacks)
    match = open_match(request)
    step(services.match_supporter_answer, actor=ana.user, match=match, accept=True)

    step(services.match_member_answer, actor=member, match=match, accept=True)

    match.refresh_from_db()
    request.refresh_from_db()
    assert match.status == MatchStatus.ACTIVE and match.started_at and match.member_answered_at
    assert request.status == RequestStatus.MATCHED
    assert load(ana) == 1
    assert [n.kind for n in notes(ana.user)] == ["match_proposed", "match_started"]
    assert matching_actions() == ["support_request.create", "match.propose", "match.supporter_accept", "match.start"]


def test_a_supporter_who_declines_is_never_proposed_to_that_person_again_and_their_reason_is_kept(
        member, supporters, ask, step, program, django_capture_on_commit_callbacks):
    ana, ben = supporters
    request = ask(member, capture=django_capture_on_commit_callbacks)
    first = open_match(request)

    step(services.match_supporter_answer, actor=ana.user, match=first, accept=False,
         reason="  We volunteer at the same food bank.\u202e ")

    first.refresh_from_db()
    assert first.status == MatchStatus.DECLINED and first.declined_by == "supporter"
    assert first.decline_reason == "We volunteer at the same food bank."
    second = open_match(request)
    assert second.supporter == ben.user and second.status == MatchStatus.PROPOSED
    assert (load(ana), load(ben)) == (0, 1)
    assert notes(member) == []  # the person is simply proposed someone else
    assert matching_actions()[-2:] == ["match.supporter_decline", "match.propose"]

    # Ben declines too: nobody is left, and Ana is not proposed again, even on a new request.
    step(services.match_supporter_answer, actor=ben.user, match=second, accept=False)
    request.refresh_from_db()
    assert request.status == RequestStatus.WAITING
    assert step(services.match_propose, request=request).match is None
    step(services.request_withdraw, actor=member, request=request)
    again = step(services.request_create, user=member, program=program, experience_codes=["grief.parent"],
                 age_band="26_40", languages=["en"], formats=["chat"], timezone_name="Europe/London")
    again.refresh_from_db()
    assert again.status == RequestStatus.WAITING and not again.matches.exists()
    assert dict(selectors_why_no_match(again))["excluded"] == 0


def selectors_why_no_match(request):
    from peercircle.matching.engine import why_no_match

    return why_no_match(selectors.request_spec(request))


def test_a_member_who_says_no_thank_you_is_proposed_someone_else(member, supporters, ask, step,
                                                                 django_capture_on_commit_callbacks):
    ana, ben = supporters
    request = ask(member, capture=django_capture_on_commit_callbacks)
    first = open_match(request)
    step(services.match_supporter_answer, actor=ana.user, match=first, accept=True)

    step(services.match_member_answer, actor=member, match=first, accept=False)

    first.refresh_from_db()
    assert first.status == MatchStatus.DECLINED and first.declined_by == "member"
    assert open_match(request).supporter == ben.user
    assert (load(ana), load(ben)) == (0, 1)
    [closed] = notes(ana.user, "match_news")
    assert "Thank you for offering" in closed.body
    assert "match.member_decline" in matching_actions()


def test_a_decline_reason_goes_through_the_text_pipeline(member, supporters, ask, step,
                                                         django_capture_on_commit_callbacks):
    from peercircle.safety.models import ScreeningEvent

    ana, _ben = supporters
    match = open_match(ask(member, capture=django_capture_on_commit_callbacks))

    step(services.match_supporter_answer, actor=ana.user, match=match, accept=False,
         reason="Not now, sorry: some days I want to die myself.")

    event = ScreeningEvent.objects.get()
    assert (event.author, event.context, event.target_id) == (ana.user, "match_decline_reason", str(match.pk))


# --- ending, renewing, blocking -------------------------------------------------------------------

def start(member, supporter, request, step):
    match = open_match(request)
    assert match.supporter == supporter.user
    step(services.match_supporter_answer, actor=supporter.user, match=match, accept=True)
    step(services.match_member_answer, actor=member, match=match, accept=True)
    match.refresh_from_db()
    return match


@pytest.mark.parametrize("side", ["member", "supporter"])
def test_either_side_ends_a_match_without_a_reason_and_the_other_hears_kindly(
        member, supporters, ask, step, side, django_capture_on_commit_callbacks):
    ana, _ben = supporters
    request = ask(member, capture=django_capture_on_commit_callbacks)
    match = start(member, ana, request, step)
    ender, other = (member, ana.user) if side == "member" else (ana.user, member)
    before = len(notes(ender))

    step(services.match_end, actor=ender, match=match)

    match.refresh_from_db()
    request.refresh_from_db()
    assert match.status == MatchStatus.ENDED and match.ended_at and match.ended_by == ender
    assert request.status == RequestStatus.CLOSED and request.closed_at
    assert load(ana) == 0
    assert len(notes(ender)) == before  # nothing for the one who ended it
    [ended] = notes(other, "match_ended")
    kind_words = "That's all right" if other == member else "thank you for the support you gave"
    assert kind_words in ended.body
    entry = AuditEntry.objects.filter(action="match.end").get()
    assert entry.actor == ender and entry.data == {"by": side}


def test_a_new_match_after_an_ended_one_is_someone_else_and_keeps_the_time_waited(
        member, supporters, ask, step, django_capture_on_commit_callbacks):
    ana, ben = supporters
    request = ask(member, capture=django_capture_on_commit_callbacks)
    match = start(member, ana, request, step)
    # They waited a week, then had a match for three days.
    now = timezone.now()
    SupportRequest.objects.filter(pk=request.pk).update(waiting_since=now - timedelta(days=10))
    Match.objects.filter(pk=match.pk).update(started_at=now - timedelta(days=3))
    match.refresh_from_db()
    step(services.match_end, actor=member, match=match)

    renewed = step(services.request_renew, actor=member, match=match)

    renewed.refresh_from_db()
    assert renewed.pk != request.pk and renewed.status == RequestStatus.PROPOSED
    assert open_match(renewed).supporter == ben.user
    waited = timezone.now() - renewed.waiting_since
    assert timedelta(days=7) <= waited < timedelta(days=7, minutes=5)  # the week, not the match
    assert list(renewed.experiences.values_list("code", flat=True)) == ["grief.parent"]
    assert "support_request.renew" in matching_actions()
    # Asking twice is refused: there is an open request already.
    with pytest.raises(MatchingError, match="already have a request"):
        services.request_renew(actor=member, match=match)


def test_a_proposal_the_member_withdrew_keeps_its_waiting_time_on_renewal(
        member, supporters, ask, step, django_capture_on_commit_callbacks):
    ana, ben = supporters
    request = ask(member, capture=django_capture_on_commit_callbacks)
    SupportRequest.objects.filter(pk=request.pk).update(waiting_since=timezone.now() - timedelta(days=12))
    request.refresh_from_db()
    match = open_match(request)
    step(services.match_end, actor=member, match=match)  # before Ana answered (an offer ended is a "no, thank you")
    match.refresh_from_db()
    assert match.status == MatchStatus.WITHDRAWN and match.supporter == ana.user

    renewed = step(services.request_renew, actor=member, match=match)

    renewed.refresh_from_db()
    assert renewed.waiting_since == request.waiting_since
    assert open_match(renewed).supporter == ben.user


def test_ending_with_a_block_keeps_the_two_apart_from_then_on(member, supporters, ask, step, organization, org_admin,
                                                               django_capture_on_commit_callbacks):
    from peercircle.matching.tests.factories import OneToOneProgramFactory
    from peercircle.safety.models import Block

    ana, ben = supporters
    match = start(member, ana, ask(member, capture=django_capture_on_commit_callbacks), step)

    step(services.match_end, actor=ana.user, match=match, block=True)

    assert Block.objects.filter(blocker=ana.user, blocked=member).exists()
    # Another program Ana also serves: she is still left out for this person.
    other_program = OneToOneProgramFactory(organization=organization)
    for supporter in (ana, ben):
        services.supporter_program_set(actor=org_admin, supporter=supporter, program=other_program, certified=True)
    request = ask(member, capture=django_capture_on_commit_callbacks, program=other_program)
    assert open_match(request).supporter == ben.user
    Match.objects.filter(request__user=member, supporter=ana.user).delete()  # even with the history gone
    assert ana.user_id in selectors.excluded_supporters(member.pk)


def test_the_supporter_ending_a_proposal_is_a_no_and_the_person_keeps_their_place(
        member, supporters, ask, step, django_capture_on_commit_callbacks):
    ana, ben = supporters
    request = ask(member, capture=django_capture_on_commit_callbacks)
    match = open_match(request)
    step(services.match_supporter_answer, actor=ana.user, match=match, accept=True)

    step(services.match_end, actor=ana.user, match=match)

    match.refresh_from_db()
    request.refresh_from_db()
    assert match.status == MatchStatus.DECLINED and match.declined_by == "supporter"
    assert request.status == RequestStatus.PROPOSED and open_match(request).supporter == ben.user
    # The member had been told Ana would like to support them: they hear it will be someone else.
    assert [n.kind for n in notes(member)] == ["match_offered", "match_news"]
    assert "someone else" in notes(member)[-1].body


def test_withdrawing_a_request_closes_its_proposal_and_tells_the_supporter(
        member, supporters, ask, step, django_capture_on_commit_callbacks):
    ana, _ben = supporters
    request = ask(member, capture=django_capture_on_commit_callbacks)
    match = open_match(request)

    step(services.request_withdraw, actor=member, request=request)

    match.refresh_from_db()
    request.refresh_from_db()
    assert match.status == MatchStatus.WITHDRAWN and request.status == RequestStatus.CLOSED
    assert load(ana) == 0
    assert [n.kind for n in notes(ana.user)] == ["match_proposed", "match_ended"]
    assert matching_actions()[-1] == "support_request.withdraw"
    with pytest.raises(MatchingError):
        services.request_withdraw(actor=member, request=request)


# --- who may do what ------------------------------------------------------------------------------

def test_only_the_right_person_answers_each_step_and_only_once(
        member, other_member, org_admin, supporters, ask, step, django_capture_on_commit_callbacks):
    ana, ben = supporters
    request = ask(member, capture=django_capture_on_commit_callbacks)
    match = open_match(request)
    entries = AuditEntry.objects.count()

    for wrong in (member, ben.user, other_member, org_admin):
        with pytest.raises(MatchingError, match="isn't available any more"):
            services.match_supporter_answer(actor=wrong, match=match, accept=True)
    with pytest.raises(MatchingError):  # not the member's turn yet
        services.match_member_answer(actor=member, match=match, accept=True)
    with pytest.raises(Http404):
        selectors.match_for(other_member, match.pk)
    with pytest.raises(Http404):
        selectors.match_for(ben.user, match.pk)
    with pytest.raises(Http404):
        selectors.request_for(ana.user, request.pk)
    assert AuditEntry.objects.count() == entries

    step(services.match_supporter_answer, actor=ana.user, match=match, accept=True)
    with pytest.raises(MatchingError):  # answering twice
        services.match_supporter_answer(actor=ana.user, match=match, accept=False)
    for wrong in (ana.user, other_member):
        with pytest.raises(MatchingError):
            services.match_member_answer(actor=wrong, match=match, accept=True)
    step(services.match_member_answer, actor=member, match=match, accept=True)
    with pytest.raises(MatchingError):
        services.match_member_answer(actor=member, match=match, accept=False)
    with pytest.raises(MatchingError):
        services.match_end(actor=other_member, match=match)

    step(services.match_end, actor=member, match=match)
    for anyone in (member, ana.user, org_admin):
        with pytest.raises(MatchingError):  # ending a closed match
            services.match_end(actor=anyone, match=match)
    with pytest.raises(MatchingError):
        services.request_renew(actor=ana.user, match=match)  # only the member asks again
    match.refresh_from_db()
    assert match.status == MatchStatus.ENDED and load(ana) == 0


def test_a_program_admin_can_end_a_match_and_both_sides_hear(member, org_admin, supporters, ask, step,
                                                             django_capture_on_commit_callbacks):
    ana, _ben = supporters
    match = start(member, ana, ask(member, capture=django_capture_on_commit_callbacks), step)

    step(services.match_end, actor=org_admin, match=match)

    match.refresh_from_db()
    assert match.status == MatchStatus.ENDED and load(ana) == 0
    assert notes(member, "match_ended") and notes(ana.user, "match_ended")
    assert AuditEntry.objects.get(action="match.end").data == {"by": "admin"}


# --- capacity -------------------------------------------------------------------------------------

def test_a_supporter_with_no_room_left_is_not_proposed(member, other_member, make_supporter, ask,
                                                        django_capture_on_commit_callbacks):
    only = make_supporter("Ana", capacity=1)
    first = ask(member, capture=django_capture_on_commit_callbacks)
    second = ask(other_member, capture=django_capture_on_commit_callbacks)

    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == RequestStatus.PROPOSED and second.status == RequestStatus.WAITING
    assert load(only) == 1
    assert dict(selectors_why_no_match(second))["room"] == 0


def test_two_proposals_at_once_cannot_take_a_supporter_beyond_their_capacity(
        member, other_member, make_supporter, ask, step, monkeypatch, django_capture_on_commit_callbacks):
    """Both requests were scored while Ana still had her one place; the second proposal finds,
    under the lock on her profile, that the place has gone."""
    from peercircle.matching import engine

    first = ask(member, capture=django_capture_on_commit_callbacks)
    second = ask(other_member, capture=django_capture_on_commit_callbacks)
    ana = make_supporter("Ana", capacity=1)
    stale = engine.top_candidates(selectors.request_spec(second))
    assert [c.user_id for c in stale] == [ana.user_id]

    assert step(services.match_propose, request=first).match is not None
    monkeypatch.setattr(services, "top_candidates", lambda spec, limit=10: stale)
    assert step(services.match_propose, request=second).match is None

    second.refresh_from_db()
    assert second.status == RequestStatus.WAITING
    assert load(ana) == 1
    assert Match.objects.filter(supporter=ana.user).count() == 1


# --- proposals nobody answered --------------------------------------------------------------------

def test_a_proposal_left_unanswered_goes_to_the_next_supporter(member, supporters, ask, program,
                                                               django_capture_on_commit_callbacks):
    from peercircle.matching.tasks import proposals_expire_dispatch

    ana, ben = supporters
    ProgramMatchingSettings.objects.create(program=program, answer_within_days=2)
    request = ask(member, capture=django_capture_on_commit_callbacks)
    match = open_match(request)

    Match.objects.filter(pk=match.pk).update(created_at=timezone.now() - timedelta(days=1, hours=23))
    with django_capture_on_commit_callbacks(execute=True):
        assert proposals_expire_dispatch.enqueue().return_value == 0
    match.refresh_from_db()
    assert match.status == MatchStatus.PROPOSED

    Match.objects.filter(pk=match.pk).update(created_at=timezone.now() - timedelta(days=2, minutes=1))
    with django_capture_on_commit_callbacks(execute=True):
        assert proposals_expire_dispatch.enqueue().return_value == 1
        assert proposals_expire_dispatch.enqueue().return_value == 0  # safe to run twice

    match.refresh_from_db()
    assert match.status == MatchStatus.EXPIRED
    assert open_match(request).supporter == ben.user
    assert (load(ana), load(ben)) == (0, 1)
    assert "match.expire" in matching_actions()
    assert ana.user_id in selectors.excluded_supporters(member.pk)


# --- requests that cannot be made -----------------------------------------------------------------

@pytest.mark.parametrize("change, message", [
    ({"experience_codes": []}, "Choose at least one experience"),
    ({"experience_codes": ["grief.parent", "no.such.thing"]}, "Choose at least one experience"),
    ({"languages": ["xx"]}, "We don't know the language “xx”"),
    ({"languages": []}, "Choose at least one language"),
    ({"formats": ["telepathy"]}, "Choose ways to talk from the list"),
    ({"timezone_name": "Mars/Olympus"}, "Choose your time zone"),
    ({"availability": [{"day": 1, "start": "21:00", "end": "18:00"}]}, "has to end after it starts"),
    ({"age_band": "under_18"}, "This program is for adults. If you are under 18, please look for a program "
                               "for young people, or talk to someone you trust."),
])
def test_a_request_that_cannot_be_made_changes_nothing(member, supporters, ask, change, message,
                                                        django_capture_on_commit_callbacks):
    entries = AuditEntry.objects.count()

    with pytest.raises(MatchingError) as error:
        ask(member, capture=django_capture_on_commit_callbacks, **change)

    assert message in str(error.value)
    assert not SupportRequest.objects.exists() and not Match.objects.exists()
    assert AuditEntry.objects.count() == entries and not Notification.objects.exists()


def test_a_second_open_request_in_the_same_program_is_refused(member, supporters, ask,
                                                              django_capture_on_commit_callbacks):
    ask(member, capture=django_capture_on_commit_callbacks)
    counts = SupportRequest.objects.count(), Match.objects.count(), AuditEntry.objects.count()

    with pytest.raises(MatchingError, match="You already have a request in this program"):
        ask(member, capture=django_capture_on_commit_callbacks)

    assert (SupportRequest.objects.count(), Match.objects.count(), AuditEntry.objects.count()) == counts


def test_someone_no_longer_a_peer_supporter_is_not_proposed_any_more(member, make_supporter, ask, organization,
                                                                      django_capture_on_commit_callbacks):
    from peercircle.organizations.services import organization_leave

    ana = make_supporter("Ana")

    organization_leave(user=ana.user, organization=organization)

    assert not ana.programs.exists()
    request = ask(member, capture=django_capture_on_commit_callbacks)
    request.refresh_from_db()
    assert request.status == RequestStatus.WAITING
    assert AuditEntry.objects.filter(action="supporter_program.remove", subject=ana.user).exists()
