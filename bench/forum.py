"""Forum pages under load: 50,000 threads and 500,000 posts, served by the real ASGI app.

    .venv/bin/python bench/forum.py            # full size (seeding takes a few minutes the first time)
    .venv/bin/python bench/forum.py --quick    # 2,000 threads and 20,000 posts, for CI
    .venv/bin/python bench/forum.py --reseed   # build the database again instead of reusing it

1. Seeds a database of its own (a data folder under the system's temporary folder, never the
   developer's var/): an organization, a few hundred members with profiles, ten spaces (one
   busy space with 40 % of the threads), threads whose lengths are skewed (most a few posts,
   2 % of them several pages long), posts with content warnings, pseudonyms, quotes, reactions
   and a few moderated ones. Rows go in with bulk inserts, NOT through the services (the text
   pipeline would take hours for 500,000 posts); the counts the services keep (a space's
   threads, posts and last post, a thread's replies, last number and last post) are filled in
   from what was inserted, and the search index is built in one go afterwards (see
   `search_build`; search is reported as unavailable when the checkout has none). The database is
   reused by later runs of the same size; --reseed builds it again.
2. Serves it as production does: `peercircle run --workers 2` (uvicorn, DEBUG off, SQLite in
   WAL mode) on 127.0.0.1, and signs in a member by creating a session in the database.
3. Loads each page in turn from this process (asyncio, raw HTTP/1.1 keep-alive connections):
   50 connections each sending its next request as soon as the last one answered, a warm-up,
   then a fixed time; every request's latency is kept. Then one connection alone for a short
   while, which shows what a request costs without queueing.

Endpoints: a busy space's thread list (first page and ?page=50), a thread's first page (random
among every listed thread) and a search (a few words of different frequency), when available.
Anything but 200 counts as an error; the script fails (exit status 1) when a page is missing,
when most requests fail, or when the server answers any with a server error (5xx). Prints one
JSON object as its last line.
"""

import argparse
import asyncio
import getpass
import json
import os
import platform
import random
import resource
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from bisect import bisect
from datetime import timedelta
from itertools import accumulate
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FORMAT = 2  # raise when the seeded data changes shape, so kept databases are built again
META = "bench-forum.json"
BENCH_EMAIL = "bench-member@example.org"
# Search words from common to rare: "feel" is in about half of the posts, "anniversary" and
# "duelo" in 12-16 %, "magnolia" in 0.2 %.
SEARCH_WORDS = ["feel", "anniversary", "magnolia", "duelo"]
RARE_SENTENCE = "We planted a magnolia in the garden for him."
TARGET_P99_MS = 100

SPACES = [  # name, slug, kind, share of the threads, allows pseudonyms
    ("Everyday struggles", "everyday-struggles", "topic", 0.40, True),
    ("Living with grief", "living-with-grief", "topic", 0.12, True),
    ("Anxiety and panic", "anxiety-and-panic", "topic", 0.10, True),
    ("Depression", "depression", "topic", 0.08, True),
    ("Recovery from alcohol", "recovery-from-alcohol", "topic", 0.08, True),
    ("Carers' corner", "carers-corner", "topic", 0.06, False),
    ("Long covid and chronic illness", "long-covid-and-chronic-illness", "topic", 0.05, True),
    ("New parents", "new-parents", "topic", 0.04, False),
    ("Duelo y pérdida", "duelo-y-perdida", "topic", 0.04, True),
    ("Bench Peer Network members", "bench-peer-network-members", "organization", 0.03, False),
]
TITLES = [
    "Evenings are the hardest", "First anniversary coming up", "Does anyone else feel numb?",
    "Six months sober today", "Can't sleep again", "How do you tell your family?", "A small win this week",
    "Back at work after the funeral", "The panic came back", "What helped you in the first month?",
    "Caring for mum and feeling guilty", "Is it normal to still cry every day?", "Weekend plans that help",
    "Finally asked for help", "Tired of explaining myself", "Good day, for once", "Dreading the holidays",
    "Anyone else awake?", "New here, a bit nervous", "One year today", "Relapsed and starting again",
    "Things nobody tells you", "Walking helps a little", "Hoy ha sido un día difícil", "Un año sin él",
]
SENTENCES = [
    "Evenings are the worst for me, when the house goes quiet.", "I keep reaching for my phone to text her.",
    "My sleep is all over the place and the nights feel very long.", "Thank you for sharing this, it helps to read.",
    "I went for a short walk today and it helped a little.", "The first anniversary is coming up and I'm dreading it.",
    "Some days I feel numb and some days everything hits at once.", "I told my sister how I feel and she listened.",
    "Work has been patient with me, which I didn't expect.", "Sending you strength for tomorrow.",
    "I don't have advice, just wanted you to know you're not alone.", "The panic comes out of nowhere in the supermarket.",
    "Breathing slowly and naming five things I can see gets me through.", "I've been sober for 90 days now.",
    "Cravings are worst around six, so I plan something for then.", "Caring for dad takes everything I have.",
    "I feel guilty for wanting a break.", "My counsellor suggested writing a letter to him.",
    "I lit a lantern by the river on her birthday.", "Small steps still count, even on bad weeks.",
    "Me too, the second year was harder than the first for me.", "This group is the only place I can say this.",
    "I made a list of people I can call when it gets bad.", "Brain fog makes it hard to read more than a page.",
    "The baby sleeps in short bursts and so do I.", "Nobody warned me about the paperwork after a death.",
    "Hoy me he acordado mucho de mi madre.", "El duelo no tiene calendario, vamos a nuestro ritmo.",
    "Gracias por escribir, me siento menos sola.", "Por las noches me cuesta mucho dormir.",
]
NAMES = ["Robin", "Sam", "Alex", "Jo", "Kit", "Morgan", "Rowan", "Ash", "Lee", "Noor", "Ines", "Mara", "Tomás",
         "Lucía", "Priya", "Femi", "Hana", "Ola", "Ben", "Cat", "Dani", "Eli", "Gus", "Ivy"]
