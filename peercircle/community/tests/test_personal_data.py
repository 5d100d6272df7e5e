"""A person's forum data in their export, and what erasing the account does to it."""

from peercircle.accounts.services import account_delete
from peercircle.community.models import Post, PostState, Pseudonym, Reaction
from peercircle.community.services import post_create, reaction_toggle, thread_create


def test_export_lists_posts_and_pseudonyms(member, member_client, topic_space, accepted):
    accepted(member)
    thread_create(person=member, space=topic_space, title="Nights", text="Can't sleep.", anonymous=True)
    response = member_client.post("/me/privacy/export/")
    assert response.status_code == 200
    import json

    data = json.loads(b"".join(response.streaming_content) if response.streaming else response.content)
    found = data["community"]
    assert found["posts"][0]["text"] == "Can't sleep." and found["pseudonyms"][0]["name"]


def test_erasing_removes_words_unless_kept(member, peer_supporter, topic_space, accepted):
    accepted(member, peer_supporter)
    thread = thread_create(person=member, space=topic_space, title="Nights", text="Can't sleep.", anonymous=True)
    reply = post_create(person=peer_supporter, thread=thread, text="Me neither.")
    reaction_toggle(person=member, post=reply, kind="me_too")
    account_delete(user=member, keep_public_posts=False)
    post = Post.objects.get(thread=thread, number=1)
    assert post.source == "" and post.author is None and post.state == PostState.REMOVED
    assert not Pseudonym.objects.exists() and not Reaction.objects.exists()


def test_kept_posts_read_former_member(member, topic_space, accepted):
    from peercircle.community.notices import shown_name

    accepted(member)
    thread = thread_create(person=member, space=topic_space, title="Nights", text="Can't sleep.")
    account_delete(user=member, keep_public_posts=True)
    post = Post.objects.get(thread=thread)
    assert post.source == "Can't sleep." and post.author is None and shown_name(post) == "Former member"
