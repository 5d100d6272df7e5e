"""Facilitators add schedules through the friendly form, and cancel or move one meeting."""

from datetime import timedelta

import pytest
from django.utils import timezone

from peercircle.core.tests.helpers import text
from peercircle.groups.models import MeetingException, MeetingSeries
from peercircle.groups.selectors import upcoming_occurrences
from peercircle.groups.tests.factories import MeetingSeriesFactory, SupportGroupFactory

pytestmark = pytest.mark.django_db
ADD = "/groups/circle/manage/meetings/"


@pytest.fixture
def circle(facilitator):
    return SupportGroupFactory(name="Manchester grief circle", slug="circle", facilitator=facilitator)


def schedule(**values):
    data = {"title": "Group meeting", "pattern": "weekly", "weekday": "TU", "nth": "1", "start_date": "2025-01-01",
            "start_time": "19:00", "duration_minutes": "90", "until": "", "online_url": "", "capacity": ""}
    data.update(values)
    return {f"schedule-{key}": value for key, value in data.items()}


@pytest.mark.parametrize("values, rule", [
    ({"pattern": "weekly", "weekday": "TU"}, "FREQ=WEEKLY;BYDAY=TU"),
    ({"pattern": "every_other_week", "weekday": "WE"}, "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE"),
    ({"pattern": "monthly", "weekday": "TU", "nth": "1"}, "FREQ=MONTHLY;BYDAY=1TU"),
    ({"pattern": "monthly", "weekday": "FR", "nth": "-1", "until": "2025-12-31"},
     "FREQ=MONTHLY;BYDAY=-1FR;UNTIL=20251231T235959"),
    ({"pattern": "once"}, ""),
])
def test_the_friendly_form_builds_the_rule(circle, facilitator_client, values, rule):
    response = facilitator_client.post(ADD, schedule(**values))

    assert response.status_code == 302
    assert MeetingSeries.objects.get(group=circle).rrule == rule


def test_a_schedule_needs_a_day_of_the_week(circle, facilitator_client):
    response = facilitator_client.post(ADD, schedule(weekday=""))

    assert response.status_code == 200 and "Please choose a day of the week" in text(response)
    assert not MeetingSeries.objects.exists()


def test_a_facilitator_cancels_and_moves_meetings_from_the_manage_page(circle, facilitator_client, member_client):
    series = MeetingSeriesFactory(group=circle)
    first, second = upcoming_occurrences(circle, timezone.now())[:2]
    page = text(facilitator_client.get("/groups/circle/manage/"))
    assert first.key in page

    facilitator_client.post("/groups/circle/manage/occurrences/cancel/",
                            {"series": series.pk, "original_start": first.key, "note": "Bank holiday"})
    moved_to = second.start + timedelta(days=1)
    facilitator_client.post("/groups/circle/manage/occurrences/move/", {
        "series": series.pk, "original_start": second.key, "note": "",
        "new_date": moved_to.strftime("%Y-%m-%d"), "new_time": "18:00"})

    assert list(MeetingException.objects.values_list("kind", flat=True)) == ["cancelled", "moved"]
    shown = text(member_client.get("/groups/circle/"))
    assert "Cancelled" in shown and "Bank holiday" in shown and "Moved from" in shown


def test_members_cannot_change_meetings(circle, member_client):
    series = MeetingSeriesFactory(group=circle)
    first = upcoming_occurrences(circle, timezone.now())[0]

    assert member_client.post(ADD, schedule()).status_code == 404
    assert member_client.post("/groups/circle/manage/occurrences/cancel/",
                              {"series": series.pk, "original_start": first.key}).status_code == 404
    assert member_client.post(f"/groups/circle/manage/meetings/{series.pk}/end/").status_code == 404
    assert not MeetingException.objects.exists() and MeetingSeries.objects.count() == 1
