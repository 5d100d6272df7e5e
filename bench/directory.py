"""Directory search latency: 50,000 groups with 200,000 weekly meetings across many cities,
1,000 realistic queries (place, need and filters mixed) through `directory.search.search`.

    .venv/bin/python bench/directory.py            # full size
    .venv/bin/python bench/directory.py --quick    # small, for CI

Builds a throwaway SQLite database in a temporary directory (or uses DATABASE_URL when
--use-database-url is given). Prints one JSON object as its last line.
"""

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date
from datetime import time as clock
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CITIES = [
    ("London", "GB", 51.507, -0.128, "Europe/London"), ("Manchester", "GB", 53.48, -2.24, "Europe/London"),
    ("Birmingham", "GB", 52.48, -1.90, "Europe/London"), ("Leeds", "GB", 53.80, -1.55, "Europe/London"),
    ("Glasgow", "GB", 55.86, -4.25, "Europe/London"), ("Bristol", "GB", 51.45, -2.59, "Europe/London"),
    ("Liverpool", "GB", 53.41, -2.98, "Europe/London"), ("Dublin", "IE", 53.35, -6.26, "Europe/Dublin"),
    ("Madrid", "ES", 40.42, -3.70, "Europe/Madrid"), ("Barcelona", "ES", 41.39, 2.17, "Europe/Madrid"),
    ("Valencia", "ES", 39.47, -0.38, "Europe/Madrid"), ("Sevilla", "ES", 37.39, -5.98, "Europe/Madrid"),
    ("Málaga", "ES", 36.72, -4.42, "Europe/Madrid"), ("Bilbao", "ES", 43.26, -2.93, "Europe/Madrid"),
    ("Paris", "FR", 48.86, 2.35, "Europe/Paris"), ("Lyon", "FR", 45.76, 4.84, "Europe/Paris"),
    ("Berlin", "DE", 52.52, 13.40, "Europe/Berlin"), ("Amsterdam", "NL", 52.37, 4.90, "Europe/Amsterdam"),
    ("New York", "US", 40.71, -74.01, "America/New_York"), ("Chicago", "US", 41.88, -87.63, "America/Chicago"),
    ("Los Angeles", "US", 34.05, -118.24, "America/Los_Angeles"), ("Houston", "US", 29.76, -95.37, "America/Chicago"),
    ("Seattle", "US", 47.61, -122.33, "America/Los_Angeles"), ("Boston", "US", 42.36, -71.06, "America/New_York"),
    ("Toronto", "CA", 43.65, -79.38, "America/Toronto"), ("Vancouver", "CA", 49.28, -123.12, "America/Vancouver"),
    ("Montreal", "CA", 45.50, -73.57, "America/Toronto"), ("Mexico City", "MX", 19.43, -99.13, "America/Mexico_City"),
    ("Guadalajara", "MX", 20.67, -103.35, "America/Mexico_City"), ("Bogotá", "CO", 4.71, -74.07, "America/Bogota"),
    ("Lima", "PE", -12.05, -77.04, "America/Lima"), ("Buenos Aires", "AR", -34.60, -58.38,
                                                     "America/Argentina/Buenos_Aires"),
    ("Santiago", "CL", -33.45, -70.67, "America/Santiago"), ("Sydney", "AU", -33.87, 151.21, "Australia/Sydney"),
    ("Melbourne", "AU", -37.81, 144.96, "Australia/Melbourne"), ("Auckland", "NZ", -36.85, 174.76,
                                                                 "Pacific/Auckland"),
    ("Cape Town", "ZA", -33.92, 18.42, "Africa/Johannesburg"), ("Nairobi", "KE", -1.29, 36.82, "Africa/Nairobi"),
    ("Mumbai", "IN", 19.08, 72.88, "Asia/Kolkata"), ("Singapore", "SG", 1.35, 103.82, "Asia/Singapore"),
]
EXPERIENCES = [
    "grief", "grief.partner", "grief.parent", "mental_health.depression", "mental_health.anxiety",
    "mental_health.bipolar", "mental_health.ptsd", "substance_use.alcohol", "substance_use.gambling",
    "chronic_illness.cancer", "chronic_illness.long_covid", "life.caregiving", "life.new_parent",
]
NEEDS_EN = ["grief", "depression", "anxiety", "bipolar", "PTSD", "alcohol", "gambling", "cancer",
            "long covid", "carers", "new mums", "widows", "loss of a child"]
