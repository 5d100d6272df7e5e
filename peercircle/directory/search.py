"""The directory search: what someone typed plus the filters they chose → ranked, listed groups.

A few queries per search, whatever the page or the number of matches: one counts the matching
groups (stopping at COUNT_CAP), one scores and ranks them in the database (relevance from
experiences, communities, words and language, less a penalty for the exact distance) and
returns only the page's rows; then only the page's groups are loaded with what the page shows
(experiences, schedules for the next meeting).
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from functools import reduce
from zoneinfo import ZoneInfo

from django.db import connection
from django.db.models import (
    Case,
    Count,
    F,
    FloatField,
    IntegerField,
    Prefetch,
    Q,
    Value,
    When,
    Window,
)
from django.db.models.functions import ASin, Cos, Least, Power, Radians, Sin, Sqrt
from django.db.models.lookups import GreaterThan
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from peercircle.core import places
from peercircle.core.places import Place
from peercircle.directory.index import having_words
from peercircle.directory.models import GroupSearchWord
from peercircle.directory.query import TIMES_OF_DAY, ParsedQuery, _merge, parse_query
from peercircle.experiences import lexicon
from peercircle.experiences.models import TaxonomyNode
from peercircle.groups.access import LISTED_STATUSES, listed_groups
from peercircle.groups.models import (
    GroupFormat,
    GroupStatus,
    JoinPolicy,
    MeetingException,
    MeetingSeries,
    SupportGroup,
)
from peercircle.groups.recurrence import Occurrence
from peercircle.groups.selectors import series_occurrences
from peercircle.organizations.models import Organization, Program

PAGE_SIZE = 20
COUNT_CAP = 200
ALL_HOURS = (1 << 24) - 1
# What a hit shows (page and API): loading only these keeps a page of results cheap.
HIT_FIELDS = ("slug", "name", "status", "format", "leadership", "city", "country", "timezone", "languages",
              "organization", "online_url_visibility")
NODE_FIELDS = ("code", "parent", "label_en", "label_es")
SERIES_FIELDS = ("group", "title", "rrule", "start_date", "start_time", "duration_minutes", "is_active",
                 "online_url", "capacity")
DEFAULT_RADIUS_KM = 25.0
MAX_RADIUS_KM = 500.0
SUGGESTIONS = 5
PROGRAMS = 5
NEXT_MEETING_WINDOW = timedelta(days=120)
KM_PER_DEGREE = 111.2
EARTH_RADIUS_KM = 6371.0  # as places.distance_km

# Which group formats answer a wish for a format: a hybrid group meets both ways.
FORMATS_FOR = {
    "online": (GroupFormat.ONLINE, GroupFormat.HYBRID),
    "in_person": (GroupFormat.IN_PERSON, GroupFormat.HYBRID),
    "hybrid": (GroupFormat.HYBRID,),
}
REACHABLE_ONLINE = (GroupFormat.ONLINE, GroupFormat.HYBRID)

# Relevance weights; distance only orders groups that are about equally relevant.
EXPERIENCE_EXACT = 30.0  # the code asked for, or one of its entries
EXPERIENCE_BROADER = 15.0  # the broader code ("grief" for someone asking about widows)
COMMUNITY = 8.0
TERM_IN_NAME = 6.0
TERM_IN_TEXT = 3.0
LANGUAGE = 4.0
DISTANCE = 5.0  # at most, for a group at the edge of the radius
ONLINE_DISTANCE = DISTANCE  # an online group ranks like one at the edge of the radius …
SAME_COUNTRY_ONLINE = 0.5  # … a little nearer when it is run from the same country


@dataclass(frozen=True)
class Filters:
    """What the form or the API chose explicitly; each one overrides what the text says."""

    experience: str = ""  # an experience or community code
    near: str = ""  # a place name
    distance_km: float | None = None
    format: str = ""  # "online", "in_person", "hybrid"
    language: str = ""
    weekdays: tuple[int, ...] = ()  # ISO: Monday 1 … Sunday 7
    times_of_day: tuple[str, ...] = ()
    open_to_join: bool = False


@dataclass(frozen=True)
class Criteria:
    """The parsed text and the filters, merged: what the search actually looks for."""

    experiences: tuple[str, ...] = ()
    communities: tuple[str, ...] = ()
    terms: tuple[str, ...] = ()
    place: Place | None = None
    place_not_found: str = ""
    point: tuple[float, float] | None = None
    point_is_viewer: bool = False
    radius_km: float = DEFAULT_RADIUS_KM
    country: str | None = None
    formats: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    weekdays: tuple[int, ...] = ()
    hours: tuple[tuple[int, int], ...] = ()
    open_to_join: bool = False
    lang: str = "en"

    @property
    def has_need(self) -> bool:
        return bool(self.experiences or self.communities or self.terms)

    @property
    def needs_ranking(self) -> bool:
        return self.has_need or self.point is not None


@dataclass
class GroupHit:
    group: SupportGroup
    score: float = 0.0
    distance_km: float | None = None  # None: online, or no place to measure from
    is_online: bool = False  # reached online rather than by going there
    next_meeting: Occurrence | None = None
    next_meeting_local: datetime | None = None  # in the viewer's time zone
    next_meeting_tz: str = ""

    @property
    def distance_label(self) -> str:
        if self.is_online:
            return gettext("Online")
        if self.distance_km is None:
            return ""
        if self.distance_km < 1:
            return gettext("Less than 1 km away")
        return ngettext("%(km)d km away", "%(km)d km away", round(self.distance_km)) % {
            "km": round(self.distance_km)}

    @property
    def next_meeting_in_group_tz(self) -> datetime | None:
        if self.next_meeting is None:
            return None
        return self.next_meeting.start.astimezone(ZoneInfo(self.group.timezone))


@dataclass
class SearchResult:
    query: ParsedQuery
    criteria: Criteria
    hits: list[GroupHit]
    count: int
    page: int
    num_pages: int
    programs: list[Program] = field(default_factory=list)
    organizations: list[Organization] = field(default_factory=list)
    suggestions: list[GroupHit] = field(default_factory=list)
    count_capped: bool = False  # more than `count` match: "more than 200 groups"

    @property
    def has_next(self) -> bool:
        return self.page < self.num_pages

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def explanation(self) -> str:
        return self.query.explanation


def search(*, text: str, lang: str = "en", filters: Filters | None = None,
           viewer_location: tuple[float, float] | None = None, page: int = 1,
           viewer_timezone: str | None = None, now: datetime | None = None) -> SearchResult:
    """Listed groups for `text` and `filters`, 20 a page, with the next meeting of each (in
    `viewer_timezone`, else the group's own) and, when nothing matches, online alternatives."""
    filters = filters or Filters()
    query = parse_query(text, lang=lang)
    criteria = merge(query, filters, viewer_location=viewer_location, now=now)
    query = _with_filters(query, criteria)
    now = now or timezone.now()

    if criteria.needs_ranking:
        matching, ranked = _ranked(criteria)
    else:
        # Nothing to rank by: every matching group, by name.
        matching = _filtered(listed_groups(), criteria)
        ranked = matching.annotate(score=_float(0.0), hit_distance=Value(None, output_field=FloatField())
                                   ).order_by("name", "pk")
    page = max(1, page)
    page_hits, total = _page_hits(ranked, criteria, (page - 1) * PAGE_SIZE, page * PAGE_SIZE,
                                  with_total=_total_in_page_query())
    if total is not None:
        count, capped = min(total, COUNT_CAP), total > COUNT_CAP
    elif page_hits and len(page_hits) < PAGE_SIZE:
        # The last page: the count is known without counting.
        count, capped = (page - 1) * PAGE_SIZE + len(page_hits), False
    else:
        count, capped = _count(matching)
    num_pages = max(1, math.ceil(count / PAGE_SIZE))
    if page > num_pages:  # past the end (an old link): show the last page
        page = num_pages
        page_hits, _ = _page_hits(ranked, criteria, (page - 1) * PAGE_SIZE, page * PAGE_SIZE)
    hits = _load(page_hits, viewer_timezone=viewer_timezone, now=now)
    result = SearchResult(query=query, criteria=criteria, hits=hits, count=count, page=page,
                          num_pages=num_pages, count_capped=capped)
    result.programs = _programs(criteria)
    result.organizations = _organizations(criteria, result.programs)
    if count == 0:
        result.suggestions = _load(_online_alternatives(criteria), viewer_timezone=viewer_timezone, now=now)
    return result


# -- merging the text with the filters ------------------------------------------------------

def merge(query: ParsedQuery, filters: Filters, *, viewer_location=None, now=None) -> Criteria:
    experiences, communities = query.experiences, query.communities
    if filters.experience:
        node = lexicon.node_info(filters.experience)
        if node is not None and node.kind == "community":
            communities = (filters.experience,)
        else:
            experiences = (filters.experience,)
    place, place_not_found, point, from_viewer = query.place, "", None, False
    if filters.near.strip():
        place = places.resolve_city(filters.near.strip())
        if place is None:
            place_not_found = filters.near.strip()[:100]
    if place is not None:
        point = (place.latitude, place.longitude)
    elif viewer_location is not None and not place_not_found:
        point, from_viewer = viewer_location, True
    radius = DEFAULT_RADIUS_KM
    if filters.distance_km:
        radius = min(max(float(filters.distance_km), 1.0), MAX_RADIUS_KM)
    weekdays = filters.weekdays or query.weekdays
    if not weekdays and query.relative_day is not None:
        zone = ZoneInfo(place.timezone) if place else ZoneInfo("UTC")
        day = (now or timezone.now()).astimezone(zone) + timedelta(days=query.relative_day)
        weekdays = (day.isoweekday(),)
    hours = query.hours
    if filters.times_of_day:
        hours = _merge([TIMES_OF_DAY[t] for t in filters.times_of_day if t in TIMES_OF_DAY])
    return Criteria(
        experiences=experiences,
        communities=communities,
        terms=query.terms,
        place=place,
        place_not_found=place_not_found,
        point=point,
        point_is_viewer=from_viewer,
        radius_km=radius,
        country=None if point else query.country,
        formats=(filters.format,) if filters.format else query.formats,
        languages=(filters.language,) if filters.language else query.languages,
        weekdays=tuple(sorted(set(weekdays))),
        hours=tuple(hours),
        open_to_join=filters.open_to_join or query.open_to_join,
        lang=query.lang,
    )


def _with_filters(query: ParsedQuery, criteria: Criteria) -> ParsedQuery:
    """The parsed query as the search used it, so "Looking for: …" explains the filters too."""
    times = query.times_of_day
    if criteria.hours != query.hours:
        times = tuple(name for name, span in TIMES_OF_DAY.items() if span in criteria.hours)
    return replace(
        query, experiences=criteria.experiences, communities=criteria.communities,
        place=criteria.place, country=criteria.country or (criteria.place.country if criteria.place else None),
        near_me=query.near_me or criteria.point_is_viewer, formats=criteria.formats,
        languages=criteria.languages, weekdays=criteria.weekdays, times_of_day=times,
        hours=criteria.hours, open_to_join=criteria.open_to_join,
        starts_at=query.starts_at if criteria.hours == query.hours else (),
        relative_day=query.relative_day if criteria.weekdays == query.weekdays or not query.weekdays else None,
    )


# -- the candidate query --------------------------------------------------------------------

def _related_codes(codes: tuple[str, ...]) -> tuple[set[str], set[str]]:
    """The codes asked for with their entries ("grief" finds "grief.partner"), and the broader
    codes above them (a general grief group also welcomes someone asking about widows)."""
    nodes = lexicon.get_lexicon().nodes
    exact, broader = set(codes), set()
    for node in nodes.values():
        if node.parent in codes:
            exact.add(node.code)
    for code in codes:
        node = nodes.get(code)
        if node is not None and node.parent:
            broader.add(node.parent)
    return exact, broader - exact


def _has_codes(codes) -> Q:
    """The group serves one of `codes` or an entry under one ("grief" covers "grief.partner"),
    read from its own row: two LIKEs a code, however many entries it has."""
    return reduce(lambda a, b: a | b, (Q(need_codes__contains=f"|{code}|") | Q(need_codes__contains=f"|{code}.")
                                       for code in sorted(codes)))


def _with_codes(relation: str, codes):
    """The links of groups to any of `codes` (its ids drive the candidate query from an index)."""
    through = getattr(SupportGroup, relation).through
    return through.objects.filter(taxonomynode__code__in=codes)


def _filtered(groups, criteria: Criteria):
    """Filters that never depend on ranking: format, language, joining, day and time."""
    if criteria.formats:
        allowed = {f for wish in criteria.formats for f in FORMATS_FOR.get(wish, ())}
        groups = groups.filter(format__in=allowed)
    if criteria.languages:
        groups = groups.filter(_speaks(criteria.languages))
    if criteria.open_to_join:
        groups = groups.filter(join_policy=JoinPolicy.OPEN, status=GroupStatus.ACTIVE)
    if criteria.weekdays or criteria.hours:
        # A meeting on one of the days that starts in one of the hours (local time): the
        # group's own per-day hour bits, so no join to its series.
        hours = ALL_HOURS if not criteria.hours else sum(
            1 << hour for start, end in criteria.hours for hour in range(int(start), min(int(math.ceil(end)), 24)))
        groups = groups.filter(reduce(lambda a, b: a | b, (
            Q(GreaterThan(F(f"meeting_hours_{day}").bitand(hours), 0)) for day in criteria.weekdays or range(1, 8))))
    if criteria.country:
        groups = groups.filter(country=criteria.country)
    return groups


def _ranked(criteria: Criteria):
    """The matching groups as a query, with `score` and `hit_distance` worked out by the
    database, best first: the page and the count are then each one query, whatever the
    number of candidates (an online group anywhere answers most needs)."""
    # "Not unlisted" rather than "listed": the same groups, but a test the databases do not
    # answer from the status index, so they start from the far fewer groups with the need.
    unlisted = [status for status in GroupStatus.values if status not in LISTED_STATUSES]
    groups = _filtered(SupportGroup.objects.exclude(status__in=unlisted), criteria)
    exact, broader = _related_codes(criteria.experiences)
    communities, _ = _related_codes(criteria.communities)
    term_score = Value(0, output_field=IntegerField())
    for term in criteria.terms:
        # The terms and the search columns are folded alike (lexicon.tokenize): a plain,
        # case-sensitive LIKE, cheaper than comparing upper-cased text row by row.
        term_score = term_score + Case(
            When(search_name__contains=term, then=Value(2)),
            When(search_text__contains=term, then=Value(1)),
            default=Value(0), output_field=IntegerField())

    # What the group must be about: an experience, else a community, else one of the words.
    relevance = Value(0.0, output_field=FloatField())
    if exact:
        groups = groups.filter(pk__in=_with_codes("experiences", exact | broader).values("supportgroup_id"))
        relevance = _float(EXPERIENCE_EXACT) if not broader else Case(
            When(_has_codes(criteria.experiences), then=_float(EXPERIENCE_EXACT)),
            default=_float(EXPERIENCE_BROADER), output_field=FloatField())
    elif communities:
        groups = groups.filter(pk__in=_with_codes("communities", communities).values("supportgroup_id"))
    elif criteria.terms:
        # The word index finds the groups with the words (or longer ones: "walk", "walking").
        groups = groups.filter(pk__in=GroupSearchWord.objects.filter(having_words(criteria.terms))
                               .values("group_id"))
    if communities:
        relevance = relevance + (_float(COMMUNITY) if not exact else Case(
            When(_has_codes(criteria.communities), then=_float(COMMUNITY)),
            default=_float(0.0), output_field=FloatField()))
    if criteria.terms:
        relevance = relevance + term_score * _float(TERM_IN_NAME / 2)
    wanted = set(criteria.languages) or {criteria.lang}
    relevance = relevance + Case(When(_speaks(wanted), then=_float(LANGUAGE)),
                                 default=_float(0.0), output_field=FloatField())

    distance = Value(None, output_field=FloatField())
    if criteria.point is not None:
        near = _near(criteria)
        groups = groups.alias(exact_km=_haversine(*criteria.point))
        near &= Q(exact_km__lte=criteria.radius_km)
        reach = near
        # Online groups are reachable from anywhere, when the person said what they need;
        # they rank like a group at the edge of the radius (a little nearer from the same country).
        if criteria.has_need or "online" in criteria.formats:
            reach |= Q(format__in=REACHABLE_ONLINE)
        groups = groups.filter(reach)
        online = _float(ONLINE_DISTANCE)
        if criteria.place is not None:
            online = Case(When(country=criteria.place.country,
                               then=_float(ONLINE_DISTANCE - SAME_COUNTRY_ONLINE)),
                          default=online, output_field=FloatField())
        distance = Case(When(near, then=F("exact_km")), default=Value(None), output_field=FloatField())
        penalty = Case(When(near, then=F("exact_km") * _float(DISTANCE / criteria.radius_km)),
                       default=online, output_field=FloatField())
        relevance = relevance - penalty
    # Equally relevant and near: the listing confirmed most recently first (an integer sort; a
    # sort on names under the database's collation costs more than the rest of the search).
    return groups, groups.annotate(score=relevance, hit_distance=distance).order_by(
        F("score").desc(), F("hit_distance").asc(nulls_last=True),
        F("last_confirmed_at").desc(nulls_last=True), "pk")


def _speaks(codes) -> Q:
    # `language_codes` is "|en|es|": a plain LIKE, cheap on SQLite and PostgreSQL alike.
    return reduce(lambda a, b: a | b, (Q(language_codes__contains=f"|{code}|") for code in sorted(codes)))


def _float(value: float) -> Value:
    return Value(float(value), output_field=FloatField())


def _near(criteria: Criteria) -> Q:
    """Groups met in person inside the box around the point (the latitude index finds them);
    the exact distance then keeps those within the radius."""
    return _box(criteria) & ~Q(format=GroupFormat.ONLINE)


def _box(criteria: Criteria, prefix: str = "") -> Q:
    """`prefix`latitude/longitude inside the box around the point that holds the radius."""
    lat, lng = criteria.point
    dlat = criteria.radius_km / KM_PER_DEGREE
    dlng = criteria.radius_km / (KM_PER_DEGREE * max(math.cos(math.radians(lat)), 0.01))
    box = Q(**{f"{prefix}latitude__gte": lat - dlat, f"{prefix}latitude__lte": lat + dlat})
    if dlng < 180:
        lng_min, lng_max = lng - dlng, lng + dlng
        if lng_min < -180 or lng_max > 180:  # the box crosses the antimeridian
            box &= (Q(**{f"{prefix}longitude__gte": (lng_min + 540) % 360 - 180})
                    | Q(**{f"{prefix}longitude__lte": (lng_max + 540) % 360 - 180}))
        else:
            box &= Q(**{f"{prefix}longitude__gte": lng_min, f"{prefix}longitude__lte": lng_max})
    return box


def _haversine(lat: float, lng: float):
    """places.distance_km in SQL (math functions both SQLite 3.35+ and PostgreSQL have)."""
    p1 = math.radians(lat)
    dp = Radians(F("latitude")) - _float(p1)
    dl = Radians(F("longitude") - _float(lng))
    a = Power(Sin(dp / 2), 2) + _float(math.cos(p1)) * Cos(Radians(F("latitude"))) * Power(Sin(dl / 2), 2)
    return _float(2 * EARTH_RADIUS_KM) * ASin(Least(Sqrt(a), _float(1.0)))


def _total_in_page_query() -> bool:
    """Where to count. SQLite scores every candidate before it sorts, so a window count in the
    page's query comes almost free; PostgreSQL can stop reading as soon as it has the page,
    which a window count would prevent, so it counts in a query of its own that stops at
    COUNT_CAP. Either way the person sees the same count."""
    return connection.vendor == "sqlite"


def _count(matching) -> tuple[int, bool]:
    """How many groups match, counting no further than COUNT_CAP: past that, nobody pages on
    (the page says "more than 200") and the database can stop early."""
    found = matching.order_by().values("pk")[:COUNT_CAP + 1].count()
    return min(found, COUNT_CAP), found > COUNT_CAP


def _page_hits(ranked, criteria: Criteria, start: int, stop: int, *, with_total: bool = False,
               ) -> tuple[list[GroupHit], int | None]:
    """The hits from `start` to `stop`, and with `with_total` how many match in all (None when
    not asked, or past the end)."""
    hits, total = [], None
    fields = ["pk", "name", "format", "score", "hit_distance"]
    if with_total:
        ranked, fields = ranked.annotate(total=Window(Count("pk"))), [*fields, "total"]
    for pk, name, fmt, score, distance, *counted in ranked.values_list(*fields)[start:stop]:
        total = counted[0] if counted else None
        online = fmt == GroupFormat.ONLINE or (criteria.point is not None and distance is None)
        hits.append(GroupHit(group=SupportGroup(pk=pk, name=name), score=score or 0.0,
                             distance_km=distance, is_online=online))
    return hits, total


# -- loading the page -----------------------------------------------------------------------

def _load(hits: list[GroupHit], *, viewer_timezone: str | None, now: datetime) -> list[GroupHit]:
    """The page's groups with their experiences and schedules: four queries, whatever the size
    (the schedules are read plainly: prefetching builds a query set per series)."""
    if not hits:
        return []
    ids = [h.group.pk for h in hits]
    groups = {g.pk: g for g in SupportGroup.objects.filter(pk__in=ids)
              .select_related("organization").only(*HIT_FIELDS, "organization__name", "organization__slug")
              .prefetch_related(Prefetch("experiences", TaxonomyNode.objects.only(*NODE_FIELDS)))}
    series_of: dict[int, list[MeetingSeries]] = defaultdict(list)
    series = list(MeetingSeries.objects.filter(group_id__in=ids, is_active=True).only(*SERIES_FIELDS))
    exceptions: dict[int, list[MeetingException]] = defaultdict(list)
    if series:
        for exception in MeetingException.objects.filter(series_id__in=[s.pk for s in series]):
            exceptions[exception.series_id].append(exception)
    for item in series:
        series_of[item.group_id].append(item)
    zone = _zone(viewer_timezone)
    loaded = []
    for hit in hits:
        group = groups.get(hit.group.pk)
        if group is None:
            continue
        hit.group = group
        if not hit.is_online and group.format == GroupFormat.ONLINE:
            hit.is_online = True
        hit.next_meeting = _next_meeting(group, series_of[group.pk], exceptions, now)
        if hit.next_meeting is not None:
            hit.next_meeting_tz = str(zone or group.timezone)
            hit.next_meeting_local = hit.next_meeting.start.astimezone(zone or ZoneInfo(group.timezone))
        loaded.append(hit)
    return loaded


def _next_meeting(group: SupportGroup, series_list: list[MeetingSeries], exceptions, now: datetime,
                  ) -> Occurrence | None:
    found = None
    for series in series_list:
        # A week covers most schedules; only the others pay for the longer look.
        for window in (timedelta(days=8), NEXT_MEETING_WINDOW):
            upcoming = series_occurrences(series, group.timezone, now, now + window,
                                          include_cancelled=False, exceptions=exceptions[series.pk])
            if upcoming:
                first = min(upcoming, key=lambda o: (o.start, o.series_id))
                if found is None or first.start < found.start:
                    found = first
                break
    return found


def _zone(name: str | None) -> ZoneInfo | None:
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ValueError, KeyError, OSError):
        return None


