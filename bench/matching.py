"""Matching engine speed and batch quality.

    .venv/bin/python bench/matching.py            # 100,000 supporters; batch 10,000 requests × 20,000 supporters
    .venv/bin/python bench/matching.py --quick    # 2,000 supporters, for CI

Builds a throwaway SQLite database (or uses DATABASE_URL with --use-database-url) with
supporters spread over the taxonomy, languages, time zones, formats and programs the way a
large network would be: most people bring one to three experiences, mostly from the big
areas (mental health, substance use, grief); English and Spanish dominate, with a long tail.

1. Single request, top 10 proposals with their explanations, through `engine.top_candidates`
   over the index built from the database, as a page or the API would call it (each call
   also asks the database for supporter rows changed since the last call). Lexical story
   similarity, then — when the semantic extra is installed — with precomputed embeddings.
2. Batch: the waiting list of one program (requests) against the supporters who serve it,
   `engine.batch_assign` optimal (with waiting priority) against greedy: total score, matched,
   longest wait left, seconds.

Prints one JSON object as its last line.
"""

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ZONES = [("Europe/London", 51.5, -0.12, 0.22), ("Europe/Madrid", 40.4, -3.7, 0.14),
         ("America/New_York", 40.7, -74.0, 0.18), ("America/Chicago", 41.9, -87.6, 0.1),
         ("America/Mexico_City", 19.4, -99.1, 0.12), ("America/Toronto", 43.7, -79.4, 0.08),
         ("Australia/Melbourne", -37.8, 145.0, 0.08), ("Europe/Dublin", 53.3, -6.3, 0.08)]
LANGUAGES = [("en", 0.62), ("es", 0.30), ("fr", 0.03), ("pt", 0.02), ("ar", 0.015), ("pl", 0.015)]
FORMATS = ["chat", "call", "video", "in_person"]
ABOUT = [
    "I lost my {who} {when} and the first year was the hardest thing I have lived through.",
    "Sober for {n} years after a long time drinking every evening; walking with others keeps me well.",
    "I live with {cond} and know how lonely the bad weeks can be.",
    "Cuidé a mi {who} durante años y sé lo que pesa el cansancio y la culpa.",
    "Perdí a mi {who} {when_es}; hablar con alguien que lo ha vivido me salvó.",
    "Depression took years from me; peer support helped me find small steps back.",
    "I went through gambling debts and shame, and I'm {n} years out now.",
    "Mi recuperación del alcohol empezó con un grupo de apoyo hace {n} años.",
    "After my cancer treatment I felt nobody understood the fear of it coming back.",
    "Anxiety and panic attacks ruled my twenties. I can listen without judging.",
]
WHO = ["mum", "dad", "partner", "son", "daughter", "brother", "best friend"]
WHO_ES = ["madre", "padre", "pareja", "hijo", "hija", "hermano"]
COND = ["bipolar disorder", "long covid", "chronic pain", "PTSD", "diabetes", "MS"]


def weighted(rng, pairs):
    roll, total = rng.random(), 0.0
    for value, weight in pairs:
        total += weight
        if roll < total:
            return value
    return pairs[-1][0]


def windows(rng):
    days = rng.sample(range(7), rng.randint(1, 4))
    out = []
    for day in days:
        start = rng.choice([8, 10, 12, 14, 17, 18, 19, 20])
        out.append({"day": day, "start": f"{start:02d}:00", "end": f"{min(start + rng.choice([2, 3, 4]), 23):02d}:00"})
    return out


def about(rng):
    return rng.choice(ABOUT).format(who=rng.choice(WHO), who_es=rng.choice(WHO_ES), when=rng.choice(
        ["last spring", "two years ago", "in 2019"]), when_es=rng.choice(["hace dos años", "en 2020"]),
        n=rng.randint(1, 12), cond=rng.choice(COND))


def experience_pool():
    from peercircle.experiences.models import NodeKind, TaxonomyNode

    leaves = list(TaxonomyNode.objects.filter(kind=NodeKind.EXPERIENCE, parent__isnull=False).values_list("id", "code"))
    communities = list(TaxonomyNode.objects.filter(kind=NodeKind.COMMUNITY, parent__isnull=False)
                       .values_list("id", "code"))
    # Bigger areas are more common.
    weights = {"mental_health": 3.0, "substance_use": 2.5, "grief": 2.0, "chronic_illness": 1.2, "life": 1.0}
    weighted_leaves = [(node, weights.get(code.split(".")[0], 1.0)) for node in leaves for code in [node[1]]]
    total = sum(w for _n, w in weighted_leaves)
    return [(node, w / total) for node, w in weighted_leaves], communities