WARNINGS = ["grief", "self_harm", "substance_use", "medical", "suicide", "abuse", "eating", "violence"]
ADJECTIVES = ["Quiet", "Gentle", "Steady", "Hopeful", "Brave", "Kind", "Calm", "Patient", "Bright", "Warm"]
NOUNS = ["Willow", "River", "Harbour", "Lantern", "Meadow", "Robin", "Cedar", "Heron", "Pebble", "Sparrow"]


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --- The database ---------------------------------------------------------------------------

def prepare_environment(data_dir: Path, use_database_url: bool) -> None:
    os.environ["PEERCIRCLE_DATA_DIR"] = str(data_dir)
    os.environ["DEBUG"] = "false"
    if not use_database_url:  # the embedded defaults: SQLite, local-memory cache
        os.environ.pop("DATABASE_URL", None)
        os.environ.pop("REDIS_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")


def read_meta(data_dir: Path) -> dict:
    try:
        return json.loads((data_dir / META).read_text())
    except (OSError, ValueError):
        return {}


def remove_sqlite_files(data_dir: Path) -> None:
    for name in ("peercircle.sqlite3", "peercircle.sqlite3-wal", "peercircle.sqlite3-shm", META):
        (data_dir / name).unlink(missing_ok=True)


class Inserter:
    """Raw multi-row inserts for a model: the columns given, every other concrete column at its
    default (so fields added later by other work do not break the bench), values adapted for the
    database as Django would (dates, JSON)."""

    def __init__(self, model, attnames: list[str]):
        from django.db import connection, models

        self.connection = connection
        fields = {field.attname: field for field in model._meta.concrete_fields}
        missing = [field for name, field in fields.items()
                   if name not in attnames and not field.primary_key]  # the database numbers rows
        self.defaults = tuple(field.get_db_prep_save(field.get_default(), connection) for field in missing)
        columns = [fields[name].column for name in attnames] + [field.column for field in missing]
        self.adapters = []
        for index, name in enumerate(attnames):
            field = fields[name]
            if isinstance(field, (models.DateTimeField, models.JSONField)):
                self.adapters.append((index, lambda value, field=field: field.get_db_prep_save(value, connection)))
        quote = connection.ops.quote_name
        self.sql = (f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(quote(c) for c in columns)}) "
                    f"VALUES ({', '.join(['%s'] * len(columns))})")

    def insert(self, rows: list[tuple]) -> None:
        prepared = []
        for row in rows:
            row = list(row)
            for index, adapt in self.adapters:
                row[index] = adapt(row[index])
            prepared.append(tuple(row) + self.defaults)
        with self.connection.cursor() as cursor:
            for start in range(0, len(prepared), 5000):
                cursor.executemany(self.sql, prepared[start:start + 5000])


def thread_lengths(rng: random.Random, threads: int, posts: int) -> list[int]:
    """Posts per thread: most threads a few posts, 2 % several pages long (60-400), adding up
    to exactly `posts`."""
    if posts < threads:
        raise SystemExit("There must be at least one post per thread.")
    long_share = 0.02
    lengths = [rng.randint(60, 400) if rng.random() < long_share else 0 for _ in range(threads)]
    short = [i for i, n in enumerate(lengths) if n == 0]
    room = posts - sum(lengths)
    if room < len(short):  # small sizes: no room for long threads
        lengths, short, room = [0] * threads, list(range(threads)), posts
    mean = room / max(1, len(short))
    for i in short:
        lengths[i] = max(1, min(int(rng.expovariate(1 / mean)) + 1, 59))
    difference = posts - sum(lengths)
    while difference:
        i = rng.randrange(threads)
        if difference > 0:
            lengths[i] += 1
            difference -= 1
        elif lengths[i] > 1:
            lengths[i] -= 1
            difference += 1
    return lengths


def paragraphs(rng: random.Random, count: int) -> list[tuple[str, str]]:
    from peercircle.core.text import render_markdown

    made = []
    for n in range(count):
        text = " ".join(rng.sample(SENTENCES, rng.randint(2, 4)))
        if n % 17 == 0:
            text = f"**{text.split('.')[0]}.**\n\n" + text
        elif n % 23 == 0:
            text = "- " + "\n- ".join(rng.sample(SENTENCES, 3))
        made.append((text, render_markdown(text)))
    return made


