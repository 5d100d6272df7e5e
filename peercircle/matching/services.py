"""Writes for matching: supporter profiles, requests, and the flow of a match.

    request_create ─► match_propose ─► (supporter) match_supporter_answer ─► (member) match_member_answer ─► active
                          ▲                       │ declined                         │ declined
                          └───────────────────────┴──────────────────────────────────┘ (the next supporter is proposed)
    match_end (either side, any time, no reason needed) ─► request_renew (a new match, when asked)

Every write is atomic and audited; a supporter's `load` (proposals waiting + active matches)
changes in the same transaction as the match, with their profile row locked, so a supporter is
never proposed beyond their capacity. Notifications go out after commit (notices.py).
"""

from __future__ import annotations

import threading
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from peercircle.core.audit import audit_record
from peercircle.core.errors import UserFacingError
from peercircle.core.timezones import timezone_names
from peercircle.matching import access, notices
from peercircle.matching.availability import AvailabilityError, parse_windows, to_hex, utc_mask
from peercircle.matching.engine import batch_assign, candidate_for, top_candidates
from peercircle.matching.models import (
    OPEN_REQUEST_STATUSES,
    AgeBand,
    Format,
    Gender,
    Match,
    MatchStatus,
    ProgramMatchingSettings,
    RequestStatus,
    SupporterProfile,
    SupporterProgram,
    SupporterStatus,
    SupportRequest,
    Urgency,
)
from peercircle.matching.selectors import request_spec
from peercircle.organizations.models import Program

MAX_CAPACITY = 20
MAX_DISTANCE_KM = 500


class MatchingError(UserFacingError):
    """A matching change that cannot be made; the message is safe to show."""


def _not_found() -> MatchingError:
    return MatchingError(_("That isn't available any more."))


def _check_common(*, languages, formats, timezone_name: str, availability) -> tuple[list[str], list[str], str, int, list]:
    from peercircle.core.languages import LANGUAGE_NAMES

    languages = [code for code in dict.fromkeys(languages or []) if code]
    if not languages:
        raise MatchingError(_("Choose at least one language you can talk in."))
    unknown = [code for code in languages if code not in LANGUAGE_NAMES]
    if unknown:
        raise MatchingError(_("We don't know the language “%(code)s”.") % {"code": unknown[0]})
    formats = [name for name in dict.fromkeys(formats or []) if name]
    if not formats:
        raise MatchingError(_("Choose at least one way to talk: chat, phone, video or in person."))
    if any(name not in Format.values for name in formats):
        raise MatchingError(_("Choose ways to talk from the list."))
    if timezone_name not in timezone_names():
        raise MatchingError(_("Choose your time zone from the list."))
    try:
        windows = parse_windows(availability)
    except AvailabilityError as error:
        raise MatchingError(str(error)) from None
    return languages, formats, timezone_name, utc_mask(windows, timezone_name), [w.to_dict() for w in windows]


# --- supporter profiles --------------------------------------------------------------------------

