"""The audit log: one function to write an entry, used by services, admin and selectors."""

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from peercircle.core.models import AuditEntry
from peercircle.core.request_context import current_ip


def _label(obj: Any) -> str:
    return str(obj)[:200] if obj is not None else ""


def audit_record(
    *,
    actor,
    action: str,
    target: models.Model | None = None,
    subject=None,
    organization=None,
    data: dict | None = None,
    is_staff_action: bool | None = None,
) -> AuditEntry:
    """Record that `actor` did `action` to `target` (about `subject`, the person concerned)."""
    actor = actor if getattr(actor, "is_authenticated", False) else None
    if is_staff_action is None:
        is_staff_action = bool(actor and subject and actor.pk != subject.pk)
    return AuditEntry.objects.create(
        actor=actor,
        actor_label=(actor.email if actor else "system")[:200],
        action=action,
        target_type=ContentType.objects.get_for_model(target) if target is not None else None,
        target_id=str(target.pk) if target is not None else "",
        target_label=_label(target),
        subject=subject,
        organization=organization,
        is_staff_action=is_staff_action,
        data=data or {},
        ip_address=current_ip(),
    )


def audit_staff_read(*, viewer, record: models.Model, subject, reason: str = "") -> None:
    """Log a read of someone else's confidential record by a person acting as staff."""
    if viewer is None or subject is None or viewer.pk == subject.pk:
        return
    audit_record(
        actor=viewer,
        action=f"{record._meta.model_name}.read_confidential",
        target=record,
        subject=subject,
        data={"reason": reason} if reason else {},
        is_staff_action=True,
    )
