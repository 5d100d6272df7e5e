"""A person's private "my meetings" calendar address: make one (the old one stops working)
or turn it off. Only a hash of the secret is stored; the secret is returned once."""

import secrets

from django.db import transaction
from django.utils import timezone

from peercircle.accounts.services import hash_token
from peercircle.core.audit import audit_record
from peercircle.groups.models import PersonalCalendarFeed
from peercircle.groups.models.calendar_feed import FEED_PREFIX


def _revoke_active(*, user) -> int:
    revoked = 0
    now = timezone.now()
    for feed in PersonalCalendarFeed.objects.select_for_update().active().filter(user=user):
        feed.revoked_at = now
        feed.save(update_fields=["revoked_at"])
        audit_record(actor=user, action="calendar_feed.revoke", target=feed, subject=user)
        revoked += 1
    return revoked


@transaction.atomic
def calendar_feed_create(*, user) -> tuple[PersonalCalendarFeed, str]:
    """A new private feed for `user`; any earlier one stops working. Returns the feed and the
    secret for its address (shown once: only its hash is kept)."""
    _revoke_active(user=user)
    secret = FEED_PREFIX + secrets.token_urlsafe(32)
    feed = PersonalCalendarFeed.objects.create(user=user, token_hash=hash_token(secret), prefix=secret[:10])
    audit_record(actor=user, action="calendar_feed.create", target=feed, subject=user)
    return feed, secret


@transaction.atomic
def calendar_feed_revoke(*, user) -> bool:
    """Turn off the person's feed; True when there was one to turn off."""
    return _revoke_active(user=user) > 0

