"""The forums' API: the same rules as the pages, in JSON. Private things answer 404, refusals
400 with a message; a post names its writer only as readers see it, never by an id."""

import pytest
from django.test import Client

from peercircle.accounts.tests.factories import PersonalTokenFactory
from peercircle.community.models import PostState
from peercircle.community.services import (
    post_create,
    post_moderate,
    rules_accept,
    space_for_group,
    thread_create,
)
from peercircle.core.tests.helpers import signed_in
from peercircle.groups.tests.factories import GroupMembershipFactory, SupportGroupFactory
from peercircle.safety.services import block_create

pytestmark = pytest.mark.django_db
JSON = "application/json"
API = "/api/v1"


def get(client, path, **params):
    return client.get(f"{API}{path}", params)


def send(client, method, path, data=None):
    return getattr(client, method)(f"{API}{path}", data or {}, content_type=JSON)


def leaks(body, person) -> list[str]:
    """Anything in an answer that points at the account behind a post."""
    words = str(body)
    found = [key for key in ("author_id", "'author'", "person_id", "user_id", "public_id") if key in words]
    return found + [value for value in (str(person.public_id), person.email) if value in words]


@pytest.fixture
def circle(member, facilitator):
    group = SupportGroupFactory(name="Tuesday circle", slug="tuesday-circle", facilitator=facilitator)
    GroupMembershipFactory(group=group, user=member)
    space = space_for_group(group=group)
    rules_accept(person=member, space=space)
    return space


def test_spaces_are_the_ones_i_can_read(topic_space, circle, member_client, other_member_client):
    mine = get(member_client, "/community/spaces").json()
    theirs = get(other_member_client, "/community/spaces").json()

    assert {s["slug"] for s in mine} == {topic_space.slug, circle.slug}
    assert [s["slug"] for s in theirs] == [topic_space.slug]
    assert next(s for s in mine if s["slug"] == circle.slug)["rules_accepted"] is True
    assert theirs[0]["rules_accepted"] is False and theirs[0]["allow_anonymous"] is True
    assert get(other_member_client, f"/community/spaces/{circle.slug}").status_code == 404
    assert get(other_member_client, "/community/spaces/nothing-here").status_code == 404
    detail = get(member_client, f"/community/spaces/{topic_space.slug}").json()
    assert detail["can_post"] is True and detail["rules_accepted"] is False and "Be kind" in detail["rules_html"]
    assert get(Client(), "/community/spaces").status_code == 401


def test_rules_are_accepted_before_the_first_thread(topic_space, member_client):
    refused = send(member_client, "post", f"/community/spaces/{topic_space.slug}/threads",
                   {"title": "Hello", "text": "First time here."})
    rules = get(member_client, f"/community/spaces/{topic_space.slug}/rules").json()
    accepted = send(member_client, "post", f"/community/spaces/{topic_space.slug}/rules")
    created = send(member_client, "post", f"/community/spaces/{topic_space.slug}/threads",
                   {"title": "Hello", "text": "First time **here**."})

    assert refused.status_code == 400 and "accept this space's rules" in refused.json()["detail"]
    assert rules["accepted"] is False and rules["version"] == 1
    assert accepted.status_code == 200 and accepted.json()["accepted"] is True
    assert created.status_code == 201
    body = created.json()
    assert body["thread"]["title"] == "Hello" and body["thread"]["author_name"] == "Mara"
    assert body["thread"]["is_mine"] is True and body["thread"]["is_following"] is True
    assert body["post"]["html"] == "<p>First time <strong>here</strong>.</p>\n" and body["post"]["number"] == 1
    assert body["help_now"] is False and body["crisis_lines"] == []


