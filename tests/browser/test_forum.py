"""The forums' journey in real Chromium: a member accepts a space's rules and posts under a
pseudonym with a content warning; another member (in another browser) opens the thread, sees
the warning, chooses to open the post, reacts "Me too" in place, and replies (accepting the
rules on the way, with their words kept); the first member sees the reaction counted."""

import re

import pytest
from playwright.sync_api import expect

from peercircle.accounts.tests.factories import UserFactory
from tests.browser.conftest import _new_context, _watch
from tests.browser.test_peer_matching import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WORDS = "Mum's funeral was in March. I still set two cups out every morning."


@pytest.fixture
def people():
    from peercircle.community.models import SpaceKind
    from peercircle.community.services import space_create
    from peercircle.organizations.tests.factories import MembershipFactory, OrganizationFactory

    organization = OrganizationFactory(name="Harbour Peer Network", slug="harbour")
    writer = UserFactory(email="ana@example.org", profile__display_name="Ana Reyes")
    reader = UserFactory(email="ben@example.org", profile__display_name="Ben")
    moderator = UserFactory(email="robin@example.org", profile__display_name="Robin", two_factor=True)
    for person, role in ((writer, "member"), (reader, "member"), (moderator, "moderator")):
        MembershipFactory(user=person, organization=organization, role=role)
    space_create(actor=moderator, name="Living with grief", kind=SpaceKind.TOPIC, organization=organization,
                 rules="Be kind. Speak from your own experience.", allow_anonymous=True,
                 description="For anyone who has lost someone.")
    return writer, reader


def test_a_pseudonymous_post_with_a_warning_is_opened_reacted_to_and_answered(
        page, browser, live_server, people, page_problems, shoot):
    writer, reader = people
    base = live_server.url

    # 1. The writer starts a thread: the rules first, then the form, under a pseudonym.
    sign_in(page, base, writer)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Forums").click()
    page.get_by_role("link", name="Living with grief").click()
    page.get_by_role("link", name="Start a thread").click()
    expect(page.get_by_role("heading", name="Rules of Living with grief")).to_be_visible()
    page.get_by_role("button", name="I accept these rules").click()
    expect(page.get_by_role("heading", name="Start a thread")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Posting as Ana Reyes")
    page.get_by_label("Title").fill("Two cups every morning")
    page.get_by_label("Your post").fill(WORDS)
    page.get_by_role("group", name="Content warnings").get_by_label("Details of a death or loss").check()
    page.get_by_label("Post under my pseudonym in this space").check()
    shoot(page, "new-thread")
    page.get_by_role("button", name="Post the thread").click()
    expect(page.locator("main")).to_contain_text("Your thread is up.")
    pseudonym = page.locator("#post-1 .post-by").inner_text()
    assert pseudonym and "Ana" not in pseudonym
    assert not page_problems.report(), "writer: " + page_problems.report()

    # 2. The reader, in another browser, finds it folded behind its warning.
    other = _new_context(browser, page_problems)
    reader_page = _watch(other.new_page(), page_problems)
    try:
        sign_in(reader_page, base, reader)
        reader_page.goto(base + "/community/")
        reader_page.get_by_role("link", name="Living with grief").click()
        reader_page.get_by_role("link", name="Two cups every morning").click()
        reader_page.wait_for_function("() => window.htmx !== undefined")
        post = reader_page.locator("#post-1")
        expect(post.locator("summary")).to_contain_text("Content warning: Details of a death or loss")
        expect(post.get_by_text(WORDS)).to_be_hidden()
        expect(post).to_contain_text(pseudonym)
        assert "Ana" not in reader_page.locator("main").inner_text()
        shoot(reader_page, "folded")
        post.locator("summary").click()
        expect(post.get_by_text(WORDS)).to_be_visible()

        me_too = post.get_by_role("button", name=re.compile("^Me too"))
        expect(me_too).to_have_attribute("aria-pressed", "false")
        me_too.click()
        me_too = post.get_by_role("button", name=re.compile("^Me too"))
        expect(me_too).to_have_attribute("aria-pressed", "true")
        expect(me_too).to_contain_text("1")
        assert reader_page.url.startswith(base + "/community/threads/")  # answered in place
        shoot(reader_page, "reacted")

        # 3. They reply: the space's rules come first, and their words wait for them.
        reader_page.get_by_label("Your reply").fill("Sending you strength. I did the same with Dad's chair.")
        reader_page.get_by_role("button", name="Post the reply").click()
        reader_page.get_by_role("button", name="I accept these rules").click()
        expect(reader_page.get_by_label("Your reply")).to_have_value(
            "Sending you strength. I did the same with Dad's chair.")
        reader_page.get_by_role("button", name="Post the reply").click()
        expect(reader_page.locator("main")).to_contain_text("Your reply is up.")
        expect(reader_page.locator("#post-2")).to_contain_text("Sending you strength.")
        shoot(reader_page, "replied")
        assert not page_problems.report(), "reader: " + page_problems.report()
    finally:
        other.close()

    # 4. The writer sees the reaction counted, and the reply.
    page.reload()
    mine = page.locator("#post-1")
    expect(mine.get_by_role("button", name=re.compile("^Me too"))).to_contain_text("1")
    expect(mine).to_contain_text("Me too: A member")
    expect(page.locator("#post-2")).to_contain_text("Sending you strength.")
    shoot(page, "writer-sees-the-count")
    assert not page_problems.report(), page_problems.report()


def test_without_javascript_a_warned_post_opens_and_a_reaction_counts(no_js_page, live_server, people, shoot):
    from peercircle.community.models import Space
    from peercircle.community.services import rules_accept, thread_create

    writer, reader = people
    space = Space.objects.get()
    rules_accept(person=writer, space=space)
    thread = thread_create(person=writer, space=space, title="Two cups every morning", text=WORDS,
                           content_warnings=["grief"], anonymous=True)
    page, base = no_js_page, live_server.url

    sign_in(page, base, reader)
    page.goto(f"{base}/community/threads/{thread.pk}/")
    post = page.locator("#post-1")
    expect(post.get_by_text(WORDS)).to_be_hidden()
    post.locator("summary").click()
    expect(post.get_by_text(WORDS)).to_be_visible()
    post.get_by_role("button", name=re.compile("^Me too")).click()
    me_too = page.locator("#post-1").get_by_role("button", name=re.compile("^Me too"))
    expect(me_too).to_have_attribute("aria-pressed", "true")
    expect(me_too).to_contain_text("1")
    page.get_by_role("button", name="Follow this thread").click()
    expect(page.get_by_role("button", name="Stop following")).to_be_visible()
    shoot(page, "no-js-reacted")
