"""The matching engine: which supporters may be proposed to a request, how well each fits, why,
and how a program's whole waiting list is matched at once.

1. Hard constraints, as boolean masks over all supporters at once: available and with room,
   serves the program (certified when the program requires it; youth-trained when the person
   is under 18), speaks one of the person's languages, offers one of their formats (in person
   only within both people's distance), shares an hour of the week when both gave times, is
   not the person, not blocked either way, not declined or ended earlier for this request.
2. Scoring, each part 0..1, combined with the program's weights: experience overlap weighted
   by the taxonomy (same entry 1 > sibling 0.6 > the broader entry 0.3; a stage in recovery or
   past counts fully, going through it now 0.85), community overlap, similarity of their
   stories (sentence embeddings when both have one, TF-IDF otherwise), hours in common,
   preferences met (gender, age, a shared community) and the supporter's load.
3. Every proposal carries reasons (codes with values) that `explanation_lines` tells in plain
   words in the reader's language.
4. `batch_assign` matches many requests against supporters' room at once, as a maximum-weight
   b-matching solved exactly (each supporter's room as places, minimum-weight full bipartite
   matching, LAPJVsp), with each request's weight raised by its waiting time; greedy is the
   baseline.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

import numpy as np
from django.conf import settings
from django.utils import timezone

from peercircle.matching.index import (
    AGE_BANDS,
    CERTIFIED,
    FORMAT_BITS,
    GENDERS,
    SERVES,
    YOUTH,
    SupporterIndex,
    code_of,
    split_mask,
    supporter_index,
)

SAME, SIBLING, BROADER, NARROWER = 1.0, 0.6, 0.3, 0.8
IN_PERSON = FORMAT_BITS["in_person"]
STORY_REASON_AT = 0.25
LONG_WAIT_BONUS = 2.0  # more than any score: someone who waited too long is matched first
COMPONENTS = ("experience", "community", "story", "availability", "preference", "load")

# Why a supporter was left out, in the order the constraints are applied (see why_no_match).
CONSTRAINTS = ("program", "available", "room", "certified", "youth", "language", "format", "distance",
               "hours", "excluded")


@dataclass
class RequestSpec:
    """What the engine needs to know about one request (from a SupportRequest, or made up by
    the benchmark)."""

    user_id: int
    program_id: int
    experience_codes: list[str]
    community_codes: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    formats: list[str] = field(default_factory=list)
    hours_mask: int = 0
    latitude: float | None = None
    longitude: float | None = None
    distance_km: float = 10
    under_18: bool = False
    requires_certification: bool = True
    accepts_under_18: bool = False
    supporter_gender: str = ""
    supporter_age_bands: list[str] = field(default_factory=list)
    shared_community: bool = False
    story: str = ""
    story_embedding: np.ndarray | None = None
    excluded_user_ids: set[int] = field(default_factory=set)
    waiting_since: datetime | None = None
    weights: dict = field(default_factory=lambda: dict(settings.PEERCIRCLE_MATCHING_WEIGHTS))
    request_id: int | None = None


@dataclass
class Candidate:
    user_id: int
    row: int
    score: float
    parts: dict[str, float]
    reasons: list[dict]


# --- constraints --------------------------------------------------------------------------------

def _distance_km(index: SupporterIndex, lat: float, lon: float, rows: np.ndarray) -> np.ndarray:
    p1, p2 = np.radians(index.lat[rows]), np.radians(lat)
    dp, dl = p2 - p1, np.radians(lon - index.lon[rows])
    a = np.sin(dp / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return 2 * 6371.0 * np.arcsin(np.sqrt(a))


def _bits(index: SupporterIndex, codes) -> int:
    bits = 0
    for code in codes:
        bits |= index.language_bit(code, add=False)
    return bits


def _overlap_hours(index: SupporterIndex, mask: int, rows: np.ndarray) -> np.ndarray:
    words = np.array(split_mask(mask), dtype=np.uint64)
    return np.bitwise_count(index.hours[rows] & words).sum(axis=1)


def _format_ok(index: SupporterIndex, spec: RequestSpec, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(offers a shared way to talk, offers it only in person and is out of reach)."""
    formats = sum(FORMAT_BITS.get(name, 0) for name in spec.formats) or sum(FORMAT_BITS.values())
    theirs = index.formats[rows]
    remote = (theirs & np.uint8(formats & ~IN_PERSON)) > 0
    in_person = (theirs & np.uint8(formats & IN_PERSON)) > 0
    if formats & IN_PERSON and spec.latitude is not None and spec.longitude is not None:
        km = np.nan_to_num(_distance_km(index, spec.latitude, spec.longitude, rows), nan=np.inf)
        near = km <= np.minimum(spec.distance_km, index.travel_km[rows])
    else:
        near = np.zeros(len(rows), bool)
    return remote | in_person, remote | (in_person & near)


