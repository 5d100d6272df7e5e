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
    if user.pk == match.member_id or is_program_admin(user, match.program):
        return True
    return match.supporter_id == user.pk and match.member_answered_at is not None


def can_be_supporter(user) -> bool:
    """Peer supporters of any organization keep a supporter profile."""
    from peercircle.organizations.models import Membership

    return user.is_authenticated and Membership.objects.active().filter(user=user, role=Role.PEER_SUPPORTER).exists()
