"""Writes for importing listings: preview (read, plan, keep the run) and apply (plan again
against the data as it is now, then create and update groups and schedules through the
groups services, in one transaction).

Applying: a row the groups services refuse is skipped with their message (its group's
changes undone by a savepoint); anything unexpected undoes everything, so nothing is ever
half imported. Applying a run twice does nothing the second time.
"""

import logging

from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from peercircle.core.audit import audit_record
from peercircle.directory.access import can_import_listings
from peercircle.directory.imports import source
from peercircle.directory.imports.common import ListingImportError
from peercircle.directory.imports.fetch import fetch
from peercircle.directory.imports.plan import (
    CREATE,
    SKIP,
    UPDATE,
    Existing,
    ExistingGroup,
    ExistingSeries,
    Plan,
    PlanRow,
    build_plan,
)
from peercircle.directory.models import ImportedItem, ImportRun, ImportStatus
from peercircle.groups.models import MeetingSeries, SupportGroup
from peercircle.groups.services import (
    GroupError,
    group_create,
    group_update,
    meeting_series_create,
    meeting_series_update,
)

logger = logging.getLogger(__name__)

GROUP_FIELDS = ("name", "description", "format", "venue_name", "address", "city", "country", "timezone",
                "online_url", "online_url_visibility", "languages", "join_policy", "accessibility")


class ListingImportFailed(ListingImportError):
    """Something unexpected went wrong while applying; every change was undone."""


def _require_admin(actor, organization) -> None:
    if not can_import_listings(actor, organization):
        raise ListingImportError(_("Only the organization's admins can import listings."))


def _read_source(*, payload, file, url: str) -> tuple[object, str]:
    given = [what for what in (payload is not None, file is not None, bool((url or "").strip())) if what]
    if not given:
        raise ListingImportError(_("Please choose a file, or give the web address of a feed."))
    if len(given) > 1:
        raise ListingImportError(_("Please choose a file or give a web address, not both."))
    if payload is not None:
        return payload, _("JSON sent to the API")
    if file is not None:
        return source.decode(source.read_upload(file)), (getattr(file, "name", "") or _("uploaded file"))[:500]
    url = url.strip()
    return source.decode(fetch(url)), url[:500]


def existing_for(organization, kind: str) -> Existing:
    """What earlier imports of this kind brought into the organization, in three queries."""
    items = list(ImportedItem.objects.filter(organization=organization, source_kind=kind)
                 .values_list("external_key", "group_id", "series_id"))
    keys = {key: (group_id, series_id) for key, group_id, series_id in items}
    groups = (SupportGroup.objects.filter(pk__in={group_id for group_id, _series in keys.values()})
              .prefetch_related("communities", Prefetch("series", queryset=MeetingSeries.objects.order_by("pk"))))
    snapshot = {}
    for group in groups:
        values = {name: getattr(group, name) for name in GROUP_FIELDS}
        values["community_codes"] = sorted(node.code for node in group.communities.all())
        snapshot[group.pk] = ExistingGroup(
            id=group.pk, slug=group.slug, name=group.name, status=group.status, values=values,
            geoname_id=group.geoname_id,
            series={s.pk: ExistingSeries(id=s.pk, title=s.title, rrule=s.rrule, start_date=s.start_date,
                                         start_time=s.start_time, duration_minutes=s.duration_minutes,
                                         online_url=s.online_url, is_active=s.is_active)
                    for s in group.series.all()})
    return Existing(keys=keys, groups=snapshot)


def plan_for(organization, kind: str, data, existing: Existing | None = None) -> Plan:
    now = timezone.now()
    rows = source.rows(kind, data, today=now.date())
    existing = existing if existing is not None else existing_for(organization, kind)
    return build_plan(rows, existing=existing, organization_timezone=organization.timezone, now=now)


def listing_import_preview(*, actor, organization, payload=None, file=None, url: str = "",
                           kind: str = source.AUTO) -> ImportRun:
    """Read a Meeting Guide feed or an HSDS export (a file, an address, or JSON already parsed)
    and keep what importing it would do. Nothing is imported yet. The source is read before
    the transaction starts: fetching an address can take seconds, and holds no lock."""
    _require_admin(actor, organization)
    data, name = _read_source(payload=payload, file=file, url=url)
    found = source.detect(data, kind)
    source.check_size(found, data)
    data = source.trim(found, data)
    with transaction.atomic():
        plan = plan_for(organization, found, data)
        counts = plan.counts()
        run = ImportRun.objects.create(organization=organization, created_by=actor, source_kind=found,
                                       source_name=name, payload=data, plan=plan.as_dict(), counts=counts)
        audit_record(actor=actor, action="listing_import.preview", target=run, organization=organization,
                     data={"source_kind": found, "source": name, "counts": counts}, is_staff_action=True)
    return run


