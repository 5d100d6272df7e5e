"""A newcomer's first visit, end to end in real Chromium: sign up, verify the email, record
two experiences, choose who sees a detail, take their data with them, and log out."""

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EMAIL = "sam.newcomer@example.org"
PASSWORD = "quiet-harbour-lantern-42"
NAME = "Sam"
WHO_CAN_SEE = re.compile(r"^Who can see")
CONFIRM_LINK = re.compile(r"https?://\S+/accounts/confirm-email/\S+")


def _confirmation_link(mailoutbox) -> str:
    assert len(mailoutbox) == 1, [m.subject for m in mailoutbox]
    message = mailoutbox[0]
    assert message.to == [EMAIL]
    match = CONFIRM_LINK.search(message.body)
    assert match, message.body
    return match.group(0)


def test_newcomer_signs_up_records_experiences_exports_and_leaves(
    page, live_server, mailoutbox, shoot, page_problems
):
    base = live_server.url

    # 1. The public home page invites them to join; the sign-up form is filled by its labels.
    page.goto(base + "/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    shoot(page, "home-public")
    page.get_by_role("link", name="Join", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label(re.compile(r"^Password:?$")).fill(PASSWORD)
    page.get_by_label(re.compile(r"^Password \(again\)")).fill(PASSWORD)
    page.get_by_label("Name to show others").fill(NAME)
    page.get_by_label(re.compile("agree to the terms of use")).check()
    shoot(page, "signup-filled")
    page.get_by_role("button", name=re.compile("Sign Up", re.I)).click()
    expect(page.get_by_role("heading", name=re.compile("verify your email", re.I))).to_be_visible()
    shoot(page, "verify-email-sent")

    # 2. The link in the email asks them to confirm, then they are signed in.
    link = _confirmation_link(mailoutbox)
    assert link.startswith(base + "/"), link  # built from the address they signed up at
    page.goto(link)
    expect(page.get_by_text(EMAIL).first).to_be_visible()
    shoot(page, "confirm-email")
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("heading", name=f"Welcome back, {NAME}")).to_be_visible()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    shoot(page, "signed-in-home")

    # 3. Two experiences, added through the HTMX form (JavaScript is on in this browser).
    page.get_by_role("navigation", name="Main").get_by_role("link", name="My experiences").click()
    expect(page.get_by_role("heading", name="My experiences", level=1)).to_be_visible()
    expect(page.get_by_text("Nothing yet.")).to_be_visible()
    form = page.locator("#experience-add-form")
    expect(form).to_have_attribute("hx-post", "/me/experiences/")
    page.wait_for_function("() => window.htmx !== undefined")

    # Forgetting to choose shows what is missing, in place, without a page load.
    form.get_by_role("button", name="Add experience").click()
    expect(form.get_by_text("This field is required.")).to_be_visible()
    expect(form.locator(".errorlist").first).to_be_focused()
    shoot(page, "experience-missing-choice")

    form.get_by_label(re.compile(r"^Experience:?$")).select_option(label="Depression")
    with page.expect_request(
        lambda r: r.method == "POST" and r.url.endswith("/me/experiences/")
        and r.headers.get("hx-request") == "true"
    ):
        form.get_by_role("button", name="Add experience").click()
    items = page.locator("#experience-list > li")
    expect(items).to_have_count(1)
    expect(items.first.get_by_role("heading")).to_contain_text("Depression")
    expect(page.get_by_text("Added. You can change or remove it at any time.")).to_be_visible()
    shoot(page, "first-experience")

    form = page.locator("#experience-add-form")
    form.get_by_label(re.compile(r"^Experience:?$")).select_option(label="Loss of a parent")
    form.get_by_label("As family or a friend").check()
    form.get_by_label("Where you are with it").select_option(label="In the past")
    form.get_by_role("button", name="Add experience").click()
    expect(items).to_have_count(2)
    parent_item = items.filter(has_text="Loss of a parent")
    expect(parent_item).to_contain_text("As family or a friend")
    expect(parent_item).to_contain_text("In the past")
    expect(parent_item).to_contain_text("Used for matching only")
    shoot(page, "second-experience")

    # 4a. They make one experience private through its Change page.
    parent_item.get_by_role("link", name=re.compile("^Change")).click()
    expect(page.get_by_role("heading", name="Loss of a parent", level=1)).to_be_visible()
    page.get_by_label(WHO_CAN_SEE).select_option(label="Only me")
    shoot(page, "experience-change")
    page.get_by_role("button", name="Save changes").click()
    expect(page).to_have_url(re.compile(r"/me/experiences/$"))
    expect(page.get_by_text("Your changes are saved.")).to_be_visible()
    expect(items.filter(has_text="Loss of a parent")).to_contain_text("Only me")
    expect(items.filter(has_text="Depression")).to_contain_text("Used for matching only")
    shoot(page, "experience-private")

    # 4b. On the profile, the bio is theirs alone; the choice survives a reload.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Profile").click()
    expect(page.get_by_role("heading", name="Your profile", level=1)).to_be_visible()
    page.get_by_label("About me").fill("Learning to take it one day at a time.")
    bio_row = page.locator(".field-row", has=page.get_by_label("About me"))
    expect(bio_row.get_by_label(WHO_CAN_SEE).locator("option:checked")).to_have_text(
        "My matches and groups"
    )
    bio_row.get_by_label(WHO_CAN_SEE).select_option(label="Only me")
    page.get_by_role("button", name="Save profile").click()
    expect(page.get_by_text("Your profile is saved.")).to_be_visible()
    shoot(page, "profile-saved")
    page.reload()
    expect(page.get_by_text("Your profile is saved.")).to_have_count(0)
    expect(bio_row.get_by_label(WHO_CAN_SEE).locator("option:checked")).to_have_text("Only me")
    expect(page.get_by_label("About me")).to_have_value("Learning to take it one day at a time.")

    # 5. They download everything PeerCircle holds about them.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Privacy & data").click()
    expect(page.get_by_role("heading", name="Privacy & data", level=1)).to_be_visible()
    shoot(page, "privacy")
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download my data").click()
    download = download_info.value
    assert re.fullmatch(r"peercircle-my-data-\d{8}\.json", download.suggested_filename)
    exported = json.loads(Path(download.path()).read_text(encoding="utf-8"))
    assert exported["account"]["email"] == EMAIL
    assert {"email": EMAIL, "verified": True, "primary": True} in exported["account"]["email_addresses"]
    experiences = {e["code"]: e for e in exported["experiences"]["experiences"]}
    assert set(experiences) == {"mental_health.depression", "grief.parent"}
    assert experiences["grief.parent"]["visibility"] == "private"
    assert experiences["grief.parent"]["relation"] == "family_friend"
    assert exported["profile"]["display_name"] == NAME
    assert exported["profile"]["visibility"]["bio"] == "private"

    # 6. Logging out brings back the public home page.
    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("link", name="Join", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Log out")).to_have_count(0)
    expect(page.get_by_role("heading", name="You don't have to go through this alone.")).to_be_visible()
    shoot(page, "logged-out")

    assert not page_problems.report(), page_problems.report()
