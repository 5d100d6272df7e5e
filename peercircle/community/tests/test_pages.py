"""The forums through their pages: the spaces, the rules step, starting a thread and replying,
content warnings, reactions, following, edits and their history, muted people and closed
threads, kind refusals that keep the words, and query counts that don't grow with a page."""

import re
from urllib.parse import unquote

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from peercircle.community.models import Post, PostState, SpaceKind, Thread
from peercircle.community.services import (
    post_create,
    post_moderate,
    reaction_toggle,
    rules_accept,
    space_create,
    space_rules_update,
    thread_create,
    thread_moderate,
)
from peercircle.core.tests.helpers import form_values, outline, text

pytestmark = pytest.mark.django_db


def new_thread(client, space, **fields):
    data = {"title": "Evenings are hard", "text": "The house is so **quiet** after six.", **fields}
    return client.post(f"/community/spaces/{space.slug}/new/", data)


def reply(client, thread, **fields):
    return client.post(f"/community/threads/{thread.pk}/reply/", {"text": "Same for me.", **fields})


def thread_page(client, thread, **params):
    response = client.get(f"/community/threads/{thread.pk}/", params)
    assert response.status_code == 200
    return response


def posts_of(page: str) -> str:
    """The posts on a thread page (not the reply form, which names the reader)."""
    return page.split('class="posts"')[1].split('id="reply"')[0]


@pytest.fixture
def opened(member, topic_space, accepted):
    """A thread `member` started in the topic space."""
    accepted(member)
    return thread_create(person=member, space=topic_space, title="Sundays", text="Sundays are the worst.")


# --- The forums' front page ---------------------------------------------------------------------

def test_signed_out_visitors_read_what_the_forums_are_and_no_content(opened, topic_space):
    page = text(Client().get("/community/"))

    assert "Log in" in page and "Forums" in page
    assert "Sundays" not in page and topic_space.name not in page
    assert Client().get(f"/community/spaces/{topic_space.slug}/").status_code == 302
    assert Client().get(f"/community/threads/{opened.pk}/").status_code == 302


def test_the_front_page_lists_the_spaces_a_member_can_read_by_kind(member_client, member, topic_space, opened,
                                                                   organization, other_organization, moderator, staff_user):
    from peercircle.groups.tests.factories import GroupMembershipFactory

    space_create(actor=moderator, name="Harbour members' corner", kind=SpaceKind.ORGANIZATION,
                 organization=organization, rules="Be kind.")
    space_create(actor=staff_user, name="Hillside lounge", kind=SpaceKind.ORGANIZATION,
                 organization=other_organization, rules="Be kind.")
    GroupMembershipFactory(user=member, group__name="Tuesday walkers", group__slug="tuesday-walkers")

    page = text(member_client.get("/community/"))

    topic, organizations, groups = re.split(r"Your organizations|Your groups", page)[:3]
    assert "Living with grief" in topic and "1 thread · 1 post" in " ".join(topic.split())
    assert "Harbour members' corner" in organizations
    assert "Hillside lounge" not in page
    assert "Tuesday walkers" in groups and "/groups/tuesday-walkers/space/" in groups


def test_empty_kinds_say_what_would_be_there(other_member_client):
    page = text(other_member_client.get("/community/"))

    assert "There are no open spaces yet." in page
    assert "When you join a support group, its private space appears here." in page


def test_the_forums_are_in_the_main_navigation_and_reading_settings_in_the_account_menu(member_client):
    nav = text(member_client.get("/me/profile/"))

    assert 'href="/community/"' in nav and 'href="/me/reading/"' in nav


# --- A space -------------------------------------------------------------------------------------

def test_a_space_lists_threads_pinned_first_with_their_labels(member_client, member, peer_supporter, topic_space,
                                                            accepted, moderator):
    accepted(member, peer_supporter)
    older = thread_create(person=peer_supporter, space=topic_space, title="Anniversaries",
                          text="A year on.", content_warnings=["grief"])
    thread_create(person=member, space=topic_space, title="Newest", text="Hello.")
    thread_moderate(moderator=moderator, thread=older, pinned=True, locked=True)

    page = text(member_client.get(f"/community/spaces/{topic_space.slug}/"))

    assert page.index("Anniversaries") < page.index("Newest")
    pinned = page[page.index("Anniversaries"):page.index("Newest")]
    assert "Pinned" in pinned and "Closed to replies" in pinned and "Details of a death or loss" in pinned
    assert "Started by Sol" in pinned and "0 replies" in pinned
    assert "Be kind" not in page and f"/community/spaces/{topic_space.slug}/rules/" in page
    assert "Start a thread" in page


