"""The forum's writes through their services: posting, states, counts, edits, moderation."""

import pytest

from peercircle.community.models import PostState, Thread
from peercircle.community.services import (
    CommunityError,
    post_create,
    post_edit,
    post_moderate,
    reaction_toggle,
    thread_create,
    thread_split,
)
from peercircle.safety.models import ModerationAction, SafetyAlert


def test_first_post_needs_the_rules_accepted(member, topic_space, accepted):
    with pytest.raises(CommunityError, match="accept this space's rules"):
        thread_create(person=member, space=topic_space, title="Hello", text="First time here.")
    accepted(member)
    thread = thread_create(person=member, space=topic_space, title="Hello", text="First time here.")
    topic_space.refresh_from_db()
    assert (topic_space.thread_count, topic_space.post_count) == (1, 1)
    assert thread.posts.get().html == "<p>First time here.</p>\n"


def test_method_details_wait_for_a_moderator_and_the_author_is_told_why(member, other_member, topic_space,
                                                                        accepted, moderator):
    accepted(member)
    thread = thread_create(person=member, space=topic_space, title="Question",
                           text="What is the lethal dose of paracetamol?")
    post = thread.posts.get()
    assert post.state == PostState.PENDING and "ways or means" in post.state_reason
    topic_space.refresh_from_db()
    assert topic_space.thread_count == 0  # not listed until a moderator approves
    post_moderate(moderator=moderator, post=post, action="remove", reason="Method details put readers at risk.")
    post.refresh_from_db()
    assert post.state == PostState.REMOVED and post.state_reason == "Method details put readers at risk."


def test_words_of_danger_stay_visible_and_open_an_alert(member, topic_space, accepted):
    accepted(member)
    thread = thread_create(person=member, space=topic_space, title="Tonight",
                           text="I have the pills here and I'm going to take them all tonight")
    post = thread.posts.get()
    assert post.state == PostState.VISIBLE and post.screening_level == "imminent"
    assert SafetyAlert.objects.filter(person=member, level="imminent").exists()


def test_muted_member_reads_but_cannot_post(member, topic_space, accepted, moderator):
    accepted(member)
    ModerationAction.objects.create(moderator=moderator, subject=member, kind="mute", reason="Cool off")
    with pytest.raises(CommunityError, match="paused your posting"):
        thread_create(person=member, space=topic_space, title="Hi", text="Hello")


def test_replies_number_edits_keep_history_and_reactions_count(member, peer_supporter, topic_space, accepted):
    accepted(member, peer_supporter)
    thread = thread_create(person=member, space=topic_space, title="Sundays", text="Sundays are the worst.")
    reply = post_create(person=peer_supporter, thread=thread, text="Same here. Walks help me.")
    assert reply.number == 2 and reply.thread.reply_count == 1
    post_edit(person=peer_supporter, post=reply, text="Same here. Long walks help me.")
    reply.refresh_from_db()
    assert reply.edit_count == 1 and reply.revisions.get().source == "Same here. Walks help me."
    with pytest.raises(CommunityError):
        post_edit(person=member, post=reply, text="changed by someone else")
    reaction_toggle(person=member, post=reply, kind="me_too")
    reply.refresh_from_db()
    assert reply.reaction_counts == {"me_too": 1}
    reaction_toggle(person=member, post=reply, kind="me_too")
    reply.refresh_from_db()
    assert reply.reaction_counts == {}


def test_anonymous_posts_use_one_pseudonym_per_space(member, topic_space, accepted):
    accepted(member)
    first = thread_create(person=member, space=topic_space, title="A", text="One", anonymous=True)
    second = thread_create(person=member, space=topic_space, title="B", text="Two", anonymous=True)
    assert first.pseudonym_id == second.pseudonym_id
    assert member.profile.display_name not in first.pseudonym.name


def test_split_moves_replies_into_a_new_thread(member, peer_supporter, topic_space, accepted, moderator):
    accepted(member, peer_supporter)
    thread = thread_create(person=member, space=topic_space, title="Sleep", text="Can't sleep.")
    post_create(person=peer_supporter, thread=thread, text="Me neither.")
    third = post_create(person=member, thread=thread, text="Anyone watching the match?")
    post_create(person=peer_supporter, thread=thread, text="Yes!")
    new = thread_split(moderator=moderator, post=third, title="The match")
    assert list(new.posts.values_list("number", "source")) == [(1, "Anyone watching the match?"), (2, "Yes!")]
    thread.refresh_from_db()
    assert thread.last_post_number == 2 and thread.reply_count == 1
    assert Thread.objects.filter(space=topic_space).count() == 2
