"""The matching API: the same flow, rules and 404s as the pages, in JSON."""

import pytest
from django.test import Client

from peercircle.core.tests.helpers import signed_in
from peercircle.matching.models import (
    Match,
    MatchStatus,
    RequestStatus,
    SupporterProgram,
    SupportRequest,
)

pytestmark = pytest.mark.django_db
JSON = "application/json"
ADMIN = "/api/v1/programs/harbour/walking-alongside"


def post(client, path, data=None):
    return client.post(f"/api/v1{path}", data or {}, content_type=JSON)


def put(client, path, data):
    return client.put(f"/api/v1{path}", data, content_type=JSON)


def asking(**changes) -> dict:
    values = {"organization": "harbour", "program": "walking-alongside", "experience_codes": ["grief.parent"],
              "age_band": "26_40", "languages": ["en"], "formats": ["chat"], "timezone": "Europe/London",
              "availability": [{"day": 1, "start": "18:00", "end": "21:00"}], "story": "Only mine to read."}
    values.update(changes)
    return values


def test_a_peer_supporter_keeps_their_profile_through_the_api(peer_supporter_client, member_client, program):
    assert peer_supporter_client.get("/api/v1/me/supporter-profile").status_code == 404  # none yet
    refused = put(peer_supporter_client, "/me/supporter-profile",
                  {"languages": [], "formats": ["chat"], "timezone": "Europe/London"})
    saved = put(peer_supporter_client, "/me/supporter-profile",
                {"languages": ["en"], "formats": ["chat", "call"], "timezone": "Europe/Madrid", "capacity": 2,
                 "availability": [{"day": 4, "start": "18:00", "end": "20:00"}], "about": "I *listen*."})

    assert refused.status_code == 400 and refused.json()["detail"] == "Choose at least one language you can talk in."
    assert saved.status_code == 200
    body = peer_supporter_client.get("/api/v1/me/supporter-profile").json()
    assert body["capacity"] == 2 and body["load"] == 0 and body["timezone"] == "Europe/Madrid"
    assert body["availability"] == [{"day": 4, "start": "18:00", "end": "20:00"}]
    assert body["about_html"] == "<p>I <em>listen</em>.</p>\n" and body["programs"] == []
    assert put(member_client, "/me/supporter-profile", {"languages": ["en"], "formats": ["chat"],
                                                        "timezone": "UTC"}).status_code == 404


def test_programs_then_a_request_then_its_proposal(member, member_client, program, make_supporter,
                                                  django_capture_on_commit_callbacks):
    make_supporter("Sol")
    programs = member_client.get("/api/v1/programs/one-to-one").json()
    assert [(p["organization"], p["slug"]) for p in programs] == [("harbour", "walking-alongside")]

    with django_capture_on_commit_callbacks(execute=True):
        created = post(member_client, "/support-requests", asking())

    assert created.status_code == 201
    body = created.json()
    assert body["status"] == "waiting" and body["story"] == "Only mine to read."
    found = member_client.get(f"/api/v1/support-requests/{body['id']}").json()
    assert found["status"] == "proposed" and found["match"] is not None
    assert [r["id"] for r in member_client.get("/api/v1/support-requests").json()] == [body["id"]]
    again = post(member_client, "/support-requests", asking())
    assert again.status_code == 400 and "already have a request" in again.json()["detail"]


def test_a_refused_request_says_why(member_client, program):
    response = post(member_client, "/support-requests", asking(formats=[]))

    assert response.status_code == 400
    assert response.json()["detail"] == "Choose at least one way to talk: chat, phone, video or in person."
    assert not SupportRequest.objects.exists()
    assert post(member_client, "/support-requests", asking(program="nowhere")).status_code == 404
    assert post(Client(), "/support-requests", asking()).status_code == 401


@pytest.fixture
def proposed(member, program, make_supporter, ask, django_capture_on_commit_callbacks):
    make_supporter("Sol")
    ask(member, capture=django_capture_on_commit_callbacks, story="Only mine to read.", supporter_gender="")
    return Match.objects.get(member=member)


