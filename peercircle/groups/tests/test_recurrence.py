"""Schedules expand in the group's local wall time: 19:00 stays 19:00 across clock changes,
monthly and fortnightly rules land on the right days, cancelled and moved meetings show so."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from peercircle.groups.selectors import upcoming_occurrences
from peercircle.groups.services import (
    GroupError,
    meeting_occurrence_cancel,
    meeting_occurrence_move,
    meeting_series_create,
)
from peercircle.groups.tests.factories import MeetingSeriesFactory, SupportGroupFactory

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


def utc(*args):
    return datetime(*args, tzinfo=UTC)


def starts(target, start, end, **kwargs):
    return [o.start for o in upcoming_occurrences(target, start, end, **kwargs)]


def test_a_weekly_meeting_stays_at_seven_in_the_evening_when_the_clocks_go_forward():
    series = MeetingSeriesFactory(group=SupportGroupFactory(timezone="Europe/London"))

    found = starts(series, utc(2025, 3, 20), utc(2025, 4, 5))

    assert [s.astimezone(UTC) for s in found] == [utc(2025, 3, 25, 19), utc(2025, 4, 1, 18)]
    assert {s.astimezone(LONDON).time() for s in found} == {time(19, 0)}


def test_a_weekly_meeting_stays_at_seven_in_the_evening_when_the_clocks_go_back():
    series = MeetingSeriesFactory(group=SupportGroupFactory(timezone="Europe/London"))

    found = starts(series, utc(2025, 10, 20), utc(2025, 11, 1))

    assert [s.astimezone(UTC) for s in found] == [utc(2025, 10, 21, 18), utc(2025, 10, 28, 19)]


def test_a_meeting_at_a_time_the_clocks_skip_still_happens_once_that_night():
    series = MeetingSeriesFactory(group=SupportGroupFactory(timezone="Europe/London"), rrule="FREQ=DAILY",
                                  start_date=date(2025, 3, 28), start_time=time(1, 30))

    found = starts(series, utc(2025, 3, 29, 12), utc(2025, 3, 31, 12))

    assert [s.astimezone(UTC) for s in found] == [utc(2025, 3, 30, 1, 30), utc(2025, 3, 31, 0, 30)]


def test_first_tuesday_of_the_month(facilitator):
    group = SupportGroupFactory(facilitator=facilitator)
    # The first date asked for is a Wednesday: the schedule starts on the first real meeting.
    series = meeting_series_create(actor=facilitator, group=group, title="Monthly", start_date=date(2025, 1, 1),
                                   start_time=time(18, 30), rrule="RRULE:FREQ=MONTHLY;BYDAY=1TU")

    found = starts(series, utc(2025, 1, 1), utc(2025, 6, 1))

    assert series.start_date == date(2025, 1, 7)
    assert [s.astimezone(LONDON).date() for s in found] == [
        date(2025, 1, 7), date(2025, 2, 4), date(2025, 3, 4), date(2025, 4, 1), date(2025, 5, 6)]
    assert {s.astimezone(LONDON).time() for s in found} == {time(18, 30)}


def test_every_other_week():
    series = MeetingSeriesFactory(rrule="FREQ=WEEKLY;INTERVAL=2;BYDAY=TU")

    found = starts(series, utc(2025, 1, 1), utc(2025, 3, 1))

    assert [s.date() for s in found] == [date(2025, 1, 7), date(2025, 1, 21), date(2025, 2, 4), date(2025, 2, 18)]


def test_a_one_off_workshop_happens_once():
    series = MeetingSeriesFactory(rrule="", start_date=date(2025, 5, 10), start_time=time(10, 0))

    assert starts(series, utc(2025, 1, 1), utc(2026, 1, 1)) == [datetime(2025, 5, 10, 10, tzinfo=LONDON)]
    assert starts(series, utc(2025, 6, 1), utc(2026, 1, 1)) == []


def test_a_cancelled_meeting_shows_as_cancelled_and_can_be_left_out(facilitator):
    group = SupportGroupFactory(facilitator=facilitator)
    series = MeetingSeriesFactory(group=group)
    meeting_occurrence_cancel(actor=facilitator, series=series, original_start=datetime(2025, 1, 14, 19, tzinfo=LONDON),
                              note="The hall is closed.")

    occurrences = upcoming_occurrences(group, utc(2025, 1, 10), utc(2025, 1, 25))

    assert [(o.start.date(), o.status) for o in occurrences] == [
        (date(2025, 1, 14), "cancelled"), (date(2025, 1, 21), "scheduled")]
    assert occurrences[0].note == "The hall is closed."
    assert starts(group, utc(2025, 1, 10), utc(2025, 1, 25), include_cancelled=False) == [
        datetime(2025, 1, 21, 19, tzinfo=LONDON)]


def test_a_moved_meeting_shows_at_its_new_time_only(facilitator):
    group = SupportGroupFactory(facilitator=facilitator)
    series = MeetingSeriesFactory(group=group)
    meeting_occurrence_move(actor=facilitator, series=series, original_start=datetime(2025, 1, 14, 19, tzinfo=LONDON),
                            new_start=datetime(2025, 1, 16, 18, tzinfo=LONDON))

    occurrences = upcoming_occurrences(group, utc(2025, 1, 10), utc(2025, 1, 20))
    # Looking only at the days after the original date still finds it at its new time.
    later = upcoming_occurrences(group, utc(2025, 1, 15), utc(2025, 1, 20))

    assert [(o.start, o.status) for o in occurrences] == [(datetime(2025, 1, 16, 18, tzinfo=LONDON), "moved")]
    assert occurrences[0].original_start == datetime(2025, 1, 14, 19, tzinfo=LONDON)
    assert [o.status for o in later] == ["moved"]


def test_only_real_meetings_can_be_cancelled_or_moved(facilitator):
    group = SupportGroupFactory(facilitator=facilitator)
    series = MeetingSeriesFactory(group=group)

    with pytest.raises(GroupError, match="no meeting at that time"):
        meeting_occurrence_cancel(actor=facilitator, series=series,
                                  original_start=datetime(2025, 1, 15, 19, tzinfo=LONDON))
    with pytest.raises(GroupError, match="up to 60 days"):
        meeting_occurrence_move(actor=facilitator, series=series,
                                original_start=datetime(2025, 1, 14, 19, tzinfo=LONDON),
                                new_start=datetime(2025, 1, 14, 19, tzinfo=LONDON) + timedelta(days=90))


def test_an_until_in_utc_is_kept_as_local_time_and_ends_the_schedule(facilitator):
    group = SupportGroupFactory(facilitator=facilitator)
    series = meeting_series_create(actor=facilitator, group=group, title="Spring", start_date=date(2025, 3, 4),
                                   start_time=time(19, 0), rrule="FREQ=WEEKLY;BYDAY=TU;UNTIL=20250401T180000Z")

    found = starts(series, utc(2025, 3, 1), utc(2025, 5, 1))

    assert series.rrule == "FREQ=WEEKLY;BYDAY=TU;UNTIL=20250401T190000"
    assert [s.date() for s in found][-1] == date(2025, 4, 1)


@pytest.mark.parametrize("rule, message", [
    ("FREQ=HOURLY", "daily, weekly, monthly or yearly"),
    ("FREQ=SOMETIMES", "could not be read"),
    ("FREQ=WEEKLY\nEXDATE:20250101", "one repeat rule only"),
    ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", "never happens"),
])
def test_rules_that_cannot_be_used_are_refused_kindly(facilitator, rule, message):
    group = SupportGroupFactory(facilitator=facilitator)

    with pytest.raises(GroupError, match=message):
        meeting_series_create(actor=facilitator, group=group, title="Odd", start_date=date(2025, 1, 1),
                              start_time=time(19, 0), rrule=rule)
    assert not group.series.exists()


@pytest.mark.parametrize("rule", [
    "FREQ=WEEKLY;BYDAY=TU", "FREQ=WEEKLY", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH", "FREQ=WEEKLY;BYDAY=MO,SA",
    "FREQ=WEEKLY;INTERVAL=3;BYDAY=SU,WE", "FREQ=WEEKLY;BYDAY=TU;UNTIL=20260301T235959", "FREQ=WEEKLY;COUNT=5",
    "FREQ=MONTHLY;BYDAY=1WE",
])
@pytest.mark.parametrize("start_date", [date(2025, 1, 6), date(2025, 1, 9), date(2026, 2, 28)])
def test_expanding_a_long_running_schedule_from_today_gives_the_same_meetings_as_from_its_start(rule, start_date):
    # rule_starts skips whole weeks of an old weekly schedule and works plain weekly rules out
    # by date arithmetic; both must agree with dateutil walking the rule from its first date.
    from dateutil.rrule import rrulestr

    from peercircle.groups.recurrence import rule_starts, skip_ahead

    zone = ZoneInfo("Europe/Madrid")
    first = datetime.combine(start_date, time(19, 0))
    for start in (datetime(2025, 1, 1, tzinfo=UTC), datetime(2026, 3, 20, 18, 30, tzinfo=UTC),
                  datetime(2026, 10, 20, tzinfo=UTC)):
        end = start + timedelta(days=120)
        expected = [moment.replace(tzinfo=zone) for moment in rrulestr(rule, dtstart=first).between(
            start.astimezone(zone).replace(tzinfo=None) - timedelta(days=1),
            end.astimezone(zone).replace(tzinfo=None) + timedelta(days=1), inc=True)]
        expected = [moment for moment in expected if start <= moment < end]
        assert rule_starts(rule=rule, start_date=start_date, start_time=time(19, 0), tz="Europe/Madrid",
                           start=start, end=end) == expected
    assert skip_ahead("FREQ=WEEKLY;INTERVAL=2;BYDAY=TH", date(2025, 1, 9), date(2025, 3, 1)) == date(2025, 2, 6)
    assert skip_ahead("FREQ=WEEKLY;COUNT=5", date(2025, 1, 9), date(2026, 3, 1)) == date(2025, 1, 9)
    assert skip_ahead("FREQ=MONTHLY;BYDAY=1WE", date(2025, 1, 9), date(2026, 3, 1)) == date(2025, 1, 9)