@transaction.atomic
def supporter_profile_update(*, user, status: str = SupporterStatus.AVAILABLE, capacity: int = 3,
                             languages: list[str], formats: list[str], timezone_name: str,
                             availability: list[dict], gender: str = "", age_band: str = "",
                             travel_km: int = 10, about: str = "") -> SupporterProfile:
    """Create or change the supporter's own profile."""
    from peercircle.core.text import after_store, prepare_user_text

    if not access.can_be_supporter(user):
        raise MatchingError(_("Only peer supporters of an organization keep a supporter profile."))
    languages, formats, timezone_name, mask, windows = _check_common(
        languages=languages, formats=formats, timezone_name=timezone_name, availability=availability)
    if status not in SupporterStatus.values:
        raise MatchingError(_("Choose whether you are taking new matches."))
    if not isinstance(capacity, int) or not 1 <= capacity <= MAX_CAPACITY:
        raise MatchingError(_("How many people you support at once is a number from 1 to %(max)s.")
                            % {"max": MAX_CAPACITY})
    if gender not in Gender.values or age_band not in ["", *AgeBand.values] or age_band == AgeBand.UNDER_18:
        raise MatchingError(_("Choose your gender and age from the lists, or leave them empty."))
    if not 0 <= int(travel_km) <= MAX_DISTANCE_KM:
        raise MatchingError(_("Distance is a number of kilometres from 0 to %(max)s.") % {"max": MAX_DISTANCE_KM})
    prepared = prepare_user_text(text=about, lang=user.language, max_length=2000)
    profile = SupporterProfile.objects.select_for_update().filter(user=user).first()
    created = profile is None
    profile = profile or SupporterProfile(user=user)
    profile.status, profile.capacity, profile.languages, profile.formats = status, capacity, languages, formats
    profile.timezone, profile.availability, profile.availability_utc = timezone_name, windows, to_hex(mask)
    profile.gender, profile.age_band, profile.travel_km = gender, age_band, int(travel_km)
    place = getattr(user, "profile", None) if Format.IN_PERSON in formats else None  # only to meet in person
    profile.latitude = getattr(place, "latitude", None)
    profile.longitude = getattr(place, "longitude", None)
    about_changed = profile.about != prepared.source
    profile.about, profile.about_html = prepared.source, prepared.html
    if about_changed:
        profile.about_embedding = None
    profile.save()
    if profile.has_room:  # new hours, languages or room may fit someone who is waiting
        _room_freed_later(user.pk)
    if about_changed:  # words already screened are not handed to moderation again with every save
        after_store(prepared=prepared, author=user, target=profile, context="supporter_profile")
    audit_record(actor=user, action="supporter_profile.create" if created else "supporter_profile.update",
                 target=profile, subject=user, data={"status": status, "capacity": capacity})
    if about_changed and profile.about:
        _embed_later("supporter", profile.pk)
    return profile


@transaction.atomic
def supporter_program_set(*, actor, supporter: SupporterProfile, program: Program, serves: bool = True,
                          certified: bool = False, youth_trained: bool = False) -> SupporterProgram | None:
    """A program's admin says a supporter serves the program, and whether they meet its
    requirements and are trained to support young people."""
    from peercircle.organizations.access import has_role
    from peercircle.organizations.models import Role

    if not access.is_program_admin(actor, program):
        raise _not_found()
    if serves and not has_role(supporter.user, program.organization, Role.PEER_SUPPORTER):
        raise MatchingError(_("Only the organization's peer supporters can serve its programs."))
    link = SupporterProgram.objects.filter(supporter=supporter, program=program).first()
    if not serves:
        if link:
            link.delete()
            audit_record(actor=actor, action="supporter_program.remove", target=supporter, subject=supporter.user,
                         organization=program.organization, data={"program": program.pk})
        supporter.save(update_fields=["updated_at"])
        return None
    link = link or SupporterProgram(supporter=supporter, program=program)
    link.certified, link.youth_trained = bool(certified), bool(youth_trained)
    link.save()
    supporter.save(update_fields=["updated_at"])
    _room_freed_later(supporter.user_id)
    audit_record(actor=actor, action="supporter_program.set", target=supporter, subject=supporter.user,
                 organization=program.organization,
                 data={"program": program.pk, "certified": link.certified, "youth_trained": link.youth_trained})
    return link


# --- requests --------------------------------------------------------------------------------------

def _check_program_takes(user, program: Program, age_band: str) -> None:
    """The program takes this person's request now (access.program_takes), and they have no open
    request in it already; else a kind MatchingError."""
    if not access.can_request_in(user, program):
        raise MatchingError(_("This program doesn't take requests for a peer supporter."))
    if not access.program_takes(user, program, age_band):
        raise MatchingError(_("This program is for adults. If you are under 18, please look for a program "
                              "for young people, or talk to someone you trust."))
    if SupportRequest.objects.filter(user=user, program=program, status__in=OPEN_REQUEST_STATUSES).exists():
        raise _already_asked()


