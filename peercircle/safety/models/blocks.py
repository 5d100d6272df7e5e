from django.conf import settings
from django.db import models


class Block(models.Model):
    """A person chose not to be in touch with another: the blocked person cannot be matched
    with them, message them or see their posts (the forums and messages honour it too)."""

    blocker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="blocks_made")
    blocked = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["blocker", "blocked"], name="unique_block")]

    def __str__(self) -> str:
        return f"block #{self.pk}"
