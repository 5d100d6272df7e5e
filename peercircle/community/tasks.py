"""Background tasks of the forums: thin adapters over `notices`. Each takes ids, runs after the
change commits, and is safe to run twice (every note has a dedupe key)."""

from django_tasks import task


@task()
def post_notify(post_id: int) -> int:
    """Tell the thread's followers about a new visible post, and anyone it mentions."""
    from peercircle.community import notices

    return notices.post_notify(post_id)
