"""The demo's forums: spaces with conversations, a group's space, and one post waiting for the
moderator on duty — built through the services, once."""

import io

import pytest
from django.core.management import call_command

from peercircle.community.models import Post, PostState, Space, Thread
from peercircle.core.demo_forums import ensure_forums
from peercircle.core.tests.helpers import signed_in, text

pytestmark = pytest.mark.django_db


def test_the_demo_has_forums_to_read_and_a_post_for_the_moderator():
    call_command("demo", "--members", "12", stdout=io.StringIO())

    assert set(Space.objects.values_list("slug", flat=True)) >= {
        "living-with-grief", "one-day-at-a-time", "thames-members-lounge", "duelo-y-perdida"}
    assert Space.objects.filter(kind="group").exists()
    sam_thread = Thread.objects.get(title="The evenings are the hardest")
    assert sam_thread.reply_count == 3 and sam_thread.space.thread_count >= 3
    waiting = Post.objects.get(state=PostState.PENDING)
    from peercircle.accounts.models import User

    moderator = User.objects.get(email="moderator@peercircle.example")
    assert waiting.thread.title in text(signed_in(moderator).get("/community/moderation/"))
    sam = User.objects.get(email="member@peercircle.example")
    forums = text(signed_in(sam).get("/community/"))
    assert "Living with grief" in forums and "Thames members" in forums
    lucia = User.objects.get(email="member.es@peercircle.example")
    assert "Thames members" not in text(signed_in(lucia).get("/community/"))  # Thames's members only
    ensure_forums(lambda message: None)
    assert Thread.objects.filter(title="The evenings are the hardest").count() == 1
