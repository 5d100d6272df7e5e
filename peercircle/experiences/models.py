from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from peercircle.core.crypto import EncryptedTextField
from peercircle.core.models import TimeStampedModel


class NodeKind(models.TextChoices):
    EXPERIENCE = "experience", _("Lived experience")
    COMMUNITY = "community", _("Community")


class TaxonomyNode(models.Model):
    """One entry of the lived-experience taxonomy. Codes are stable and never renamed;
    retired entries are deactivated, not deleted, so stored references keep their meaning."""

    code = models.CharField(max_length=64, unique=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    kind = models.CharField(max_length=20, choices=NodeKind.choices)
    label_en = models.CharField(max_length=120)
    label_es = models.CharField(max_length=120)
    description_en = models.TextField(blank=True)
    description_es = models.TextField(blank=True)
    synonyms_en = models.JSONField(default=list, blank=True)
    synonyms_es = models.JSONField(default=list, blank=True)
    sort_order = models.PositiveIntegerField(default=0)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return self.code

    def _localized(self, base: str, lang: str | None = None) -> str:
        lang = (lang or get_language() or "en")[:2]
        return getattr(self, f"{base}_{lang}", "") or getattr(self, f"{base}_en")

    @property
    def label(self) -> str:
        return self._localized("label")

    @property
    def description(self) -> str:
        return self._localized("description")

    @property
    def is_leaf(self) -> bool:
        return self.parent_id is not None


class Relation(models.TextChoices):
    SELF = "self", _("My own experience")
    FAMILY_FRIEND = "family_friend", _("As family or a friend")


class Stage(models.TextChoices):
    CURRENT = "current", _("Going through it now")
    RECOVERY = "in_recovery", _("In recovery")
    PAST = "past", _("In the past")


class ExperienceVisibility(models.TextChoices):
    PRIVATE = "private", _("Only me")
    MATCHING = "matching", _("Used for matching only")
    PEERS = "peers", _("Shown to peers")


class PersonExperience(TimeStampedModel):
    """Something a person has lived through, in their own terms."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="experiences"
    )
    node = models.ForeignKey(
        TaxonomyNode, on_delete=models.PROTECT, related_name="+",
        limit_choices_to={"kind": NodeKind.EXPERIENCE},
    )
    relation = models.CharField(max_length=20, choices=Relation.choices, default=Relation.SELF)
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.CURRENT)
    since = models.DateField(null=True, blank=True)
    visibility = models.CharField(
        max_length=20, choices=ExperienceVisibility.choices,
        default=ExperienceVisibility.MATCHING,
    )
    # In the person's own words; confidential, encrypted at rest, never shown to others.
    story = EncryptedTextField(blank=True)

    class Meta:
        ordering = ["node__sort_order", "node__code"]
        constraints = [
            models.UniqueConstraint(fields=["user", "node", "relation"], name="unique_person_experience")
        ]

    def __str__(self) -> str:
        # No code: this string lands in audit and admin history, which staff read.
        return f"experience #{self.pk}"


class PersonCommunity(TimeStampedModel):
    """A community a person identifies with (veterans, LGBTQ+, …)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="communities"
    )
    node = models.ForeignKey(
        TaxonomyNode, on_delete=models.PROTECT, related_name="+",
        limit_choices_to={"kind": NodeKind.COMMUNITY},
    )
    visibility = models.CharField(
        max_length=20, choices=ExperienceVisibility.choices,
        default=ExperienceVisibility.MATCHING,
    )

    class Meta:
        ordering = ["node__sort_order", "node__code"]
        constraints = [
            models.UniqueConstraint(fields=["user", "node"], name="unique_person_community")
        ]

    def __str__(self) -> str:
        return f"community #{self.pk}"
