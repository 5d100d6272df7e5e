"""From source rows and a snapshot of what an earlier import brought in, to what will happen:
each row created, updated, unchanged or skipped, with the reason in plain words, and the
operations that carry it out. Pure: no queries, so the preview and the apply agree, and it
can be tested on plain values.
"""

from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils.text import get_text_list
from django.utils.translation import gettext as _

from peercircle.core.places import Place, PlaceHint, distance_km, resolve_city
from peercircle.core.text import clean_plain
from peercircle.directory.imports.common import GroupDetails, Schedule, SourceRow, day_label
from peercircle.groups.models import GroupFormat, GroupStatus, LinkVisibility
from peercircle.groups.recurrence import WEEKDAYS

CREATE, UPDATE, UNCHANGED, SKIP = "create", "update", "unchanged", "skip"
ACTIONS = (CREATE, UPDATE, UNCHANGED, SKIP)
# How far a town may be from the coordinates the source gives and still be "that" town.
NEAR_KM = 75
PLACE_FIELDS = ("format", "venue_name", "address", "city", "country", "timezone")


# --- What exists: filled by the service from the database --------------------------------------

@dataclass
class ExistingSeries:
    id: int
    title: str
    rrule: str
    start_date: date
    start_time: time
    duration_minutes: int
    online_url: str
    is_active: bool


@dataclass
class ExistingGroup:
    id: int
    slug: str
    name: str
    status: str
    values: dict            # the fields an import may set, as stored
    geoname_id: int | None
    series: dict[int, ExistingSeries] = field(default_factory=dict)


@dataclass
class Existing:
    keys: dict[str, tuple[int, int | None]] = field(default_factory=dict)  # external key → (group, series)
    groups: dict[int, ExistingGroup] = field(default_factory=dict)


# --- What will happen ----------------------------------------------------------------------------

@dataclass
class SeriesOp:
    key: str
    row_number: int
    existing_id: int | None
    values: dict              # create: every field; update: the changed ones
    changes: list[str] = field(default_factory=list)
    # The days or time change on a schedule that has already met: it ends yesterday and a new
    # one starts today, so past meetings (and attendance taken at them) keep their times.
    reschedule: bool = False
    close_rule: str = ""

    @property
    def has_work(self) -> bool:
        return self.existing_id is None or bool(self.changes)


@dataclass
class GroupOp:
    key: str
    existing_id: int | None
    name: str
    values: dict              # create: every field; update: the changed ones
    status: str | None        # set after creating, or changed
    place_hint: PlaceHint | None
    changes: list[str] = field(default_factory=list)
    record_keys: dict[str, str] = field(default_factory=dict)  # external key → schedule key ("" for the group)
    series: list[SeriesOp] = field(default_factory=list)
    row_numbers: list[int] = field(default_factory=list)

    @property
    def has_work(self) -> bool:
        return self.existing_id is None or bool(self.changes) or any(s.has_work for s in self.series)


@dataclass
class PlanRow:
    number: int
    label: str
    action: str
    reason: str
    group: str = ""
    schedule: str = ""
    notes: list[str] = field(default_factory=list)
    group_slug: str = ""

    @property
    def message(self) -> str:
        return _("Row %(number)s (“%(label)s”): %(reason)s") % {
            "number": self.number, "label": self.label, "reason": self.reason}

    def as_dict(self) -> dict:
        return {"number": self.number, "label": self.label, "action": self.action, "reason": self.reason,
                "message": self.message, "group": self.group, "schedule": self.schedule, "notes": self.notes,
                "group_slug": self.group_slug}


@dataclass
class Plan:
    rows: list[PlanRow]
    groups: list[GroupOp]
    vanished: list[dict]

    def counts(self) -> dict[str, int]:
        counts = {action: 0 for action in ACTIONS}
        for row in self.rows:
            counts[row.action] += 1
        counts["vanished"] = len(self.vanished)
        counts["listings"] = counts[CREATE] + counts[UPDATE]
        return counts

    def as_dict(self) -> dict:
        return {"rows": [row.as_dict() for row in self.rows], "vanished": self.vanished}


