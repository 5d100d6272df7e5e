"""What a signed-in person must do before using PeerCircle, checked on every request:

- people in moderator, organization admin or staff roles set up two-factor authentication;
- everyone agrees to the current version of the required agreements (terms, privacy notice),
  so publishing a new version asks people again. Accounts made outside sign-up (for example
  with createsuperuser) are asked on first visit too.
"""

from django.core.cache import cache
from django.db.models.signals import post_save
from django.dispatch import receiver

TWO_FACTOR = "two_factor"
AGREEMENTS = "agreements"
_CACHE_KEY = "accounts:required-consent-documents"


def required_document_ids() -> list[int]:
    """The current version of each required agreement (cached: it changes rarely)."""
    ids = cache.get(_CACHE_KEY)
    if ids is None:
        from peercircle.accounts.models import ConsentDocument

        current: dict[str, int] = {}
        for document in ConsentDocument.objects.filter(required=True).order_by("-published_at", "-id"):
            current.setdefault(document.kind, document.pk)
        ids = sorted(current.values())
        cache.set(_CACHE_KEY, ids, 300)
    return ids


@receiver(post_save, sender="accounts.ConsentDocument")
def _forget_required_documents(**kwargs):
    cache.delete(_CACHE_KEY)


def needs_two_factor(user) -> bool:
    from allauth.mfa.models import Authenticator

    from peercircle.organizations.access import requires_two_factor

    if not requires_two_factor(user):
        return False
    return not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def missing_agreements(user) -> bool:
    from peercircle.accounts.models import Consent

    ids = required_document_ids()
    agreed = (
        Consent.objects.filter(user=user, document_id__in=ids, withdrawn_at__isnull=True)
        .values("document_id").distinct().count()
    )
    return agreed < len(ids)


def blocker(user) -> str | None:
    """The first thing `user` must do before going on, or None."""
    if not user.is_authenticated:
        return None
    if needs_two_factor(user):
        return TWO_FACTOR
    if missing_agreements(user):
        return AGREEMENTS
    return None
