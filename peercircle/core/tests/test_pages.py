"""Every main page loads for its role and has the basics: a language, one heading, a skip
link and a label on every field. Plus headers, the 404 page and switching language."""

import pytest
from django.test import Client

from peercircle.accounts.models import User
from peercircle.core.tests.helpers import outline, signed_in, text
from peercircle.experiences.tests.factories import PersonExperienceFactory

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = [
    "/", "/help/", "/about/agreements/", "/organizations/", "/organizations/harbour/", "/experiences/",
    "/experiences/grief.parent/", "/accounts/login/", "/accounts/signup/", "/accounts/password/reset/",
]
MEMBER_PAGES = [
    "/", "/me/profile/", "/me/experiences/", "/me/experiences/{experience}/edit/", "/me/privacy/", "/me/delete/",
    "/me/tokens/", "/people/{me}/", "/organizations/harbour/", "/accounts/email/", "/accounts/password/change/",
    "/accounts/2fa/",
]
ROLE_PAGES = [
    ("peer_supporter", "/"), ("peer_supporter", "/me/experiences/"),
    ("facilitator", "/"), ("facilitator", "/organizations/harbour/"),
    ("clinician", "/"), ("clinician", "/me/profile/"),
    ("moderator", "/"), ("moderator", "/me/privacy/"), ("moderator", "/accounts/2fa/"),
    ("org_admin", "/"), ("org_admin", "/organizations/harbour/manage/"),
    ("staff_user", "/"), ("staff_user", "/me/profile/"),
]


def assert_is_a_well_formed_page(response):
    assert response.status_code == 200
    page = outline(response)
    assert page.html_lang, "the <html> element needs a lang"
    assert page.h1_count == 1, f"one <h1> per page, found {page.h1_count}"
    assert page.has_skip_link
    assert page.unlabelled_fields() == []
    assert page.executable() == []


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_pages_load_for_anyone_and_are_well_formed(path, organization):
    assert_is_a_well_formed_page(Client().get(path))


@pytest.mark.parametrize("path", MEMBER_PAGES)
def test_member_pages_load_and_are_well_formed(path, member, member_client):
    experience = PersonExperienceFactory(user=member)

    assert_is_a_well_formed_page(member_client.get(path.format(experience=experience.pk, me=member.public_id)))


@pytest.mark.parametrize("role, path", ROLE_PAGES)
def test_pages_load_for_each_role(request, role, path):
    client = signed_in(request.getfixturevalue(role))

    assert_is_a_well_formed_page(client.get(path))


def test_the_staff_can_open_the_django_admin(staff_client):
    assert staff_client.get("/admin/").status_code == 200


def test_the_health_check_answers(client):
    assert client.get("/healthz").json() == {"status": "ok"}


def test_pages_send_security_headers_and_load_nothing_from_other_hosts(member_client):
    for path in ("/", "/me/profile/", "/organizations/"):
        response = member_client.get(path)
        csp = response["Content-Security-Policy"]
        assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
        assert "http:" not in csp and "https:" not in csp and "*" not in csp
        assert response["X-Frame-Options"] == "DENY"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"
        assert outline(response).executable() == []


def test_an_unknown_page_gets_the_friendly_404(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert "We couldn't find that page" in text(response)
    assert "find a crisis line" in text(response)
    assert outline(response).html_lang == "en"


def test_pages_that_need_an_account_send_visitors_to_sign_in(client):
    for path in ("/me/profile/", "/me/privacy/", "/me/tokens/", "/me/delete/"):
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith(f"/accounts/login/?next={path}")


# --- Language -------------------------------------------------------------------------------------

def test_switching_language_when_signed_in_is_remembered_on_the_account(member_client, member):
    response = member_client.post("/i18n/language/", {"language": "es", "next": "/organizations/"})

    assert response.status_code == 302 and response["Location"] == "/organizations/"
    assert User.objects.get(pk=member.pk).language == "es"
    page = member_client.get("/")
    assert outline(page).html_lang == "es"
    assert "Saltar al contenido principal" in text(page)

    on_another_device = signed_in(User.objects.get(pk=member.pk))
    assert outline(on_another_device.get("/")).html_lang == "es"


def test_switching_language_as_a_visitor_uses_a_cookie(client):
    client.post("/i18n/language/", {"language": "es", "next": "/"})

    page = client.get("/")
    assert outline(page).html_lang == "es"
    assert "Organizaciones" in text(page)


def test_an_unknown_language_changes_nothing(member_client, member):
    member_client.post("/i18n/language/", {"language": "xx", "next": "/"})

    assert User.objects.get(pk=member.pk).language == "en"
    assert outline(member_client.get("/")).html_lang == "en"


def test_the_language_switch_never_redirects_to_another_site(client):
    response = client.post("/i18n/language/", {"language": "es", "next": "https://evil.example/"})

    assert response["Location"] == "/"


def test_the_language_switch_needs_a_post(client):
    assert client.get("/i18n/language/?language=es").status_code == 405
