"""The matching API: a supporter's own profile, 1:1 programs, support requests, matches and their
answers, and a program's matching for its admins. The same services and access rules as the
pages; anything the caller may not see answers 404."""

from datetime import datetime
from typing import Literal
from uuid import UUID

from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from peercircle.matching import access, present, selectors
from peercircle.matching.models import Match, SupporterProfile, SupportRequest
from peercircle.matching.services import (
    MatchingError,
    match_end,
    match_member_answer,
    match_supporter_answer,
    request_create,
    request_renew,
    request_withdraw,
    settings_update,
    supporter_profile_update,
    supporter_program_set,
    waiting_list_match,
)
from peercircle.organizations.access import has_role
from peercircle.organizations.models import Role

router = Router(tags=["matching"])

Side = Literal["member", "supporter", "admin"]


class Message(Schema):
    detail: str


class Window(Schema):
    day: int
    start: str
    end: str


class ServedProgramOut(Schema):
    organization: str
    program: str
    name: str
    certified: bool
    youth_trained: bool


class SupporterProfileOut(Schema):
    status: str
    capacity: int
    load: int
    languages: list[str]
    formats: list[str]
    timezone: str
    availability: list[Window]
    gender: str
    age_band: str
    travel_km: int
    about: str
    about_html: str
    programs: list[ServedProgramOut]


class SupporterProfileIn(Schema):
    status: Literal["available", "paused"] = "available"
    capacity: int = 3
    languages: list[str]
    formats: list[str]
    timezone: str
    availability: list[Window] = []
    gender: str = ""
    age_band: str = ""
    travel_km: int = 10
    about: str = ""


class ProgramOut(Schema):
    organization: str
    organization_name: str
    slug: str
    name: str
    description_html: str
    accepts_under_18: bool
    requires_certification: bool
    experiences: list[str]


class RequestIn(Schema):
    organization: str
    program: str
    experience_codes: list[str]
    community_codes: list[str] = []
    story: str = ""
    goals: str = ""
    age_band: str
    languages: list[str]
    formats: list[str]
    timezone: str
    availability: list[Window] = []
    supporter_gender: str = ""
    supporter_age_bands: list[str] = []
    shared_community: bool = False
    distance_km: int = 10
    urgency: Literal["soon", "weeks", "flexible"] = "weeks"


class RequestOut(Schema):
    id: int
    organization: str
    program: str
    status: str
    status_label: str
    experiences: list[str]
    communities: list[str]
    story: str | None
    goals: str
    age_band: str
    languages: list[str]
    formats: list[str]
    timezone: str
    availability: list[Window]
    supporter_gender: str
    supporter_age_bands: list[str]
    shared_community: bool
    distance_km: int
    urgency: str
    waiting_since: datetime
    created_at: datetime
    closed_at: datetime | None
    match: int | None


class ReasonOut(Schema):
    text: str
    code: dict


class AskedOut(Schema):
    """What a supporter reads of the request they are proposed for: never the story, and the
    member's name only once they have said yes (in `MatchOut.member_name`)."""

    experiences: list[str]
    goals: str
    goals_html: str
    languages: list[str]
    formats: list[str]
    age_band: str
    urgency: str
    shared_hours: list[str]


class MatchOut(Schema):
    """A match as the reader's side may see it, as the pages show it. The member reads the
    supporter's name and why only once the supporter has said yes, and sees "closed" for a
    proposal that closed before it reached them; the supporter reads the request (never the
    story) and why only while the match is open."""

    id: int
    program: str
    organization: str
    status: str
    status_label: str
    side: Side
    member_name: str | None
    supporter_name: str | None
    score: float | None
    explanation: list[str]
    reasons: list[dict]
    request: AskedOut | None
    request_id: int | None
    created_at: datetime
    started_at: datetime | None
    ended_at: datetime | None
    can_accept: bool
    can_decline: bool
    can_end: bool
    can_renew: bool


