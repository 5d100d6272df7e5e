"""The issue's journey in real Chromium: a member describes what they are going through in their
own words, confirms the experience suggested, asks for a peer supporter; a supporter (in another
browser) reads the request without the member's name and says yes; the member sees who, and
why in plain words, and says yes too; now each side sees the other."""

import re

import pytest
from playwright.sync_api import expect

from peercircle.accounts.models import Profile
from peercircle.accounts.tests.factories import PASSWORD, UserFactory
from tests.browser.conftest import _new_context, _watch

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _fresh_supporter_index():
    from peercircle.matching import index

    index.reset()
    yield
    index.reset()


@pytest.fixture
def people():
    from peercircle.experiences.tests.factories import PersonExperienceFactory
    from peercircle.matching.tests.factories import (
        OneToOneProgramFactory,
        SupporterProfileFactory,
        SupporterProgramFactory,
    )
    from peercircle.organizations.tests.factories import MembershipFactory, OrganizationFactory

    organization = OrganizationFactory(name="Harbour Peer Network", slug="harbour")
    program = OneToOneProgramFactory(organization=organization, name="Walking alongside", slug="walking-alongside")
    supporter = UserFactory(email="jordan@example.org", profile__display_name="Jordan")
    MembershipFactory(user=supporter, organization=organization, role="peer_supporter")
    PersonExperienceFactory(user=supporter, code="grief.parent", stage="past")
    profile = SupporterProfileFactory(user=supporter, timezone="Europe/London",
                                      about="I lost my mum six years ago. I like slow walks and long chats.")
    profile.about_html = "<p>I lost my mum six years ago. I like slow walks and long chats.</p>"
    profile.save()
    SupporterProgramFactory(supporter=profile, program=program, certified=True)
    member = UserFactory(email="mara@example.org", profile__display_name="Mara")
    Profile.objects.filter(user=member).update(timezone="Europe/London", languages=["en"])
    return member, supporter


def sign_in(page, base, user):
    page.goto(base + "/accounts/login/")
    page.get_by_label(re.compile(r"^Email")).fill(user.email)
    page.get_by_label(re.compile(r"^Password:?$")).fill(PASSWORD)
    page.get_by_role("button", name=re.compile("Sign In", re.I)).click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()


