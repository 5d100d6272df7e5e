import pytest

from peercircle.community.models import SpaceKind
from peercircle.community.services import rules_accept, space_create


@pytest.fixture
def topic_space(organization, moderator):
    return space_create(actor=moderator, name="Living with grief", kind=SpaceKind.TOPIC, organization=organization,
                        rules="Be kind. Speak from your own experience.", allow_anonymous=True,
                        description="For anyone who has lost someone.")


@pytest.fixture
def accepted(topic_space):
    def accept(*people):
        for person in people:
            rules_accept(person=person, space=topic_space)
    return accept
