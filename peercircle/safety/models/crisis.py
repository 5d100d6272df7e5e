"""Crisis resources an organization adds to the bundled list, and a person's own crisis plan."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from peercircle.core.crypto import EncryptedTextField
from peercircle.core.models import TimeStampedModel


class CrisisLine(TimeStampedModel):
    """A line an organization shows its people: a new one, or (same `key` as a bundled entry,
    e.g. "gb-samaritans") its own wording or number in place of the bundled one. Blank
    `country` means "for everyone in this organization, wherever they are"."""

    organization = models.ForeignKey("organizations.Organization", on_delete=models.CASCADE,
                                     related_name="crisis_lines")
    key = models.SlugField(_("key"), max_length=60, blank=True,
                           help_text=_("To replace a bundled line, use its key (for example gb-samaritans)."))
    country = models.CharField(_("country"), max_length=2, blank=True)
    language = models.CharField(_("language"), max_length=8, blank=True,
                                help_text=_("Shown only to people reading in this language; blank for all."))
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), max_length=500, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    text = models.CharField(_("text number"), max_length=40, blank=True)
    url = models.URLField(_("website"), blank=True)
    hours = models.CharField(_("hours"), max_length=120, blank=True)
    source = models.URLField(_("source"), blank=True)
    checked = models.DateField(_("checked on"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("crisis line")
        indexes = [models.Index(fields=["organization", "country"])]

    def __str__(self) -> str:
        return self.name


class CrisisPlan(TimeStampedModel):
    """What a person wrote down, in a calm moment, to help themselves through a hard one.
    Only they read it, unless they share it with the peer supporter of their active match."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="crisis_plan")
    warning_signs = EncryptedTextField(_("my warning signs"), blank=True)
    coping_steps = EncryptedTextField(_("things that help me cope"), blank=True)
    people_to_contact = EncryptedTextField(_("people I can contact"), blank=True)
    professional_contacts = EncryptedTextField(_("professionals I can contact"), blank=True)
    shared_with_supporter = models.BooleanField(_("share with my peer supporter"), default=False)

    FIELDS = ("warning_signs", "coping_steps", "people_to_contact", "professional_contacts")

    class Meta:
        verbose_name = _("crisis plan")

    def __str__(self) -> str:
        return f"crisis plan #{self.pk}"

    @property
    def is_empty(self) -> bool:
        return not any(getattr(self, name) for name in self.FIELDS)
