"""A person's own crisis plan: written and read through the page and the API, encrypted at
rest, readable by their peer supporter only when shared (404 for everyone else), in the data
export and gone with the account."""

import json

import pytest
from django.db import connection

from peercircle.core.models import AuditEntry
from peercircle.core.tests.helpers import text
from peercircle.safety.models import CrisisPlan

pytestmark = pytest.mark.django_db

PLAN = {
    "warning_signs": "Not sleeping, skipping meals, pulling away from friends.",
    "coping_steps": "Walk the dog by the river. Call my sister.",
    "people_to_contact": "Jo (sister) 07700 900123",
    "professional_contacts": "Dr Patel, Harbour surgery, weekdays",
}


def test_i_write_my_plan_on_its_page_and_open_it_again_later(member_client):
    first = text(member_client.get("/me/crisis-plan/"))
    assert "Write my plan" in first and "My warning signs" in first

    saved = member_client.post("/me/crisis-plan/", PLAN, follow=True)

    page = text(saved)
    assert "Your crisis plan is saved" in page
    assert PLAN["coping_steps"] in page and PLAN["professional_contacts"] in page
    assert "Not shared with your peer supporter." in page
    assert "Edit my plan" in page


def test_the_plan_is_reachable_from_the_help_page_and_the_profile_menu(member_client):
    assert "/me/crisis-plan/" in text(member_client.get("/help/"))
    assert "/me/crisis-plan/" in text(member_client.get("/me/profile/"))


def test_the_plan_is_encrypted_at_rest(member, member_client):
    member_client.post("/me/crisis-plan/", PLAN)

    with connection.cursor() as cursor:
        cursor.execute("SELECT warning_signs, coping_steps FROM safety_crisisplan")
        stored = " ".join(cursor.fetchone())
    assert "sleeping" not in stored and "river" not in stored
    assert CrisisPlan.objects.get(user=member).warning_signs == PLAN["warning_signs"]


def test_the_api_reads_writes_and_deletes_my_plan(member_client):
    empty = member_client.get("/api/v1/me/crisis-plan").json()
    assert empty["warning_signs"] == "" and empty["updated_at"] is None

    put = member_client.put("/api/v1/me/crisis-plan", {**PLAN, "shared_with_supporter": True},
                            content_type="application/json")
    assert put.status_code == 200 and put.json()["shared_with_supporter"] is True
    assert member_client.get("/api/v1/me/crisis-plan").json()["people_to_contact"] == PLAN["people_to_contact"]

    member_client.put("/api/v1/me/crisis-plan", {"warning_signs": "<script>x</script>Tired"},
                      content_type="application/json")
    again = member_client.get("/api/v1/me/crisis-plan").json()
    assert again["coping_steps"] == "" and again["shared_with_supporter"] is False

    assert member_client.delete("/api/v1/me/crisis-plan").status_code == 200
    assert not CrisisPlan.objects.exists()


def test_signed_out_people_cannot_reach_a_plan(client):
    assert client.get("/me/crisis-plan/")["Location"].startswith("/accounts/login/")
    assert client.get("/api/v1/me/crisis-plan").status_code == 401


def test_my_peer_supporter_reads_my_plan_only_when_i_share_it(member_client, peer_supporter, peer_supporter_client,
                                                              other_member_client, active_match):
    page = f"/peer-support/matches/{active_match.pk}/crisis-plan/"
    api = f"/api/v1/matches/{active_match.pk}/crisis-plan"
    member_client.post("/me/crisis-plan/", PLAN)

    assert peer_supporter_client.get(page).status_code == 404, "not shared"
    assert page not in text(peer_supporter_client.get(f"/peer-support/matches/{active_match.pk}/"))
    assert peer_supporter_client.get(api).status_code == 404

    member_client.post("/me/crisis-plan/", {**PLAN, "shared_with_supporter": "on"})
    assert page in text(peer_supporter_client.get(f"/peer-support/matches/{active_match.pk}/"))
    shared = peer_supporter_client.get(page)
    assert shared.status_code == 200 and PLAN["coping_steps"] in text(shared) and "Mara" in text(shared)
    assert peer_supporter_client.get(api).json()["warning_signs"] == PLAN["warning_signs"]
    reads = AuditEntry.objects.filter(action="crisis_plan.read_shared")
    assert reads.count() == 2 and {entry.subject_id for entry in reads} == {active_match.member_id}

    assert other_member_client.get(page).status_code == 404, "a stranger"
    assert other_member_client.get(api).status_code == 404
    assert member_client.get(page).status_code == 404, "the member reads theirs at /me/crisis-plan/"

    active_match.status = "ended"
    active_match.save()
    assert peer_supporter_client.get(page).status_code == 404, "the match ended"


def test_my_plan_is_in_my_data_export_and_gone_when_i_delete_my_account(member, member_client):
    from peercircle.accounts.tests.factories import PASSWORD

    member_client.post("/me/crisis-plan/", PLAN)
    export = member_client.post("/me/privacy/export/")
    assert json.loads(export.content)["crisis_plan"]["coping_steps"] == PLAN["coping_steps"]

    deleted = member_client.post("/me/delete/", {"password": PASSWORD, "confirm": "on"})
    assert "Your account is deleted" in text(deleted)
    assert not CrisisPlan.objects.exists()


def test_the_crisis_pages_are_labelled_and_run_no_script(member_client, org_admin_client, organization):
    from peercircle.core.tests.helpers import outline

    for client, path in ((member_client, "/me/crisis-plan/"), (member_client, "/help/?country=GB"),
                         (org_admin_client, f"/organizations/{organization.slug}/manage/crisis-lines/")):
        page = outline(client.get(path))
        assert page.unlabelled_fields() == [], path
        assert page.executable() == [], path
        assert page.h1_count == 1, path


def test_a_paused_account_can_still_open_its_crisis_plan_and_the_lines(member, member_client, moderator):
    from django.utils import timezone

    from peercircle.safety.models import ActionKind, ModerationAction

    member_client.post("/me/crisis-plan/", PLAN)
    ModerationAction.objects.create(moderator=moderator, subject=member, kind=ActionKind.SUSPEND,
                                    reason="A pause.", until=timezone.now() + timezone.timedelta(days=3))
    assert member_client.get("/groups/").status_code == 403

    assert PLAN["coping_steps"] in text(member_client.get("/me/crisis-plan/"))
    assert member_client.get("/api/v1/me/crisis-plan").json()["coping_steps"] == PLAN["coping_steps"]
    assert member_client.get("/api/v1/crisis-lines").status_code == 200


def test_the_moderator_handling_an_alert_sees_the_persons_crisis_plan_and_the_read_is_logged(
        member, member_client, moderator, moderator_client):
    from peercircle.safety.tests.alert_helpers import IMMINENT, writes

    alert = writes(member, IMMINENT)
    page = text(moderator_client.get(f"/safety/alerts/{alert.pk}/"))
    assert "Their crisis plan" not in page, "no plan yet"

    member_client.post("/me/crisis-plan/", PLAN)
    page = text(moderator_client.get(f"/safety/alerts/{alert.pk}/"))
    assert "Their crisis plan" in page and PLAN["coping_steps"] in page
    assert AuditEntry.objects.filter(action="crisisplan.read_confidential", actor=moderator,
                                     subject=member).count() == 1
