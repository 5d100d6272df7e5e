"""Reads for matching: requests and matches a person may see, and what the engine needs to know
about a request."""

import numpy as np
from django.db.models import Q
from django.shortcuts import get_object_or_404

from peercircle.matching import access
from peercircle.matching.availability import from_hex
from peercircle.matching.engine import RequestSpec
from peercircle.matching.models import (
    OPEN_MATCH_STATUSES,
    AgeBand,
    Match,
    MatchStatus,
    ProgramMatchingSettings,
    RequestStatus,
    SupporterProfile,
    SupportRequest,
)
from peercircle.organizations.models import Program, ProgramKind

# Supporters a person is not proposed again: those who declined them or whom they declined,
# matches that ended, proposals left unanswered or taken back, and anyone already proposed or
# matched; that is, anyone they were ever proposed.
EXCLUDING_STATUSES = (MatchStatus.DECLINED, MatchStatus.ENDED, MatchStatus.EXPIRED, MatchStatus.WITHDRAWN,
                      *OPEN_MATCH_STATUSES)


def matching_settings(program: Program) -> ProgramMatchingSettings:
    found = ProgramMatchingSettings.objects.filter(program=program).first()
    return found or ProgramMatchingSettings(program=program)


def excluded_supporters(user_id: int) -> set[int]:
    from peercircle.safety.models import Block

    excluded = set(Match.objects.filter(member_id=user_id, status__in=EXCLUDING_STATUSES)
                   .values_list("supporter_id", flat=True))
    for blocker, blocked in Block.objects.filter(Q(blocker_id=user_id) | Q(blocked_id=user_id)).values_list(
            "blocker_id", "blocked_id"):
        excluded.add(blocked if blocker == user_id else blocker)
    return excluded


def request_spec(request: SupportRequest, *, settings_: ProgramMatchingSettings | None = None) -> RequestSpec:
    program = request.program
    settings_ = settings_ or matching_settings(program)
    codes = list(request.experiences.values_list("code", flat=True))
    communities = list(request.communities.values_list("code", flat=True))
    embedding = (np.frombuffer(bytes(request.story_embedding), dtype=np.float32)
                 if request.story_embedding else None)
    return RequestSpec(
        request_id=request.pk, user_id=request.user_id, program_id=program.pk,
        experience_codes=codes, community_codes=communities, languages=list(request.languages),
        formats=list(request.formats), hours_mask=from_hex(request.availability_utc),
        latitude=request.latitude, longitude=request.longitude, distance_km=request.distance_km,
        under_18=request.age_band == AgeBand.UNDER_18, requires_certification=program.requires_certification,
        accepts_under_18=program.accepts_under_18, supporter_gender=request.supporter_gender,
        supporter_age_bands=list(request.supporter_age_bands), shared_community=request.shared_community,
        story=request.story, story_embedding=embedding, excluded_user_ids=excluded_supporters(request.user_id),
        waiting_since=request.waiting_since, weights=dict(settings_.weights),
    )


def one_to_one_programs():
    return (Program.objects.filter(kind=ProgramKind.ONE_TO_ONE, is_active=True, organization__is_active=True)
            .select_related("organization").order_by("organization__name", "name"))


def requests_of(user):
    from django.db.models import Prefetch

    matches = Match.objects.select_related("supporter__profile", "supporter__supporter_profile").order_by(
        "-created_at")
    return (SupportRequest.objects.filter(user=user).select_related("program", "program__organization")
            .prefetch_related("experiences", Prefetch("matches", queryset=matches)).order_by("-created_at"))


def request_for(user, pk: int) -> SupportRequest:
    request = get_object_or_404(SupportRequest.objects.select_related("program", "program__organization"), pk=pk)
    if not access.can_view_request(user, request):
        from django.http import Http404

        raise Http404
    return request


def match_for(user, pk: int) -> Match:
    match = get_object_or_404(
        Match.objects.select_related("program", "program__organization", "member__profile", "supporter__profile",
                                     "request"), pk=pk)
    if not access.can_view_match(user, match):
        from django.http import Http404

        raise Http404
    return match


def heard_of_by_member(user) -> Q:
    """The matches a member has heard of, as the pages tell them: the one open now (a proposal
    reads "a supporter is reading your request", without name or reasons) and the closed ones
    they took part in: started, answered by them, withdrawn by them, or an offer that lapsed.
    A proposal that closed before it reached them (its supporter said no or didn't answer, or it
    was taken back) is not theirs to know about: they were simply proposed someone else."""
    return Q(member=user) & (Q(status__in=OPEN_MATCH_STATUSES) | Q(started_at__isnull=False)
                             | Q(member_answered_at__isnull=False) | Q(ended_by=user)
                             | Q(status=MatchStatus.EXPIRED, supporter_answered_at__isnull=False))