class DeclineIn(Schema):
    reason: str = ""


class EndIn(Schema):
    block: bool = False


class WhyStepOut(Schema):
    constraint: str
    left: int
    text: str


class WaitingOut(Schema):
    request_id: int
    person: str
    name: str
    waiting_since: datetime
    waiting_days: float
    urgency: str
    experiences: list[str]
    why_no_match: list[WhyStepOut]
    why_summary: str


class BatchIn(Schema):
    method: Literal["optimal", "greedy"] = "optimal"


class BatchOut(Schema):
    method: str
    proposed: int
    waiting: int
    total_score: float
    longest_wait_days: float
    matches: list[int]


class SettingsIO(Schema):
    weights: dict[str, float]
    wait_bonus_per_week: float
    longest_wait_days: int
    answer_within_days: int


class ServingIn(Schema):
    serves: bool = True
    certified: bool = False
    youth_trained: bool = False


class ServingOut(Schema):
    person: str
    name: str
    serves: bool
    certified: bool
    youth_trained: bool
    status: str
    load: int
    capacity: int


# --- supporter profile ---------------------------------------------------------------------------

def _profile_out(profile: SupporterProfile) -> dict:
    return {
        "status": profile.status, "capacity": profile.capacity, "load": profile.load,
        "languages": profile.languages, "formats": profile.formats, "timezone": profile.timezone,
        "availability": profile.availability, "gender": profile.gender, "age_band": profile.age_band,
        "travel_km": profile.travel_km, "about": profile.about, "about_html": profile.about_html,
        "programs": [{"organization": link.program.organization.slug, "program": link.program.slug,
                      "name": link.program.name, "certified": link.certified, "youth_trained": link.youth_trained}
                     for link in profile.programs.select_related("program", "program__organization")],
    }


@router.get("/me/supporter-profile", response={200: SupporterProfileOut, 404: Message},
            summary="My supporter profile (peer supporters)")
def my_supporter_profile(request):
    profile = selectors.supporter_profile_of(request.auth) if access.can_be_supporter(request.auth) else None
    if profile is None:
        raise Http404
    return _profile_out(profile)


@router.put("/me/supporter-profile", response={200: SupporterProfileOut, 400: Message, 404: Message},
            summary="Create or change my supporter profile (peer supporters)")
def put_supporter_profile(request, payload: SupporterProfileIn):
    if not access.can_be_supporter(request.auth):
        raise Http404
    values = payload.dict()
    values["timezone_name"] = values.pop("timezone")
    profile = supporter_profile_update(user=request.auth, **values)
    return _profile_out(profile)


# --- programs and requests -----------------------------------------------------------------------

@router.get("/programs/one-to-one", response=list[ProgramOut], summary="Programs that offer a 1:1 peer supporter")
def one_to_one_programs(request):
    return [{"organization": p.organization.slug, "organization_name": p.organization.name, "slug": p.slug,
             "name": p.name, "description_html": p.description_html, "accepts_under_18": p.accepts_under_18,
             "requires_certification": p.requires_certification,
             "experiences": [node.code for node in p.experiences.all()]}
            for p in selectors.one_to_one_programs().prefetch_related("experiences")]


def _request_out(request: SupportRequest, viewer) -> dict:
    open_match = next((m for m in request.matches.all() if m.is_open), None)
    return {
        "id": request.pk, "organization": request.program.organization.slug, "program": request.program.slug,
        "status": request.status, "status_label": str(request.get_status_display()),
        "experiences": [node.code for node in request.experiences.all()],
        "communities": [node.code for node in request.communities.all()],
        "story": request.story if request.user_id == viewer.pk else None,  # only ever to its author
        "goals": request.goals, "age_band": request.age_band, "languages": request.languages,
        "formats": request.formats, "timezone": request.timezone, "availability": request.availability,
        "supporter_gender": request.supporter_gender, "supporter_age_bands": request.supporter_age_bands,
        "shared_community": request.shared_community, "distance_km": request.distance_km,
        "urgency": request.urgency, "waiting_since": request.waiting_since, "created_at": request.created_at,
        "closed_at": request.closed_at, "match": open_match.pk if open_match else None,
    }