def test_a_space_pages_by_25(member_client, member, topic_space, accepted):
    accepted(member)
    for n in range(27):
        thread_create(person=member, space=topic_space, title=f"Thread number {n:02d}", text="Words.")

    first = text(member_client.get(f"/community/spaces/{topic_space.slug}/"))
    second = text(member_client.get(f"/community/spaces/{topic_space.slug}/?page=2"))

    assert first.count("Thread number") == 25 and "Page 1 of 2" in first and "Thread number 26" in first
    assert second.count("Thread number") == 2 and "Thread number 00" in second


def test_last_activity_is_shown_in_the_readers_time_zone(member_client, member, topic_space, accepted):
    from datetime import UTC, datetime

    from peercircle.accounts.models import Profile

    accepted(member)
    thread = thread_create(person=member, space=topic_space, title="Late", text="Can't sleep.")
    Thread.objects.filter(pk=thread.pk).update(last_post_at=datetime(2025, 7, 1, 23, 30, tzinfo=UTC))
    Profile.objects.filter(user=member).update(timezone="Europe/Madrid")

    page = text(member_client.get(f"/community/spaces/{topic_space.slug}/"))

    assert "last post 2 July 2025, 01:30" in page and "Europe/Madrid" in page


# --- The rules step ------------------------------------------------------------------------------

def test_the_first_post_shows_the_rules_first_and_keeps_what_was_typed(member_client, topic_space):
    response = new_thread(member_client, topic_space, content_warnings=["grief"], anonymous="on")

    assert response.status_code == 302
    rules_url = f"/community/spaces/{topic_space.slug}/rules/?next=/community/spaces/{topic_space.slug}/new/"
    assert response["Location"] == rules_url
    assert not Thread.objects.exists()
    rules = member_client.get(rules_url)
    assert "Be kind. Speak from your own experience." in text(rules)
    accepted = member_client.post(f"/community/spaces/{topic_space.slug}/rules/",
                                  form_values(rules, "rules-form") | {})
    assert accepted["Location"] == f"/community/spaces/{topic_space.slug}/new/"

    form = member_client.get(accepted["Location"])
    assert "Your words are still here" in text(form)
    kept = form_values(form, "thread-form")
    assert kept["title"] == "Evenings are hard" and kept["text"] == "The house is so **quiet** after six."
    assert kept["content_warnings"] == "grief" and kept["anonymous"] == "on"
    assert member_client.post(accepted["Location"], kept).status_code == 302
    assert Thread.objects.get().title == "Evenings are hard"


def test_a_reply_written_before_accepting_the_rules_waits_on_the_reply_page(peer_supporter_client, opened):
    response = reply(peer_supporter_client, opened, text="Walks help me.")

    assert response.status_code == 302 and "/rules/?next=" in response["Location"]
    peer_supporter_client.post(response["Location"].split("?")[0], {"next": f"/community/threads/{opened.pk}/reply/"})
    form = peer_supporter_client.get(f"/community/threads/{opened.pk}/reply/")
    assert form_values(form, "reply-form")["text"] == "Walks help me."
    assert Post.objects.filter(thread=opened).count() == 1


def test_new_rules_are_shown_again_before_the_next_post(member_client, member, topic_space, accepted, moderator):
    accepted(member)
    space_rules_update(actor=moderator, space=topic_space, rules="Be kind. No advice about doses.")

    response = member_client.get(f"/community/spaces/{topic_space.slug}/new/")

    assert "/rules/" in response["Location"]
    page = text(member_client.get(response["Location"]))
    assert "The rules have changed since you last accepted them" in page and "No advice about doses." in page


def test_rules_never_send_people_to_another_site(member_client, topic_space):
    response = member_client.post(f"/community/spaces/{topic_space.slug}/rules/", {"next": "https://evil.example/"})

    assert response["Location"] == f"/community/spaces/{topic_space.slug}/"


# --- Posting ------------------------------------------------------------------------------------