def seed(supporters: int, batch_program_share: float, rng: random.Random, log) -> dict:
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from peercircle.experiences.models import PersonCommunity, PersonExperience
    from peercircle.matching.availability import parse_windows, to_hex, utc_mask
    from peercircle.matching.models import SupporterProfile, SupporterProgram
    from peercircle.organizations.models import Organization, Program, ProgramKind

    User = get_user_model()
    org = Organization.objects.create(name="Bench network", slug="bench", kind="peer_run")
    programs = [Program.objects.create(organization=org, name=f"Program {i}", slug=f"program-{i}",
                                       kind=ProgramKind.ONE_TO_ONE, requires_certification=True,
                                       accepts_under_18=i == 1) for i in range(10)]
    leaves, communities = experience_pool()
    start = time.perf_counter()
    chunk = 5000
    for first in range(0, supporters, chunk):
        count = min(chunk, supporters - first)
        with transaction.atomic():
            users = User.objects.bulk_create([User(email=f"s{first + i}@bench.example", password="!", language="en")
                                              for i in range(count)])
            profiles, experiences, person_communities, links = [], [], [], []
            for user in users:
                zone, lat, lon, _w = weighted(rng, [((z, la, lo, w), w) for z, la, lo, w in ZONES])
                languages = [weighted(rng, LANGUAGES)]
                if rng.random() < 0.35:
                    languages.append("en" if languages[0] != "en" else "es")
                chosen = rng.sample(FORMATS, rng.randint(1, 4))
                own = windows(rng)
                capacity = rng.randint(1, 5)
                profiles.append(SupporterProfile(
                    user=user, status="available" if rng.random() < 0.9 else "paused", capacity=capacity,
                    load=rng.randint(0, capacity), languages=languages, formats=chosen, timezone=zone,
                    availability=own, availability_utc=to_hex(utc_mask(parse_windows(own), zone)),
                    gender=rng.choice(["woman", "man", "nonbinary", ""]),
                    age_band=rng.choice(["18_25", "26_40", "41_60", "61_plus"]),
                    latitude=lat + rng.uniform(-0.3, 0.3), longitude=lon + rng.uniform(-0.3, 0.3),
                    travel_km=rng.choice([5, 10, 20]), about=about(rng)))
                seen = set()
                for _ in range(rng.choice([1, 1, 2, 2, 3])):
                    node_id, _code = weighted(rng, leaves)
                    if node_id not in seen:
                        seen.add(node_id)
                        experiences.append(PersonExperience(user=user, node_id=node_id, stage=rng.choice(
                            ["past", "in_recovery", "current"]), visibility="matching"))
                if rng.random() < 0.3:
                    person_communities.append(PersonCommunity(user=user, node_id=rng.choice(communities)[0]))
            SupporterProfile.objects.bulk_create(profiles)
            for profile in profiles:
                served = [programs[0]] if rng.random() < batch_program_share else []
                served += rng.sample(programs[1:], rng.randint(0 if served else 1, 2))
                for program in served:
                    links.append(SupporterProgram(supporter=profile, program=program, certified=rng.random() < 0.95,
                                                  youth_trained=rng.random() < 0.1))
            PersonExperience.objects.bulk_create(experiences)
            PersonCommunity.objects.bulk_create(person_communities)
            SupporterProgram.objects.bulk_create(links)
        log(f"  {first + count:,} supporters ({time.perf_counter() - start:.0f} s)")
    return {"programs": programs, "leaves": leaves, "communities": communities}


def request_specs(count: int, world: dict, rng: random.Random, *, program=None, now=None, stories=True):
    from peercircle.matching.availability import parse_windows, utc_mask
    from peercircle.matching.engine import RequestSpec

    specs = []
    for i in range(count):
        target = program or rng.choice(world["programs"])
        zone, lat, lon, _w = weighted(rng, [((z, la, lo, w), w) for z, la, lo, w in ZONES])
        language = weighted(rng, LANGUAGES)
        formats = rng.sample(FORMATS, rng.randint(1, 3))
        codes = list(dict.fromkeys(weighted(rng, world["leaves"])[1] for _ in range(rng.choice([1, 1, 2]))))
        specs.append(RequestSpec(
            user_id=-(i + 1), program_id=target.pk, experience_codes=codes,
            community_codes=[rng.choice(world["communities"])[1]] if rng.random() < 0.2 else [],
            languages=[language], formats=formats, hours_mask=utc_mask(parse_windows(windows(rng)), zone),
            latitude=lat + rng.uniform(-0.2, 0.2), longitude=lon + rng.uniform(-0.2, 0.2),
            distance_km=rng.choice([5, 10, 25]), requires_certification=True,
            under_18=target.accepts_under_18 and rng.random() < 0.2, accepts_under_18=target.accepts_under_18,
            supporter_gender=rng.choice(["", "", "woman", "man"]), story=about(rng) if stories else "",
            waiting_since=(now - timedelta(days=rng.uniform(0, 60))) if now else None))
    return specs


def percentiles(values):
    values = sorted(values)
    pick = lambda q: values[min(len(values) - 1, int(q * len(values)))]  # noqa: E731
    return {"p50_ms": round(statistics.median(values), 2), "p95_ms": round(pick(0.95), 2),
            "p99_ms": round(pick(0.99), 2), "mean_ms": round(statistics.fmean(values), 2)}


