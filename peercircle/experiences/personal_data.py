from peercircle.core.registry import PersonalDataProvider, register_personal_data
from peercircle.experiences.models import PersonCommunity, PersonExperience


def _export(user):
    return {
        "experiences": [
            {
                "code": e.node.code, "label": e.node.label_en, "relation": e.relation,
                "stage": e.stage, "since": e.since.isoformat() if e.since else None,
                "visibility": e.visibility, "story": e.story,
                "created_at": e.created_at.isoformat(), "updated_at": e.updated_at.isoformat(),
            }
            for e in PersonExperience.objects.filter(user=user).select_related("node")
        ],
        "communities": [
            {"code": c.node.code, "label": c.node.label_en, "visibility": c.visibility}
            for c in PersonCommunity.objects.filter(user=user).select_related("node")
        ],
    }


def _erase(user, keep_public_posts: bool) -> None:
    PersonExperience.objects.filter(user=user).delete()
    PersonCommunity.objects.filter(user=user).delete()


register_personal_data(PersonalDataProvider(name="experiences", export=_export, erase=_erase))