def _already_asked() -> MatchingError:
    return MatchingError(_("You already have a request in this program. You can see it under My peer support."))


def _insert_request(**fields) -> SupportRequest:
    """Create the request; another one made at the same moment for the same program (after our
    check) meets the database's one-open-request rule and is told kindly, like the check."""
    try:
        with transaction.atomic():
            return SupportRequest.objects.create(**fields)
    except IntegrityError:
        raise _already_asked() from None


@transaction.atomic
def request_create(*, user, program: Program, experience_codes: list[str], community_codes: list[str] = (),
                   age_band: str, languages: list[str], formats: list[str], timezone_name: str,
                   availability: list[dict] = (), story: str = "", goals: str = "", supporter_gender: str = "",
                   supporter_age_bands: list[str] = (), shared_community: bool = False, distance_km: int = 10,
                   urgency: str = Urgency.WEEKS) -> SupportRequest:
    """Ask for a peer supporter. The engine proposes one as soon as the request is saved."""
    from peercircle.core.text import after_store, prepare_user_text
    from peercircle.experiences.models import NodeKind, TaxonomyNode

    if age_band not in AgeBand.values:
        raise MatchingError(_("Tell us your age group, so we can match you safely."))
    _check_program_takes(user, program, age_band)
    codes = [code for code in dict.fromkeys(experience_codes or []) if code]
    experiences = list(TaxonomyNode.objects.filter(code__in=codes, kind=NodeKind.EXPERIENCE, is_active=True))
    if not experiences or len(experiences) != len(codes):
        raise MatchingError(_("Choose at least one experience you would like to share with a peer."))
    community_codes = [code for code in dict.fromkeys(community_codes or []) if code]
    communities = list(TaxonomyNode.objects.filter(code__in=community_codes, kind=NodeKind.COMMUNITY, is_active=True))
    if len(communities) != len(community_codes):
        raise MatchingError(_("Choose communities from the list."))
    if shared_community and not communities:
        raise MatchingError(_("To ask for someone from your community, choose the community too."))
    languages, formats, timezone_name, mask, windows = _check_common(
        languages=languages, formats=formats, timezone_name=timezone_name, availability=availability)
    if supporter_gender not in Gender.values:
        raise MatchingError(_("Choose a gender from the list, or no preference."))
    bands = [band for band in dict.fromkeys(supporter_age_bands or []) if band]
    if any(band not in AgeBand.values or band == AgeBand.UNDER_18 for band in bands):
        raise MatchingError(_("Choose ages from the list."))
    if urgency not in Urgency.values:
        raise MatchingError(_("Choose how soon you would like to start."))
    if not 1 <= int(distance_km) <= MAX_DISTANCE_KM:
        raise MatchingError(_("Distance is a number of kilometres from 1 to %(max)s.") % {"max": MAX_DISTANCE_KM})
    story_text = prepare_user_text(text=story, lang=user.language, markdown=False, max_length=4000)
    goals_text = prepare_user_text(text=goals, lang=user.language, max_length=2000)
    # Their place (from their profile, private by default) is used only to meet in person.
    place = getattr(user, "profile", None) if Format.IN_PERSON in formats else None
    request = _insert_request(
        user=user, program=program, story=story_text.source, goals=goals_text.source, goals_html=goals_text.html,
        age_band=age_band, languages=languages, supporter_gender=supporter_gender, supporter_age_bands=bands,
        shared_community=bool(shared_community), formats=formats, timezone=timezone_name, availability=windows,
        availability_utc=to_hex(mask), latitude=getattr(place, "latitude", None),
        longitude=getattr(place, "longitude", None), distance_km=int(distance_km), urgency=urgency)
    request.experiences.set(experiences)
    request.communities.set(communities)
    after_store(prepared=story_text, author=user, target=request, context="support_request_story", confidential=True)
    after_store(prepared=goals_text, author=user, target=request, context="support_request_goals")
    audit_record(actor=user, action="support_request.create", target=request, subject=user,
                 organization=program.organization, data={"program": program.pk})
    if story_text.source:
        _embed_later("request", request.pk)
    _propose_later(request.pk)
    return request


