"""Crisis lines by country, with the international fallback and an organization's own lines;
the one crisis support box after words that sound like someone is in danger."""

import pytest
from django.core import mail
from django.test import Client

from peercircle.core.models import AuditEntry
from peercircle.core.tests.helpers import text
from peercircle.safety.models import CrisisLine

pytestmark = pytest.mark.django_db

DANGER = "I want to kill myself tonight, nobody would miss me"


def lines(response) -> str:
    """Just the crisis lines list of a page."""
    body = text(response)
    start = body.index('<ul class="item-list crisis-lines">')
    return body[start:body.index("</ul>", start)]


@pytest.mark.parametrize("country, expected, not_expected", [
    ("US", ["988 Suicide & Crisis Lifeline", "988lifeline.org"], ["Samaritans"]),
    ("GB", ["Samaritans", "116 123"], ["988"]),
    ("IE", ["Samaritans Ireland", "116 123"], ["Lifeline"]),
    ("CA", ["9-8-8"], ["Samaritans"]),
    ("AU", ["Lifeline Australia", "13 11 14"], ["Samaritans"]),
    ("ES", ["024", "112"], ["Samaritans"]),
    ("MX", ["Línea de la Vida", "800 911 2000"], ["Samaritans"]),
])
def test_the_help_page_lists_the_lines_for_the_chosen_country_and_the_international_directory(
        client, country, expected, not_expected):
    found = lines(client.get("/help/", {"country": country}))

    for words in expected:
        assert words in found
    for words in not_expected:
        assert words not in found
    assert "findahelpline.com" in found


def test_a_country_without_bundled_lines_still_gets_the_international_directory(client):
    found = lines(client.get("/help/", {"country": "FR"}))

    assert "Find A Helpline" in found and "findahelpline.com" in found


def test_the_country_comes_from_the_profile_and_for_visitors_from_their_browser(member, member_client):
    member.profile.country = "AU"
    member.profile.save()
    assert "13 11 14" in lines(member_client.get("/help/"))

    visitor = Client(headers={"accept-language": "es-MX,es;q=0.9,en;q=0.5"})
    page = visitor.get("/help/")
    assert "800 911 2000" in lines(page) and "Líneas de crisis en México" in text(page), "and in Spanish"
    nowhere = Client(headers={"accept-language": "en"}).get("/help/")
    assert lines(nowhere).count('class="crisis-line"') == 1 and "findahelpline.com" in lines(nowhere)


def test_the_country_switcher_is_a_plain_form(client):
    page = text(client.get("/help/", {"country": "GB"}))

    assert '<form method="get" action="/help/"' in page
    assert '<option value="GB" selected>United Kingdom</option>' in page


def test_lines_are_shown_in_spanish(client):
    client.cookies["django_language"] = "es"
    page = client.get("/help/", {"country": "US"})
    found = lines(page)

    assert "988 Línea de Prevención del Suicidio y Crisis" in found and "24 horas, todos los días" in found
    assert "Líneas de crisis en Estados Unidos" in text(page) and "Ver líneas de" in text(page)


def test_the_api_lists_lines_for_a_country_and_never_returns_none(client):
    body = client.get("/api/v1/crisis-lines", {"country": "GB"}).json()
    assert body["country"] == "GB"
    assert [line["key"] for line in body["lines"]] == ["gb-samaritans", "intl-findahelpline"]
    assert all(line["source"].startswith("https://") and line["checked"] for line in body["lines"])

    unknown = client.get("/api/v1/crisis-lines", {"country": "ZZ"}).json()
    assert [line["key"] for line in unknown["lines"]] == ["intl-findahelpline"]


def test_an_organization_adds_and_overrides_lines_for_its_people(org_admin_client, organization, member,
                                                                 member_client, other_member_client):
    member.profile.country = "GB"
    member.profile.save()
    page = org_admin_client.get(f"/organizations/{organization.slug}/manage/")
    assert "/manage/crisis-lines/" in text(page)

    added = org_admin_client.post(f"/organizations/{organization.slug}/manage/crisis-lines/", {
        "name": "Harbour night line", "phone": "0800 111 222", "country": "GB", "hours": "8pm to 8am",
        "source": "https://harbour.example.org/night", "checked": "2026-11-01", "position": 0})
    assert added.status_code == 302
    replaced = org_admin_client.post("/api/v1/organizations/harbour/crisis-lines", {
        "name": "Samaritans (Leeds branch)", "phone": "116 123", "key": "gb-samaritans", "country": "GB"},
        content_type="application/json")
    assert replaced.status_code == 201

    found = lines(member_client.get("/help/"))
    assert found.index("Harbour night line") < found.index("Samaritans (Leeds branch)") < found.index("Find A Helpline")
    assert "Samaritans</strong>" not in found, "the bundled entry is replaced"
    stranger = lines(other_member_client.get("/help/", {"country": "GB"}))
    assert "Harbour night line" not in stranger and "Samaritans</strong>" in stranger
    assert AuditEntry.objects.filter(action="crisis_line.create").count() == 2


