"""Background tasks of the groups app: thin adapters over `notices`. Each takes ids and plain
values, runs after the change commits, and is safe to run twice (dedupe keys, a claimed address)."""

from datetime import datetime

from django_tasks import task


@task()
def meeting_change_notify(series_id: int, original_start: str, shown_start: str, new_start: str | None,
                          note: str, actor_id: int | None, changed_at: str) -> int:
    """Tell a group's members that a meeting was cancelled (`new_start` None) or moved."""
    from peercircle.groups import notices

    return notices.meeting_changed(
        series_id=series_id, original_start=datetime.fromisoformat(original_start),
        shown_start=datetime.fromisoformat(shown_start),
        new_start=datetime.fromisoformat(new_start) if new_start else None,
        note=note, actor_id=actor_id, changed_at=changed_at)


@task()
def correction_outcome_email(correction_id: int) -> bool:
    """Tell a signed-out visitor, at the address they left, what became of their suggestion."""
    from peercircle.groups import notices

    return notices.email_visitor(correction_id)