@transaction.atomic
def request_withdraw(*, actor, request: SupportRequest) -> SupportRequest:
    """The person no longer wants a match from this request (anything open ends gently)."""
    # The open match first, then the request: the order every answer and end takes them in, so
    # a withdrawal and an answer at the same moment wait for each other instead of deadlocking.
    open_matches = list(Match.objects.select_for_update().filter(request_id=request.pk, status__in=[
        MatchStatus.PROPOSED, MatchStatus.SUPPORTER_ACCEPTED, MatchStatus.ACTIVE]))
    request = SupportRequest.objects.select_for_update().get(pk=request.pk)
    if request.user_id != actor.pk or not request.is_open:
        raise _not_found()
    for match in open_matches:
        _close(match, status=MatchStatus.WITHDRAWN if match.status != MatchStatus.ACTIVE else MatchStatus.ENDED,
               actor=actor)
        notices.match_closed_for_supporter(match=match)
    request.status, request.closed_at = RequestStatus.CLOSED, timezone.now()
    request.save(update_fields=["status", "closed_at", "updated_at"])
    audit_record(actor=actor, action="support_request.withdraw", target=request, subject=actor,
                 organization=request.program.organization)
    return request


@transaction.atomic
def request_renew(*, actor, match: Match) -> SupportRequest:
    """After a match ends, the person asks for a new one: a new request with the same wishes
    (the ended supporter is not proposed again). They keep their place: the time they waited
    before the match counts, the time they were matched does not (else someone back after
    months with a supporter would jump everyone who is still waiting)."""
    match = _lock_match(match)
    if match.member_id != actor.pk or match.status not in (MatchStatus.ENDED, MatchStatus.WITHDRAWN):
        raise _not_found()
    old = match.request
    now = timezone.now()
    waiting_since = (now - max(match.started_at - old.waiting_since, timedelta(0)) if match.started_at
                     else min(old.waiting_since, now))
    _check_program_takes(actor, old.program, old.age_band)
    request = _insert_request(
        user=actor, program=old.program, story=old.story, story_embedding=old.story_embedding, goals=old.goals,
        goals_html=old.goals_html, age_band=old.age_band, languages=old.languages,
        supporter_gender=old.supporter_gender, supporter_age_bands=old.supporter_age_bands,
        shared_community=old.shared_community, formats=old.formats, timezone=old.timezone,
        availability=old.availability, availability_utc=old.availability_utc, latitude=old.latitude,
        longitude=old.longitude, distance_km=old.distance_km, urgency=old.urgency,
        waiting_since=waiting_since)
    request.experiences.set(old.experiences.all())
    request.communities.set(old.communities.all())
    audit_record(actor=actor, action="support_request.renew", target=request, subject=actor,
                 organization=old.program.organization, data={"after_match": match.pk})
    _propose_later(request.pk)
    return request


# --- proposals and answers -----------------------------------------------------------------------

@dataclass(frozen=True)
class ProposalOutcome:
    match: Match | None
    considered: int


def _lock_supporter(user_id: int) -> SupporterProfile | None:
    # Only the profile row ("self"): with the joined user row locked too, anything else touching
    # the account would wait on matching, and the other way round.
    return (SupporterProfile.objects.select_for_update(of=("self",)).filter(user_id=user_id)
            .select_related("user").first())


def _change_load(profile: SupporterProfile, delta: int) -> None:
    SupporterProfile.objects.filter(pk=profile.pk).update(load=F("load") + delta, updated_at=timezone.now())