@router.post("/support-requests", response={201: RequestOut, 400: Message, 404: Message},
             summary="Ask for a peer supporter in a 1:1 program")
def create_request(request, payload: RequestIn):
    program = selectors.requestable_program(request.auth, organization_slug=payload.organization,
                                            program_slug=payload.program)
    values = payload.dict()
    for key in ("organization", "program"):
        values.pop(key)
    values["timezone_name"] = values.pop("timezone")
    created = request_create(user=request.auth, program=program, **values)
    return Status(201, _request_out(_my_request(request.auth, created.pk), request.auth))


def _my_request(user, pk) -> SupportRequest:
    found = selectors.request_for(user, pk)
    return (SupportRequest.objects.select_related("program", "program__organization")
            .prefetch_related("experiences", "communities", "matches").get(pk=found.pk))


@router.get("/support-requests", response=list[RequestOut], summary="My requests for a peer supporter")
def my_requests(request):
    return [_request_out(r, request.auth) for r in selectors.requests_of(request.auth).prefetch_related("communities")]


@router.get("/support-requests/{request_id}", response={200: RequestOut, 404: Message},
            summary="One request (its author, or the program's admins without the story)")
def one_request(request, request_id: int):
    return _request_out(_my_request(request.auth, request_id), request.auth)


@router.post("/support-requests/{request_id}/withdraw", response={200: RequestOut, 404: Message},
             summary="Stop looking (anything open closes gently)")
def withdraw_request(request, request_id: int):
    found = selectors.request_for(request.auth, request_id)
    if not access.can_withdraw(request.auth, found):
        raise Http404
    request_withdraw(actor=request.auth, request=found)
    return _request_out(_my_request(request.auth, request_id), request.auth)


# --- matches -------------------------------------------------------------------------------------

def _match_out(user, match: Match, *, heard_of: bool | None = None) -> dict:
    context = present.match_context(user, match)
    side = context["side"]
    asked = None
    # The supporter reads the request to answer it and while they support the person, as on the page.
    if side == "admin" or (side == "supporter" and match.is_open):
        support_request = match.request
        asked = {"experiences": [node.code for node in context["experiences"]], "goals": support_request.goals,
                 "goals_html": support_request.goals_html, "languages": support_request.languages,
                 "formats": support_request.formats, "age_band": support_request.age_band,
                 "urgency": support_request.urgency, "shared_hours": [str(h) for h in context["shared_hours"]]}
    status, status_label = match.status, str(match.get_status_display())
    if side in ("supporter", "admin"):  # the model's labels speak to the member
        status_label = str(present.status_for_admins(match))
    if side == "member" and not match.is_open:
        if heard_of is None:
            heard_of = selectors.matches_as_member(user).filter(pk=match.pk).exists()
        if not heard_of:  # closed before it reached them: who said no, or didn't answer, isn't theirs to know
            status, status_label = "closed", str(_("It didn't go ahead this time."))
    return {
        "id": match.pk, "program": match.program.slug, "organization": match.program.organization.slug,
        "status": status, "status_label": status_label, "side": side,
        "member_name": context["member_name"] or None, "supporter_name": context["supporter_name"] or None,
        "score": match.score if side == "admin" else None,
        "explanation": [str(line) for line in context["lines"]], "reasons": context["reasons"], "request": asked,
        "request_id": match.request_id if side != "supporter" else None,
        "created_at": match.created_at, "started_at": match.started_at, "ended_at": match.ended_at,
        "can_accept": context["can_answer"], "can_decline": context["can_answer"],
        "can_end": side != "admin" and access.can_end(user, match), "can_renew": context["can_renew"],
    }


