"""The groups API: list and read groups, start one, join and leave, members, meetings,
suggested corrections to a listing."""

from datetime import date, datetime, time, timedelta
from uuid import UUID
from zoneinfo import ZoneInfo

from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext
from ninja import Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate

from peercircle.api.auth import AUTH
from peercircle.groups.access import with_names
from peercircle.groups.models import GroupMembership, MeetingPlace, MeetingSeries, MembershipStatus
from peercircle.groups.selectors import (
    attendance_counts,
    correction_for_viewer,
    group_corrections,
    group_for_viewer,
    group_list,
    meeting_places,
    my_corrections,
    occurrence_at,
    place_lists,
    upcoming_occurrences,
    visible_members,
    with_suggester_names,
)
from peercircle.groups.services import (
    GroupError,
    attendance_check_in,
    attendance_record,
    group_create,
    group_join,
    group_leave,
    group_member_role_set,
    listing_correction_resolve,
    listing_correction_suggest,
    meeting_occurrence_cancel,
    meeting_place_book,
    meeting_place_cancel,
    meeting_place_remove,
    meeting_series_create,
    meeting_series_update,
)
from peercircle.groups.services.attendance import find_meeting
from peercircle.organizations.models import Organization

router = Router(tags=["groups"])
UTC = ZoneInfo("UTC")


def _anyone(request):
    """Signed in or not: reads of public things also know who asks, to show them more."""
    return request.user if request.user.is_authenticated else AnonymousUser()


OPTIONAL_AUTH = [*AUTH, _anyone]


class Message(Schema):
    detail: str


class GroupOut(Schema):
    name: str
    slug: str
    status: str
    format: str
    leadership: str
    join_policy: str
    city: str
    country: str
    latitude: float | None
    longitude: float | None
    timezone: str
    languages: list[str]
    organization: str | None
    experiences: list[str]

    @staticmethod
    def resolve_organization(group):
        return group.organization.slug if group.organization else None

    @staticmethod
    def resolve_experiences(group):
        return [node.code for node in group.experiences.all()]


class GroupDetailOut(GroupOut):
    """One group as the person asking may see it (the endpoint puts their GroupViewer on the request)."""

    description_html: str
    communities: list[str]
    venue_name: str
    address: str
    capacity: int | None
    accessibility: list[str]
    accessibility_notes: str
    agreement_html: str
    online_url: str | None
    member_list_visibility: str
    last_confirmed_at: datetime | None
    my_status: str | None

    @staticmethod
    def resolve_communities(group):
        return [node.code for node in group.communities.all()]

    @staticmethod
    def resolve_agreement_html(group):
        return group.agreement_for_display()

    @staticmethod
    def resolve_online_url(group, context):
        viewer = context["request"].group_viewer
        return group.online_url if viewer.can_see_online_link and group.online_url else None

    @staticmethod
    def resolve_my_status(group, context):
        membership = context["request"].group_viewer.membership
        return membership.status if membership else None


class GroupIn(Schema):
    name: str
    description: str = ""
    organization: str | None = None
    experience_codes: list[str] = []
    community_codes: list[str] = []
    leadership: str = "peer_facilitated"
    format: str = "in_person"
    venue_name: str = ""
    address: str = ""
    city: str = ""
    country: str = ""
    timezone: str = ""
    online_url: str = ""
    online_url_visibility: str = "members"
    languages: list[str] = []
    join_policy: str = "open"
    capacity: int | None = None
    accessibility: list[str] = []
    accessibility_notes: str = ""
    agreement: str = ""
    member_list_visibility: str = "facilitators"


class JoinIn(Schema):
    agreement_accepted: bool = False


class MembershipOut(Schema):
    group: str
    role: str
    status: str


class MemberOut(Schema):
    person: str
    name: str
    role: str
    joined_at: datetime | None


class RoleIn(Schema):
    role: str


class OccurrenceOut(Schema):
    series_id: int
    title: str
    status: str
    note: str
    start_utc: datetime
    end_utc: datetime
    start_local: datetime
    end_local: datetime
    timezone: str
    original_start_utc: datetime
    online_url: str | None
    capacity: int | None
    places_left: int | None
    waiting: int | None
    my_place: str | None
    my_waiting_position: int | None


class SeriesIn(Schema):
    title: str
    start_date: date
    start_time: time
    duration_minutes: int = 90
    rrule: str = ""
    online_url: str = ""
    capacity: int | None = None


