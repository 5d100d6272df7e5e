from django.conf import settings
from django.db import models

# Starts every secret, so a stray one is recognisable (and a wrong address cheap to refuse).
FEED_PREFIX = "cal_"


class PersonalCalendarFeedQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class PersonalCalendarFeed(models.Model):
    """A person's private "my meetings" calendar address. Only a SHA-256 hash of the secret
    in the address is kept (like API tokens): the full address is shown once, when made.
    Making a new one or turning it off sets `revoked_at`; rows stay for the person's export."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feeds")
    token_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=12)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = PersonalCalendarFeedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["user"], condition=models.Q(revoked_at__isnull=True),
                                    name="one_active_calendar_feed_per_person"),
        ]

    def __str__(self) -> str:
        # Never the secret, nor a name: this string lands in the audit log.
        return f"calendar feed #{self.pk}"