def test_a_new_thread_opens_at_its_post_and_says_who_readers_see(member_client, member, topic_space, accepted):
    accepted(member)
    form = text(member_client.get(f"/community/spaces/{topic_space.slug}/new/"))
    assert "Posting as <strong>Mara</strong> — readers of this space see this name." in form
    assert "Post under my pseudonym in this space" in form and "Moderators can still see who wrote" in form
    assert "@SamLee" in form and "Markdown" in form

    response = new_thread(member_client, topic_space)

    thread = Thread.objects.get()
    assert response["Location"] == f"/community/threads/{thread.pk}/#post-1"
    page = text(member_client.get(response["Location"]))
    assert "Your thread is up." in page and "<strong>quiet</strong>" in page


def test_kind_refusals_keep_every_word(member_client, member, topic_space, accepted):
    accepted(member)

    untitled = new_thread(member_client, topic_space, title="   ")
    assert "Please give your thread a title." in text(untitled)
    assert form_values(untitled, "thread-form")["text"] == "The house is so **quiet** after six."

    long_text = "word " * 4001
    too_long = new_thread(member_client, topic_space, text=long_text)
    assert "Please keep a post under 20,000 characters" in text(too_long)
    assert form_values(too_long, "thread-form")["text"] == long_text.replace("\r\n", "\n")
    assert "Nothing you wrote is lost" in text(too_long)
    assert not Thread.objects.exists()


def test_words_of_danger_bring_the_crisis_box_on_the_next_page(member_client, member, topic_space, accepted):
    accepted(member)

    response = new_thread(member_client, topic_space, title="Tonight",
                          text="I have the pills here and I'm going to take them all tonight")

    page = member_client.get(response["Location"])
    assert 'id="crisis-support"' in page.content.decode()
    assert 'id="crisis-support"' not in member_client.get(response["Location"]).content.decode()


def test_a_post_that_waits_for_a_moderator_says_so_and_why(member_client, other_member_client, member, topic_space,
                                                           accepted):
    accepted(member)

    response = new_thread(member_client, topic_space, title="Question", text="What is the lethal dose of paracetamol?")

    thread = Thread.objects.get()
    page = text(member_client.get(response["Location"]))
    assert "waiting for a moderator" in page and "ways or means" in page
    assert "Only you and the moderators can see this post." in page
    space = text(member_client.get(f"/community/spaces/{topic_space.slug}/"))
    assert "Your threads waiting for a moderator" in space and "ways or means" in space
    assert "Question" not in text(other_member_client.get(f"/community/spaces/{topic_space.slug}/"))
    assert other_member_client.get(f"/community/threads/{thread.pk}/").status_code == 404


def test_replying_with_a_quote_shows_the_quoted_words_and_name(peer_supporter_client, peer_supporter, opened,
                                                              accepted):
    accepted(peer_supporter)
    first = opened.posts.get()

    form = peer_supporter_client.get(f"/community/threads/{opened.pk}/reply/?quote={first.pk}")
    assert "You are quoting" in text(form) and "Sundays are the worst." in text(form)
    response = peer_supporter_client.post(f"/community/threads/{opened.pk}/reply/",
                                          form_values(form, "reply-form") | {"text": "Mine too."})

    assert response["Location"] == f"/community/threads/{opened.pk}/#post-2"
    page = text(peer_supporter_client.get(response["Location"]))
    quote = page[page.index('id="post-2"'):]
    assert "Mara wrote:" in quote and "Sundays are the worst." in quote and "Mine too." in quote


# --- Reading a thread ---------------------------------------------------------------------------

def test_warned_posts_are_folded_until_the_reader_chooses_otherwise(member, peer_supporter_client, topic_space,
                                                                     accepted):
    accepted(member)
    thread = thread_create(person=member, space=topic_space, title="Last spring", text="The night she died.",
                           content_warnings=["grief", "suicide"])

    page = thread_page(peer_supporter_client, thread).content.decode()
    folded = page[page.index('<details class="cw">'):page.index("</details>")]
    assert "Suicide" in folded and "Details of a death or loss" in folded and "The night she died." in folded
    assert "/me/reading/?next=" in page

    preferences = peer_supporter_client.get("/me/reading/")
    assert sorted(form_values(preferences, "reading-form")["collapse_warnings"]) == sorted(
        ["abuse", "eating", "grief", "medical", "self_harm", "substance_use", "suicide", "violence"])
    peer_supporter_client.post("/me/reading/", {"collapse_warnings": ["self_harm"]})

    page = thread_page(peer_supporter_client, thread).content.decode()
    assert '<details class="cw">' not in page
    assert "Content warning:</span> Details of a death or loss, Suicide" in page and "The night she died." in page
    peer_supporter_client.post("/me/reading/", {"collapse_warnings": ["grief"]})
    assert '<details class="cw">' in thread_page(peer_supporter_client, thread).content.decode()


