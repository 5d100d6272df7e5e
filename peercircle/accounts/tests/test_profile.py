import pytest

from peercircle.accounts.models import Profile
from peercircle.core.models import AuditEntry
from peercircle.core.tests.helpers import outline, text

pytestmark = pytest.mark.django_db

UNKNOWN_CITY = "We couldn't find “Atlantis”. Check the spelling, try a nearby larger town, or leave the city empty."


def profile_form(**changes) -> dict:
    data = {
        "display_name": "Mara", "display_name_visibility": "organization",
        "pronouns": "", "pronouns_visibility": "connections",
        "languages": [], "languages_visibility": "connections",
        "country": "", "city": "", "location_visibility": "private",
        "timezone": "UTC", "timezone_visibility": "connections",
        "bio": "", "bio_visibility": "connections",
    }
    data.update(changes)
    return data


def test_the_profile_page_saves_each_field_and_who_may_see_it(member_client, member):
    response = member_client.post("/me/profile/", profile_form(
        display_name="Mara B", pronouns="she/her", pronouns_visibility="private",
        languages=["en", "es"], languages_visibility="organization",
        bio="Walking helps.", bio_visibility="organization",
    ))

    assert response.status_code == 302
    assert "Your profile is saved." in text(member_client.get(response["Location"]))
    profile = Profile.objects.get(user=member)
    assert (profile.display_name, profile.pronouns, profile.languages) == ("Mara B", "she/her", ["en", "es"])
    assert profile.pronouns_visibility == "private"
    assert profile.languages_visibility == "organization"
    assert profile.bio_html == "<p>Walking helps.</p>\n"


def test_a_city_is_resolved_offline_to_coordinates_and_its_time_zone(member_client, member):
    member_client.post("/me/profile/", profile_form(country="ES", city="madrid"))

    profile = Profile.objects.get(user=member)
    assert (profile.city, profile.country, profile.timezone) == ("Madrid", "ES", "Europe/Madrid")
    assert round(profile.latitude, 1) == 40.4
    assert round(profile.longitude, 1) == -3.7


def test_a_time_zone_chosen_by_the_person_wins_over_the_citys(member_client, member):
    member_client.post("/me/profile/", profile_form(country="ES", city="Madrid", timezone="America/New_York"))

    assert Profile.objects.get(user=member).timezone == "America/New_York"


def test_an_unknown_city_gets_a_kind_message_and_nothing_is_changed(member_client, member):
    before = Profile.objects.get(user=member)
    audit_count = AuditEntry.objects.count()

    response = member_client.post("/me/profile/", profile_form(display_name="Changed", country="ES", city="Atlantis"))

    assert response.status_code == 200
    assert UNKNOWN_CITY in text(response)
    after = Profile.objects.get(user=member)
    assert (after.display_name, after.city, after.country) == (before.display_name, before.city, before.country)
    assert AuditEntry.objects.count() == audit_count


def test_an_empty_name_is_refused_and_the_old_one_kept(member_client, member):
    response = member_client.post("/me/profile/", profile_form(display_name="   "))

    assert response.status_code == 200
    assert Profile.objects.get(user=member).display_name == "Mara"


def test_the_api_updates_a_profile_and_resolves_the_city(member_client):
    response = member_client.patch("/api/v1/me/profile", {"country": "ES", "city": "Madrid", "pronouns": "they/them"},
                                   content_type="application/json")

    assert response.status_code == 200
    body = response.json()
    assert (body["city"], body["timezone"], body["pronouns"]) == ("Madrid", "Europe/Madrid", "they/them")
    assert round(body["latitude"], 1) == 40.4


def test_the_api_refuses_an_unknown_city_with_the_same_message_and_changes_nothing(member_client, member):
    response = member_client.patch("/api/v1/me/profile", {"city": "Atlantis", "country": "ES", "pronouns": "x"},
                                   content_type="application/json")

    assert response.status_code == 400
    assert response.json()["detail"] == UNKNOWN_CITY
    profile = Profile.objects.get(user=member)
    assert (profile.city, profile.pronouns) == ("", "")


@pytest.mark.parametrize("payload, message", [
    ({"languages": ["xx"]}, "We don't know the language code 'xx'."),
    ({"timezone": "Mars/Olympus"}, "Please choose a time zone from the list."),
    ({"country": "ZZ"}, "Please choose a country from the list."),
    ({"display_name": None}, "Leave a field out to keep it; null is not a value here."),
])
def test_the_api_refuses_bad_profile_values_with_a_clear_message(member_client, payload, message):
    response = member_client.patch("/api/v1/me/profile", payload, content_type="application/json")

    assert response.status_code == 400
    assert response.json()["detail"] == message


def test_the_api_refuses_an_unknown_visibility(member_client):
    response = member_client.patch("/api/v1/me/profile", {"bio_visibility": "everyone"},
                                   content_type="application/json")

    assert response.status_code == 422


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
]


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_nothing_executable_survives_in_a_rendered_bio(member_client, member, payload):
    member_client.post("/me/profile/", profile_form(bio=f"Hello\n\n{payload}\n\nbye", bio_visibility="organization"))

    page = member_client.get(f"/people/{member.public_id}/")
    assert page.status_code == 200
    assert "Hello" in text(page)
    assert outline(page).executable() == []
    bio_html = member_client.get("/api/v1/me/profile").json()["bio_html"]
    assert outline(bio_html).executable() == []
    assert "<script" not in bio_html
