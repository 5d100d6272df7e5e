"""The safety journey in real Chromium: a member writes, in their request for a peer supporter,
words that say they are about to act; they see crisis lines at once, in calm words; the
moderator on duty, in another browser, is paged, opens the alert and acknowledges it."""

import re

import pytest
from django.test import Client
from playwright.sync_api import expect

from peercircle.accounts.models import Profile
from peercircle.accounts.tests.factories import UserFactory
from tests.browser.conftest import _new_context, _watch
from tests.browser.test_peer_matching import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def people():
    from peercircle.matching.tests.factories import OneToOneProgramFactory
    from peercircle.organizations.tests.factories import MembershipFactory, OrganizationFactory
    from peercircle.safety.models import RotaEntry

    organization = OrganizationFactory(name="Harbour Peer Network", slug="harbour")
    OneToOneProgramFactory(organization=organization, name="Walking alongside", slug="walking-alongside")
    member = UserFactory(email="mara@example.org", profile__display_name="Mara")
    Profile.objects.filter(user=member).update(timezone="Europe/London", languages=["en"], country="GB")
    MembershipFactory(user=member, organization=organization, role="member")
    moderator = UserFactory(email="robin@example.org", profile__display_name="Robin", two_factor=True)
    MembershipFactory(user=moderator, organization=organization, role="moderator")
    RotaEntry.objects.create(organization=organization, moderator=moderator, position=1, on_duty=True)
    return member, moderator


def test_a_member_in_danger_sees_crisis_lines_and_the_moderator_on_duty_acknowledges(
        page, browser, live_server, people, page_problems, shoot):
    member, moderator = people
    base = live_server.url
    sign_in(page, base, member)
    page.goto(base + "/peer-support/")
    page.get_by_role("link", name=re.compile("^Ask here")).click()
    page.get_by_role("group", name="Would you like to share").get_by_role("checkbox").first.check()
    page.get_by_label(re.compile("^What you hope for")).fill(
        "I have the pills here and I'm going to take them all tonight.")
    page.get_by_role("group", name="Your age group").get_by_label("26 to 40").check()
    page.get_by_role("group", name="Ways you would like to talk").get_by_label("Chat").check()
    page.get_by_role("button", name="Ask for a peer supporter").click()

    support = page.locator("#crisis-support")
    expect(support.get_by_role("heading", name="You don't have to go through this alone")).to_be_visible()
    expect(support).to_contain_text("116 123")  # Samaritans, for someone in the UK
    expect(support).to_contain_text("call your local emergency number")
    shoot(page, "crisis-lines")
    assert not page_problems.report(), "member: " + page_problems.report()

    # The moderator on duty, signed in (with two-factor) in another browser, is paged.
    client = Client()
    client.force_login(moderator)
    other = _new_context(browser, page_problems)
    other.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": base}])
    moderator_page = _watch(other.new_page(), page_problems)
    try:
        moderator_page.goto(base + "/notifications/")
        expect(moderator_page.locator("main")).to_contain_text(re.compile("alert", re.I))
        moderator_page.goto(base + "/safety/alerts/")
        moderator_page.get_by_role("link", name=re.compile("Imminent", re.I)).first.click()
        expect(moderator_page.get_by_role("heading", name=re.compile("Safety alert"))).to_be_visible()
        expect(moderator_page.locator("main")).to_contain_text("take them all tonight")
        shoot(moderator_page, "alert")
        assert not page_problems.report(), "moderator: " + page_problems.report()
        moderator_page.get_by_role("button", name="Acknowledge: I am on it").click()
        expect(moderator_page.locator("main")).to_contain_text("Acknowledged")
        shoot(moderator_page, "acknowledged")
    finally:
        other.close()
    from peercircle.safety.models import SafetyAlert

    alert = SafetyAlert.objects.get()
    assert alert.level == "imminent" and alert.acknowledged_by == moderator
    assert not page_problems.report(), page_problems.report()