def test_the_flow_through_the_api(member_client, proposed, django_capture_on_commit_callbacks):
    supporter = signed_in(proposed.supporter)
    seen = supporter.get(f"/api/v1/matches/{proposed.pk}").json()
    assert seen["side"] == "supporter" and seen["member_name"] is None and seen["score"] is None
    assert seen["request"]["experiences"] == ["grief.parent"] and "story" not in seen["request"]
    assert "Only mine" not in str(seen) and "Mara" not in str(seen)
    assert "You both have lived experience of loss of a parent" in seen["explanation"]
    assert {"k": "experience_same", "code": "grief.parent"} in seen["reasons"]
    assert seen["can_accept"] and seen["request_id"] is None

    early = post(member_client, f"/matches/{proposed.pk}/accept")
    assert early.status_code == 400  # the supporter answers first

    with django_capture_on_commit_callbacks(execute=True):
        assert post(supporter, f"/matches/{proposed.pk}/accept").json()["status"] == "supporter_accepted"
    offered = member_client.get(f"/api/v1/matches/{proposed.pk}").json()
    assert offered["supporter_name"] == "Sol" and offered["can_accept"] and offered["request"] is None
    assert "Both free Tuesday evening" in offered["explanation"]

    with django_capture_on_commit_callbacks(execute=True):
        started = post(member_client, f"/matches/{proposed.pk}/accept").json()
    assert started["status"] == "active" and started["started_at"]
    assert supporter.get(f"/api/v1/matches/{proposed.pk}").json()["member_name"] == "Mara"
    assert [m["id"] for m in supporter.get("/api/v1/matches").json()] == [proposed.pk]

    with django_capture_on_commit_callbacks(execute=True):
        ended = post(member_client, f"/matches/{proposed.pk}/end", {"block": True}).json()
    assert ended["status"] == "ended" and ended["can_renew"]
    renewed = post(member_client, f"/matches/{proposed.pk}/renew")
    assert renewed.status_code == 201 and renewed.json()["status"] == "waiting"
    assert post(member_client, f"/matches/{proposed.pk}/renew").status_code == 400  # one open request
    assert post(supporter, f"/matches/{proposed.pk}/renew").status_code == 404


def test_declining_with_a_reason(proposed, django_capture_on_commit_callbacks):
    supporter = signed_in(proposed.supporter)

    with django_capture_on_commit_callbacks(execute=True):
        declined = post(supporter, f"/matches/{proposed.pk}/decline", {"reason": "Not the right time"})

    assert declined.status_code == 200 and declined.json()["status"] == "declined"
    proposed.refresh_from_db()
    assert proposed.decline_reason == "Not the right time"
    assert SupportRequest.objects.get(pk=proposed.request_id).status == RequestStatus.WAITING


