"""Screening events are about what a person wrote: staff reads are audited, the person gets
them in their data export, and they go when the account goes."""

import pytest

from peercircle.accounts.tests.factories import PASSWORD
from peercircle.core.models import AuditEntry
from peercircle.safety.models import ScreeningEvent

pytestmark = pytest.mark.django_db

WORRYING = "Most nights I want to die."


@pytest.fixture
def a_worrying_story(member, member_client):
    member_client.post("/api/v1/me/experiences", {"code": "grief.child", "story": WORRYING},
                       content_type="application/json")
    return ScreeningEvent.objects.get(author=member)


def test_staff_opening_a_screening_event_in_the_admin_is_an_audited_read(staff_client, staff_user, member,
                                                                        a_worrying_story):
    response = staff_client.get(f"/admin/safety/screeningevent/{a_worrying_story.pk}/change/")

    assert response.status_code == 200
    entry = AuditEntry.objects.get(action="screeningevent.read_confidential")
    assert (entry.actor, entry.subject, entry.is_staff_action) == (staff_user, member, True)
    assert "want to die" not in response.content.decode()


def test_text_others_can_read_keeps_what_was_matched_for_the_moderator(member, member_client):
    member_client.patch("/api/v1/me/profile", {"bio": WORRYING}, content_type="application/json")

    event = ScreeningEvent.objects.get(author=member, context="profile.bio")
    assert event.reasons == ["i want to die"]


def test_my_data_export_holds_my_screening_events_without_any_words(member_client, a_worrying_story,
                                                                   other_member_client):
    other_member_client.patch("/api/v1/me/profile", {"bio": "I want to die"}, content_type="application/json")

    data = member_client.get("/api/v1/me/export").json()

    assert len(data["screening"]) == 1
    assert data["screening"][0].items() >= {
        "context": "experience.story", "level": "high", "categories": ["suicide"]}.items()
    assert set(data["screening"][0]) == {"created_at", "context", "level", "categories"}


def test_deleting_my_account_deletes_my_screening_events(member, member_client, a_worrying_story,
                                                        other_member, other_member_client):
    other_member_client.patch("/api/v1/me/profile", {"bio": "I want to die"}, content_type="application/json")

    member_client.post("/me/delete/", {"password": PASSWORD, "confirm": "on"})

    assert not ScreeningEvent.objects.filter(pk=a_worrying_story.pk).exists()
    assert ScreeningEvent.objects.filter(author=other_member).exists()