class SeriesPatch(Schema):
    """Leave a field out to keep it. `capacity: null` means no limit on places."""

    title: str | None = None
    duration_minutes: int | None = None
    online_url: str | None = None
    capacity: int | None = None


class SeriesOut(Schema):
    id: int
    title: str
    rrule: str
    start_date: date
    start_time: time
    duration_minutes: int
    timezone: str
    capacity: int | None

    @staticmethod
    def resolve_timezone(series):
        return series.group.timezone


class CancelIn(Schema):
    original_start: datetime
    note: str = ""


class CheckInIn(Schema):
    occurrence_start: datetime


class RegisterIn(Schema):
    occurrence_start: datetime
    present: list[str] = []


class PlaceOut(Schema):
    series_id: int
    occurrence_start: datetime
    status: str
    waiting_position: int | None
    detail: str


class PlaceHolderOut(Schema):
    id: int
    person: str
    name: str
    status: str
    waiting_position: int | None
    since: datetime


class PlacesOut(Schema):
    series_id: int
    occurrence_start: datetime
    meeting_status: str
    capacity: int | None
    places_left: int | None
    booked: list[PlaceHolderOut]
    waiting: list[PlaceHolderOut]


class AttendanceOut(Schema):
    series_id: int
    title: str
    occurrence_start: datetime
    present: int
    recorded: int


class CorrectionIn(Schema):
    kind: str
    text: str
    contact_email: str = ""
    website: str = ""  # the honeypot: people leave it empty


class ResolveIn(Schema):
    outcome: str
    note: str = ""
    confirm_details: bool = False


class CorrectionOut(Schema):
    """A suggested correction as its sender sees it; the email they may have left is never given out."""

    id: int
    group: str
    kind: str
    text: str
    status: str
    created_at: datetime
    reviewed_at: datetime | None
    reply: str

    @staticmethod
    def resolve_group(correction):
        return correction.group.slug


class QueuedCorrectionOut(CorrectionOut):
    """As the group's facilitators see it: who sent it (a name only when shared with them)."""

    suggested_by: str
    can_hear_back: bool

    @staticmethod
    def resolve_suggested_by(correction):
        return correction.shown_name


def _managed(request, slug):
    group, viewer = group_for_viewer(slug=slug, user=request.auth)
    if not viewer.can_manage:
        raise Http404
    return group, viewer


def _viewed(request, slug):
    group, viewer = group_for_viewer(slug=slug, user=request.auth)
    request.group_viewer = viewer
    return group, viewer


@router.get("/groups", response=list[GroupOut], auth=None, summary="Listed support groups (public)")
@paginate(LimitOffsetPagination)
def groups(request, q: str = "", experience: str = ""):
    return group_list(query=q.strip()[:100], experience=experience.strip()[:64])


@router.post("/groups", response={201: GroupDetailOut, 400: Message}, summary="Start a group")
def create(request, payload: GroupIn):
    values = payload.dict()
    organization = None
    if values.pop("organization"):
        organization = Organization.objects.filter(slug=payload.organization, is_active=True).first()
        if organization is None:
            raise GroupError("That organization was not found.")
    group = group_create(actor=request.auth, organization=organization, **values)
    group, viewer = _viewed(request, group.slug)
    return Status(201, group)


@router.get("/groups/{slug}", response={200: GroupDetailOut, 404: Message}, auth=OPTIONAL_AUTH,
            summary="One group")
def group(request, slug: str):
    group, viewer = _viewed(request, slug)
    return group


@router.post("/groups/{slug}/join", response={200: MembershipOut, 201: MembershipOut, 400: Message, 404: Message},
             summary="Join a group, or ask to join one that decides (accept its agreement)")
def join(request, slug: str, payload: JoinIn):
    group, viewer = group_for_viewer(slug=slug, user=request.auth)
    already = viewer.membership is not None
    membership = group_join(user=request.auth, group=group, agreement_accepted=payload.agreement_accepted)
    out = {"group": group.slug, "role": membership.role, "status": membership.status}
    return out if already else Status(201, out)


@router.post("/groups/{slug}/leave", response={200: MembershipOut, 400: Message, 404: Message},
             summary="Leave a group, or withdraw a request (no reason asked)")
def leave(request, slug: str):
    group, viewer = group_for_viewer(slug=slug, user=request.auth)
    membership = group_leave(user=request.auth, group=group)
    return {"group": group.slug, "role": membership.role, "status": membership.status}


