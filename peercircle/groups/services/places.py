"""Places at meetings that have a capacity. A member books a place, or joins the waiting list
when the meeting is full; giving a place up passes it to the first person waiting. Meetings
without a capacity need no booking at all.

A meeting is named by its series and original start (UTC), like attendance, so a moved
meeting keeps its places and a cancelled one keeps them (shown as a cancelled meeting).

Every write locks the series row first (select_for_update), so two bookings or give-ups of
one meeting at the same moment are taken one after the other: nobody is overbooked and nobody
is promoted twice. On SQLite, where select_for_update does nothing, every transaction is
opened IMMEDIATE (see the settings), which serializes writers the same way."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from peercircle.core.audit import audit_record
from peercircle.groups.access import GroupViewer
from peercircle.groups.models import (
    ExceptionKind,
    GroupStatus,
    MeetingException,
    MeetingPlace,
    MeetingSeries,
    PlaceStatus,
    SupportGroup,
)
from peercircle.groups.services.attendance import find_meeting, original_start_utc
from peercircle.groups.services.groups import GroupError, _require_manager


@dataclass(frozen=True)
class Booking:
    """What booking gave: a place, or a turn on the waiting list (`position`, 1 = next)."""

    place: MeetingPlace
    created: bool
    position: int | None

    @property
    def has_place(self) -> bool:
        return self.place.status == PlaceStatus.BOOKED


def _lock(series: MeetingSeries) -> MeetingSeries:
    """The series row, locked until the transaction ends, with its current capacity."""
    locked = MeetingSeries.objects.select_for_update().get(pk=series.pk)
    locked.group = series.group if MeetingSeries.group.is_cached(series) else SupportGroup.objects.get(
        pk=locked.group_id)
    return locked


def _lock_all(series_ids) -> list[MeetingSeries]:
    """Several series rows, locked in id order (the same order everywhere: no deadlock)."""
    return list(MeetingSeries.objects.select_for_update(of=("self",)).filter(pk__in=series_ids).order_by("pk")
                .select_related("group"))


def _places(series: MeetingSeries, original: datetime):
    return MeetingPlace.objects.filter(series=series, occurrence_start=original)


def waiting_position(place: MeetingPlace) -> int | None:
    """1 for the first person waiting; None for someone with a place (or none at all)."""
    if place.status != PlaceStatus.WAITING:
        return None
    ahead = Q(created_at__lt=place.created_at) | Q(created_at=place.created_at, pk__lt=place.pk)
    return _places(place.series_id, place.occurrence_start).filter(ahead, status=PlaceStatus.WAITING).count() + 1


def _audit(place: MeetingPlace, *, actor, action: str, series: MeetingSeries, **data) -> None:
    group = series.group
    audit_record(actor=actor, action=action, target=place, subject=place.user, organization=group.organization,
                 data={"group": group.slug, "series": series.pk,
                       "occurrence_start": place.occurrence_start.isoformat(), **data})


def _promoted(place: MeetingPlace, series: MeetingSeries) -> None:
    """Someone who was waiting has just been given a place: record it and tell them."""
    from peercircle.groups import notices

    _audit(place, actor=None, action="meeting_place.promote", series=series)
    notices.place_given(place=place, series=series)


def _fill_free_places(series: MeetingSeries, original: datetime) -> list[MeetingPlace]:
    """Give the free places of one meeting to the people waiting, first come first served.
    The caller holds the series lock."""
    current = list(_places(series, original).current().select_related("user").order_by("created_at", "pk"))
    booked = sum(1 for place in current if place.status == PlaceStatus.BOOKED)
    free = None if series.capacity is None else series.capacity - booked
    promoted = []
    now = timezone.now()
    for place in current:
        if place.status != PlaceStatus.WAITING:
            continue
        if free is not None and free <= 0:
            break
        place.status, place.promoted_at = PlaceStatus.BOOKED, now
        place.save(update_fields=["status", "promoted_at"])
        _promoted(place, series)
        promoted.append(place)
        if free is not None:
            free -= 1
    return promoted


def _meeting_state(series: MeetingSeries, original: datetime) -> tuple[datetime, bool]:
    """When one meeting ends and whether it is cancelled, without checking the schedule (a
    place already held is given up even if the schedule changed since)."""
    exception = MeetingException.objects.filter(series=series, original_start=original).first()
    start = exception.new_start if exception is not None and exception.new_start else original
    cancelled = exception is not None and exception.kind == ExceptionKind.CANCELLED
    return start + timedelta(minutes=series.duration_minutes), cancelled


@transaction.atomic
def meeting_place_book(*, user, series: MeetingSeries, occurrence_start: datetime) -> Booking:
    """Book a place at one meeting of a series with a capacity, or join its waiting list when
    it is full. Asking again answers with what the person already has."""
    series = _lock(series)
    group = series.group
    if not GroupViewer(user, group).is_member:
        raise GroupError(_("Only members of the group can book a place at its meetings. Join the group first."))
    if not series.is_active:
        raise GroupError(_("That meeting is no longer on the schedule."))
    if group.status != GroupStatus.ACTIVE:
        raise GroupError(_("The group is not meeting at the moment, so places can't be booked."))
    if series.capacity is None:
        raise GroupError(_("Everyone is welcome at this meeting, so there is no need to book. Just come along."))
    times, cancelled = find_meeting(series, occurrence_start)
    if cancelled:
        raise GroupError(_("That meeting was cancelled, so places can't be booked. Have a look at the "
                           "group's next meetings."))
    if timezone.now() >= times.end:
        raise GroupError(_("That meeting has already ended, so places can't be booked any more."))
    existing = _places(series, times.original_start).current().filter(user=user).first()
    if existing is not None:
        return Booking(existing, False, waiting_position(existing))
    # Anyone already waiting goes first (the capacity may have been raised since).
    _fill_free_places(series, times.original_start)
    booked = _places(series, times.original_start).filter(status=PlaceStatus.BOOKED).count()
    status = PlaceStatus.BOOKED if booked < series.capacity else PlaceStatus.WAITING
    place = MeetingPlace.objects.create(series=series, occurrence_start=times.original_start, user=user,
                                        status=status)
    action = "meeting_place.book" if status == PlaceStatus.BOOKED else "meeting_place.wait"
    _audit(place, actor=user, action=action, series=series)
    return Booking(place, True, waiting_position(place))


def _give_up(place: MeetingPlace, *, actor, series: MeetingSeries, action: str) -> MeetingPlace:
    end, cancelled = _meeting_state(series, place.occurrence_start)
    if timezone.now() >= end:
        raise GroupError(_("That meeting has ended, so its places can no longer be changed."))
    had_place = place.status == PlaceStatus.BOOKED
    place.status, place.ended_at, place.ended_by = PlaceStatus.CANCELLED, timezone.now(), actor
    place.save(update_fields=["status", "ended_at", "ended_by"])
    _audit(place, actor=actor, action=action, series=series, had_place=had_place)
    # A cancelled meeting keeps its list as it was: nobody is told they have a place at it.
    if had_place and not cancelled:
        _fill_free_places(series, place.occurrence_start)
    return place


@transaction.atomic
def meeting_place_cancel(*, user, series: MeetingSeries, occurrence_start: datetime) -> MeetingPlace:
    """Give up one's place (the first person waiting gets it) or leave the waiting list."""
    series = _lock(series)
    original = original_start_utc(occurrence_start)
    place = _places(series, original).current().filter(user=user).first()
    if place is None:
        raise GroupError(_("You don't have a place at that meeting, so there is nothing to give up."))
    return _give_up(place, actor=user, series=series, action="meeting_place.cancel")