@transaction.atomic
def match_propose(*, request: SupportRequest, actor=None, limit: int = 10) -> ProposalOutcome:
    """Propose the best supporter who still has room to a waiting request. Returns no match
    when nobody fits now (the request keeps waiting; an admin can see why)."""
    # The request row only: locking the joined program and organization rows would make every
    # proposal in an organization wait for the one before it.
    request = SupportRequest.objects.select_for_update(of=("self",)).select_related(
        "program", "program__organization").get(pk=request.pk)
    if request.status != RequestStatus.WAITING:
        return ProposalOutcome(match=None, considered=0)
    candidates = top_candidates(request_spec(request), limit=limit)
    for candidate in candidates:
        match = _propose_to(request=request, user_id=candidate.user_id, score=candidate.score,
                            reasons=candidate.reasons, actor=actor)
        if match:
            return ProposalOutcome(match=match, considered=len(candidates))
    return ProposalOutcome(match=None, considered=len(candidates))


def _propose_to(*, request: SupportRequest, user_id: int, score: float, reasons: list[dict], actor) -> Match | None:
    """Create the proposal if the supporter, checked under lock, still has room."""
    profile = _lock_supporter(user_id)
    if (profile is None or not profile.has_room or not profile.user.is_active
            or profile.user.deleted_at is not None):
        return None
    match = Match.objects.create(request=request, member_id=request.user_id, supporter_id=user_id,
                                 program=request.program, score=round(score, 4), explanation=reasons,
                                 proposed_by=actor if getattr(actor, "is_authenticated", False) else None)
    _change_load(profile, +1)
    request.status = RequestStatus.PROPOSED
    request.save(update_fields=["status", "updated_at"])
    audit_record(actor=actor, action="match.propose", target=match, subject=request.user,
                 organization=request.program.organization, is_staff_action=False,
                 data={"supporter": user_id, "score": round(score, 4)})
    notices.match_proposed(match=match)
    return match


def _close(match: Match, *, status: str, actor, reason: str = "", declined_by: str = "") -> None:
    """Close an open match and give the supporter's place back."""
    was_open = match.is_open
    match.status = status
    now = timezone.now()
    if status in (MatchStatus.ENDED, MatchStatus.WITHDRAWN):
        match.ended_at, match.ended_by = now, actor if getattr(actor, "is_authenticated", False) else None
    if declined_by:
        match.declined_by, match.decline_reason = declined_by, reason
    match.save()
    if was_open:
        profile = _lock_supporter(match.supporter_id)
        if profile:
            _change_load(profile, -1)
            _room_freed_later(match.supporter_id)


def _lock_match(match: Match) -> Match:
    return Match.objects.select_for_update(of=("self",)).select_related(
        "request", "program", "program__organization").get(
        pk=match.pk)


@transaction.atomic
def match_supporter_answer(*, actor, match: Match, accept: bool, reason: str = "") -> Match:
    """The supporter says yes (the person is asked next) or no, with a reason if they like,
    which only the program's admins see (the person is simply proposed someone else)."""
    match = _lock_match(match)
    if not access.can_answer_as_supporter(actor, match):
        raise _not_found()
    match.supporter_answered_at = timezone.now()
    if accept:
        match.status = MatchStatus.SUPPORTER_ACCEPTED
        match.save()
        audit_record(actor=actor, action="match.supporter_accept", target=match, subject=match.member,
                     organization=match.program.organization, is_staff_action=False)
        notices.match_offered(match=match)
        return match
    _close(match, status=MatchStatus.DECLINED, actor=actor, reason=_clean_reason(actor, reason, match=match),
           declined_by="supporter")
    _reopen(match.request)
    audit_record(actor=actor, action="match.supporter_decline", target=match, subject=match.member,
                 organization=match.program.organization, is_staff_action=False)
    _propose_later(match.request_id)
    return match


