"""Writes for notifications. Any app tells a person something with `notification_send`; the
rest is the person reading their notes and choosing what they want to be told."""

import logging

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from peercircle.core.audit import audit_record
from peercircle.core.errors import UserFacingError
from peercircle.notifications.kinds import kind_for
from peercircle.notifications.models import Notification, NotificationPreferences, ReminderLead
from peercircle.notifications.selectors import preferences_for, wants_email

logger = logging.getLogger(__name__)

PREFERENCE_FLAGS = ("meeting_reminders", "email", "email_details", "listing_confirmation_reminders", "forum_replies")


class NotificationError(UserFacingError):
    """A change to notifications that cannot be made; the message is safe to show."""


def _is_site_path(url: str) -> bool:
    # A path on this site only: never another host ("//evil.example", "https://…", "\\…").
    return url.startswith("/") and not url.startswith("//") and "\\" not in url and "\n" not in url


def notification_send_after_commit(*, recipient_id: int, kind: str, write, url: str = "",
                                   dedupe_key: str = "", email: bool = True) -> None:
    """`notification_send` once the current transaction commits, to a person named by id,
    with `write(recipient) -> (title, body)` called in their own language. For services that
    must not tell anyone about a change that may still roll back."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.utils import translation

    def send():
        recipient = get_user_model().objects.filter(pk=recipient_id).first()
        if recipient is None:
            return
        with translation.override(recipient.language or settings.LANGUAGE_CODE):
            title, body = write(recipient)
            notification_send(recipient=recipient, kind=kind, title=title, body=body, url=url,
                              dedupe_key=dedupe_key, email=email)

    transaction.on_commit(send)


@transaction.atomic
def notification_send(*, recipient, kind: str, title: str, body: str = "", url: str = "",
                      dedupe_key: str = "", email: bool = True) -> Notification | None:
    """Tell `recipient` something, in the app and (when they want email and `email` is True)
    by email after the transaction commits.

    Write `title` and `body` as plain text in the recipient's language (wrap the call in
    `translation.override(recipient.language)`), and say in `body` how to turn the note off
    when its kind can be. Returns None, and sends nothing, when the person turned this kind
    off, the account is closed, or a notification with the same `dedupe_key` was already
    sent to them: give reminders a key, and sending them again is harmless."""
    notification_kind = kind_for(kind)
    if url and not _is_site_path(url):
        raise ValueError("A notification links to a path on this site, such as /groups/x/.")
    if not recipient.is_active or recipient.is_deleted:
        return None
    preferences = preferences_for(recipient)
    if notification_kind.preference and not getattr(preferences, notification_kind.preference):
        return None
    if dedupe_key and Notification.objects.filter(recipient=recipient, dedupe_key=dedupe_key).exists():
        return None
    try:
        with transaction.atomic():  # a savepoint: another run may have sent it a moment ago
            notification = Notification.objects.create(
                recipient=recipient, kind=kind, title=title[:200], body=body, url=url, dedupe_key=dedupe_key[:200])
    except IntegrityError:
        return None
    audit_record(actor=None, action="notification.send", target=notification, subject=recipient,
                 data={"kind": kind}, is_staff_action=False)
    if email and wants_email(recipient):
        from peercircle.notifications.tasks import notification_email_send

        transaction.on_commit(lambda: notification_email_send.enqueue(notification.pk))
    return notification


@transaction.atomic
def notification_mark_read(*, user, notification: Notification) -> Notification:
    if notification.recipient_id != user.pk:
        raise NotificationError(_("That notification was not found."))
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
        audit_record(actor=user, action="notification.read", target=notification, subject=user)
    return notification


@transaction.atomic
def notification_mark_all_read(*, user) -> int:
    marked = Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())
    if marked:
        audit_record(actor=user, action="notification.read_all", subject=user, data={"count": marked})
    return marked


@transaction.atomic
def notification_preferences_update(*, user, meeting_reminders: bool | None = None,
                                    reminder_lead: str | None = None, email: bool | None = None,
                                    email_details: bool | None = None,
                                    listing_confirmation_reminders: bool | None = None,
                                    forum_replies: bool | None = None) -> NotificationPreferences:
    """Change any of the person's choices (None leaves one as it is). Nothing changes when a
    value is refused."""
    changes = {"meeting_reminders": meeting_reminders, "reminder_lead": reminder_lead, "email": email,
               "email_details": email_details, "listing_confirmation_reminders": listing_confirmation_reminders,
               "forum_replies": forum_replies}
    changes = {name: value for name, value in changes.items() if value is not None}
    for name in PREFERENCE_FLAGS:
        if name in changes and not isinstance(changes[name], bool):
            raise NotificationError(_("Please answer yes or no for each kind of notification."))
    if "reminder_lead" in changes and changes["reminder_lead"] not in ReminderLead.values:
        raise NotificationError(_("Please choose when to be reminded: 1 day before, 2 hours before, or both."))
    preferences, _created = NotificationPreferences.objects.select_for_update().get_or_create(user=user)
    updated = [name for name, value in changes.items() if getattr(preferences, name) != value]
    for name in updated:
        setattr(preferences, name, changes[name])
    if updated:
        preferences.save(update_fields=[*updated, "updated_at"])
        audit_record(actor=user, action="notification_preferences.update", target=preferences, subject=user,
                     data={name: changes[name] for name in sorted(updated)})
    user.notification_preferences = preferences
    return preferences


def notification_email_deliver(*, notification_id: int) -> bool:
    """Email one notification, once. Not a single transaction on purpose: the notification is
    claimed (emailed_at set) and committed before the email leaves, so a second run — a task
    retried, two workers — finds it claimed and sends nothing. A failed send gives the claim
    back, for a retry. Returns whether an email was sent."""
    from peercircle.notifications.emails import notification_email

    notification = (Notification.objects.select_related("recipient", "recipient__notification_preferences")
                    .filter(pk=notification_id).first())
    if notification is None or notification.emailed_at is not None or not wants_email(notification.recipient):
        return False
    if not Notification.objects.filter(pk=notification.pk, emailed_at__isnull=True).update(emailed_at=timezone.now()):
        return False
    try:
        notification_email(notification).send()
    except Exception:
        Notification.objects.filter(pk=notification.pk).update(emailed_at=None)
        logger.exception("Could not email notification %s", notification.pk)
        raise
    audit_record(actor=None, action="notification.email", target=notification, subject=notification.recipient,
                 data={"kind": notification.kind}, is_staff_action=False)
    return True
