"""Notification emails are discreet unless the person asks for the details: a neutral subject
and a line naming only the kind of note ("a meeting reminder"), with a link to their
notifications and the stop-emails link — nothing a lock screen or a shared inbox could give
away. In the person's language."""

import pytest
from django.core import mail

from peercircle.notifications import kinds
from peercircle.notifications.kinds import EmailSummary, register_kind
from peercircle.notifications.models import Notification
from peercircle.notifications.services import notification_send
from peercircle.notifications.tests.factories import NotificationPreferencesFactory

pytestmark = pytest.mark.django_db

PRIVATE = ("Harbour recovery circle", "Tuesday evening", "harbour-recovery")


@pytest.fixture(autouse=True)
def _own_kinds(monkeypatch):
    # Kinds registered here are forgotten after each test.
    monkeypatch.setattr(kinds, "_kinds", dict(kinds._kinds))


def send(recipient, capture, *, kind="meeting_reminder"):
    with capture(execute=True):
        note = notification_send(
            recipient=recipient, kind=kind, title="Meeting reminder: Tuesday evening",
            body="Your meeting “Tuesday evening” (Harbour recovery circle) starts tomorrow at 19:00.",
            url="/groups/harbour-recovery/")
    (email,) = [m for m in mail.outbox if m.to == [recipient.email]]
    return note, email


def everything_in(email) -> str:
    return "\n".join([email.subject, email.body, email.alternatives[0][0], *email.extra_headers.values()])


def test_by_default_the_email_says_only_that_there_is_a_meeting_reminder(member, django_capture_on_commit_callbacks):
    note, email = send(member, django_capture_on_commit_callbacks)

    assert email.subject == "You have a new message on PeerCircle"
    assert "There's something new for you on PeerCircle: a meeting reminder." in email.body
    assert f"Open it on PeerCircle: http://127.0.0.1:8000/notifications/#notification-{note.pk}" in email.body
    assert "To stop these emails, open this link: http://127.0.0.1:8000/notifications/unsubscribe/" in email.body
    assert "turn on “Include the details in emails”" in email.body
    html = email.alternatives[0][0]
    assert "<title>You have a new message on PeerCircle</title>" in html
    assert f'href="http://127.0.0.1:8000/notifications/#notification-{note.pk}"' in html
    assert "Stop these emails" in html
    for private in PRIVATE:  # the group, the meeting, and the group's address
        assert private not in everything_in(email)


def test_each_kind_is_named_in_generic_words(member, facilitator, django_capture_on_commit_callbacks):
    _note, email = send(facilitator, django_capture_on_commit_callbacks, kind="listing_confirmation")

    assert "There's something new for you on PeerCircle: a reminder about a listing." in email.body


def test_a_kind_without_generic_words_says_only_that_there_is_something_new(
        member, django_capture_on_commit_callbacks):
    register_kind("test_unnamed_kind")

    _note, email = send(member, django_capture_on_commit_callbacks, kind="test_unnamed_kind")

    assert email.subject == "You have a new message on PeerCircle"
    assert "There's something new for you on PeerCircle.\n" in email.body
    assert all(private not in everything_in(email) for private in PRIVATE)


def test_a_kind_registered_with_generic_words_uses_them(member, django_capture_on_commit_callbacks):
    register_kind("test_named_kind", email_summary=EmailSummary.MEETING_CHANGE)

    _note, email = send(member, django_capture_on_commit_callbacks, kind="test_named_kind")

    assert "There's something new for you on PeerCircle: a change to a meeting." in email.body


def test_someone_who_asked_for_the_details_gets_them(member, django_capture_on_commit_callbacks):
    NotificationPreferencesFactory(user=member, email_details=True)

    _note, email = send(member, django_capture_on_commit_callbacks)

    assert email.subject == "PeerCircle: Meeting reminder: Tuesday evening"
    assert "starts tomorrow at 19:00" in email.body and "Harbour recovery circle" in email.body
    assert "Open it on PeerCircle: http://127.0.0.1:8000/groups/harbour-recovery/" in email.body
    assert "Include the details in emails" not in email.body
    assert "<h1>Meeting reminder: Tuesday evening</h1>" in email.alternatives[0][0]


def test_a_spanish_speaker_gets_the_discreet_email_in_spanish(member, django_capture_on_commit_callbacks):
    member.language = "es"
    member.save()

    _note, email = send(member, django_capture_on_commit_callbacks)

    assert email.subject == "Tienes un mensaje nuevo en PeerCircle"
    assert "Tienes algo nuevo en PeerCircle: un recordatorio de reunión." in email.body
    assert "Ábrelo en PeerCircle: http://127.0.0.1:8000/notifications/#notification-" in email.body
    assert "activa «Incluir los detalles en los correos»" in email.body
    assert 'lang="es"' in email.alternatives[0][0]
    assert all(private not in everything_in(email) for private in PRIVATE)


def test_the_note_in_the_app_keeps_its_details(member, django_capture_on_commit_callbacks):
    send(member, django_capture_on_commit_callbacks)

    note = Notification.objects.get(recipient=member)
    assert note.title == "Meeting reminder: Tuesday evening" and "Harbour recovery circle" in note.body
    assert note.emailed_at is not None