@transaction.atomic
def match_member_answer(*, actor, match: Match, accept: bool, reason: str = "") -> Match:
    """The person says yes (the relationship starts) or no thank you (someone else is proposed)."""
    match = _lock_match(match)
    if not access.can_answer_as_member(actor, match):
        raise _not_found()
    now = timezone.now()
    match.member_answered_at = now
    request = SupportRequest.objects.select_for_update().get(pk=match.request_id)
    if accept:
        match.status, match.started_at = MatchStatus.ACTIVE, now
        match.save()
        request.status = RequestStatus.MATCHED
        request.save(update_fields=["status", "updated_at"])
        audit_record(actor=actor, action="match.start", target=match, subject=actor,
                     organization=match.program.organization)
        notices.match_started(match=match)
        return match
    _member_declines(match, request, actor=actor, reason=reason)
    audit_record(actor=actor, action="match.member_decline", target=match, subject=actor,
                 organization=match.program.organization)
    return match


def _member_declines(match: Match, request: SupportRequest, *, actor, reason: str = "") -> None:
    """The person's "no, thank you" to an offer: they keep their place and the next supporter is
    proposed; the supporter hears kindly."""
    match.member_answered_at = match.member_answered_at or timezone.now()
    _close(match, status=MatchStatus.DECLINED, actor=actor, reason=_clean_reason(actor, reason, match=match),
           declined_by="member")
    _reopen(request)
    notices.match_declined_by_member(match=match)
    _propose_later(request.pk)


@transaction.atomic
def match_end(*, actor, match: Match, block: bool = False) -> Match:
    """Either side (or a program admin) ends an open match, at any time, without a reason.

    An active match ends and its request closes; the person can ask for a new match
    (request_renew). So does a proposal the member ends before the supporter answered; an offer
    the member ends is their "no, thank you" (as in match_member_answer): they keep their place.
    A proposal the supporter ends is their "no" (as in match_supporter_answer), and one an admin
    ends is taken back: the person keeps their place and the next supporter is proposed. `block`
    also keeps the two apart from now on."""
    match = _lock_match(match)
    if not access.can_end(actor, match):
        raise _not_found()
    side = "member" if actor.pk == match.member_id else "supporter" if actor.pk == match.supporter_id else "admin"
    request = SupportRequest.objects.select_for_update().get(pk=match.request_id)
    if side == "member" and match.status == MatchStatus.SUPPORTER_ACCEPTED:
        _member_declines(match, request, actor=actor)
    elif match.status == MatchStatus.ACTIVE or side == "member":
        _close(match, status=MatchStatus.ENDED if match.status == MatchStatus.ACTIVE else MatchStatus.WITHDRAWN,
               actor=actor)
        request.status, request.closed_at = RequestStatus.CLOSED, timezone.now()
        request.save(update_fields=["status", "closed_at", "updated_at"])
        notices.match_ended(match=match, actor=actor)
    else:
        offered = match.status == MatchStatus.SUPPORTER_ACCEPTED
        if side == "supporter":
            _close(match, status=MatchStatus.DECLINED, actor=actor, declined_by="supporter")
        else:
            _close(match, status=MatchStatus.WITHDRAWN, actor=actor)
        _reopen(request)
        if offered:  # they were told this supporter would like to support them
            notices.match_offer_withdrawn(match=match)
        _propose_later(request.pk)
    if block and side != "admin":
        from peercircle.safety.services import block_create

        other = match.supporter if side == "member" else match.member
        block_create(blocker=actor, blocked=other)
    audit_record(actor=actor, action="match.end", target=match, subject=match.member,
                 organization=match.program.organization, data={"by": side})
    return match


def _reopen(request: SupportRequest) -> None:
    """Back on the waiting list, keeping the time they have already waited."""
    SupportRequest.objects.filter(pk=request.pk, status__in=[RequestStatus.PROPOSED, RequestStatus.WAITING]).update(
        status=RequestStatus.WAITING, updated_at=timezone.now())


