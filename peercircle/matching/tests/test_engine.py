"""The engine: each hard constraint can exclude a supporter, scoring prefers closer experience,
explanations say why in plain words, and the batch puts long waits first."""

from datetime import timedelta

import pytest
from django.utils import timezone

from peercircle.matching.engine import RequestSpec, batch_assign, top_candidates, why_no_match
from peercircle.matching.explain import explanation_lines
from peercircle.matching.tests.factories import hours

pytestmark = pytest.mark.django_db

TUESDAY_EVENING = [{"day": 1, "start": "18:00", "end": "21:00"}]


def spec(program, member, **kwargs):
    from peercircle.matching.availability import from_hex

    values = dict(user_id=member.pk, program_id=program.pk, experience_codes=["grief.parent"], languages=["en"],
                  formats=["chat", "video"], hours_mask=from_hex(hours(TUESDAY_EVENING)),
                  requires_certification=program.requires_certification, accepts_under_18=program.accepts_under_18)
    values.update(kwargs)
    return RequestSpec(**values)


def names(candidates):
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.in_bulk([c.user_id for c in candidates])
    return [users[c.user_id].profile.display_name for c in candidates]


def test_same_experience_ranks_above_sibling_above_broader(program, member, make_supporter):
    make_supporter("Broad", experiences=["grief"])
    make_supporter("Sibling", experiences=["grief.partner"])
    make_supporter("Same", experiences=["grief.parent"])
    make_supporter("Elsewhere", experiences=["substance_use.alcohol"])
    assert names(top_candidates(spec(program, member))) == ["Same", "Sibling", "Broad", "Elsewhere"]


@pytest.mark.parametrize("change, constraint", [
    ({"status": "paused"}, "available"),
    ({"capacity": 1, "load": 1}, "room"),
    ({"languages": ["fr"]}, "language"),
    ({"formats": ["call"]}, "format"),
    ({"availability": [{"day": 5, "start": "09:00", "end": "11:00"}]}, "hours"),
])
def test_each_profile_constraint_excludes(program, member, make_supporter, change, constraint):
    make_supporter("Sam", **change)
    assert top_candidates(spec(program, member)) == []
    steps = dict(why_no_match(spec(program, member)))
    assert steps[constraint] == 0
    assert list(steps.values())[0] == 1  # the supporter serves the program


def test_program_requirements_and_youth_safeguard(program, member, make_supporter):
    make_supporter("Uncertified", certified=False)
    make_supporter("Adult only", certified=True)
    assert names(top_candidates(spec(program, member))) == ["Adult only"]
    program.accepts_under_18 = True
    program.save()
    young = spec(program, member, under_18=True, accepts_under_18=True)
    assert top_candidates(young) == []  # nobody youth-trained yet
    make_supporter("Youth worker", youth_trained=True)
    assert names(top_candidates(young)) == ["Youth worker"]
    # A program for adults matches nobody under 18, youth-trained or not.
    assert top_candidates(spec(program, member, under_18=True, accepts_under_18=False)) == []


def test_other_program_supporters_are_not_candidates(organization, program, member, make_supporter):
    from peercircle.matching.tests.factories import OneToOneProgramFactory

    make_supporter("Elsewhere", program_=OneToOneProgramFactory(organization=organization))
    assert top_candidates(spec(program, member)) == []
    assert why_no_match(spec(program, member))[0] == ("program", 0)


def test_in_person_needs_both_within_distance(program, member, make_supporter):
    near = make_supporter("Near", formats=["in_person"], latitude=51.51, longitude=-0.13, travel_km=10)
    make_supporter("Far", formats=["in_person"], latitude=53.48, longitude=-2.24, travel_km=50)  # Manchester
    found = top_candidates(spec(program, member, formats=["in_person"], latitude=51.50, longitude=-0.12,
                                distance_km=5))
    assert names(found) == ["Near"]
    assert {"k": "distance", "km": 1} in found[0].reasons
    near.travel_km = 0
    near.save()
    assert top_candidates(spec(program, member, formats=["in_person"], latitude=51.50, longitude=-0.12)) == []


def test_blocks_and_earlier_declines_exclude(program, member, make_supporter):
    sam = make_supporter("Sam")
    assert names(top_candidates(spec(program, member, excluded_user_ids={sam.user_id}))) == []
    assert top_candidates(spec(program, sam.user)) == []  # never matched with themselves


def test_explanation_in_plain_words(program, member, make_supporter):
    make_supporter("Ana", experiences=["grief.parent"], communities=["community.lgbtq"], languages=["es", "en"],
                   availability=TUESDAY_EVENING)
    found = top_candidates(spec(program, member, languages=["es"], community_codes=["community.lgbtq"]))
    lines = explanation_lines(found[0].reasons, zone="Europe/London")
    assert lines[0] == "You both have lived experience of loss of a parent"
    assert "You are both part of LGBTQ+" in lines
    assert "Both speak Spanish" in lines
    assert "Both free Tuesday evening" in lines
    assert "Both happy with chat and video call" in lines


