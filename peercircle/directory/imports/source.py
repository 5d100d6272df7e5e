"""From bytes to rows: decode the JSON, tell the two formats apart, and keep to the limits.
Every refusal is a ListingImportError whose message says what to do next."""

import json
from datetime import date

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from peercircle.directory.imports import hsds, meeting_guide
from peercircle.directory.imports.common import ListingImportError, SourceRow
from peercircle.directory.models import SourceKind

AUTO = "auto"
KINDS = (AUTO, SourceKind.MEETING_GUIDE, SourceKind.HSDS)


def max_bytes() -> int:
    return settings.PEERCIRCLE_IMPORT_MAX_BYTES


def max_rows() -> int:
    return settings.PEERCIRCLE_IMPORT_MAX_ROWS


def too_big() -> ListingImportError:
    return ListingImportError(_("That file is larger than %(size)s MB, the most PeerCircle reads at once. "
                                "Please split it into smaller files.") % {"size": max_bytes() // (1024 * 1024)})


def read_upload(upload) -> bytes:
    if upload.size is not None and upload.size > max_bytes():
        raise too_big()
    raw = upload.read(max_bytes() + 1)
    if len(raw) > max_bytes():
        raise too_big()
    return raw


def decode(raw: bytes):
    if not raw.strip():
        raise ListingImportError(_("That file is empty. Please choose the feed or export file itself."))
    if raw[:4] == b"PK\x03\x04":
        raise ListingImportError(_("That is a ZIP file. PeerCircle reads one JSON file: a Meeting Guide feed, "
                                   "or an HSDS export as JSON (like /feeds/hsds.json)."))
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ListingImportError(_("That file isn't text we can read. A Meeting Guide feed or an HSDS export is "
                                   "a JSON file in UTF-8.")) from error
    try:
        return json.loads(content)
    except json.JSONDecodeError as error:
        raise ListingImportError(_("That isn't JSON (the first problem is on line %(line)s, column %(column)s). "
                                   "A Meeting Guide feed or an HSDS export is a JSON file: check that you chose "
                                   "the right file or address.") % {"line": error.lineno, "column": error.colno}
                                 ) from error


def detect(data, kind: str = AUTO) -> str:
    """The format of `data`, checked against the one asked for."""
    if kind not in KINDS:
        raise ListingImportError(_("Please choose Meeting Guide, HSDS, or “find out from the file”."))
    found = SourceKind.MEETING_GUIDE if isinstance(data, list) else SourceKind.HSDS if hsds.is_hsds(data) else ""
    if not found:
        raise ListingImportError(_("This JSON is neither a Meeting Guide feed (a list of meetings) nor an HSDS "
                                   "export (with a list of services). Check that you chose the right file or "
                                   "address."))
    if kind != AUTO and kind != found:
        if found == SourceKind.HSDS:
            raise ListingImportError(_("This looks like an HSDS export, not a Meeting Guide feed. Choose HSDS, or "
                                       "let PeerCircle find out from the file."))
        raise ListingImportError(_("This looks like a Meeting Guide feed, not an HSDS export. Choose Meeting "
                                   "Guide, or let PeerCircle find out from the file."))
    return found


def check_size(kind: str, data) -> None:
    count = len(data) if kind == SourceKind.MEETING_GUIDE else len(hsds.services_in(data))
    if count == 0:
        if kind == SourceKind.MEETING_GUIDE:
            raise ListingImportError(_("The feed is empty: there are no meetings in it, so there is nothing to "
                                       "import."))
        raise ListingImportError(_("The export has no services in it, so there is nothing to import."))
    if count > max_rows():
        raise ListingImportError(ngettext(
            "The file has %(count)s row; PeerCircle imports up to %(limit)s at a time. Please split it.",
            "The file has %(count)s rows; PeerCircle imports up to %(limit)s at a time. Please split it.",
            count) % {"count": f"{count:,}", "limit": f"{max_rows():,}"})


def trim(kind: str, data):
    return meeting_guide.trim(data) if kind == SourceKind.MEETING_GUIDE else hsds.trim(data)


def rows(kind: str, data, *, today: date) -> list[SourceRow]:
    return meeting_guide.read(data) if kind == SourceKind.MEETING_GUIDE else hsds.read(data, today=today)
