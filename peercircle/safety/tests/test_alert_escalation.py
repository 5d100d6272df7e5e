"""Paging and escalation, on a controllable clock: an imminent alert pages the first
moderator on duty, escalates down the rota when nobody acknowledges it in time, stops once
someone does, and never pages anybody twice however often the dispatcher runs."""

from datetime import timedelta

import pytest
from django.core import mail

from peercircle.core.models import AuditEntry
from peercircle.core.tests.helpers import signed_in
from peercircle.core.text import after_store, prepare_user_text
from peercircle.notifications import clock
from peercircle.notifications.models import Notification
from peercircle.safety import tasks
from peercircle.safety.alerts import safety_alert_escalations_dispatch
from peercircle.safety.models import AlertStatus, SafetyAlert, ScreeningEvent
from peercircle.safety.tests.alert_helpers import HIGH, IMMINENT, moderator_of, paged, writes

pytestmark = pytest.mark.django_db


@pytest.fixture
def kit(organization):
    return moderator_of(organization, email="kit@example.org", name="Kit")


@pytest.fixture
def lou(organization):
    return moderator_of(organization, email="lou@example.org", name="Lou")


@pytest.fixture
def rota(org_admin_client, moderator, kit, lou):
    """Kit first, then Mo, on duty; Lou a moderator but off duty — set up on the rota page."""
    for person in (kit, moderator):
        org_admin_client.post("/safety/rota/harbour/duty/", {"moderator": person.pk, "on_duty": "1"})
    org_admin_client.post("/safety/rota/harbour/move/", {"moderator": kit.pk, "direction": "up"})
    return [kit, moderator]


def test_imminent_alert_pages_first_on_duty_then_escalates_until_acknowledged(
        member, rota, kit, moderator, lou, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        alert = writes(member, IMMINENT)

    assert alert.level == "imminent" and alert.status == AlertStatus.OPEN
    assert paged(alert) == ["kit@example.org"]
    assert [message.to for message in mail.outbox] == [["kit@example.org"]]
    assert ScreeningEvent.objects.get().handled_at is not None
    start = alert.paged_at

    assert safety_alert_escalations_dispatch(now=start + timedelta(minutes=4, seconds=59)) == 0
    assert paged(alert) == ["kit@example.org"]

    assert safety_alert_escalations_dispatch(now=start + timedelta(minutes=5)) == 1
    assert paged(alert) == ["kit@example.org", "moderator@example.org"]
    # The same minute again, and through the task the clock enqueues: nobody is paged twice.
    assert safety_alert_escalations_dispatch(now=start + timedelta(minutes=5)) == 0
    tasks.safety_alert_escalations_dispatch.enqueue((start + timedelta(minutes=6)).isoformat())
    assert paged(alert) == ["kit@example.org", "moderator@example.org"]

    signed_in(moderator).post(f"/safety/alerts/{alert.pk}/acknowledge/")
    alert.refresh_from_db()
    assert alert.status == AlertStatus.ACKNOWLEDGED and alert.acknowledged_by == moderator

    assert safety_alert_escalations_dispatch(now=start + timedelta(minutes=30)) == 0
    assert paged(alert) == ["kit@example.org", "moderator@example.org"]
    assert AuditEntry.objects.filter(action="safety_alert.page").count() == 2
    assert AuditEntry.objects.filter(action="safety_alert.acknowledge", actor=moderator).exists()


def test_when_the_rota_is_used_up_every_moderator_is_paged_once(member, rota, lou):
    alert = writes(member, IMMINENT)
    start = alert.paged_at

    safety_alert_escalations_dispatch(now=start + timedelta(minutes=5))
    safety_alert_escalations_dispatch(now=start + timedelta(minutes=10))
    safety_alert_escalations_dispatch(now=start + timedelta(minutes=15))

    assert paged(alert) == ["kit@example.org", "moderator@example.org", "lou@example.org"]


def test_with_nobody_on_duty_every_moderator_is_paged_at_once(member, moderator, kit):
    alert = writes(member, IMMINENT)

    assert sorted(paged(alert)) == ["kit@example.org", "moderator@example.org"]
    assert safety_alert_escalations_dispatch(now=alert.paged_at + timedelta(hours=1)) == 0


def test_a_high_alert_tells_those_on_duty_without_escalation(member, rota, lou):
    alert = writes(member, HIGH)

    assert alert.level == "high"
    assert sorted(paged(alert)) == ["kit@example.org", "moderator@example.org"]
    assert safety_alert_escalations_dispatch(now=alert.opened_at + timedelta(hours=2)) == 0
    assert "lou@example.org" not in paged(alert)


def test_ordinary_text_opens_no_alert(member, rota):
    assert writes(member, "Had a good walk by the sea today.") is None
    assert paged() == []


def test_the_escalation_timer_can_be_configured(settings, member, rota):
    settings.PEERCIRCLE_ALERT_ESCALATE_MINUTES = 2
    alert = writes(member, IMMINENT)

    assert safety_alert_escalations_dispatch(now=alert.paged_at + timedelta(minutes=2)) == 1


def test_the_clock_runs_the_escalation_every_minute():
    assert (tasks.safety_alert_escalations_dispatch, 1) in clock.SCHEDULE


def test_confidential_text_is_never_copied_into_the_alert(member, moderator):
    prepared = prepare_user_text(text=IMMINENT)
    after_store(prepared=prepared, author=member, target=member.profile, context="experience.story",
                confidential=True)
    alert = SafetyAlert.objects.get()
    assert alert.confidential and alert.text_html == ""
    assert "pills" not in str(alert.__dict__)


def test_a_moderator_is_paged_in_their_language(member, moderator):
    moderator.language = "es"
    moderator.save(update_fields=["language"])

    alert = writes(member, IMMINENT)

    note = Notification.objects.get(recipient=moderator)
    assert note.title == "Alerta de seguridad: alguien puede necesitar ayuda ahora"
    assert note.url == f"/safety/alerts/{alert.pk}/"
