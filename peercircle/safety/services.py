from django.contrib.contenttypes.models import ContentType

from peercircle.safety.models import ScreeningEvent


def screening_outcome_handle(*, prepared, author, target, context: str,
                             confidential: bool = False) -> ScreeningEvent | None:
    """Record text that needs a trained person. Called by core.text.after_store.

    For confidential text the matched phrases are not copied out of the encrypted record:
    the level and categories are enough to ask a moderator to check on the person."""
    from peercircle.safety.alerts import safety_alert_open

    result = prepared.screening
    if not result.needs_person:
        return None
    event = ScreeningEvent.objects.create(
        author=author if getattr(author, "pk", None) else None,
        context=context,
        target_type=ContentType.objects.get_for_model(target),
        target_id=str(target.pk),
        level=result.level,
        categories=result.categories,
        reasons=[] if confidential else result.reasons,
    )
    # high and imminent open an alert for the moderators (it pages them); lower levels do not.
    safety_alert_open(event=event, prepared=prepared, target=target, confidential=confidential)
    return event


def block_create(*, blocker, blocked):
    """`blocker` no longer wants contact with `blocked` (matching, and later messages and posts,
    honour it). Saying it twice is harmless."""
    from django.db import transaction

    from peercircle.core.audit import audit_record
    from peercircle.safety.models import Block

    if blocker.pk == blocked.pk:
        return None
    with transaction.atomic():
        block, created = Block.objects.get_or_create(blocker=blocker, blocked=blocked)
        if created:
            audit_record(actor=blocker, action="block.create", target=block, subject=blocker, is_staff_action=False)
    return block


def block_remove(*, blocker, block) -> None:
    """Undo a block the person made themselves."""
    from django.db import transaction

    from peercircle.core.audit import audit_record

    if block.blocker_id != blocker.pk:
        return
    with transaction.atomic():
        audit_record(actor=blocker, action="block.remove", target=block, subject=blocker, is_staff_action=False)
        block.delete()
