"""notification_send, the one way any app tells a person something."""

import pytest
from django.core import mail

from peercircle.core.models import AuditEntry
from peercircle.notifications.models import Notification, NotificationPreferences
from peercircle.notifications.services import (
    NotificationError,
    notification_preferences_update,
    notification_send,
)
from peercircle.notifications.tests.factories import NotificationPreferencesFactory

pytestmark = pytest.mark.django_db


def send(recipient, **values):
    values = {"kind": "meeting_reminder", "title": "A reminder", "body": "Tomorrow.", "url": "/groups/",
              **values}
    return notification_send(recipient=recipient, **values)


def test_a_notification_is_stored_audited_and_emailed_after_commit(member, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        note = send(member)
        assert mail.outbox == []  # nothing leaves before the transaction commits
    for callback in callbacks:
        callback()

    assert note.title == "A reminder" and note.read_at is None
    assert AuditEntry.objects.filter(action="notification.send", subject=member).count() == 1
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [member.email]


def test_the_same_dedupe_key_is_sent_once_per_person(member, facilitator):
    assert send(member, dedupe_key="k") is not None
    assert send(member, dedupe_key="k") is None
    assert send(facilitator, dedupe_key="k") is not None
    assert send(member) is not None and send(member) is not None  # no key: no deduplication

    assert Notification.objects.filter(recipient=member).count() == 3


def test_nothing_for_a_kind_turned_off_or_a_closed_account(member, facilitator):
    NotificationPreferencesFactory(user=member, meeting_reminders=False)
    facilitator.is_active = False
    facilitator.save()

    assert send(member) is None and send(facilitator) is None
    assert not Notification.objects.exists()


def test_email_false_keeps_it_in_the_app(member, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert send(member, email=False) is not None

    assert mail.outbox == []


@pytest.mark.parametrize("url", ["https://elsewhere.example/", "//elsewhere.example/x", "groups/", "/\\evil"])
def test_links_stay_on_the_site(member, url):
    with pytest.raises(ValueError):
        send(member, url=url)


def test_an_unknown_kind_is_a_programming_error(member):
    with pytest.raises(ValueError, match="register_kind"):
        send(member, kind="no_such_kind")


def test_choices_that_are_not_yes_or_no_are_refused_and_nothing_changes(member):
    with pytest.raises(NotificationError, match="Please answer yes or no"):
        notification_preferences_update(user=member, email=False, email_details="yes")

    assert not NotificationPreferences.objects.filter(user=member).exists()


def test_asking_for_the_details_in_emails_is_audited(member):
    notification_preferences_update(user=member, email_details=True)

    entry = AuditEntry.objects.get(action="notification_preferences.update", subject=member)
    assert entry.data == {"email_details": True}