def matches_as_member(user):
    return (Match.objects.filter(heard_of_by_member(user))
            .select_related("supporter__profile", "program", "program__organization").order_by("-created_at"))


def matches_as_supporter(user):
    return (Match.objects.filter(supporter=user)
            .select_related("member__profile", "program", "program__organization", "request")
            .order_by("-created_at"))


def supporter_profile_of(user) -> SupporterProfile | None:
    return SupporterProfile.objects.filter(user=user).first()


def program_waiting_list(program: Program):
    return (SupportRequest.objects.filter(program=program, status=RequestStatus.WAITING)
            .select_related("user__profile").prefetch_related("experiences").order_by("waiting_since"))


# How a waiting list can be matched at once (engine.batch_assign): the best total, with long
# waits first, or the best pair first (the baseline it is compared with).
BATCH_METHODS = ("optimal", "greedy")


def waiting_list_specs(program: Program) -> tuple[list[SupportRequest], list[RequestSpec], ProgramMatchingSettings]:
    """The program's waiting requests, longest wait first, and what the engine needs of each."""
    settings_ = matching_settings(program)
    requests = list(program_waiting_list(program))
    return requests, [request_spec(request, settings_=settings_) for request in requests], settings_


def waiting_list_compare(program: Program, *, now=None) -> dict:
    """What matching the whole waiting list would give by each method, proposing nothing: the
    same candidates for both, so their total score and longest wait can be compared."""
    from django.utils import timezone

    from peercircle.matching.engine import batch_assign, batch_edges

    _requests, specs, settings_ = waiting_list_specs(program)
    edges = batch_edges(specs)
    now = now or timezone.now()
    return {method: batch_assign(specs, method=method, edges=edges, now=now,
                                 wait_bonus_per_week=settings_.wait_bonus_per_week,
                                 longest_wait_days=settings_.longest_wait_days)
            for method in BATCH_METHODS}


def program_matches(program: Program):
    return (Match.objects.filter(program=program).select_related("member__profile", "supporter__profile")
            .order_by("-created_at"))


def program_for_admin(user, *, organization_slug: str, program_slug: str) -> Program:
    """A 1:1 program whose organization `user` administers (404 for anyone else)."""
    from django.http import Http404

    program = (Program.objects.filter(organization__slug=organization_slug, slug=program_slug,
                                      kind=ProgramKind.ONE_TO_ONE).select_related("organization").first())
    if program is None or not access.is_program_admin(user, program):
        raise Http404
    return program


def requestable_program(user, *, organization_slug: str, program_slug: str) -> Program:
    """A 1:1 program `user` may ask for a peer supporter in (404 otherwise)."""
    from django.http import Http404

    program = (Program.objects.filter(organization__slug=organization_slug, slug=program_slug)
               .select_related("organization").first())
    if program is None or not access.can_request_in(user, program):
        raise Http404
    return program


def program_supporters(program: Program):
    """The supporters serving a program, with their profile and account (one query)."""
    from peercircle.matching.models import SupporterProgram

    return (SupporterProgram.objects.filter(program=program)
            .select_related("supporter", "supporter__user", "supporter__user__profile")
            .order_by("supporter__user__profile__display_name", "pk"))


def supporters_to_add(program: Program):
    """The organization's peer supporters with a supporter profile who don't serve the program yet."""
    from peercircle.organizations.models import Membership, Role

    supporter_ids = Membership.objects.active().filter(organization=program.organization_id,
                                                       role=Role.PEER_SUPPORTER).values("user_id")
    return (SupporterProfile.objects.filter(user_id__in=supporter_ids, user__is_active=True)
            .exclude(programs__program=program).select_related("user", "user__profile")
            .order_by("user__profile__display_name", "pk"))


def supporter_for_program_admin(program: Program, pk, *, adding: bool) -> SupporterProfile:
    """A supporter a program's admin may change: one serving the program, or, when adding, one
    of the organization's peer supporters who could (`supporters_to_add`). Anyone else is 404,
    so an admin learns nothing of other organizations' supporters, not even that they exist."""
    from django.http import Http404

    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404 from None
    if not 0 < pk < 2 ** 63:
        raise Http404
    found = (SupporterProfile.objects.filter(pk=pk, programs__program=program)
             .select_related("user", "user__profile").first())
    if found is None and adding:
        found = supporters_to_add(program).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def peer_supporters_without_profile(program: Program) -> int:
    from peercircle.organizations.models import Membership, Role

    return (Membership.objects.active().filter(organization=program.organization_id, role=Role.PEER_SUPPORTER)
            .exclude(user__supporter_profile__isnull=False).values("user_id").distinct().count())


def latest_request(user, program: Program) -> SupportRequest | None:
    """The person's latest request in a program, to fill a new one with the same wishes."""
    return (SupportRequest.objects.filter(user=user, program=program).prefetch_related("experiences", "communities")
            .order_by("-created_at").first())
