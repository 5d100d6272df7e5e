"""What people are told when something about their groups changes: facilitators of a suggested
correction, the suggester of its outcome (in the app, or once by email to a visitor), a person
waiting of the place they now have, members of a meeting cancelled or moved — each in their own
language and time zone, seen on /notifications/."""

from datetime import UTC, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from peercircle.core.tests.helpers import signed_in, text
from peercircle.groups.models import ListingCorrection
from peercircle.groups.services import (
    listing_correction_resolve,
    listing_correction_suggest,
    meeting_occurrence_cancel,
    meeting_occurrence_move,
    meeting_place_book,
    meeting_place_cancel,
)
from peercircle.groups.tests.factories import (
    GroupMembershipFactory,
    MeetingSeriesFactory,
    SupportGroupFactory,
)
from peercircle.notifications.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def circle(facilitator, member):
    group = SupportGroupFactory(name="Manchester grief circle", slug="circle", facilitator=facilitator,
                                timezone="Europe/London")
    GroupMembershipFactory(group=group, user=member)
    return group


def titles(user) -> list[str]:
    return list(Notification.objects.filter(recipient=user).order_by("pk").values_list("title", flat=True))


def weekly(group, *, capacity=None):
    """A weekly meeting at 19:00 London time, and its next start (in UTC) a few days away."""
    local = (timezone.now() + timedelta(days=3)).astimezone(ZoneInfo("Europe/London")).replace(
        hour=19, minute=0, second=0, microsecond=0)
    series = MeetingSeriesFactory(group=group, title="Tuesday circle", rrule="FREQ=WEEKLY", start_date=local.date(),
                                  start_time=local.time(), capacity=capacity)
    return series, local.astimezone(UTC)


def test_facilitators_hear_of_a_suggestion_and_a_member_of_its_outcome(circle, facilitator, member):
    correction = listing_correction_suggest(user_or_none=member, group=circle, kind="place",
                                            text="The group meets in room 4 now.")
    assert titles(facilitator) == ["A suggested correction for “Manchester grief circle”"]
    page = text(signed_in(facilitator).get("/notifications/"))
    assert "A suggested correction for “Manchester grief circle”" in page

    listing_correction_resolve(actor=facilitator, correction=correction, outcome="done", note="Fixed, thank you!")
    assert titles(member) == ["Thank you: your correction to “Manchester grief circle” was made"]
    note = Notification.objects.get(recipient=member)
    assert "They wrote: Fixed, thank you!" in note.body and note.url == "/groups/circle/"


def test_a_visitor_hears_the_outcome_once_by_email_and_the_address_is_then_forgotten(
        circle, facilitator, django_capture_on_commit_callbacks):
    correction = listing_correction_suggest(user_or_none=None, group=circle, kind="meeting_time",
                                            text="It starts at 18:30 now.", contact_email="visitor@example.org")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        listing_correction_resolve(actor=facilitator, correction=correction, outcome="dismissed",
                                   note="We checked: it is still 19:00.")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["visitor@example.org"]
    assert message.subject == "Your suggestion on PeerCircle was reviewed"  # names no group
    assert "We checked: it is still 19:00." in message.body and "/groups/circle/" in message.body
    assert ListingCorrection.objects.get(pk=correction.pk).contact_email == ""


def test_a_visitor_who_wrote_in_spanish_hears_back_in_spanish(
        circle, facilitator, django_capture_on_commit_callbacks):
    from django.utils import translation

    with translation.override("es"):
        correction = listing_correction_suggest(user_or_none=None, group=circle, kind="other",
                                                text="El grupo ya no se reúne aquí.", contact_email="v@example.org")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        listing_correction_resolve(actor=facilitator, correction=correction, outcome="done")
    assert mail.outbox[0].subject == "Se ha revisado tu sugerencia en PeerCircle"
    assert "Sugeriste una corrección para la ficha de «Manchester grief circle»" in mail.outbox[0].body


def test_a_person_waiting_is_told_when_a_place_opens_up(circle, member, other_member):
    GroupMembershipFactory(group=circle, user=other_member)
    other_member.profile.timezone = "Europe/London"
    other_member.profile.save()
    series, start = weekly(circle, capacity=1)
    meeting_place_book(user=member, series=series, occurrence_start=start)
    meeting_place_book(user=other_member, series=series, occurrence_start=start)
    assert titles(other_member) == []
    meeting_place_cancel(user=member, series=series, occurrence_start=start)
    assert titles(other_member) == ["A place opened up for you: Tuesday circle"]
    body = Notification.objects.get(recipient=other_member).body
    assert "at 19:00 (Europe/London time)" in body and "give it up" in body


def test_members_hear_of_a_cancelled_or_moved_meeting_in_their_own_time_zone(
        circle, facilitator, member, django_capture_on_commit_callbacks):
    member.profile.timezone = "America/New_York"
    member.profile.save()
    series, start = weekly(circle)
    with django_capture_on_commit_callbacks(execute=True):
        meeting_occurrence_cancel(actor=facilitator, series=series, original_start=start,
                                  note="The venue is closed.")
    assert titles(member) == ["Meeting cancelled: Tuesday circle"]
    assert titles(facilitator) == []  # they made the change
    body = Notification.objects.get(recipient=member).body
    assert "at 14:00 (America/New_York time) will not take place" in body  # 19:00 in London
    assert "The facilitators wrote: The venue is closed." in body

    following = start + timedelta(days=7)
    with django_capture_on_commit_callbacks(execute=True):
        meeting_occurrence_move(actor=facilitator, series=series, original_start=following,
                                new_start=following + timedelta(days=1, hours=1))
    assert titles(member)[-1] == "Meeting moved: Tuesday circle"
    assert "at 14:00 has moved to" in Notification.objects.filter(recipient=member).latest("pk").body
    # Cancelled after it moved: the note names the time people know, the moved one.
    with django_capture_on_commit_callbacks(execute=True):
        meeting_occurrence_cancel(actor=facilitator, series=series, original_start=following)
    last = Notification.objects.filter(recipient=member).latest("pk")
    assert last.title == "Meeting cancelled: Tuesday circle" and "at 15:00 (America/New_York time)" in last.body


def test_a_spanish_speaking_member_is_told_in_spanish(circle, facilitator, member, django_capture_on_commit_callbacks):
    member.language = "es"
    member.save()
    series, start = weekly(circle)
    with django_capture_on_commit_callbacks(execute=True):
        meeting_occurrence_cancel(actor=facilitator, series=series, original_start=start)
    assert titles(member) == ["Reunión cancelada: Tuesday circle"]


def test_nobody_is_told_of_a_change_to_a_meeting_already_past(
        circle, facilitator, member, django_capture_on_commit_callbacks):
    local = (timezone.now() - timedelta(days=2)).astimezone(ZoneInfo("Europe/London")).replace(
        hour=19, minute=0, second=0, microsecond=0)
    series = MeetingSeriesFactory(group=circle, rrule="FREQ=WEEKLY", start_date=local.date(), start_time=local.time())
    with django_capture_on_commit_callbacks(execute=True):
        meeting_occurrence_cancel(actor=facilitator, series=series, original_start=local.astimezone(UTC))
    assert titles(member) == []
    assert Client().get("/notifications/").status_code in (302, 404)