def _excluded_rows(index: SupporterIndex, spec: RequestSpec) -> np.ndarray:
    rows = [index.row_of_user.get(user_id) for user_id in spec.excluded_user_ids | {spec.user_id}]
    return np.array([row for row in rows if row is not None], np.int64)


def constraint_masks(index: SupporterIndex, spec: RequestSpec) -> dict[str, np.ndarray]:
    """One boolean array over all supporters per hard constraint (True = passes it), for
    telling why a request has no match. `eligible_rows` applies the same rules, faster."""
    n = index.size
    every = np.arange(n)
    column = index.program_column(spec.program_id, add=False)
    flags = index.programs[:n, column] if column >= 0 else np.zeros(n, np.uint8)
    masks = {
        "program": (flags & SERVES) > 0,
        "available": index.available[:n].copy(),
        "room": index.room[:n] > 0,
        "certified": (flags & CERTIFIED) > 0 if spec.requires_certification else np.ones(n, bool),
        "youth": ((flags & YOUTH) > 0) & spec.accepts_under_18 if spec.under_18 else np.ones(n, bool),
    }
    want_languages = np.uint64(_bits(index, spec.languages))
    masks["language"] = (index.languages[:n] & want_languages) > 0 if spec.languages else np.ones(n, bool)
    masks["format"], masks["distance"] = _format_ok(index, spec, every)
    if spec.hours_mask:
        masks["hours"] = (_overlap_hours(index, spec.hours_mask, every) > 0) | ~index.has_hours[:n]
    else:
        masks["hours"] = np.ones(n, bool)
    excluded = np.ones(n, bool)
    excluded[_excluded_rows(index, spec)] = False
    masks["excluded"] = excluded
    return masks


def eligible_rows(index: SupporterIndex, spec: RequestSpec) -> tuple[np.ndarray, np.ndarray | None]:
    """The rows of supporters who pass every hard constraint, and their shared hours (None
    when the request gave no times). The cheap tests run first, on everyone; the others only
    on who is left."""
    n = index.size
    column = index.program_column(spec.program_id, add=False)
    if column < 0 or (spec.under_18 and not spec.accepts_under_18):
        return np.zeros(0, np.int64), None
    need = SERVES | (CERTIFIED if spec.requires_certification else 0) | (YOUTH if spec.under_18 else 0)
    ok = ((index.programs[:n, column] & np.uint8(need)) == need) & index.available[:n] & (index.room[:n] > 0)
    if spec.languages:
        ok &= (index.languages[:n] & np.uint64(_bits(index, spec.languages))) > 0
    ok[_excluded_rows(index, spec)] = False
    rows = np.flatnonzero(ok)
    _shared, reachable = _format_ok(index, spec, rows)
    rows = rows[reachable]
    overlap = None
    if spec.hours_mask:
        overlap = _overlap_hours(index, spec.hours_mask, rows)
        keep = (overlap > 0) | ~index.has_hours[rows]
        rows, overlap = rows[keep], overlap[keep]
    return rows, overlap


# --- scoring --------------------------------------------------------------------------------

def _experience_weights(index: SupporterIndex, codes: list[str]) -> np.ndarray:
    """One column per requested entry: how much each taxonomy entry counts towards it."""
    taxonomy = index.taxonomy
    size = len(taxonomy.codes)
    columns = []
    for code in codes:
        col = taxonomy.by_code.get(code)
        if col is None:
            continue
        weights = np.zeros(size, np.float32)
        parent = taxonomy.parent[col]
        if parent >= 0:
            for sibling in taxonomy.children(parent):
                weights[sibling] = SIBLING
            weights[parent] = BROADER
        for child in taxonomy.children(col):
            weights[child] = NARROWER
        weights[col] = SAME
        columns.append(weights)
    return np.stack(columns, axis=1) if columns else np.zeros((size, 0), np.float32)


