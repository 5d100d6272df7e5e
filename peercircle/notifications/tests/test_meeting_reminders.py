"""Meeting reminders: at the right local time across a clock change, never for a cancelled
meeting, at the new time for a moved one, once however often the dispatcher runs, and only
for people who want them — by email too, in their language, when they want email."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from peercircle.groups.models import GroupMembership, MeetingPlace, MeetingSeries, SupportGroup
from peercircle.groups.tests.factories import (
    GroupMembershipFactory,
    MeetingExceptionFactory,
    MeetingSeriesFactory,
    SupportGroupFactory,
)
from peercircle.notifications import tasks
from peercircle.notifications.models import ClockMark, Notification
from peercircle.notifications.reminders import meeting_reminders_dispatch
from peercircle.notifications.tests.factories import NotificationPreferencesFactory

pytestmark = pytest.mark.django_db

# Europe/London moves to summer time on Sunday 30 March 2025. The group meets on Tuesdays at
# 19:00 London time: 19:00 UTC on 25 March, 18:00 UTC on 1 April.
BEFORE_CHANGE = datetime(2025, 3, 25, 19, 0, tzinfo=UTC)
AFTER_CHANGE = datetime(2025, 4, 1, 18, 0, tzinfo=UTC)


@pytest.fixture
def circle(facilitator):
    return SupportGroupFactory(name="Harbour grief circle", slug="circle", facilitator=facilitator)


@pytest.fixture
def weekly(circle):
    return MeetingSeriesFactory(group=circle, title="Tuesday evening")


@pytest.fixture
def mara(member, circle):
    member.profile.timezone = "Europe/London"
    member.profile.save()
    GroupMembershipFactory(group=circle, user=member)
    return member


def notes(user):
    return list(Notification.objects.filter(recipient=user).order_by("created_at", "pk"))


def test_the_day_before_reminder_goes_at_the_right_local_time_on_both_sides_of_the_clock_change(mara, weekly):
    meeting_reminders_dispatch(now=BEFORE_CHANGE - timedelta(days=1, minutes=2))
    assert notes(mara) == []
    meeting_reminders_dispatch(now=BEFORE_CHANGE - timedelta(days=1))
    assert len(notes(mara)) == 1

    # A week later the meeting is at 18:00 UTC: an hour sooner than a UTC clock would think.
    meeting_reminders_dispatch(now=AFTER_CHANGE - timedelta(days=1, minutes=2))
    assert len(notes(mara)) == 1
    meeting_reminders_dispatch(now=AFTER_CHANGE - timedelta(days=1))
    first, second = notes(mara)

    for note in (first, second):
        assert note.kind == "meeting_reminder" and note.url == "/groups/circle/"
        assert note.title == "Meeting reminder: Tuesday evening"
        assert ("Your meeting “Tuesday evening” (Harbour grief circle) starts tomorrow at 19:00 "
                "(Europe/London time).") in note.body
        assert "To turn off meeting reminders" in note.body and "Profile → Notifications" in note.body


def test_the_reminder_tells_the_time_in_the_persons_own_time_zone(circle, weekly, other_member):
    other_member.profile.timezone = "America/New_York"
    other_member.profile.save()
    GroupMembershipFactory(group=circle, user=other_member)

    meeting_reminders_dispatch(now=AFTER_CHANGE - timedelta(days=1))

    (note,) = notes(other_member)
    assert "starts tomorrow at 14:00 (America/New_York time)" in note.body


def test_facilitators_are_reminded_too_and_people_no_longer_in_the_group_are_not(circle, weekly, mara, facilitator):
    gone = [GroupMembershipFactory(group=circle, status=status).user for status in ("left", "removed")]
    asked = GroupMembershipFactory(group=circle, status="requested", joined_at=None).user

    sent = meeting_reminders_dispatch(now=AFTER_CHANGE - timedelta(days=1))

    assert sent == 2
    assert len(notes(facilitator)) == 1 and len(notes(mara)) == 1
    assert all(notes(person) == [] for person in [*gone, asked])


@pytest.mark.parametrize("status", ["ended", "pending_approval", "temporarily_closed"])
def test_groups_that_are_not_meeting_send_no_reminders(circle, weekly, mara, status):
    circle.status = status
    circle.save()

    assert meeting_reminders_dispatch(now=AFTER_CHANGE - timedelta(days=1)) == 0


def test_a_schedule_that_was_removed_sends_no_reminders(weekly, mara):
    weekly.is_active = False
    weekly.save()

    assert meeting_reminders_dispatch(now=AFTER_CHANGE - timedelta(days=1)) == 0


def test_the_two_hour_reminder_says_today(mara, weekly):
    NotificationPreferencesFactory(user=mara, reminder_lead="hours")

    meeting_reminders_dispatch(now=AFTER_CHANGE - timedelta(days=1))
    assert notes(mara) == []
    meeting_reminders_dispatch(now=AFTER_CHANGE - timedelta(hours=2))

    (note,) = notes(mara)
    assert "starts today at 19:00 (Europe/London time)" in note.body


def test_both_reminders_for_people_who_want_both(mara, weekly):
    NotificationPreferencesFactory(user=mara, reminder_lead="both")

    meeting_reminders_dispatch(now=AFTER_CHANGE - timedelta(days=1))
    meeting_reminders_dispatch(now=AFTER_CHANGE - timedelta(hours=2))

    day, hours = notes(mara)
    assert "tomorrow at 19:00" in day.body and "today at 19:00" in hours.body


def test_a_late_clock_still_reminds_once_within_the_grace(mara, weekly):
    # The clock was stopped at the right minute; six hours later "tomorrow" is still true …
    meeting_reminders_dispatch(now=AFTER_CHANGE - timedelta(hours=18))
    meeting_reminders_dispatch(now=AFTER_CHANGE - timedelta(hours=17, minutes=59))

    assert len(notes(mara)) == 1


def test_a_reminder_later_than_the_grace_is_not_sent(mara, weekly):
    # … a minute later it is no longer "a day before".
    assert meeting_reminders_dispatch(now=AFTER_CHANGE - timedelta(hours=17, minutes=59)) == 0


def test_a_cancelled_meeting_sends_no_reminder(mara, weekly):
    MeetingExceptionFactory(series=weekly, original_start=AFTER_CHANGE, kind="cancelled")

    assert meeting_reminders_dispatch(now=AFTER_CHANGE - timedelta(days=1)) == 0
    assert notes(mara) == []


def test_a_moved_meeting_is_reminded_at_its_new_time(mara, weekly):
    new_start = datetime(2025, 4, 2, 18, 30, tzinfo=UTC)  # Wednesday 19:30 in London
    MeetingExceptionFactory(series=weekly, original_start=AFTER_CHANGE, kind="moved", new_start=new_start)

    meeting_reminders_dispatch(now=AFTER_CHANGE - timedelta(days=1))
    assert notes(mara) == []
    meeting_reminders_dispatch(now=new_start - timedelta(days=1))

    (note,) = notes(mara)
    assert "starts tomorrow at 19:30 (Europe/London time)" in note.body
    assert "This meeting has moved from its usual time." in note.body


def test_a_meeting_moved_after_its_reminder_gets_one_with_the_new_time(mara, weekly):
    meeting_reminders_dispatch(now=AFTER_CHANGE - timedelta(days=1))
    MeetingExceptionFactory(series=weekly, original_start=AFTER_CHANGE, kind="moved",
                            new_start=AFTER_CHANGE + timedelta(hours=1))

    meeting_reminders_dispatch(now=AFTER_CHANGE - timedelta(hours=23))

    first, second = notes(mara)
    assert "at 19:00" in first.body and "at 20:00" in second.body


def test_running_the_dispatcher_twice_sends_one_reminder(mara, weekly, django_assert_max_num_queries):
    now = AFTER_CHANGE - timedelta(days=1)
    assert meeting_reminders_dispatch(now=now) == 2  # Mara and the facilitator

    # The second run finds every key already sent: where the last run got to, zones, which
    # series, the series (with exceptions), memberships, one look at the keys, moving the mark.
    with django_assert_max_num_queries(8):
        assert meeting_reminders_dispatch(now=now) == 0
    assert tasks.meeting_reminders_dispatch.call(now=now.isoformat()) == 0
    assert len(notes(mara)) == 1


def test_someone_who_turned_reminders_off_gets_none(mara, weekly):
    NotificationPreferencesFactory(user=mara, meeting_reminders=False)

    meeting_reminders_dispatch(now=AFTER_CHANGE - timedelta(days=1))

    assert notes(mara) == []


@pytest.mark.parametrize("rule, first_day, first_time, meeting", [
    # Monthly on a date: the weekday column cannot describe it, so it is always a candidate.
    ("FREQ=MONTHLY;BYMONTHDAY=1", date(2025, 1, 1), time(19, 0), AFTER_CHANGE),
    # The start time of each meeting comes from BYHOUR, not from the first start.
    ("FREQ=WEEKLY;BYDAY=TU;BYHOUR=19;BYMINUTE=0", date(2025, 1, 7), time(10, 0), AFTER_CHANGE),
    # A one-off meeting.
    ("", date(2025, 4, 1), time(19, 0), AFTER_CHANGE),
    # Every other week, counted from the first date.
    ("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU", date(2025, 3, 18), time(19, 0), AFTER_CHANGE),
])
def test_other_kinds_of_schedule_are_reminded_too(circle, mara, rule, first_day, first_time, meeting):
    MeetingSeriesFactory(group=circle, title="Other", rrule=rule, start_date=first_day, start_time=first_time)

    meeting_reminders_dispatch(now=meeting - timedelta(days=1))

    (note,) = notes(mara)
    assert "starts tomorrow at 19:00" in note.body


def test_meetings_outside_the_window_are_not_reminded(circle, mara):
    MeetingSeriesFactory(group=circle, rrule="FREQ=WEEKLY;INTERVAL=2;BYDAY=TU", start_date=date(2025, 3, 25))
    MeetingSeriesFactory(group=circle, rrule="", start_date=date(2025, 4, 8))
    MeetingSeriesFactory(group=circle, rrule="FREQ=WEEKLY;BYDAY=TU;UNTIL=20250325T235959")

    assert meeting_reminders_dispatch(now=AFTER_CHANGE - timedelta(days=1)) == 0


def test_groups_in_other_time_zones_are_reminded_at_their_own_times(mara):
    madrid = SupportGroupFactory(timezone="Europe/Madrid")
    sydney = SupportGroupFactory(timezone="Australia/Sydney")
    for group in (madrid, sydney):
        GroupMembershipFactory(group=group, user=mara)
        MeetingSeriesFactory(group=group, title=group.timezone)
    # Tuesday 19:00 in Madrid (summer time) is 17:00 UTC; in Sydney (still summer) 08:00 UTC.

    meeting_reminders_dispatch(now=datetime(2025, 3, 31, 17, 0, tzinfo=UTC))
    meeting_reminders_dispatch(now=datetime(2025, 3, 31, 8, 0, tzinfo=UTC))

    assert sorted(n.title for n in notes(mara)) == ["Meeting reminder: Australia/Sydney",
                                                    "Meeting reminder: Europe/Madrid"]


# --- Meetings with places: reminded only with a place, told once when still waiting --------------

@pytest.fixture
def one_place(circle, weekly, mara, other_member):
    """Tuesday evening takes one person: Mara has the place for 1 April, another member waits."""
    weekly.capacity = 1
    weekly.save()
    other_member.profile.timezone = "Europe/London"
    other_member.profile.save()
    GroupMembershipFactory(group=circle, user=other_member)
    MeetingPlace.objects.create(series=weekly, occurrence_start=AFTER_CHANGE, user=mara, status="booked")
    MeetingPlace.objects.create(series=weekly, occurrence_start=AFTER_CHANGE, user=other_member, status="waiting")
    return weekly


def titles(user):
    return [note.title for note in notes(user)]


def test_at_a_meeting_with_places_only_people_with_a_place_and_facilitators_are_reminded(
        one_place, circle, mara, other_member, facilitator):
    without_place = GroupMembershipFactory(group=circle).user
    gave_up = GroupMembershipFactory(group=circle).user
    MeetingPlace.objects.create(series=one_place, occurrence_start=AFTER_CHANGE, user=gave_up, status="cancelled")
    next_week = GroupMembershipFactory(group=circle).user
    MeetingPlace.objects.create(series=one_place, occurrence_start=AFTER_CHANGE + timedelta(days=7),
                                user=next_week, status="booked")

    sent = meeting_reminders_dispatch(now=AFTER_CHANGE - timedelta(days=1))

    assert sent == 3
    assert titles(mara) == ["Meeting reminder: Tuesday evening"]
    assert titles(facilitator) == ["Meeting reminder: Tuesday evening"]  # runs it, with or without a place
    assert titles(other_member) == ["Still on the waiting list: Tuesday evening"]
    (waiting,) = notes(other_member)
    assert ("You are still on the waiting list for “Tuesday evening” (Harbour grief circle), which starts "
            "tomorrow at 19:00 (Europe/London time).") in waiting.body
    assert "please only go if a place opens up for you" in waiting.body
    assert "To turn off meeting reminders" in waiting.body and waiting.url == "/groups/circle/"
    assert all(notes(person) == [] for person in (without_place, gave_up, next_week))


def test_someone_waiting_is_told_once_whatever_reminders_they_chose(one_place, other_member):
    NotificationPreferencesFactory(user=other_member, reminder_lead="both")

    meeting_reminders_dispatch(now=AFTER_CHANGE - timedelta(days=1))
    meeting_reminders_dispatch(now=AFTER_CHANGE - timedelta(hours=2))
    meeting_reminders_dispatch(now=AFTER_CHANGE - timedelta(hours=2))

    assert titles(other_member) == ["Still on the waiting list: Tuesday evening"]


def test_someone_given_a_place_after_being_told_they_wait_gets_the_reminder(one_place, mara, other_member):
    NotificationPreferencesFactory(user=other_member, reminder_lead="both")
    meeting_reminders_dispatch(now=AFTER_CHANGE - timedelta(days=1))
    MeetingPlace.objects.filter(user=mara).update(status="cancelled")
    MeetingPlace.objects.filter(user=other_member).update(status="booked")

    meeting_reminders_dispatch(now=AFTER_CHANGE - timedelta(hours=2))

    waiting, reminder = notes(other_member)
    assert waiting.title == "Still on the waiting list: Tuesday evening"
    assert reminder.title == "Meeting reminder: Tuesday evening" and "starts today at 19:00" in reminder.body


def test_places_follow_a_moved_meeting(one_place, mara, other_member):
    new_start = datetime(2025, 4, 2, 18, 30, tzinfo=UTC)  # Wednesday 19:30 in London
    MeetingExceptionFactory(series=one_place, original_start=AFTER_CHANGE, kind="moved", new_start=new_start)

    meeting_reminders_dispatch(now=new_start - timedelta(days=1))

    (reminder,) = notes(mara)
    assert "starts tomorrow at 19:30" in reminder.body and "has moved" in reminder.body
    (waiting,) = notes(other_member)
    assert "which starts tomorrow at 19:30" in waiting.body and "has moved" in waiting.body


def test_a_spanish_speaker_waiting_is_told_in_spanish(one_place, other_member):
    other_member.language = "es"
    other_member.save()

    meeting_reminders_dispatch(now=AFTER_CHANGE - timedelta(days=1))

    (waiting,) = notes(other_member)
    assert waiting.title == "Sigues en la lista de espera: Tuesday evening"
    assert "que empieza mañana a las 19:00 (hora de Europe/London)" in waiting.body
    assert "ve solo si se libera una plaza para ti" in waiting.body


def test_the_places_of_every_due_meeting_are_read_in_one_query(one_place, circle, mara, other_member,
                                                                 django_assert_max_num_queries):
    other = MeetingSeriesFactory(group=SupportGroupFactory(timezone="Europe/London"), title="Other", capacity=5)
    GroupMembershipFactory(group=other.group, user=mara)
    MeetingPlace.objects.create(series=other, occurrence_start=AFTER_CHANGE, user=mara, status="booked")
    now = AFTER_CHANGE - timedelta(days=1)

    with CaptureQueriesContext(connection) as queries:
        assert meeting_reminders_dispatch(now=now) == 4  # Mara twice, the waiting note, the facilitator
    assert sum('"groups_meetingplace"' in query["sql"] for query in queries.captured_queries) == 1
    assert sorted(titles(mara)) == ["Meeting reminder: Other", "Meeting reminder: Tuesday evening"]

    # Run again: the same few queries as without places, and one for the places.
    with django_assert_max_num_queries(9):
        assert meeting_reminders_dispatch(now=now) == 0


# --- The clock's mark: each run reads what is new since the last one ---------------------------

def settled_meeting(group, at: datetime, title: str = "Soon"):
    """A one-off meeting at `at`, in a group where nothing has changed for two days."""
    local = at.astimezone(ZoneInfo(group.timezone))
    series = MeetingSeriesFactory(group=group, title=title, rrule="", start_date=local.date(),
                                  start_time=local.time())
    two_days_ago = timezone.now() - timedelta(days=2)
    MeetingSeries.objects.filter(pk=series.pk).update(updated_at=two_days_ago)
    SupportGroup.objects.filter(pk=group.pk).update(updated_at=two_days_ago)
    GroupMembership.objects.filter(group=group).update(joined_at=two_days_ago)
    return series


@pytest.fixture
def soon(circle, mara):
    """Now, and a meeting 21 hours from now in a group where nothing has changed lately."""
    now = timezone.now().replace(second=0, microsecond=0)
    settled_meeting(circle, now + timedelta(hours=21))
    return now


def test_a_clock_ticking_every_minute_reminds_each_meeting_once_at_its_minute(circle, mara):
    now = timezone.now().replace(second=0, microsecond=0)
    settled_meeting(circle, now + timedelta(days=1, minutes=2))
    clock_reached(now - timedelta(minutes=1))

    sent = [meeting_reminders_dispatch(now=now + timedelta(minutes=n)) for n in range(5)]

    assert sent == [0, 0, 2, 0, 0]  # Mara and the facilitator, when the meeting is a day away


def clock_reached(moment):
    ClockMark.objects.update_or_create(name="meeting_reminders", defaults={"reached_at": moment})


def test_a_clock_that_ran_a_minute_ago_does_not_read_the_whole_window_again(soon, mara):
    clock_reached(soon - timedelta(minutes=1))  # its reminder was due three hours ago, and went then

    assert meeting_reminders_dispatch(now=soon) == 0
    assert ClockMark.objects.get().reached_at == soon


def test_a_clock_stopped_for_hours_catches_up_within_the_grace(soon, mara):
    clock_reached(soon - timedelta(hours=4))

    assert meeting_reminders_dispatch(now=soon) == 2  # Mara and the facilitator
    assert meeting_reminders_dispatch(now=soon + timedelta(minutes=1)) == 0


def test_someone_who_joins_after_the_reminder_went_still_gets_one(soon, circle, other_member):
    clock_reached(soon - timedelta(minutes=1))
    GroupMembershipFactory(group=circle, user=other_member)

    meeting_reminders_dispatch(now=soon)

    (note,) = notes(other_member)
    assert "Soon" in note.title


def test_a_meeting_moved_into_the_window_after_its_minute_passed_is_reminded(circle, mara):
    now = timezone.now().replace(second=0, microsecond=0)
    later = (now + timedelta(days=3)).astimezone(ZoneInfo(circle.timezone))
    series = MeetingSeriesFactory(group=circle, title="Moved", rrule="", start_date=later.date(),
                                  start_time=later.time())
    MeetingSeries.objects.filter(pk=series.pk).update(updated_at=now - timedelta(days=2))
    SupportGroup.objects.filter(pk=circle.pk).update(updated_at=now - timedelta(days=2))
    GroupMembership.objects.filter(group=circle).update(joined_at=now - timedelta(days=2))
    clock_reached(now - timedelta(minutes=1))
    MeetingExceptionFactory(series=series, original_start=later, kind="moved", new_start=now + timedelta(hours=20))

    meeting_reminders_dispatch(now=now)

    (note,) = notes(mara)
    assert "has moved" in note.body


def test_a_clock_behind_another_does_not_move_the_mark_back(soon, mara):
    clock_reached(soon + timedelta(minutes=5))

    meeting_reminders_dispatch(now=soon)

    assert ClockMark.objects.get().reached_at == soon + timedelta(minutes=5)


# --- Email ------------------------------------------------------------------------------------

def test_the_email_is_written_in_the_persons_language_and_names_no_group(
        mara, weekly, django_capture_on_commit_callbacks):
    mara.language = "es"
    mara.save()

    with django_capture_on_commit_callbacks(execute=True):
        meeting_reminders_dispatch(now=AFTER_CHANGE - timedelta(days=1))

    (note,) = notes(mara)
    assert note.title == "Recordatorio de reunión: Tuesday evening"
    assert "empieza mañana a las 19:00" in note.body
    to_mara = [m for m in mail.outbox if m.to == [mara.email]]
    assert len(to_mara) == 1
    email = to_mara[0]
    assert email.subject == "Tienes un mensaje nuevo en PeerCircle"
    assert "Tienes algo nuevo en PeerCircle: un recordatorio de reunión." in email.body
    assert f"http://127.0.0.1:8000/notifications/#notification-{note.pk}" in email.body
    html = email.alternatives[0][0]
    for private in ("Tuesday evening", "Harbour grief circle", "/groups/circle/", "19:00"):
        assert private not in email.subject and private not in email.body and private not in html
    assert "Para dejar de recibir estos correos" in email.body
    assert "/notifications/unsubscribe/" in email.extra_headers["List-Unsubscribe"]
    assert 'lang="es"' in html and "Dejar de recibir estos correos" in html
    note.refresh_from_db()
    assert note.emailed_at is not None


def test_the_email_has_the_details_for_someone_who_asked_for_them(mara, weekly, django_capture_on_commit_callbacks):
    mara.language = "es"
    mara.save()
    NotificationPreferencesFactory(user=mara, email_details=True)

    with django_capture_on_commit_callbacks(execute=True):
        meeting_reminders_dispatch(now=AFTER_CHANGE - timedelta(days=1))

    (email,) = [m for m in mail.outbox if m.to == [mara.email]]
    assert email.subject == "PeerCircle: Recordatorio de reunión: Tuesday evening"
    assert "empieza mañana a las 19:00" in email.body
    assert "http://127.0.0.1:8000/groups/circle/" in email.body


def test_no_email_when_email_is_off_but_the_note_is_still_there(mara, weekly, django_capture_on_commit_callbacks):
    NotificationPreferencesFactory(user=mara, email=False)

    with django_capture_on_commit_callbacks(execute=True):
        meeting_reminders_dispatch(now=AFTER_CHANGE - timedelta(days=1))

    assert len(notes(mara)) == 1
    assert [m for m in mail.outbox if m.to == [mara.email]] == []


def test_no_email_to_an_address_nobody_verified(mara, weekly, django_capture_on_commit_callbacks):
    mara.emailaddress_set.update(verified=False)

    with django_capture_on_commit_callbacks(execute=True):
        meeting_reminders_dispatch(now=AFTER_CHANGE - timedelta(days=1))

    assert len(notes(mara)) == 1
    assert [m for m in mail.outbox if m.to == [mara.email]] == []


def test_the_email_task_sends_once_however_often_it_runs(mara, weekly, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        meeting_reminders_dispatch(now=AFTER_CHANGE - timedelta(days=1))
    (note,) = notes(mara)

    assert tasks.notification_email_send.call(note.pk) is False
    assert tasks.notification_email_send.call(note.pk + 10_000) is False
    assert len([m for m in mail.outbox if m.to == [mara.email]]) == 1