def test_a_pseudonymous_writer_is_never_named(member, topic_space, accepted, member_client, other_member_client,
                                              moderator_client):
    accepted(member)
    created = send(member_client, "post", f"/community/spaces/{topic_space.slug}/threads",
                   {"title": "Something I never said", "text": "About the lighthouse letters.", "anonymous": True}).json()
    thread_id, pseudonym = created["thread"]["id"], created["post"]["author_name"]

    assert pseudonym != "Mara" and created["post"]["is_mine"] is True
    for reader in (other_member_client, moderator_client):
        answers = [get(reader, f"/community/threads/{thread_id}").json(),
                   get(reader, f"/community/spaces/{topic_space.slug}/threads").json(),
                   get(reader, f"/community/posts/{created['post']['id']}").json(),
                   get(reader, "/community/search", q="lighthouse").json()]
        for body in answers:
            assert pseudonym in str(body) and "Mara" not in str(body) and leaks(body, member) == []
        assert answers[0]["posts"][0]["is_mine"] is False


def test_replies_quotes_and_reactions(member, peer_supporter, topic_space, accepted, member_client,
                                      peer_supporter_client, other_member_client):
    accepted(member, peer_supporter)
    thread = thread_create(person=member, space=topic_space, title="Sundays", text="Sundays are the worst.")
    first = thread.posts.get()

    reply = send(peer_supporter_client, "post", f"/community/threads/{thread.pk}/posts",
                 {"text": "Same here. Walks help me.", "quote_of": first.pk})
    reacted = send(other_member_client, "post", f"/community/posts/{first.pk}/reactions", {"kind": "me_too"})
    wrong = send(other_member_client, "post", f"/community/posts/{first.pk}/reactions", {"kind": "like"})

    assert reply.status_code == 201
    assert reply.json()["post"]["number"] == 2 and reply.json()["post"]["quote_of"] == {
        "id": first.pk, "number": 1, "author_name": "Mara"}
    assert reacted.json() == {"post_id": first.pk, "reaction_counts": {"me_too": 1}, "my_reactions": ["me_too"]}
    assert wrong.status_code == 400 and wrong.json()["detail"] == "Please choose one of the reactions."
    as_author = get(member_client, f"/community/threads/{thread.pk}").json()["posts"][0]
    as_other = get(peer_supporter_client, f"/community/threads/{thread.pk}").json()["posts"][0]
    # In a space that allows pseudonyms, reactors are named by their pseudonym there, or "A member".
    assert as_author["reacted_by"] == {"me_too": ["A member"]} and as_author["reaction_counts"] == {"me_too": 1}
    assert as_other["reacted_by"] == {} and as_other["reaction_counts"] == {"me_too": 1}
    undone = send(other_member_client, "post", f"/community/posts/{first.pk}/reactions", {"kind": "me_too"})
    assert undone.json()["reaction_counts"] == {} and undone.json()["my_reactions"] == []


def test_words_of_danger_come_back_with_help(member, topic_space, accepted, member_client):
    accepted(member)
    created = send(member_client, "post", f"/community/spaces/{topic_space.slug}/threads",
                   {"title": "Tonight", "text": "I have the pills here and I'm going to take them all tonight"}).json()
    reply = send(member_client, "post", f"/community/threads/{created['thread']['id']}/posts",
                 {"text": "Thank you for reading."}).json()
    edited = send(member_client, "patch", f"/community/posts/{reply['post']['id']}",
                  {"text": "I want to kill myself tonight, I have the rope ready"}).json()

    assert created["help_now"] is True and created["crisis_lines"]
    assert {"name", "phone", "url"} <= set(created["crisis_lines"][0])
    assert reply["help_now"] is False and reply["crisis_lines"] == []
    assert edited["help_now"] is True and edited["crisis_lines"]


