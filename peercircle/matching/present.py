"""What a match's page and the API show each side of a match: names only when access allows,
why in plain words in the reader's language and time zone, and — for the supporter — the
request they are asked about (never the story)."""

from django.utils.translation import gettext as _

from peercircle.core.languages import LANGUAGE_NAMES
from peercircle.matching import access
from peercircle.matching.availability import from_hex, words
from peercircle.matching.explain import explanation_lines, reasons_shown
from peercircle.matching.models import Format, Match, MatchStatus


def _display_name(user) -> str:
    profile = getattr(user, "profile", None)
    return profile.display_name if profile else ""


def supporter_name(match: Match) -> str:
    return _display_name(match.supporter) or _("Your peer supporter")


def member_name(match: Match) -> str:
    return _display_name(match.member) or _("A member")


def _zone_for(user, match: Match, side: str) -> str:
    from peercircle.core.timezones import person_zone

    if side == "member":
        return match.request.timezone
    if side == "supporter":
        profile = getattr(match.supporter, "supporter_profile", None)
        return profile.timezone if profile else person_zone(user, "UTC").key
    return person_zone(user, match.program.organization.timezone).key


def match_context(user, match: Match) -> dict:
    """What a match's page shows to the side looking at it (shared with the API)."""
    side = access.side_of(user, match)
    zone = _zone_for(user, match, side)
    support_request = match.request
    reasons = reasons_shown(match.explanation, for_member=side != "supporter")
    if side == "member" and not access.supporter_named(user, match):
        reasons = []  # the member reads why with the supporter's name, once the supporter has said yes
    if side == "supporter" and not match.is_open:
        reasons = []  # as with the request: read to answer and to support, not kept afterwards
    context = {
        "match": match, "side": side, "zone": zone, "reasons": reasons,
        "lines": explanation_lines(reasons, zone=zone, for_member=side != "supporter"),
        "member_name": member_name(match) if access.member_named(user, match) else "",
        "supporter_name": supporter_name(match) if access.supporter_named(user, match) else "",
        "can_answer": (access.can_answer_as_supporter(user, match) or access.can_answer_as_member(user, match)),
        # Pages end active matches; a proposal is answered (or the request withdrawn) instead.
        "can_end": side != "admin" and match.status == MatchStatus.ACTIVE and access.can_end(user, match),
        "can_renew": access.can_renew(user, match),
        "experiences": list(support_request.experiences.all()),
        "languages": [str(LANGUAGE_NAMES.get(code, code)) for code in support_request.languages],
        "formats": [str(Format(name).label) for name in support_request.formats if name in Format.values],
        "shared_hours": [],
    }
    if side != "member":
        # The supporter reads the request (never the story), with the hours they share in their own zone.
        supporter = getattr(match.supporter, "supporter_profile", None)
        if supporter is not None:
            overlap = from_hex(support_request.availability_utc) & from_hex(supporter.availability_utc)
            context["shared_hours"] = words(overlap, zone, limit=4)
    if side == "admin":
        # Coordinators see names as the organization's members would (the person may keep theirs closer).
        from peercircle.accounts.access import name_shown_to_organization

        context["status_shown"] = status_for_admins(match)
        context["member_name"] = (name_shown_to_organization(getattr(match.member, "profile", None))
                                  or str(_("A member")))
        context["supporter_name"] = (name_shown_to_organization(getattr(match.supporter, "profile", None))
                                     or str(_("A member")))
    if side == "member" and access.supporter_named(user, match):
        supporter = getattr(match.supporter, "supporter_profile", None)
        context["supporter_about_html"] = supporter.about_html if supporter else ""
        context["my_name"] = _display_name(user)  # what the supporter will see once they say yes
    return context


def status_for_admins(match) -> str:
    """A match's status told from the coordinators' side (the model's labels speak to the member)."""
    labels = {
        MatchStatus.PROPOSED: _("Waiting for the supporter"),
        MatchStatus.SUPPORTER_ACCEPTED: _("The supporter said yes; waiting for the person"),
        MatchStatus.ACTIVE: _("Active"),
        MatchStatus.EXPIRED: _("The supporter didn't answer in time"),
        MatchStatus.WITHDRAWN: _("Withdrawn"),
        MatchStatus.ENDED: _("Ended"),
    }
    if match.status == MatchStatus.DECLINED:
        return _("Declined by the supporter") if match.declined_by == "supporter" else _("Declined by the person")
    return str(labels.get(match.status, match.get_status_display()))
