"""Reads of groups, memberships and meetings, each already limited to what the viewer may see."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Case, Count, IntegerField, Prefetch, Q, Value, When
from django.http import Http404
from django.utils import timezone

from peercircle.accounts.access import name_for
from peercircle.accounts.services import hash_token
from peercircle.core.timezones import person_zone
from peercircle.groups.access import (
    GroupViewer,
    can_see_correction,
    groups_managed_by,
    groups_visible_to,
    listed_groups,
    suggester_name,
    with_names,
)
from peercircle.groups.models import (
    Attendance,
    AttendanceStatus,
    CorrectionStatus,
    ExceptionKind,
    GroupMembership,
    GroupStatus,
    ListingCorrection,
    MeetingException,
    MeetingPlace,
    MeetingSeries,
    MembershipRole,
    PersonalCalendarFeed,
    PlaceStatus,
    SupportGroup,
)
from peercircle.groups.models.calendar_feed import FEED_PREFIX
from peercircle.groups.recurrence import Occurrence, rule_starts

UTC = ZoneInfo("UTC")


def group_list(*, query: str = "", experience: str = ""):
    """Listed groups for the public list: one query for the page, one for their experiences."""
    groups = listed_groups().select_related("organization").prefetch_related("experiences")
    if query:
        groups = groups.filter(Q(name__icontains=query) | Q(description__icontains=query)
                               | Q(city__icontains=query))
    if experience:
        # A top-level code ("grief") finds groups for any of its entries too.
        groups = groups.filter(Q(experiences__code=experience) | Q(experiences__parent__code=experience)).distinct()
    return groups.order_by("name", "pk")


def group_for_viewer(*, slug: str, user) -> tuple[SupportGroup, GroupViewer]:
    group = SupportGroup.objects.select_related("organization").filter(
        pk__in=groups_visible_to(user).values("pk"), slug=slug).first()
    if group is None:
        raise Http404
    viewer = GroupViewer(user, group)
    if not viewer.can_see:
        raise Http404
    return group, viewer


def managed_group(*, slug: str, user) -> tuple[SupportGroup, GroupViewer]:
    group, viewer = group_for_viewer(slug=slug, user=user)
    if not (viewer.can_manage or viewer.can_approve):
        raise Http404
    return group, viewer


def visible_members(*, group: SupportGroup, viewer: GroupViewer):
    if not viewer.can_see_members:
        raise Http404
    return (GroupMembership.objects.active().filter(group=group)
            .select_related("user", "user__profile").order_by("-role", "joined_at", "pk"))


def join_requests(*, group: SupportGroup):
    return (GroupMembership.objects.filter(group=group, status="requested")
            .select_related("user", "user__profile").order_by("requested_at", "pk"))


def facilitator_count(group: SupportGroup) -> int:
    return GroupMembership.objects.active().filter(group=group, role=MembershipRole.FACILITATOR).count()


def my_memberships(*, user):
    return (GroupMembership.objects.current().filter(user=user)
            .select_related("group", "group__organization").order_by("group__name"))


def group_series(*, group: SupportGroup):
    return (MeetingSeries.objects.filter(group=group, is_active=True)
            .prefetch_related(Prefetch("exceptions", queryset=MeetingException.objects.order_by("original_start"))))


def series_by_group(*, groups) -> dict[int, list[MeetingSeries]]:
    """Active schedules of several groups at once (two queries), keyed by group id."""
    found: dict[int, list[MeetingSeries]] = {}
    for series in (MeetingSeries.objects.filter(group__in=groups, is_active=True)
                   .prefetch_related(Prefetch("exceptions", queryset=MeetingException.objects.order_by("original_start")))):
        found.setdefault(series.group_id, []).append(series)
    return found


def upcoming_occurrences(target, start: datetime | None = None, end: datetime | None = None, *,
                         include_cancelled: bool = True) -> list[Occurrence]:
    """Occurrences of a group's schedules (or of one series) starting in [start, end),
    as aware datetimes, moved ones at their new time, sorted by start."""
    start = start or timezone.now()
    end = end or start + timedelta(days=90)
    if isinstance(target, MeetingSeries):
        series_list, tz = [target], target.group.timezone
    else:
        series_list, tz = list(group_series(group=target)), target.timezone
    occurrences: list[Occurrence] = []
    for series in series_list:
        occurrences += series_occurrences(series, tz, start, end, include_cancelled=include_cancelled)
    return sorted(occurrences, key=lambda o: (o.start, o.series_id))


def series_occurrences(series: MeetingSeries, tz: str, start: datetime, end: datetime, *,
                       include_cancelled: bool = True, exceptions=None) -> list[Occurrence]:
    """One series' occurrences in [start, end), unsorted; `exceptions` when the caller has
    already loaded them (else they are read through the series)."""
    length = timedelta(minutes=series.duration_minutes)
    if exceptions is None:
        exceptions = series.exceptions.all()
    exceptions = {e.original_start.astimezone(UTC): e for e in exceptions}
    found = []
    for moment in rule_starts(rule=series.rrule, start_date=series.start_date, start_time=series.start_time,
                              tz=tz, start=start, end=end):
        exception = exceptions.get(moment.astimezone(UTC))
        if exception is None:
            found.append(Occurrence(series.pk, series.title, moment, moment + length, moment, "scheduled",
                                    capacity=series.capacity))
        elif exception.kind == ExceptionKind.CANCELLED and include_cancelled:
            found.append(Occurrence(series.pk, series.title, moment, moment + length, moment, "cancelled",
                                    exception.note, series.capacity))
    zone = ZoneInfo(tz)
    for exception in exceptions.values():
        if exception.kind == ExceptionKind.MOVED and start <= exception.new_start < end:
            new_start = exception.new_start.astimezone(zone)
            found.append(Occurrence(series.pk, series.title, new_start, new_start + length,
                                    exception.original_start.astimezone(zone), "moved", exception.note,
                                    series.capacity))
    return found


def viewer_timezone(user, group: SupportGroup) -> str:
    """The viewer's own time zone when signed in, else the group's."""
    return person_zone(user, group.timezone).key


def calendar_feed_owner(*, secret: str):
    """The person whose active private feed has this secret, or None (unknown, turned off,
    or an account that is no longer active): all answer the same."""
    if not secret or not secret.startswith(FEED_PREFIX):
        return None
    feed = (PersonalCalendarFeed.objects.active().select_related("user")
            .filter(token_hash=hash_token(secret)).first())
    if feed is None or not feed.user.is_active or feed.user.is_deleted:
        return None
    return feed.user


def active_calendar_feed(*, user) -> PersonalCalendarFeed | None:
    return PersonalCalendarFeed.objects.active().filter(user=user).first()


def my_meeting_groups(*, user) -> list[tuple[SupportGroup, GroupViewer]]:
    """The groups whose meetings go in a person's private feed: where they are an active
    member, the group is not pending approval nor ended, and they may see it."""
    memberships = (GroupMembership.objects.active().filter(user=user)
                   .exclude(group__status__in=[GroupStatus.PENDING_APPROVAL, GroupStatus.ENDED])
                   .select_related("group", "group__organization").order_by("group__name", "group__pk"))
    found = []
    for membership in memberships:
        viewer = GroupViewer(user, membership.group)
        viewer.membership = membership  # already known: spares the query
        if viewer.can_see:
            found.append((membership.group, viewer))
    return found


def attendance_counts(*, group: SupportGroup, since: datetime | None = None) -> list[dict]:
    """For reports: per meeting of the group (series and original start, UTC) with any
    attendance recorded, how many were present and how many recorded, oldest first."""
    rows = Attendance.objects.filter(series__group=group)
    if since is not None:
        rows = rows.filter(occurrence_start__gte=since)
    return [
        {"series_id": row["series_id"], "title": row["series__title"],
         "occurrence_start": row["occurrence_start"].astimezone(UTC), "present": row["present"],
         "recorded": row["recorded"]}
        for row in rows.values("series_id", "series__title", "occurrence_start")
        .annotate(present=Count("pk", filter=Q(status=AttendanceStatus.PRESENT)), recorded=Count("pk"))
        .order_by("occurrence_start", "series_id")
    ]


def attendance_for(*, occurrences, user=None) -> dict[tuple[int, datetime], dict]:
    """Attendance of some occurrences, keyed by (series id, original start in UTC): the
    present count and the ids of the people present (only `user`'s rows when given)."""
    found: dict[tuple[int, datetime], dict] = {}
    occurrences = list(occurrences)
    if not occurrences:
        return found
    query = Q()
    for o in occurrences:
        query |= Q(series_id=o.series_id, occurrence_start=o.original_start)
    rows = Attendance.objects.filter(query, status=AttendanceStatus.PRESENT)
    if user is not None:
        rows = rows.filter(user=user)
    for series_id, start, user_id in rows.values_list("series_id", "occurrence_start", "user_id"):
        entry = found.setdefault((series_id, start.astimezone(UTC)), {"present": 0, "ids": set()})
        entry["present"] += 1
        entry["ids"].add(user_id)
    return found


# --- Listing corrections and "last confirmed" ---------------------------------------------------

def listing_confirm_days() -> int:
    return settings.PEERCIRCLE_LISTING_CONFIRM_DAYS  # config/settings.py, default 90


def listing_is_stale(group: SupportGroup, now: datetime | None = None) -> bool:
    """Never confirmed, or confirmed longer ago than the facilitators are asked to confirm."""
    if group.last_confirmed_at is None:
        return True
    return (now or timezone.now()) - group.last_confirmed_at > timedelta(days=listing_confirm_days())


def _open_first(corrections):
    return corrections.annotate(
        reviewed=Case(When(status=CorrectionStatus.OPEN, then=Value(0)), default=Value(1), output_field=IntegerField()),
    ).order_by("reviewed", "-created_at", "-pk")


def group_corrections(*, group: SupportGroup, viewer: GroupViewer):
    """A group's queue: open suggestions first (newest first), then reviewed ones."""
    if not viewer.can_manage:
        raise Http404
    return _open_first(ListingCorrection.objects.filter(group=group).select_related("group"))


def managed_corrections(*, user):
    """The combined queue of every group a person facilitates or whose organization they administer."""
    return _open_first(ListingCorrection.objects.filter(group__in=groups_managed_by(user))
                       .select_related("group", "group__organization"))


def open_correction_count(*, group: SupportGroup) -> int:
    return ListingCorrection.objects.open().filter(group=group).count()


def managed_open_correction_count(*, user) -> int:
    return ListingCorrection.objects.open().filter(group__in=groups_managed_by(user)).count()


def my_corrections(*, user):
    """What a person suggested, newest first, with what became of it."""
    return ListingCorrection.objects.filter(suggested_by=user).select_related("group").order_by("-created_at", "-pk")


def correction_for_viewer(*, group: SupportGroup, viewer: GroupViewer, correction_id: int) -> ListingCorrection:
    correction = ListingCorrection.objects.filter(group=group, pk=correction_id).select_related("group").first()
    if correction is None or not can_see_correction(viewer, correction):
        raise Http404
    return correction


def with_suggester_names(*, user, corrections, viewer: GroupViewer | None = None) -> list[ListingCorrection]:
    """Corrections with `shown_name` set as `user` may see it (access.suggester_name): one
    query for the suggesters' and the viewer's memberships of those groups, whatever the count."""
    corrections = list(corrections)
    pairs = {(c.group_id, c.suggested_by_id) for c in corrections if c.suggested_by_id}
    memberships: dict[tuple[int, int], GroupMembership] = {}
    if pairs:
        people = {person for _group, person in pairs} | ({user.pk} if user.is_authenticated else set())
        for m in (GroupMembership.objects.active().filter(group_id__in={g for g, _p in pairs}, user_id__in=people)
                  .select_related("user", "user__profile")):
            memberships[(m.group_id, m.user_id)] = m
    viewers: dict[int, GroupViewer] = {viewer.group.pk: viewer} if viewer else {}
    names: dict[tuple[int, int | None], str] = {}
    for c in corrections:
        group_viewer = viewers.get(c.group_id)
        if group_viewer is None:
            group_viewer = viewers[c.group_id] = GroupViewer(user, c.group)
            group_viewer.membership = memberships.get((c.group_id, user.pk))  # already known: spares a query
        key = (c.group_id, c.suggested_by_id)
        if key not in names:
            names[key] = suggester_name(group_viewer, c, memberships.get(key))
        c.shown_name = names[key]
    return corrections
@dataclass
class MeetingPlaces:
    """Places at one meeting with a capacity: how many are taken and waiting, where `user`
    stands, and (for those who manage the group) the people, in order."""

    capacity: int
    booked: int = 0
    waiting: int = 0
    my_status: str | None = None  # "booked", "waiting" or None
    my_position: int | None = None  # 1 = next on the waiting list
    booked_places: list = field(default_factory=list)
    waiting_places: list = field(default_factory=list)

    @property
    def left(self) -> int:
        # Never below nought: a lowered capacity leaves everyone who had a place.
        return max(0, self.capacity - self.booked)

    @property
    def is_full(self) -> bool:
        return self.booked >= self.capacity


def meeting_places(*, occurrences, user=None, with_people: bool = False) -> dict[tuple[int, datetime], MeetingPlaces]:
    """Places at those of `occurrences` that have a capacity, keyed by (series id, original
    start in UTC), in one query. Counts are not personal; `user`'s own state is filled in
    when given, and the rows themselves only `with_people` (for those who manage the group)."""
    wanted = [o for o in occurrences if o.has_places]
    found = {(o.series_id, o.original_start.astimezone(UTC)): MeetingPlaces(capacity=o.capacity) for o in wanted}
    if not wanted:
        return found
    query = Q()
    for o in wanted:
        query |= Q(series_id=o.series_id, occurrence_start=o.original_start)
    rows = MeetingPlace.objects.current().filter(query).order_by("created_at", "pk")
    if not with_people:
        rows = rows.only("series_id", "occurrence_start", "user_id", "status")
    for place in rows:
        entry = found[(place.series_id, place.occurrence_start.astimezone(UTC))]
        if place.status == PlaceStatus.BOOKED:
            entry.booked += 1
            if with_people:
                entry.booked_places.append(place)
        else:
            entry.waiting += 1
            if with_people:
                entry.waiting_places.append(place)
        if user is not None and place.user_id == user.pk:
            entry.my_status = place.status
            entry.my_position = entry.waiting if place.status == PlaceStatus.WAITING else None
    return found


def place_lists(*, viewer: GroupViewer, occurrences, members=None) -> dict[tuple[int, datetime], MeetingPlaces]:
    """For those who manage the group: who has a place and who waits at each meeting, named
    as the viewer may see them (`shown_name`). `members`: the group's active memberships with
    names, when the caller already has them."""
    if not viewer.can_manage:
        raise Http404
    places = meeting_places(occurrences=occurrences, with_people=True)
    if members is None:
        members = with_names(viewer, GroupMembership.objects.active().filter(group=viewer.group)
                             .select_related("user", "user__profile"))
    names = {m.user_id: m.shown_name for m in members}
    for entry in places.values():
        for place in entry.booked_places + entry.waiting_places:
            # Someone no longer in the group (rare: leaving gives places up) gets accounts' answer.
            place.shown_name = names.get(place.user_id) or name_for(viewer.user, place.user)
    return places


def occurrence_at(series: MeetingSeries, original_start: datetime) -> Occurrence:
    """One meeting of `series` by its original start, as the lists show it (moved ones at
    their new time). The caller has checked that the schedule gives that start."""
    original = original_start.astimezone(UTC)
    exception = MeetingException.objects.filter(series=series, original_start=original).first()
    zone = ZoneInfo(series.group.timezone)
    start, status = original.astimezone(zone), "scheduled"
    if exception is not None:
        status = "moved" if exception.kind == ExceptionKind.MOVED else "cancelled"
        if exception.new_start:
            start = exception.new_start.astimezone(zone)
    return Occurrence(series.pk, series.title, start, start + timedelta(minutes=series.duration_minutes),
                      original.astimezone(zone), status, exception.note if exception else "", series.capacity)


def my_meeting_place(*, user, series: MeetingSeries, original_start: datetime) -> str | None:
    """Where `user` stands at one meeting: "booked", "waiting" or None."""
    return (MeetingPlace.objects.current().filter(series=series, occurrence_start=original_start, user=user)
            .values_list("status", flat=True).first())
