"""Issue 5's journey in the forums, in real Chromium: a member posts words that say they are
about to act; they see the crisis lines for their country at once and their post stays up
(nobody is silenced for asking for help); the moderator on duty, in another browser, is paged,
opens the alert — which shows the thread it came from — and acknowledges it. Another member's
post describing a method waits for the moderator, with its author told why, and the moderator
removes it with a reason from the queue."""

import re

import pytest
from django.test import Client
from playwright.sync_api import expect

from peercircle.accounts.models import Profile
from peercircle.accounts.tests.factories import UserFactory
from tests.browser.conftest import _new_context, _watch
from tests.browser.test_peer_matching import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DANGER = "I have the pills here and I'm going to take them all tonight."
METHOD = "What is the lethal dose of paracetamol? Asking for tonight."


@pytest.fixture
def people():
    from peercircle.community.models import SpaceKind
    from peercircle.community.services import rules_accept, space_create
    from peercircle.organizations.tests.factories import MembershipFactory, OrganizationFactory
    from peercircle.safety.models import RotaEntry

    organization = OrganizationFactory(name="Harbour Peer Network", slug="harbour")
    member = UserFactory(email="mara@example.org", profile__display_name="Mara")
    Profile.objects.filter(user=member).update(timezone="Europe/London", country="GB")
    other = UserFactory(email="tom@example.org", profile__display_name="Tom")
    moderator = UserFactory(email="robin@example.org", profile__display_name="Robin", two_factor=True)
    for person, role in ((member, "member"), (other, "member"), (moderator, "moderator")):
        MembershipFactory(user=person, organization=organization, role=role)
    RotaEntry.objects.create(organization=organization, moderator=moderator, position=1, on_duty=True)
    space = space_create(actor=moderator, name="Anxiety and low mood", kind=SpaceKind.TOPIC,
                         organization=organization, rules="Be kind.")
    for person in (member, other):
        rules_accept(person=person, space=space)
    return member, other, moderator


def _post_thread(page, base, title, words):
    page.goto(base + "/community/")
    page.get_by_role("link", name="Anxiety and low mood").click()
    page.get_by_role("link", name="Start a thread").click()
    page.get_by_label("Title").fill(title)
    page.get_by_label("Your post").fill(words)
    page.get_by_role("button", name="Post the thread").click()


def test_a_post_in_danger_shows_crisis_lines_and_the_moderator_acknowledges(
        page, browser, live_server, people, page_problems, shoot):
    member, other, moderator = people
    base = live_server.url
    sign_in(page, base, member)
    _post_thread(page, base, "Tonight", DANGER)
    support = page.locator("#crisis-support")
    expect(support.get_by_role("heading", name="You don't have to go through this alone")).to_be_visible()
    expect(support).to_contain_text("116 123")  # Samaritans, for someone in the UK
    expect(page.locator("main")).to_contain_text(DANGER)  # the post is up: nobody is silenced
    shoot(page, "crisis-lines-after-posting")
    assert not page_problems.report(), "member: " + page_problems.report()

    # Someone else asks for a method: the post waits, and they are told why.
    context = _new_context(browser, page_problems)
    writer = _watch(context.new_page(), page_problems)
    try:
        sign_in(writer, base, other)
        _post_thread(writer, base, "A question", METHOD)
        expect(writer.locator("main")).to_contain_text("waiting for a moderator")
        shoot(writer, "held-for-review")
    finally:
        context.close()

    client = Client()
    client.force_login(moderator)
    moderator_context = _new_context(browser, page_problems)
    moderator_context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": base}])
    moderator_page = _watch(moderator_context.new_page(), page_problems)
    try:
        moderator_page.goto(base + "/notifications/")
        expect(moderator_page.locator("main")).to_contain_text(re.compile("alert", re.I))
        moderator_page.goto(base + "/safety/alerts/")
        moderator_page.get_by_role("link", name=re.compile("Imminent", re.I)).first.click()
        main = moderator_page.locator("main")
        expect(main).to_contain_text("take them all tonight")
        expect(main).to_contain_text("Anxiety and low mood")
        shoot(moderator_page, "alert-from-a-post")
        moderator_page.get_by_role("button", name="Acknowledge: I am on it").click()
        expect(main).to_contain_text("Acknowledged")

        moderator_page.goto(base + "/community/moderation/")
        moderator_page.get_by_role("link", name="A question").click()
        shoot(moderator_page, "post-to-moderate")
        expect(moderator_page.locator("main")).to_contain_text("lethal dose")
        moderator_page.get_by_role("group", name="What should happen to the post?").get_by_label(
            re.compile("Remove: nobody")).check()
        moderator_page.get_by_label(re.compile("Reason .the author reads it")).fill(
            "It asks for a method, which can put other readers at risk. We've reached out to you.")
        shoot(moderator_page, "removing")
        moderator_page.get_by_role("button", name="Save the decision").click()
        expect(moderator_page.locator("main")).to_contain_text("The author has been told")
        assert not page_problems.report(), "moderator: " + page_problems.report()
    finally:
        moderator_context.close()
    from peercircle.community.models import Post
    from peercircle.safety.models import SafetyAlert

    alert = SafetyAlert.objects.get(level="imminent")
    assert alert.acknowledged_by == moderator and alert.context == "forum_post"
    assert Post.objects.get(thread__title="A question").state == "removed"
