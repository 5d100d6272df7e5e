"""Boundary checks an organization configures: contact details and medication dosing advice
wait for a moderator before others read them (direct messages, and posts in the forum spaces
the organization hosts). The words are found by safety.content_checks in the text pipeline
(`PreparedText.flags`); this module decides which of them hold a text back, and says why."""

from django.db import transaction
from django.utils.translation import gettext as _

from peercircle.core.audit import audit_record
from peercircle.safety.models import BoundarySettings

CHECKS = ("contact_details", "dosing_advice")


def boundary_settings_for(organization_id) -> BoundarySettings:
    found = BoundarySettings.objects.filter(organization_id=organization_id).first() if organization_id else None
    return found or BoundarySettings(organization_id=organization_id)


def boundary_holds(*, organization_id, flags) -> list[str]:
    """The boundary checks, among the text's flags, that hold it for review here."""
    if not any(flag in CHECKS for flag in flags):
        return []
    current = boundary_settings_for(organization_id)
    held = []
    if "contact_details" in flags and current.hold_contact_details:
        held.append("contact_details")
    if "dosing_advice" in flags and current.hold_dosing_advice:
        held.append("dosing_advice")
    return held


def hold_reason(held: list[str]) -> str:
    """Why a text waits, written for its author."""
    parts = []
    if "contact_details" in held:
        parts.append(_("it seems to share contact details (a phone number, an email address or a messaging "
                       "handle), which this community asks a moderator to check first to keep everyone safe"))
    if "dosing_advice" in held:
        parts.append(_("it seems to give advice about how much of a medicine to take, or to stop it, which only "
                       "a doctor or pharmacist should give"))
    return _("Your words are waiting for a moderator because %(why)s. A moderator will read them soon; you can "
             "edit them in the meantime.") % {"why": _(" and ").join(parts)}


def boundary_settings_update(*, actor, organization, hold_contact_details: bool,
                             hold_dosing_advice: bool) -> BoundarySettings:
    with transaction.atomic():
        current, _created = BoundarySettings.objects.select_for_update().get_or_create(organization=organization)
        current.hold_contact_details = bool(hold_contact_details)
        current.hold_dosing_advice = bool(hold_dosing_advice)
        current.updated_by = actor
        current.save()
        audit_record(actor=actor, action="boundaries.update", target=current, organization=organization,
                     is_staff_action=True, data={"hold_contact_details": current.hold_contact_details,
                                                 "hold_dosing_advice": current.hold_dosing_advice})
    return current
