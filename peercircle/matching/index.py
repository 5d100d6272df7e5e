"""The supporters, held in memory as arrays the engine can filter and score in one pass.

Built once per process from the database and kept fresh cheaply: every call asks only for
the supporter profiles changed since the last look (`updated_at`, indexed) and rewrites their
rows in place. Anything that changes what a supporter brings (their profile, experiences,
communities, programs, load) touches their profile's `updated_at` (see signals.py and the
services). A profile that disappears (an erased account) leaves no `updated_at` to see, so each
look also asks for the count and the sum of the profile ids (one aggregate query) and, when
they differ from the rows held, reads the ids and takes the missing rows out of matching. The
engine also checks its final candidates against the database, and the whole index is rebuilt
every `FULL_REBUILD_SECONDS`.

Rows hold, per supporter: availability and room, languages and formats as bit sets, the
programs they serve (with the program's flags), a dense row of taxonomy weights (experiences
and communities), the 168-bit UTC availability mask as three 64-bit words, place, a hashed
TF-IDF vector of their "about me" and, when the semantic backend is configured, its embedding.
"""

from __future__ import annotations

import math
import threading
import time
import zlib
from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta

import numpy as np
from scipy import sparse

from peercircle.matching.availability import from_hex

# Stage of an experience → how much it counts: someone further along their path can offer
# more of what peer support is for.
STAGE_FACTOR = {"past": 1.0, "in_recovery": 1.0, "current": 0.85}
FORMAT_BITS = {"chat": 1, "call": 2, "video": 4, "in_person": 8}
SERVES, CERTIFIED, YOUTH = 1, 2, 4
GENDERS = ("", "woman", "man", "nonbinary")
AGE_BANDS = ("", "under_18", "18_25", "26_40", "41_60", "61_plus")
HASH_DIM = 1 << 18
FULL_REBUILD_SECONDS = 600
OVERLAP_SECONDS = 5
EMBEDDING_DIM = 384


def split_mask(mask: int) -> tuple[int, int, int]:
    """A 168-bit mask as three unsigned 64-bit words (low first)."""
    low = (1 << 64) - 1
    return mask & low, (mask >> 64) & low, (mask >> 128) & low


def code_of(values: tuple[str, ...], value: str) -> int:
    return values.index(value) if value in values else 0


def story_terms(text: str) -> Counter:
    """Stems of a story's words (the suggester's tokenizer and stop words), counted."""
    from peercircle.experiences import lexicon
    from peercircle.experiences.suggest import _stems

    return Counter(_stems(lexicon.tokenize(text or "")))


def term_bucket(term: str) -> int:
    return zlib.crc32(term.encode()) % HASH_DIM


@dataclass
class Taxonomy:
    """Columns of the taxonomy matrix and how entries relate."""

    column: dict[int, int]  # node id → column
    codes: list[str]  # column → code
    kinds: list[str]  # column → "experience" | "community"
    parent: list[int]  # column → parent column or -1
    by_code: dict[str, int]

    @classmethod
    def load(cls) -> Taxonomy:
        from peercircle.experiences.models import TaxonomyNode

        rows = list(TaxonomyNode.objects.order_by("id").values_list("id", "code", "kind", "parent_id"))
        column = {node_id: i for i, (node_id, _c, _k, _p) in enumerate(rows)}
        return cls(column=column, codes=[code for _i, code, _k, _p in rows], kinds=[kind for _i, _c, kind, _p in rows],
                   parent=[column.get(parent, -1) if parent else -1 for _i, _c, _k, parent in rows],
                   by_code={code: i for i, (_n, code, _k, _p) in enumerate(rows)})

    def children(self, col: int) -> list[int]:
        return [i for i, p in enumerate(self.parent) if p == col]


