from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class ScreeningEvent(models.Model):
    """A stored text whose screening asked for a person to look at it.

    The safety issue turns these into alerts with rotas, timers and escalation.
    """

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    context = models.CharField(max_length=50)
    target_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    target_id = models.CharField(max_length=64)
    target = GenericForeignKey("target_type", "target_id")
    level = models.CharField(max_length=10)
    categories = models.JSONField(default=list)
    reasons = models.JSONField(default=list)
    handled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("screening event")

    def __str__(self) -> str:
        return f"{self.level} {self.context} {self.created_at:%Y-%m-%d %H:%M}"