@router.get("/matches", response=list[MatchOut], summary="My matches and proposals, as member or supporter")
def my_matches(request):
    user = request.auth
    # As a member, only the matches the pages tell them of (selectors.heard_of_by_member).
    found = (Match.objects.filter(Q(supporter=user) | selectors.heard_of_by_member(user))
             .select_related("program", "program__organization", "member__profile", "supporter__profile",
                             "supporter__supporter_profile", "request")
             .prefetch_related("request__experiences").order_by("-created_at")[:100])
    return [_match_out(user, match, heard_of=True) for match in found]


@router.get("/matches/{match_id}", response={200: MatchOut, 404: Message},
            summary="One match, with why it was suggested in plain words (and as codes)")
def one_match(request, match_id: int):
    return _match_out(request.auth, selectors.match_for(request.auth, match_id))


def _answer(request, match_id: int, *, accept: bool, reason: str = "") -> dict:
    user = request.auth
    match = selectors.match_for(user, match_id)
    if access.can_answer_as_supporter(user, match):
        match_supporter_answer(actor=user, match=match, accept=accept, reason=reason)
    elif access.can_answer_as_member(user, match):
        match_member_answer(actor=user, match=match, accept=accept, reason=reason)
    elif access.side_of(user, match) == "admin":
        raise Http404
    else:
        raise MatchingError(_("This proposal isn't waiting for your answer."))
    return _match_out(user, selectors.match_for(user, match_id))


@router.post("/matches/{match_id}/accept", response={200: MatchOut, 400: Message, 404: Message},
             summary="Say yes to a proposal (the supporter first, then the member)")
def accept(request, match_id: int):
    return _answer(request, match_id, accept=True)


@router.post("/matches/{match_id}/decline", response={200: MatchOut, 400: Message, 404: Message},
             summary="Say no to a proposal, with a reason if you like (only the program's admins read it)")
def decline(request, match_id: int, payload: DeclineIn):
    return _answer(request, match_id, accept=False, reason=payload.reason)


@router.post("/matches/{match_id}/end", response={200: MatchOut, 400: Message, 404: Message},
             summary="End a match, no reason needed; `block` keeps the two of you apart from now on")
def end(request, match_id: int, payload: EndIn):
    user = request.auth
    match = selectors.match_for(user, match_id)
    if access.side_of(user, match) == "admin":
        raise Http404
    if not access.can_end(user, match):
        raise MatchingError(_("This match has already closed."))
    match_end(actor=user, match=match, block=payload.block)
    return _match_out(user, selectors.match_for(user, match_id))


@router.post("/matches/{match_id}/renew", response={201: RequestOut, 400: Message, 404: Message},
             summary="After a match ends, ask for a new one with the same wishes")
def renew(request, match_id: int):
    user = request.auth
    match = selectors.match_for(user, match_id)
    if match.member_id != user.pk:
        raise Http404
    created = request_renew(actor=user, match=match)
    return Status(201, _request_out(_my_request(user, created.pk), user))


# --- a program's admins --------------------------------------------------------------------------

def _admin_program(request, organization: str, program: str):
    return selectors.program_for_admin(request.auth, organization_slug=organization, program_slug=program)


@router.get("/programs/{organization}/{program}/waiting-list", response={200: list[WaitingOut], 404: Message},
            summary="Who is waiting, longest first, and why each has no match (program admins)")
def waiting_list(request, organization: str, program: str):
    from peercircle.matching.manage_views import person_name
    from peercircle.matching.why import summary, why_steps

    found = _admin_program(request, organization, program)
    settings_ = selectors.matching_settings(found)
    now = timezone.now()
    out = []
    for support_request in selectors.program_waiting_list(found).prefetch_related("communities"):
        steps = why_steps(selectors.request_spec(support_request, settings_=settings_))
        out.append({
            "request_id": support_request.pk, "person": str(support_request.user.public_id),
            "name": person_name(support_request.user), "waiting_since": support_request.waiting_since,
            "waiting_days": round((now - support_request.waiting_since).total_seconds() / 86400, 2),
            "urgency": support_request.urgency,
            "experiences": [node.code for node in support_request.experiences.all()],
            "why_no_match": [{"constraint": s.constraint, "left": s.left, "text": s.text} for s in steps],
            "why_summary": summary(steps),
        })
    return out