def test_reading_preferences_return_to_the_thread(member_client, opened):
    response = member_client.post("/me/reading/", {"collapse_warnings": ["suicide"],
                                                   "next": f"/community/threads/{opened.pk}/"})

    assert response["Location"] == f"/community/threads/{opened.pk}/"


def test_reactions_count_show_pressed_and_name_people_only_to_the_author(member_client, peer_supporter_client,
                                                                         facilitator_client, opened):
    post = opened.posts.get()

    response = peer_supporter_client.post(f"/community/posts/{post.pk}/react/", {"kind": "me_too"})
    assert response["Location"] == f"/community/threads/{opened.pk}/#post-1"
    partial = peer_supporter_client.post(f"/community/posts/{post.pk}/react/", {"kind": "this_helped"},
                                         headers={"HX-Request": "true"})
    assert "<html" not in text(partial)
    assert re.search(r'aria-pressed="true">This helped <span class="count">1</span>', text(partial))

    mine = text(thread_page(peer_supporter_client, opened))
    assert re.search(r'aria-pressed="true">Me too <span class="count">1</span>', mine)
    assert re.search(r'aria-pressed="false">Sending support <span class="count">0</span>', mine)
    assert "Sol" not in posts_of(mine)
    author = text(thread_page(member_client, opened))
    # Where pseudonyms are allowed, a reaction never names the account behind it.
    assert "Me too: A member" in author and "This helped: A member" in author and "Sol" not in posts_of(author)
    assert "Me too: A member" not in text(thread_page(facilitator_client, opened))


def test_in_a_space_without_pseudonyms_the_author_sees_who_reacted(member, member_client, peer_supporter,
                                                                    facilitator_client, topic_space):
    topic_space.allow_anonymous = False
    topic_space.save()
    rules_accept(person=member, space=topic_space)
    thread = thread_create(person=member, space=topic_space, title="Named", text="Hello")
    reaction_toggle(person=peer_supporter, post=thread.posts.get(), kind="sending_support")

    assert "Sending support: Sol" in text(thread_page(member_client, thread))
    assert "Sending support: Sol" not in text(thread_page(facilitator_client, thread))


def test_following_a_thread_toggles_in_place(peer_supporter_client, peer_supporter, opened):
    from peercircle.community.models import ThreadFollow

    partial = peer_supporter_client.post(f"/community/threads/{opened.pk}/follow/", {"follow": "1"},
                                         headers={"HX-Request": "true"})
    assert "Stop following" in text(partial) and "<html" not in text(partial)
    assert ThreadFollow.objects.filter(thread=opened, person=peer_supporter).exists()

    response = peer_supporter_client.post(f"/community/threads/{opened.pk}/follow/", {"follow": "0"})
    assert response.status_code == 302
    assert not ThreadFollow.objects.filter(thread=opened, person=peer_supporter).exists()
    assert "Follow this thread" in text(thread_page(peer_supporter_client, opened))


def test_a_thread_pages_by_20_posts(member_client, member, opened):
    for n in range(2, 23):
        post_create(person=member, thread=opened, text=f"Reply number {n}")

    first = text(thread_page(member_client, opened))
    second = text(thread_page(member_client, opened, page=2))

    assert "Reply number 20" in first and "Reply number 21" not in first and "Page 1 of 2" in first
    assert "Reply number 21" in second and "Reply number 22" in second
    last = Post.objects.get(thread=opened, number=22)
    assert member_client.get(f"/community/posts/{last.pk}/")["Location"] == (
        f"/community/threads/{opened.pk}/?page=2#post-22")


def test_every_post_can_be_reported_and_moderators_see_their_links(member_client, moderator_client, opened,
                                                                   peer_supporter, accepted):
    accepted(peer_supporter)
    other = post_create(person=peer_supporter, thread=opened, text="Hello")
    first = opened.posts.get(number=1)

    mine = text(thread_page(member_client, opened))
    assert f"/community/posts/{other.pk}/report/" in mine and f"/community/posts/{first.pk}/report/" not in mine
    assert f"/community/posts/{first.pk}/edit/" in mine and f"/community/posts/{other.pk}/edit/" not in mine
    assert "/moderate/" not in mine
    moderating = text(thread_page(moderator_client, opened))
    assert f"/community/posts/{other.pk}/moderate/" in moderating
    assert f"/community/threads/{opened.pk}/moderate/" in moderating