def seed_people_and_spaces(rng: random.Random, users: int) -> tuple[list[int], list]:
    """The organization, its members (the bench member first) with what a signed-up account has
    (profile, verified address, agreements), and the spaces, whose rules the bench member accepted."""
    from allauth.account.models import EmailAddress
    from django.contrib.auth.hashers import make_password
    from django.db import transaction

    from peercircle.accounts.gate import required_document_ids
    from peercircle.accounts.models import Consent, Profile, User
    from peercircle.community.models import RulesAcceptance, Space
    from peercircle.core.text import render_markdown
    from peercircle.organizations.models import Membership, Organization

    with transaction.atomic():
        organization = Organization.objects.create(name="Bench Peer Network", slug="bench-peer-network",
                                                   kind="peer_run", country="GB", timezone="Europe/London")
        unusable = make_password(None)
        people = User.objects.bulk_create([User(email=BENCH_EMAIL, password=unusable, language="en")] + [
            User(email=f"bench-{n}@example.org", password=unusable, language="es" if n % 5 == 0 else "en")
            for n in range(1, users)])
        Profile.objects.bulk_create([
            Profile(user=person, display_name=f"{NAMES[n % len(NAMES)]} {n}", bio=rng.choice(SENTENCES),
                    bio_html=f"<p>{rng.choice(SENTENCES)}</p>", languages=[person.language], timezone="Europe/London")
            for n, person in enumerate(people)])
        EmailAddress.objects.bulk_create([EmailAddress(user=person, email=person.email, verified=True, primary=True)
                                          for person in people])
        Consent.objects.bulk_create([Consent(user=person, document_id=document)
                                     for person in people for document in required_document_ids()])
        Membership.objects.bulk_create([Membership(user=person, organization=organization, role="member")
                                        for person in people])
        rules = "Be kind. Speak from your own experience. No advice about medication."
        spaces = [Space.objects.create(name=name, slug=slug, kind=kind, organization=organization,
                                       description=f"A space for {name.lower()}.",
                                       description_html=render_markdown(f"A space for {name.lower()}."),
                                       rules=rules, rules_html=render_markdown(rules), allow_anonymous=anonymous,
                                       position=n)
                  for n, (name, slug, kind, _share, anonymous) in enumerate(SPACES)]
        RulesAcceptance.objects.bulk_create([RulesAcceptance(space=space, person=people[0], version=1)
                                             for space in spaces])
    return [person.pk for person in people], spaces


class Rows:
    """The rows of one batch of threads, in the order the inserts take them."""

    def __init__(self):
        self.pseudonyms, self.threads, self.posts, self.reactions, self.follows = [], [], [], [], []


