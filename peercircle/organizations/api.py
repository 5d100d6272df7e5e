from typing import Literal

from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status

from peercircle.accounts.access import name_shown_to_organization
from peercircle.organizations.access import is_org_admin
from peercircle.organizations.models import Membership
from peercircle.organizations.selectors import (
    organization_detail,
    organization_list,
    organization_members,
    pending_invitations,
)
from peercircle.organizations.services import (
    INVITED,
    membership_accept,
    membership_decline,
    membership_end,
    membership_invite,
    organization_leave,
)

router = Router(tags=["organizations"])


class ProgramOut(Schema):
    name: str
    slug: str
    kind: str
    description_html: str
    experiences: list[str]
    accepts_under_18: bool


class OrganizationOut(Schema):
    name: str
    slug: str
    kind: str
    city: str
    country: str
    latitude: float | None
    longitude: float | None
    timezone: str
    website: str
    languages: list[str]


class OrganizationDetailOut(OrganizationOut):
    description_html: str
    programs: list[ProgramOut]


class MemberOut(Schema):
    id: int
    person: str
    email: str
    display_name: str | None
    role: str
    status: Literal["active", "invited"]


class InvitationOut(Schema):
    id: int
    organization: str
    organization_slug: str
    role: str


class GrantIn(Schema):
    email: str
    role: str


class Message(Schema):
    detail: str


@router.get("/organizations", response=list[OrganizationOut], auth=None, summary="Organizations (public)")
def organizations(request, q: str = ""):
    return organization_list(query=q[:100])


@router.get("/organizations/{slug}", response={200: OrganizationDetailOut, 404: Message}, auth=None,
            summary="One organization and its public programs")
def organization(request, slug: str):
    org = organization_detail(slug=slug)
    org.programs_out = [
        {"name": p.name, "slug": p.slug, "kind": p.kind, "description_html": p.description_html,
         "experiences": [n.code for n in p.experiences.all()], "accepts_under_18": p.accepts_under_18}
        for p in org.public_programs
    ]
    return {**OrganizationOut.from_orm(org).dict(), "description_html": org.description_html,
            "programs": org.programs_out}


def _admin_org(request, slug):
    org = organization_detail(slug=slug)
    if not is_org_admin(request.auth, org):
        raise Http404
    return org


def _member_out(m) -> dict:
    return {"id": m.pk, "person": str(m.user.public_id), "email": m.user.email,
            "display_name": name_shown_to_organization(getattr(m.user, "profile", None))
            if m.accepted_at else None,
            "role": m.role, "status": "active" if m.accepted_at else "invited"}


@router.get("/organizations/{slug}/members", response={200: list[MemberOut], 404: Message},
            summary="People, roles and open invitations in an organization (organization admins)")
def members(request, slug: str):
    org = _admin_org(request, slug)
    return [_member_out(m) for m in organization_members(organization=org)]


@router.post("/organizations/{slug}/members", response={202: Message, 400: Message, 404: Message},
             summary="Invite someone to a role (organization admins)")
def invite(request, slug: str, payload: GrantIn):
    org = _admin_org(request, slug)
    membership_invite(actor=request.auth, organization=org, email=payload.email, role=payload.role)
    return Status(202, {"detail": str(INVITED)})


@router.delete("/organizations/{slug}/members/{membership_id}", response={200: Message, 404: Message},
               summary="End a role or withdraw an invitation (organization admins)")
def end_membership(request, slug: str, membership_id: int):
    org = _admin_org(request, slug)
    membership = get_object_or_404(Membership, pk=membership_id, organization=org, ended_at__isnull=True)
    membership_end(actor=request.auth, membership=membership)
    return {"detail": "Ended."}


@router.post("/organizations/{slug}/leave", response={200: Message, 404: Message},
             summary="Leave an organization (all my roles there end)")
def leave(request, slug: str):
    org = organization_detail(slug=slug)
    count = organization_leave(user=request.auth, organization=org)
    return {"detail": f"{count} role(s) ended."}


@router.get("/me/invitations", response=list[InvitationOut], summary="Invitations waiting for my answer")
def my_invitations(request):
    return [{"id": m.pk, "organization": m.organization.name, "organization_slug": m.organization.slug,
             "role": m.role} for m in pending_invitations(user=request.auth)]


@router.post("/me/invitations/{membership_id}/{answer}", response={200: Message, 404: Message},
             summary="Accept or decline an invitation")
def answer_invitation(request, membership_id: int, answer: Literal["accept", "decline"]):
    membership = get_object_or_404(Membership.objects.pending(), pk=membership_id, user=request.auth)
    if answer == "accept":
        membership_accept(user=request.auth, membership=membership)
        return {"detail": "Accepted."}
    membership_decline(user=request.auth, membership=membership)
    return {"detail": "Declined."}
