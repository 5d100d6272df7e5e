from django.utils.functional import SimpleLazyObject

from peercircle.notifications.selectors import UNREAD_SHOWN, unread_count


def unread(request):
    """The header's "Notifications (3)": one small query, and only on pages that show it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    def count():
        n = unread_count(user=user)
        return {"count": n, "label": f"{UNREAD_SHOWN}+" if n > UNREAD_SHOWN else str(n)}

    return {"unread_notifications": SimpleLazyObject(count)}
