from django.contrib.contenttypes.models import ContentType

from peercircle.safety.models import ScreeningEvent


def screening_outcome_handle(*, prepared, author, target, context: str,
                             confidential: bool = False) -> ScreeningEvent | None:
    """Record text that needs a trained person. Called by core.text.after_store.

    For confidential text the matched phrases are not copied out of the encrypted record:
    the level and categories are enough to ask a moderator to check on the person."""
    result = prepared.screening
    if not result.needs_person:
        return None
    return ScreeningEvent.objects.create(
        author=author if getattr(author, "pk", None) else None,
        context=context,
        target_type=ContentType.objects.get_for_model(target),
        target_id=str(target.pk),
        level=result.level,
        categories=result.categories,
        reasons=[] if confidential else result.reasons,
    )
