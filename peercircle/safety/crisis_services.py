"""Writes for crisis resources: an organization's own crisis lines, and a person's crisis plan.
Each is keyword-only, atomic and audited (the safety models are a package so the crisis, alert
and screening writes stay in files of their own)."""

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from peercircle.core.audit import audit_record
from peercircle.core.errors import UserFacingError
from peercircle.core.text import clean_plain, prepare_user_text
from peercircle.organizations.access import is_org_admin
from peercircle.safety.models import CrisisLine, CrisisPlan

LINE_FIELDS = ("key", "country", "language", "name", "description", "phone", "text", "url", "hours", "source",
               "checked", "position")
PLAN_MAX_LENGTH = 4000


class CrisisError(UserFacingError):
    """A crisis line or plan change that cannot be made; the message is safe to show."""


def _line_values(values: dict) -> dict:
    clean = {name: values[name] for name in LINE_FIELDS if name in values}
    for name in ("key", "name", "phone", "text", "hours"):
        if name in clean:
            clean[name] = clean_plain(clean[name] or "", max_length=CrisisLine._meta.get_field(name).max_length)
    if "description" in clean:
        # Shown as plain text: sanitized and screened like any text, not rendered as Markdown.
        clean["description"] = prepare_user_text(text=clean["description"] or "", markdown=False,
                                                 max_length=500).source
    if "key" in clean:
        clean["key"] = clean["key"].lower()
    for name in ("country",):
        if name in clean:
            clean[name] = (clean[name] or "").strip().upper()[:2]
    if "language" in clean:
        clean["language"] = (clean["language"] or "").strip().lower()[:8]
    if "checked" in clean and isinstance(clean["checked"], str):
        clean["checked"] = datetime.date.fromisoformat(clean["checked"]) if clean["checked"] else None
    for name in ("url", "source"):
        value = (clean.get(name) or "").strip()
        if value and not (value.startswith("https://") or value.startswith("http://")):
            raise CrisisError(_("Web addresses must start with https:// or http://."))
        if name in clean:
            clean[name] = value[:200]
    if clean.get("name", "x") == "":
        raise CrisisError(_("Give the line a name."))
    if "phone" in clean or "text" in clean or "url" in clean:
        if not (clean.get("phone") or clean.get("text") or clean.get("url")):
            raise CrisisError(_("Give a phone number, a text number or a website, so people can reach the line."))
    return clean


def _require_admin(actor, organization):
    if not is_org_admin(actor, organization):
        raise CrisisError(_("Only the organization's admins can change its crisis lines."))


@transaction.atomic
def crisis_line_create(*, actor, organization, name: str, phone: str = "", text: str = "", url: str = "",
                       key: str = "", country: str = "", language: str = "", description: str = "",
                       hours: str = "", source: str = "", checked=None, position: int = 0) -> CrisisLine:
    """Add a line the organization's people see first (same key as a bundled line replaces it)."""
    _require_admin(actor, organization)
    values = _line_values({"key": key, "country": country, "language": language, "name": name,
                           "description": description, "phone": phone, "text": text, "url": url, "hours": hours,
                           "source": source, "checked": checked, "position": position})
    line = CrisisLine.objects.create(organization=organization, **values)
    audit_record(actor=actor, action="crisis_line.create", target=line, organization=organization,
                 data={"key": line.key, "country": line.country}, is_staff_action=True)
    return line


@transaction.atomic
def crisis_line_update(*, actor, line: CrisisLine, **changes) -> CrisisLine:
    _require_admin(actor, line.organization)
    values = _line_values(changes)
    for name, value in values.items():
        setattr(line, name, value)
    line.save()
    audit_record(actor=actor, action="crisis_line.update", target=line, organization=line.organization,
                 data={"fields": sorted(values)}, is_staff_action=True)
    return line


@transaction.atomic
def crisis_line_delete(*, actor, line: CrisisLine) -> None:
    _require_admin(actor, line.organization)
    audit_record(actor=actor, action="crisis_line.delete", target=line, organization=line.organization,
                 data={"key": line.key, "name": line.name}, is_staff_action=True)
    line.delete()


@transaction.atomic
def crisis_plan_save(*, user, warning_signs: str = "", coping_steps: str = "", people_to_contact: str = "",
                     professional_contacts: str = "", shared_with_supporter: bool = False,
                     lang: str = "en") -> CrisisPlan:
    """Write (or rewrite) the person's own crisis plan.

    Each part is sanitized and screened like any text. It is not handed on to the safety
    queue: a crisis plan names warning signs on purpose, so its words are not a signal that
    the person is in danger now, and nobody but them (and, if they share it, their peer
    supporter) reads it."""
    prepared = {name: prepare_user_text(text=value or "", lang=lang, markdown=False,
                                        max_length=PLAN_MAX_LENGTH).source
                for name, value in (("warning_signs", warning_signs), ("coping_steps", coping_steps),
                                    ("people_to_contact", people_to_contact),
                                    ("professional_contacts", professional_contacts))}
    plan, created = CrisisPlan.objects.select_for_update().get_or_create(
        user=user, defaults={**prepared, "shared_with_supporter": shared_with_supporter})
    if not created:
        for name, value in prepared.items():
            setattr(plan, name, value)
        plan.shared_with_supporter = shared_with_supporter
        plan.save()
    audit_record(actor=user, action="crisis_plan.create" if created else "crisis_plan.update", target=plan,
                 subject=user, data={"shared_with_supporter": shared_with_supporter}, is_staff_action=False)
    return plan


@transaction.atomic
def crisis_plan_delete(*, user) -> bool:
    plan = CrisisPlan.objects.filter(user=user).first()
    if plan is None:
        return False
    audit_record(actor=user, action="crisis_plan.delete", target=plan, subject=user, is_staff_action=False)
    plan.delete()
    return True


def crisis_plan_read_by_supporter(*, viewer, plan: CrisisPlan, match) -> None:
    """Every read of a shared plan by the peer supporter is in the audit log, against the member."""
    audit_record(actor=viewer, action="crisis_plan.read_shared", target=plan, subject=plan.user,
                 data={"match": match.pk}, is_staff_action=True)
