"""Imports of listings from other tools: each run (a preview, then maybe applied) and what it
brought in, so the next import of the same feed updates instead of duplicating."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from peercircle.core.models import TimeStampedModel


class SourceKind(models.TextChoices):
    MEETING_GUIDE = "meeting_guide", _("Meeting Guide JSON feed")
    HSDS = "hsds", _("Open Referral HSDS export")


class ImportStatus(models.TextChoices):
    PREVIEWED = "previewed", _("Previewed, not imported yet")
    APPLIED = "applied", _("Imported")
    DISCARDED = "discarded", _("Discarded")


class ImportRun(TimeStampedModel):
    """One file or address read for one organization. `payload` keeps the source (only the
    fields the import reads), so applying plans again against the data as it is then; `plan`
    is what the preview showed, `result` what applying did."""

    organization = models.ForeignKey("organizations.Organization", on_delete=models.CASCADE,
                                     related_name="import_runs")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    applied_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    source_kind = models.CharField(max_length=20, choices=SourceKind.choices)
    source_name = models.CharField(max_length=500)  # the file's name or the address read
    payload = models.JSONField(default=list)
    plan = models.JSONField(default=dict)
    result = models.JSONField(default=dict)
    counts = models.JSONField(default=dict)
    status = models.CharField(max_length=20, choices=ImportStatus.choices, default=ImportStatus.PREVIEWED)
    applied_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["organization", "-created_at"])]

    def __str__(self) -> str:
        return f"import #{self.pk}"

    @property
    def is_applied(self) -> bool:
        return self.status == ImportStatus.APPLIED

    @property
    def rows(self) -> list[dict]:
        return (self.result if self.status == ImportStatus.APPLIED else self.plan).get("rows", [])

    @property
    def vanished(self) -> list[dict]:
        return (self.result if self.status == ImportStatus.APPLIED else self.plan).get("vanished", [])


class ImportedItem(TimeStampedModel):
    """A key from a source (a Meeting Guide slug or group name, an HSDS id) and the group and
    meeting schedule it became. Groups are never deleted by an import."""

    organization = models.ForeignKey("organizations.Organization", on_delete=models.CASCADE,
                                     related_name="imported_items")
    source_kind = models.CharField(max_length=20, choices=SourceKind.choices)
    external_key = models.CharField(max_length=300)
    group = models.ForeignKey("groups.SupportGroup", on_delete=models.CASCADE, related_name="+")
    # Empty for a key that stands for the whole group.
    series = models.ForeignKey("groups.MeetingSeries", null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+")
    last_run = models.ForeignKey(ImportRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organization", "source_kind", "external_key"],
                                               name="unique_imported_item")]

    def __str__(self) -> str:
        return f"{self.source_kind}:{self.external_key}"


class GroupSearchWord(models.Model):
    """Each word of a group's name, town and description (folded like the search box's words),
    so a search for words starts from the groups that have them instead of reading every
    group. Kept in step with the group by `directory.index` (a post_save signal)."""

    group = models.ForeignKey("groups.SupportGroup", on_delete=models.CASCADE, related_name="+")
    word = models.CharField(max_length=40)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["group", "word"], name="unique_group_search_word")]
        indexes = [models.Index(fields=["word", "group"], name="directory_word_group_idx")]

    def __str__(self) -> str:
        return f"search word #{self.pk}"
