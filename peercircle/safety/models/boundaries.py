from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class BoundarySettings(models.Model):
    """What an organization asks moderators to look at before others read it, in direct
    messages and in the forum spaces it hosts. Without a row, both checks are on."""

    organization = models.OneToOneField("organizations.Organization", on_delete=models.CASCADE,
                                        related_name="boundary_settings")
    hold_contact_details = models.BooleanField(
        _("Hold messages and posts that share contact details (phone numbers, email addresses, messaging handles)"),
        default=True)
    hold_dosing_advice = models.BooleanField(
        _("Hold messages and posts that tell someone how much of a medicine to take, or to stop it"), default=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    class Meta:
        verbose_name_plural = "boundary settings"

    def __str__(self) -> str:
        return f"boundary settings #{self.pk}"