@transaction.atomic
def listing_import_apply(*, actor, run: ImportRun) -> ImportRun:
    """Carry out a previewed run. The plan is made again, so changes made since the preview
    count; an applied run is returned as it is."""
    run = ImportRun.objects.select_for_update().select_related("organization").get(pk=run.pk)
    _require_admin(actor, run.organization)
    if run.status == ImportStatus.APPLIED:
        return run
    if run.status == ImportStatus.DISCARDED:
        raise ListingImportError(_("This preview was discarded. Please start a new import."))
    existing = existing_for(run.organization, run.source_kind)
    plan = plan_for(run.organization, run.source_kind, run.payload, existing)
    try:
        with transaction.atomic():
            rows = _carry_out(plan, existing, actor=actor, run=run)
    except Exception as error:  # noqa: BLE001 - whatever it was, nothing may stay half imported
        logger.exception("Import run %s failed while applying; everything was rolled back", run.pk)
        raise ListingImportFailed(_(
            "Nothing was imported: something went wrong on our side part-way through, so every change was "
            "undone. Please try again in a moment; if it happens again, tell your site's administrator."
        )) from error
    result = Plan(rows=rows, groups=plan.groups, vanished=plan.vanished)
    run.result = result.as_dict()
    run.counts = result.counts()
    run.status = ImportStatus.APPLIED
    run.applied_by = actor
    run.applied_at = timezone.now()
    run.save(update_fields=["result", "counts", "status", "applied_by", "applied_at", "updated_at"])
    audit_record(actor=actor, action="listing_import.apply", target=run, organization=run.organization,
                 data={"source_kind": run.source_kind, "source": run.source_name, "counts": run.counts},
                 is_staff_action=True)
    return run


@transaction.atomic
def listing_import_discard(*, actor, run: ImportRun) -> ImportRun:
    """Set a preview aside without importing it."""
    run = ImportRun.objects.select_for_update().select_related("organization").get(pk=run.pk)
    _require_admin(actor, run.organization)
    if run.status == ImportStatus.APPLIED:
        raise ListingImportError(_("This import has already been carried out, so it can't be discarded."))
    if run.status != ImportStatus.DISCARDED:
        run.status = ImportStatus.DISCARDED
        run.save(update_fields=["status", "updated_at"])
        audit_record(actor=actor, action="listing_import.discard", target=run, organization=run.organization,
                     is_staff_action=True)
    return run


# --- Carrying out a plan -----------------------------------------------------------------------

def _carry_out(plan: Plan, existing: Existing, *, actor, run: ImportRun) -> list[PlanRow]:
    rows = {row.number: row for row in plan.rows}
    for op in plan.groups:
        if not op.has_work and all(key in existing.keys for key in op.record_keys):
            continue  # up to date and already recorded: nothing to write
        try:
            with transaction.atomic():
                group, series_ids = _write(op, actor=actor, organization=run.organization)
                _record(op, existing, group=group, series_ids=series_ids, run=run)
        except GroupError as error:
            for number in op.row_numbers:
                if rows[number].action in (CREATE, UPDATE):
                    row = rows[number]
                    rows[number] = PlanRow(number=row.number, label=row.label, action=SKIP,
                                           reason=_("%(why)s — skipped") % {"why": str(error).rstrip(".")},
                                           group=row.group, schedule=row.schedule, notes=row.notes)
            continue
        for number in op.row_numbers:
            if rows[number].action != SKIP:
                rows[number].group_slug = group.slug
    return [rows[row.number] for row in plan.rows]


def _write(op, *, actor, organization) -> tuple[SupportGroup, dict[str, int]]:
    if op.existing_id is None:
        group = group_create(actor=actor, name=op.name, organization=organization, place_hint=op.place_hint,
                             **op.values)
        if op.status:
            group = group_update(actor=actor, group=group, status=op.status)
    else:
        group = SupportGroup.objects.select_related("organization").get(pk=op.existing_id)
        if op.values or op.status:
            group = group_update(actor=actor, group=group, status=op.status, place_hint=op.place_hint, **op.values)
    series_ids: dict[str, int] = {}
    for series_op in op.series:
        if series_op.existing_id is None:
            series = meeting_series_create(actor=actor, group=group, **series_op.values)
        else:
            series = MeetingSeries.objects.select_related("group").get(pk=series_op.existing_id, group=group)
            if series_op.reschedule:
                meeting_series_update(actor=actor, series=series, rrule=series_op.close_rule)
                series = meeting_series_create(actor=actor, group=group, **series_op.values)
            else:
                meeting_series_update(actor=actor, series=series, **series_op.values)
        series_ids[series_op.key] = series.pk
    return group, series_ids


def _record(op, existing: Existing, *, group: SupportGroup, series_ids: dict[str, int], run: ImportRun) -> None:
    """Remember each source key → group and schedule, so the next import matches them."""
    for key, schedule_key in op.record_keys.items():
        series_id = None
        if schedule_key:
            series_id = series_ids.get(schedule_key) or (existing.keys.get(schedule_key) or (None, None))[1]
        if existing.keys.get(key) == (group.pk, series_id):
            continue
        ImportedItem.objects.update_or_create(
            organization=run.organization, source_kind=run.source_kind, external_key=key,
            defaults={"group": group, "series_id": series_id, "last_run": run})