@router.get("/groups/{slug}/members", response={200: list[MemberOut], 404: Message},
            summary="Members, when the group shows its list to you")
def members(request, slug: str):
    group, viewer = group_for_viewer(slug=slug, user=request.auth)
    return [{"person": str(m.user.public_id), "name": m.shown_name, "role": m.role, "joined_at": m.joined_at}
            for m in with_names(viewer, visible_members(group=group, viewer=viewer))]


@router.post("/groups/{slug}/members/{person}/role", response={200: MemberOut, 400: Message, 404: Message},
             summary="Make a member a co-facilitator, or return a facilitator to member (facilitators)")
def member_role(request, slug: str, person: UUID, payload: RoleIn):
    group, viewer = _managed(request, slug)
    membership = (GroupMembership.objects.active().filter(group=group, user__public_id=person)
                  .select_related("user", "user__profile").first())
    if membership is None:
        raise Http404
    membership = group_member_role_set(actor=request.auth, membership=membership, role=payload.role)
    [named] = with_names(viewer, [membership])
    return {"person": str(named.user.public_id), "name": named.shown_name, "role": named.role,
            "joined_at": named.joined_at}


@router.get("/groups/{slug}/meetings", response={200: list[OccurrenceOut], 404: Message}, auth=OPTIONAL_AUTH,
            summary="Upcoming meetings, in UTC and in the group's time zone")
def meetings(request, slug: str, days: int = 60):
    group, viewer = group_for_viewer(slug=slug, user=request.auth)
    zone = ZoneInfo(group.timezone)
    now = timezone.now()
    links = {}
    if viewer.can_see_online_link and group.meets_online:
        links = {s.pk: s.online_url or group.online_url for s in group.series.filter(is_active=True)}
    occurrences = upcoming_occurrences(group, now, now + timedelta(days=max(1, min(days, 400))))
    places = meeting_places(occurrences=occurrences, user=request.auth if request.auth.is_authenticated else None)
    found = []
    for o in occurrences:
        mine = places.get((o.series_id, o.original_start.astimezone(UTC)))
        found.append({
            "series_id": o.series_id, "title": o.title, "status": o.status, "note": o.note,
            "start_utc": o.start.astimezone(UTC), "end_utc": o.end.astimezone(UTC),
            "start_local": o.start.astimezone(zone), "end_local": o.end.astimezone(zone), "timezone": group.timezone,
            "original_start_utc": o.original_start.astimezone(UTC), "online_url": links.get(o.series_id) or None,
            "capacity": o.capacity, "places_left": mine.left if mine else None,
            "waiting": mine.waiting if mine else None, "my_place": mine.my_status if mine else None,
            "my_waiting_position": mine.my_position if mine else None,
        })
    return found


@router.post("/groups/{slug}/series", response={201: SeriesOut, 400: Message, 404: Message},
             summary="Add a schedule (an RFC 5545 RRULE) or a one-off meeting (facilitators)")
def series_create(request, slug: str, payload: SeriesIn):
    group, viewer = group_for_viewer(slug=slug, user=request.auth)
    if not viewer.can_manage:
        raise Http404
    series = meeting_series_create(actor=request.auth, group=group, **payload.dict())
    return Status(201, series)


@router.patch("/groups/{slug}/series/{series_id}", response={200: SeriesOut, 400: Message, 404: Message},
              summary="Change a schedule's title, length, link or places per meeting (facilitators)")
def series_update(request, slug: str, series_id: int, payload: SeriesPatch):
    group, viewer = _managed(request, slug)
    series = get_object_or_404(MeetingSeries, pk=series_id, group=group, is_active=True)
    changes = payload.dict(exclude_unset=True)
    if any(value is None for name, value in changes.items() if name != "capacity"):
        raise GroupError("Leave a field out to keep it; only capacity may be null (no limit).")
    return meeting_series_update(actor=request.auth, series=series, **changes)


@router.post("/groups/{slug}/series/{series_id}/cancel", response={200: Message, 400: Message, 404: Message},
             summary="Cancel one meeting of a schedule (facilitators)")
def occurrence_cancel(request, slug: str, series_id: int, payload: CancelIn):
    group, viewer = group_for_viewer(slug=slug, user=request.auth)
    if not viewer.can_manage:
        raise Http404
    series = get_object_or_404(MeetingSeries, pk=series_id, group=group, is_active=True)
    meeting_occurrence_cancel(actor=request.auth, series=series, original_start=payload.original_start,
                              note=payload.note)
    return {"detail": "Cancelled."}


