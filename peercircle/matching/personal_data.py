"""A person's matching data in their export, and what erasing their account does to it.

The export has their requests (with their own story), their matches from their side (what
happened and when, and their own decline reasons, but nothing private about the other person:
no name, no story, no reason the other side gave) and their supporter profile.

Erasure first ends anything open through the same services as leaving by hand, so the other
side hears it kindly and supporters' places are given back: a member's open requests are
withdrawn; a supporter's open matches end (people they were only proposed to keep their place
and are proposed someone else). Then the member's requests go, with their matches; a supporter's
profile goes, and the matches they had stay for the members, without the supporter's words or
the reasons drawn from their experiences."""

from peercircle.core.registry import PersonalDataProvider, register_personal_data
from peercircle.matching.models import (
    OPEN_MATCH_STATUSES,
    OPEN_REQUEST_STATUSES,
    Match,
    SupporterProfile,
    SupportRequest,
)


def _iso(moment):
    return moment.isoformat() if moment else None


def _match(match: Match, side: str) -> dict:
    return {
        "id": match.pk, "my_side": side, "program": match.program.name,
        "organization": match.program.organization.name, "status": match.status, "explanation": match.explanation,
        "proposed_at": _iso(match.created_at), "supporter_answered_at": _iso(match.supporter_answered_at),
        "member_answered_at": _iso(match.member_answered_at), "started_at": _iso(match.started_at),
        "ended_at": _iso(match.ended_at),
        "ended_by_me": match.ended_by_id is not None and match.ended_by_id == getattr(match, f"{side}_id"),
        "declined_by": match.declined_by,
        # Only their own words: the other side's reason for saying no is not theirs to get.
        "my_decline_reason": match.decline_reason if match.declined_by == side else "",
    }


def _export(user):
    profile = SupporterProfile.objects.filter(user=user).prefetch_related("programs__program__organization").first()
    matches = Match.objects.select_related("program__organization").order_by("created_at", "pk")
    return {
        "requests": [
            {"id": r.pk, "program": r.program.name, "organization": r.program.organization.name, "status": r.status,
             "experiences": sorted(node.code for node in r.experiences.all()),
             "communities": sorted(node.code for node in r.communities.all()),
             "story": r.story, "goals": r.goals, "age_band": r.age_band, "languages": r.languages,
             "supporter_gender": r.supporter_gender, "supporter_age_bands": r.supporter_age_bands,
             "shared_community": r.shared_community, "formats": r.formats, "timezone": r.timezone,
             "availability": r.availability, "distance_km": r.distance_km, "urgency": r.urgency,
             "waiting_since": _iso(r.waiting_since), "created_at": _iso(r.created_at), "closed_at": _iso(r.closed_at)}
            for r in SupportRequest.objects.filter(user=user).select_related("program__organization")
            .prefetch_related("experiences", "communities").order_by("created_at", "pk")
        ],
        "matches": [_match(m, "member") for m in matches.filter(member=user)]
        + [_match(m, "supporter") for m in matches.filter(supporter=user)],
        "supporter_profile": None if profile is None else {
            "status": profile.status, "capacity": profile.capacity, "languages": profile.languages,
            "formats": profile.formats, "gender": profile.gender, "age_band": profile.age_band,
            "timezone": profile.timezone, "availability": profile.availability, "travel_km": profile.travel_km,
            "about": profile.about, "created_at": _iso(profile.created_at),
            "programs": [{"program": link.program.name, "organization": link.program.organization.name,
                          "certified": link.certified, "youth_trained": link.youth_trained}
                         for link in profile.programs.all()],
        },
    }


def _erase(user, keep_public_posts: bool) -> None:
    from peercircle.matching.services import match_end, request_withdraw

    for request in SupportRequest.objects.filter(user=user, status__in=OPEN_REQUEST_STATUSES):
        request_withdraw(actor=user, request=request)
    for match in Match.objects.filter(supporter=user, status__in=OPEN_MATCH_STATUSES).order_by("pk"):
        match_end(actor=user, match=match)
    SupportRequest.objects.filter(user=user).delete()  # their matches as a member go with them
    Match.objects.filter(supporter=user).update(explanation=[])
    Match.objects.filter(supporter=user, declined_by="supporter").update(decline_reason="")
    SupporterProfile.objects.filter(user=user).delete()


register_personal_data(PersonalDataProvider(name="matching", export=_export, erase=_erase))