@transaction.atomic
def meeting_place_remove(*, actor, place: MeetingPlace) -> MeetingPlace:
    """A facilitator takes someone's place (or turn on the waiting list) away."""
    series = _lock(place.series)
    _require_manager(actor, series.group)
    place = MeetingPlace.objects.select_related("user").get(pk=place.pk)
    if place.status == PlaceStatus.CANCELLED:
        raise GroupError(_("That place was already given up."))
    return _give_up(place, actor=actor, series=series, action="meeting_place.remove")


@transaction.atomic
def places_refill(*, series: MeetingSeries, original_start: datetime | None = None) -> None:
    """After the capacity went up (or was taken away) or a meeting was moved back onto the
    schedule: give free places to those waiting, in meetings that have not ended. Lowering
    the capacity removes nobody; it only stops new bookings until places free up."""
    series = _lock(series)
    waiting = MeetingPlace.objects.filter(series=series, status=PlaceStatus.WAITING)
    if original_start is not None:
        waiting = waiting.filter(occurrence_start=original_start)
    now = timezone.now()
    for original in sorted(set(waiting.values_list("occurrence_start", flat=True))):
        end, cancelled = _meeting_state(series, original)
        if end > now and not cancelled:
            _fill_free_places(series, original)


@transaction.atomic
def places_release(*, user, group: SupportGroup, actor) -> int:
    """Someone left the group or was removed: their places and turns in meetings that have not
    ended go to the people waiting. Returns how many were released."""
    series_ids = set(MeetingPlace.objects.current().filter(user=user, series__group=group)
                     .values_list("series_id", flat=True))
    locked = _lock_all(series_ids)
    # Read again under the locks: someone waiting may have been given a place meanwhile.
    places = list(MeetingPlace.objects.current().filter(user=user, series_id__in=series_ids)
                  .select_related("user").order_by("series_id", "occurrence_start"))
    released = 0
    for series in locked:
        for place in (p for p in places if p.series_id == series.pk):
            end, _cancelled = _meeting_state(series, place.occurrence_start)
            if end > timezone.now():
                _give_up(place, actor=actor, series=series, action="meeting_place.release")
                released += 1
    return released


@transaction.atomic
def places_forget(*, user) -> None:
    """Account erasure: the person's places go, and a place they held at a meeting still to
    come passes to the first person waiting (no entry about them is added to the log)."""
    held = {(p.series_id, p.occurrence_start) for p in MeetingPlace.objects.filter(user=user, status=PlaceStatus.BOOKED)}
    MeetingPlace.objects.filter(user=user).delete()
    MeetingPlace.objects.filter(ended_by=user).update(ended_by=None)
    now = timezone.now()
    for series in _lock_all({series_id for series_id, _start in held}):
        for original in sorted(start for series_id, start in held if series_id == series.pk):
            end, cancelled = _meeting_state(series, original)
            if end > now and not cancelled:
                _fill_free_places(series, original)
