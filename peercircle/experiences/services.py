import datetime

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from peercircle.core.audit import audit_record
from peercircle.core.errors import UserFacingError
from peercircle.core.text import after_store, prepare_user_text
from peercircle.experiences.models import (
    ExperienceVisibility,
    NodeKind,
    PersonCommunity,
    PersonExperience,
    Relation,
    Stage,
    TaxonomyNode,
)


class ExperienceError(UserFacingError):
    """Something the person asked for that cannot be done; the message is safe to show."""


def _node(code: str, kind: str) -> TaxonomyNode:
    node = TaxonomyNode.objects.filter(code=code, kind=kind, is_active=True).first()
    if node is None or node.parent_id is None:
        raise ExperienceError(_("Please choose an experience from the list."))
    return node


def _check_choices(*, relation: str, stage: str, visibility: str, since) -> None:
    if relation not in Relation.values:
        raise ExperienceError(_("Please say whether this is your own experience or as family or a friend."))
    if stage not in Stage.values:
        raise ExperienceError(_("Please choose where you are with this now."))
    if visibility not in ExperienceVisibility.values:
        raise ExperienceError(_("Please choose who may see this."))
    if since and since > datetime.date.today():
        raise ExperienceError(_("The date it started cannot be in the future."))


@transaction.atomic
def experience_add(*, user, code: str, relation: str = Relation.SELF, stage: str = Stage.CURRENT,
                   since: datetime.date | None = None,
                   visibility: str = ExperienceVisibility.MATCHING, story: str = "") -> PersonExperience:
    node = _node(code, NodeKind.EXPERIENCE)
    _check_choices(relation=relation, stage=stage, visibility=visibility, since=since)
    prepared = prepare_user_text(text=story, lang=user.language, markdown=False, max_length=2000)
    try:
        with transaction.atomic():
            experience = PersonExperience.objects.create(
                user=user, node=node, relation=relation, stage=stage, since=since,
                visibility=visibility, story=prepared.source,
            )
    except IntegrityError:
        raise ExperienceError(
            _("You have already added this experience. You can change it in your list instead.")
        ) from None
    if prepared.source:
        after_store(prepared=prepared, author=user, target=experience, context="experience.story",
                    confidential=True)
    # The target reference is enough: a health code in the log would tell staff what it is.
    audit_record(actor=user, action="experience.add", target=experience, subject=user)
    return experience


@transaction.atomic
def experience_update(*, user, experience: PersonExperience, relation: str, stage: str,
                      since: datetime.date | None, visibility: str,
                      story: str | None = None) -> PersonExperience:
    if experience.user_id != user.pk:
        raise ExperienceError(_("That experience was not found."))
    _check_choices(relation=relation, stage=stage, visibility=visibility, since=since)
    if relation != experience.relation and PersonExperience.objects.filter(
        user=user, node=experience.node, relation=relation
    ).exclude(pk=experience.pk).exists():
        raise ExperienceError(_("You already have this experience recorded that way."))
    fields = ["relation", "stage", "since", "visibility", "updated_at"]
    experience.relation, experience.stage = relation, stage
    experience.since, experience.visibility = since, visibility
    prepared = None
    if story is not None:
        prepared = prepare_user_text(text=story, lang=user.language, markdown=False, max_length=2000)
        experience.story = prepared.source
        fields.append("story")
    experience.save(update_fields=fields)
    if prepared and prepared.source:
        after_store(prepared=prepared, author=user, target=experience, context="experience.story",
                    confidential=True)
    audit_record(actor=user, action="experience.update", target=experience, subject=user,
                 data={"visibility": visibility})
    return experience


@transaction.atomic
def experience_remove(*, user, experience: PersonExperience) -> None:
    if experience.user_id != user.pk:
        raise ExperienceError(_("That experience was not found."))
    audit_record(actor=user, action="experience.remove", target=experience, subject=user)
    experience.delete()


@transaction.atomic
def community_add(*, user, code: str, visibility: str = ExperienceVisibility.MATCHING) -> PersonCommunity:
    node = _node(code, NodeKind.COMMUNITY)
    if visibility not in ExperienceVisibility.values:
        raise ExperienceError(_("Please choose who may see this."))
    community, _created = PersonCommunity.objects.update_or_create(
        user=user, node=node, defaults={"visibility": visibility}
    )
    audit_record(actor=user, action="community.add", target=community, subject=user)
    return community


@transaction.atomic
def community_remove(*, user, community: PersonCommunity) -> None:
    if community.user_id != user.pk:
        raise ExperienceError(_("That community was not found."))
    audit_record(actor=user, action="community.remove", target=community, subject=user)
    community.delete()
