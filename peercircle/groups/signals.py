"""Keep `SupportGroup.need_codes` in step with its experiences and communities, however they
change (services, the admin, factories)."""

from django.db.models.signals import m2m_changed
from django.dispatch import receiver

from peercircle.groups.models import SupportGroup


def need_codes_text(codes) -> str:
    codes = sorted(set(codes))
    return f"|{'|'.join(codes)}|" if codes else ""


def refresh_need_codes(group_ids) -> None:
    from peercircle.experiences.models import TaxonomyNode

    for group_id in group_ids:
        codes = TaxonomyNode.objects.filter(
            pk__in=SupportGroup.experiences.through.objects.filter(supportgroup_id=group_id)
            .values("taxonomynode_id")).values_list("code", flat=True)
        community = TaxonomyNode.objects.filter(
            pk__in=SupportGroup.communities.through.objects.filter(supportgroup_id=group_id)
            .values("taxonomynode_id")).values_list("code", flat=True)
        SupportGroup.objects.filter(pk=group_id).update(need_codes=need_codes_text([*codes, *community]))


@receiver(m2m_changed, sender=SupportGroup.experiences.through)
@receiver(m2m_changed, sender=SupportGroup.communities.through)
def _needs_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if reverse and action == "pre_clear":
        # A taxonomy node loses all its groups: note which, to refresh just those after.
        instance._groups_before_clear = list(
            sender.objects.filter(taxonomynode_id=instance.pk).values_list("supportgroup_id", flat=True))
        return
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        group_ids = (instance.pk,)
    elif action == "post_clear":
        group_ids = getattr(instance, "_groups_before_clear", ())
    else:
        group_ids = pk_set or ()
    refresh_need_codes(group_ids)
