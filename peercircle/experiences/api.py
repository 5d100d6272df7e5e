from datetime import date
from typing import Literal
from uuid import UUID

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language, gettext
from ninja import Router, Schema, Status

from peercircle.accounts.selectors import person_view
from peercircle.experiences.models import PersonCommunity, PersonExperience, TaxonomyNode
from peercircle.experiences.selectors import node_by_code
from peercircle.experiences.services import (
    community_add,
    community_remove,
    experience_add,
    experience_remove,
    experience_update,
)

router = Router(tags=["experiences"])

RelationLiteral = Literal["self", "family_friend"]
StageLiteral = Literal["current", "in_recovery", "past"]
ExperienceVisibilityLiteral = Literal["private", "matching", "peers"]
Lang = Literal["en", "es"]


class NodeOut(Schema):
    code: str
    parent: str | None
    kind: str
    label: str
    description: str
    labels: dict[str, str]
    synonyms: dict[str, list[str]]


def _node_out(node: TaxonomyNode, lang: str) -> dict:
    return {
        "code": node.code,
        "parent": node.parent.code if node.parent_id else None,
        "kind": node.kind,
        "label": node._localized("label", lang),
        "description": node._localized("description", lang),
        "labels": {"en": node.label_en, "es": node.label_es},
        "synonyms": {"en": node.synonyms_en, "es": node.synonyms_es},
    }


@router.get("/taxonomy", response=list[NodeOut], auth=None, summary="The experience and community taxonomy (public)")
def taxonomy(request, kind: Literal["experience", "community"] | None = None, lang: Lang | None = None):
    nodes = TaxonomyNode.objects.filter(is_active=True).select_related("parent")
    if kind:
        nodes = nodes.filter(kind=kind)
    lang = lang or (get_language() or "en")[:2]
    return [_node_out(node, lang) for node in nodes]


@router.get("/taxonomy/{code}", response={200: NodeOut, 404: dict}, auth=None, summary="One taxonomy entry (public)")
def taxonomy_entry(request, code: str, lang: Lang | None = None):
    node = node_by_code(code)
    if node is None:
        raise Http404
    return _node_out(node, lang or (get_language() or "en")[:2])


class ExperienceOut(Schema):
    id: int
    code: str
    label: str
    relation: RelationLiteral
    stage: StageLiteral
    since: date | None
    visibility: ExperienceVisibilityLiteral


class MyExperienceOut(ExperienceOut):
    story: str


class ExperienceIn(Schema):
    code: str
    relation: RelationLiteral = "self"
    stage: StageLiteral = "current"
    since: date | None = None
    visibility: ExperienceVisibilityLiteral = "matching"
    story: str = ""


class ExperiencePatch(Schema):
    relation: RelationLiteral | None = None
    stage: StageLiteral | None = None
    since: date | None = None
    visibility: ExperienceVisibilityLiteral | None = None
    story: str | None = None


class CommunityOut(Schema):
    id: int
    code: str
    label: str
    visibility: ExperienceVisibilityLiteral


class CommunityIn(Schema):
    code: str
    visibility: ExperienceVisibilityLiteral = "matching"


class Message(Schema):
    detail: str


def _experience_out(e: PersonExperience, *, own: bool) -> dict:
    out = {"id": e.pk, "code": e.node.code, "label": e.node.label, "relation": e.relation,
           "stage": e.stage, "since": e.since, "visibility": e.visibility}
    if own:
        out["story"] = e.story
    return out


def _community_out(c: PersonCommunity) -> dict:
    return {"id": c.pk, "code": c.node.code, "label": c.node.label, "visibility": c.visibility}


@router.get("/me/experiences", response=list[MyExperienceOut], summary="My experiences")
def my_experiences(request):
    rows = PersonExperience.objects.filter(user=request.auth).select_related("node")
    return [_experience_out(e, own=True) for e in rows]


@router.post("/me/experiences", response={201: MyExperienceOut, 400: Message}, summary="Record an experience")
def experience_post(request, payload: ExperienceIn):
    experience = experience_add(user=request.auth, **payload.dict())
    return Status(201, _experience_out(experience, own=True))