@dataclass
class SupporterIndex:
    taxonomy: Taxonomy
    capacity: int = 0
    size: int = 0
    user_ids: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    row_of_user: dict[int, int] = field(default_factory=dict)
    row_of_profile: dict[int, int] = field(default_factory=dict)
    profile_ids: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    available: np.ndarray = field(default_factory=lambda: np.zeros(0, bool))
    room: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int16))
    load_share: np.ndarray = field(default_factory=lambda: np.zeros(0, np.float32))
    languages: np.ndarray = field(default_factory=lambda: np.zeros(0, np.uint64))
    formats: np.ndarray = field(default_factory=lambda: np.zeros(0, np.uint8))
    gender: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int8))  # GENDERS index
    age_band: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int8))  # AGE_BANDS index
    hours: np.ndarray = field(default_factory=lambda: np.zeros((0, 3), np.uint64))
    has_hours: np.ndarray = field(default_factory=lambda: np.zeros(0, bool))
    lat: np.ndarray = field(default_factory=lambda: np.zeros(0, np.float64))
    lon: np.ndarray = field(default_factory=lambda: np.zeros(0, np.float64))
    travel_km: np.ndarray = field(default_factory=lambda: np.zeros(0, np.float32))
    nodes: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), np.float32))
    program_columns: dict[int, int] = field(default_factory=dict)
    programs: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), np.uint8))
    embeddings: np.ndarray = field(default_factory=lambda: np.zeros((0, EMBEDDING_DIM), np.float32))
    has_embedding: np.ndarray = field(default_factory=lambda: np.zeros(0, bool))
    language_bits: dict[str, int] = field(default_factory=dict)
    # The lexical story vectors: one sparse row per supporter, rebuilt into a matrix lazily.
    story_rows: list = field(default_factory=list)
    story_df: Counter = field(default_factory=Counter)
    _story_matrix: sparse.csr_matrix | None = None
    _story_columns: sparse.csc_matrix | None = None
    seen_until: object = None  # when the database was last asked for changes
    loaded_at: dict = field(default_factory=dict)  # profile id → the updated_at its row shows
    loaded_id_sum: int = 0  # the sum of loaded_at's ids: with their count, tells whether any profile went
    built_at: float = 0.0

    # --- shape -------------------------------------------------------------------------------

    def _grow(self, needed: int) -> None:
        if needed <= self.capacity:
            return
        new = max(needed, int(self.capacity * 1.5) + 64)

        def grown(array: np.ndarray, fill=0):
            shape = (new, *array.shape[1:])
            out = np.full(shape, fill, dtype=array.dtype)
            out[: self.size] = array[: self.size]
            return out

        for name in ("user_ids", "profile_ids", "available", "room", "load_share", "languages", "formats",
                     "gender", "age_band", "hours", "has_hours", "travel_km", "nodes", "programs",
                     "embeddings", "has_embedding"):
            setattr(self, name, grown(getattr(self, name)))
        self.lat, self.lon = grown(self.lat, np.nan), grown(self.lon, np.nan)
        self.story_rows.extend([None] * (new - len(self.story_rows)))
        self.capacity = new

    def language_bit(self, code: str, *, add: bool = True) -> int:
        code = (code or "")[:2].lower()
        if code not in self.language_bits:
            if not add or len(self.language_bits) >= 63:
                return 0
            self.language_bits[code] = len(self.language_bits)
        return 1 << self.language_bits[code]

    def program_column(self, program_id: int, *, add: bool = True) -> int:
        if program_id not in self.program_columns:
            if not add:
                return -1
            self.program_columns[program_id] = len(self.program_columns)
            if self.programs.shape[1] < len(self.program_columns):
                wider = np.zeros((self.capacity, max(8, self.programs.shape[1] * 2)), np.uint8)
                wider[:, : self.programs.shape[1]] = self.programs
                self.programs = wider
        return self.program_columns[program_id]

    # --- rows ----------------------------------------------------------------------------------

    def put(self, *, profile_id: int, user_id: int, usable: bool, capacity: int, load: int, languages, formats,
            gender: str, age_band: str, availability_utc: str, latitude, longitude, travel_km: int,
            node_weights: dict[int, float], programs: list[tuple[int, bool, bool]], about: str,
            embedding: bytes | None) -> None:
        row = self.row_of_profile.get(profile_id)
        if row is None:
            row = self.size
            self._grow(row + 1)
            self.size += 1
            self.row_of_profile[profile_id] = row
        self.row_of_user[user_id] = row
        self.user_ids[row], self.profile_ids[row] = user_id, profile_id
        self.available[row] = usable
        self.room[row] = max(0, capacity - load)
        self.load_share[row] = (load / capacity) if capacity else 1.0
        bits = 0
        for code in languages or []:
            bits |= self.language_bit(code)
        self.languages[row] = np.uint64(bits)
        self.formats[row] = sum(FORMAT_BITS.get(name, 0) for name in formats or [])
        self.gender[row], self.age_band[row] = code_of(GENDERS, gender), code_of(AGE_BANDS, age_band)
        mask = from_hex(availability_utc)
        self.hours[row] = split_mask(mask)
        self.has_hours[row] = bool(mask)
        self.lat[row] = latitude if latitude is not None else np.nan
        self.lon[row] = longitude if longitude is not None else np.nan
        self.travel_km[row] = travel_km
        if self.nodes.shape[1] < len(self.taxonomy.codes):
            wider = np.zeros((self.capacity, len(self.taxonomy.codes)), np.float32)
            wider[:, : self.nodes.shape[1]] = self.nodes
            self.nodes = wider
        self.nodes[row] = 0
        for column, weight in node_weights.items():
            self.nodes[row, column] = weight
        for column in range(self.programs.shape[1]):
            self.programs[row, column] = 0
        for program_id, certified, youth in programs:
            column = self.program_column(program_id)
            self.programs[row, column] = SERVES | (CERTIFIED if certified else 0) | (YOUTH if youth else 0)
        if embedding:
            vector = np.frombuffer(embedding, dtype=np.float32)
            if vector.shape[0] == self.embeddings.shape[1]:
                self.embeddings[row] = vector
                self.has_embedding[row] = True
        else:
            self.has_embedding[row] = False
        self._put_story(row, about)

    def drop(self, profile_id: int) -> None:
        """A profile that no longer exists: its row stays (row numbers don't move) but serves
        no program and is never available, until the next full rebuild leaves it out."""
        row = self.row_of_profile.pop(profile_id, None)
        if profile_id in self.loaded_at:
            del self.loaded_at[profile_id]
            self.loaded_id_sum -= profile_id
        if row is None:
            return
        user_id = int(self.user_ids[row])
        if self.row_of_user.get(user_id) == row:
            del self.row_of_user[user_id]
        self.available[row], self.room[row] = False, 0
        self.programs[row] = 0

    def _put_story(self, row: int, about: str) -> None:
        terms = story_terms(about)
        old = self.story_rows[row]
        new = tuple(sorted(terms.items()))
        if old is not None and old == new:
            return
        if old is not None:
            self.story_df.subtract(term for term, _n in old)
        self.story_df.update(terms.keys())
        self.story_rows[row] = new
        self._story_matrix = self._story_columns = None

    def story_matrix(self) -> sparse.csr_matrix:
        """The supporters' stories as rows of a TF-IDF matrix (unit length), built when needed."""
        if self._story_matrix is not None and self._story_matrix.shape[0] == self.size:
            return self._story_matrix
        indptr, indices, values = [0], [], []
        total = max(1, self.size)
        for row in range(self.size):
            entries = {}
            for term, count in self.story_rows[row] or ():
                weight = (1 + math.log(count)) * self.idf(term, total)
                bucket = term_bucket(term)
                entries[bucket] = entries.get(bucket, 0.0) + weight
            norm = math.sqrt(sum(v * v for v in entries.values())) or 1.0
            for bucket, weight in entries.items():
                indices.append(bucket)
                values.append(weight / norm)
            indptr.append(len(indices))
        self._story_matrix = sparse.csr_matrix(
            (np.asarray(values, np.float32), np.asarray(indices, np.int32), np.asarray(indptr, np.int64)),
            shape=(self.size, HASH_DIM))
        return self._story_matrix

    def story_similarity(self, text: str, rows: np.ndarray) -> np.ndarray:
        """Cosine between `text` and the stories of `rows` (TF-IDF, hashed terms)."""
        query = self.story_query(text)
        if query is None:
            return np.zeros(len(rows), np.float32)
        if self._story_columns is None or self._story_columns.shape[0] != self.size:
            self._story_columns = self.story_matrix().tocsc()
        columns = query.indices
        scores = self._story_columns[:, columns] @ query.data
        return np.asarray(scores, np.float32)[rows]

    def idf(self, term: str, total: int | None = None) -> float:
        total = total or max(1, self.size)
        return math.log((1 + total) / (1 + self.story_df.get(term, 0))) + 1

    def story_query(self, text: str) -> sparse.csr_matrix | None:
        terms = story_terms(text)
        if not terms:
            return None
        entries: dict[int, float] = {}
        for term, count in terms.items():
            bucket = term_bucket(term)
            entries[bucket] = entries.get(bucket, 0.0) + (1 + math.log(count)) * self.idf(term)
        norm = math.sqrt(sum(v * v for v in entries.values())) or 1.0
        cols = np.fromiter(entries.keys(), np.int32)
        vals = np.fromiter((v / norm for v in entries.values()), np.float32)
        return sparse.csr_matrix((vals, (np.zeros(len(cols), np.int32), cols)), shape=(1, HASH_DIM))

    def subset(self, rows: np.ndarray) -> SupporterIndex:
        """A smaller index of some rows (a program's supporters with room, for a batch): the
        same taxonomy, languages and programs; its own row numbers."""
        rows = np.asarray(rows, np.int64)
        part = SupporterIndex(taxonomy=self.taxonomy, capacity=len(rows), size=len(rows),
                              language_bits=self.language_bits, program_columns=self.program_columns,
                              story_df=self.story_df)
        for name in ("user_ids", "profile_ids", "available", "room", "load_share", "languages", "formats",
                     "gender", "age_band", "hours", "has_hours", "lat", "lon", "travel_km", "nodes", "programs",
                     "embeddings", "has_embedding"):
            setattr(part, name, getattr(self, name)[rows])
        part.row_of_user = {int(uid): i for i, uid in enumerate(part.user_ids)}
        part.row_of_profile = {int(pid): i for i, pid in enumerate(part.profile_ids)}
        part.story_rows = [self.story_rows[row] for row in rows]
        part._story_matrix = self.story_matrix()[rows]
        part._story_columns = None
        part.built_at = self.built_at
        part.idf = lambda term, total=None: self.idf(term)  # the whole corpus's weights, as in the matrix
        return part

    def languages_of(self, row: int) -> set[str]:
        bits = int(self.languages[row])
        return {code for code, bit in self.language_bits.items() if bits >> bit & 1}

    def mask_of(self, row: int) -> int:
        a, b, c = (int(x) for x in self.hours[row])
        return a | (b << 64) | (c << 128)


