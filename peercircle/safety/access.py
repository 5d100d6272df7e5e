"""Who may see and do what in safety. Anything a person may not see is "not found" (404)."""

from django.http import Http404
from django.utils import timezone

from peercircle.organizations.models import Membership, Organization, Role


def moderated_organization_ids(user) -> set[int]:
    if not user.is_authenticated:
        return set()
    return set(Membership.objects.active().filter(user=user, role=Role.MODERATOR)
               .values_list("organization_id", flat=True))


def is_moderator_of(user, organization_id: int | None) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_staff or user.is_superuser:
        return True
    return organization_id is not None and organization_id in moderated_organization_ids(user)


def is_any_moderator(user) -> bool:
    return user.is_authenticated and (user.is_staff or bool(moderated_organization_ids(user)))


def can_report(reporter, subject) -> bool:
    """Anyone may report a person they can come across: someone in one of their organizations,
    or someone they are connected to (a group, a match)."""
    from peercircle.accounts.access import is_connected, shares_organization

    if not reporter.is_authenticated or reporter.pk == subject.pk or subject.is_deleted:
        return False
    return shares_organization(reporter, subject) or is_connected(reporter, subject)


def can_report_content(reporter, target) -> bool:
    """Anyone who can see a post or message, and didn't write it, may report it."""
    from peercircle.safety.content import content_kind

    kind = content_kind(target)
    return bool(reporter.is_authenticated and kind is not None and kind.can_report(reporter, target))


def can_act_on(moderator, subject, organization_id: int | None, content=None) -> bool:
    """A moderator acts on people of the organization they moderate (staff anywhere), and on
    the author of content written where they moderate (a forum space they moderate)."""
    from peercircle.safety.content import content_kind

    if not moderator.is_authenticated or moderator.pk == subject.pk:
        return False
    kind = content_kind(content)
    if kind is not None and kind.can_moderate(moderator, content):
        return True
    if not is_moderator_of(moderator, organization_id):
        return False
    if moderator.is_staff or moderator.is_superuser:
        return True
    return Membership.objects.active().filter(user=subject, organization_id=organization_id).exists()


def can_review_appeal(moderator, appeal) -> bool:
    """Another moderator of the same organization: never the one who took the action."""
    action = appeal.action
    return action.moderator_id != moderator.pk and is_moderator_of(moderator, action.organization_id)


def _in_force(user, kinds):
    """Decisions of these kinds about the person that are in force now (not reversed, not over)."""
    from peercircle.safety.models import ModerationAction

    return (ModerationAction.objects.filter(subject=user, kind__in=kinds, revoked_at__isnull=True)
            .exclude(until__lte=timezone.now()))


def account_restriction(user):
    """The suspension or ban in force on this account, if any (None otherwise)."""
    from peercircle.safety.models import ActionKind

    if not user.is_authenticated:
        return None
    return _in_force(user, [ActionKind.SUSPEND, ActionKind.BAN]).order_by("-created_at").first()


RESTRICTION_CACHE_SECONDS = 300


def _restriction_key(user_id: int) -> str:
    return f"safety:restriction:{user_id}"


def _cache_is_shared() -> bool:
    """Whether the default cache is one all processes see (Redis), not each process's memory."""
    from django.conf import settings

    backend = settings.CACHES["default"]["BACKEND"]
    return not backend.endswith(("LocMemCache", "DummyCache"))


def cached_account_restriction(user):
    """`account_restriction` for every page. With Redis (a cache all processes share) it is
    remembered, so most pages ask the database nothing, and forgotten whenever a moderation
    decision about the person is made or reversed (`forget_account_restriction`); with each
    process's own memory it is read every time."""
    from django.core.cache import cache

    from peercircle.safety.models import ModerationAction

    if not user.is_authenticated:
        return None
    if not _cache_is_shared():
        # Each process would remember on its own, and forgetting in one leaves the others
        # remembering: a suspension would take minutes to reach the other workers. Ask the
        # database (one indexed query) instead.
        return account_restriction(user)
    key = _restriction_key(user.pk)
    cached = cache.get(key)
    if cached is None:
        found = account_restriction(user)
        cache.set(key, found.pk if found else 0, RESTRICTION_CACHE_SECONDS)
        return found
    if not cached:
        return None
    found = ModerationAction.objects.filter(pk=cached, revoked_at__isnull=True).first()
    if found is None or (found.until is not None and found.until <= timezone.now()):
        cache.delete(key)
        return None
    return found


def forget_account_restriction(user_id: int) -> None:
    from django.core.cache import cache
    from django.db import transaction

    transaction.on_commit(lambda: cache.delete(_restriction_key(user_id)))
    cache.delete(_restriction_key(user_id))


def posting_restriction(user):
    """The mute, suspension or ban in force that stops the person writing where others read
    (forums, chat), or None. Reading is never taken away by a mute."""
    from peercircle.safety.models import ActionKind

    if not user.is_authenticated:
        return None
    return (_in_force(user, [ActionKind.MUTE, ActionKind.SUSPEND, ActionKind.BAN])
            .order_by("-created_at").first())


def may_post(user) -> bool:
    """Whether the person may write where others read (forums, chat)."""
    return user.is_authenticated and posting_restriction(user) is None


def may_screen_texts(user) -> bool:
    """Screening arbitrary text on demand is a moderator's tool (and an integration's, through a
    moderator's or staff member's token): moderators of any organization, and site staff."""
    return is_any_moderator(user)


# --- Safety alerts and the on-duty rota: the alert's organization's moderators and staff ---------

def alerts_visible_to(user):
    from peercircle.safety.models import SafetyAlert

    if not user.is_authenticated:
        return SafetyAlert.objects.none()
    if user.is_staff or user.is_superuser:
        return SafetyAlert.objects.all()
    return SafetyAlert.objects.filter(organization_id__in=moderated_organization_ids(user))


def alert_for(user, alert_id):
    alert = alerts_visible_to(user).filter(pk=alert_id).first()
    if alert is None:
        raise Http404
    return alert


def rota_organizations_for(user):
    """Organizations whose rota the person may see and change: their moderators and admins."""
    if not user.is_authenticated:
        return Organization.objects.none()
    if user.is_staff or user.is_superuser:
        return Organization.objects.filter(is_active=True)
    ids = Membership.objects.active().filter(user=user, role__in=[Role.MODERATOR, Role.ORG_ADMIN]) \
        .values_list("organization_id", flat=True)
    return Organization.objects.filter(is_active=True, pk__in=ids)


def rota_organization_for(user, slug):
    organization = rota_organizations_for(user).filter(slug=slug).first()
    if organization is None:
        raise Http404
    return organization
