"""Who may do what in an organization."""

import rules
from django.conf import settings

from peercircle.organizations.models import Membership, Role


def roles_in(user, organization) -> set[str]:
    if not user.is_authenticated:
        return set()
    return set(
        Membership.objects.active()
        .filter(user=user, organization=organization)
        .values_list("role", flat=True)
    )


def has_role(user, organization, *roles: str) -> bool:
    if not user.is_authenticated:
        return False
    return Membership.objects.active().filter(
        user=user, organization=organization, role__in=roles
    ).exists()


def requires_two_factor(user) -> bool:
    """Moderators, organization admins and site staff must use two-factor authentication."""
    if not user.is_authenticated:
        return False
    if user.is_staff or user.is_superuser:
        return True
    return Membership.objects.active().filter(
        user=user, role__in=settings.PEERCIRCLE_TWO_FACTOR_ROLES
    ).exists()


@rules.predicate
def is_org_admin(user, organization) -> bool:
    return user.is_superuser or has_role(user, organization, Role.ORG_ADMIN)


@rules.predicate
def is_org_member(user, organization) -> bool:
    return user.is_superuser or has_role(user, organization, *Role.values)


def managed_organization_or_404(user, slug: str):
    """The organization at `slug` when `user` administers it; otherwise "not found"."""
    from django.http import Http404

    from peercircle.organizations.selectors import organization_detail

    org = organization_detail(slug=slug)
    if not (user.is_authenticated and is_org_admin(user, org)):
        raise Http404
    return org


def organizations_visible_to(user):
    from peercircle.organizations.models import Organization

    return Organization.objects.filter(is_active=True)


rules.add_perm("organizations.manage", is_org_admin)
rules.add_perm("organizations.view_members", is_org_admin)