def test_a_member_is_matched_with_a_supporter_who_says_yes(page, browser, live_server, people, page_problems,
                                                          shoot):
    member, supporter = people
    base = live_server.url
    sign_in(page, base, member)

    # 1. In their own words, on My experiences; they confirm what is suggested.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="My experiences").click()
    page.wait_for_function("() => window.htmx !== undefined")
    page.get_by_label("What are you going through?").fill("mum passed in March and the house is so quiet")
    page.get_by_role("button", name="Suggest").click()
    suggestions = page.get_by_role("list", name="Suggestions")
    expect(suggestions).to_contain_text("Loss of a parent")
    shoot(page, "suggestions")
    suggestions.get_by_role("link", name=re.compile("Use this Loss of a parent")).click()
    form = page.locator("#experience-add-form")
    expect(form.get_by_label(re.compile(r"^Experience:?$")).locator("option:checked")).to_have_text(
        "Loss of a parent")
    form.get_by_role("button", name="Add experience").click()
    expect(page.locator("#experience-list > li").filter(has_text="Loss of a parent")).to_have_count(1)

    # 2. Find a peer supporter: the form starts from what they told us.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Peer support").click()
    expect(page.get_by_role("heading", name="Find a peer supporter", level=1)).to_be_visible()
    shoot(page, "programs")
    page.get_by_role("link", name=re.compile("^Ask here")).click()
    expect(page.get_by_role("heading", name="Find a peer supporter", level=1)).to_be_visible()
    expect(page.get_by_label("Loss of a parent")).to_be_checked()
    expect(page.get_by_label("English", exact=True)).to_be_checked()
    expect(page.get_by_label("Your time zone")).to_have_value("Europe/London")
    page.get_by_label(re.compile("^What you hope for")).fill("Someone to talk to on quiet evenings")
    page.get_by_role("group", name="Ways you would like to talk").get_by_label("Chat").check()

    # Forgetting their age group: a kind message, and nothing they typed is lost.
    page.get_by_role("button", name="Ask for a peer supporter").click()
    expect(page.get_by_text("Tell us your age group, so we can match you safely.").first).to_be_visible()
    expect(page.locator(".error-summary")).to_be_focused()
    expect(page.get_by_label(re.compile("^What you hope for"))).to_have_value("Someone to talk to on quiet evenings")
    shoot(page, "request-needs-age")

    page.get_by_role("group", name="Your age group").get_by_label("26 to 40").check()
    page.get_by_label("Tuesday, evening").check()
    shoot(page, "request-filled")
    page.get_by_role("button", name="Ask for a peer supporter").click()
    expect(page.get_by_text("Your request is in")).to_be_visible()
    expect(page.get_by_role("heading", name="A supporter is reading your request")).to_be_visible()
    shoot(page, "supporter-reading")

    # 3. The supporter, in another browser, reads the request without the member's name and says yes.
    other = _new_context(browser, page_problems)
    supporter_page = _watch(other.new_page(), page_problems)
    try:
        sign_in(supporter_page, base, supporter)
        supporter_page.get_by_role("navigation", name="Main").get_by_role("link", name="Peer support").click()
        supporter_page.get_by_role("link", name="Read their request").click()
        expect(supporter_page.get_by_role("heading", name="Someone may be a good match for you")).to_be_visible()
        expect(supporter_page.get_by_text("Someone to talk to on quiet evenings")).to_be_visible()
        expect(supporter_page.get_by_text("Tuesday evening").first).to_be_visible()
        expect(supporter_page.locator("main")).not_to_contain_text("Mara")
        shoot(supporter_page, "supporter-reads-request")
        supporter_page.get_by_role("button", name="Yes, I can support them").click()
        expect(supporter_page.get_by_role("heading", name="Thank you for offering to support them")).to_be_visible()

        # 4. The member sees who, and why; they say yes.
        page.reload()
        expect(page.get_by_role("heading", name="Jordan would like to support you")).to_be_visible()
        why = page.get_by_role("list", name="Why this match")
        expect(why).to_contain_text("You both have lived experience of loss of a parent")
        expect(why).to_contain_text("Both free Tuesday evening")
        page.get_by_role("link", name="Read more and answer").click()
        expect(page.get_by_text("I lost my mum six years ago.")).to_be_visible()
        shoot(page, "offer")
        page.get_by_role("button", name="Yes, let's start").click()
        expect(page.get_by_role("heading", name="You're matched with Jordan", level=1)).to_be_visible()
        expect(page.get_by_role("list", name="Why this match")).to_contain_text("Both speak English")
        shoot(page, "matched")

        # 5. The supporter now sees the member's name.
        supporter_page.goto(base + "/peer-support/")
        expect(supporter_page.get_by_role("link", name="Mara")).to_be_visible()
        shoot(supporter_page, "supporter-sees-name")
    finally:
        other.close()
    assert not page_problems.report(), page_problems.report()


def test_asking_for_a_peer_supporter_works_without_javascript(no_js_page, live_server, people, shoot):
    page = no_js_page
    member, _supporter = people
    sign_in(page, live_server.url, member)
    page.goto(live_server.url + "/peer-support/")
    page.get_by_role("link", name=re.compile("^Ask here")).click()
    page.get_by_label("Loss of a parent").check()
    page.get_by_label(re.compile("^In your own words")).fill("The house is so quiet since March.")

    page.get_by_role("button", name="Ask for a peer supporter").click()  # no age group, no way to talk

    expect(page.get_by_role("alert")).to_contain_text("Tell us your age group")
    expect(page.get_by_role("alert")).to_contain_text("Choose at least one way to talk")
    expect(page.get_by_text("Ticked now: Loss of a parent.")).to_be_visible()
    expect(page.get_by_label(re.compile("^In your own words"))).to_have_value("The house is so quiet since March.")
    shoot(page, "refused-without-js")
    page.get_by_role("group", name="Your age group").get_by_label("41 to 60").check()
    page.get_by_role("group", name="Ways you would like to talk").get_by_label("Video call").check()
    page.get_by_role("button", name="Ask for a peer supporter").click()

    expect(page.get_by_role("heading", name="A supporter is reading your request")).to_be_visible()
