"""Meeting reminder dispatch: 50,000 groups with 200,000 weekly meetings across many time zones
(as bench/directory.py builds them), one member in each group, and the dispatcher run as the
clock runs it — once a minute — for 60 consecutive minutes, then each minute again (the
second run of a minute finds everything sent).

    .venv/bin/python bench/reminders.py            # full size
    .venv/bin/python bench/reminders.py --quick    # small, for CI

Builds a throwaway SQLite database in a temporary directory (or uses DATABASE_URL when
--use-database-url is given). Prints one JSON object as its last line.
"""

import argparse
import json
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from directory import build, percentile, setup_django  # noqa: E402  (the same network as the directory bench)


def add_members(people: int) -> int:
    """`people` accounts (no verified address: no email is sent), one in each group."""
    from django.db import transaction

    from peercircle.accounts.models import Profile, User
    from peercircle.groups.models import GroupMembership, SupportGroup

    with transaction.atomic():
        users = User.objects.bulk_create([User(email=f"bench{n}@example.org", password="!") for n in range(people)])
        Profile.objects.bulk_create([Profile(user=u, display_name=f"Bench {n}", timezone="Europe/London")
                                     for n, u in enumerate(users)])
        group_ids = list(SupportGroup.objects.values_list("pk", flat=True))
        now = datetime.now(UTC)
        GroupMembership.objects.bulk_create([
            GroupMembership(group_id=group_id, user=users[n % people], role="member", status="active",
                            agreement_accepted_at=now, joined_at=now)
            for n, group_id in enumerate(group_ids)])
    return len(group_ids)


def settle(moment: datetime) -> None:
    """Date every group, schedule and membership `moment`: nothing changed lately."""
    from peercircle.groups.models import GroupMembership, MeetingSeries, SupportGroup

    SupportGroup.objects.update(updated_at=moment)
    MeetingSeries.objects.update(updated_at=moment)
    GroupMembership.objects.update(joined_at=moment)


def timed_runs(minutes: list[datetime]) -> tuple[list[float], list[int], list[int]]:
    from django.db import connection

    from peercircle.notifications.reminders import meeting_reminders_dispatch

    counted = [0]

    def count(execute, sql, params, many, context):
        counted[0] += 1
        return execute(sql, params, many, context)

    timings, sent, queries = [], [], []
    with connection.execute_wrapper(count):
        for now in minutes:
            counted[0] = 0
            began = time.perf_counter()
            sent.append(meeting_reminders_dispatch(now=now))
            timings.append((time.perf_counter() - began) * 1000)
            queries.append(counted[0])
    return timings, sent, queries


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="a small size that finishes fast")
    parser.add_argument("--groups", type=int)
    parser.add_argument("--minutes", type=int)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--use-database-url", action="store_true", help="run against DATABASE_URL")
    args = parser.parse_args()
    groups = args.groups or (2_000 if args.quick else 50_000)
    count = args.minutes or (10 if args.quick else 60)

    began = time.perf_counter()
    setup_django(args.quick, args.use_database_url)
    from django.conf import settings

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    made_groups, made_meetings = build(groups, 4, args.seed)
    members = add_members(max(100, groups // 25))
    print(f"built {made_groups} groups, {made_meetings} meetings, {members} members in "
          f"{time.perf_counter() - began:.1f}s", file=sys.stderr)

    # A Monday evening in Europe, morning in the Americas, night in Asia and Australia. The first
    # run sends everything due within the grace (as after a restart); later ones, each minute's.
    start = datetime(2025, 3, 3, 17, 0, tzinfo=UTC)
    settle(start - timedelta(days=2))
    minutes = [start + timedelta(minutes=n) for n in range(count)]
    timed_runs([start - timedelta(days=1)])  # warm the per-process caches (time zones, parsed rules)
    first, sent, first_queries = timed_runs(minutes)
    again, resent, again_queries = timed_runs(minutes)

    steady = first[1:]  # the first run caught up with the whole grace window
    print(json.dumps({
        "bench": "reminders", "quick": args.quick, "groups": made_groups, "meetings": made_meetings,
        "members": members, "runs": count,
        "catch_up_ms": round(first[0], 1), "catch_up_sent": sent[0], "catch_up_queries": first_queries[0],
        "p50_ms": round(percentile(steady, 0.5), 1), "p95_ms": round(percentile(steady, 0.95), 1),
        "p99_ms": round(percentile(steady, 0.99), 1), "max_ms": round(max(steady), 1),
        "sent_per_minute": round(sum(sent[1:]) / len(steady), 1), "sent_max": max(sent[1:]),
        "queries_max": max(first_queries[1:]),
        "repeat_p50_ms": round(percentile(again, 0.5), 1), "repeat_p95_ms": round(percentile(again, 0.95), 1),
        "repeat_sent": sum(resent), "repeat_queries_max": max(again_queries),
    }))


if __name__ == "__main__":
    main()
