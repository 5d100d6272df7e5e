from django.contrib.auth import get_user_model
from django.http import Http404
from ninja import Router, Schema, Status

from peercircle.accounts.services import AccountError
from peercircle.organizations.access import is_org_admin
from peercircle.organizations.models import Role
from peercircle.organizations.selectors import (
    organization_detail,
    organization_list,
    organization_members,
)
from peercircle.organizations.services import membership_grant

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
    display_name: str
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


@router.get("/organizations/{slug}/members", response={200: list[MemberOut], 404: Message},
            summary="People and roles in an organization (organization admins)")
def members(request, slug: str):
    org = _admin_org(request, slug)
    return [
        {"id": m.pk, "person": str(m.user.public_id),
         "display_name": getattr(getattr(m.user, "profile", None), "display_name", ""), "role": m.role}
        for m in organization_members(organization=org)
    ]


@router.post("/organizations/{slug}/members", response={201: MemberOut, 400: Message, 404: Message},
             summary="Give someone a role (organization admins)")
def grant(request, slug: str, payload: GrantIn):
    org = _admin_org(request, slug)
    if payload.role not in Role.values:
        raise AccountError("That role does not exist.")
    person = get_user_model().objects.filter(email__iexact=payload.email, is_active=True).first()
    if person is None:
        raise AccountError("Nobody has an account with that email yet.")
    m = membership_grant(actor=request.auth, organization=org, user=person, role=payload.role)
    return Status(201, {"id": m.pk, "person": str(person.public_id),
                        "display_name": getattr(getattr(person, "profile", None), "display_name", ""),
                        "role": m.role})
