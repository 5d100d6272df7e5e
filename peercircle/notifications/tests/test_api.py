"""The notifications API: the same rules as the pages, in JSON."""

import pytest
from django.test import Client

from peercircle.accounts.tests.factories import PersonalTokenFactory
from peercircle.notifications.models import Notification, NotificationPreferences
from peercircle.notifications.tests.factories import NotificationFactory

pytestmark = pytest.mark.django_db
JSON = "application/json"


def test_my_notifications_are_listed_newest_first_and_paginated(member, member_client, other_member):
    for n in range(3):
        NotificationFactory(recipient=member, title=f"Note {n}")
    NotificationFactory(recipient=other_member, title="Not mine")

    body = member_client.get("/api/v1/notifications?limit=2").json()

    assert body["count"] == 3
    assert [item["title"] for item in body["items"]] == ["Note 2", "Note 1"]
    assert set(body["items"][0]) == {"id", "kind", "title", "body", "url", "created_at", "read_at"}


def test_reading_one_and_all(member, member_client):
    first, second, third = (NotificationFactory(recipient=member) for _n in range(3))

    one = member_client.post(f"/api/v1/notifications/{first.pk}/read")
    assert one.status_code == 200 and one.json()["read_at"] is not None
    assert member_client.get("/api/v1/notifications?unread=true").json()["count"] == 2

    everything = member_client.post("/api/v1/notifications/read-all")
    assert everything.json() == {"marked": 2}
    assert not Notification.objects.filter(recipient=member, read_at__isnull=True).exists()


def test_someone_elses_notification_answers_404(member_client, other_member):
    theirs = NotificationFactory(recipient=other_member)

    response = member_client.post(f"/api/v1/notifications/{theirs.pk}/read")

    assert response.status_code == 404 and response.json() == {"detail": "Not found."}


def test_preferences_read_and_replaced(member, member_client):
    assert member_client.get("/api/v1/me/notification-preferences").json() == {
        "meeting_reminders": True, "reminder_lead": "day", "email": True, "email_verified": True,
        "email_details": False, "listing_confirmation_reminders": True, "forum_replies": True}

    changed = member_client.put("/api/v1/me/notification-preferences", {
        "meeting_reminders": True, "reminder_lead": "hours", "email": False, "email_details": True,
        "listing_confirmation_reminders": False, "forum_replies": False}, content_type=JSON)

    assert changed.status_code == 200 and changed.json()["reminder_lead"] == "hours"
    assert changed.json()["email"] is False and changed.json()["email_details"] is True
    saved = NotificationPreferences.objects.get(user=member)
    assert saved.reminder_lead == "hours" and saved.email_details is True and saved.forum_replies is False


def test_email_details_left_out_stays_as_it_is(member, member_client):
    everything = {"meeting_reminders": True, "reminder_lead": "day", "email": True,
                  "listing_confirmation_reminders": True}
    member_client.put("/api/v1/me/notification-preferences", {**everything, "email_details": True},
                      content_type=JSON)

    unchanged = member_client.put("/api/v1/me/notification-preferences", {**everything, "email": False},
                                  content_type=JSON)
    turned_off = member_client.put("/api/v1/me/notification-preferences", {**everything, "email_details": False},
                                   content_type=JSON)

    assert unchanged.status_code == 200 and unchanged.json()["email_details"] is True
    assert turned_off.json()["email_details"] is False
    assert NotificationPreferences.objects.get(user=member).email_details is False


def test_email_details_must_be_yes_or_no(member, member_client):
    refused = member_client.put("/api/v1/me/notification-preferences", {
        "meeting_reminders": True, "reminder_lead": "day", "email": True, "email_details": "maybe",
        "listing_confirmation_reminders": True}, content_type=JSON)

    assert refused.status_code == 422
    assert not NotificationPreferences.objects.filter(user=member).exists()


def test_a_bad_preference_is_refused_with_a_message_and_nothing_changes(member, member_client):
    refused = member_client.put("/api/v1/me/notification-preferences", {
        "meeting_reminders": False, "reminder_lead": "weekly", "email": False,
        "listing_confirmation_reminders": False}, content_type=JSON)
    incomplete = member_client.put("/api/v1/me/notification-preferences", {"email": False}, content_type=JSON)

    assert refused.status_code == 400 and "1 day before, 2 hours before, or both" in refused.json()["detail"]
    assert incomplete.status_code == 422
    assert not NotificationPreferences.objects.filter(user=member).exists()


def test_tokens_work_and_strangers_are_refused(member):
    token = PersonalTokenFactory(user=member)
    NotificationFactory(recipient=member)

    with_token = Client().get("/api/v1/notifications", headers={"Authorization": f"Bearer {token.raw_token}"})

    assert with_token.status_code == 200 and with_token.json()["count"] == 1
    assert Client().get("/api/v1/notifications").status_code == 401
    assert Client().get("/api/v1/me/notification-preferences").status_code == 401
