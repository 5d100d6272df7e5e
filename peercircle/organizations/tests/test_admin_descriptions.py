"""Descriptions edited in the Django admin go through the text pipeline like any other: staff
type the text, PeerCircle renders the HTML."""

import pytest

from peercircle.core.tests.helpers import form_values, text
from peercircle.organizations.models import Organization, Program
from peercircle.organizations.tests.factories import ProgramFactory

pytestmark = pytest.mark.django_db

SCRIPT = '<script>alert("x")</script><p onclick="steal()">Hi</p>'


def test_an_organizations_description_html_is_rendered_not_typed(staff_client, organization):
    ProgramFactory(organization=organization)
    url = f"/admin/organizations/organization/{organization.pk}/change/"
    page = staff_client.get(url)
    assert 'name="description_html"' not in page.content.decode()
    assert 'name="programs-0-description_html"' not in page.content.decode()
    form = form_values(page, "organization_form")
    form["description"] = "Walks on **Sundays**. <script>alert(1)</script>"
    form["description_html"] = SCRIPT

    response = staff_client.post(url, form)

    assert response.status_code == 302, text(response)
    organization.refresh_from_db()
    assert organization.description_html == (
        "<p>Walks on <strong>Sundays</strong>. &lt;script&gt;alert(1)&lt;/script&gt;</p>\n")
    public_page = staff_client.get(f"/organizations/{organization.slug}/").content.decode()
    assert "<script>alert" not in public_page and "onclick" not in public_page


def test_a_programs_description_html_is_rendered_not_typed(staff_client, organization):
    program = ProgramFactory(organization=organization, description_html=SCRIPT)
    url = f"/admin/organizations/program/{program.pk}/change/"
    page = staff_client.get(url)
    assert 'name="description_html"' not in page.content.decode()
    form = form_values(page, "program_form")
    form["description"] = "Every _Tuesday_."
    form["description_html"] = SCRIPT

    assert staff_client.post(url, form).status_code == 302
    program.refresh_from_db()
    assert program.description_html == "<p>Every <em>Tuesday</em>.</p>\n"


def test_programs_saved_from_the_organization_page_get_their_description_re_rendered(staff_client, organization):
    program = ProgramFactory(organization=organization, description="Plain *words*", description_html=SCRIPT)
    url = f"/admin/organizations/organization/{organization.pk}/change/"
    form = form_values(staff_client.get(url), "organization_form")
    form["programs-0-name"] = "Walk and talk, renamed"

    assert staff_client.post(url, form).status_code == 302
    program.refresh_from_db()
    assert program.name == "Walk and talk, renamed"
    assert program.description_html == "<p>Plain <em>words</em></p>\n"
    assert Organization.objects.get(pk=organization.pk).description_html.startswith("<p>Peer support")
    assert Program.objects.filter(organization=organization).count() == 1