# --- Planning ------------------------------------------------------------------------------------

def build_plan(rows: list[SourceRow], *, existing: Existing, organization_timezone: str, now: datetime) -> Plan:
    plan_rows: dict[int, PlanRow] = {}
    ops: list[GroupOp] = []
    by_group: dict[str, list[SourceRow]] = {}
    for row in rows:
        if row.is_bad:
            plan_rows[row.number] = _skip(row, row.problem)
        else:
            by_group.setdefault(row.group_key, []).append(row)
    keeping = _groups_keeping_missing_meetings(existing, _present_keys(rows))
    for group_key, group_rows in by_group.items():
        op, results = _plan_group(group_key, group_rows, existing=existing, keeping=keeping,
                                  organization_timezone=organization_timezone, now=now)
        plan_rows.update(results)
        if op is not None:
            ops.append(op)
    ordered = [plan_rows[row.number] for row in rows]
    return Plan(rows=ordered, groups=ops, vanished=_vanished(rows, existing))


def _skip(row: SourceRow, why: str) -> PlanRow:
    return PlanRow(number=row.number, label=row.label, action=SKIP, reason=_("%(why)s — skipped") % {"why": why},
                   notes=list(row.notes))


def _existing_group(group_key: str, rows: list[SourceRow], existing: Existing) -> ExistingGroup | None:
    """Matched on the rows' own keys first (slugs and ids stay put when a group is renamed),
    then on the group's key."""
    keys = [row.key for row in rows] + [s.key for row in rows for s in row.schedules] + [group_key]
    for key in keys:
        found = existing.keys.get(key)
        if found and found[0] in existing.groups:
            return existing.groups[found[0]]
    return None


def _present_keys(rows: list[SourceRow]) -> set[str]:
    return {row.key for row in rows} | {row.group_key for row in rows} | {s.key for row in rows for s in row.schedules}


def _groups_keeping_missing_meetings(existing: Existing, present: set[str]) -> set[int]:
    """Groups some of whose imported meetings are not in this source but are left running."""
    return {group_id for key, (group_id, series_id) in existing.keys.items()
            if series_id and key not in present and group_id in existing.groups
            and getattr(existing.groups[group_id].series.get(series_id), "is_active", False)}


def _plan_group(group_key, rows, *, existing, keeping, organization_timezone, now):
    current = _existing_group(group_key, rows, existing)
    details = _combined_details([row.group for row in rows])
    if current is not None and current.status == GroupStatus.ENDED:
        why = _("the group “%(name)s” has ended here, so it is left as it is") % {"name": current.name}
        return None, {row.number: PlanRow(number=row.number, label=row.label, action=UNCHANGED, reason=why,
                                          group=current.name, group_slug=current.slug, notes=list(row.notes))
                      for row in rows}
    fmt = _combined_format([row.group.format for row in rows])
    place, place_problem, place_notes = _resolve_place(details, fmt)
    if place_problem:
        return None, {row.number: _skip(row, place_problem) for row in rows}
    if place is None and fmt == GroupFormat.HYBRID:
        fmt = GroupFormat.ONLINE
    notes = list(place_notes)
    if place is not None:
        zone = place.timezone
    elif details.timezone:
        zone = details.timezone
    elif current is not None and current.values.get("format") == GroupFormat.ONLINE:
        zone = current.values["timezone"]
    else:
        zone = organization_timezone
        notes.append(_("no time zone is given, so the organization's (%(zone)s) is used") % {"zone": zone})
    # Meetings left as they are still speak their languages: then codes are only added.
    only_add = current is not None and current.id in keeping
    wanted = _wanted_values(details, fmt, place, zone, current, only_add=only_add)
    today = now.astimezone(ZoneInfo(zone)).date()

    op = GroupOp(key=group_key, existing_id=current.id if current else None, name=wanted["name"], values={},
                 status=None, place_hint=PlaceHint(timezone=place.timezone, latitude=place.latitude,
                                                   longitude=place.longitude) if place else None,
                 row_numbers=[row.number for row in rows])
    if current is None:
        op.values = {k: v for k, v in wanted.items() if k not in ("status", "geoname_id")}
        op.values.pop("name")
        op.status = wanted["status"] if wanted["status"] != GroupStatus.ACTIVE else None
    else:
        op.values, op.changes, op.status = _group_changes(current, wanted)

    results: dict[int, PlanRow] = {}
    op.record_keys[group_key] = ""
    for position, row in enumerate(rows):
        schedule_keys = {schedule.key for schedule in row.schedules}
        if row.key not in schedule_keys:
            op.record_keys.setdefault(row.key, "")
        states: dict[str, list] = {"create": [], "update": [], "kept": [], "removed": []}
        for schedule in row.schedules:
            op.record_keys[schedule.key] = schedule.key
            series_op, state = _plan_series(schedule, row, current, existing, op, today=today)
            if series_op is not None:
                op.series.append(series_op)
            states[state].append((schedule, series_op))
        results[row.number] = _row_result(row, op, current, wanted["name"], states, carrier=position == 0,
                                          notes=list(row.notes) + (notes if position == 0 else []))
    return op, results