class ForumWriter:
    """Makes threads and their posts as rows, keeping the counts the services would keep."""

    def __init__(self, rng: random.Random, person_ids: list[int], spaces: list, now):
        self.rng, self.person_ids, self.spaces, self.now = rng, person_ids, spaces, now
        # A few people write most posts; the bench member writes about 1 % of them.
        weights = [1 / (rank + 1) ** 0.8 for rank in range(len(person_ids))]
        weights[0] = sum(weights[1:]) / 99
        self.author_cumulative = list(accumulate(weights))
        self.space_cumulative = list(accumulate(share for _n, _s, _k, share, _a in SPACES))
        self.texts = paragraphs(rng, 400)
        self.pseudonym_ids: dict[tuple[int, int], int] = {}
        self.pseudonym_names: dict[int, set] = {}
        self.counts = {space.pk: {"threads": 0, "posts": 0, "last": None, "pinned": 0} for space in spaces}
        self.post_id = 0

    def author(self) -> int:
        return self.person_ids[bisect(self.author_cumulative, self.rng.random() * self.author_cumulative[-1])]

    def pseudonym(self, rows: Rows, space, person: int) -> int:
        key = (space.pk, person)
        if key not in self.pseudonym_ids:
            names, rng = self.pseudonym_names.setdefault(space.pk, set()), self.rng
            name = f"{rng.choice(ADJECTIVES)} {rng.choice(NOUNS)}"
            while name in names:
                name = f"{rng.choice(ADJECTIVES)} {rng.choice(NOUNS)} {rng.randint(100, 999)}"
            names.add(name)
            self.pseudonym_ids[key] = len(self.pseudonym_ids) + 1
            rows.pseudonyms.append((self.pseudonym_ids[key], space.pk, person, name, self.now))
        return self.pseudonym_ids[key]

    def times(self, length: int) -> list:
        """When each post was written: the thread opened in the last two years, replies hours
        apart (longer threads more spread out), squeezed to end before now."""
        rng = self.rng
        opened = self.now - timedelta(days=rng.uniform(0, 730))
        gaps = [rng.expovariate(1 / (6 * 3600 if length > 59 else 3 * 3600)) for _ in range(length - 1)]
        room = (self.now - opened).total_seconds() - 60
        squeeze = min(1.0, room / sum(gaps)) if gaps else 1.0
        times, at = [opened], opened
        for gap in gaps:
            at += timedelta(seconds=gap * squeeze)
            times.append(at)
        return times

    def thread(self, rows: Rows, thread_id: int, length: int) -> None:
        from peercircle.community.models import PostState

        rng = self.rng
        space = self.spaces[bisect(self.space_cumulative, rng.random() * self.space_cumulative[-1])]
        counts = self.counts[space.pk]
        times = self.times(length)
        waiting = length == 1 and rng.random() < 0.01  # an opening post held for a moderator
        opening_warnings = [rng.choice(WARNINGS)] if rng.random() < 0.1 else []  # the thread's too
        opener = self.author()
        opener_pseudonym = None
        visible_replies, last_visible, numbered = 0, times[0], []
        for number, written in enumerate(times, start=1):
            self.post_id += 1
            person = opener if number == 1 else self.author()
            pseudonym = self.pseudonym(rows, space, person) if space.allow_anonymous and rng.random() < 0.08 else None
            if number == 1:
                state, opener_pseudonym = (PostState.PENDING if waiting else PostState.VISIBLE), pseudonym
                warnings = opening_warnings
            else:
                roll = rng.random()
                state = (PostState.HIDDEN if roll < 0.004 else PostState.REMOVED if roll < 0.006
                         else PostState.PENDING if roll < 0.01 else PostState.VISIBLE)
                warnings = [rng.choice(WARNINGS)] if rng.random() < 0.1 else []
            reason = "" if state == PostState.VISIBLE else "A moderator is looking at this post."
            chosen = rng.sample(self.texts, rng.choice((1, 1, 2, 3)))
            source = "\n\n".join(text for text, _html in chosen)
            html = "".join(rendered for _text, rendered in chosen)
            if rng.random() < 0.002:
                source, html = f"{source}\n\n{RARE_SENTENCE}", f"{html}<p>{RARE_SENTENCE}</p>\n"
            quote = rng.choice(numbered) if number > 2 and rng.random() < 0.03 else None
            reaction_counts = {}
            if state == PostState.VISIBLE and rng.random() < 0.2:
                for reactor in rng.sample(self.person_ids, rng.randint(1, 3)):
                    kind = rng.choice(("me_too", "sending_support", "this_helped"))
                    reaction_counts[kind] = reaction_counts.get(kind, 0) + 1
                    rows.reactions.append((self.post_id, reactor, kind, written))
            rows.posts.append((self.post_id, thread_id, number, person, pseudonym, source, html, warnings, quote,
                               state, reason, written if reason else None, "none", [], written, reaction_counts))
            numbered.append(self.post_id)
            if state == PostState.VISIBLE:
                counts["posts"] += 1
                last_visible = written
                visible_replies += number > 1
        pinned = not waiting and counts["pinned"] < 2 and rng.random() < 0.01
        counts["pinned"] += pinned
        rows.threads.append((thread_id, space.pk, rng.choice(TITLES), opener, opener_pseudonym, times[0],
                             PostState.PENDING if waiting else PostState.VISIBLE, opening_warnings, pinned,
                             rng.random() < 0.005, visible_replies, last_visible, length))
        rows.follows.append((thread_id, opener, times[0]))
        if opener != self.person_ids[0] and rng.random() < 0.005:
            rows.follows.append((thread_id, self.person_ids[0], times[0]))
        if not waiting:
            counts["threads"] += 1
            counts["last"] = max(counts["last"] or last_visible, last_visible)


