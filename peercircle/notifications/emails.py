"""The email for a notification, in the recipient's language, and its "stop these emails" link.

The link carries a signed token naming the account (no expiry: all it can do is turn
notification emails off), so it works without signing in — a dead end for nobody."""

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from peercircle.notifications.models import Notification

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


def notification_email(notification: Notification) -> EmailMultiAlternatives:
    recipient = notification.recipient
    unsubscribe_url = absolute(reverse("notifications:unsubscribe", args=[unsubscribe_token(recipient)]))
    context = {
        "notification": notification,
        "link": absolute(notification.url) if notification.url else "",
        "settings_url": absolute(reverse("notifications:preferences")),
        "unsubscribe_url": unsubscribe_url,
    }
    with translation.override(recipient.language or settings.LANGUAGE_CODE):
        text = render_to_string("notifications/email/notification.txt", context)
        html = render_to_string("notifications/email/notification.html", context)
    message = EmailMultiAlternatives(
        subject=(SUBJECT_PREFIX + notification.title).replace("\n", " ")[:250],
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