def _row_result(row, op, current, group_name, states, *, carrier, notes) -> PlanRow:
    schedules = "; ".join(describe(s) for s in row.schedules)
    result = PlanRow(number=row.number, label=row.label, action=UNCHANGED, reason="", group=group_name,
                     schedule=schedules, notes=notes, group_slug=current.slug if current else "")
    if current is None:
        result.action = CREATE
        if carrier:
            result.reason = _("a new group “%(group)s”, meeting %(schedule)s") % {
                "group": group_name, "schedule": schedules}
        else:
            result.reason = _("another meeting for the new group “%(group)s”: %(schedule)s") % {
                "group": group_name, "schedule": schedules}
        return result
    parts = []
    if states["create"]:
        parts.append(_("a new meeting for “%(group)s”: %(schedule)s") % {
            "group": group_name, "schedule": "; ".join(describe(s) for s, _op in states["create"])})
    for _schedule, series_op in states["update"]:
        parts.append(_("the meeting changes: %(changes)s") % {"changes": ", ".join(series_op.changes)})
    group_changes = op.changes if carrier else []
    if group_changes:
        parts.append(_("the group's details change: %(changes)s") % {"changes": ", ".join(group_changes)})
    if states["create"]:
        result.action = CREATE
    elif states["update"] or group_changes:
        result.action = UPDATE
    if parts:
        result.reason = "; ".join(parts)
    elif states["removed"] and not states["kept"]:
        result.reason = _("this meeting was removed here, so it is left as it is")
    else:
        result.reason = _("already up to date")
    return result


def _plan_series(schedule: Schedule, row: SourceRow, current: ExistingGroup | None, existing: Existing,
                 op: GroupOp, *, today: date):
    """(operation or None, "create" | "update" | "kept" | "removed")."""
    group_url = op.values.get("online_url", current.values.get("online_url", "") if current else "")
    wanted = {
        "title": clean_plain(schedule.title, max_length=200),
        "rrule": schedule.rrule,
        "start_time": schedule.start_time,
        "duration_minutes": schedule.duration_minutes,
        "online_url": schedule.online_url if schedule.online_url != group_url else "",
    }
    if not schedule.rrule:  # a one-off: its date is what it is
        wanted["start_date"] = schedule.start_date
    found = existing.keys.get(schedule.key)
    series = current.series.get(found[1]) if current is not None and found and found[1] else None
    if series is None:
        return SeriesOp(key=schedule.key, row_number=row.number, existing_id=None,
                        values={**wanted, "start_date": schedule.start_date or today}), "create"
    if not series.is_active:
        return None, "removed"  # a facilitator ended it here: the import respects that
    labels = {"title": _("title"), "rrule": _("days"), "start_time": _("start time"),
              "duration_minutes": _("length"), "online_url": _("online link"), "start_date": _("date")}
    if schedule.title_is_default:
        wanted["title"] = series.title  # ours, perhaps in another language: keep it
    changed = {name: value for name, value in wanted.items() if getattr(series, name) != value}
    if not changed:
        return None, "kept"
    changes = [_change_label(labels[name], getattr(series, name), value, name) if name != "rrule" else
               f"{labels[name]} {_rule_words(series.rrule, series.start_time)} → "
               f"{_rule_words(value, wanted['start_time'])}" for name, value in changed.items()]
    series_op = SeriesOp(key=schedule.key, row_number=row.number, existing_id=series.id, values=changed,
                         changes=changes)
    if ({"rrule", "start_time"} & set(changed)) and series.rrule and series.start_date < today:
        series_op.reschedule = True
        series_op.close_rule = _closed_rule(series.rrule, today - timedelta(days=1))
        series_op.values = {**wanted, "start_date": schedule.start_date if schedule.start_date and
                            schedule.start_date >= today else today}
    return series_op, "update"