# --- building and refreshing from the database -------------------------------------------------

_lock = threading.Lock()
_index: SupporterIndex | None = None


def supporter_index() -> SupporterIndex:
    """This process's index, brought up to date with the database."""
    global _index
    with _lock:
        if _index is None or time.monotonic() - _index.built_at > FULL_REBUILD_SECONDS:
            fresh = SupporterIndex(taxonomy=Taxonomy.load())
            fresh.built_at = time.monotonic()
            _refresh(fresh)
            _index = fresh
        else:
            _refresh(_index)
        return _index


def reset() -> None:
    """Forget the index (tests; after the taxonomy changes)."""
    global _index
    with _lock:
        _index = None


def _refresh(index: SupporterIndex, *, batch: int = 5000) -> int:
    from django.utils import timezone

    from peercircle.matching.models import SupporterProfile

    profiles = SupporterProfile.objects.all()
    asked_at = timezone.now()
    changed = None
    if index.seen_until is not None:
        # A little overlap: a transaction that saved a profile a moment before we last asked may
        # have committed since. Only rows whose `updated_at` differs from what the index holds
        # are read in full.
        recent = profiles.filter(updated_at__gte=index.seen_until - timedelta(seconds=OVERLAP_SECONDS))
        changed = [pk for pk, updated in recent.values_list("id", "updated_at")
                   if index.loaded_at.get(pk) != updated]
    index.seen_until = asked_at
    loaded = 0
    if changed is None or changed:
        if changed:
            profiles = profiles.filter(pk__in=changed)
        fields = ("id", "user_id", "status", "capacity", "load", "languages", "formats", "gender", "age_band",
                  "availability_utc", "latitude", "longitude", "travel_km", "about", "about_embedding",
                  "updated_at", "user__is_active", "user__deleted_at")
        rows = list(profiles.order_by("updated_at", "id").values_list(*fields))
        for start in range(0, len(rows), batch):
            _load_rows(index, rows[start:start + batch])
        for row in rows:
            if row[0] not in index.loaded_at:
                index.loaded_id_sum += row[0]
            index.loaded_at[row[0]] = row[15]
        loaded = len(rows)
    if changed is not None:  # a full load has just read every profile there is
        _drop_deleted(index)
    return loaded


