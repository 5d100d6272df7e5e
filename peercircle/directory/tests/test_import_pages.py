"""The import pages, as an organization's admin uses them: upload → preview → import → what
was done, with no JavaScript; and nobody else can reach them."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from peercircle.core.tests.helpers import form_values, outline, signed_in, text
from peercircle.directory.imports import services as import_services
from peercircle.directory.models import ImportRun
from peercircle.directory.tests.import_samples import BAD_ROW_MESSAGES, third_party
from peercircle.groups.models import SupportGroup

pytestmark = pytest.mark.django_db
IMPORTS = "/organizations/hillside/manage/imports/"


def upload(payload, name="meetings.json") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, json.dumps(payload).encode(), content_type="application/json")


def start(client, payload=None, **fields):
    data = {"kind": "auto", "url": "", **fields}
    if payload is not None:
        data["file"] = upload(payload)
    return client.post(IMPORTS, data)


def test_the_manage_page_links_to_imports(hillside_admin_client):
    page = hillside_admin_client.get("/organizations/hillside/manage/")

    assert page.status_code == 200
    assert f'href="{IMPORTS}"' in page.content.decode()


def test_upload_preview_and_import_without_javascript(hillside_admin_client, other_organization):
    page = hillside_admin_client.get(IMPORTS)
    assert page.status_code == 200
    assert "Import listings" in text(page) and "No imports yet." in text(page)
    shape = outline(page)
    assert shape.unlabelled_fields() == [] and shape.executable() == [] and shape.h1_count == 1
    assert 'enctype="multipart/form-data"' in page.content.decode()

    sent = start(hillside_admin_client, third_party())

    run = ImportRun.objects.get()
    assert sent.status_code == 302 and sent["Location"] == f"{IMPORTS}{run.pk}/"
    preview = hillside_admin_client.get(sent["Location"])
    shown = text(preview)
    assert "Preview of the import" in shown and "meetings.json" in shown
    assert "Will be created" in shown and "Will be skipped" in shown
    assert "A new group “Serenity Group”, meeting every Tuesday at 19:00 (60 minutes)" in shown
    for message in BAD_ROW_MESSAGES:
        reason = message.split("): ", 1)[1]
        assert reason[0].upper() + reason[1:] in shown  # next to its row number and name
    assert "Import 3 listings" in shown
    assert "3 to create · 0 to update · 4 to skip · 0 unchanged" in shown
    assert outline(preview).executable() == []
    assert not SupportGroup.objects.exists()

    done = hillside_admin_client.post(f"{IMPORTS}{run.pk}/apply/")

    assert done.status_code == 302 and done["Location"] == f"{IMPORTS}{run.pk}/"
    result = text(hillside_admin_client.get(done["Location"]))
    assert "What was imported" in result and "Done. Here is what was imported." in result
    assert "3 created · 0 updated · 4 skipped · 0 unchanged" in result
    assert "Open the group" in result and "Import 3 listings" not in result
    assert SupportGroup.objects.filter(organization=other_organization).count() == 2
    # The run is listed with what it did.
    listed = text(hillside_admin_client.get(IMPORTS))
    assert "meetings.json" in listed and "Imported" in listed


def test_importing_again_shows_the_one_change_and_what_left_the_feed(hillside_admin_client):
    start(hillside_admin_client, third_party())
    hillside_admin_client.post(f"{IMPORTS}{ImportRun.objects.get().pk}/apply/")
    feed = [entry for entry in third_party() if entry["slug"] != "serenity-weekend"]
    feed[1]["time"], feed[1]["end_time"] = "07:15", "07:45"

    second = start(hillside_admin_client, feed)
    shown = text(hillside_admin_client.get(second["Location"]))

    assert "Will be updated" in shown and "The meeting changes: start time 07:00 → 07:15" in shown
    # The weekend meeting is left running, so the group still speaks its Spanish.
    assert "details change" not in shown
    assert "No change" in shown and "Import 1 listing" in shown
    assert "No longer in the feed" in shown
    assert "“Serenity Weekend” of “Serenity Group” is no longer in the feed — left as it is" in shown


def test_a_file_that_is_not_json_is_refused_and_the_address_typed_is_kept(hillside_admin_client):
    not_json = hillside_admin_client.post(IMPORTS, {"kind": "auto", "url": "",
                                                     "file": SimpleUploadedFile("notes.txt", b"name,day\nA,1\n")})
    bad_address = hillside_admin_client.post(IMPORTS, {"kind": "hsds", "url": "ftp://example.org/feed.json"})
    nothing = hillside_admin_client.post(IMPORTS, {"kind": "auto", "url": ""})

    assert not_json.status_code == 200
    assert "That isn't JSON (the first problem is on line 1, column 1)" in text(not_json)
    assert "please choose it again" in text(not_json)
    assert "Please give a web address starting with https://" in text(bad_address)
    assert 'value="ftp://example.org/feed.json"' in bad_address.content.decode()
    assert form_values(bad_address, "import-form")["kind"] == "hsds"
    assert "Please choose a file, or give the web address of a feed." in text(nothing)
    assert not ImportRun.objects.exists()


def test_a_failure_part_way_is_explained_and_nothing_is_imported(hillside_admin_client, monkeypatch):
    start(hillside_admin_client, third_party())
    run = ImportRun.objects.get()
    monkeypatch.setattr(import_services, "meeting_series_create", lambda **kwargs: 1 / 0)

    done = hillside_admin_client.post(f"{IMPORTS}{run.pk}/apply/", follow=True)

    assert "Nothing was imported: something went wrong on our side part-way through" in text(done)
    assert "Import 3 listings" in text(done)  # still a preview, ready to try again
    assert not SupportGroup.objects.exists()


def test_a_preview_can_be_discarded(hillside_admin_client):
    start(hillside_admin_client, third_party())
    run = ImportRun.objects.get()

    gone = hillside_admin_client.post(f"{IMPORTS}{run.pk}/discard/", follow=True)

    assert "Preview discarded. Nothing was imported." in text(gone)
    run.refresh_from_db()
    assert run.status == "discarded"
    assert "A discarded preview" in text(hillside_admin_client.get(f"{IMPORTS}{run.pk}/"))
    assert hillside_admin_client.post(f"{IMPORTS}{run.pk}/apply/", follow=True).status_code == 200
    assert not SupportGroup.objects.exists()


def test_the_list_of_earlier_imports_takes_the_same_queries_for_more_runs(
        hillside_admin_client, hillside_admin, other_organization, django_assert_max_num_queries):
    for _ in range(3):
        import_services.listing_import_preview(actor=hillside_admin, organization=other_organization,
                                               payload=third_party())
    with django_assert_max_num_queries(14) as few:  # 14: the first page of a session also checks for a suspension (then cached)
        hillside_admin_client.get(IMPORTS)
    for _ in range(5):
        import_services.listing_import_preview(actor=hillside_admin, organization=other_organization,
                                               payload=third_party())

    with django_assert_max_num_queries(len(few.captured_queries)):
        page = hillside_admin_client.get(IMPORTS)

    assert text(page).count("JSON sent to the API") == 8


@pytest.mark.parametrize("who", ["member", "facilitator", "hillside_facilitator", "other_member", "org_admin"])
def test_nobody_but_the_organizations_admins_can_reach_the_pages(who, request, hillside_admin, other_organization):
    run = import_services.listing_import_preview(actor=hillside_admin, organization=other_organization,
                                                 payload=third_party())
    client = signed_in(request.getfixturevalue(who))

    assert client.get(IMPORTS).status_code == 404
    assert client.post(IMPORTS, {"kind": "auto", "url": "https://example.org/x.json"}).status_code == 404
    assert client.get(f"{IMPORTS}{run.pk}/").status_code == 404
    assert client.post(f"{IMPORTS}{run.pk}/apply/").status_code == 404
    assert client.post(f"{IMPORTS}{run.pk}/discard/").status_code == 404
    assert not SupportGroup.objects.exists()


def test_signing_in_is_asked_first_and_a_run_of_another_organization_is_not_found(
        client, hillside_admin_client, org_admin, organization):
    assert client.get(IMPORTS).status_code == 302
    theirs = import_services.listing_import_preview(actor=org_admin, organization=organization, payload=third_party())

    assert hillside_admin_client.get(f"{IMPORTS}{theirs.pk}/").status_code == 404
    assert hillside_admin_client.get(f"/organizations/harbour/manage/imports/{theirs.pk}/").status_code == 404