def seed(*, threads: int, posts: int, users: int, seed_value: int) -> dict:
    """Everything the pages read, inserted in bulk. Returns what was made."""
    from django.db import connection, transaction
    from django.utils import timezone

    from peercircle.community.models import Post, Pseudonym, Reaction, Space, Thread, ThreadFollow

    rng = random.Random(seed_value)
    person_ids, spaces = seed_people_and_spaces(rng, users)
    writer = ForumWriter(rng, person_ids, spaces, timezone.now())
    lengths = thread_lengths(rng, threads, posts)
    inserts = [
        ("pseudonyms", Inserter(Pseudonym, ["id", "space_id", "person_id", "name", "created_at"])),
        ("threads", Inserter(Thread, ["id", "space_id", "title", "author_id", "pseudonym_id", "created_at", "state",
                                      "content_warnings", "is_pinned", "is_locked", "reply_count", "last_post_at",
                                      "last_post_number"])),
        ("posts", Inserter(Post, ["id", "thread_id", "number", "author_id", "pseudonym_id", "source", "html",
                                  "content_warnings", "quote_of_id", "state", "state_reason", "state_changed_at",
                                  "screening_level", "screening_categories", "created_at", "reaction_counts"])),
        ("reactions", Inserter(Reaction, ["post_id", "person_id", "kind", "created_at"])),
        ("follows", Inserter(ThreadFollow, ["thread_id", "person_id", "created_at"])),
    ]
    made = {"reactions": 0, "follows": 0}
    batch = 2000
    for start in range(0, threads, batch):
        rows = Rows()
        for thread_id in range(start + 1, min(start + batch, threads) + 1):
            writer.thread(rows, thread_id, lengths[thread_id - 1])
        with transaction.atomic():
            for name, inserter in inserts:
                inserter.insert(getattr(rows, name))
        made["reactions"] += len(rows.reactions)
        made["follows"] += len(rows.follows)
        if (start // batch) % 5 == 4:
            log(f"  {min(start + batch, threads):,} threads, {writer.post_id:,} posts")
    for space in spaces:
        counts = writer.counts[space.pk]
        Space.objects.filter(pk=space.pk).update(thread_count=counts["threads"], post_count=counts["posts"],
                                                 last_post_at=counts["last"])
    if connection.vendor == "postgresql":  # ids were given explicitly: move the sequences on
        from django.core.management.color import no_style

        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(no_style(), [Thread, Post, Pseudonym]):
                cursor.execute(statement)
    return {"threads": threads, "posts": writer.post_id, "users": len(person_ids), "spaces": len(spaces),
            "pseudonyms": len(writer.pseudonym_ids), **made}


def freshen_statistics() -> None:
    """Fresh statistics, and no large write-ahead log to read through, as a database in use has."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("ANALYZE")
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        else:
            cursor.execute("ANALYZE")


def search_index_module():
    """The forums' search index as this checkout builds it, or None: `community.search_index`
    kept by database triggers (install() makes and fills it, uninstall() drops it)."""
    try:
        from peercircle.community import search_index
    except ImportError:
        return None
    return search_index if hasattr(search_index, "install") and hasattr(search_index, "uninstall") else None


def search_before_seeding() -> None:
    """An index kept by triggers would be written once per inserted post: drop it while seeding
    and build it in one go afterwards (faster, and the same index)."""
    module = search_index_module()
    if module is not None:
        module.uninstall()


def search_build() -> tuple[str, float | None]:
    """Build the search index over the seeded posts: `community.search_index.install()` (the
    triggers and a full refill), else `community.search.rebuild_index()`; else search is
    reported as unavailable."""
    try:
        from peercircle.community import search
    except ImportError:
        search = None
    if search is not None and hasattr(search, "available") and not search.available():
        return "unavailable: peercircle.community.search.available() is False for this database", None
    module = search_index_module()
    build = module.install if module is not None else getattr(search, "rebuild_index", None)
    if build is None:
        return ("unavailable: no peercircle.community.search_index.install() or "
                "peercircle.community.search.rebuild_index()"), None
    began = time.perf_counter()
    build()
    return "available", round(time.perf_counter() - began, 1)


def search_url_exists() -> bool:
    from django.urls import NoReverseMatch, reverse

    try:
        reverse("community:search")
    except NoReverseMatch:
        return False
    return True


def bench_session() -> tuple[str, str]:
    """A signed-in session for the bench member, made as Django's login makes one."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    from peercircle.accounts.models import User

    user = User.objects.get(email=BENCH_EMAIL)
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = user._meta.pk.value_to_string(user)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    return settings.SESSION_COOKIE_NAME, session.session_key


def build_or_reuse(args, data_dir: Path, sizes: dict) -> dict:
    """Migrate, then reuse the kept database when it has these sizes, or seed it."""
    wanted = {"format": FORMAT, **sizes, "seed": args.seed}
    meta = read_meta(data_dir)
    reuse = not args.reseed and all(meta.get(key) == value for key, value in wanted.items())
    if not reuse and not args.use_database_url:
        remove_sqlite_files(data_dir)
    import django

    django.setup()
    from django.core.management import call_command

    migrating = time.perf_counter()
    call_command("migrate", verbosity=0)
    migrated_s = round(time.perf_counter() - migrating, 1)
    from peercircle.community.models import Post, Thread

    if reuse and (Thread.objects.count() != sizes["threads"] or Post.objects.count() != sizes["posts"]):
        reuse = False
    if not reuse:
        if args.use_database_url and Thread.objects.exists():
            if not args.reseed:
                raise SystemExit("DATABASE_URL already has forum data of another size: run again with --reseed to "
                                 "empty that database (every table) and build it again.")
            call_command("flush", interactive=False, verbosity=0)
        (data_dir / META).unlink(missing_ok=True)
        log(f"Seeding {sizes['threads']:,} threads and {sizes['posts']:,} posts (bulk inserts)…")
        search_before_seeding()
        began = time.perf_counter()
        meta = {**wanted, **seed(threads=sizes["threads"], posts=sizes["posts"], users=sizes["users"],
                                 seed_value=args.seed)}
        freshen_statistics()
        meta["seed_s"] = round(time.perf_counter() - began, 1)
        meta["search"], meta["index_s"] = None, None
        log(f"Seeded in {meta['seed_s']} s")
    else:
        log(f"Reusing the database in {data_dir} (seeded in {meta.get('seed_s')} s; --reseed builds it again)")
        if meta.get("search") != "available" and search_index_module() is not None:
            # Seeded before this checkout had search: its migration has just built the index.
            meta["search"], meta["index_s"] = "available", migrated_s
            log(f"Search index built by the migration ({migrated_s} s)")
        freshen_statistics()
    meta["reused"] = reuse
    if meta.get("search") != "available":
        meta["search"], meta["index_s"] = search_build()
        if meta["index_s"] is not None:
            freshen_statistics()
            log(f"Search index built in {meta['index_s']} s")
    (data_dir / META).write_text(json.dumps({k: v for k, v in meta.items() if k != "reused"}))
    return meta


def endpoints(args, meta: dict) -> dict:
    """Name → (a function giving the next path, the status expected)."""
    from django.urls import NoReverseMatch, reverse

    from peercircle.community.models import Post, PostState, Space, Thread
    from peercircle.community.selectors import THREADS_PER_PAGE

    busy = Space.objects.get(slug=SPACES[0][1])
    rng = random.Random(args.seed + 1)
    thread_ids = list(Thread.objects.filter(state=PostState.VISIBLE).values_list("id", flat=True))
    post_ids = list(Post.objects.filter(state=PostState.VISIBLE).values_list("id", flat=True)[:50_000])
    deep = min(50, max(1, -(-busy.thread_count // THREADS_PER_PAGE)))
    made = {}
    try:
        space_url = reverse("community:space", args=[busy.slug])
        made["thread_list"] = (lambda: space_url, 200)
        made["thread_list_deep"] = (lambda: f"{space_url}?page={deep}", 200)
    except NoReverseMatch:
        pass
    try:
        reverse("community:thread", args=[1])
        made["thread"] = (lambda: reverse("community:thread", args=[rng.choice(thread_ids)]), 200)
    except NoReverseMatch:
        pass
    if meta["search"] == "available" and search_url_exists():
        made["search"] = (lambda: f"{reverse('community:search')}?q={rng.choice(SEARCH_WORDS)}", 200)
    # Not measured by default: the lasting link to a post (a redirect), which exists since the
    # foundation — useful to check the harness itself.
    made["post_link"] = (lambda: reverse("community:post", args=[rng.choice(post_ids)]), 302)
    # Not measured by default either: what the server stack costs without a forum page — the
    # health check (every middleware, no session, no template) and a small signed-in page (the
    # reading preferences form: session, user, the base template). `--endpoints healthz,small_page`.
    made["healthz"] = (lambda: reverse("healthz"), 200)
    made["small_page"] = (lambda: reverse("community:reading_preferences"), 200)
    meta["deep_page"] = deep
    meta["busy_space"] = {"slug": busy.slug, "threads": busy.thread_count, "posts": busy.post_count}
    return made


# --- The server -----------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(data_dir: Path, port: int, workers: int, use_database_url: bool) -> subprocess.Popen:
    env = dict(os.environ, PEERCIRCLE_DATA_DIR=str(data_dir), DEBUG="false", PYTHONPATH=str(ROOT))
    if not use_database_url:
        env.pop("DATABASE_URL", None)
        env.pop("REDIS_URL", None)
    output = open(data_dir / "server.log", "wb")  # noqa: SIM115 — the server writes to it until stopped
    # `peercircle run` exactly as an install serves (migrate, then uvicorn with N workers), from
    # this checkout: `python -c` puts the working directory first on the path.
    server = subprocess.Popen(
        [sys.executable, "-c", "from peercircle.cli import main; main()", "run", "--host", "127.0.0.1",
         "--port", str(port), "--workers", str(workers)],
        cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT, start_new_session=True)
    output.close()
    return server


def stop_server(server: subprocess.Popen) -> None:
    if server.poll() is not None:
        return
    os.killpg(server.pid, signal.SIGTERM)  # its own process group: uvicorn's supervisor and workers
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()


def wait_until_serving(server: subprocess.Popen, port: int, workers: int, data_dir: Path, timeout: float = 120):
    deadline = time.monotonic() + timeout
    logfile = data_dir / "server.log"
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the server stopped (status {server.returncode}):\n{tail(logfile)}")
        started = logfile.read_text(errors="replace").count("Started server process")
        if started >= workers:
            try:
                status, _keep, _size = asyncio.run(one_request(port, "/healthz", ""))
                if status == 200:
                    return
            except OSError:
                pass
        time.sleep(0.3)
    raise RuntimeError(f"the server did not answer within {timeout:.0f} s:\n{tail(logfile)}")


def tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


# --- The load generator ---------------------------------------------------------------------

async def read_response(reader: asyncio.StreamReader) -> tuple[int, bool, int]:
    """One HTTP/1.1 response: (status, whether the connection stays open, body size)."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    headers = {}
    for line in lines[1:]:
        if ":" in line:
            name, value = line.split(":", 1)
            headers[name.strip().lower()] = value.strip().lower()
    keep = headers.get("connection") != "close"
    if "content-length" in headers:
        size = int(headers["content-length"])
        await reader.readexactly(size)
    elif headers.get("transfer-encoding") == "chunked":
        size = 0
        while True:
            chunk = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            await reader.readexactly(chunk + 2)
            size += chunk
            if chunk == 0:
                break
    else:
        size = len(await reader.read())
        keep = False
    return status, keep, size


def request_bytes(port: int, path: str, cookie: str) -> bytes:
    return (f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUser-Agent: peercircle-bench\r\n"
            f"Accept: text/html\r\nAccept-Language: en\r\n" + (f"Cookie: {cookie}\r\n" if cookie else "")
            + "\r\n").encode()


async def one_request(port: int, path: str, cookie: str) -> tuple[int, bool, int]:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        writer.write(request_bytes(port, path, cookie))
        async with asyncio.timeout(60):
            return await read_response(reader)
    finally:
        writer.close()


async def load(port: int, cookie: str, next_path, expected: int, *, connections: int, warmup: float,
               duration: float, rate: float | None = None) -> dict:
    """`connections` clients, each sending its next request as soon as the last one has answered
    (closed loop: latency is then mostly waiting in line), or, with `rate`, requests sent on a
    fixed schedule of `rate` a second spread over the connections (open loop), each latency
    counted from when its request was due, so a slow answer also counts against those that
    had to wait for it."""
    latencies: list[float] = []
    statuses: dict[str, int] = {}
    answered = 0  # expected answers that arrived after the warm-up, whenever sent
    began = time.perf_counter()
    measure_from = began + warmup
    # On a busy machine a short run may end before any request sent in it has come back: go on
    # until there is an answer per connection (at most a minute longer).
    least = connections
    stop_at, latest = measure_from + duration, measure_from + duration + 60

    def sending(now: float) -> bool:
        return now < stop_at or (len(latencies) + sum(statuses.values()) < least and now < latest)

    async def client(index: int) -> None:
        nonlocal answered
        reader = writer = None
        due = began + index / rate if rate else None
        while True:
            if rate:
                if not sending(due):
                    break
                if (wait := due - time.perf_counter()) > 0:
                    await asyncio.sleep(wait)
            elif not sending(time.perf_counter()):
                break
            try:
                if writer is None:
                    reader, writer = await asyncio.open_connection("127.0.0.1", port)
                sent = due if rate else time.perf_counter()
                writer.write(request_bytes(port, next_path(), cookie))
                async with asyncio.timeout(60):
                    status, keep, _size = await read_response(reader)
            except (OSError, TimeoutError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError) as error:
                sent = due if rate else time.perf_counter()
                status, keep = type(error).__name__, False
            done = time.perf_counter()
            answered += status == expected and done >= measure_from
            if sent >= measure_from:
                if status == expected:
                    latencies.append((done - sent) * 1000)
                else:
                    statuses[str(status)] = statuses.get(str(status), 0) + 1
            if not keep and writer is not None:
                writer.close()
                reader = writer = None
            if rate:
                due += connections / rate
        if writer is not None:
            writer.close()

    await asyncio.gather(*(client(index) for index in range(connections)))
    measured = time.perf_counter() - measure_from  # until the last answer: the server was busy until then
    errors = sum(statuses.values())
    figures = {"requests": len(latencies) + errors, "rps": round(answered / measured, 1), "errors": errors,
               "measured_s": round(measured, 1)}
    if rate:
        figures["offered_rps"] = rate
    if statuses:
        figures["error_statuses"] = statuses
    if latencies:
        figures |= {"p50_ms": round(statistics.median(latencies), 1), "p90_ms": round(percentile(latencies, 0.90), 1),
                    "p99_ms": round(percentile(latencies, 0.99), 1), "max_ms": round(max(latencies), 1)}
    return figures


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))]


def run_async(coroutine):
    try:
        import uvloop
    except ImportError:
        return asyncio.run(coroutine)
    with asyncio.Runner(loop_factory=uvloop.new_event_loop) as runner:
        return runner.run(coroutine)


# --- Machine facts --------------------------------------------------------------------------

def machine() -> dict:
    facts = {"cpus": os.cpu_count(), "python": platform.python_version(), "sqlite": sqlite3.sqlite_version,
             "system": f"{platform.system()} {platform.release()}", "load_before": [round(x, 2) for x in os.getloadavg()]}
    try:
        pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
        facts["memory_gib"] = round(pages / 2**30, 1)
    except (ValueError, OSError):
        pass
    return facts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="a small size that finishes fast")
    parser.add_argument("--threads", type=int)
    parser.add_argument("--posts", type=int)
    parser.add_argument("--users", type=int)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--rate", type=float, help="requests a second offered on a fixed schedule over the "
                                                  "connections (open loop) instead of each connection's "
                                                  "next request at once (closed loop, the default)")
    parser.add_argument("--workers", type=int, default=2, help="server worker processes")
    parser.add_argument("--duration", type=float, help="seconds measured per endpoint (20; quick 2)")
    parser.add_argument("--warmup", type=float, help="seconds of load before measuring (5; quick 0.5)")
    parser.add_argument("--single", type=float, help="seconds with one connection per endpoint (5; quick 0.5; 0 skips)")
    parser.add_argument("--endpoints", default="thread_list,thread_list_deep,thread,search",
                        help="comma-separated; also available: post_link (the redirect to a post), healthz and "
                             "small_page (what the server stack costs without a forum page)")
    parser.add_argument("--port", type=int, default=0, help="server port (default: a free one)")
    parser.add_argument("--data-dir", type=Path, help="where the bench database is kept (default: under the "
                                                      "system's temporary folder, by size)")
    parser.add_argument("--reseed", action="store_true", help="build the database again even if one of this size is kept")
    parser.add_argument("--use-database-url", action="store_true",
                        help="seed and serve DATABASE_URL (a database you can empty: --reseed flushes it) and REDIS_URL")
    args = parser.parse_args()
    sizes = {"threads": args.threads or (2_000 if args.quick else 50_000),
             "posts": args.posts or (20_000 if args.quick else 500_000),
             "users": args.users or (60 if args.quick else 400)}
    duration = args.duration or (2.0 if args.quick else 20.0)
    warmup = args.warmup if args.warmup is not None else (0.5 if args.quick else 5.0)
    single = args.single if args.single is not None else (0.5 if args.quick else 5.0)
    data_dir = args.data_dir or Path(tempfile.gettempdir()) / (
        f"peercircle-bench-forum-{getpass.getuser()}-{sizes['threads']}x{sizes['posts']}"
        + ("-database-url" if args.use_database_url else ""))
    data_dir.mkdir(parents=True, exist_ok=True)
    facts = machine()

    prepare_environment(data_dir, args.use_database_url)
    began = time.perf_counter()
    meta = build_or_reuse(args, data_dir, sizes)
    prepared_s = round(time.perf_counter() - began, 1)
    from django.db import connection

    paths = endpoints(args, meta)
    cookie_name, session_key = bench_session()
    cookie = f"{cookie_name}={session_key}"
    vendor = connection.vendor
    connection.close()  # nothing of ours holds the database while it is measured

    wanted = [name.strip() for name in args.endpoints.split(",") if name.strip()]
    figures = {"benchmark": "forum", "database": vendor, "ok": True,
               **{key: meta.get(key) for key in ("threads", "posts", "users", "spaces", "pseudonyms", "reactions")},
               "busy_space": meta["busy_space"], "deep_page": meta["deep_page"],
               "seed_s": meta.get("seed_s"), "reused_database": meta["reused"], "prepare_s": prepared_s,
               "search": meta["search"], "index_s": meta.get("index_s"),
               "connections": args.connections, "loop": f"open, {args.rate:g} req/s" if args.rate else "closed", "workers": args.workers, "duration_s": duration, "warmup_s": warmup,
               "target_p99_ms": TARGET_P99_MS, "endpoints": {}, "problems": []}
    missing = [name for name in wanted if name not in paths and name != "search"]
    if "search" in wanted and "search" not in paths:
        log(f"Search is not measured: {meta['search'] if meta['search'] != 'available' else 'no community:search URL'}")
    if missing:
        figures["problems"].append(f"no page for {', '.join(missing)} (the forum pages are not in this checkout yet?)")
    port = args.port or free_port()
    before = resource.getrusage(resource.RUSAGE_SELF)
    server = start_server(data_dir, port, args.workers, args.use_database_url)
    try:
        wait_until_serving(server, port, args.workers, data_dir)
        log(f"Serving on 127.0.0.1:{port} with {args.workers} workers (log: {data_dir / 'server.log'})")
        for name in wanted:
            if name not in paths:
                continue
            next_path, expected = paths[name]
            path = next_path()
            status, _keep, size = run_async(one_request(port, path, cookie))
            if status != expected:
                figures["problems"].append(f"{name}: {path} answered {status}, not {expected}")
                figures["endpoints"][name] = {"path": path, "errors": 1}
                continue
            # Every worker has served this page a few times (a cold worker imports and compiles
            # templates on its first requests) before the timed warm-up starts.
            run_async(load(port, cookie, next_path, expected, connections=2 * args.workers, warmup=0,
                           duration=0.5))
            result = {"path": path}
            result |= run_async(load(port, cookie, next_path, expected, connections=args.connections,
                                     warmup=warmup, duration=duration, rate=args.rate))
            if single:
                alone = run_async(load(port, cookie, next_path, expected, connections=1, warmup=0.2,
                                       duration=single))
                result["one_connection"] = {key: alone.get(key) for key in ("rps", "p50_ms", "p99_ms", "errors")}
            figures["endpoints"][name] = result
            alone = result.get("one_connection")
            log(f"{name:>17}: {result['rps']:>7} req/s  p50 {result.get('p50_ms')} ms  p99 {result.get('p99_ms')} ms"
                f"  errors {result['errors']}/{result['requests']}"
                + (f"   one connection: p50 {alone.get('p50_ms')} ms" if alone else ""))
            server_errors = sum(n for status, n in result.get("error_statuses", {}).items() if status[0] == "5")
            if not result["requests"] or result["errors"] * 2 > result["requests"] or server_errors:
                figures["problems"].append(f"{name}: {result['errors']} of {result['requests']} requests failed "
                                           f"({result.get('error_statuses')}; see {data_dir / 'server.log'})")
    except RuntimeError as error:
        figures["problems"].append(str(error))
    finally:
        stop_server(server)
    usage = resource.getrusage(resource.RUSAGE_SELF)
    facts["load_after"] = [round(x, 2) for x in os.getloadavg()]
    # CPU time the load generator took from the two cores while the server was measured.
    facts["generator_cpu_s"] = round(usage.ru_utime + usage.ru_stime - before.ru_utime - before.ru_stime, 1)
    figures["machine"] = facts
    figures["ok"] = not figures["problems"]
    if not figures["problems"]:
        del figures["problems"]
    else:
        log("FAILED: " + "; ".join(figures["problems"]))
    print(json.dumps(figures))
    return 0 if figures["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
