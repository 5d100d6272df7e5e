"""The moderators' alert pages and the rota: what a moderator sees and does, with and
without HTMX, and a 404 for everybody else."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from peercircle.accounts.services import account_delete
from peercircle.core.models import AuditEntry
from peercircle.core.tests.helpers import signed_in, text
from peercircle.safety.models import AlertStatus, RotaEntry
from peercircle.safety.tests.alert_helpers import HIGH, IMMINENT, moderator_of, writes

pytestmark = pytest.mark.django_db


@pytest.fixture
def alert(member, moderator):
    return writes(member, IMMINENT)


def test_the_queue_shows_open_alerts_with_their_timers(moderator_client, alert, organization):
    moderator_client.get("/safety/alerts/")  # warm: the site's once-per-process lookups are cached
    with CaptureQueriesContext(connection) as one:
        moderator_client.get("/safety/alerts/")
    for n in range(4):
        writes(moderator_of(organization, email=f"w{n}@example.org", name=f"W{n}"), IMMINENT)
    with CaptureQueriesContext(connection) as five:
        page = moderator_client.get("/safety/alerts/")

    assert page.status_code == 200
    body = text(page)
    assert "Imminent: needs action now" in body and "open for" in body and "Mara" in body
    assert "Time to acknowledgement" in body and "Time to closure" in body
    assert body.count("open for") == 5
    assert len(five) == len(one)  # the queue costs the same whatever its length


def test_the_queue_filters_by_level_and_status(member, moderator_client, alert, other_member):
    high = writes(member, HIGH)

    imminent_only = text(moderator_client.get("/safety/alerts/?level=imminent"))
    assert f"/safety/alerts/{alert.pk}/" in imminent_only and f"/safety/alerts/{high.pk}/" not in imminent_only
    assert "No alerts here." in text(moderator_client.get("/safety/alerts/?status=closed"))
    partial = moderator_client.get("/safety/alerts/?level=high", headers={"HX-Request": "true"})
    assert "<h1>" not in text(partial) and f"/safety/alerts/{high.pk}/" in text(partial)


def test_a_moderator_reads_the_alert_with_what_was_written_and_where(moderator, moderator_client, alert):
    page = text(moderator_client.get(f"/safety/alerts/{alert.pk}/"))

    assert "taking them all tonight" in page
    assert "Profile: about me" in page
    assert "Paged Mo" in page
    assert AuditEntry.objects.filter(action="safetyalert.read_confidential", actor=moderator).exists()


def test_acknowledge_note_contact_and_close_from_the_page(moderator, moderator_client, alert):
    moderator_client.post(f"/safety/alerts/{alert.pk}/acknowledge/")
    moderator_client.post(f"/safety/alerts/{alert.pk}/notes/", {"text": "Calling her **now**."})
    moderator_client.post(f"/safety/alerts/{alert.pk}/contacted/", {"text": "Spoke by phone."})
    closed = moderator_client.post(f"/safety/alerts/{alert.pk}/close/",
                                   {"outcome": "contacted_safe", "text": "With her sister tonight."}, follow=True)

    page = text(closed)
    assert "The alert is closed." in page
    assert "Contacted, and they are safe" in page
    assert "<strong>now</strong>" in page and "Spoke by phone." in page
    alert.refresh_from_db()
    assert alert.status == AlertStatus.CLOSED and alert.closed_by == moderator and alert.contacted_by == moderator
    actions = set(AuditEntry.objects.filter(actor=moderator).values_list("action", flat=True))
    assert {"safety_alert.acknowledge", "safety_alert.note", "safety_alert.contact", "safety_alert.close"} <= actions


def test_closing_needs_an_outcome_and_htmx_swaps_the_alert_in_place(moderator_client, alert):
    response = moderator_client.post(f"/safety/alerts/{alert.pk}/close/", {"outcome": ""},
                                     headers={"HX-Request": "true"})

    assert response.status_code == 200
    assert "Please choose how the alert ended." in text(response)
    assert "<html" not in text(response)
    alert.refresh_from_db()
    assert alert.status == AlertStatus.OPEN


@pytest.mark.parametrize("who", ["member", "facilitator", "org_admin", "peer_supporter", "other_moderator"])
def test_nobody_but_the_organizations_moderators_and_staff_sees_an_alert(who, request, alert, other_organization):
    person = (moderator_of(other_organization, email="om@example.org", name="Om") if who == "other_moderator"
              else request.getfixturevalue(who))
    client = signed_in(person)

    assert client.get(f"/safety/alerts/{alert.pk}/").status_code == 404
    assert client.post(f"/safety/alerts/{alert.pk}/acknowledge/").status_code == 404
    # Someone who moderates elsewhere has a queue, without this alert; others have none.
    listing = client.get("/safety/alerts/")
    assert listing.status_code == 404 or f"/safety/alerts/{alert.pk}/" not in text(listing)
    alert.refresh_from_db()
    assert alert.status == AlertStatus.OPEN


def test_staff_see_every_alert(staff_client, alert):
    assert staff_client.get(f"/safety/alerts/{alert.pk}/").status_code == 200


def test_moderators_go_on_duty_and_reorder_the_rota(organization, moderator, moderator_client):
    kit = moderator_of(organization, email="kit@example.org", name="Kit")

    moderator_client.post("/safety/rota/harbour/duty/", {"moderator": moderator.pk, "on_duty": "1"})
    page = moderator_client.post("/safety/rota/harbour/move/", {"moderator": kit.pk, "direction": "up"},
                                 follow=True)

    body = text(page)
    assert body.index("<strong>Kit</strong>") < body.index("<strong>Mo</strong>") and "On duty" in body
    assert list(RotaEntry.objects.order_by("position").values_list("moderator__email", "on_duty")) == [
        ("kit@example.org", False), ("moderator@example.org", True)]
    assert AuditEntry.objects.filter(action="rota_entry.duty", actor=moderator).exists()
    partial = moderator_client.post("/safety/rota/harbour/duty/", {"moderator": kit.pk, "on_duty": "1"},
                                    headers={"HX-Request": "true"})
    assert "<h1>" not in text(partial) and "Go off duty" in text(partial)


def test_the_rota_is_only_for_the_organizations_moderators_and_admins(organization, member_client, org_admin_client,
                                                                       other_member_client, moderator):
    assert org_admin_client.get("/safety/rota/harbour/").status_code == 200
    assert member_client.get("/safety/rota/harbour/").status_code == 404
    assert other_member_client.post("/safety/rota/harbour/duty/",
                                    {"moderator": moderator.pk, "on_duty": "1"}).status_code == 404
    assert not RotaEntry.objects.exists()


def test_an_erased_account_leaves_no_name_or_words_in_its_alerts(member, moderator_client, alert):
    account_delete(user=member)

    alert.refresh_from_db()
    assert alert.person is None and alert.text_html == ""
    page = text(moderator_client.get(f"/safety/alerts/{alert.pk}/"))
    assert "taking them all tonight" not in page and "An account that no longer exists" in page