def _drop_deleted(index: SupporterIndex) -> int:
    """Take out the rows of profiles deleted since they were loaded. One aggregate query on
    most looks: a deletion changes the count of profiles or, with a creation in between, the
    sum of their ids (new ids are larger than old ones); only then are the ids read."""
    from django.db.models import Count, Sum

    from peercircle.matching.models import SupporterProfile

    found = SupporterProfile.objects.aggregate(count=Count("id"), total=Sum("id"))
    if found["count"] == len(index.loaded_at) and (found["total"] or 0) == index.loaded_id_sum:
        return 0
    existing = set(SupporterProfile.objects.values_list("id", flat=True))
    gone = [pk for pk in index.loaded_at if pk not in existing]
    for pk in gone:
        index.drop(pk)
    return len(gone)


def _load_rows(index: SupporterIndex, rows) -> None:
    from peercircle.experiences.models import (
        ExperienceVisibility,
        PersonCommunity,
        PersonExperience,
    )
    from peercircle.matching.models import SupporterProgram, SupporterStatus

    user_ids = [row[1] for row in rows]
    shared = (ExperienceVisibility.MATCHING, ExperienceVisibility.PEERS)
    weights: dict[int, dict[int, float]] = {uid: {} for uid in user_ids}
    column = index.taxonomy.column
    for user_id, node_id, stage in PersonExperience.objects.filter(
            user_id__in=user_ids, visibility__in=shared).values_list("user_id", "node_id", "stage"):
        if node_id in column:
            col = column[node_id]
            weights[user_id][col] = max(weights[user_id].get(col, 0.0), STAGE_FACTOR.get(stage, 0.85))
    for user_id, node_id in PersonCommunity.objects.filter(
            user_id__in=user_ids, visibility__in=shared).values_list("user_id", "node_id"):
        if node_id in column:
            weights[user_id][column[node_id]] = 1.0
    programs: dict[int, list] = {row[0]: [] for row in rows}
    for profile_id, program_id, certified, youth in SupporterProgram.objects.filter(
            supporter_id__in=programs.keys(), program__is_active=True).values_list(
            "supporter_id", "program_id", "certified", "youth_trained"):
        programs[profile_id].append((program_id, certified, youth))
    for (profile_id, user_id, status, capacity, load, languages, formats, gender, age_band, availability_utc,
         latitude, longitude, travel_km, about, embedding, _updated, active, deleted_at) in rows:
        index.put(profile_id=profile_id, user_id=user_id,
                  usable=status == SupporterStatus.AVAILABLE and active and deleted_at is None,
                  capacity=capacity, load=load, languages=languages, formats=formats, gender=gender,
                  age_band=age_band, availability_utc=availability_utc, latitude=latitude, longitude=longitude,
                  travel_km=travel_km, node_weights=weights[user_id], programs=programs[profile_id],
                  about=about, embedding=bytes(embedding) if embedding else None)
