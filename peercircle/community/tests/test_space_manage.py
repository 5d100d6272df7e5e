"""Opening and looking after spaces, by the organization's admins and moderators only."""

import html

from peercircle.community.models import RulesAcceptance, Space
from peercircle.community.services import rules_accept


def test_a_moderator_opens_a_space_and_changes_its_rules(organization, moderator, moderator_client, member):
    page = moderator_client.get("/community/manage/new/")
    assert page.status_code == 200
    refused = moderator_client.post("/community/manage/new/", {
        "organization": organization.slug, "name": "Carers' corner", "kind": "topic", "rules": ""})
    shown = html.unescape(refused.content.decode())
    assert "Please write the space's rules" in shown and 'value="Carers\' corner"' in shown
    moderator_client.post("/community/manage/new/", {
        "organization": organization.slug, "name": "Carers' corner", "kind": "organization",
        "rules": "Be kind.", "allow_anonymous": "on", "experiences": ["grief"]})
    space = Space.objects.get(name="Carers' corner")
    assert space.kind == "organization" and space.allow_anonymous and space.organization == organization
    rules_accept(person=member, space=space)
    moderator_client.post(f"/community/manage/{space.slug}/", {"form": "rules", "rules": "Be kind. No selling."})
    space.refresh_from_db()
    assert space.rules_version == 2
    assert RulesAcceptance.objects.get(person=member).version == 1  # asked again before the next post
    moderator_client.post(f"/community/manage/{space.slug}/", {"form": "space", "name": "Carers' corner",
                                                               "description": "", "is_archived": "on"})
    space.refresh_from_db()
    assert space.is_archived


def test_members_cannot_manage_spaces(member_client, topic_space):
    assert member_client.get("/community/manage/").status_code == 404
    assert member_client.get("/community/manage/new/").status_code == 404
    assert member_client.get(f"/community/manage/{topic_space.slug}/").status_code == 404


def test_another_organizations_moderator_cannot_manage_it(topic_space, other_organization):
    from django.test import Client

    from peercircle.accounts.tests.factories import UserFactory
    from peercircle.organizations.tests.factories import MembershipFactory

    stranger = UserFactory(two_factor=True)
    MembershipFactory(user=stranger, organization=other_organization, role="moderator")
    client = Client()
    client.force_login(stranger)
    assert client.get(f"/community/manage/{topic_space.slug}/").status_code == 404


def test_spaces_in_the_api(organization, moderator_client, member_client):
    json = "application/json"
    made = moderator_client.post("/api/v1/community/manage/spaces", {
        "organization": organization.slug, "name": "Night owls", "kind": "topic", "rules": "Be kind."},
        content_type=json)
    assert made.status_code == 201 and made.json()["rules_version"] == 1
    changed = moderator_client.patch(f"/api/v1/community/manage/spaces/{made.json()['slug']}",
                                     {"rules": "Be kind. No selling.", "allow_anonymous": True}, content_type=json)
    assert changed.json()["rules_version"] == 2 and changed.json()["allow_anonymous"] is True
    assert member_client.patch(f"/api/v1/community/manage/spaces/{made.json()['slug']}", {"name": "x"},
                               content_type=json).status_code == 404
    assert member_client.post("/api/v1/community/manage/spaces", {
        "organization": organization.slug, "name": "Mine", "kind": "topic", "rules": "x"},
        content_type=json).status_code == 404