def _clean_reason(actor, reason: str, *, match: Match) -> str:
    """A decline reason is text a person wrote: the same pipeline as any other (screened, and
    handed to moderation when it needs a person)."""
    from peercircle.core.text import after_store, prepare_user_text

    prepared = prepare_user_text(text=reason or "", lang=actor.language, markdown=False, max_length=1000)
    if prepared.source:
        after_store(prepared=prepared, author=actor, target=match, context="match_decline_reason")
    return prepared.source


@transaction.atomic
def match_expire(*, match: Match) -> Match | None:
    """A proposal its supporter did not answer in time goes to the next supporter. An offer the
    person did not answer in time gives the supporter's place back (else it is held for ever);
    the person keeps theirs: their request waits again, the next supporter is proposed, and
    both hear of it gently. The caller (tasks.proposals_expire_dispatch) decides what is due."""
    match = _lock_match(match)
    if match.status not in (MatchStatus.PROPOSED, MatchStatus.SUPPORTER_ACCEPTED):
        return None
    offered = match.status == MatchStatus.SUPPORTER_ACCEPTED
    _close(match, status=MatchStatus.EXPIRED, actor=None)
    _reopen(match.request)
    audit_record(actor=None, action="match.expire", target=match, subject=match.member,
                 organization=match.program.organization, is_staff_action=False,
                 data={"waiting_for": "member" if offered else "supporter"})
    if offered:
        notices.match_offer_expired(match=match)
    _propose_later(match.request_id)
    return match


# --- a program's admins ------------------------------------------------------------------------

def settings_update(*, actor, program: Program, weights: dict, wait_bonus_per_week: float,
                    longest_wait_days: int, answer_within_days: int) -> ProgramMatchingSettings:
    from peercircle.matching.engine import COMPONENTS

    if not access.is_program_admin(actor, program):
        raise _not_found()
    clean = {}
    for name in COMPONENTS:
        try:
            value = float(weights.get(name, 0))
        except (TypeError, ValueError):
            raise MatchingError(_("Each weight is a number from 0 to 1.")) from None
        if not 0 <= value <= 1:
            raise MatchingError(_("Each weight is a number from 0 to 1."))
        clean[name] = value
    if not any(clean.values()):
        raise MatchingError(_("At least one weight has to be above 0."))
    if not 0 <= wait_bonus_per_week <= 1:
        raise MatchingError(_("The priority for each week of waiting is a number from 0 to 1."))
    if not 1 <= longest_wait_days <= 365 or not 1 <= answer_within_days <= 30:
        raise MatchingError(_("Days are whole numbers: 1 to 365 for the longest wait, 1 to 30 to answer."))
    with transaction.atomic():
        found, _created = ProgramMatchingSettings.objects.select_for_update().get_or_create(program=program)
        before = dict(found.weights)
        found.weights, found.wait_bonus_per_week = clean, float(wait_bonus_per_week)
        found.longest_wait_days, found.answer_within_days = int(longest_wait_days), int(answer_within_days)
        found.updated_by = actor
        found.save()
        audit_record(actor=actor, action="matching_settings.update", target=program, organization=program.organization,
                     is_staff_action=True, data={"before": before, "after": clean})
    return found


@dataclass
class BatchOutcome:
    proposed: list[Match]
    waiting: int
    total_score: float
    longest_wait_days: float
    method: str