def _closed_rule(rule: str, last_day: date) -> str:
    parts = [part for part in rule.split(";") if part and not part.startswith("UNTIL=")]
    return ";".join([*parts, f"UNTIL={last_day:%Y%m%d}T235959"])


def _change_label(label: str, old, new, name: str) -> str:
    if name == "start_time":
        return f"{label} {old:%H:%M} → {new:%H:%M}"
    if name == "duration_minutes":
        return _("%(label)s %(old)s → %(new)s minutes") % {"label": label, "old": old, "new": new}
    return label


def _rule_days(rule: str) -> str:
    for part in rule.split(";"):
        if part.startswith("BYDAY="):
            codes = part[len("BYDAY="):].split(",")
            if all(code in WEEKDAYS for code in codes):
                return get_text_list([str(day_label(WEEKDAYS.index(code))) for code in codes], _("and"))
    return ""


def _monthly_words(rule: str, start_time: time) -> str:
    """"last Friday of the month at 18:00" for the monthly rules the feeds describe, else ""."""
    from peercircle.directory.feeds import describe_schedule
    from peercircle.groups.models import MeetingSeries

    parts = dict(part.partition("=")[::2] for part in rule.split(";") if part)
    codes = [code for code in parts.get("BYDAY", "").split(",") if code]
    if set(parts) - {"FREQ", "BYDAY", "UNTIL"} or parts.get("FREQ") != "MONTHLY" or len(codes) != 1 or (
            codes[0][-2:] not in WEEKDAYS or codes[0][:-2] not in ("1", "2", "3", "4", "-1")):
        return ""
    return describe_schedule(MeetingSeries(title="", rrule=rule, start_time=start_time, start_date=date(2025, 1, 1)))


def _rule_words(rule: str, start_time: time) -> str:
    """How often, in words: "Monday and Thursday", "last Friday of the month at 18:00", else the rule."""
    if not rule:
        return _("once")
    parts = dict(part.partition("=")[::2] for part in rule.split(";") if part)
    if parts.get("FREQ") == "WEEKLY" and parts.get("INTERVAL", "1") == "1" and _rule_days(rule):
        return _rule_days(rule)
    return _monthly_words(rule, start_time) or rule


def describe(schedule: Schedule) -> str:
    """"every Tuesday at 19:00 (90 minutes)", in the reader's language."""
    clock = schedule.start_time.strftime("%H:%M")
    parts = dict(part.partition("=")[::2] for part in schedule.rrule.split(";") if part)
    if not schedule.rrule:
        return _("once on %(date)s at %(time)s (%(minutes)s minutes)") % {
            "date": schedule.start_date.isoformat() if schedule.start_date else "?", "time": clock,
            "minutes": schedule.duration_minutes}
    days = _rule_days(schedule.rrule)
    if parts.get("FREQ") == "WEEKLY" and parts.get("INTERVAL", "1") == "1" and days:
        return _("every %(days)s at %(time)s (%(minutes)s minutes)") % {
            "days": days, "time": clock, "minutes": schedule.duration_minutes}
    if parts.get("FREQ") == "WEEKLY" and parts.get("INTERVAL") == "2" and days:
        return _("every other %(days)s at %(time)s (%(minutes)s minutes)") % {
            "days": days, "time": clock, "minutes": schedule.duration_minutes}
    monthly = _monthly_words(schedule.rrule, schedule.start_time)
    if monthly:
        return _("%(schedule)s (%(minutes)s minutes)") % {"schedule": monthly, "minutes": schedule.duration_minutes}
    return _("%(rule)s at %(time)s (%(minutes)s minutes)") % {
        "rule": schedule.rrule, "time": clock, "minutes": schedule.duration_minutes}


