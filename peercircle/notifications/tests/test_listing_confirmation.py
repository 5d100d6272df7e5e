"""Facilitators are asked to confirm their group's listing once per period, and not again
once they have confirmed it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from peercircle.groups.services import group_confirm_details
from peercircle.groups.tests.factories import GroupMembershipFactory, SupportGroupFactory
from peercircle.notifications import tasks
from peercircle.notifications.models import Notification
from peercircle.notifications.reminders import listing_confirmation_dispatch
from peercircle.notifications.tests.factories import NotificationPreferencesFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def now():
    return timezone.now()


@pytest.fixture
def circle(facilitator, member, now):
    group = SupportGroupFactory(name="Harbour grief circle", slug="circle", facilitator=facilitator,
                                last_confirmed_at=now - timedelta(days=100))
    GroupMembershipFactory(group=group, user=member)
    return group


def notes(user):
    return list(Notification.objects.filter(recipient=user, kind="listing_confirmation").order_by("pk"))


def test_facilitators_are_asked_once_per_period(circle, facilitator, member, now):
    assert listing_confirmation_dispatch(now=now) == 1
    assert listing_confirmation_dispatch(now=now + timedelta(days=30)) == 0
    assert tasks.listing_confirmation_dispatch.call() == 0

    (note,) = notes(facilitator)
    assert note.title == "Are the details of Harbour grief circle still right?"
    assert "were last confirmed on" in note.body and "To turn off these reminders" in note.body
    assert note.url == "/groups/circle/manage/#confirm-h"
    assert notes(member) == []

    # Still not confirmed a period later: asked again.
    assert listing_confirmation_dispatch(now=now + timedelta(days=90)) == 1
    assert len(notes(facilitator)) == 2


def test_no_reminder_after_confirming(circle, facilitator, now):
    listing_confirmation_dispatch(now=now)
    group_confirm_details(actor=facilitator, group=circle)

    assert listing_confirmation_dispatch(now=timezone.now() + timedelta(days=89)) == 0
    assert len(notes(facilitator)) == 1
    # … until the details are old again.
    assert listing_confirmation_dispatch(now=timezone.now() + timedelta(days=91)) == 1


def test_groups_confirmed_recently_or_not_listed_are_left_alone(facilitator, now):
    SupportGroupFactory(facilitator=facilitator, last_confirmed_at=now - timedelta(days=10))
    SupportGroupFactory(facilitator=facilitator, last_confirmed_at=now - timedelta(days=200), status="ended")
    SupportGroupFactory(facilitator=facilitator, last_confirmed_at=None, status="pending_approval")

    assert listing_confirmation_dispatch(now=now) == 0


def test_a_group_never_confirmed_is_due(facilitator, now):
    SupportGroupFactory(name="Quiet walkers", facilitator=facilitator, last_confirmed_at=None)

    assert listing_confirmation_dispatch(now=now) == 1
    (note,) = notes(facilitator)
    assert "Nobody has confirmed the details of Quiet walkers yet." in note.body


def test_the_period_comes_from_the_settings(circle, facilitator, now, settings):
    settings.PEERCIRCLE_LISTING_CONFIRM_DAYS = 120

    assert listing_confirmation_dispatch(now=now) == 0


def test_facilitators_who_turned_these_reminders_off_get_none(circle, facilitator, now):
    NotificationPreferencesFactory(user=facilitator, listing_confirmation_reminders=False)

    assert listing_confirmation_dispatch(now=now) == 0