def test_org_admins_edit_and_remove_lines_and_nobody_else_may(org_admin_client, organization, member_client,
                                                              org_admin):
    from peercircle.safety.crisis_services import crisis_line_create

    line = crisis_line_create(actor=org_admin, organization=organization, name="Harbour line", phone="123")
    base = f"/organizations/{organization.slug}/manage/crisis-lines/"
    assert member_client.get(base).status_code == 404
    assert member_client.post(f"{base}{line.pk}/delete/").status_code == 404
    assert member_client.get("/api/v1/organizations/harbour/crisis-lines").status_code == 404

    org_admin_client.post(f"{base}{line.pk}/", {"name": "Harbour day line", "phone": "456", "position": 1})
    assert "Harbour day line" in text(org_admin_client.get(base))
    patched = org_admin_client.patch(f"/api/v1/organizations/harbour/crisis-lines/{line.pk}",
                                     {"hours": "9 to 5"}, content_type="application/json")
    assert patched.json()["hours"] == "9 to 5" and patched.json()["name"] == "Harbour day line"
    org_admin_client.post(f"{base}{line.pk}/delete/")
    assert not CrisisLine.objects.exists()
    assert AuditEntry.objects.filter(action__in=["crisis_line.update", "crisis_line.delete"]).count() == 3


def test_a_line_needs_a_way_to_reach_it_and_a_real_web_address(org_admin_client, organization):
    page = org_admin_client.post(f"/organizations/{organization.slug}/manage/crisis-lines/", {"name": "Nothing"})
    assert "Give a phone number, a text number or a website" in text(page)

    sneaky = org_admin_client.post("/api/v1/organizations/harbour/crisis-lines",
                                   {"name": "Line", "url": "javascript:alert(1)"}, content_type="application/json")
    assert sneaky.status_code == 400 and "must start with https://" in sneaky.json()["detail"]
    assert not CrisisLine.objects.exists()


# --- The crisis support box where words sound like danger ----------------------------------------

def test_danger_in_suggest_words_shows_the_lines_for_my_country_and_my_peer_supporter(member, member_client,
                                                                                        active_match):
    member.profile.country = "GB"
    member.profile.save()
    page = text(member_client.post("/me/experiences/suggest/", {"words": DANGER}))

    assert "You don't have to go through this alone" in page
    assert "116 123" in page and "Talk to your peer supporter, Sol" in page
    assert f"/peer-support/matches/{active_match.pk}/" in page and "/me/crisis-plan/" in page


def test_everyday_words_show_no_crisis_box(member_client):
    page = text(member_client.post("/me/experiences/suggest/", {"words": "my dad died in the spring"}))

    assert "go through this alone" not in page


def test_danger_at_sign_up_shows_the_same_box_with_the_browser_country(client):
    from peercircle.accounts.tests.test_signup_and_login import confirmation_path, signup

    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en-AU,en;q=0.8"
    waiting = text(client.get(signup(client, own_words=DANGER)["Location"]))
    assert "You don't have to go through this alone" in waiting and "13 11 14" in waiting
    assert "Talk to your peer supporter" not in waiting
    client.post(confirmation_path(mail.outbox[-1]))
    assert "13 11 14" in text(client.get("/me/experiences/suggest/"))


def test_danger_in_a_support_request_shows_the_box_once_on_the_next_page(member, member_client, program):
    from peercircle.matching.tests.test_member_pages import ASK, request_form

    member.profile.country = "ES"
    member.profile.save()
    page = text(member_client.post(ASK, request_form(story="Since mum died I want to die most nights."), follow=True))

    assert "You don't have to go through this alone" in page and "024" in page
    assert "go through this alone" not in text(member_client.get("/peer-support/")), "shown once"