@router.post("/groups/{slug}/meetings/{series_id}/attendance/check-in",
             response={200: Message, 400: Message, 404: Message},
             summary="Check yourself in to a meeting (members; from 30 minutes before it starts until it ends)")
def attendance_self_check_in(request, slug: str, series_id: int, payload: CheckInIn):
    group, viewer = group_for_viewer(slug=slug, user=request.auth)
    series = get_object_or_404(MeetingSeries, pk=series_id, group=group)
    attendance_check_in(user=request.auth, series=series, occurrence_start=payload.occurrence_start)
    return {"detail": "Checked in."}


@router.post("/groups/{slug}/meetings/{series_id}/attendance/register",
             response={200: AttendanceOut, 400: Message, 404: Message},
             summary="Take the register of a meeting: people present by public id, other members absent (facilitators)")
def attendance_register(request, slug: str, series_id: int, payload: RegisterIn):
    group, viewer = _managed(request, slug)
    series = get_object_or_404(MeetingSeries, pk=series_id, group=group)
    wanted = set(payload.present)
    by_public_id = {str(m.user.public_id): m.user_id
                    for m in GroupMembership.objects.active().filter(group=group).select_related("user")}
    if wanted - set(by_public_id):
        raise GroupError("Some of the people marked present are not members of this group.")
    rows = attendance_record(actor=request.auth, series=series, occurrence_start=payload.occurrence_start,
                             present_user_ids=[by_public_id[p] for p in wanted])
    start = rows[0].occurrence_start if rows else payload.occurrence_start.astimezone(UTC)
    return {"series_id": series.pk, "title": series.title, "occurrence_start": start,
            "present": sum(1 for r in rows if r.status == "present"), "recorded": len(rows)}


# --- Places at meetings with a capacity -------------------------------------------------------------
# A meeting is named by its series and its original start (original_start_utc in the meetings
# list), written as ISO 8601 with its offset: 2025-01-07T19:00:00Z.

def _meeting(request, slug: str, series_id: int, start: str):
    group, viewer = group_for_viewer(slug=slug, user=request.auth)
    series = get_object_or_404(MeetingSeries.objects.select_related("group"), pk=series_id, group=group)
    try:
        original = datetime.fromisoformat(start)
    except ValueError:
        raise GroupError("Please give the meeting's original start as the meetings list does, "
                         "for example 2025-01-07T19:00:00Z.") from None
    return group, viewer, series, original


@router.post("/groups/{slug}/meetings/{series_id}/{start}/place",
             response={200: PlaceOut, 201: PlaceOut, 400: Message, 404: Message},
             summary="Book a place at a meeting, or join its waiting list when it is full (members)")
def place_book(request, slug: str, series_id: int, start: str):
    group, viewer, series, original = _meeting(request, slug, series_id, start)
    booking = meeting_place_book(user=request.auth, series=series, occurrence_start=original)
    place = booking.place
    out = {"series_id": series.pk, "occurrence_start": place.occurrence_start, "status": place.status,
           "waiting_position": booking.position,
           "detail": gettext("You have a place.") if booking.has_place else
           gettext("The meeting is full: you are number %(position)s on the waiting list.")
           % {"position": booking.position}}
    return Status(201, out) if booking.created else out


@router.delete("/groups/{slug}/meetings/{series_id}/{start}/place",
               response={200: PlaceOut, 400: Message, 404: Message},
               summary="Give up my place (the first person waiting gets it) or leave the waiting list")
def place_cancel(request, slug: str, series_id: int, start: str):
    group, viewer, series, original = _meeting(request, slug, series_id, start)
    place = meeting_place_cancel(user=request.auth, series=series, occurrence_start=original)
    return {"series_id": series.pk, "occurrence_start": place.occurrence_start, "status": place.status,
            "waiting_position": None,
            "detail": gettext("Done: you no longer have a place or a turn on the waiting list for this meeting.")}


@router.get("/groups/{slug}/meetings/{series_id}/{start}/places", response={200: PlacesOut, 400: Message, 404: Message},
            summary="Who has a place and who is waiting, in order (facilitators)")
