"""The clock: enqueues the dispatch tasks on schedule, so reminders go out on time.

`peercircle clock` runs it as its own process; the embedded `peercircle run` starts it in a
daemon thread (unless PEERCIRCLE_CLOCK=off). The dispatchers are idempotent, so two clocks
running by mistake send nothing twice; they only do the work twice.
"""

import logging
import threading
import time

from django.db import close_old_connections

from peercircle.matching import tasks as matching_tasks
from peercircle.notifications import tasks
from peercircle.safety import tasks as safety_tasks

logger = logging.getLogger("peercircle.clock")

# (task, every how many minutes). Meeting reminders look at the next minute's meetings;
# listings change over months, so once an hour is plenty (and spares a query a minute).
# Supporters have days to answer a proposal: a quarter of an hour late is nothing to them,
# but the person waiting should not wait a whole extra hour for the next proposal.
# An unacknowledged imminent safety alert must reach the next moderator within the minute.
SCHEDULE = [
    (safety_tasks.safety_alert_escalations_dispatch, 1),
    (tasks.meeting_reminders_dispatch, 1),
    (matching_tasks.proposals_expire_dispatch, 15),
    (tasks.listing_confirmation_dispatch, 60),
]


def tick(minute: int = 0) -> list:
    """Enqueue what is due at this minute of the clock's life (0: everything). A failing
    task is logged and never stops the clock."""
    results = []
    for scheduled, every in SCHEDULE:
        if minute % every:
            continue
        try:
            result = scheduled.enqueue()
        except Exception:
            logger.exception("The clock could not enqueue %s", scheduled.name)
            continue
        # The immediate backend has already run it: say so when it failed.
        if getattr(result, "status", None) == "FAILED":
            for error in result.errors:
                logger.error("%s failed:\n%s", scheduled.name, error.traceback)
        results.append(result)
    return results


def run(stop: threading.Event | None = None) -> None:
    """Tick at the start of every minute until `stop` is set."""
    stop = stop or threading.Event()
    minute = 0
    while not stop.is_set():
        tick(minute)
        # A long-lived loop must not keep a broken or stale database connection.
        close_old_connections()
        minute += 1
        stop.wait(60 - time.time() % 60)


def start_in_thread() -> threading.Thread:
    thread = threading.Thread(target=run, name="peercircle-clock", daemon=True)
    thread.start()
    return thread