def time_single(specs, top_candidates):
    top_candidates(specs[0], limit=10)  # warm up
    timings = []
    for spec in specs:
        start = time.perf_counter()
        top_candidates(spec, limit=10)
        timings.append((time.perf_counter() - start) * 1000)
    return percentiles(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--supporters", type=int)
    parser.add_argument("--requests", type=int, help="single requests to time")
    parser.add_argument("--batch-requests", type=int)
    parser.add_argument("--batch-supporters", type=int)
    parser.add_argument("--use-database-url", action="store_true")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    supporters = args.supporters or (2000 if args.quick else 100_000)
    single = args.requests or (100 if args.quick else 1000)
    batch_requests = args.batch_requests or (200 if args.quick else 10_000)
    batch_supporters = args.batch_supporters or (400 if args.quick else 20_000)

    if not args.use_database_url:
        os.environ.pop("DATABASE_URL", None)
    os.environ["PEERCIRCLE_DATA_DIR"] = tempfile.mkdtemp(prefix="peercircle-bench-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("PEERCIRCLE_TASKS", "immediate")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    log = lambda message: print(message, file=sys.stderr, flush=True)  # noqa: E731
    call_command("migrate", verbosity=0)
    rng = random.Random(args.seed)
    log(f"Seeding {supporters:,} supporters")
    started = time.perf_counter()
    world = seed(supporters, batch_supporters / supporters, rng, log)
    seed_seconds = time.perf_counter() - started
    time.sleep(6)  # past the index's overlap window: a network isn't bulk-loaded a moment before a request
    with connection.cursor() as cursor:  # as autovacuum would after a bulk load
        cursor.execute("ANALYZE")

    from peercircle.matching import index as index_module
    from peercircle.matching.engine import batch_assign, batch_edges, top_candidates

    started = time.perf_counter()
    index = index_module.supporter_index()
    index.story_matrix()
    build_seconds = time.perf_counter() - started
    log(f"Index of {index.size:,} supporters built in {build_seconds:.1f} s")

    specs = request_specs(single, world, rng)
    lexical = time_single(specs, top_candidates)
    log(f"Single request, lexical: {lexical}")
    semantic = None
    try:
        from peercircle.experiences import embeddings

        semantic_ready = embeddings.available()
    except Exception as error:  # the optional extra is not installed
        semantic_ready = False
        log(f"Semantic backend not available ({error}); lexical figures only")
    if semantic_ready:
        import numpy as np

        from peercircle.experiences.embeddings import embed
        from peercircle.matching.models import SupporterProfile

        texts = sorted({text for text in SupporterProfile.objects.values_list("about", flat=True)})
        log(f"Embedding {len(texts):,} distinct supporter stories")
        vectors = dict(zip(texts, embed(texts, lang="en"), strict=True))
        abouts = dict(SupporterProfile.objects.values_list("id", "about"))
        for profile_id, row in index.row_of_profile.items():
            index.embeddings[row] = vectors[abouts[profile_id]]
            index.has_embedding[row] = True
        story_vectors = embed([spec.story for spec in specs], lang="en")
        for spec, vector in zip(specs, story_vectors, strict=True):
            spec.story_embedding = np.asarray(vector, np.float32)
        semantic = time_single(specs, top_candidates)
        log(f"Single request, precomputed embeddings: {semantic}")

    now = timezone.now()
    batch_specs = request_specs(batch_requests, world, rng, program=world["programs"][0], now=now, stories=False)
    started = time.perf_counter()
    edges = batch_edges(batch_specs, per_request=30, index=index)
    edges_seconds = time.perf_counter() - started
    log(f"Batch candidates: {len(edges[0]):,} pairs among {edges[3].size:,} supporters with room "
        f"in {edges_seconds:.1f} s")
    results = {}
    for method in ("optimal", "greedy"):
        started = time.perf_counter()
        result = batch_assign(batch_specs, method=method, edges=edges, now=now)
        seconds = time.perf_counter() - started
        results[method] = {"seconds": round(seconds + edges_seconds, 2), "solve_seconds": round(seconds, 2),
                           "matched": result.matched, "total_score": round(result.total_score, 1),
                           "longest_wait_days": round(result.longest_wait_days, 1),
                           "left_waiting": len(result.unassigned),
                           "left_waiting_who_had_a_candidate": result.left_waiting_servable,
                           "longest_wait_days_who_had_a_candidate": round(result.longest_wait_days_servable, 1),
                           "left_waiting_over_28_days": sum(
                               1 for i in result.unassigned
                               if (now - batch_specs[i].waiting_since).days >= 28)}
        log(f"Batch {method}: {results[method]}")
    print(json.dumps({
        "supporters": index.size, "database": connection.vendor, "seed_seconds": round(seed_seconds, 1),
        "index_build_seconds": round(build_seconds, 2), "single_requests": single,
        "single_lexical": lexical, "single_semantic": semantic,
        "batch": {"requests": batch_requests, "supporters_serving_about": batch_supporters,
                  "supporters_with_room": int(edges[3].size), "pairs": int(len(edges[0])), **results},
    }))


if __name__ == "__main__":
    main()