# -- beyond the groups: programs, and online alternatives when nothing matched ---------------

def _programs(criteria: Criteria) -> list[Program]:
    """Organizations' public programs (1:1 peer support with trained peer supporters, groups,
    online communities, referral pathways) for the same need, or whose name or organization
    matches the words; in the same country, or near the place (nearest first) when only a
    place was given. At most five."""
    codes = set(criteria.experiences) | set(criteria.communities)
    if not (codes or criteria.terms or criteria.point):
        return []
    programs = Program.objects.filter(is_public=True, is_active=True, organization__is_active=True)
    if codes:
        exact, broader = _related_codes(tuple(codes))
        programs = programs.filter(experiences__code__in=exact | broader)
    elif criteria.terms:
        programs = programs.filter(reduce(lambda a, b: a | b, (
            Q(name__icontains=t) | Q(description__icontains=t) | Q(organization__name__icontains=t)
            for t in criteria.terms)))
    country = criteria.place.country if criteria.place else criteria.country
    if criteria.point is not None and not (codes or criteria.terms):
        programs = programs.filter(_box(criteria, "organization__"))
    elif country:
        programs = programs.filter(Q(organization__country=country) | Q(organization__country=""))
    order = ["organization__name", "name"]
    if criteria.point is not None:
        # Nearest organization first (a flat-earth distance orders as well as the real one at
        # these ranges); organizations without a place last.
        lat, lng = criteria.point
        spread = _float(math.cos(math.radians(lat)))
        programs = programs.alias(far=Power(F("organization__latitude") - _float(lat), 2)
                                  + Power((F("organization__longitude") - _float(lng)) * spread, 2))
        order = [F("far").asc(nulls_last=True), *order]
    return list(programs.select_related("organization").distinct().order_by(*order)[:PROGRAMS])


