from peercircle.core.registry import PersonalDataProvider, register_personal_data
from peercircle.safety.models import ScreeningEvent


def _export(user):
    # What a moderator was asked to look at, about the person's own writing. No reasons:
    # confidential text keeps none, and the rest is already in the export in full.
    return [
        {"created_at": event.created_at.isoformat(), "context": event.context,
         "level": event.level, "categories": event.categories}
        for event in ScreeningEvent.objects.filter(author=user).order_by("created_at")
    ]


def _erase(user, keep_public_posts: bool) -> None:
    ScreeningEvent.objects.filter(author=user).delete()


register_personal_data(PersonalDataProvider(name="screening", export=_export, erase=_erase))
