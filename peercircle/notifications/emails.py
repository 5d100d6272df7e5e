"""The email for a notification, in the recipient's language, and its "stop these emails" link.

Discreet unless the person asked for the details (NotificationPreferences.email_details): the
subject, the text and the link say only that there is something new and what kind of thing
("a meeting reminder"), never which group or meeting — a lock screen, a shared inbox or a
mail preview must not tell anyone that someone goes to, say, a recovery group. The link then
goes to the person's notifications (behind sign-in), not to the group's page, whose address
names the group.

The "stop these emails" link carries a signed token naming the account (no expiry: all it can
do is turn notification emails off), so it works without signing in — a dead end for nobody."""

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from peercircle.notifications.kinds import email_summary_for
from peercircle.notifications.models import Notification
from peercircle.notifications.selectors import preferences_for

UNSUBSCRIBE_SALT = "peercircle.notifications.unsubscribe"
SUBJECT_PREFIX = "PeerCircle: "


def unsubscribe_token(user) -> str:
    return signing.dumps({"u": user.public_id.hex}, salt=UNSUBSCRIBE_SALT, compress=True)


def user_for_unsubscribe_token(token: str):
    """The active account a token names, or None (a broken, altered or old token)."""
    from peercircle.accounts.models import User

    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    public_id = data.get("u") if isinstance(data, dict) else None
    if not isinstance(public_id, str):
        return None
    return User.objects.filter(public_id=public_id, is_active=True, deleted_at__isnull=True).first()


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def discreet_subject() -> str:
    return _("You have a new message on PeerCircle")


def discreet_summary(kind: str) -> str:
    """"There's something new for you on PeerCircle: a meeting reminder." — in the active language."""
    summary = email_summary_for(kind)
    if summary:
        return _("There's something new for you on PeerCircle: %(what)s.") % {"what": summary}
    return _("There's something new for you on PeerCircle.")


def notification_email(notification: Notification) -> EmailMultiAlternatives:
    recipient = notification.recipient
    details = preferences_for(recipient).email_details
    unsubscribe_url = absolute(reverse("notifications:unsubscribe", args=[unsubscribe_token(recipient)]))
    if details:
        link = absolute(notification.url) if notification.url else ""
    else:
        link = absolute(reverse("notifications:list") + f"#notification-{notification.pk}")
    context = {
        "notification": notification,
        "details": details,
        "link": link,
        "settings_url": absolute(reverse("notifications:preferences")),
        "unsubscribe_url": unsubscribe_url,
    }
    with translation.override(recipient.language or settings.LANGUAGE_CODE):
        if details:
            subject = SUBJECT_PREFIX + notification.title
        else:
            subject = discreet_subject()
            context["summary"] = discreet_summary(notification.kind)
        context["subject"] = subject
        text = render_to_string("notifications/email/notification.txt", context)
        html = render_to_string("notifications/email/notification.html", context)
    message = EmailMultiAlternatives(
        subject=subject.replace("\n", " ")[:250],
        body=text,
        to=[recipient.email],
        headers={
            # One-click unsubscribe in mail apps (RFC 8058), and no auto-replies.
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(html, "text/html")
    return message
