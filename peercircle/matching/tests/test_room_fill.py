"""Nobody waits while someone who fits has room: when a supporter's place frees up (a match
ends, a proposal is declined, they come back from a pause), the people who have waited longest
among those they fit are proposed to them — and bulk loads hold proposals for the batch."""

from datetime import timedelta

import pytest
from django.utils import timezone

from peercircle.matching import services
from peercircle.matching.models import Match, MatchStatus, RequestStatus, SupportRequest

pytestmark = pytest.mark.django_db


@pytest.fixture
def step(django_capture_on_commit_callbacks):
    def run(service, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return service(**kwargs)

    return run


def people(n):
    from peercircle.accounts.tests.factories import UserFactory

    return [UserFactory(profile__display_name=f"Person {i}") for i in range(n)]


def test_a_freed_place_goes_to_whoever_waited_longest(program, make_supporter, ask, step,
                                                      django_capture_on_commit_callbacks):
    ana = make_supporter("Ana", capacity=1)
    first, second, third = people(3)
    taken = ask(first, capture=django_capture_on_commit_callbacks)
    assert Match.objects.get(request=taken).supporter == ana.user
    later = ask(second, capture=django_capture_on_commit_callbacks)
    earlier = ask(third, capture=django_capture_on_commit_callbacks)
    SupportRequest.objects.filter(pk=earlier.pk).update(waiting_since=timezone.now() - timedelta(days=20))
    assert SupportRequest.objects.get(pk=later.pk).status == RequestStatus.WAITING  # Ana is full

    step(services.match_supporter_answer, actor=ana.user, match=Match.objects.get(request=taken), accept=False)

    proposed = Match.objects.get(supporter=ana.user, status=MatchStatus.PROPOSED)
    assert proposed.request_id == earlier.pk  # twenty days of waiting come first
    assert SupportRequest.objects.get(pk=later.pk).status == RequestStatus.WAITING


def test_coming_back_from_a_pause_proposes_to_someone_waiting(program, make_supporter, ask, step,
                                                               django_capture_on_commit_callbacks):
    ana = make_supporter("Ana", status="paused")
    (person,) = people(1)
    waiting = ask(person, capture=django_capture_on_commit_callbacks)
    assert SupportRequest.objects.get(pk=waiting.pk).status == RequestStatus.WAITING

    step(services.supporter_profile_update, user=ana.user, status="available", capacity=2, languages=["en"],
         formats=["chat", "video"], timezone_name="Europe/London",
         availability=[{"day": 1, "start": "18:00", "end": "21:00"}], about=ana.about)

    assert Match.objects.get(request=waiting).supporter == ana.user


def test_someone_who_does_not_fit_is_not_proposed_when_room_frees(program, make_supporter, ask, step,
                                                                   django_capture_on_commit_callbacks):
    ana = make_supporter("Ana", capacity=1, languages=["en"])
    first, second = people(2)
    taken = ask(first, capture=django_capture_on_commit_callbacks)
    spanish = ask(second, capture=django_capture_on_commit_callbacks, languages=["es"])
    step(services.match_end, actor=ana.user, match=Match.objects.get(request=taken))
    assert not Match.objects.filter(request=spanish).exists()
    assert SupportRequest.objects.get(pk=spanish.pk).status == RequestStatus.WAITING


def test_bulk_loads_hold_proposals_for_the_batch(program, make_supporter, ask, django_capture_on_commit_callbacks):
    (person,) = people(1)
    with services.proposals_held():
        make_supporter("Ana")
        waiting = ask(person, capture=django_capture_on_commit_callbacks)
    assert not Match.objects.filter(request=waiting).exists()
    outcome = services.waiting_list_match(actor=None, program=program)
    assert [match.request_id for match in outcome.proposed] == [waiting.pk]
