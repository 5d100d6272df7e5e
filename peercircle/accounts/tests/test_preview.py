"""A person can see their own profile as others see it."""

import pytest

from peercircle.core.tests.helpers import text

pytestmark = pytest.mark.django_db


@pytest.fixture
def mara(member):
    profile = member.profile
    profile.pronouns, profile.pronouns_visibility = "she/her", "connections"
    profile.bio, profile.bio_html, profile.bio_visibility = "Gardener.", "<p>Gardener.</p>", "organization"
    profile.languages, profile.languages_visibility = ["es", "bsl"], "organization"
    profile.save()
    return member


def test_previewing_as_organization_members_shows_only_what_they_may_see(member_client, mara):
    page = text(member_client.get(f"/people/{mara.public_id}/?as=organization"))

    assert "Preview: this is what members of your organizations see." in page
    assert "Gardener." in page and "she/her" not in page
    assert "Spanish, British Sign Language" in page


def test_previewing_as_a_match_shows_what_matches_and_groups_see(member_client, mara):
    page = text(member_client.get(f"/people/{mara.public_id}/?as=connections"))

    assert "she/her" in page and "Gardener." in page


def test_previewing_as_everyone_else_shows_that_the_page_does_not_exist_for_them(member_client, mara):
    page = text(member_client.get(f"/people/{mara.public_id}/?as=stranger"))

    assert "To them, your page does not exist." in page
    assert "Gardener." not in page and "she/her" not in page


def test_someone_else_cannot_use_a_preview_to_see_more(other_member_client, mara):
    assert other_member_client.get(f"/people/{mara.public_id}/?as=connections").status_code == 404