def test_edits_keep_a_history_for_the_author_and_moderators(member, peer_supporter, topic_space, accepted,
                                                             member_client, peer_supporter_client, moderator_client):
    accepted(member, peer_supporter)
    post = thread_create(person=member, space=topic_space, title="Sleep", text="Can't sleep.").posts.get()

    edited = send(member_client, "patch", f"/community/posts/{post.pk}",
                  {"text": "Can't sleep again.", "content_warnings": ["medical"]})
    refused = send(peer_supporter_client, "patch", f"/community/posts/{post.pk}", {"text": "Changed by someone else"})
    unknown = send(member_client, "patch", f"/community/posts/{post.pk}", {"content_warnings": ["spiders"]})

    assert edited.status_code == 200
    assert edited.json()["post"]["edit_count"] == 1 and edited.json()["post"]["content_warnings"] == ["medical"]
    assert refused.status_code == 400 and refused.json()["detail"] == "You can only edit your own posts."
    assert unknown.status_code == 400 and "from the list" in unknown.json()["detail"]
    history = get(member_client, f"/community/posts/{post.pk}/history").json()
    assert [r["text"] for r in history["revisions"]] == ["Can't sleep."] and history["revisions"][0]["by_moderator"] is False
    assert get(moderator_client, f"/community/posts/{post.pk}/history").status_code == 200
    assert get(peer_supporter_client, f"/community/posts/{post.pk}/history").status_code == 404


def test_a_group_space_is_404_to_everyone_outside_it(circle, member, member_client, other_member_client):
    thread = thread_create(person=member, space=circle, title="After Tuesday", text="Thank you for listening.")
    post = thread.posts.get()

    for method, path, data in [
        ("get", f"/community/spaces/{circle.slug}", None), ("get", f"/community/spaces/{circle.slug}/rules", None),
        ("post", f"/community/spaces/{circle.slug}/rules", None),
        ("get", f"/community/spaces/{circle.slug}/threads", None),
        ("post", f"/community/spaces/{circle.slug}/threads", {"title": "Hi", "text": "Hello"}),
        ("get", f"/community/threads/{thread.pk}", None),
        ("post", f"/community/threads/{thread.pk}/posts", {"text": "Hello"}),
        ("get", f"/community/posts/{post.pk}", None), ("patch", f"/community/posts/{post.pk}", {"text": "x"}),
        ("get", f"/community/posts/{post.pk}/history", None),
        ("post", f"/community/posts/{post.pk}/reactions", {"kind": "me_too"}),
        ("put", f"/community/threads/{thread.pk}/follow", None),
        ("delete", f"/community/threads/{thread.pk}/follow", None),
        ("get", f"/community/search?q=listening&space={circle.slug}", None),
    ]:
        response = send(other_member_client, method, path, data)
        assert response.status_code == 404, (method, path)
        assert response.json() == {"detail": "Not found."}
    assert get(other_member_client, "/community/search", q="listening").json()["total"] == 0
    assert get(member_client, "/community/search", q="listening").json()["total"] == 1


def test_waiting_and_hidden_posts(member, peer_supporter, topic_space, accepted, moderator, member_client,
                                  peer_supporter_client):
    accepted(member, peer_supporter)
    held = thread_create(person=member, space=topic_space, title="A question",
                         text="What is the lethal dose of paracetamol?")
    thread = thread_create(person=member, space=topic_space, title="Evenings", text="Evenings are long.")
    reply = post_create(person=peer_supporter, thread=thread, text="Call me, here is my number.")
    post_moderate(moderator=moderator, post=reply, action="hide", reason="Please keep contact details private.")

    assert get(peer_supporter_client, f"/community/threads/{held.pk}").status_code == 404
    assert get(peer_supporter_client, f"/community/posts/{held.posts.get().pk}").status_code == 404
    listed = get(member_client, f"/community/spaces/{topic_space.slug}/threads").json()
    assert [t["title"] for t in listed["threads"]] == ["Evenings"]
    assert [(t["title"], t["state"]) for t in listed["waiting"]] == [("A question", PostState.PENDING)]
    assert get(peer_supporter_client, f"/community/spaces/{topic_space.slug}/threads").json()["waiting"] == []
    mine = get(member_client, f"/community/posts/{held.posts.get().pk}").json()
    assert mine["state"] == PostState.PENDING and "waiting for a moderator" in mine["state_reason"]

    as_member = get(member_client, f"/community/threads/{thread.pk}").json()["posts"][1]
    as_writer = get(peer_supporter_client, f"/community/threads/{thread.pk}").json()["posts"][1]
    assert as_member["placeholder"] == "A moderator hid this post." and as_member["html"] == ""
    assert as_member["state_reason"] == "" and "number" not in as_member["html"]
    assert as_writer["placeholder"] == "" and "my number" in as_writer["html"]
    assert as_writer["state_reason"] == "Please keep contact details private."