@router.post("/programs/{organization}/{program}/match-waiting-list", response={200: BatchOut, 404: Message},
             summary="Propose a supporter to everyone waiting at once (program admins)")
def match_waiting_list(request, organization: str, program: str, payload: BatchIn):
    found = _admin_program(request, organization, program)
    outcome = waiting_list_match(actor=request.auth, program=found, method=payload.method)
    return {"method": outcome.method, "proposed": len(outcome.proposed), "waiting": outcome.waiting,
            "total_score": round(outcome.total_score, 4), "longest_wait_days": round(outcome.longest_wait_days, 2),
            "matches": [match.pk for match in outcome.proposed]}


def _settings_out(program) -> dict:
    found = selectors.matching_settings(program)
    return {"weights": found.weights, "wait_bonus_per_week": found.wait_bonus_per_week,
            "longest_wait_days": found.longest_wait_days, "answer_within_days": found.answer_within_days}


@router.get("/programs/{organization}/{program}/matching-settings", response={200: SettingsIO, 404: Message},
            summary="The program's matching weights and waiting rules (program admins)")
def get_settings(request, organization: str, program: str):
    return _settings_out(_admin_program(request, organization, program))


@router.put("/programs/{organization}/{program}/matching-settings",
            response={200: SettingsIO, 400: Message, 404: Message},
            summary="Tune the weights (each 0 to 1) and waiting rules (program admins)")
def put_settings(request, organization: str, program: str, payload: SettingsIO):
    found = _admin_program(request, organization, program)
    settings_update(actor=request.auth, program=found, **payload.dict())
    return _settings_out(found)


def _serving_out(profile: SupporterProfile, program) -> dict:
    from peercircle.matching.manage_views import person_name

    link = profile.programs.filter(program=program).first()
    return {"person": str(profile.user.public_id), "name": person_name(profile.user), "serves": link is not None,
            "certified": bool(link and link.certified), "youth_trained": bool(link and link.youth_trained),
            "status": profile.status, "load": profile.load, "capacity": profile.capacity}


@router.get("/programs/{organization}/{program}/supporters", response={200: list[ServingOut], 404: Message},
            summary="The supporters serving the program (program admins)")
def supporters(request, organization: str, program: str):
    from peercircle.matching.manage_views import person_name

    found = _admin_program(request, organization, program)
    return [{"person": str(link.supporter.user.public_id), "name": person_name(link.supporter.user), "serves": True,
             "certified": link.certified, "youth_trained": link.youth_trained, "status": link.supporter.status,
             "load": link.supporter.load, "capacity": link.supporter.capacity}
            for link in selectors.program_supporters(found)]


@router.put("/programs/{organization}/{program}/supporters/{person}",
            response={200: ServingOut, 400: Message, 404: Message},
            summary="Add a peer supporter of the organization to the program, set what it says about them, "
                    "or take them off it (program admins)")
def put_supporter(request, organization: str, program: str, person: UUID, payload: ServingIn):
    found = _admin_program(request, organization, program)
    profile = get_object_or_404(SupporterProfile.objects.select_related("user", "user__profile"),
                                user__public_id=person)
    if not (has_role(profile.user, found.organization, Role.PEER_SUPPORTER)
            or profile.programs.filter(program=found).exists()):
        raise Http404  # not one of theirs: whether this person has a profile is none of their business
    supporter_program_set(actor=request.auth, supporter=profile, program=found, serves=payload.serves,
                          certified=payload.certified, youth_trained=payload.youth_trained)
    return _serving_out(profile, found)
