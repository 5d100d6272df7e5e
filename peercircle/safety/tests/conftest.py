import pytest


@pytest.fixture
def program(organization):
    from peercircle.matching.tests.factories import OneToOneProgramFactory

    return OneToOneProgramFactory(organization=organization, name="Walking alongside", slug="walking-alongside")


@pytest.fixture
def active_match(member, peer_supporter, program):
    """`member` is supported by `peer_supporter` (Sol) in an active 1:1 match."""
    from django.utils import timezone

    from peercircle.matching.models import Match, MatchStatus, SupportRequest

    request = SupportRequest.objects.create(user=member, program=program, age_band="26_40", languages=["en"],
                                            formats=["chat"], status="matched")
    return Match.objects.create(request=request, member=member, supporter=peer_supporter, program=program,
                                status=MatchStatus.ACTIVE, started_at=timezone.now())


@pytest.fixture(autouse=True)
def _fresh_supporter_index():
    from peercircle.matching import index

    index.reset()
    yield
    index.reset()