def test_blocked_people_are_not_seen(member, peer_supporter, topic_space, accepted, member_client):
    accepted(member, peer_supporter)
    theirs = thread_create(person=peer_supporter, space=topic_space, title="Mornings", text="Mornings are better.")
    block_create(blocker=member, blocked=peer_supporter)

    assert get(member_client, f"/community/threads/{theirs.pk}").status_code == 404
    assert get(member_client, f"/community/spaces/{topic_space.slug}/threads").json()["threads"] == []
    assert get(member_client, "/community/search", q="mornings").json()["total"] == 0


def test_following_and_reading_preferences(member, topic_space, accepted, member_client, other_member_client):
    accepted(member)
    thread = thread_create(person=member, space=topic_space, title="Sleep", text="Can't sleep.")

    assert send(other_member_client, "put", f"/community/threads/{thread.pk}/follow").json() == {
        "thread_id": thread.pk, "following": True}
    assert get(other_member_client, f"/community/threads/{thread.pk}").json()["thread"]["is_following"] is True
    assert send(other_member_client, "delete", f"/community/threads/{thread.pk}/follow").json()["following"] is False
    assert get(other_member_client, f"/community/threads/{thread.pk}").json()["thread"]["is_following"] is False

    first = get(member_client, "/me/reading-preferences").json()
    assert first["collapse_warnings"] == [c["code"] for c in first["choices"]]  # all folded until one chooses
    chosen = send(member_client, "put", "/me/reading-preferences", {"collapse_warnings": ["suicide", "self_harm"]})
    assert chosen.json()["collapse_warnings"] == ["suicide", "self_harm"]
    assert send(member_client, "put", "/me/reading-preferences", {"collapse_warnings": ["x"]}).status_code == 400


def test_content_warnings_fold_by_the_readers_choice(member, topic_space, accepted, member_client,
                                                     other_member_client):
    accepted(member)
    thread = thread_create(person=member, space=topic_space, title="Losing Dad", text="The ward at night.",
                           content_warnings=["grief"])
    send(other_member_client, "put", "/me/reading-preferences", {"collapse_warnings": ["suicide"]})

    assert get(member_client, f"/community/threads/{thread.pk}").json()["posts"][0]["collapsed"] is True
    shown = get(other_member_client, f"/community/threads/{thread.pk}").json()["posts"][0]
    assert shown["collapsed"] is False and shown["content_warnings"] == ["grief"]
    hit = get(member_client, "/community/search", q="ward").json()["results"][0]
    assert hit["collapsed"] is True and hit["content_warnings"] == ["grief"]


def test_thread_lists_and_thread_pages_come_in_pages(member, peer_supporter, topic_space, accepted, member_client):
    accepted(member, peer_supporter)
    for n in range(26):
        thread = thread_create(person=member, space=topic_space, title=f"Thread {n}", text=f"Words {n}.")
    for n in range(20):
        post_create(person=peer_supporter, thread=thread, text=f"Reply {n}.")

    first = get(member_client, f"/community/spaces/{topic_space.slug}/threads").json()
    second = get(member_client, f"/community/spaces/{topic_space.slug}/threads", page=2).json()
    posts = get(member_client, f"/community/threads/{thread.pk}", page=2).json()

    assert (first["page"], first["pages"], first["total"], len(first["threads"])) == (1, 2, 26, 25)
    assert first["threads"][0]["title"] == "Thread 25" and len(second["threads"]) == 1
    assert (posts["page"], posts["pages"], [p["number"] for p in posts["posts"]]) == (2, 2, [21])


