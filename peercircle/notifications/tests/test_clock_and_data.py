"""The clock that runs the dispatchers, and the person's notifications in their data export
and account deletion."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from peercircle.accounts.services import account_delete, account_export
from peercircle.groups.tests.factories import (
    GroupMembershipFactory,
    MeetingSeriesFactory,
    SupportGroupFactory,
)
from peercircle.notifications import clock
from peercircle.notifications.models import Notification, NotificationPreferences
from peercircle.notifications.tests.factories import (
    NotificationFactory,
    NotificationPreferencesFactory,
)

pytestmark = pytest.mark.django_db


def test_clock_once_runs_every_dispatcher_and_reminds_of_tomorrows_meeting(member, peercircle_cli, capsys):
    group = SupportGroupFactory(name="Harbour grief circle", last_confirmed_at=timezone.now() - timedelta(days=200))
    GroupMembershipFactory(group=group, user=member, role="facilitator")
    local = (timezone.now() + timedelta(hours=23)).astimezone(ZoneInfo(group.timezone))
    MeetingSeriesFactory(group=group, rrule="", start_date=local.date(),
                         start_time=local.time().replace(second=0, microsecond=0))

    peercircle_cli(["clock", "--once"])

    output = capsys.readouterr().out
    assert "meeting_reminders_dispatch: successful" in output
    assert "listing_confirmation_dispatch: successful" in output
    assert "proposals_expire_dispatch: successful" in output
    assert "safety_alert_escalations_dispatch: successful" in output
    assert sorted(Notification.objects.filter(recipient=member).values_list("kind", flat=True)) == [
        "listing_confirmation", "meeting_reminder"]


def test_the_clock_enqueues_listings_hourly_proposals_quarterly_meetings_and_alert_escalations_every_minute(db):
    minutely = ["safety_alert_escalations_dispatch", "meeting_reminders_dispatch"]
    every = [*minutely, "proposals_expire_dispatch", "listing_confirmation_dispatch"]
    assert [r.task.name for r in clock.tick(0)] == every
    assert [r.task.name for r in clock.tick(1)] == minutely
    assert [r.task.name for r in clock.tick(15)] == [*minutely, "proposals_expire_dispatch"]
    assert [r.task.name for r in clock.tick(59)] == minutely
    assert [r.task.name for r in clock.tick(60)] == every


def test_a_failing_dispatcher_is_logged_and_the_clock_goes_on(db, monkeypatch, caplog):
    from peercircle.notifications import reminders

    def broken(**kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(reminders, "meeting_reminders_dispatch", broken)

    results = clock.tick(0)

    assert [str(r.status) for r in results] == ["SUCCESSFUL", "FAILED", "SUCCESSFUL", "SUCCESSFUL"]
    assert "the database went away" in caplog.text


@pytest.mark.parametrize("setting, started", [(True, 1), (False, 0)])
def test_run_starts_the_clock_unless_it_is_turned_off(db, monkeypatch, settings, setting, started):
    import uvicorn
    from django.core.management import call_command

    settings.PEERCIRCLE_CLOCK = setting
    calls = []
    monkeypatch.setattr(clock, "start_in_thread", lambda: calls.append("clock"))
    monkeypatch.setattr(uvicorn, "run", lambda *args, **kwargs: calls.append("serve"))

    call_command("run")

    assert calls == ["clock"] * started + ["serve"]


def test_notifications_are_in_the_export_and_gone_with_the_account(member):
    NotificationFactory(recipient=member, title="Meeting reminder: Tuesday")
    NotificationPreferencesFactory(user=member, reminder_lead="both", email_details=True)

    exported = account_export(user=member)["notifications"]
    account_delete(user=member)

    assert exported["preferences"]["reminder_lead"] == "both" and exported["preferences"]["email_details"] is True
    assert [n["title"] for n in exported["notifications"]] == ["Meeting reminder: Tuesday"]
    assert not Notification.objects.filter(recipient=member).exists()
    assert not NotificationPreferences.objects.filter(user=member).exists()
