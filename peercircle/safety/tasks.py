"""Background tasks for safety: thin adapters over the services, safe to run twice."""

from datetime import datetime

from django_tasks import task


@task()
def safety_alert_escalations_dispatch(now: str | None = None) -> int:
    """`now`: an ISO 8601 moment with its offset; the time it runs when not given."""
    from peercircle.safety.alerts import safety_alert_escalations_dispatch as dispatch

    return dispatch(now=datetime.fromisoformat(now) if now else None)
