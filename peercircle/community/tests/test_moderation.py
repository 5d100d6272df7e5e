"""Moderating forum content through the pages: the queue and its filters, decisions with a
reason the author reads, edits with a note, acting on an author behind a pseudonym, the audited
look behind it, reports on posts, and thread tools. Everything audited; 404 to non-moderators."""

import pytest
from django.test import Client

from peercircle.community.models import PostState, Thread
from peercircle.community.services import post_create, thread_create
from peercircle.core.models import AuditEntry
from peercircle.notifications.models import Notification
from peercircle.safety.models import ModerationAction, Report, SafetyAlert


def _client(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def held_post(member, topic_space, accepted):
    accepted(member)
    thread = thread_create(person=member, space=topic_space, title="A question",
                           text="How many pills would it take to not wake up?", anonymous=True)
    return thread.posts.get()


def test_the_queue_lists_held_posts_for_the_spaces_moderators_only(held_post, moderator_client, member_client,
                                                                    other_member_client):
    page = moderator_client.get("/community/moderation/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "A question" in body and held_post.pseudonym.name in body
    assert held_post.author.profile.display_name not in body  # the pseudonym holds in the queue
    assert member_client.get("/community/moderation/").status_code == 404
    assert other_member_client.get(f"/community/posts/{held_post.pk}/moderate/").status_code == 404


def test_queue_filters_by_level_category_space_and_age(held_post, moderator_client):
    def titles(query):
        return "A question" in moderator_client.get(f"/community/moderation/?{query}").content.decode()

    assert titles("state=pending")
    assert titles("state=pending&space=" + held_post.thread.space.slug)
    assert not titles("state=pending&space=nowhere")
    assert titles("state=flagged&level=" + held_post.screening_level)
    assert not titles("state=flagged&level=low")
    assert not titles("state=pending&older=24")  # written a moment ago


def test_hiding_needs_a_reason_and_tells_the_author(held_post, moderator, moderator_client,
                                                   django_capture_on_commit_callbacks):
    url = f"/community/posts/{held_post.pk}/moderate/"
    refused = moderator_client.post(url, {"form": "decision", "action": "hide", "reason": ""})
    assert "Please give a reason" in refused.content.decode()
    held_post.refresh_from_db()
    assert held_post.state == PostState.PENDING

    with django_capture_on_commit_callbacks(execute=True):
        done = moderator_client.post(url, {"form": "decision", "action": "remove",
                                           "reason": "It describes a method, which can hurt other readers."})
    assert done.status_code == 302
    held_post.refresh_from_db()
    assert held_post.state == PostState.REMOVED
    note = Notification.objects.get(recipient=held_post.author, kind="forum_moderated")
    assert "removed your post" in note.title and "describes a method" in note.body
    assert AuditEntry.objects.filter(action="post.remove", actor=moderator).exists()


def test_approving_lists_the_thread(held_post, moderator_client):
    moderator_client.post(f"/community/posts/{held_post.pk}/moderate/", {"form": "decision", "action": "approve"})
    thread = Thread.objects.get(pk=held_post.thread_id)
    thread.space.refresh_from_db()
    assert thread.state == PostState.VISIBLE and thread.space.thread_count == 1


def test_a_moderator_edit_keeps_history_and_says_why(held_post, moderator_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        moderator_client.post(f"/community/posts/{held_post.pk}/moderate/", {
            "form": "edit", "text": "I've been thinking about not waking up.", "note": "I took out a method detail."})
    held_post.refresh_from_db()
    assert held_post.source == "I've been thinking about not waking up." and held_post.edit_count == 1
    assert held_post.revisions.get().note == "I took out a method detail."
    note = Notification.objects.get(recipient=held_post.author, kind="forum_moderated")
    assert "edited your post" in note.title


def test_acting_on_the_author_behind_a_pseudonym_without_seeing_who(held_post, moderator_client):
    page = moderator_client.post(f"/community/posts/{held_post.pk}/moderate/", {
        "form": "account", "kind": "mute", "days": "3", "reason": "Please take a short break from posting."})
    assert page.status_code == 302
    action = ModerationAction.objects.get(subject=held_post.author)
    assert action.kind == "mute" and action.until is not None
    follow = moderator_client.get(page["Location"]).content.decode()
    assert held_post.author.profile.display_name not in follow


def test_looking_behind_a_pseudonym_needs_a_reason_and_is_audited(held_post, moderator, moderator_client):
    url = f"/community/posts/{held_post.pk}/moderate/"
    refused = moderator_client.post(url, {"form": "reveal", "reason": ""}).content.decode()
    assert "Please say why" in refused and held_post.author.profile.display_name not in refused
    shown = moderator_client.post(url, {"form": "reveal", "reason": "To check on their safety"}).content.decode()
    assert held_post.author.profile.display_name in shown
    entry = AuditEntry.objects.get(action="pseudonym.reveal")
    assert entry.actor == moderator and entry.subject == held_post.author
    assert entry.data["reason"] == "To check on their safety"


def test_a_reader_reports_a_post_and_the_moderator_sees_it_in_context(member, other_member, topic_space, accepted,
                                                                      moderator_client):
    accepted(member)
    thread = thread_create(person=member, space=topic_space, title="Selling", text="DM me for cheap pills",
                           anonymous=True)
    post = thread.posts.get()
    reader = _client(other_member)
    form = reader.get(f"/community/posts/{post.pk}/report/")
    assert form.status_code == 200 and "Report a post" in form.content.decode()
    sent = reader.post(f"/community/posts/{post.pk}/report/", {"reason": "spam", "details": "Selling pills"})
    assert sent.status_code == 302
    report = Report.objects.get()
    assert report.subject == member and report.target == post and report.organization == topic_space.organization
    detail = moderator_client.get(f"/safety/moderation/reports/{report.pk}/").content.decode()
    assert "DM me for cheap pills" in detail and post.pseudonym.name in detail
    assert member.profile.display_name not in detail
    queue = moderator_client.get("/safety/moderation/").content.decode()
    assert member.profile.display_name not in queue


def test_nobody_reports_their_own_post_or_one_they_cannot_see(member, topic_space, accepted, member_client):
    accepted(member)
    post = thread_create(person=member, space=topic_space, title="Mine", text="My own words").posts.get()
    assert member_client.get(f"/community/posts/{post.pk}/report/").status_code == 404
    assert Client().get(f"/community/posts/{post.pk}/report/").status_code == 302  # sign in first


def test_an_alert_from_a_post_shows_where_it_was_written(member, peer_supporter, topic_space, accepted, moderator,
                                                         moderator_client):
    accepted(member, peer_supporter)
    thread = thread_create(person=peer_supporter, space=topic_space, title="Rough week", text="How is everyone?")
    post_create(person=member, thread=thread, text="I want to kill myself tonight")
    alert = SafetyAlert.objects.get(person=member)
    assert alert.organization == topic_space.organization and alert.context == "forum_post"
    page = moderator_client.get(f"/safety/alerts/{alert.pk}/").content.decode()
    assert "Rough week" in page and "How is everyone?" in page and "Moderate this post" in page


def test_thread_tools_pin_lock_move_and_split(member, peer_supporter, topic_space, accepted, moderator,
                                              moderator_client, organization):
    from peercircle.community.models import SpaceKind
    from peercircle.community.services import space_create

    other = space_create(actor=moderator, name="Off topic", kind=SpaceKind.TOPIC, organization=organization,
                         rules="Be kind.")
    accepted(member, peer_supporter)
    thread = thread_create(person=member, space=topic_space, title="Sleep", text="Can't sleep.")
    post_create(person=peer_supporter, thread=thread, text="Me neither.")
    post_create(person=member, thread=thread, text="Anyone watching the match?")
    url = f"/community/threads/{thread.pk}/moderate/"
    assert moderator_client.get(url).status_code == 200
    moderator_client.post(url, {"form": "thread", "pinned": "on", "locked": "on", "move_to": ""})
    thread.refresh_from_db()
    assert thread.is_pinned and thread.is_locked
    split = moderator_client.post(url, {"form": "split", "from_number": "3", "title": "The match"})
    assert split.status_code == 302
    new = Thread.objects.get(title="The match")
    moderator_client.post(f"/community/threads/{new.pk}/moderate/", {"form": "thread", "move_to": other.slug})
    new.refresh_from_db()
    other.refresh_from_db()
    assert new.space == other and other.thread_count == 1
    bad = moderator_client.post(url, {"form": "split", "from_number": "9", "title": "Nothing"}).content.decode()
    assert "no reply with that number" in bad


def test_members_cannot_use_thread_tools(member, topic_space, accepted, member_client):
    accepted(member)
    thread = thread_create(person=member, space=topic_space, title="Mine", text="Words")
    assert member_client.get(f"/community/threads/{thread.pk}/moderate/").status_code == 404