# --- Group details -------------------------------------------------------------------------------

def _combined_details(all_details: list[GroupDetails]) -> GroupDetails:
    """The group's details come from its first row; the languages, accessibility and
    communities of all its meetings are pooled (a group whose Saturday meeting is in Spanish
    speaks Spanish too)."""
    combined = replace(all_details[0])
    for name in ("languages", "accessibility", "communities"):
        given = [getattr(details, name) for details in all_details if getattr(details, name) is not None]
        if given:
            setattr(combined, name, sorted({code for codes in given for code in codes}))
    return combined


def _combined_format(formats: list[str]) -> str:
    kinds = set(formats)
    if len(kinds) == 1:
        return kinds.pop()
    return GroupFormat.HYBRID


def _resolve_place(details: GroupDetails, fmt: str) -> tuple[Place | None, str, list[str]]:
    """(place, why the row cannot be placed, notes). Online groups need no place; a hybrid one
    whose town cannot be found is listed as online."""
    if fmt == GroupFormat.ONLINE:
        return None, "", []
    hint = PlaceHint(timezone=details.timezone, latitude=details.latitude, longitude=details.longitude)
    countries = [details.country or None] + ([None] if details.country and not details.country_certain else [])
    mismatch = ""
    for town in details.towns:
        for country in countries:
            place = resolve_city(town, country, hint)
            if place is None:
                continue
            if hint.latitude is not None and distance_km(hint.latitude, hint.longitude,
                                                         place.latitude, place.longitude) > NEAR_KM:
                continue
            if details.timezone and not same_clock(place.timezone, details.timezone):
                mismatch = mismatch or _("the time zone “%(zone)s” doesn't match the town “%(town)s” (%(place_zone)s)") % {
                    "zone": details.timezone, "town": place.name, "place_zone": place.timezone}
                continue
            return place, "", []
    if fmt == GroupFormat.HYBRID:
        return None, "", [_("its town couldn't be found, so it's listed as meeting online only")]
    if mismatch:
        return None, mismatch, []
    if not details.towns:
        return None, _("it meets in person, but there's no town or address"), []
    tried = ", ".join(f"“{town}”" for town in details.towns[:4])
    return None, _("we couldn't find its town (tried %(towns)s) in PeerCircle's list of towns") % {
        "towns": tried}, []


def same_clock(zone: str, other: str) -> bool:
    """America/Detroit and America/New_York keep the same time: either name will do."""
    if zone == other:
        return True
    moments = [datetime(2025, 1, 15, 12, tzinfo=ZoneInfo("UTC")), datetime(2025, 7, 15, 12, tzinfo=ZoneInfo("UTC"))]
    return all(m.astimezone(ZoneInfo(zone)).utcoffset() == m.astimezone(ZoneInfo(other)).utcoffset() for m in moments)


def _merged(current: list | None, wanted: list | None, managed: frozenset) -> list | None:
    """The source decides the codes it can express; codes it cannot (added here) stay."""
    if wanted is None:
        return None
    kept = [code for code in (current or []) if code not in managed]
    return list(dict.fromkeys([*kept, *wanted]))


