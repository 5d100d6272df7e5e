"""Attendance: members check themselves in around a meeting's start, facilitators take a
register, and the counts are there for reports. Times are real: meetings are placed around now."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from peercircle.core.models import AuditEntry
from peercircle.core.tests.helpers import text
from peercircle.groups.models import Attendance
from peercircle.groups.selectors import attendance_counts
from peercircle.groups.tests.factories import (
    GroupMembershipFactory,
    MeetingExceptionFactory,
    MeetingSeriesFactory,
    SupportGroupFactory,
)

pytestmark = pytest.mark.django_db
JSON = "application/json"


@pytest.fixture
def circle(facilitator, member):
    group = SupportGroupFactory(name="Manchester grief circle", slug="circle", facilitator=facilitator)
    GroupMembershipFactory(group=group, user=member)
    return group


def one_off(group, starts_in: timedelta, minutes: int = 90):
    """A one-off meeting starting about `starts_in` from now (to the minute), and its original start in UTC."""
    local = (timezone.now() + starts_in).astimezone(ZoneInfo(group.timezone)).replace(second=0, microsecond=0)
    series = MeetingSeriesFactory(group=group, rrule="", title="Drop-in", start_date=local.date(),
                                  start_time=local.time(), duration_minutes=minutes)
    return series, local.astimezone(UTC)


def key(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def check_in(client, series, start):
    return client.post(f"/groups/circle/meetings/{series.pk}/check-in/", {"occurrence_start": key(start)},
                       follow=True)


def test_a_member_checks_in_from_the_group_page_shortly_before_the_meeting(circle, member, member_client):
    series, start = one_off(circle, timedelta(minutes=10))
    page = text(member_client.get("/groups/circle/"))
    assert "check me in" in page

    response = check_in(member_client, series, start)

    attendance = Attendance.objects.get()
    assert (attendance.user, attendance.status, attendance.method) == (member, "present", "self")
    assert attendance.occurrence_start == start
    assert "checked in" in text(response)
    assert AuditEntry.objects.filter(action="attendance.check_in").exists()


def test_a_meeting_under_way_can_still_be_checked_in_to(circle, member_client):
    series, start = one_off(circle, -timedelta(minutes=30))

    assert "check me in" in text(member_client.get("/groups/circle/"))
    check_in(member_client, series, start)
    assert Attendance.objects.filter(status="present").count() == 1


@pytest.mark.parametrize("starts_in, message", [
    (timedelta(hours=2), "Check-in opens 30 minutes before the meeting starts"),
    (-timedelta(hours=3), "That meeting has finished"),
])
def test_check_in_is_refused_too_early_and_too_late(circle, member_client, starts_in, message):
    series, start = one_off(circle, starts_in)

    assert "check me in" not in text(member_client.get("/groups/circle/"))
    response = check_in(member_client, series, start)

    assert message in text(response)
    assert not Attendance.objects.exists()


def test_a_cancelled_meeting_cannot_be_checked_in_to(circle, member_client):
    series, start = one_off(circle, timedelta(minutes=5))
    MeetingExceptionFactory(series=series, original_start=start)

    response = check_in(member_client, series, start)

    assert "That meeting was cancelled" in text(response)
    assert not Attendance.objects.exists()


def test_a_time_that_is_not_a_meeting_is_refused(circle, member_client):
    series, start = one_off(circle, timedelta(minutes=5))

    response = check_in(member_client, series, start + timedelta(minutes=1))

    assert "There is no meeting at that time" in text(response)
    assert not Attendance.objects.exists()


def test_someone_outside_the_group_cannot_check_in(circle, other_member_client):
    series, start = one_off(circle, timedelta(minutes=5))

    assert "check me in" not in text(other_member_client.get("/groups/circle/"))
    response = check_in(other_member_client, series, start)

    assert "Only members of the group can check in" in text(response)
    assert not Attendance.objects.exists()


def test_a_facilitator_takes_the_register(circle, facilitator, member, facilitator_client):
    series, start = one_off(circle, -timedelta(hours=3))
    page = text(facilitator_client.get("/groups/circle/manage/"))
    assert "Take the register" in page and "Mara" in page and key(start) in page

    response = facilitator_client.post("/groups/circle/manage/attendance/",
                                       {"series": series.pk, "occurrence_start": key(start), "present": [member.pk]},
                                       follow=True)

    assert "The register is saved" in text(response)
    marked = dict(Attendance.objects.values_list("user_id", "status"))
    assert marked == {member.pk: "present", facilitator.pk: "absent"}
    assert set(Attendance.objects.values_list("method", flat=True)) == {"register"}
    assert "1 present" in text(facilitator_client.get("/groups/circle/manage/"))
    assert AuditEntry.objects.filter(action="attendance.register").exists()

    # Taking it again changes the marks, not the number of rows.
    facilitator_client.post("/groups/circle/manage/attendance/",
                            {"series": series.pk, "occurrence_start": key(start), "present": [facilitator.pk]})
    marked = dict(Attendance.objects.values_list("user_id", "status"))
    assert marked == {member.pk: "absent", facilitator.pk: "present"}


def test_the_register_keeps_a_self_check_in_ticked(circle, member, member_client, facilitator_client):
    series, start = one_off(circle, -timedelta(minutes=20))
    check_in(member_client, series, start)

    page = facilitator_client.get("/groups/circle/manage/").content.decode()

    assert f'value="{member.pk}" checked' in page


def test_the_register_is_refused_for_a_future_or_cancelled_meeting_and_non_members(
        circle, member, other_member, facilitator_client):
    later, later_start = one_off(circle, timedelta(days=2))
    cancelled, cancelled_start = one_off(circle, -timedelta(days=1))
    MeetingExceptionFactory(series=cancelled, original_start=cancelled_start)
    past, past_start = one_off(circle, -timedelta(days=2))

    def take(series, start, present):
        return text(facilitator_client.post("/groups/circle/manage/attendance/", {
            "series": series.pk, "occurrence_start": key(start), "present": present}, follow=True))

    assert "The register can be taken once the meeting is about to start" in take(later, later_start, [member.pk])
    assert "That meeting was cancelled" in take(cancelled, cancelled_start, [member.pk])
    assert "not members of this group" in take(past, past_start, [other_member.pk])
    assert not Attendance.objects.exists()


def test_only_facilitators_take_the_register(circle, member, member_client):
    series, start = one_off(circle, -timedelta(hours=3))

    response = member_client.post("/groups/circle/manage/attendance/",
                                  {"series": series.pk, "occurrence_start": key(start), "present": [member.pk]})

    assert response.status_code == 404
    assert member_client.get("/groups/circle/manage/").status_code == 404
    assert not Attendance.objects.exists()


def test_counts_per_meeting_for_reports(circle, facilitator, member, facilitator_client):
    first, first_start = one_off(circle, -timedelta(days=8))
    second, second_start = one_off(circle, -timedelta(days=1))
    for series, start, present in ((first, first_start, [member.pk, facilitator.pk]),
                                   (second, second_start, [member.pk])):
        facilitator_client.post("/groups/circle/manage/attendance/",
                                {"series": series.pk, "occurrence_start": key(start), "present": present})

    counts = attendance_counts(group=circle)

    assert [(c["series_id"], c["occurrence_start"], c["present"], c["recorded"]) for c in counts] == [
        (first.pk, first_start, 2, 2), (second.pk, second_start, 1, 2)]
    assert [c["series_id"] for c in attendance_counts(group=circle, since=timezone.now() - timedelta(days=3))] == [
        second.pk]
    assert attendance_counts(group=SupportGroupFactory()) == []


# --- The API ---------------------------------------------------------------------------------------

def api(client, path, data):
    return client.post(f"/api/v1/groups/circle{path}", data, content_type=JSON)


def test_the_api_checks_in_takes_the_register_and_counts(circle, facilitator, member, member_client,
                                                         facilitator_client, other_member_client):
    now_series, now_start = one_off(circle, timedelta(minutes=10))
    past, past_start = one_off(circle, -timedelta(days=1))

    checked = api(member_client, f"/meetings/{now_series.pk}/attendance/check-in",
                  {"occurrence_start": now_start.isoformat()})
    too_late = api(member_client, f"/meetings/{past.pk}/attendance/check-in",
                   {"occurrence_start": past_start.isoformat()})
    outsider = api(other_member_client, f"/meetings/{now_series.pk}/attendance/check-in",
                   {"occurrence_start": now_start.isoformat()})
    registered = api(facilitator_client, f"/meetings/{past.pk}/attendance/register",
                     {"occurrence_start": past_start.isoformat(), "present": [str(member.public_id)]})
    not_facilitator = api(member_client, f"/meetings/{past.pk}/attendance/register",
                          {"occurrence_start": past_start.isoformat(), "present": []})
    stranger = api(facilitator_client, f"/meetings/{past.pk}/attendance/register",
                   {"occurrence_start": past_start.isoformat(), "present": ["not-a-member"]})

    assert checked.status_code == 200
    assert too_late.status_code == 400 and "That meeting has finished" in too_late.json()["detail"]
    assert outsider.status_code == 400 and "Only members" in outsider.json()["detail"]
    assert registered.status_code == 200 and registered.json()["present"] == 1
    assert registered.json()["recorded"] == 2
    assert not_facilitator.status_code == 404
    assert stranger.status_code == 400

    counts = facilitator_client.get("/api/v1/groups/circle/attendance")
    assert counts.status_code == 200
    assert [(c["series_id"], c["present"]) for c in counts.json()] == [(past.pk, 1), (now_series.pk, 1)]
    assert member_client.get("/api/v1/groups/circle/attendance").status_code == 404


def test_a_persons_attendance_is_in_their_export_and_goes_when_they_are_erased(circle, member, member_client):
    from peercircle.groups.personal_data import _erase, _export

    series, start = one_off(circle, timedelta(minutes=10))
    check_in(member_client, series, start)

    exported = _export(member)["attendance"]
    assert [(a["group_slug"], a["status"], a["method"]) for a in exported] == [("circle", "present", "self")]
    _erase(member, keep_public_posts=False)
    assert not Attendance.objects.exists()