def score_parts(index: SupporterIndex, spec: RequestSpec, rows: np.ndarray,
                overlap: np.ndarray | None) -> dict[str, np.ndarray]:
    """Each part of the score (0..1) for the supporters in `rows`, in that order."""
    count = len(rows)
    nodes = index.nodes[rows, : len(index.taxonomy.codes)]
    weights = _experience_weights(index, spec.experience_codes)
    experience = (np.clip(nodes @ weights, 0, 1).mean(axis=1) if weights.shape[1]
                  else np.zeros(count, np.float32))
    community_cols = [index.taxonomy.by_code[c] for c in spec.community_codes if c in index.taxonomy.by_code]
    shared = (nodes[:, community_cols] > 0).sum(axis=1) if community_cols else np.zeros(count)
    community = shared / len(community_cols) if community_cols else np.zeros(count, np.float32)
    if spec.story_embedding is not None and index.has_embedding[rows].any():
        story = np.where(index.has_embedding[rows], np.clip(index.embeddings[rows] @ spec.story_embedding, 0, 1), 0)
    elif spec.story:
        story = index.story_similarity(spec.story, rows)
    else:
        story = np.zeros(count, np.float32)
    if overlap is not None:
        availability = np.where(index.has_hours[rows], np.minimum(overlap / 4.0, 1.0), 0.5)
    else:
        availability = np.full(count, 0.5, np.float32)
    met, asked = np.zeros(count, np.float32), 0
    if spec.supporter_gender:
        met += index.gender[rows] == code_of(GENDERS, spec.supporter_gender)
        asked += 1
    if spec.supporter_age_bands:
        met += np.isin(index.age_band[rows], [code_of(AGE_BANDS, band) for band in spec.supporter_age_bands])
        asked += 1
    if spec.shared_community:
        met += shared > 0
        asked += 1
    preference = met / asked if asked else np.ones(count, np.float32)
    load = 1.0 - index.load_share[rows]
    return {"experience": experience, "community": community, "story": story, "availability": availability,
            "preference": preference, "load": load}


def combine(parts: dict[str, np.ndarray], weights: dict) -> np.ndarray:
    total = sum(max(0.0, float(weights.get(name, 0))) for name in COMPONENTS) or 1.0
    score = np.zeros(len(parts["experience"]), dtype=np.float32)
    for name in COMPONENTS:
        weight = max(0.0, float(weights.get(name, 0)))
        if weight:
            score += (weight / total) * parts[name]
    return score


def top_candidates(spec: RequestSpec, *, limit: int = 10, index: SupporterIndex | None = None,
                   explain: bool = True) -> list[Candidate]:
    """The best `limit` supporters for this request, best first."""
    index = index or supporter_index()
    rows, overlap = eligible_rows(index, spec)
    if not len(rows):
        return []
    parts = score_parts(index, spec, rows, overlap)
    score = combine(parts, spec.weights)
    count = min(limit, len(rows))
    best = np.argpartition(-score, count - 1)[:count]
    best = best[np.lexsort((index.user_ids[rows[best]], -score[best]))]  # ties: the longest-standing supporter
    return [_candidate(index, spec, int(rows[i]), float(score[i]), {n: float(parts[n][i]) for n in COMPONENTS},
                       explain) for i in best]


def _candidate(index, spec, row: int, score: float, parts: dict, explain: bool) -> Candidate:
    return Candidate(user_id=int(index.user_ids[row]), row=row, score=score, parts=parts,
                     reasons=reasons_for(index, spec, row, parts["story"]) if explain else [])


def candidate_for(spec: RequestSpec, user_id: int, *, index: SupporterIndex | None = None) -> Candidate | None:
    """One supporter scored and explained for this request, if they pass every constraint."""
    index = index or supporter_index()
    row = index.row_of_user.get(user_id)
    if row is None:
        return None
    rows, overlap = eligible_rows(index, spec)
    where = np.flatnonzero(rows == row)
    if not len(where):
        return None
    i = int(where[0])
    parts = score_parts(index, spec, rows[i:i + 1], overlap[i:i + 1] if overlap is not None else None)
    return _candidate(index, spec, row, float(combine(parts, spec.weights)[0]),
                      {n: float(parts[n][0]) for n in COMPONENTS}, True)


def why_no_match(spec: RequestSpec, *, index: SupporterIndex | None = None) -> list[tuple[str, int]]:
    """How many supporters are left after each hard constraint, in order: the first that
    drops to zero is why there is no match."""
    index = index or supporter_index()
    masks = constraint_masks(index, spec)
    left = np.ones(index.size, bool)
    steps = []
    for name in CONSTRAINTS:
        left &= masks[name]
        steps.append((name, int(left.sum())))
    return steps


