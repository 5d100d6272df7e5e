from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404

from peercircle.organizations.models import Membership, Organization, Program


def organization_list(*, query: str = "", kind: str = ""):
    organizations = Organization.objects.filter(is_active=True).annotate(
        program_count=Count("programs", filter=Q(programs__is_active=True, programs__is_public=True))
    )
    if query:
        organizations = organizations.filter(Q(name__icontains=query) | Q(city__icontains=query))
    if kind:
        organizations = organizations.filter(kind=kind)
    return organizations


def organization_detail(*, slug: str) -> Organization:
    return get_object_or_404(
        Organization.objects.prefetch_related(
            Prefetch("programs", queryset=Program.objects.filter(is_active=True, is_public=True)
                     .prefetch_related("experiences"), to_attr="public_programs")
        ),
        slug=slug, is_active=True,
    )


def organization_members(*, organization: Organization, query: str = "", role: str = ""):
    """Roles and open invitations in an organization, for its admins. A person's name is only
    searchable when they show it to members of their organizations (see accounts.access)."""
    from peercircle.accounts.models import Visibility

    members = (
        Membership.objects.filter(organization=organization, ended_at__isnull=True)
        .select_related("user", "user__profile")
        .order_by("role", "user__email")
    )
    if query:
        shown_name = Q(user__profile__display_name__icontains=query,
                       user__profile__display_name_visibility=Visibility.ORGANIZATION,
                       accepted_at__isnull=False)
        members = members.filter(Q(user__email__icontains=query) | shown_name)
    if role:
        members = members.filter(role=role)
    return members


def pending_invitations(*, user):
    return (
        Membership.objects.pending().filter(user=user, organization__is_active=True)
        .select_related("organization").order_by("-started_at")
    )
