"""What the forums tell people: replies to followers, mentions, never across privacy lines."""

from peercircle.community.services import post_create, thread_create, thread_follow
from peercircle.notifications.models import Notification


def test_followers_hear_of_replies_and_mentions_reach_readers_only(member, peer_supporter, other_member, topic_space,
                                                                   accepted, django_capture_on_commit_callbacks):
    accepted(member, peer_supporter)
    member.profile.display_name = "Sam Rivers"
    member.profile.save()
    with django_capture_on_commit_callbacks(execute=True):
        thread = thread_create(person=member, space=topic_space, title="Sundays", text="Sundays are hard.")
    with django_capture_on_commit_callbacks(execute=True):
        post_create(person=peer_supporter, thread=thread, text="Same here, @samrivers. Walks help.")
    note = Notification.objects.get(recipient=member)
    assert note.kind == "forum_mention" and "mentioned you" in note.title
    with django_capture_on_commit_callbacks(execute=True):
        post_create(person=member, thread=thread, text="Thank you!")
    assert Notification.objects.get(recipient=peer_supporter).kind == "forum_reply"


def test_a_pseudonym_is_never_named_in_a_note(member, peer_supporter, topic_space, accepted,
                                              django_capture_on_commit_callbacks):
    accepted(member, peer_supporter)
    thread = thread_create(person=peer_supporter, space=topic_space, title="Nights", text="Can't sleep.")
    with django_capture_on_commit_callbacks(execute=True):
        post_create(person=member, thread=thread, text="Me neither.", anonymous=True)
    note = Notification.objects.get(recipient=peer_supporter)
    assert member.profile.display_name not in note.title
    assert thread.posts.get(number=2).pseudonym.name in note.title


def test_unfollowing_stops_replies(member, peer_supporter, topic_space, accepted, django_capture_on_commit_callbacks):
    accepted(member, peer_supporter)
    thread = thread_create(person=member, space=topic_space, title="Nights", text="Can't sleep.")
    thread_follow(person=member, thread=thread, follow=False)
    with django_capture_on_commit_callbacks(execute=True):
        post_create(person=peer_supporter, thread=thread, text="Me neither.")
    assert not Notification.objects.filter(recipient=member).exists()
