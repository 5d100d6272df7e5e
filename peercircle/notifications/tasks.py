"""Background tasks: thin adapters over the services and dispatchers. Each takes ids or
plain values, and is safe to run twice (see services.notification_email_deliver and the
dedupe keys in reminders)."""

from datetime import datetime

from django_tasks import task


def _moment(now: str | None) -> datetime | None:
    return datetime.fromisoformat(now) if now else None


@task()
def notification_email_send(notification_id: int) -> bool:
    from peercircle.notifications.services import notification_email_deliver

    return notification_email_deliver(notification_id=notification_id)


@task()
def meeting_reminders_dispatch(now: str | None = None) -> int:
    """`now`: an ISO 8601 moment with its offset; the time it runs when not given."""
    from peercircle.notifications import reminders

    return reminders.meeting_reminders_dispatch(now=_moment(now))


@task()
def listing_confirmation_dispatch(now: str | None = None) -> int:
    from peercircle.notifications import reminders

    return reminders.listing_confirmation_dispatch(now=_moment(now))
