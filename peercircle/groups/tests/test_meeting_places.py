"""Places at meetings with a capacity, through the pages: members book a place or join the
waiting list, giving a place up passes it to the first person waiting, facilitators see the
lists and can remove a place. Meetings are placed around now, as in the attendance tests."""

from datetime import UTC, datetime, timedelta
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.db import connection
from django.db.models import QuerySet
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from peercircle.accounts.tests.factories import UserFactory
from peercircle.core.models import AuditEntry
from peercircle.core.tests.helpers import signed_in, text
from peercircle.groups.models import MeetingPlace, MeetingSeries
from peercircle.groups.services import meeting_place_book, meeting_place_cancel
from peercircle.groups.tests.factories import (
    GroupMembershipFactory,
    MeetingSeriesFactory,
    SupportGroupFactory,
)

pytestmark = pytest.mark.django_db
MANAGE = "/groups/circle/manage/"


@pytest.fixture
def circle(facilitator, member):
    group = SupportGroupFactory(name="Manchester grief circle", slug="circle", facilitator=facilitator)
    GroupMembershipFactory(group=group, user=member)
    return group


def workshop(group, *, capacity=2, starts_in=timedelta(days=2), minutes=90):
    """A one-off workshop about `starts_in` from now (to the minute), and its original start in UTC."""
    local = (timezone.now() + starts_in).astimezone(ZoneInfo(group.timezone)).replace(second=0, microsecond=0)
    series = MeetingSeriesFactory(group=group, rrule="", title="Writing workshop", start_date=local.date(),
                                  start_time=local.time(), duration_minutes=minutes, capacity=capacity)
    return series, local.astimezone(UTC)


