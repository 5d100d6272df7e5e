"""The one pipeline for people's words: sanitize, screen, store, hand to safety."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from peercircle.core.tests.helpers import outline
from peercircle.core.text import clean_plain, render_markdown
from peercircle.safety.models import ScreeningEvent

FRAGMENTS = [
    "<script>", "</script>", "alert(1)", "<img src=x onerror=", "javascript:", "JaVaScRiPt:", "data:text/html,",
    "[x](", ")", "](", "<a href=\"", "\">", "<svg onload=", "<iframe src=", "<", ">", "\"", "'", "`", "&#106;",
    "&lt;", "\n", "\n\n", "    ", "**", "_", "![i](", "<details ontoggle=", " onclick=", "<style>", "vbscript:",
    "<http://example.org>", "<javascript:x>", "\\", "=", "(", "/",
]


@settings(max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=5), max_size=25).map("".join))
def test_rendered_markdown_never_contains_anything_executable(source):
    assert outline(render_markdown(source)).executable() == []


def test_plain_text_loses_control_and_direction_override_characters():
    assert clean_plain("Ma\u202era\x00 \x07ok\n", max_length=6) == "Mara o"


@pytest.mark.django_db
def test_words_in_a_bio_that_suggest_crisis_reach_the_safety_queue(member_client, member):
    member_client.patch("/api/v1/me/profile", {"bio": "Some days I want to die."}, content_type="application/json")

    event = ScreeningEvent.objects.get()
    assert (event.author, event.context, event.level) == (member, "profile.bio", "high")


@pytest.mark.django_db
def test_words_in_an_experience_story_that_suggest_crisis_reach_the_safety_queue(member_client, member):
    member_client.post("/api/v1/me/experiences", {"code": "grief.child", "story": "Tonight I'm going to end it"},
                       content_type="application/json")

    event = ScreeningEvent.objects.get()
    assert (event.context, event.level) == ("experience.story", "imminent")


@pytest.mark.django_db
def test_ordinary_words_do_not_reach_the_safety_queue(member_client):
    member_client.patch("/api/v1/me/profile", {"bio": "I used to feel hopeless years ago; not anymore."},
                        content_type="application/json")

    assert not ScreeningEvent.objects.filter(level__in=["high", "imminent"]).exists()
