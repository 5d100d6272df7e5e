"""The demo's stories of hope: published in English and Spanish, one waiting in Thames Peer
Network for its moderator, none of them tripping the safety screen, and made only once."""

import io

import pytest
from django.core.management import call_command
from django.test import Client

from peercircle.community.models import Story, StoryStatus
from peercircle.core.demo_stories import demo_stories
from peercircle.core.tests.helpers import signed_in, text

pytestmark = pytest.mark.django_db


def test_the_demo_has_stories_to_read_and_one_for_the_moderator_to_review():
    call_command("demo", "--members", "12", stdout=io.StringIO())

    published = Story.objects.filter(status=StoryStatus.PUBLISHED)
    assert published.count() == 5
    assert published.filter(organization__slug="red-de-apoyo-mutuo-madrid").count() == 2
    assert set(published.values_list("screening_level", flat=True)) <= {"none", "low"}
    waiting = Story.objects.get(status=StoryStatus.SUBMITTED)
    assert waiting.organization.slug == "thames-peer-network"

    page = text(Client().get("/stories/"))
    assert "Four years, one day at a time" in page and "Aprender a pedir ayuda lejos de casa" in page
    assert "By Jordan" in page and waiting.title not in page
    from peercircle.accounts.models import User

    morgan = User.objects.get(email="moderator@peercircle.example")
    assert waiting.title in text(signed_in(morgan).get("/stories/review/"))

    demo_stories()
    assert Story.objects.count() == 6
