import pytest


@pytest.fixture(autouse=True)
def _fresh_supporter_index():
    """Each test has its own database rows: the engine's in-memory index starts afresh."""
    from peercircle.matching import index

    index.reset()
    yield
    index.reset()


@pytest.fixture
def program(organization):
    from peercircle.matching.tests.factories import OneToOneProgramFactory

    return OneToOneProgramFactory(organization=organization, name="Walking alongside", slug="walking-alongside")


@pytest.fixture
def make_supporter(organization, program):
    """A peer supporter of the organization serving `program`, with experiences."""
    from peercircle.accounts.tests.factories import UserFactory
    from peercircle.experiences.tests.factories import (
        PersonCommunityFactory,
        PersonExperienceFactory,
    )
    from peercircle.matching.tests.factories import SupporterProfileFactory, SupporterProgramFactory
    from peercircle.organizations.tests.factories import MembershipFactory

    def make(name="Sam", experiences=("grief.parent",), communities=(), stage="past", program_=None,
             certified=True, youth_trained=False, **profile):
        user = UserFactory(email=f"{name.lower()}@example.org", profile__display_name=name)
        MembershipFactory(user=user, organization=organization, role="peer_supporter")
        for code in experiences:
            PersonExperienceFactory(user=user, code=code, stage=stage)
        for code in communities:
            PersonCommunityFactory(user=user, code=code)
        supporter = SupporterProfileFactory(user=user, **profile)
        SupporterProgramFactory(supporter=supporter, program=program_ or program, certified=certified,
                                youth_trained=youth_trained)
        return supporter

    return make


@pytest.fixture
def ask(program):
    """A support request through the service, proposals run as they would after commit."""
    from peercircle.matching.services import request_create

    def make(user, *, capture, **kwargs):
        values = dict(program=program, experience_codes=["grief.parent"], age_band="26_40", languages=["en"],
                      formats=["chat", "video"], timezone_name="Europe/London",
                      availability=[{"day": 1, "start": "18:00", "end": "21:00"}])
        values.update(kwargs)
        with capture(execute=True):
            return request_create(user=user, **values)

    return make
