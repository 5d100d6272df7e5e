from django.contrib.contenttypes.models import ContentType

from peercircle.safety.models import ScreeningEvent


def screening_outcome_handle(*, prepared, author, target, context: str) -> ScreeningEvent | None:
    """Record text that needs a trained person. Called by core.text.after_store."""
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
        reasons=result.reasons,
    )
