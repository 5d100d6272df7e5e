"""Keep a group's search columns in step, however things change (services, the admin,
factories): `need_codes` with its experiences and communities, `meeting_hours_*` with its
meeting series."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from peercircle.groups.models import MeetingSeries, SupportGroup
from peercircle.groups.models.groups import language_codes_text

HOUR_FIELDS = tuple(f"meeting_hours_{day}" for day in range(1, 8))


def meeting_hours(series_list) -> dict[str, int]:
    """The hours each day of the week at which `series_list` start, as SupportGroup fields."""
    hours = dict.fromkeys(HOUR_FIELDS, 0)
    for series in series_list:
        if not series.is_active:
            continue
        for day in range(7):
            if series.weekdays & (1 << day):
                hours[HOUR_FIELDS[day]] |= 1 << (series.start_minute // 60)
    return hours


def refresh_meeting_hours(group_id: int) -> None:
    series = MeetingSeries.objects.filter(group_id=group_id, is_active=True).only(
        "is_active", "weekdays", "start_minute")
    SupportGroup.objects.filter(pk=group_id).update(**meeting_hours(series))


@receiver(post_save, sender=MeetingSeries)
@receiver(post_delete, sender=MeetingSeries)
def _schedule_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        refresh_meeting_hours(instance.group_id)


def need_codes_text(codes) -> str:
    return language_codes_text(sorted(set(codes)))  # the same "|a|b|" shape


def refresh_need_codes(group_ids) -> None:
    """Rewrite `need_codes` of `group_ids`: one read of their links, one UPDATE per distinct set."""
    group_ids = list(group_ids)
    if not group_ids:
        return
    codes: dict[int, list[str]] = {group_id: [] for group_id in group_ids}
    for relation in ("experiences", "communities"):
        links = getattr(SupportGroup, relation).through.objects.filter(supportgroup_id__in=group_ids)
        for group_id, code in links.values_list("supportgroup_id", "taxonomynode__code"):
            codes[group_id].append(code)
    by_text: dict[str, list[int]] = {}
    for group_id, group_codes in codes.items():
        by_text.setdefault(need_codes_text(group_codes), []).append(group_id)
    for text, ids in by_text.items():
        SupportGroup.objects.filter(pk__in=ids).update(need_codes=text)


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


def _node_model():
    from peercircle.experiences.models import TaxonomyNode

    return TaxonomyNode


def _groups_of_node(node_id) -> list[int]:
    ids = set(SupportGroup.experiences.through.objects.filter(taxonomynode_id=node_id)
              .values_list("supportgroup_id", flat=True))
    ids |= set(SupportGroup.communities.through.objects.filter(taxonomynode_id=node_id)
               .values_list("supportgroup_id", flat=True))
    return sorted(ids)


def _node_deleting(sender, instance, **kwargs):
    # Deleting a node removes its links without an m2m signal: note its groups first.
    instance._groups_before_delete = _groups_of_node(instance.pk)


def _node_deleted(sender, instance, **kwargs):
    refresh_need_codes(getattr(instance, "_groups_before_delete", ()))


def _node_saved(sender, instance, created=False, raw=False, update_fields=None, **kwargs):
    # A code is stable, but if an admin edits one, the groups that serve it follow (a sync of
    # labels and synonyms names its fields and leaves the groups alone).
    if created or raw or (update_fields is not None and "code" not in update_fields):
        return
    refresh_need_codes(_groups_of_node(instance.pk))


def connect_taxonomy_signals() -> None:
    from django.db.models.signals import post_delete as deleted
    from django.db.models.signals import post_save as saved
    from django.db.models.signals import pre_delete

    node = _node_model()
    pre_delete.connect(_node_deleting, sender=node, dispatch_uid="groups_node_deleting")
    deleted.connect(_node_deleted, sender=node, dispatch_uid="groups_node_deleted")
    saved.connect(_node_saved, sender=node, dispatch_uid="groups_node_saved")