def places(request, slug: str, series_id: int, start: str):
    group, viewer, series, original = _meeting(request, slug, series_id, start)
    if not viewer.can_manage:
        raise Http404
    find_meeting(series, original)  # refuses a time the schedule does not give
    occurrence = occurrence_at(series, original)
    entry = place_lists(viewer=viewer, occurrences=[occurrence]).get((series.pk, original.astimezone(UTC)))

    def people(rows, waiting):
        return [{"id": p.pk, "person": str(p.user.public_id), "name": p.shown_name, "status": p.status,
                 "waiting_position": index if waiting else None, "since": p.created_at}
                for index, p in enumerate(rows, start=1)]

    return {"series_id": series.pk, "occurrence_start": original.astimezone(UTC), "meeting_status": occurrence.status,
            "capacity": series.capacity, "places_left": entry.left if entry else None,
            "booked": people(entry.booked_places, False) if entry else [],
            "waiting": people(entry.waiting_places, True) if entry else []}


@router.delete("/groups/{slug}/meetings/{series_id}/{start}/places/{place_id}",
               response={200: Message, 400: Message, 404: Message},
               summary="Remove someone's place or turn on the waiting list (facilitators)")
def place_remove(request, slug: str, series_id: int, start: str, place_id: int):
    group, viewer, series, original = _meeting(request, slug, series_id, start)
    if not viewer.can_manage:
        raise Http404
    place = get_object_or_404(MeetingPlace, pk=place_id, series=series, occurrence_start=original.astimezone(UTC))
    meeting_place_remove(actor=request.auth, place=place)
    return {"detail": "Removed. If someone was waiting, the place went to them."}


@router.get("/groups/{slug}/attendance", response={200: list[AttendanceOut], 404: Message},
            summary="How many came to each meeting (facilitators)")
def attendance(request, slug: str, since: datetime | None = None):
    group, viewer = _managed(request, slug)
    return attendance_counts(group=group, since=since)


@router.post("/groups/{slug}/corrections", response={201: CorrectionOut, 400: Message, 404: Message},
             auth=OPTIONAL_AUTH,
             summary="Suggest a correction to a group's listing (anyone, signed in or not; a few an hour)")
def correction_suggest(request, slug: str, payload: CorrectionIn):
    group, viewer = group_for_viewer(slug=slug, user=request.auth)
    correction = listing_correction_suggest(user_or_none=request.auth, group=group, kind=payload.kind,
                                            text=payload.text, contact_email=payload.contact_email,
                                            honeypot=payload.website)
    return Status(201, correction)


@router.get("/groups/{slug}/corrections", response={200: list[QueuedCorrectionOut], 404: Message},
            summary="Suggested corrections to review, open ones first (facilitators)")
@paginate(LimitOffsetPagination)
def corrections(request, slug: str, status: str = ""):
    group, viewer = _managed(request, slug)
    queue = group_corrections(group=group, viewer=viewer)
    if status:
        queue = queue.filter(status=status)
    return _NamedPage(request.auth, queue, viewer)


class _NamedPage:
    """A queryset that the paginator slices; each slice gets its suggesters' names in one query."""

    def __init__(self, user, queryset, viewer):
        self.user, self.queryset, self.viewer = user, queryset, viewer

    def count(self):
        return self.queryset.count()

    def __len__(self):
        return self.count()

    def __getitem__(self, window):
        return with_suggester_names(user=self.user, corrections=self.queryset[window], viewer=self.viewer)


@router.post("/groups/{slug}/corrections/{correction_id}/resolve",
             response={200: QueuedCorrectionOut, 400: Message, 404: Message},
             summary="Mark a suggestion done or dismissed, with an optional reply; optionally confirm the details")
def correction_resolve(request, slug: str, correction_id: int, payload: ResolveIn):
    group, viewer = _managed(request, slug)
    correction = correction_for_viewer(group=group, viewer=viewer, correction_id=correction_id)
    correction = listing_correction_resolve(actor=request.auth, correction=correction, outcome=payload.outcome,
                                            note=payload.note, confirm_details=payload.confirm_details)
    return with_suggester_names(user=request.auth, corrections=[correction], viewer=viewer)[0]


@router.get("/me/corrections", response=list[CorrectionOut], summary="Corrections I suggested, and their outcome")
@paginate(LimitOffsetPagination)
def my_correction_list(request):
    return my_corrections(user=request.auth)


@router.get("/me/groups", response=list[MembershipOut], summary="My groups and open requests")
def my_groups(request):
    from peercircle.groups.selectors import my_memberships

    return [{"group": m.group.slug, "role": m.role, "status": m.status}
            for m in my_memberships(user=request.auth) if m.status in (MembershipStatus.ACTIVE,
                                                                         MembershipStatus.REQUESTED)]
