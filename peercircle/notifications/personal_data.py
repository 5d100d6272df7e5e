from peercircle.core.registry import PersonalDataProvider, register_personal_data
from peercircle.notifications.models import Notification, NotificationPreferences


def _iso(moment):
    return moment.isoformat() if moment else None


def _export(user):
    preferences = NotificationPreferences.objects.filter(user=user).first()
    return {
        "preferences": None if preferences is None else {
            "meeting_reminders": preferences.meeting_reminders, "reminder_lead": preferences.reminder_lead,
            "email": preferences.email, "email_details": preferences.email_details,
            "listing_confirmation_reminders": preferences.listing_confirmation_reminders,
            "forum_replies": preferences.forum_replies,
        },
        "notifications": [
            {"kind": n.kind, "title": n.title, "body": n.body, "url": n.url, "created_at": _iso(n.created_at),
             "read_at": _iso(n.read_at), "emailed_at": _iso(n.emailed_at)}
            for n in Notification.objects.filter(recipient=user).order_by("created_at", "pk")
        ],
    }


def _erase(user, keep_public_posts: bool) -> None:
    # Notes written to the person are theirs alone: nothing is kept.
    Notification.objects.filter(recipient=user).delete()
    NotificationPreferences.objects.filter(user=user).delete()


register_personal_data(PersonalDataProvider(name="notifications", export=_export, erase=_erase))
