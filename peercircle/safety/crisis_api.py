import datetime

from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status

from peercircle.organizations.access import is_org_admin
from peercircle.organizations.selectors import organization_detail
from peercircle.safety.crisis import (
    country_for,
    crisis_lines_for,
    crisis_plan_of,
    organizations_of,
    shared_crisis_plan_for_match,
    valid_country,
)
from peercircle.safety.crisis_services import (
    crisis_line_create,
    crisis_line_delete,
    crisis_line_update,
    crisis_plan_delete,
    crisis_plan_read_by_supporter,
    crisis_plan_save,
)
from peercircle.safety.models import CrisisLine

router = Router(tags=["crisis"])


class Message(Schema):
    detail: str


class LineOut(Schema):
    key: str
    name: str
    description: str
    phone: str
    text: str
    url: str
    hours: str
    source: str
    checked: str
    country: str
    organization: str


class LinesOut(Schema):
    country: str
    lines: list[LineOut]


class PlanIn(Schema):
    warning_signs: str = ""
    coping_steps: str = ""
    people_to_contact: str = ""
    professional_contacts: str = ""
    shared_with_supporter: bool = False


class PlanOut(PlanIn):
    updated_at: datetime.datetime | None = None


class OrgLineIn(Schema):
    name: str
    phone: str = ""
    text: str = ""
    url: str = ""
    description: str = ""
    hours: str = ""
    country: str = ""
    language: str = ""
    key: str = ""
    source: str = ""
    checked: datetime.date | None = None
    position: int = 0


class OrgLinePatch(Schema):
    name: str | None = None
    phone: str | None = None
    text: str | None = None
    url: str | None = None
    description: str | None = None
    hours: str | None = None
    country: str | None = None
    language: str | None = None
    key: str | None = None
    source: str | None = None
    checked: datetime.date | None = None
    position: int | None = None


class OrgLineOut(OrgLineIn):
    id: int


def _user(request):
    user = getattr(request, "auth", None) or getattr(request, "user", None)
    return user if getattr(user, "is_authenticated", False) else None


@router.get("/crisis-lines", response=LinesOut, auth=None,
            summary="Crisis lines for a country (public): your organization's first, then the bundled list, "
                    "then an international directory; never empty")
def crisis_lines(request, country: str = "", lang: str = ""):
    user = _user(request)
    chosen = country_for(user, request, chosen=valid_country(country))
    lang = lang or getattr(request, "LANGUAGE_CODE", "en")
    return {"country": chosen,
            "lines": [line.as_dict() for line in crisis_lines_for(chosen, organizations_of(user), lang=lang)]}


def _plan_out(plan) -> dict:
    if plan is None:
        return {"warning_signs": "", "coping_steps": "", "people_to_contact": "", "professional_contacts": "",
                "shared_with_supporter": False, "updated_at": None}
    return {"warning_signs": plan.warning_signs, "coping_steps": plan.coping_steps,
            "people_to_contact": plan.people_to_contact, "professional_contacts": plan.professional_contacts,
            "shared_with_supporter": plan.shared_with_supporter, "updated_at": plan.updated_at}


@router.get("/me/crisis-plan", response=PlanOut, summary="My crisis plan (empty parts when I have none yet)")
def my_crisis_plan(request):
    return _plan_out(crisis_plan_of(request.auth))


@router.put("/me/crisis-plan", response=PlanOut, summary="Write or rewrite my crisis plan")
def put_crisis_plan(request, payload: PlanIn):
    plan = crisis_plan_save(user=request.auth, lang=getattr(request, "LANGUAGE_CODE", "en")[:2], **payload.dict())
    return _plan_out(plan)


@router.delete("/me/crisis-plan", response=Message, summary="Delete my crisis plan")
def delete_crisis_plan(request):
    crisis_plan_delete(user=request.auth)
    return {"detail": "Deleted."}


@router.get("/matches/{match_id}/crisis-plan", response={200: PlanOut, 404: Message},
            summary="The crisis plan a member shared with me, their peer supporter (404 otherwise)")
def shared_plan(request, match_id: int):
    match, plan = shared_crisis_plan_for_match(request.auth, match_id)
    crisis_plan_read_by_supporter(viewer=request.auth, plan=plan, match=match)
    return _plan_out(plan)


def _admin_org(request, slug):
    org = organization_detail(slug=slug)
    if not is_org_admin(request.auth, org):
        raise Http404
    return org


def _org_line_out(line) -> dict:
    return {"id": line.pk, "name": line.name, "phone": line.phone, "text": line.text, "url": line.url,
            "description": line.description, "hours": line.hours, "country": line.country,
            "language": line.language, "key": line.key, "source": line.source, "checked": line.checked,
            "position": line.position}


@router.get("/organizations/{slug}/crisis-lines", response={200: list[OrgLineOut], 404: Message},
            summary="The organization's own crisis lines (organization admins)")
def org_lines(request, slug: str):
    org = _admin_org(request, slug)
    return [_org_line_out(line) for line in CrisisLine.objects.filter(organization=org)]


@router.post("/organizations/{slug}/crisis-lines", response={201: OrgLineOut, 400: Message, 404: Message},
             summary="Add a crisis line, or replace a bundled one by its key (organization admins)")
def org_line_create(request, slug: str, payload: OrgLineIn):
    org = _admin_org(request, slug)
    line = crisis_line_create(actor=request.auth, organization=org, **payload.dict())
    return Status(201, _org_line_out(line))


@router.patch("/organizations/{slug}/crisis-lines/{line_id}", response={200: OrgLineOut, 400: Message, 404: Message},
              summary="Change one of the organization's crisis lines (organization admins)")
def org_line_update(request, slug: str, line_id: int, payload: OrgLinePatch):
    org = _admin_org(request, slug)
    line = get_object_or_404(CrisisLine, pk=line_id, organization=org)
    line = crisis_line_update(actor=request.auth, line=line, **payload.dict(exclude_unset=True))
    return _org_line_out(line)


@router.delete("/organizations/{slug}/crisis-lines/{line_id}", response={200: Message, 404: Message},
               summary="Remove one of the organization's crisis lines (organization admins)")
def org_line_delete(request, slug: str, line_id: int):
    org = _admin_org(request, slug)
    line = get_object_or_404(CrisisLine, pk=line_id, organization=org)
    crisis_line_delete(actor=request.auth, line=line)
    return {"detail": "Removed."}


class BoundariesSchema(Schema):
    hold_contact_details: bool
    hold_dosing_advice: bool


@router.get("/organizations/{slug}/boundaries", response={200: BoundariesSchema, 404: Message},
            summary="Which words wait for a moderator in the organization's messages and spaces (organization admins)")
def boundaries(request, slug: str):
    from peercircle.safety.boundaries import boundary_settings_for

    current = boundary_settings_for(_admin_org(request, slug).pk)
    return {"hold_contact_details": current.hold_contact_details, "hold_dosing_advice": current.hold_dosing_advice}


@router.put("/organizations/{slug}/boundaries", response={200: BoundariesSchema, 404: Message},
            summary="Change the organization's boundary checks (organization admins)")
def boundaries_replace(request, slug: str, payload: BoundariesSchema):
    from peercircle.safety.boundaries import boundary_settings_update

    current = boundary_settings_update(actor=request.auth, organization=_admin_org(request, slug), **payload.dict())
    return {"hold_contact_details": current.hold_contact_details, "hold_dosing_advice": current.hold_dosing_advice}