NEEDS_ES = ["duelo", "depresión", "ansiedad", "alcohol", "cáncer", "cuidadores", "ludopatía", "viudas"]
WORDS = ["café", "circle", "walk", "together", "sharing", "hope", "recovery", "friends", "haven", "harbour"]
DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


def setup_django(quick: bool, use_database_url: bool, keep: str | None = None) -> None:
    if not use_database_url:
        os.environ.pop("DATABASE_URL", None)
        os.environ["PEERCIRCLE_DATA_DIR"] = keep or tempfile.mkdtemp(prefix="peercircle-bench-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def build(groups: int, meetings_per_group: int, seed: int) -> tuple[int, int]:
    from django.db import transaction

    from peercircle.directory.index import index_groups
    from peercircle.experiences.models import TaxonomyNode
    from peercircle.groups.models import MeetingSeries, SupportGroup
    from peercircle.groups.signals import HOUR_FIELDS, meeting_hours, need_codes_text

    rng = random.Random(seed)
    nodes = dict(TaxonomyNode.objects.filter(code__in=EXPERIENCES).values_list("code", "pk"))
    codes = [c for c in EXPERIENCES if c in nodes]
    through = SupportGroup.experiences.through
    batch = 2000
    made_groups = made_meetings = 0
    for start in range(0, groups, batch):
        rows = []
        for n in range(start, min(start + batch, groups)):
            city, country, lat, lng, tz = rng.choice(CITIES)
            fmt = rng.choices(["in_person", "online", "hybrid"], weights=[70, 20, 10])[0]
            need = rng.choice(NEEDS_EN + NEEDS_ES)
            online = fmt == "online"
            rows.append(SupportGroup(
                name=f"{city if not online else 'Online'} {need} {rng.choice(WORDS)} {n}", slug=f"bench-{n}",
                description=f"A peer support group about {need}. {rng.choice(WORDS)} {rng.choice(WORDS)}.",
                city="" if online else city, country=country,
                latitude=None if online else lat + rng.uniform(-0.25, 0.25),
                longitude=None if online else lng + rng.uniform(-0.35, 0.35),
                timezone=tz, format=fmt,
                languages=["es"] if country in ("ES", "MX", "CO", "PE", "AR", "CL") else rng.choice([["en"], ["en"], ["en", "es"]]),
                join_policy=rng.choices(["open", "by_request", "closed"], weights=[70, 20, 10])[0],
                status=rng.choices(["active", "temporarily_closed", "pending_approval", "ended"],
                                   weights=[85, 5, 5, 5])[0],
            ))
        for row in rows:
            row.set_search_facts()
        with transaction.atomic():
            created = SupportGroup.objects.bulk_create(rows)
            links, series = [], []
            for group in created:
                chosen = rng.sample(codes, rng.choice([1, 1, 2]))
                for code in chosen:
                    links.append(through(supportgroup_id=group.pk, taxonomynode_id=nodes[code]))
                group.need_codes = need_codes_text(chosen)  # bulk_create skips the signal
                for _ in range(meetings_per_group):
                    day = rng.randrange(7)
                    item = MeetingSeries(group=group, title="Weekly meeting", rrule=f"FREQ=WEEKLY;BYDAY={DAYS[day]}",
                                         start_date=date(2025, 1, 6 + day),
                                         start_time=clock(rng.choice([8, 10, 12, 14, 17, 18, 19, 20]),
                                                          rng.choice([0, 30])))
                    item.set_schedule_facts()
                    series.append(item)
            through.objects.bulk_create(links)
            SupportGroup.objects.bulk_update(created, ["need_codes"])
            index_groups(created)  # bulk_create skips the signal that indexes words
            MeetingSeries.objects.bulk_create(series)
            # bulk_create skips the signal that keeps each group's meeting hours.
            by_group = {}
            for item in series:
                by_group.setdefault(item.group_id, []).append(item)
            for group in created:
                for field, value in meeting_hours(by_group.get(group.pk, ())).items():
                    setattr(group, field, value)
            SupportGroup.objects.bulk_update(created, list(HOUR_FIELDS))
        made_groups += len(created)
        made_meetings += len(series)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # fresh statistics, as a database in use has
    return made_groups, made_meetings


def queries(count: int, seed: int) -> list[dict]:
    rng = random.Random(seed + 1)
    made = []
    for _ in range(count):
        city = rng.choice(CITIES)[0]
        spanish = rng.random() < 0.3
        need = rng.choice(NEEDS_ES if spanish else NEEDS_EN)
        shape = rng.random()
        filters = {}
        if shape < 0.35:
            text = f"grupo de {need} en {city}" if spanish else f"{need} group near {city}"
        elif shape < 0.5:
            text = f"{need} {rng.choice(['evenings', 'tuesday', 'weekend', 'online', 'in person'])} {city}"
        elif shape < 0.65:
            text = need
            filters = {"near": city, "format": rng.choice(["", "in_person", "online"]),
                       "weekdays": (rng.randint(1, 7),)}
        elif shape < 0.75:
            text = f"{need} {rng.choice(WORDS)}"
            filters = {"times_of_day": (rng.choice(["morning", "evening"]),), "open_to_join": True}
        elif shape < 0.85:
            text = f"{need} support"
            filters = {"language": "es" if spanish else "en", "distance_km": rng.choice([10, 50, 100])}
            made.append({"text": text, "filters": filters, "lang": "es" if spanish else "en",
                         "location": (rng.choice(CITIES)[2], rng.choice(CITIES)[3])})
            continue
        else:
            text = f"{rng.choice(WORDS)} {city}"
        made.append({"text": text, "filters": filters, "lang": "es" if spanish else "en", "location": None})
    return made


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="a small size that finishes fast")
    parser.add_argument("--groups", type=int)
    parser.add_argument("--queries", type=int)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--use-database-url", action="store_true", help="run against DATABASE_URL")
    parser.add_argument("--keep", metavar="DIR",
                        help="keep the SQLite database in DIR and reuse it when it is already built "
                             "(to measure a change without building again)")
    args = parser.parse_args()
    groups = args.groups or (2_000 if args.quick else 50_000)
    count = args.queries or (200 if args.quick else 1_000)

    began = time.perf_counter()
    setup_django(args.quick, args.use_database_url, args.keep)
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext
    from django.utils import translation

    from peercircle.directory.search import Filters, search
    from peercircle.groups.models import MeetingSeries, SupportGroup

    if args.keep and SupportGroup.objects.count() == groups:
        made_groups, made_meetings = groups, MeetingSeries.objects.count()
    else:
        made_groups, made_meetings = build(groups, 4, args.seed)
    built = time.perf_counter() - began
    print(f"built {made_groups} groups and {made_meetings} meetings in {built:.1f}s", file=sys.stderr)

    workload = queries(count, args.seed)
    # Warm the per-process caches (gazetteer, taxonomy lexicon) as a running server has them.
    search(text="grief group near London", lang="en", filters=Filters())
    timings, query_counts, results = [], [], []
    for item in workload:
        with translation.override(item["lang"]), CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            result = search(text=item["text"], lang=item["lang"], filters=Filters(**item["filters"]),
                            viewer_location=item["location"])
            timings.append((time.perf_counter() - start) * 1000)
        query_counts.append(len(captured))
        results.append(result.count)
        reset_queries()
    figures = {
        "benchmark": "directory",
        "database": connection.vendor,
        "groups": made_groups,
        "meetings": made_meetings,
        "queries_run": len(timings),
        "p50_ms": round(statistics.median(timings), 2),
        "p95_ms": round(percentile(timings, 0.95), 2),
        "p99_ms": round(percentile(timings, 0.99), 2),
        "max_ms": round(max(timings), 2),
        "queries": max(query_counts),  # database queries per search, at most
        "mean_results": round(statistics.mean(results), 1),
        "build_s": round(built, 1),
    }
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