# --- reasons ---------------------------------------------------------------------------------

def reasons_for(index: SupporterIndex, spec: RequestSpec, row: int, story: float) -> list[dict]:
    taxonomy = index.taxonomy
    theirs = {int(col) for col in np.flatnonzero(index.nodes[row, : len(taxonomy.codes)])}
    reasons: list[dict] = []
    for code in spec.experience_codes:
        col = taxonomy.by_code.get(code)
        if col is None:
            continue
        parent = taxonomy.parent[col]
        if col in theirs:
            reasons.append({"k": "experience_same", "code": code})
        elif children := [c for c in taxonomy.children(col) if c in theirs]:
            reasons.append({"k": "experience_same", "code": taxonomy.codes[children[0]]})
        elif parent >= 0 and (close := [c for c in taxonomy.children(parent) if c in theirs]):
            reasons.append({"k": "experience_close", "code": taxonomy.codes[close[0]]})
        elif parent >= 0 and parent in theirs:
            reasons.append({"k": "experience_broader", "code": taxonomy.codes[parent]})
    for code in spec.community_codes:
        col = taxonomy.by_code.get(code)
        if col is not None and col in theirs:
            reasons.append({"k": "community", "code": code})
    languages = [code for code in spec.languages if code[:2] in index.languages_of(row)]
    if languages:
        reasons.append({"k": "language", "codes": languages[:2]})
    if spec.hours_mask and index.has_hours[row]:
        overlap = spec.hours_mask & index.mask_of(row)
        if overlap:
            reasons.append({"k": "hours", "mask": f"{overlap:042x}"})
    shared_formats = [name for name in spec.formats if int(index.formats[row]) & FORMAT_BITS.get(name, 0)]
    if shared_formats:
        reasons.append({"k": "format", "formats": shared_formats})
    if "in_person" in shared_formats and spec.latitude is not None and not np.isnan(index.lat[row]):
        from peercircle.core.places import distance_km

        km = distance_km(spec.latitude, spec.longitude, float(index.lat[row]), float(index.lon[row]))
        reasons.append({"k": "distance", "km": max(1, round(km))})
    if story >= STORY_REASON_AT:
        reasons.append({"k": "story"})
    if spec.supporter_gender and GENDERS[index.gender[row]] == spec.supporter_gender:
        reasons.append({"k": "gender", "value": spec.supporter_gender})
    if spec.supporter_age_bands and AGE_BANDS[index.age_band[row]] in spec.supporter_age_bands:
        reasons.append({"k": "age", "value": AGE_BANDS[index.age_band[row]]})
    return reasons


# --- many requests at once -----------------------------------------------------------------------

@dataclass
class Assignment:
    request_index: int
    user_id: int
    score: float


@dataclass
class BatchResult:
    method: str
    assignments: list[Assignment]
    unassigned: list[int]
    total_score: float
    longest_wait_days: float  # the longest wait among requests left waiting
    matched: int
    # Among those left waiting who had at least one supporter they could have been given.
    longest_wait_days_servable: float = 0.0
    left_waiting_servable: int = 0


def wait_days(spec: RequestSpec, now: datetime) -> float:
    return max(0.0, (now - spec.waiting_since).total_seconds() / 86400) if spec.waiting_since else 0.0


def batch_edges(specs: list[RequestSpec], *, per_request: int = 30, index: SupporterIndex | None = None):
    """Each request's best `per_request` supporters: (request index, row, score) arrays, rows
    of an index cut down to the supporters of the requests' programs who have room now."""
    index = index or supporter_index()
    n = index.size
    serving = np.zeros(n, bool)
    for program_id in {spec.program_id for spec in specs}:
        column = index.program_column(program_id, add=False)
        if column >= 0:
            serving |= (index.programs[:n, column] & SERVES) > 0
    index = index.subset(np.flatnonzero(serving & index.available[:n] & (index.room[:n] > 0)))
    req, rows, scores = [], [], []
    for i, spec in enumerate(specs):
        for candidate in top_candidates(spec, limit=per_request, index=index, explain=False):
            req.append(i)
            rows.append(candidate.row)
            scores.append(candidate.score)
    return np.asarray(req, np.int64), np.asarray(rows, np.int64), np.asarray(scores, np.float64), index


def _priority(specs: list[RequestSpec], *, now: datetime, wait_bonus_per_week: float, longest_wait_days: float):
    days = np.array([wait_days(spec, now) for spec in specs])
    return days, days / 7.0 * wait_bonus_per_week + np.where(days >= longest_wait_days, LONG_WAIT_BONUS, 0.0)


