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
    members = (
        Membership.objects.active().filter(organization=organization)
        .select_related("user", "user__profile").order_by("role", "user__profile__display_name", "user__email")
    )
    if query:
        members = members.filter(Q(user__email__icontains=query) | Q(user__profile__display_name__icontains=query))
    if role:
        members = members.filter(role=role)
    return members