def test_hidden_posts_show_their_reason_to_the_author_and_a_placeholder_to_others(
        member_client, peer_supporter_client, peer_supporter, opened, accepted, moderator):
    accepted(peer_supporter)
    post = post_create(person=peer_supporter, thread=opened, text="Something unkind")
    post_moderate(moderator=moderator, post=post, action="hide", reason="Please speak from your own experience.")

    author = text(thread_page(peer_supporter_client, opened))
    assert "Something unkind" in author and "Hidden by a moderator" in author
    assert "Please speak from your own experience." in author
    others = text(thread_page(member_client, opened))
    assert "A moderator hid this post." in others and "Something unkind" not in others
    assert "Please speak from your own experience." not in others


# --- Who may post -------------------------------------------------------------------------------

def test_a_muted_member_reads_and_sees_why_instead_of_the_form(member_client, member, opened, moderator):
    from peercircle.safety.models import ModerationAction

    ModerationAction.objects.create(moderator=moderator, subject=member, kind="mute", reason="Cool off")

    page = text(thread_page(member_client, opened))
    assert "a moderator has paused your posting" in page and 'id="reply-form"' not in page
    space = text(member_client.get(f"/community/spaces/{opened.space.slug}/"))
    assert "a moderator has paused your posting" in space and "Start a thread" not in space
    refused = reply(member_client, opened, text="Still here.")
    assert "paused your posting" in text(refused) and form_values(refused, "reply-form")["text"] == "Still here."
    assert opened.posts.count() == 1


def test_a_closed_thread_says_so_and_takes_no_replies(peer_supporter_client, peer_supporter, opened, accepted,
                                                      moderator, moderator_client):
    accepted(peer_supporter)
    thread_moderate(moderator=moderator, thread=opened, locked=True)

    page = text(thread_page(peer_supporter_client, opened))
    assert "This thread is closed to new replies." in page and 'id="reply-form"' not in page
    refused = reply(peer_supporter_client, opened, text="Wait!")
    assert "closed to new replies" in text(refused) and form_values(refused, "reply-form")["text"] == "Wait!"
    assert opened.posts.count() == 1
    assert "As a moderator you can still reply." in text(thread_page(moderator_client, opened))


# --- Edits and their history --------------------------------------------------------------------

def test_an_edit_keeps_the_earlier_wording_for_the_author_and_moderators_only(
        member_client, peer_supporter_client, moderator_client, opened):
    post = opened.posts.get()
    form = member_client.get(f"/community/posts/{post.pk}/edit/")
    assert form_values(form, "edit-form")["text"] == "Sundays are the worst."

    response = member_client.post(f"/community/posts/{post.pk}/edit/",
                                  {"text": "Sundays are the hardest.", "content_warnings": ["grief"]})

    assert response["Location"] == f"/community/threads/{opened.pk}/#post-1"
    page = text(thread_page(member_client, opened))
    assert "Sundays are the hardest." in page and f"/community/posts/{post.pk}/history/" in page
    history = text(member_client.get(f"/community/posts/{post.pk}/history/"))
    assert "Sundays are the worst." in history and "Changed by the author." in history
    assert moderator_client.get(f"/community/posts/{post.pk}/history/").status_code == 200
    assert peer_supporter_client.get(f"/community/posts/{post.pk}/history/").status_code == 404
    assert f"/community/posts/{post.pk}/history/" not in text(thread_page(peer_supporter_client, opened))
    assert "edited" in text(thread_page(peer_supporter_client, opened))
    assert peer_supporter_client.get(f"/community/posts/{post.pk}/edit/").status_code == 404


def test_a_moderators_edit_needs_a_reason_the_author_reads(moderator_client, member_client, opened):
    post = opened.posts.get()

    refused = moderator_client.post(f"/community/posts/{post.pk}/edit/", {"text": "Sundays are hard."})
    assert "Please say why you are editing this post" in text(refused)
    moderator_client.post(f"/community/posts/{post.pk}/edit/",
                          {"text": "Sundays are hard.", "note": "Removed a phone number."})

    history = text(member_client.get(f"/community/posts/{post.pk}/history/"))
    assert "Changed by a moderator." in history and "Removed a phone number." in history
    assert "Mo" not in history.split("<main")[1].split("</main>")[0].replace("Moderat", "")


