"""Forum moderation through the API: same rules as the pages."""

import pytest
from django.test import Client

from peercircle.community.models import PostState
from peercircle.community.services import thread_create
from peercircle.core.models import AuditEntry
from peercircle.safety.models import ModerationAction, Report

JSON = "application/json"


@pytest.fixture
def held_post(member, topic_space, accepted):
    accepted(member)
    return thread_create(person=member, space=topic_space, title="A question", anonymous=True,
                         text="What's the lethal dose of my antidepressants?").posts.get()


def test_queue_and_decision(held_post, moderator_client, member_client):
    listed = moderator_client.get("/api/v1/community/moderation/posts").json()
    assert [p["id"] for p in listed] == [held_post.pk]
    assert listed[0]["author_name"] == held_post.pseudonym.name and listed[0]["pseudonymous"] is True
    assert "author_id" not in listed[0] and held_post.author.email not in str(listed)
    assert member_client.get("/api/v1/community/moderation/posts").status_code == 404

    refused = moderator_client.post(f"/api/v1/community/posts/{held_post.pk}/moderate",
                                    {"action": "hide"}, content_type=JSON)
    assert refused.status_code == 400 and "reason" in refused.json()["detail"]
    done = moderator_client.post(f"/api/v1/community/posts/{held_post.pk}/moderate",
                                 {"action": "hide", "reason": "Method details"}, content_type=JSON)
    assert done.status_code == 200 and done.json()["state"] == PostState.HIDDEN
    assert member_client.post(f"/api/v1/community/posts/{held_post.pk}/moderate",
                              {"action": "approve"}, content_type=JSON).status_code == 404


def test_author_action_and_reveal(held_post, moderator_client):
    acted = moderator_client.post(f"/api/v1/community/posts/{held_post.pk}/author-action",
                                  {"kind": "warn", "reason": "Please don't share methods."}, content_type=JSON)
    assert acted.status_code == 201 and ModerationAction.objects.get().subject == held_post.author
    no_reason = moderator_client.post(f"/api/v1/community/posts/{held_post.pk}/reveal", {"reason": " "},
                                      content_type=JSON)
    assert no_reason.status_code == 400 and not AuditEntry.objects.filter(action="pseudonym.reveal").exists()
    shown = moderator_client.post(f"/api/v1/community/posts/{held_post.pk}/reveal", {"reason": "Safety check"},
                                  content_type=JSON)
    assert shown.json()["display_name"] == held_post.author.profile.display_name
    assert AuditEntry.objects.filter(action="pseudonym.reveal").count() == 1


def test_report_a_post(member, other_member, topic_space, accepted):
    accepted(member)
    post = thread_create(person=member, space=topic_space, title="Hi", text="Hello all").posts.get()
    client = Client()
    client.force_login(other_member)
    sent = client.post(f"/api/v1/community/posts/{post.pk}/report", {"reason": "harassment"}, content_type=JSON)
    assert sent.status_code == 201 and Report.objects.get().target == post
    mine = Client()
    mine.force_login(member)
    assert mine.post(f"/api/v1/community/posts/{post.pk}/report", {"reason": "spam"},
                     content_type=JSON).status_code == 404


def test_thread_moderation_and_split(member, topic_space, accepted, moderator_client):
    from peercircle.community.services import post_create

    accepted(member)
    thread = thread_create(person=member, space=topic_space, title="Sleep", text="Can't sleep.")
    post_create(person=member, thread=thread, text="Still awake.")
    changed = moderator_client.patch(f"/api/v1/community/threads/{thread.pk}/moderation",
                                     {"pinned": True, "locked": True}, content_type=JSON)
    assert changed.json() == {"id": thread.pk, "space": topic_space.slug, "pinned": True, "locked": True}
    split = moderator_client.post(f"/api/v1/community/threads/{thread.pk}/split",
                                  {"from_number": 2, "title": "Awake"}, content_type=JSON)
    assert split.status_code == 201
    bad = moderator_client.post(f"/api/v1/community/threads/{thread.pk}/split",
                                {"from_number": 7, "title": "Nothing"}, content_type=JSON)
    assert bad.status_code == 400
