"""Everything a member does works with JavaScript switched off (plain forms, full pages)."""

import re

import pytest
from allauth.account.models import EmailAddress
from playwright.sync_api import expect

from peercircle.accounts.models import User
from peercircle.accounts.services import consent_give, profile_create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EMAIL = "robin.nojs@example.org"
PASSWORD = "slow-river-pebble-77"


@pytest.fixture
def member():
    user = User.objects.create_user(email=EMAIL, password=PASSWORD)
    EmailAddress.objects.create(user=user, email=EMAIL, verified=True, primary=True)
    profile_create(user=user, display_name="Robin")
    for kind in ("terms", "privacy"):
        consent_give(user=user, kind=kind)
    return user


def test_member_manages_experiences_without_javascript(no_js_page, live_server, member, shoot):
    page = no_js_page
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Log in").click()
    page.get_by_label(re.compile(r"^Email")).fill(EMAIL)
    page.get_by_label(re.compile(r"^Password:?$")).fill(PASSWORD)
    page.get_by_role("button", name=re.compile("Sign In", re.I)).click()
    expect(page.get_by_role("heading", name="Welcome back, Robin")).to_be_visible()

    page.get_by_role("navigation", name="Main").get_by_role("link", name="My experiences").click()
    form = page.locator("#experience-add-form")
    form.get_by_role("button", name="Add experience").click()
    expect(page.get_by_text("This field is required.")).to_be_visible()
    shoot(page, "missing-choice")

    form = page.locator("#experience-add-form")
    form.get_by_label(re.compile(r"^Experience:?$")).select_option(label="Alcohol")
    form.get_by_label(re.compile(r"^Where you are with it")).select_option(label="In recovery")
    form.get_by_label(re.compile(r"^Who can see this")).select_option(label="Shown to peers")
    form.get_by_role("button", name="Add experience").click()
    items = page.locator("#experience-list > li")
    expect(items).to_have_count(1)
    expect(items.first).to_contain_text("Alcohol")
    expect(items.first).to_contain_text("In recovery")
    expect(items.first).to_contain_text("Shown to peers")
    shoot(page, "added")

    items.first.get_by_role("button", name=re.compile("^Remove")).click()
    expect(page.get_by_text("Removed.")).to_be_visible()
    expect(items).to_have_count(0)
    expect(page.get_by_text("Nothing yet.")).to_be_visible()
    shoot(page, "removed")

    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("link", name="Join", exact=True)).to_be_visible()