def key(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def newcomer(group, name):
    """Another active member of the group, signed in."""
    user = UserFactory(profile__display_name=name)
    GroupMembershipFactory(group=group, user=user)
    return user, signed_in(user)


def place(client, series, start, action="book", **headers):
    return client.post(f"/groups/circle/meetings/{series.pk}/place/",
                       {"occurrence_start": key(start), "action": action}, follow=not headers, headers=headers)


def statuses(series):
    return [(p.user.profile.display_name, p.status) for p in
            MeetingPlace.objects.current().filter(series=series).select_related("user__profile")
            .order_by("created_at", "pk")]


# --- Booking and the waiting list --------------------------------------------------------------------

def test_members_book_up_to_capacity_then_join_the_waiting_list_in_order(circle, member, member_client):
    series, start = workshop(circle, capacity=2)
    assert "2 of 2 places left" in text(member_client.get("/groups/circle/"))

    booked = place(member_client, series, start)
    assert "You have a place. See you there!" in text(booked)
    page = text(member_client.get("/groups/circle/"))
    assert "1 of 2 places left" in page and "You have a place" in page and "Give up my place" in page

    _ben, ben_client = newcomer(circle, "Ben")
    place(ben_client, series, start)
    _cleo, cleo_client = newcomer(circle, "Cleo")
    assert "Full — you can join the waiting list" in text(cleo_client.get("/groups/circle/"))
    cleo_waits = place(cleo_client, series, start)
    _dev, dev_client = newcomer(circle, "Dev")
    dev_waits = place(dev_client, series, start)

    assert "you're on the waiting list: you're 1st" in text(cleo_waits)
    assert "you're on the waiting list: you're 2nd" in text(dev_waits)
    assert statuses(series) == [("Mara", "booked"), ("Ben", "booked"), ("Cleo", "waiting"), ("Dev", "waiting")]
    assert "You're 2nd on the waiting list" in text(dev_client.get("/groups/circle/"))
    _eve, eve_client = newcomer(circle, "Eve")
    assert "Full — you can join the waiting list (2 waiting)" in text(eve_client.get("/groups/circle/"))
    assert "Join the waiting list" in text(eve_client.get("/groups/circle/"))
    assert list(AuditEntry.objects.filter(action__startswith="meeting_place.").values_list("action", flat=True)
                .order_by("pk")) == ["meeting_place.book", "meeting_place.book", "meeting_place.wait",
                                     "meeting_place.wait"]

    # Asking twice keeps the person where they are.
    assert "You already have a place" in text(place(member_client, series, start))
    assert MeetingPlace.objects.filter(series=series).count() == 4


def test_giving_up_a_place_passes_it_to_the_first_person_waiting(circle, member, member_client):
    series, start = workshop(circle, capacity=1)
    place(member_client, series, start)
    ben, ben_client = newcomer(circle, "Ben")
    place(ben_client, series, start)
    _cleo, cleo_client = newcomer(circle, "Cleo")
    place(cleo_client, series, start)

    response = place(member_client, series, start, "cancel")

    assert "You've given up your place" in text(response)
    assert statuses(series) == [("Ben", "booked"), ("Cleo", "waiting")]
    assert "You have a place" in text(ben_client.get("/groups/circle/"))
    assert "You're 1st on the waiting list" in text(cleo_client.get("/groups/circle/"))
    promoted = AuditEntry.objects.get(action="meeting_place.promote")
    assert promoted.subject == ben and promoted.actor is None
    assert MeetingPlace.objects.get(user=member).status == "cancelled"

    # Leaving the waiting list promotes nobody; booking again goes to the back of the queue.
    assert "You've left the waiting list" in text(place(cleo_client, series, start, "cancel"))
    place(member_client, series, start)
    assert statuses(series) == [("Ben", "booked"), ("Mara", "waiting")]
    assert AuditEntry.objects.filter(action="meeting_place.promote").count() == 1


def test_htmx_swaps_the_places_box_in_place(circle, member_client):
    series, start = workshop(circle, capacity=3)

    response = place(member_client, series, start, HX_Request="true")

    body = text(response)
    assert response.status_code == 200 and "<html" not in body
    assert 'class="meeting-place"' in body and "You have a place. See you there!" in body
    assert "2 of 3 places left" in body and "Give up my place" in body
    refused = text(place(member_client, series, start + timedelta(minutes=1), HX_Request="true"))
    assert "There is no meeting at that time" in refused


def test_two_give_ups_in_a_row_promote_each_person_waiting_once(circle, member, member_client):
    series, start = workshop(circle, capacity=2)
    _ben, ben_client = newcomer(circle, "Ben")
    for client in (member_client, ben_client):
        place(client, series, start)
    waiting = [newcomer(circle, name) for name in ("Cleo", "Dev", "Eve")]
    for _user, client in waiting:
        place(client, series, start)

    place(member_client, series, start, "cancel")
    place(ben_client, series, start, "cancel")
    again = place(ben_client, series, start, "cancel")

    assert "You don't have a place at that meeting" in text(again)
    assert statuses(series) == [("Cleo", "booked"), ("Dev", "booked"), ("Eve", "waiting")]
    assert AuditEntry.objects.filter(action="meeting_place.promote").count() == 2


def test_booking_and_giving_up_lock_the_series_row_first(circle, member):
    """Two bookings or give-ups of one meeting at once are taken one after the other: each
    locks the series row before reading the places (PostgreSQL: SELECT … FOR UPDATE; SQLite,
    which has no row locks, opens every transaction IMMEDIATE, serializing writers)."""
    series, start = workshop(circle, capacity=1)
    locked = []
    original = QuerySet.select_for_update

    def spy(queryset, *args, **kwargs):
        locked.append(queryset.model)
        return original(queryset, *args, **kwargs)

    with mock.patch.object(QuerySet, "select_for_update", autospec=True, side_effect=spy), \
            CaptureQueriesContext(connection) as captured:
        meeting_place_book(user=member, series=series, occurrence_start=start)
        meeting_place_cancel(user=member, series=series, occurrence_start=start)

    assert locked == [MeetingSeries, MeetingSeries]
    first_series_read = next(q["sql"] for q in captured.captured_queries if '"groups_meetingseries"' in q["sql"])
    if connection.features.has_select_for_update:
        assert "FOR UPDATE" in first_series_read
    else:
        assert settings.DATABASES["default"]["OPTIONS"]["transaction_mode"] == "IMMEDIATE"


# --- Refused, kindly ------------------------------------------------------------------------------

def test_someone_outside_the_group_sees_the_places_but_cannot_book(circle, other_member_client):
    series, start = workshop(circle)

    page = text(other_member_client.get("/groups/circle/"))
    assert "2 of 2 places left" in page and "Members of the group can book a place" in page
    assert "Book a place" not in page
    assert "Only members of the group can book a place" in text(place(other_member_client, series, start))
    assert "Book a place" not in text(Client().get("/groups/circle/"))
    assert Client().post(f"/groups/circle/meetings/{series.pk}/place/",
                         {"occurrence_start": key(start), "action": "book"}).status_code == 302
    assert not MeetingPlace.objects.exists()


def test_a_cancelled_meeting_refuses_bookings_and_keeps_its_places(circle, member_client, facilitator_client):
    series, start = workshop(circle, capacity=3)
    place(member_client, series, start)
    _ben, ben_client = newcomer(circle, "Ben")

    facilitator_client.post("/groups/circle/manage/occurrences/cancel/",
                            {"series": series.pk, "original_start": key(start), "note": "The room flooded"})

    assert "That meeting was cancelled, so places can't be booked" in text(place(ben_client, series, start))
    assert statuses(series) == [("Mara", "booked")]
    page = text(member_client.get("/groups/circle/"))
    assert "You had a place at this meeting. It is cancelled" in page and "Give up my place" not in page
    manage = text(facilitator_client.get(MANAGE))
    assert "This meeting is cancelled. The list is kept as it was." in manage and "Mara" in manage


def test_a_past_meeting_cannot_be_booked_or_given_up(circle, member, member_client):
    series, start = workshop(circle, starts_in=-timedelta(hours=3))
    MeetingPlace.objects.create(series=series, occurrence_start=start, user=member, status="booked")

    _ben, ben_client = newcomer(circle, "Ben")
    assert "That meeting has already ended" in text(place(ben_client, series, start))
    assert "That meeting has ended, so its places can no longer be changed" in text(
        place(member_client, series, start, "cancel"))
    assert statuses(series) == [("Mara", "booked")]


def test_a_meeting_under_way_can_still_be_booked(circle, member_client):
    series, start = workshop(circle, starts_in=-timedelta(minutes=20))

    assert "You have a place" in text(place(member_client, series, start))


def test_ended_schedules_paused_groups_and_meetings_without_places_refuse_kindly(circle, member_client):
    ended, ended_start = workshop(circle)
    ended.is_active = False
    ended.save(update_fields=["is_active"])
    open_door, open_start = workshop(circle, capacity=None, starts_in=timedelta(days=3))

    assert "That meeting is no longer on the schedule" in text(place(member_client, ended, ended_start))
    assert "there is no need to book" in text(place(member_client, open_door, open_start))
    page = text(member_client.get("/groups/circle/"))
    assert "places left" not in page and "Book a place" not in page  # no capacity: as before

    paused, paused_start = workshop(circle, starts_in=timedelta(days=4))
    circle.status = "temporarily_closed"
    circle.save(update_fields=["status"])
    assert "The group is not meeting at the moment" in text(place(member_client, paused, paused_start))
    assert "Book a place" not in text(member_client.get("/groups/circle/"))
    assert not MeetingPlace.objects.exists()


def test_a_time_that_is_not_a_meeting_or_a_bad_request_is_refused(circle, member_client):
    series, start = workshop(circle)

    assert "There is no meeting at that time" in text(place(member_client, series, start + timedelta(hours=1)))
    assert "That meeting could not be found" in text(place(member_client, series, start, "steal"))
    assert "That meeting could not be found" in text(member_client.post(
        f"/groups/circle/meetings/{series.pk}/place/", {"occurrence_start": "soon", "action": "book"}, follow=True))
    assert not MeetingPlace.objects.exists()


# --- Capacity changes and moves ----------------------------------------------------------------------

def test_lowering_the_capacity_removes_nobody_and_raising_it_promotes_those_waiting(
        circle, member_client, facilitator_client):
    series, start = workshop(circle, capacity=3)
    clients = [member_client] + [newcomer(circle, name)[1] for name in ("Ben", "Cleo")]
    for client in clients:
        place(client, series, start)

    lowered = facilitator_client.post(f"/groups/circle/manage/meetings/{series.pk}/places/", {"capacity": "2"},
                                      follow=True)

    assert "Nobody who has a place loses it" in text(lowered)
    assert [s for _name, s in statuses(series)] == ["booked", "booked", "booked"]
    _dev, dev_client = newcomer(circle, "Dev")
    assert "Full — you can join the waiting list" in text(dev_client.get("/groups/circle/"))
    place(dev_client, series, start)
    assert statuses(series)[-1] == ("Dev", "waiting")
    assert "3 of 2 places taken, 1 waiting" in text(facilitator_client.get(MANAGE))

    place(member_client, series, start, "cancel")  # back to two booked: still full, Dev waits
    assert statuses(series)[-1] == ("Dev", "waiting")

    facilitator_client.post(f"/groups/circle/manage/meetings/{series.pk}/places/", {"capacity": "4"})
    assert statuses(series)[-1] == ("Dev", "booked")
    facilitator_client.post(f"/groups/circle/manage/meetings/{series.pk}/places/", {"capacity": ""})
    series.refresh_from_db()
    assert series.capacity is None
    bad = facilitator_client.post(f"/groups/circle/manage/meetings/{series.pk}/places/", {"capacity": "0"},
                                  follow=True)
    assert "between 1 and 10,000 places" in text(bad)


def test_a_moved_meeting_keeps_its_places(circle, member_client, facilitator_client):
    series = MeetingSeriesFactory(group=circle, capacity=1)
    from peercircle.groups.selectors import upcoming_occurrences

    first = upcoming_occurrences(circle, timezone.now())[0]
    place(member_client, series, first.original_start)
    _ben, ben_client = newcomer(circle, "Ben")
    place(ben_client, series, first.original_start)
    moved_to = first.start + timedelta(days=1)

    facilitator_client.post("/groups/circle/manage/occurrences/move/", {
        "series": series.pk, "original_start": first.key, "note": "",
        "new_date": moved_to.strftime("%Y-%m-%d"), "new_time": "18:00"})

    page = text(member_client.get("/groups/circle/"))
    assert "Moved from" in page and "You have a place" in page
    assert "You're 1st on the waiting list" in text(ben_client.get("/groups/circle/"))
    place(member_client, series, first.original_start, "cancel")
    assert statuses(series) == [("Ben", "booked")]


def test_the_schedule_form_sets_places_per_meeting(circle, facilitator_client):
    response = facilitator_client.post("/groups/circle/manage/meetings/", {
        "schedule-title": "Workshop", "schedule-pattern": "once", "schedule-weekday": "", "schedule-nth": "1",
        "schedule-start_date": (timezone.now() + timedelta(days=5)).strftime("%Y-%m-%d"),
        "schedule-start_time": "18:00", "schedule-duration_minutes": "120", "schedule-until": "",
        "schedule-online_url": "", "schedule-capacity": "12"})

    assert response.status_code == 302
    assert MeetingSeries.objects.get(group=circle).capacity == 12
    page = text(facilitator_client.get(MANAGE))
    assert "12 places per meeting" in page and "0 of 12 places taken, 0 waiting" in page


# --- Facilitators' lists -----------------------------------------------------------------------------

def test_facilitators_see_who_has_a_place_and_remove_one(circle, member, member_client, facilitator_client):
    series, start = workshop(circle, capacity=1)
    place(member_client, series, start)
    ben, ben_client = newcomer(circle, "Ben")
    place(ben_client, series, start)

    manage = text(facilitator_client.get(MANAGE))
    assert "Have a place" in manage and "Waiting list, in order" in manage
    assert manage.index("Mara") < manage.index("Ben")

    mara_place = MeetingPlace.objects.get(user=member)
    response = facilitator_client.post(f"/groups/circle/manage/places/{mara_place.pk}/remove/", follow=True)

    assert "Their place is removed" in text(response)
    assert statuses(series) == [("Ben", "booked")]
    removal = AuditEntry.objects.get(action="meeting_place.remove")
    assert removal.subject == member and removal.is_staff_action
    assert "Full — you can join the waiting list" in text(member_client.get("/groups/circle/"))


def test_only_those_who_manage_the_group_see_or_remove_places(circle, member, member_client, other_member_client):
    series, start = workshop(circle)
    place(member_client, series, start)
    mara_place = MeetingPlace.objects.get(user=member)

    for client in (member_client, other_member_client):
        assert client.post(f"/groups/circle/manage/places/{mara_place.pk}/remove/").status_code == 404
        assert client.post(f"/groups/circle/manage/meetings/{series.pk}/places/", {"capacity": "9"}).status_code == 404
    assert "Have a place" not in text(member_client.get("/groups/circle/"))
    assert statuses(series) == [("Mara", "booked")]


def test_names_on_the_lists_are_only_those_people_share(circle, facilitator_client):
    from peercircle.accounts.models import Profile

    series, start = workshop(circle)
    quiet, quiet_client = newcomer(circle, "Quinn Private")
    Profile.objects.filter(user=quiet).update(display_name_visibility="private")
    place(quiet_client, series, start)

    manage = text(facilitator_client.get(MANAGE))

    assert "Quinn Private" not in manage and "A member" in manage


def test_the_register_lists_those_with_a_place_first(circle, facilitator, member, facilitator_client):
    series, start = workshop(circle, starts_in=-timedelta(hours=3), capacity=5)
    late, _late_client = newcomer(circle, "Zed")
    for person in (late, facilitator):
        MeetingPlace.objects.create(series=series, occurrence_start=start, user=person, status="booked")

    page = facilitator_client.get(MANAGE).content.decode()
    register = page[page.index("Who was there?"):]

    assert register.index("Zed") < register.index("Fen") < register.index("Mara")
    assert register.count("(had a place)") == 2


# --- Leaving, and the group page's cost ------------------------------------------------------------

def test_leaving_the_group_gives_the_place_to_the_next_person(circle, member, member_client):
    series, start = workshop(circle, capacity=1)
    place(member_client, series, start)
    _ben, ben_client = newcomer(circle, "Ben")
    place(ben_client, series, start)

    member_client.post("/groups/circle/leave/")

    assert statuses(series) == [("Ben", "booked")]
    assert AuditEntry.objects.filter(action="meeting_place.release", subject=member).exists()


def test_a_removed_member_loses_their_places(circle, member, member_client, facilitator_client):
    from peercircle.groups.models import GroupMembership

    series, start = workshop(circle, capacity=1)
    place(member_client, series, start)
    membership = GroupMembership.objects.get(user=member, group=circle)

    facilitator_client.post(f"/groups/circle/manage/members/{membership.pk}/remove/", {"reason": "Asked to go."})

    assert statuses(series) == []


def test_the_group_page_takes_the_same_queries_for_many_meetings_with_places(
        circle, member, member_client, django_assert_max_num_queries):
    from peercircle.groups.selectors import upcoming_occurrences

    def add_schedules(count):
        others = [newcomer(circle, f"Person {n}")[0] for n in range(3)]
        for n in range(count):
            series = MeetingSeriesFactory(group=circle, capacity=2, title=f"Meeting {n}",
                                          rrule=f"FREQ=WEEKLY;BYDAY={('MO', 'TU', 'WE', 'TH', 'FR')[n % 5]}")
            for o in upcoming_occurrences(series, timezone.now())[:3]:
                for person in (member, *others):
                    meeting_place_book(user=person, series=series, occurrence_start=o.original_start)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            response = member_client.get("/groups/circle/")
        assert response.status_code == 200
        return len(captured), text(response)

    add_schedules(1)
    queries()  # the first request fills caches
    few, few_page = queries()
    add_schedules(8)
    many, many_page = queries()

    assert few == many
    assert "You have a place" in many_page and "Full (2 waiting)" in many_page
    with django_assert_max_num_queries(many):
        member_client.get("/groups/circle/")


@pytest.mark.parametrize("path", ["/groups/circle/", MANAGE])
def test_pages_with_places_are_well_formed(path, circle, member, facilitator):
    from peercircle.core.tests.test_pages import assert_is_a_well_formed_page

    series, start = workshop(circle, capacity=1)
    meeting_place_book(user=facilitator, series=series, occurrence_start=start)
    meeting_place_book(user=member, series=series, occurrence_start=start)

    assert_is_a_well_formed_page(signed_in(facilitator).get(path))
    assert_is_a_well_formed_page(signed_in(member).get(path.replace("manage/", "")))
