"""What others see of a person, on the page and through the API, at each visibility level."""

import pytest
from django.test import Client
from django.utils import timezone

from peercircle.accounts.access import name_for
from peercircle.accounts.models import Profile
from peercircle.core import registry
from peercircle.core.tests.helpers import signed_in, text
from peercircle.organizations.models import Membership

pytestmark = pytest.mark.django_db


@pytest.fixture
def connections(monkeypatch):
    """Pairs (viewer, owner) that count as connected (a match or a shared group), told by a
    provider registered for this test only."""
    pairs: set[tuple[int, int]] = set()
    monkeypatch.setattr(registry, "_connection_providers", [])
    registry.register_connection_provider(lambda viewer, owner: (viewer.pk, owner.pk) in pairs)
    yield pairs
    assert len(registry.connection_providers()) == 1


@pytest.fixture
def mara(member):
    """`member`, with each profile field at a different visibility level."""
    Profile.objects.filter(user=member).update(
        display_name="Mara", display_name_visibility="organization",
        pronouns="she/her", pronouns_visibility="connections",
        languages=["ca"], languages_visibility="private",
        city="Valencia", country="ES", location_visibility="connections",
        timezone="Europe/Madrid", timezone_visibility="organization",
        bio="Quiet walks", bio_html="<p>Quiet walks</p>", bio_visibility="private",
    )
    return member


def profile_page(client, person):
    return client.get(f"/people/{person.public_id}/")


def profile_api(client, person):
    return client.get(f"/api/v1/people/{person.public_id}/profile")


def test_i_see_every_field_of_my_own_profile(mara, member_client):
    page = text(profile_page(member_client, mara))
    for value in ("Mara", "she/her", "Valencia", "Europe/Madrid", "Quiet walks", "Speaks"):
        assert value in page
    body = profile_api(member_client, mara).json()
    assert body["languages"] == ["ca"]
    assert body["bio_html"] == "<p>Quiet walks</p>"


def test_someone_in_my_organization_sees_only_organization_fields(mara, peer_supporter_client):
    page = profile_page(peer_supporter_client, mara)

    assert page.status_code == 200
    assert "Mara" in text(page) and "Europe/Madrid" in text(page)
    for hidden in ("she/her", "Valencia", "Quiet walks", "Speaks"):
        assert hidden not in text(page)
    body = profile_api(peer_supporter_client, mara).json()
    assert body["display_name"] == "Mara" and body["timezone"] == "Europe/Madrid"
    for hidden in ("pronouns", "languages", "city", "country", "bio_html"):
        assert hidden not in body


def test_a_connection_also_sees_fields_shared_with_connections(mara, other_member, other_member_client, connections):
    connections.add((other_member.pk, mara.pk))

    page = text(profile_page(other_member_client, mara))

    for shown in ("Mara", "she/her", "Valencia", "Europe/Madrid"):
        assert shown in page
    for hidden in ("Quiet walks", "Speaks"):
        assert hidden not in page
    body = profile_api(other_member_client, mara).json()
    assert (body["pronouns"], body["city"]) == ("she/her", "Valencia")
    assert "languages" not in body and "bio_html" not in body


def test_a_connection_is_one_way_as_the_provider_says(mara, other_member, member_client, connections):
    connections.add((other_member.pk, mara.pk))

    assert profile_page(member_client, other_member).status_code == 404


def test_a_stranger_gets_404_when_nothing_is_visible_to_them(mara, other_member_client, connections):
    assert profile_page(other_member_client, mara).status_code == 404
    assert profile_api(other_member_client, mara).status_code == 404
    assert profile_api(other_member_client, mara).json() == {"detail": "Not found."}


def test_private_fields_stay_hidden_even_from_connections_and_colleagues(mara, other_member, other_member_client,
                                                                         connections, organization):
    connections.add((other_member.pk, mara.pk))
    Membership.objects.create(user=other_member, organization=organization, role="member")

    body = profile_api(other_member_client, mara).json()

    assert "languages" not in body and "bio_html" not in body


def test_a_person_whose_shared_membership_ended_is_a_stranger_again(mara, peer_supporter, peer_supporter_client):
    Membership.objects.filter(user=peer_supporter).update(ended_at=timezone.now())

    assert profile_page(peer_supporter_client, mara).status_code == 404


def test_when_everything_is_private_even_colleagues_get_404(mara, peer_supporter_client):
    Profile.objects.filter(user=mara).update(display_name_visibility="private", timezone_visibility="private")

    assert profile_page(peer_supporter_client, mara).status_code == 404
    assert profile_api(peer_supporter_client, mara).status_code == 404


def test_deactivated_and_deleted_accounts_are_not_found(mara, peer_supporter_client, member_client):
    mara.is_active = False
    mara.save(update_fields=["is_active"])
    assert profile_page(peer_supporter_client, mara).status_code == 404
    assert profile_api(peer_supporter_client, mara).status_code == 404

    mara.is_active, mara.deleted_at = True, timezone.now()
    mara.save(update_fields=["is_active", "deleted_at"])
    assert profile_page(peer_supporter_client, mara).status_code == 404


def test_an_unknown_person_is_not_found(member_client):
    assert member_client.get("/people/00000000-0000-0000-0000-000000000000/").status_code == 404
    assert member_client.get("/api/v1/people/00000000-0000-0000-0000-000000000000/profile").status_code == 404


def test_people_pages_need_signing_in(mara):
    assert profile_page(Client(), mara).status_code == 302
    assert profile_api(Client(), mara).status_code == 401


def test_my_display_name_next_to_my_words_follows_its_visibility(mara, facilitator, other_member):
    assert name_for(facilitator, mara) == "Mara"
    assert name_for(other_member, mara) == "A member"
    Profile.objects.filter(user=mara).update(display_name_visibility="private")
    mara.refresh_from_db()
    assert name_for(facilitator, mara) == "A member"
    assert name_for(mara, mara) == "Mara"


def test_every_role_in_my_organization_counts_as_a_colleague(mara, facilitator, clinician, moderator):
    for colleague in (facilitator, clinician, moderator):
        assert profile_page(signed_in(colleague), mara).status_code == 200