def test_an_edit_that_needs_a_moderator_says_so(member_client, opened):
    post = opened.posts.get()

    response = member_client.post(f"/community/posts/{post.pk}/edit/",
                                  {"text": "What is the lethal dose of paracetamol?"})

    assert "waiting for a moderator" in text(member_client.get(response["Location"]))
    post.refresh_from_db()
    assert post.state == PostState.PENDING


# --- Queries don't grow with the page ---------------------------------------------------------

def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_thread_list_takes_the_same_queries_for_5_or_25_threads(member_client, member, peer_supporter,
                                                                     topic_space, accepted):
    accepted(member, peer_supporter)
    url = f"/community/spaces/{topic_space.slug}/"
    for n in range(5):
        thread_create(person=member if n % 2 else peer_supporter, space=topic_space, title=f"T{n}", text="Hi",
                      anonymous=n % 3 == 0, content_warnings=["grief"] if n % 2 else [])
    _queries(member_client, url)
    few = _queries(member_client, url)
    for n in range(20):
        thread_create(person=member if n % 2 else peer_supporter, space=topic_space, title=f"U{n}", text="Hi",
                      anonymous=n % 3 == 0, content_warnings=["grief"] if n % 2 else [])
    assert _queries(member_client, url) == few


def test_the_thread_page_takes_the_same_queries_for_5_or_20_posts(member_client, member, peer_supporter, opened,
                                                                   accepted):
    accepted(peer_supporter)

    def add(count):
        for n in range(count):
            post = post_create(person=peer_supporter if n % 2 else member, thread=opened, text=f"Reply {n}",
                               anonymous=n % 3 == 0, content_warnings=["grief"] if n % 2 else [],
                               quote_of=opened.posts.get(number=1))
            reaction_toggle(person=peer_supporter, post=post, kind="me_too")
            reaction_toggle(person=member, post=post, kind="this_helped")

    url = f"/community/threads/{opened.pk}/"
    add(4)
    _queries(member_client, url)
    few = _queries(member_client, url)
    add(15)
    assert Post.objects.filter(thread=opened).count() == 20
    assert _queries(member_client, url) == few


def test_pages_are_labelled_and_run_no_inline_script(member_client, opened):
    for url in ("/community/", f"/community/spaces/{opened.space.slug}/", f"/community/threads/{opened.pk}/",
                f"/community/threads/{opened.pk}/reply/", "/me/reading/",
                f"/community/spaces/{opened.space.slug}/new/"):
        page = outline(member_client.get(url))
        assert page.unlabelled_fields() == [], url
        assert page.executable() == [], url
        assert page.h1_count == 1, url


def test_rules_accepted_already_offer_the_way_back(member_client, member, topic_space):
    rules_accept(person=member, space=topic_space)

    page = text(member_client.get(f"/community/spaces/{topic_space.slug}/rules/"))

    assert "You have accepted these rules." in page and "I accept these rules" not in page


def test_the_forums_speak_spanish(member, member_client, opened):
    from peercircle.accounts.models import User

    User.objects.filter(pk=member.pk).update(language="es")

    space = text(member_client.get(f"/community/spaces/{opened.space.slug}/"))
    thread = text(thread_page(member_client, opened))

    assert "Empezar un hilo" in space and "Iniciado por Mara" in space and "0 respuestas" in space
    assert "Publicar la respuesta" in thread and "A mí también" in thread and "Dejar de seguir" in thread


def test_quoting_before_accepting_the_rules_comes_back_to_the_quote(peer_supporter_client, opened):
    first = opened.posts.get()

    response = peer_supporter_client.get(f"/community/threads/{opened.pk}/reply/?quote={first.pk}")
    rules_url, back = response["Location"].split("?next=")
    accepted = peer_supporter_client.post(rules_url, {"next": unquote(back)})

    assert accepted["Location"] == f"/community/threads/{opened.pk}/reply/?quote={first.pk}"
    assert "You are quoting" in text(peer_supporter_client.get(accepted["Location"]))


def test_moderators_can_ask_who_wrote_a_pseudonymous_post(moderator_client, member_client, member, topic_space,
                                                          accepted):
    accepted(member)
    thread = thread_create(person=member, space=topic_space, title="A", text="One", anonymous=True)
    post = thread.posts.get()

    assert f"/community/posts/{post.pk}/reveal/" in text(thread_page(moderator_client, thread))
    assert f"/community/posts/{post.pk}/reveal/" not in text(thread_page(member_client, thread))