def test_explanation_is_in_the_readers_language_and_time_zone(program, member, make_supporter):
    from django.utils import translation

    make_supporter("Ana", availability=TUESDAY_EVENING)
    found = top_candidates(spec(program, member))
    with translation.override("es"):
        lines = explanation_lines(found[0].reasons, zone="America/Mexico_City")
    assert any(line.startswith("Ambos libres") and "martes" in line.lower() for line in lines), lines


def test_batch_puts_the_longest_wait_first(program, member, other_member, make_supporter):
    """One supporter with room for one, two people: the one who waited past the program's
    longest wait gets the place even with a slightly lower score; greedy takes the best score."""
    make_supporter("Only", experiences=["grief.parent"], capacity=1)
    now = timezone.now()
    fresh = spec(program, member, waiting_since=now)
    long_waiting = spec(program, other_member, experience_codes=["grief.partner"], waiting_since=now - timedelta(days=40))
    optimal = batch_assign([fresh, long_waiting], method="optimal", longest_wait_days=28, now=now)
    greedy = batch_assign([fresh, long_waiting], method="greedy", longest_wait_days=28, now=now)
    assert [a.request_index for a in optimal.assignments] == [1]
    assert optimal.longest_wait_days == 0
    assert [a.request_index for a in greedy.assignments] == [0]
    assert greedy.longest_wait_days == pytest.approx(40, abs=0.01)


def test_batch_respects_capacity_and_maximises_total(program, member, other_member, make_supporter):
    """Greedy gives the shared supporter to the best single pair; optimal finds the pairing
    that serves both people."""
    make_supporter("Both", experiences=["grief.parent", "grief.partner"], capacity=1)
    make_supporter("Partner only", experiences=["grief.partner"], capacity=1)
    now = timezone.now()
    first = spec(program, member, experience_codes=["grief.parent"], waiting_since=now)
    second = spec(program, other_member, experience_codes=["grief.partner"], waiting_since=now)
    optimal = batch_assign([first, second], method="optimal", now=now)
    assert optimal.matched == 2
    assert optimal.total_score >= batch_assign([first, second], method="greedy", now=now).total_score


def test_fast_filter_agrees_with_the_constraints_admins_see(program, member, make_supporter):
    """`eligible_rows` (what proposals use) and `why_no_match` (what admins read) apply the
    same rules, whatever the request asks."""
    import random

    import numpy as np

    from peercircle.matching.engine import CONSTRAINTS, constraint_masks, eligible_rows
    from peercircle.matching.index import supporter_index

    rng = random.Random(3)
    for i in range(12):
        make_supporter(f"S{i}", languages=rng.sample(["en", "es", "fr"], rng.randint(1, 2)),
                       formats=rng.sample(["chat", "call", "video", "in_person"], rng.randint(1, 3)),
                       availability=[{"day": rng.randint(0, 6), "start": "17:00", "end": "20:00"}],
                       latitude=51.5 + rng.uniform(-0.2, 0.2), longitude=-0.1, travel_km=rng.choice([2, 10, 30]),
                       status=rng.choice(["available", "available", "paused"]), capacity=2, load=rng.randint(0, 2),
                       youth_trained=rng.random() < 0.5, certified=rng.random() < 0.8)
    index = supporter_index()
    for _ in range(40):
        request = spec(program, member, languages=rng.sample(["en", "es", "fr", "pl"], rng.randint(1, 2)),
                       formats=rng.sample(["chat", "call", "video", "in_person"], rng.randint(1, 2)),
                       latitude=51.5, longitude=-0.1, distance_km=rng.choice([1, 5, 20]),
                       under_18=rng.random() < 0.3, accepts_under_18=rng.random() < 0.5,
                       requires_certification=rng.random() < 0.7,
                       hours_mask=rng.choice([0, from_hex_of([{"day": rng.randint(0, 6), "start": "18:00",
                                                               "end": "19:00"}])]))
        masks = constraint_masks(index, request)
        expected = np.flatnonzero(np.logical_and.reduce([masks[name] for name in CONSTRAINTS]))
        rows, _overlap = eligible_rows(index, request)
        assert sorted(rows.tolist()) == expected.tolist()


def from_hex_of(windows):
    from peercircle.matching.availability import from_hex

    return from_hex(hours(windows))


def test_people_in_an_active_match_see_what_they_share_with_their_matches(program, member, make_supporter):
    from peercircle.accounts.access import is_connected
    from peercircle.matching.models import Match, MatchStatus, SupportRequest

    sam = make_supporter("Sam")
    request = SupportRequest.objects.create(user=member, program=program, age_band="26_40", languages=["en"],
                                            formats=["chat"])
    match = Match.objects.create(request=request, member=member, supporter=sam.user, program=program)
    assert not is_connected(member, sam.user)  # a proposal is not a match
    match.status = MatchStatus.ACTIVE
    match.save()
    assert is_connected(member, sam.user) and is_connected(sam.user, member)
