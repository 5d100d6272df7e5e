"""The directory's word index: which groups have which words (see GroupSearchWord)."""

from django.db.models import Q
from django.db.models.signals import post_save
from django.dispatch import receiver

from peercircle.directory.models import GroupSearchWord
from peercircle.groups.models import SupportGroup

MAX_WORDS = 400  # per group; a very long description is indexed by its first words
WORD_LENGTH = 40


def group_words(group: SupportGroup) -> list[str]:
    """The distinct words of the group's folded search columns, in order of appearance."""
    seen: dict[str, None] = {}
    for word in f"{group.search_name} {group.search_text}".split():
        if len(word) > 1:
            seen.setdefault(word[:WORD_LENGTH], None)
        if len(seen) >= MAX_WORDS:
            break
    return list(seen)


def index_groups(groups) -> None:
    """(Re)write the words of `groups` (saved groups with their search columns filled)."""
    groups = list(groups)
    GroupSearchWord.objects.filter(group__in=[g.pk for g in groups]).delete()
    # Two saves of one group at once may both write its words: the second's are already there.
    GroupSearchWord.objects.bulk_create(
        [GroupSearchWord(group_id=group.pk, word=word) for group in groups for word in group_words(group)],
        batch_size=2000, ignore_conflicts=True)


def having_words(terms) -> Q:
    """Words starting with any of `terms` ("walk" finds "walking"), as a range each database
    answers from the (word, group) index."""
    return _any(Q(word__gte=term, word__lt=_after(term)) for term in terms)


def _after(prefix: str) -> str:
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


def _any(conditions) -> Q:
    combined = Q()
    for condition in conditions:
        combined |= condition
    return combined


@receiver(post_save, sender=SupportGroup)
def _group_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw:
        return
    if update_fields is not None and not {"search_name", "search_text"} & set(update_fields):
        return
    index_groups([instance])
