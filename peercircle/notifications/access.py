"""Who may see or change which notification: only the person it was written for.

Someone else's notification answers 404, exactly like one that does not exist."""

from django.http import Http404

from peercircle.notifications.models import Notification


def notifications_of(user):
    if not getattr(user, "is_authenticated", False):
        return Notification.objects.none()
    return Notification.objects.filter(recipient=user)


def notification_for(user, notification_id: int) -> Notification:
    notification = notifications_of(user).filter(pk=notification_id).first()
    if notification is None:
        raise Http404
    return notification
