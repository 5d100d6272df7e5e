"""The language switcher in the footer changes the whole page's language."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_visitor_switches_to_spanish_and_it_sticks(page, live_server, shoot):
    page.goto(live_server.url + "/experiences/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    shoot(page, "english")

    switcher = page.locator("form.language-switcher")
    switcher.get_by_label("Language").select_option(value="es")
    switcher.get_by_role("button").click()

    # They stay on the page they were reading, now in Spanish, and the choice is remembered.
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page).to_have_url(live_server.url + "/experiences/")
    expect(page.locator("#language-select option:checked")).to_have_attribute("value", "es")
    shoot(page, "spanish")
    page.goto(live_server.url + "/")
    expect(page.locator("html")).to_have_attribute("lang", "es")

    page.locator("#language-select").select_option(value="en")
    page.locator("form.language-switcher").get_by_role("button").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