def test_search_finds_folded_words_and_says_when_there_is_nothing(member, topic_space, accepted, member_client,
                                                                  other_member_client):
    accepted(member)
    thread = thread_create(person=member, space=topic_space, title="Las mañanas",
                           text="Tomé un café con mi hermana.")

    found = get(other_member_client, "/community/search", q="CAFE manana").json()
    assert found["total"] == 1 and found["message"] == "" and found["more"] is False
    hit = found["results"][0]
    assert hit["title_html"] == "Las <mark>mañanas</mark>" and "<mark>café</mark>" in hit["snippet_html"]
    assert hit["author_name"] == "Mara" and hit["is_mine"] is False and hit["space"] == topic_space.slug
    assert hit["url"] == f"/community/posts/{thread.posts.get().pk}/" and hit["thread_id"] == thread.pk
    assert get(member_client, "/community/search", q="cafe").json()["results"][0]["is_mine"] is True
    assert get(other_member_client, "/community/search").json()["message"] == "Type a word or two to search the forums."
    assert "at least one word" in get(other_member_client, "/community/search", q="?!").json()["message"]
    nothing = get(other_member_client, "/community/search", q="zebra").json()
    assert nothing["total"] == 0 and nothing["results"] == [] and "Nothing found" in nothing["message"]


@pytest.mark.parametrize("query", ['"', "café*", "NEAR(café hermana)", "café AND OR NOT", "café:*",
                                   "café & !hermana", "(café", "'", "\\", "<script>"])
def test_search_syntax_never_breaks_the_api(member, topic_space, accepted, other_member_client, query):
    accepted(member)
    thread_create(person=member, space=topic_space, title="Mañanas", text="Tomé un café con mi hermana.")

    response = get(other_member_client, "/community/search", q=query)

    assert response.status_code == 200
    assert "<script>" not in str(response.json()["results"])


def test_search_follows_edits_and_hiding(member, peer_supporter, topic_space, accepted, moderator, member_client,
                                         other_member_client):
    accepted(member, peer_supporter)
    thread = thread_create(person=member, space=topic_space, title="Evenings", text="Evenings are long.")
    reply = post_create(person=peer_supporter, thread=thread, text="Walking helps me.")

    send(signed_in(peer_supporter), "patch", f"/community/posts/{reply.pk}", {"text": "Swimming helps me."})
    assert get(other_member_client, "/community/search", q="walking").json()["total"] == 0
    assert get(other_member_client, "/community/search", q="swimming").json()["total"] == 1
    post_moderate(moderator=moderator, post=reply, action="hide", reason="Off topic")
    assert get(other_member_client, "/community/search", q="swimming").json()["total"] == 0


def test_search_pages(member, peer_supporter, topic_space, accepted, other_member_client):
    accepted(member, peer_supporter)
    thread = thread_create(person=member, space=topic_space, title="Gardening", text="The garden keeps me going.")
    for n in range(21):
        post_create(person=peer_supporter, thread=thread, text=f"Garden day {n}.")

    first = get(other_member_client, "/community/search", q="garden").json()
    second = get(other_member_client, "/community/search", q="garden", page=2).json()

    assert (first["total"], first["pages"], len(first["results"])) == (22, 2, 20)
    assert (second["page"], len(second["results"])) == (2, 2)
    assert not {r["post_id"] for r in first["results"]} & {r["post_id"] for r in second["results"]}


def test_a_personal_token_works_too(member, topic_space, accepted):
    accepted(member)
    thread_create(person=member, space=topic_space, title="Hello", text="Kites on the hill.")
    token = PersonalTokenFactory(user=member)

    response = Client().get(f"{API}/community/search", {"q": "kites"},
                            headers={"Authorization": f"Bearer {token.raw_token}"})

    assert response.status_code == 200 and response.json()["total"] == 1