def test_withdrawing_a_request(member_client, proposed, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(member_client, f"/support-requests/{proposed.request_id}/withdraw")

    assert response.status_code == 200 and response.json()["status"] == "closed"
    proposed.refresh_from_db()
    assert proposed.status == MatchStatus.WITHDRAWN


@pytest.mark.parametrize("who", ["other_member", "peer_supporter", "facilitator"])
def test_strangers_and_other_supporters_find_nothing(request, who, proposed):
    client = signed_in(request.getfixturevalue(who))

    assert client.get(f"/api/v1/matches/{proposed.pk}").status_code == 404
    for action in ("accept", "decline", "end", "renew"):
        assert post(client, f"/matches/{proposed.pk}/{action}").status_code == 404
    assert client.get(f"/api/v1/support-requests/{proposed.request_id}").status_code == 404
    assert post(client, f"/support-requests/{proposed.request_id}/withdraw").status_code == 404
    assert client.get("/api/v1/matches").json() == []
    assert client.get(f"{ADMIN}/waiting-list").status_code == 404
    assert client.get(f"{ADMIN}/matching-settings").status_code == 404
    proposed.refresh_from_db()
    assert proposed.status == MatchStatus.PROPOSED


def test_an_admin_reads_the_request_without_the_story_and_cannot_answer(org_admin_client, proposed):
    found = org_admin_client.get(f"/api/v1/support-requests/{proposed.request_id}").json()
    match = org_admin_client.get(f"/api/v1/matches/{proposed.pk}").json()

    assert found["story"] is None
    assert match["side"] == "admin" and match["score"] is not None and match["supporter_name"] == "Sol"
    assert post(org_admin_client, f"/matches/{proposed.pk}/accept").status_code == 404


def test_the_admins_waiting_list_says_why_and_the_batch_proposes(org_admin_client, member, program, ask,
                                                                 make_supporter, django_capture_on_commit_callbacks):
    ask(member, capture=django_capture_on_commit_callbacks)

    waiting = org_admin_client.get(f"{ADMIN}/waiting-list").json()

    assert len(waiting) == 1 and waiting[0]["experiences"] == ["grief.parent"]
    assert waiting[0]["why_no_match"] == [{"constraint": "program", "left": 0,
                                           "text": "0 supporters serve this program"}]
    assert waiting[0]["why_summary"] == "Add peer supporters to this program below."

    make_supporter("Sol")
    with django_capture_on_commit_callbacks(execute=True):
        batch = post(org_admin_client, "/programs/harbour/walking-alongside/match-waiting-list",
                     {"method": "greedy"}).json()
    assert batch["method"] == "greedy" and batch["proposed"] == 1 and batch["waiting"] == 0
    assert org_admin_client.get(f"{ADMIN}/waiting-list").json() == []


def test_the_admins_tune_the_weights(org_admin_client, program):
    current = org_admin_client.get(f"{ADMIN}/matching-settings").json()
    assert current["weights"]["experience"] == 0.4 and current["longest_wait_days"] == 28

    refused = put(org_admin_client, "/programs/harbour/walking-alongside/matching-settings",
                  {**current, "weights": {**current["weights"], "load": 2}})
    saved = put(org_admin_client, "/programs/harbour/walking-alongside/matching-settings",
                {**current, "weights": {**current["weights"], "load": 0.3}, "answer_within_days": 5})

    assert refused.status_code == 400 and refused.json()["detail"] == "Each weight is a number from 0 to 1."
    assert saved.status_code == 200 and saved.json()["weights"]["load"] == 0.3
    assert saved.json()["answer_within_days"] == 5


def test_the_admins_put_supporters_on_the_program(org_admin_client, program, peer_supporter, other_organization):
    from peercircle.accounts.tests.factories import UserFactory
    from peercircle.matching.services import supporter_profile_update
    from peercircle.matching.tests.factories import SupporterProfileFactory
    from peercircle.organizations.tests.factories import MembershipFactory

    profile = supporter_profile_update(user=peer_supporter, languages=["en"], formats=["chat"],
                                       timezone_name="Europe/London", availability=[])
    path = f"/programs/harbour/walking-alongside/supporters/{peer_supporter.public_id}"

    added = put(org_admin_client, path, {"certified": True, "youth_trained": True})

    assert added.status_code == 200 and added.json()["serves"] and added.json()["youth_trained"]
    assert SupporterProgram.objects.get(supporter=profile).youth_trained
    listed = org_admin_client.get(f"{ADMIN}/supporters").json()
    assert [s["person"] for s in listed] == [str(peer_supporter.public_id)]
    removed = put(org_admin_client, path, {"serves": False})
    assert removed.json()["serves"] is False and not SupporterProgram.objects.exists()

    stranger = UserFactory()
    MembershipFactory(user=stranger, organization=other_organization, role="peer_supporter")
    SupporterProfileFactory(user=stranger)
    assert put(org_admin_client, f"/programs/harbour/walking-alongside/supporters/{stranger.public_id}",
               {"certified": True}).status_code == 404
