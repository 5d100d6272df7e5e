"""Reads of notifications and preferences, already limited to the person asking."""

from allauth.account.models import EmailAddress

from peercircle.notifications.access import notifications_of
from peercircle.notifications.models import NotificationPreferences

# The header shows "99+" beyond this: counting further costs more and tells nothing.
UNREAD_SHOWN = 99


def notification_list(*, user):
    return notifications_of(user).order_by("-created_at", "-pk")


def unread_count(*, user) -> int:
    """At most UNREAD_SHOWN + 1, in one query."""
    return notifications_of(user).filter(read_at__isnull=True)[:UNREAD_SHOWN + 1].count()


def preferences_for(user) -> NotificationPreferences:
    """The person's preferences; an unsaved row with the defaults when they never changed them.
    Uses the row a query already joined (select_related) when there is one."""
    try:
        return user.notification_preferences
    except NotificationPreferences.DoesNotExist:
        return NotificationPreferences(user=user)


def can_email(user) -> bool:
    """Whether the account's address is verified: we never write to an address nobody confirmed."""
    return EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=True).exists()


def wants_email(user) -> bool:
    return user.is_active and not user.is_deleted and preferences_for(user).email and can_email(user)


def facilitates_a_group(user) -> bool:
    from peercircle.groups.models import GroupMembership, MembershipRole

    return GroupMembership.objects.active().filter(user=user, role=MembershipRole.FACILITATOR).exists()
