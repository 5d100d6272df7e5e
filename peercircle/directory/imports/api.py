"""The import API, for an organization's admins: send a file (multipart, field `file`), an
address (`{"url": …}`) or the JSON itself (`{"payload": …}`) to get a preview; apply it;
list and read runs. Anyone else gets 404."""

import json
from datetime import datetime

from django.core.exceptions import RequestDataTooBig
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from peercircle.directory.access import (
    import_organization_or_404,
    import_run_or_404,
    import_runs_for,
)
from peercircle.directory.imports.common import ListingImportError
from peercircle.directory.imports.services import (
    listing_import_apply,
    listing_import_discard,
    listing_import_preview,
)
from peercircle.directory.imports.source import AUTO
from peercircle.organizations.selectors import organization_detail

router = Router(tags=["imports"])


class Message(Schema):
    detail: str


class ImportRowOut(Schema):
    number: int
    label: str
    action: str  # create, update, unchanged or skip
    reason: str
    message: str
    group: str
    schedule: str
    notes: list[str]
    group_slug: str


class VanishedOut(Schema):
    key: str
    group: str
    group_slug: str
    meeting: str
    message: str


class ImportRunSummaryOut(Schema):
    id: int
    status: str  # previewed, applied or discarded
    source_kind: str
    source_name: str
    created_at: datetime
    applied_at: datetime | None
    counts: dict[str, int]


class ImportRunOut(ImportRunSummaryOut):
    rows: list[ImportRowOut]
    vanished: list[VanishedOut]


def _organization(request, slug):
    return import_organization_or_404(request.auth, organization_detail(slug=slug))


def _request_source(request) -> dict:
    if request.content_type == "multipart/form-data":
        return {"file": request.FILES.get("file"), "url": request.POST.get("url", ""),
                "kind": request.POST.get("kind") or AUTO}
    try:
        body = json.loads(request.body or b"{}")
    except RequestDataTooBig as error:
        raise ListingImportError(_("That is too much to send as JSON in one request. Upload the file instead "
                                   "(multipart/form-data, field “file”).")) from error
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise ListingImportError(_("The request isn't JSON. Send {\"url\": …} or {\"payload\": …}, or upload a "
                                   "file.")) from error
    if not isinstance(body, dict):
        raise ListingImportError(_("Send an object: {\"url\": …} or {\"payload\": …}."))
    kind = body.get("kind") or AUTO
    return {"payload": body.get("payload"), "url": body.get("url") or "", "kind": kind if isinstance(kind, str) else ""}


@router.post("/organizations/{slug}/imports", response={201: ImportRunOut, 400: Message, 404: Message},
             summary="Preview an import of listings (organization admins)")
def import_preview(request, slug: str):
    """Read a Meeting Guide feed or an HSDS export and answer what importing it would do:
    each row created, updated, unchanged or skipped, with the reason. Nothing changes yet.
    `kind` is `auto` (default), `meeting_guide` or `hsds`."""
    organization = _organization(request, slug)
    run = listing_import_preview(actor=request.auth, organization=organization, **_request_source(request))
    return Status(201, run)


@router.post("/organizations/{slug}/imports/{run_id}/apply", response={200: ImportRunOut, 400: Message, 404: Message},
             summary="Carry out a previewed import (organization admins)")
def import_apply(request, slug: str, run_id: int):
    """All or nothing: good rows are created or updated, bad rows skipped with their reason.
    Applying an applied run again changes nothing."""
    organization = _organization(request, slug)
    return listing_import_apply(actor=request.auth, run=import_run_or_404(request.auth, organization, run_id))


@router.post("/organizations/{slug}/imports/{run_id}/discard",
             response={200: ImportRunSummaryOut, 400: Message, 404: Message},
             summary="Set a preview aside without importing (organization admins)")
def import_discard(request, slug: str, run_id: int):
    organization = _organization(request, slug)
    return listing_import_discard(actor=request.auth, run=import_run_or_404(request.auth, organization, run_id))


@router.get("/organizations/{slug}/imports", response={200: list[ImportRunSummaryOut], 404: Message},
            summary="Earlier imports, newest first (organization admins)")
def import_list(request, slug: str):
    organization = _organization(request, slug)
    return list(import_runs_for(request.auth, organization).defer("payload", "plan", "result")[:100])


@router.get("/organizations/{slug}/imports/{run_id}", response={200: ImportRunOut, 404: Message},
            summary="One import: its rows and what was (or would be) done")
def import_detail(request, slug: str, run_id: int):
    organization = _organization(request, slug)
    return import_run_or_404(request.auth, organization, run_id)
