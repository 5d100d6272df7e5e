from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from peercircle.core.audit import audit_record
from peercircle.core.errors import UserFacingError
from peercircle.core.places import resolve_city
from peercircle.core.slugs import unique_slug
from peercircle.core.text import after_store, prepare_user_text
from peercircle.organizations.models import Membership, Organization, Program, Role

# What an admin is told after inviting, whether or not the email has an account.
INVITED = gettext_lazy("If someone has an account with that email, they will see your invitation when they next sign in. "
            "Nothing changes until they accept.")


class OrganizationError(UserFacingError):
    """A request that cannot be carried out; the message is safe to show."""


@transaction.atomic
def organization_create(*, actor, name: str, kind: str, slug: str = "", description: str = "",
                        country: str = "", city: str = "", website: str = "", email: str = "",
                        languages: list[str] | None = None,
                        requires_group_approval: bool = False) -> Organization:
    place = resolve_city(city, country) if city else None
    prepared = prepare_user_text(text=description, max_length=5000)
    organization = Organization.objects.create(
        name=name,
        slug=slug or unique_slug(Organization.objects.all(), name, fallback="organization"),
        kind=kind,
        description=prepared.source,
        description_html=prepared.html,
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
    if prepared.source:
        after_store(prepared=prepared, author=actor, target=organization, context="organization.description")
    audit_record(actor=actor, action="organization.create", target=organization,
                 organization=organization, is_staff_action=True)
    return organization


def _check_role(role: str) -> None:
    if role not in Role.values:
        raise OrganizationError(_("That role does not exist."))


@transaction.atomic
def membership_grant(*, actor, organization: Organization, user, role: str) -> Membership:
    """Give a role straight away. For site staff, the demo and imports; organization admins
    invite instead (membership_invite), so nobody joins without saying yes."""
    _check_role(role)
    membership = Membership.objects.filter(
        user=user, organization=organization, role=role, ended_at__isnull=True
    ).first()
    if membership and membership.accepted_at:
        return membership
    if membership:  # an open invitation: granting settles it
        membership.accepted_at = timezone.now()
        membership.save(update_fields=["accepted_at"])
    else:
        membership = Membership.objects.create(user=user, organization=organization, role=role)
    audit_record(actor=actor, action="membership.grant", target=membership, subject=user,
                 organization=organization, data={"role": role}, is_staff_action=True)
    return membership


@transaction.atomic
def membership_invite(*, actor, organization: Organization, email: str, role: str) -> Membership | None:
    """Invite the account with `email` to a role. Returns None when there is no such account;
    callers answer the same either way, so an admin cannot learn who is registered."""
    from django.contrib.auth import get_user_model

    _check_role(role)
    user = get_user_model().objects.filter(
        email__iexact=email.strip(), is_active=True, deleted_at__isnull=True
    ).first()
    if user is None:
        return None
    existing = Membership.objects.filter(
        user=user, organization=organization, role=role, ended_at__isnull=True
    ).first()
    if existing:
        return existing
    membership = Membership.objects.create(
        user=user, organization=organization, role=role, accepted_at=None, invited_by=actor
    )
    audit_record(actor=actor, action="membership.invite", target=membership, subject=user,
                 organization=organization, data={"role": role}, is_staff_action=True)
    return membership


def _own_pending(user, membership: Membership) -> None:
    if membership.user_id != user.pk or membership.accepted_at or membership.ended_at:
        raise OrganizationError(_("That invitation was not found. It may have been withdrawn."))


@transaction.atomic
def membership_accept(*, user, membership: Membership) -> Membership:
    _own_pending(user, membership)
    membership.accepted_at = timezone.now()
    membership.save(update_fields=["accepted_at"])
    audit_record(actor=user, action="membership.accept", target=membership, subject=user,
                 organization=membership.organization, data={"role": membership.role})
    return membership


@transaction.atomic
def membership_decline(*, user, membership: Membership) -> Membership:
    _own_pending(user, membership)
    membership.ended_at = timezone.now()
    membership.save(update_fields=["ended_at"])
    audit_record(actor=user, action="membership.decline", target=membership, subject=user,
                 organization=membership.organization, data={"role": membership.role})
    return membership


@transaction.atomic
def membership_end(*, actor, membership: Membership) -> Membership:
    """End a role (or withdraw an invitation). Used by admins and by the person themselves."""
    if membership.ended_at is None:
        membership.ended_at = timezone.now()
        membership.save(update_fields=["ended_at"])
        audit_record(actor=actor, action="membership.end", target=membership,
                     subject=membership.user, organization=membership.organization,
                     data={"role": membership.role},
                     is_staff_action=actor is not None and actor.pk != membership.user_id)
    return membership


@transaction.atomic
def organization_leave(*, user, organization: Organization) -> int:
    """Leave an organization: every role the person holds there ends. No reason needed."""
    memberships = list(Membership.objects.filter(
        user=user, organization=organization, ended_at__isnull=True))
    for membership in memberships:
        membership_end(actor=user, membership=membership)
    return len(memberships)


@transaction.atomic
def program_create(*, actor, organization: Organization, name: str, kind: str,
                   description: str = "", experience_codes: list[str] | None = None,
                   requires_certification: bool = True, accepts_under_18: bool = False,
                   is_public: bool = True) -> Program:
    from peercircle.experiences.selectors import nodes_by_codes

    name = name.strip()
    if not name:
        raise OrganizationError(_("Please give the program a name."))
    prepared = prepare_user_text(text=description, max_length=5000)
    program = Program.objects.create(
        organization=organization,
        name=name,
        slug=unique_slug(organization.programs.all(), name, fallback="program"),
        kind=kind,
        description=prepared.source,
        description_html=prepared.html,
        requires_certification=requires_certification,
        accepts_under_18=accepts_under_18,
        is_public=is_public,
    )
    if experience_codes:
        program.experiences.set(nodes_by_codes(experience_codes))
    if prepared.source:
        after_store(prepared=prepared, author=actor, target=program, context="program.description")
    audit_record(actor=actor, action="program.create", target=program,
                 organization=organization, is_staff_action=True)
    return program