def _organizations(criteria: Criteria, programs: list[Program]) -> list:
    """Organizations named by the words typed ("harbour peer network"), beyond those whose
    programs are already listed."""
    if not criteria.terms:
        return []
    shown = {program.organization_id for program in programs}
    matches = Organization.objects.filter(is_active=True).filter(reduce(lambda a, b: a & b, (
        Q(name__icontains=term) for term in criteria.terms))).exclude(pk__in=shown)
    country = criteria.place.country if criteria.place else criteria.country
    if country:
        matches = matches.filter(Q(country=country) | Q(country=""))
    return list(matches.order_by("name")[:PROGRAMS])


def _online_alternatives(criteria: Criteria) -> list[GroupHit]:
    """When nothing matched: online groups for the same need (and language), whatever the
    day, time or place; those in the person's country first."""
    relaxed = Criteria(experiences=criteria.experiences, communities=criteria.communities,
                       terms=() if criteria.experiences or criteria.communities else criteria.terms,
                       languages=criteria.languages, formats=("online",), lang=criteria.lang)
    country = criteria.place.country if criteria.place else criteria.country
    if relaxed.has_need:
        _, ranked = _ranked(relaxed)
        if country:
            ranked = ranked.alias(elsewhere=Case(When(country=country, then=Value(0)), default=Value(1),
                                                 output_field=IntegerField()))
            ranked = ranked.order_by("elsewhere", *ranked.query.order_by)
        hits, _ = _page_hits(ranked, relaxed, 0, SUGGESTIONS)
    else:
        rows = list(SupportGroup.objects.filter(status=GroupStatus.ACTIVE, format__in=REACHABLE_ONLINE)
                    .order_by("-last_confirmed_at", "pk")
                    .values_list("pk", "name", "country", "languages")[:SUGGESTIONS * 4])
        wanted = set(relaxed.languages) or {relaxed.lang}
        rows.sort(key=lambda row: (bool(country) and row[2] != country, not wanted & set(row[3] or ()),
                                   row[1].lower(), row[0]))
        hits = [GroupHit(group=SupportGroup(pk=pk, name=name), score=LANGUAGE if wanted & set(langs or ()) else 0.0)
                for pk, name, _country, langs in rows[:SUGGESTIONS]]
    for hit in hits:
        hit.is_online = True
    return hits