@router.patch("/me/experiences/{experience_id}", response={200: MyExperienceOut, 400: Message, 404: Message},
              summary="Change an experience")
def experience_patch(request, experience_id: int, payload: ExperiencePatch):
    experience = get_object_or_404(PersonExperience.objects.select_related("node"), pk=experience_id, user=request.auth)
    changes = payload.dict(exclude_unset=True)
    values = {
        "relation": changes.get("relation") or experience.relation,
        "stage": changes.get("stage") or experience.stage,
        "since": changes["since"] if "since" in changes else experience.since,
        "visibility": changes.get("visibility") or experience.visibility,
        "story": changes.get("story"),
    }
    experience = experience_update(user=request.auth, experience=experience, **values)
    return _experience_out(experience, own=True)


@router.delete("/me/experiences/{experience_id}", response={200: Message, 404: Message}, summary="Remove an experience")
def experience_delete(request, experience_id: int):
    experience = get_object_or_404(PersonExperience, pk=experience_id, user=request.auth)
    experience_remove(user=request.auth, experience=experience)
    return {"detail": "Removed."}


@router.get("/me/communities", response=list[CommunityOut], summary="Communities I identify with")
def my_communities(request):
    return [_community_out(c) for c in PersonCommunity.objects.filter(user=request.auth).select_related("node")]


@router.post("/me/communities", response={201: CommunityOut, 400: Message}, summary="Add a community")
def community_post(request, payload: CommunityIn):
    return Status(201, _community_out(community_add(user=request.auth, **payload.dict())))


@router.delete("/me/communities/{community_id}", response={200: Message, 404: Message}, summary="Remove a community")
def community_delete(request, community_id: int):
    community = get_object_or_404(PersonCommunity, pk=community_id, user=request.auth)
    community_remove(user=request.auth, community=community)
    return {"detail": "Removed."}


class PersonExperiencesOut(Schema):
    experiences: list[ExperienceOut]
    communities: list[CommunityOut]


@router.get("/people/{public_id}/experiences", response={200: PersonExperiencesOut, 404: Message},
            summary="Someone's experiences that they share with peers")
def person_experiences(request, public_id: UUID):
    view = person_view(viewer=request.auth, public_id=public_id)
    return {
        "experiences": [_experience_out(e, own=False) for e in view["experiences"]],
        "communities": [_community_out(c) for c in view["communities"]],
    }


class SuggestIn(Schema):
    text: str
    lang: Lang | None = None
    limit: int = 5
    backend: Literal["lexical", "semantic"] | None = None  # None: the server's setting


class SuggestionOut(Schema):
    code: str
    score: float
    label: str
    evidence: list[str]


class SuggestOut(Schema):
    experiences: list[SuggestionOut]
    communities: list[SuggestionOut]
    backend: str
    help_now: bool


@router.post("/experiences/suggest", response={200: SuggestOut, 400: Message, 503: Message},
             summary="Suggest experience and community codes for a story in someone's own words")
def suggest_codes(request, payload: SuggestIn):
    """Nothing is stored: the person confirms or changes the codes, then records them with
    `POST /me/experiences`. `help_now` is true when the words sound like someone in danger, so
    a page can show where to get help right away. `backend` picks "lexical" or "semantic"
    (503 when this server cannot run it); left out, the server's configured one answers."""
    from peercircle.experiences.suggest import SuggesterError, suggest_for_person

    text = payload.text.strip()
    if not text:
        return Status(400, {"detail": gettext("Tell us a little about what you are going through, in your own words.")})
    if len(text) > 5000:
        return Status(400, {"detail": gettext("That is a lot to take in at once: please keep it under 5,000 "
                                              "characters.")})
    lang = payload.lang or (get_language() or "en")[:2]
    try:
        found, help_now = suggest_for_person(text, lang=lang, limit=max(1, min(payload.limit, 10)),
                                             backend=payload.backend)
    except SuggesterError as error:
        return Status(503, {"detail": str(error)})
    return {**found.to_dict(), "help_now": help_now}
