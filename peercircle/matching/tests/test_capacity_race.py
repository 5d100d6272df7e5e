"""Two people are proposed the same supporter at the same moment, when she has room for one:
only one proposal is made. Both requests were scored while she still had her place; the load is
checked again under the lock on her profile. On PostgreSQL the two run at the same time in two
threads (the row lock makes the second wait for the first); SQLite's in-memory test database
cannot take two writers at once, so there they run one after the other, still with the stale
scores, and the test checks the same outcome."""

import contextlib
import threading
from unittest import mock

import pytest
from django.db import connection

from peercircle.matching import engine, services
from peercircle.matching.models import Match, MatchStatus, RequestStatus, SupporterProfile
from peercircle.matching.selectors import request_spec


@pytest.mark.django_db(transaction=True)
def test_two_proposals_at_the_same_moment_never_take_a_supporter_beyond_her_capacity(
        member, other_member, make_supporter, ask, django_capture_on_commit_callbacks):
    requests = [ask(person, capture=django_capture_on_commit_callbacks) for person in (member, other_member)]
    ana = make_supporter("Ana", capacity=1)
    stale = {request.pk: engine.top_candidates(request_spec(request)) for request in requests}
    assert all([c.user_id for c in found] == [ana.user_id] for found in stale.values())
    together = connection.vendor == "postgresql"
    one_at_a_time = contextlib.nullcontext() if together else threading.Lock()
    barrier = threading.Barrier(2)
    errors, outcomes = [], []

    def scored_before(spec, limit=10):
        if together:
            barrier.wait(timeout=10)  # both have their candidates before either proposes
        return stale[spec.request_id]

    def propose(request):
        try:
            if not together:
                barrier.wait(timeout=10)
            with one_at_a_time:
                outcomes.append(services.match_propose(request=request).match)
        except Exception as error:  # reported below, from the main thread
            errors.append(error)
        finally:
            connection.close()

    with mock.patch.object(services, "top_candidates", side_effect=scored_before):
        threads = [threading.Thread(target=propose, args=(request,)) for request in requests]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    assert errors == []
    assert sorted(match is None for match in outcomes) == [False, True]
    assert SupporterProfile.objects.get(pk=ana.pk).load == 1
    assert Match.objects.filter(supporter=ana.user, status=MatchStatus.PROPOSED).count() == 1
    for request in requests:
        request.refresh_from_db()
    assert sorted(request.status for request in requests) == [RequestStatus.PROPOSED, RequestStatus.WAITING]
