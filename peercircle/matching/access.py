"""Who may see and do what in matching. Anything a person may not see is "not found" (404).

- A request: its author and the admins of its program's organization.
- A match: its member, its supporter and the program's admins. The supporter sees the
  member's name only once the member has said yes (`member_named`).
- A proposal is answered first by its supporter, then by its member; either side (or an
  admin) can end an open match at any time.
"""

from peercircle.matching.models import Match, MatchStatus, SupportRequest
from peercircle.organizations.access import has_role
from peercircle.organizations.models import Program, ProgramKind, Role


def is_program_admin(user, program: Program) -> bool:
    if not user.is_authenticated:
        return False
    return user.is_superuser or has_role(user, program.organization, Role.ORG_ADMIN)


def can_request_in(user, program: Program) -> bool:
    return (user.is_authenticated and program.is_active and program.kind == ProgramKind.ONE_TO_ONE
            and program.organization.is_active)


def program_takes(user, program: Program, age_band: str) -> bool:
    """Whether `program` takes a request from `user` now: it takes requests at all, and it
    accepts people under 18 if they are."""
    from peercircle.matching.models import AgeBand

    return can_request_in(user, program) and (age_band != AgeBand.UNDER_18 or program.accepts_under_18)


def can_view_request(user, request: SupportRequest) -> bool:
    return user.is_authenticated and (request.user_id == user.pk or is_program_admin(user, request.program))


def can_view_match(user, match: Match) -> bool:
    if not user.is_authenticated:
        return False
    return user.pk in (match.member_id, match.supporter_id) or is_program_admin(user, match.program)


def can_answer_as_supporter(user, match: Match) -> bool:
    return user.is_authenticated and match.supporter_id == user.pk and match.status == MatchStatus.PROPOSED


def can_answer_as_member(user, match: Match) -> bool:
    return (user.is_authenticated and match.member_id == user.pk
            and match.status == MatchStatus.SUPPORTER_ACCEPTED)


def can_end(user, match: Match) -> bool:
    return match.is_open and can_view_match(user, match)


def member_named(user, match: Match) -> bool:
    """Whether `user` may see the member's name: the member, an admin, or the supporter once the
    member has said yes."""
    if user.pk == match.member_id:
        return True
    if user.pk == match.supporter_id:  # asked first, so a supporter's own list needs no admin check
        # `member_answered_at` is set by a "no, thank you" too: only a yes (the match started) names them.
        return match.started_at is not None
    return is_program_admin(user, match.program)


def can_be_supporter(user) -> bool:
    """Peer supporters of any organization keep a supporter profile."""
    from peercircle.organizations.models import Membership

    return user.is_authenticated and Membership.objects.active().filter(user=user, role=Role.PEER_SUPPORTER).exists()


def supporter_named(user, match: Match) -> bool:
    """Whether `user` may see the supporter's name: the supporter, an admin, or the member once
    the supporter has offered to support them (so they can decide)."""
    if user.pk == match.supporter_id:
        return True
    if user.pk == match.member_id:
        return match.status in (MatchStatus.SUPPORTER_ACCEPTED, MatchStatus.ACTIVE) or match.started_at is not None
    return is_program_admin(user, match.program)


def side_of(user, match: Match) -> str:
    """How `user` stands to a match they may see: "member", "supporter" or "admin"."""
    if user.pk == match.member_id:
        return "member"
    if user.pk == match.supporter_id:
        return "supporter"
    return "admin"


def can_renew(user, match: Match) -> bool:
    """The member may ask for a new match after this one ended, if the program still takes their
    request and they have no open request in it already."""
    from peercircle.matching.models import OPEN_REQUEST_STATUSES

    if not user.is_authenticated or match.member_id != user.pk:
        return False
    if match.status not in (MatchStatus.ENDED, MatchStatus.WITHDRAWN):
        return False
    if not program_takes(user, match.program, match.request.age_band):
        return False
    return not SupportRequest.objects.filter(user=user, program_id=match.program_id,
                                             status__in=OPEN_REQUEST_STATUSES).exists()


def can_withdraw(user, request: SupportRequest) -> bool:
    return user.is_authenticated and request.user_id == user.pk and request.is_open


def in_an_active_match(viewer, owner) -> bool:
    """Connection provider: the two are in an active 1:1 match (either side), so profile
    fields shown to "my matches and groups" are shown to each other. A proposal is not a match."""
    from django.db.models import Q

    if not viewer.is_authenticated or viewer.pk == owner.pk:
        return False
    return Match.objects.filter(
        Q(member=viewer, supporter=owner) | Q(member=owner, supporter=viewer), status=MatchStatus.ACTIVE).exists()
