"""What the forum pages never give away: a group's or an organization's space to people outside
it (404, the same as nothing), the person behind a pseudonym, and anything executable from
what people write."""

import pytest

from peercircle.community.models import Space, SpaceKind
from peercircle.community.services import (
    post_create,
    post_edit,
    reaction_toggle,
    rules_accept,
    space_create,
    space_for_group,
    thread_create,
)
from peercircle.core.tests.helpers import outline, text

pytestmark = pytest.mark.django_db


def every_page_of(thread):
    post = thread.posts.get(number=1)
    return [
        f"/community/spaces/{thread.space.slug}/", f"/community/spaces/{thread.space.slug}/rules/",
        f"/community/spaces/{thread.space.slug}/new/", f"/community/threads/{thread.pk}/",
        f"/community/threads/{thread.pk}/reply/", f"/community/posts/{post.pk}/",
        f"/community/posts/{post.pk}/history/", f"/community/posts/{post.pk}/edit/",
    ]


def posts_to(thread):
    post = thread.posts.get(number=1)
    return [
        (f"/community/threads/{thread.pk}/reply/", {"text": "hello"}),
        (f"/community/threads/{thread.pk}/follow/", {"follow": "1"}),
        (f"/community/posts/{post.pk}/react/", {"kind": "me_too"}),
        (f"/community/spaces/{thread.space.slug}/rules/", {}),
    ]


def assert_not_found_everywhere(client, thread):
    for url in every_page_of(thread):
        assert client.get(url).status_code == 404, url
    for url, data in posts_to(thread):
        assert client.post(url, data).status_code == 404, url


# --- A group's space ----------------------------------------------------------------------------

@pytest.fixture
def group(member, organization):
    from peercircle.groups.tests.factories import GroupMembershipFactory, SupportGroupFactory

    group = SupportGroupFactory(name="Tuesday walkers", slug="tuesday-walkers", organization=organization)
    GroupMembershipFactory(group=group, user=member)
    return group


@pytest.fixture
def group_thread(group, member):
    space = space_for_group(group=group)
    rules_accept(person=member, space=space)
    return thread_create(person=member, space=space, title="Our walk on Sunday", text="Meet at the gate?")


def test_a_groups_members_find_its_space_from_the_group(member_client, group):
    response = member_client.get("/groups/tuesday-walkers/space/")

    space = Space.objects.get(group=group)
    assert response["Location"] == f"/community/spaces/{space.slug}/"
    page = text(member_client.get(response["Location"]))
    assert "Tuesday walkers" in page and "Private to the group's members" in page
    assert "/groups/tuesday-walkers/space/" in text(member_client.get("/groups/tuesday-walkers/"))


def test_a_groups_space_is_not_found_by_anyone_outside_the_group(peer_supporter_client, other_member_client,
                                                                 group_thread, member):
    for client in (peer_supporter_client, other_member_client):
        assert client.get("/groups/tuesday-walkers/space/").status_code == 404
        assert_not_found_everywhere(client, group_thread)
        assert "Tuesday walkers" not in text(client.get("/community/"))
        assert "Group space" not in text(client.get("/groups/tuesday-walkers/"))


def test_people_who_left_the_group_lose_its_space(member, member_client, group, group_thread):
    from peercircle.groups.models import GroupMembership

    GroupMembership.objects.filter(group=group, user=member).update(status="left")

    assert member_client.get("/groups/tuesday-walkers/space/").status_code == 404
    assert member_client.get(f"/community/threads/{group_thread.pk}/").status_code == 404


# --- An organization's space --------------------------------------------------------------------

def test_an_organizations_space_is_not_found_by_people_outside_it(member, member_client, other_member_client,
                                                                  organization, moderator):
    space = space_create(actor=moderator, name="Harbour members' corner", kind=SpaceKind.ORGANIZATION,
                         organization=organization, rules="Be kind.")
    rules_accept(person=member, space=space)
    thread = thread_create(person=member, space=space, title="Harbour news", text="The café reopens.")

    assert member_client.get(f"/community/threads/{thread.pk}/").status_code == 200
    assert_not_found_everywhere(other_member_client, thread)
    assert "Harbour members' corner" not in text(other_member_client.get("/community/"))


def test_a_missing_space_thread_and_post_look_the_same_as_private_ones(member_client):
    for url in ("/community/spaces/nowhere/", "/community/threads/999999/", "/community/posts/999999/",
                "/community/posts/999999/history/", "/groups/nowhere/space/"):
        assert member_client.get(url).status_code == 404, url


# --- Pseudonyms ---------------------------------------------------------------------------------

