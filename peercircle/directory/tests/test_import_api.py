"""The import API: the same previews and imports as the pages, in JSON, for an organization's
admins only."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from peercircle.accounts.tests.factories import PersonalTokenFactory
from peercircle.core.tests.helpers import signed_in
from peercircle.directory.models import ImportRun
from peercircle.directory.tests.import_samples import BAD_ROW_MESSAGES, third_party
from peercircle.groups.models import SupportGroup

pytestmark = pytest.mark.django_db
JSON = "application/json"
IMPORTS = "/api/v1/organizations/hillside/imports"


def test_a_json_payload_is_previewed_then_applied_once(hillside_admin_client, other_organization):
    previewed = hillside_admin_client.post(IMPORTS, {"payload": third_party()}, content_type=JSON)

    assert previewed.status_code == 201
    body = previewed.json()
    assert (body["status"], body["source_kind"], body["source_name"]) == ("previewed", "meeting_guide",
                                                                          "JSON sent to the API")
    assert body["counts"] == {"create": 3, "update": 0, "unchanged": 0, "skip": 4, "vanished": 0, "listings": 3}
    assert [row["message"] for row in body["rows"] if row["action"] == "skip"] == BAD_ROW_MESSAGES
    assert body["rows"][0]["schedule"] == "every Tuesday at 19:00 (60 minutes)"
    assert not SupportGroup.objects.exists()

    applied = hillside_admin_client.post(f"{IMPORTS}/{body['id']}/apply")
    again = hillside_admin_client.post(f"{IMPORTS}/{body['id']}/apply")

    assert applied.status_code == 200 and applied.json()["status"] == "applied"
    assert {row["group_slug"] for row in applied.json()["rows"] if row["action"] == "create"} == {
        "serenity-group", "morning-group"}
    assert again.status_code == 200 and again.json() == applied.json()
    assert SupportGroup.objects.filter(organization=other_organization).count() == 2


def test_a_file_upload_works_with_a_personal_token(hillside_admin):
    token = PersonalTokenFactory(user=hillside_admin)
    feed = SimpleUploadedFile("meetings.json", json.dumps(third_party()).encode(), content_type=JSON)

    sent = Client().post(IMPORTS, {"file": feed, "kind": "meeting_guide"},
                         headers={"Authorization": f"Bearer {token.raw_token}"})

    assert sent.status_code == 201 and sent.json()["source_name"] == "meetings.json"
    assert sent.json()["counts"]["listings"] == 3


def test_runs_are_listed_and_read(hillside_admin_client):
    first = hillside_admin_client.post(IMPORTS, {"payload": third_party()}, content_type=JSON).json()
    second = hillside_admin_client.post(IMPORTS, {"payload": third_party()[:1]}, content_type=JSON).json()

    listed = hillside_admin_client.get(IMPORTS)
    one = hillside_admin_client.get(f"{IMPORTS}/{first['id']}")

    assert listed.status_code == 200
    assert [run["id"] for run in listed.json()] == [second["id"], first["id"]]
    assert "rows" not in listed.json()[0]
    assert one.status_code == 200 and len(one.json()["rows"]) == 7
    assert hillside_admin_client.get(f"{IMPORTS}/999999").status_code == 404


def test_a_preview_can_be_discarded(hillside_admin_client):
    run = hillside_admin_client.post(IMPORTS, {"payload": third_party()}, content_type=JSON).json()

    discarded = hillside_admin_client.post(f"{IMPORTS}/{run['id']}/discard")
    refused = hillside_admin_client.post(f"{IMPORTS}/{run['id']}/apply")

    assert discarded.status_code == 200 and discarded.json()["status"] == "discarded"
    assert refused.status_code == 400 and "This preview was discarded" in refused.json()["detail"]


@pytest.mark.parametrize(("body", "message"), [
    ({}, "Please choose a file, or give the web address of a feed."),
    ({"payload": []}, "The feed is empty"),
    ({"payload": third_party(), "url": "https://example.org/x.json"}, "not both"),
    ({"payload": third_party(), "kind": "hsds"}, "This looks like a Meeting Guide feed, not an HSDS export"),
    ({"url": "file:///etc/passwd"}, "Please give a web address starting with https://"),
    ([1, 2], "Send an object"),
])
def test_bad_requests_answer_400_with_a_message_and_keep_nothing(hillside_admin_client, body, message):
    answer = hillside_admin_client.post(IMPORTS, body, content_type=JSON)

    assert answer.status_code == 400 and message in answer.json()["detail"]
    assert not ImportRun.objects.exists()


def test_a_body_that_is_not_json_answers_400(hillside_admin_client):
    answer = hillside_admin_client.post(IMPORTS, "{not json", content_type=JSON)

    assert answer.status_code == 400 and "The request isn't JSON" in answer.json()["detail"]


@pytest.mark.parametrize("who", ["member", "facilitator", "hillside_facilitator", "org_admin"])
def test_anyone_but_the_organizations_admins_gets_404(who, request, hillside_admin_client):
    run = hillside_admin_client.post(IMPORTS, {"payload": third_party()}, content_type=JSON).json()
    client = signed_in(request.getfixturevalue(who))

    assert client.post(IMPORTS, {"payload": third_party()}, content_type=JSON).status_code == 404
    assert client.get(IMPORTS).status_code == 404
    assert client.get(f"{IMPORTS}/{run['id']}").status_code == 404
    assert client.post(f"{IMPORTS}/{run['id']}/apply").status_code == 404
    assert Client().get(IMPORTS).status_code == 401
    assert not SupportGroup.objects.exists()


def test_my_data_export_names_the_imports_i_ran_and_deleting_my_account_unlinks_them(hillside_admin,
                                                                                     hillside_admin_client):
    from peercircle.accounts.tests.factories import PASSWORD

    run = hillside_admin_client.post(IMPORTS, {"payload": third_party()}, content_type=JSON).json()
    hillside_admin_client.post(f"{IMPORTS}/{run['id']}/apply")

    (mine,) = hillside_admin_client.get("/api/v1/me/export").json()["listing_imports"]["runs"]
    deleted = hillside_admin_client.post("/api/v1/me/delete", {"password": PASSWORD}, content_type=JSON)

    assert (mine["organization"], mine["status"], mine["previewed_by_you"], mine["applied_by_you"]) == (
        "hillside", "applied", True, True)
    assert deleted.status_code == 200
    kept = ImportRun.objects.get()
    assert (kept.created_by, kept.applied_by, kept.status) == (None, None, "applied")