def _result(method, specs, edges_req, edges_row, edges_score, chosen, index, days) -> BatchResult:
    assignments = [Assignment(request_index=int(edges_req[e]), user_id=int(index.user_ids[edges_row[e]]),
                              score=float(edges_score[e])) for e in chosen]
    done = {a.request_index for a in assignments}
    unassigned = [i for i in range(len(specs)) if i not in done]
    servable = set(int(r) for r in edges_req)
    servable_left = [i for i in unassigned if i in servable]
    return BatchResult(method=method, assignments=assignments, unassigned=unassigned,
                       total_score=float(sum(a.score for a in assignments)),
                       longest_wait_days=float(max((days[i] for i in unassigned), default=0.0)),
                       matched=len(assignments),
                       longest_wait_days_servable=float(max((days[i] for i in servable_left), default=0.0)),
                       left_waiting_servable=len(servable_left))


def batch_assign(specs: list[RequestSpec], *, method: str = "optimal", per_request: int = 30,
                 wait_bonus_per_week: float = 0.05, longest_wait_days: float = 28, now: datetime | None = None,
                 index: SupporterIndex | None = None, edges=None) -> BatchResult:
    """Match many requests at once against the supporters' room. "optimal" maximises the total
    of score plus waiting priority; "greedy" takes the best remaining pair first (baseline)."""
    from scipy import sparse
    from scipy.sparse.csgraph import min_weight_full_bipartite_matching

    now = now or timezone.now()
    edges_req, edges_row, edges_score, index = edges or batch_edges(specs, per_request=per_request, index=index)
    days, priority = _priority(specs, now=now, wait_bonus_per_week=wait_bonus_per_week,
                               longest_wait_days=longest_wait_days)
    if not len(edges_req):
        return _result(method, specs, edges_req, edges_row, edges_score, [], index, days)
    if method == "greedy":
        room = index.room[: index.size].astype(np.int64).copy()
        taken = np.zeros(len(specs), bool)
        chosen = []
        for e in np.argsort(-edges_score, kind="stable"):
            r, row = edges_req[e], edges_row[e]
            if not taken[r] and room[row] > 0:
                taken[r] = True
                room[row] -= 1
                chosen.append(int(e))
        return _result(method, specs, edges_req, edges_row, edges_score, chosen, index, days)
    if method != "optimal":
        raise ValueError(f"Unknown method {method!r}: optimal or greedy.")
    # A supporter with room for k more people is k "places"; each request may also take a
    # place of its own that stands for "not matched this time" (value 0), so a full matching
    # always exists. Minimum-weight full bipartite matching (LAPJVsp) over weights
    # `top - value` then gives the maximum total value.
    room = index.room[: index.size].astype(np.int64)
    first_place = np.concatenate([[0], np.cumsum(room)[:-1]])
    places = int(room.sum())
    value = edges_score + priority[edges_req]
    rows, cols, weights, edge_of = [], [], [], []
    for k in range(int(room[edges_row].max(initial=0))):
        has = room[edges_row] > k
        rows.append(edges_req[has])
        cols.append(first_place[edges_row[has]] + k)
        weights.append(value[has])
        edge_of.append(np.flatnonzero(has))
    rows.append(np.arange(len(specs)))
    cols.append(places + np.arange(len(specs)))
    weights.append(np.zeros(len(specs)))
    edge_of.append(np.full(len(specs), -1))
    rows, cols, weights, edge_of = map(np.concatenate, (rows, cols, weights, edge_of))
    top = float(weights.max()) + 1.0  # every weight stays above zero (zeros would be missing edges)
    graph = sparse.csr_matrix((top - weights, (rows, cols)), shape=(len(specs), places + len(specs)))
    try:
        matched_rows, matched_cols = min_weight_full_bipartite_matching(graph)
    except ValueError:  # cannot happen with a place of its own for each request; never leave everyone waiting
        return batch_assign(specs, method="greedy", now=now, index=index,
                            edges=(edges_req, edges_row, edges_score, index))
    lookup = {(int(r), int(c)): int(e) for r, c, e in zip(rows, cols, edge_of, strict=True)}
    chosen = [lookup[(int(r), int(c))] for r, c in zip(matched_rows, matched_cols, strict=True)
              if c < places]
    return _result("optimal", specs, edges_req, edges_row, edges_score, chosen, index, days)