def test_nothing_on_any_page_tells_who_is_behind_a_pseudonym(member, peer_supporter, peer_supporter_client,
                                                             moderator_client, topic_space, accepted):
    accepted(member, peer_supporter)
    thread = thread_create(person=member, space=topic_space, title="Since the funeral", text="I can't cry.",
                           anonymous=True, content_warnings=["grief"])
    theirs = post_create(person=peer_supporter, thread=thread, text="That happened to me too.")
    mine = post_create(person=member, thread=thread, text="Thank you.", anonymous=True, quote_of=theirs)
    post_edit(person=member, post=mine, text="Thank you, truly.")
    reaction_toggle(person=member, post=theirs, kind="this_helped")
    reaction_toggle(person=peer_supporter, post=mine, kind="me_too")
    pseudonym = thread.pseudonym.name
    slug = topic_space.slug

    pages = {
        "reader": [peer_supporter_client.get(url) for url in (
            "/community/", f"/community/spaces/{slug}/", f"/community/threads/{thread.pk}/",
            f"/community/threads/{thread.pk}/reply/?quote={mine.pk}")],
        "moderator": [moderator_client.get(url) for url in (
            f"/community/threads/{thread.pk}/", f"/community/posts/{mine.pk}/history/")],
    }
    for who, responses in pages.items():
        for response in responses:
            assert response.status_code == 200, who
            page = text(response)
            assert "Mara" not in page, (who, response.request["PATH_INFO"])
            assert str(member.public_id) not in page and member.email not in page
            assert f"/people/{member.public_id}" not in page
    thread_page = text(pages["reader"][2])
    assert pseudonym in thread_page and "This helped: " in thread_page  # Sol sees who reacted to Sol's post
    assert f"This helped: {pseudonym}" in thread_page
    assert f"Started by {pseudonym}" in text(pages["reader"][1])


def test_the_pseudonym_form_says_what_the_pseudonym_is_once_there_is_one(member, member_client, topic_space,
                                                                        accepted):
    accepted(member)
    thread = thread_create(person=member, space=topic_space, title="A", text="One", anonymous=True)

    page = text(member_client.get(f"/community/spaces/{topic_space.slug}/new/"))

    assert f"Your pseudonym in this space is <strong>{thread.pseudonym.name}</strong>" in page


def test_spaces_without_pseudonyms_do_not_offer_them(member, member_client, topic_space, accepted):
    topic_space.allow_anonymous = False
    topic_space.save()
    accepted(member)

    page = text(member_client.get(f"/community/spaces/{topic_space.slug}/new/"))

    assert "Post under my pseudonym" not in page and "Posting as <strong>Mara</strong>" in page


# --- Nothing executable from what people write --------------------------------------------------

XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">click me</a>',
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](  javascript:alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "<javascript:alert(1)>",
    '![pic](x" onerror="alert(1))',
    "<svg onload=alert(1)>",
    '<iframe src="https://evil.example/"></iframe>',
    '<div style="background:url(javascript:alert(1))">hi</div>',
    '<p onmouseover="alert(1)">hover</p>',
    "<<script>script>alert(1)<</script>/script>",
    "<details open ontoggle=alert(1)>",
    '[link](https://example.org "title" onclick=alert(1))',
    "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
    "<form action=javascript:alert(1)><button>go</button></form>",
]


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_nothing_executable_survives_in_a_post_or_a_title(member, peer_supporter, peer_supporter_client,
                                                          member_client, topic_space, accepted, payload):
    accepted(member, peer_supporter)
    thread = thread_create(person=member, space=topic_space, title=payload[:150],
                           text=f"Before\n\n{payload}\n\nafter")
    first = thread.posts.get()
    reply = post_create(person=peer_supporter, thread=thread, text=f"Quoting\n\n{payload}", quote_of=first,
                        content_warnings=["abuse"])
    post_edit(person=member, post=first, text=f"Edited\n\n{payload}")

    for client, url in ((peer_supporter_client, f"/community/threads/{thread.pk}/"),
                        (peer_supporter_client, f"/community/spaces/{topic_space.slug}/"),
                        (peer_supporter_client, f"/community/threads/{thread.pk}/reply/?quote={first.pk}"),
                        (member_client, f"/community/posts/{first.pk}/history/"),
                        (member_client, f"/community/posts/{first.pk}/edit/"),
                        (peer_supporter_client, f"/community/posts/{reply.pk}/edit/")):
        response = client.get(url)
        assert response.status_code == 200, url
        assert outline(response).executable() == [], url
        main = response.content.decode().split("<main")[1].split("</main>")[0]
        assert "<script" not in main, url


def test_a_reply_under_ones_own_pseudonymous_thread_starts_under_the_pseudonym(member, member_client, topic_space,
                                                                              accepted):
    from peercircle.core.tests.helpers import form_values

    accepted(member)
    thread = thread_create(person=member, space=topic_space, title="A", text="One", anonymous=True,
                           content_warnings=["grief"])

    page = member_client.get(f"/community/threads/{thread.pk}/")

    assert form_values(page, "reply-form")["anonymous"] == "on"
    assert form_values(member_client.get(f"/community/threads/{thread.pk}/reply/"), "reply-form")["anonymous"] == "on"
    assert '<details class="cw">' not in page.content.decode()  # their own words are not folded for them