def waiting_list_match(*, actor, program: Program, method: str = "optimal") -> BatchOutcome:
    """Match a program's whole waiting list at once (see engine.batch_assign) and propose each
    assignment. Run by the program's admins (page, API) or `peercircle match-waiting-list`."""
    from peercircle.matching.selectors import BATCH_METHODS, waiting_list_specs

    if actor is not None and not access.is_program_admin(actor, program):
        raise _not_found()
    if method not in BATCH_METHODS:
        raise MatchingError(_("Choose how to match the waiting list: optimal or greedy."))
    requests, specs, settings_ = waiting_list_specs(program)
    result = batch_assign(specs, method=method, wait_bonus_per_week=settings_.wait_bonus_per_week,
                          longest_wait_days=settings_.longest_wait_days)
    proposed = []
    for assignment in result.assignments:
        spec = specs[assignment.request_index]
        with transaction.atomic():
            request = SupportRequest.objects.select_for_update().get(pk=spec.request_id)
            if request.status != RequestStatus.WAITING:
                continue
            candidate = candidate_for(spec, assignment.user_id)
            if candidate is None:
                continue
            match = _propose_to(request=request, user_id=assignment.user_id, score=candidate.score,
                                reasons=candidate.reasons, actor=actor)
            if match:
                proposed.append(match)
    with transaction.atomic():
        audit_record(actor=actor, action="matching.waiting_list", target=program, organization=program.organization,
                     is_staff_action=actor is not None,
                     data={"method": method, "waiting": len(requests), "proposed": len(proposed)})
    return BatchOutcome(proposed=proposed, waiting=len(requests) - len(proposed), total_score=result.total_score,
                        longest_wait_days=result.longest_wait_days, method=method)


# --- after commit ----------------------------------------------------------------------------------

_held = threading.local()


@contextmanager
def proposals_held():
    """Save requests and supporters in bulk without proposing anything as they come (an
    import, the demo): afterwards the program's admins match the waiting list at once, which
    is fairer than first come, first proposed."""
    _held.depth = getattr(_held, "depth", 0) + 1
    try:
        yield
    finally:
        _held.depth -= 1


def _holding() -> bool:
    return getattr(_held, "depth", 0) > 0


def _propose_later(request_id: int) -> None:
    from peercircle.matching.tasks import request_propose

    if not _holding():
        transaction.on_commit(lambda: request_propose.enqueue(request_id))


def _room_freed_later(supporter_user_id: int) -> None:
    from peercircle.matching.tasks import supporter_room_fill_task

    if not _holding():
        transaction.on_commit(lambda: supporter_room_fill_task.enqueue(supporter_user_id))


def supporter_room_fill(*, supporter_user_id: int, scan: int = 200) -> list[Match]:
    """A supporter has room (a match ended, a proposal was declined, they came back from a
    pause, started serving a program…): propose them to the people who have waited longest
    among those they fit, one per free place. Nobody waits while someone who fits has room."""
    from peercircle.matching.selectors import request_spec

    profile = SupporterProfile.objects.filter(user_id=supporter_user_id).first()
    if profile is None or not profile.has_room:
        return []
    programs = list(profile.programs.values_list("program_id", flat=True))
    proposed: list[Match] = []
    waiting = (SupportRequest.objects.filter(program_id__in=programs, status=RequestStatus.WAITING)
               .order_by("waiting_since", "pk").values_list("pk", flat=True)[:scan])
    for request_id in waiting:
        with transaction.atomic():
            request = SupportRequest.objects.select_for_update(of=("self",)).select_related(
                "program", "program__organization").get(pk=request_id)
            if request.status != RequestStatus.WAITING:
                continue
            candidate = candidate_for(request_spec(request), supporter_user_id)
            if candidate is None:
                continue
            match = _propose_to(request=request, user_id=supporter_user_id, score=candidate.score,
                                reasons=candidate.reasons, actor=None)
        if match is None:  # no room after all
            break
        proposed.append(match)
        if len(proposed) >= profile.capacity:
            break
    return proposed


def _embed_later(kind: str, pk: int) -> None:
    from peercircle.experiences import suggest

    if not suggest.semantic_enabled():
        return
    from peercircle.matching.tasks import story_embed

    transaction.on_commit(lambda: story_embed.enqueue(kind, pk))
