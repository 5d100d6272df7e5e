from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from peercircle.core.audit import audit_record
from peercircle.core.errors import UserFacingError
from peercircle.core.places import resolve_city
from peercircle.core.text import render_markdown
from peercircle.organizations.models import Membership, Organization, Program, Role


class OrganizationError(UserFacingError):
    """A request that cannot be carried out; the message is safe to show."""


@transaction.atomic
def organization_create(*, actor, name: str, kind: str, slug: str = "", description: str = "",
                        country: str = "", city: str = "", website: str = "", email: str = "",
                        languages: list[str] | None = None,
                        requires_group_approval: bool = False) -> Organization:
    place = resolve_city(city, country) if city else None
    organization = Organization.objects.create(
        name=name,
        slug=slug or slugify(name)[:80],
        kind=kind,
        description=description,
        description_html=render_markdown(description),
        country=country.upper(),
        city=place.name if place else city,
        latitude=place.latitude if place else None,
        longitude=place.longitude if place else None,
        timezone=place.timezone if place else "UTC",
        website=website,
        email=email,
        languages=languages or [],
        requires_group_approval=requires_group_approval,
    )
    audit_record(actor=actor, action="organization.create", target=organization,
                 organization=organization, is_staff_action=True)
    return organization


@transaction.atomic
def membership_grant(*, actor, organization: Organization, user, role: str) -> Membership:
    if role not in Role.values:
        raise OrganizationError(_("That role does not exist."))
    membership, created = Membership.objects.get_or_create(
        user=user, organization=organization, role=role, ended_at=None
    )
    if created:
        audit_record(actor=actor, action="membership.grant", target=membership, subject=user,
                     organization=organization, data={"role": role}, is_staff_action=True)
    return membership


@transaction.atomic
def membership_end(*, actor, membership: Membership) -> Membership:
    if membership.ended_at is None:
        membership.ended_at = timezone.now()
        membership.save(update_fields=["ended_at"])
        audit_record(actor=actor, action="membership.end", target=membership,
                     subject=membership.user, organization=membership.organization,
                     data={"role": membership.role},
                     is_staff_action=actor is not None and actor.pk != membership.user_id)
    return membership


@transaction.atomic
def program_create(*, actor, organization: Organization, name: str, kind: str,
                   description: str = "", experience_codes: list[str] | None = None,
                   requires_certification: bool = True, accepts_under_18: bool = False,
                   is_public: bool = True) -> Program:
    from peercircle.experiences.selectors import nodes_by_codes

    program = Program.objects.create(
        organization=organization,
        name=name,
        slug=slugify(name)[:80],
        kind=kind,
        description=description,
        description_html=render_markdown(description),
        requires_certification=requires_certification,
        accepts_under_18=accepts_under_18,
        is_public=is_public,
    )
    if experience_codes:
        program.experiences.set(nodes_by_codes(experience_codes))
    audit_record(actor=actor, action="program.create", target=program,
                 organization=organization, is_staff_action=True)
    return program
