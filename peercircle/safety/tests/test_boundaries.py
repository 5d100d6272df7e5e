"""Boundary checks per organization: contact details and dosing advice wait for a moderator in
the spaces the organization hosts (and, later, its direct messages), and the writer is told why."""

import pytest

from peercircle.community.models import PostState
from peercircle.community.services import post_create, rules_accept, space_create, thread_create
from peercircle.safety.content_checks import contact_details, dosing_advice, method_details

JSON = "application/json"


@pytest.mark.parametrize("text", [
    "email me at sam.r@example.org", "call me on +44 7700 900123", "my number is in my bio",
    "add me on whatsapp 07700900123", "mi numero es el 612 345 678",
])
def test_contact_details_are_found(text):
    assert contact_details(text)


@pytest.mark.parametrize("text", [
    "I called the helpline yesterday", "We meet at 7pm on the 3rd floor", "Day 120 sober today!",
    "The meeting is in room 12, 2024 was a hard year",
])
def test_ordinary_numbers_are_not_contact_details(text):
    assert not contact_details(text)


@pytest.mark.parametrize("text", [
    "just take 100mg, it helps", "you should double your dose", "stop taking your antidepressants, they're poison",
    "deja de tomar la medicación", "sube la dosis",
])
def test_dosing_advice_is_found(text):
    assert dosing_advice(text)


@pytest.mark.parametrize("text", [
    "My doctor raised my dose last week", "I take my meds every morning", "I stopped drinking 40 days ago",
])
def test_talking_about_ones_own_medication_is_not_advice(text):
    assert not dosing_advice(text)


@pytest.mark.parametrize(("text", "found"), [
    ("what is the lethal dose of paracetamol", True),
    ("how many pills would it take to not wake up", True),
    ("the easiest way to kill yourself", True),
    ("cuántas pastillas hacen falta para morir", True),
    ("I took too many pills once, years ago, and I'm glad I'm here", False),
    ("I don't want to die, I want the pain to stop", False),
])
def test_method_details(text, found):
    assert bool(method_details(text)) is found


@pytest.fixture
def space(organization, moderator, member):
    space = space_create(actor=moderator, name="Recovery café", kind="topic", organization=organization,
                         rules="Be kind.")
    rules_accept(person=member, space=space)
    return space


def test_contact_details_wait_for_a_moderator_by_default(member, space):
    post = thread_create(person=member, space=space, title="Coffee?", text="Text me on 07700 900123").posts.get()
    assert post.state == PostState.PENDING and "contact details" in post.state_reason


def test_an_organization_can_turn_a_check_off(member, space, organization, org_admin_client):
    page = org_admin_client.get(f"/organizations/{organization.slug}/manage/boundaries/")
    assert page.status_code == 200 and "Boundary checks" in page.content.decode()
    org_admin_client.post(f"/organizations/{organization.slug}/manage/boundaries/", {"hold_dosing_advice": "on"})
    thread = thread_create(person=member, space=space, title="Coffee?", text="Text me on 07700 900123")
    assert thread.posts.get().state == PostState.VISIBLE
    advice = post_create(person=member, thread=thread, text="You should double your dose")
    assert advice.state == PostState.PENDING and "medicine" in advice.state_reason


def test_boundaries_in_the_api_for_admins_only(organization, org_admin_client, member_client):
    url = f"/api/v1/organizations/{organization.slug}/boundaries"
    assert org_admin_client.get(url).json() == {"hold_contact_details": True, "hold_dosing_advice": True}
    changed = org_admin_client.put(url, {"hold_contact_details": False, "hold_dosing_advice": True},
                                   content_type=JSON)
    assert changed.json()["hold_contact_details"] is False
    assert member_client.get(url).status_code == 404
    assert member_client.get(f"/organizations/{organization.slug}/manage/boundaries/").status_code == 404