def _wanted_values(details: GroupDetails, fmt: str, place: Place | None, zone: str,
                   current: ExistingGroup | None, *, only_add: bool = False) -> dict:
    values = current.values if current else {}
    wanted = {
        "name": clean_plain(details.name, max_length=200),
        "description": clean_plain(details.description, max_length=5000),
        "format": fmt,
        "venue_name": clean_plain(details.venue_name, max_length=200) if place else "",
        "address": clean_plain(details.address, max_length=300) if place else "",
        "city": place.name if place else "",
        "country": place.country if place else (details.country if details.country_certain else ""),
        "timezone": zone,
        "geoname_id": place.geoname_id if place else None,
        "status": details.status,
    }
    if details.online_url:
        wanted["online_url"] = details.online_url
        wanted["online_url_visibility"] = LinkVisibility.ANYONE  # the source already shows it to anyone
    for name, managed in (("languages", details.languages_managed), ("accessibility", details.accessibility_managed),
                          ("community_codes", details.communities_managed)):
        merged = _merged(values.get(name), getattr(details, "communities" if name == "community_codes" else name),
                         frozenset() if only_add else managed)
        if merged is not None:
            wanted[name] = sorted(merged) if name != "languages" else merged
    if details.join_policy:
        wanted["join_policy"] = details.join_policy
    return wanted


GROUP_LABELS = {
    "name": lambda: _("name"), "description": lambda: _("description"), "format": lambda: _("where it meets"),
    "place": lambda: _("place"), "timezone": lambda: _("time zone"), "online_url": lambda: _("online link"),
    "online_url_visibility": lambda: _("who may see the online link"), "languages": lambda: _("languages"),
    "join_policy": lambda: _("who may join"), "accessibility": lambda: _("accessibility"),
    "community_codes": lambda: _("communities"), "status": lambda: _("status"),
}


def _group_changes(current: ExistingGroup, wanted: dict) -> tuple[dict, list[str], str | None]:
    """(values for group_update, what changes in words, new status or None)."""
    values = current.values
    changed = {}
    for name, value in wanted.items():
        if name in ("status", "geoname_id"):
            continue
        old = values.get(name)
        same = sorted(old or []) == sorted(value or []) if isinstance(value, list) else old == value
        if not same:
            changed[name] = value
    moved = wanted["format"] != GroupFormat.ONLINE and wanted["geoname_id"] != current.geoname_id
    labels = []
    for name in [*changed, *(["city"] if moved else [])]:
        label = GROUP_LABELS["place" if name in ("venue_name", "address", "city", "country") else name]()
        if label not in labels:
            labels.append(label)
    if moved or set(PLACE_FIELDS) & set(changed):
        # The service works the place out from all of these together.
        changed.update({name: wanted[name] for name in PLACE_FIELDS})
    status = None
    if wanted["status"] != current.status and current.status in (GroupStatus.ACTIVE, GroupStatus.TEMPORARILY_CLOSED):
        status = wanted["status"]
        labels.append(GROUP_LABELS["status"]())
    return changed, labels, status


# --- Gone from the source ------------------------------------------------------------------------

def _vanished(rows: list[SourceRow], existing: Existing) -> list[dict]:
    """Keys brought in before that this source no longer has: each meeting, and a group only
    when nothing of it is left in the source."""
    present = _present_keys(rows)
    gone = {key: ids for key, ids in existing.keys.items() if key not in present and ids[0] in existing.groups}
    still_there = {existing.keys[key][0] for key in present if key in existing.keys}
    vanished, reported = [], set()
    for key, (group_id, series_id) in sorted(gone.items()):
        group = existing.groups[group_id]
        series = group.series.get(series_id) if series_id else None
        if series is not None:
            reported.add(group_id)
            vanished.append({"key": key, "group": group.name, "group_slug": group.slug, "meeting": series.title,
                             "message": _("“%(meeting)s” of “%(group)s” is no longer in the feed — left as it is")
                             % {"meeting": series.title, "group": group.name}})
    for key, (group_id, series_id) in sorted(gone.items()):
        group = existing.groups[group_id]
        if series_id or group_id in reported or group_id in still_there:
            continue
        reported.add(group_id)
        vanished.append({"key": key, "group": group.name, "group_slug": group.slug, "meeting": "",
                         "message": _("“%(group)s” is no longer in the feed — left as it is") % {"group": group.name}})
    return vanished
