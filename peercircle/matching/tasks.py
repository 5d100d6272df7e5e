"""Background tasks of matching: thin adapters over the services. They take ids, run after the
change commits and are safe to run twice."""

from django_tasks import task


@task()
def request_propose(request_id: int) -> int | None:
    """Propose the best supporter to a request that is waiting (nothing if it no longer is)."""
    from peercircle.matching.models import SupportRequest
    from peercircle.matching.services import match_propose

    request = SupportRequest.objects.filter(pk=request_id).first()
    if request is None:
        return None
    outcome = match_propose(request=request)
    return outcome.match.pk if outcome.match else None


@task()
def proposals_expire_dispatch() -> int:
    """Proposals their supporter has not answered in the program's time go to the next person;
    offers the person has not answered in that time (counted from the supporter's yes) give the
    supporter's place back, and the person keeps theirs."""
    from datetime import timedelta

    from django.db.models import Q
    from django.utils import timezone

    from peercircle.matching.models import Match, MatchStatus
    from peercircle.matching.selectors import matching_settings
    from peercircle.matching.services import match_expire

    expired = 0
    days_by_program = {}
    now = timezone.now()
    # A program gives at least a day to answer: younger proposals and offers are not even read.
    day_ago = now - timedelta(days=1)
    due = Match.objects.filter(Q(status=MatchStatus.PROPOSED, created_at__lte=day_ago)
                               | Q(status=MatchStatus.SUPPORTER_ACCEPTED, supporter_answered_at__lte=day_ago))
    for match in due.select_related("program").order_by("pk"):
        days = days_by_program.setdefault(match.program_id, matching_settings(match.program).answer_within_days)
        asked_at = match.supporter_answered_at if match.status == MatchStatus.SUPPORTER_ACCEPTED else match.created_at
        if asked_at <= now - timedelta(days=days) and match_expire(match=match):
            expired += 1
    return expired


@task()
def story_embed(kind: str, pk: int) -> bool:
    """Compute the sentence embedding of a supporter's "about me" or a request's story."""
    from peercircle.matching.embedding import embed_story

    return embed_story(kind, pk)


@task()
def supporter_room_fill_task(supporter_user_id: int) -> int:
    """A supporter has room: propose them to the longest-waiting people they fit."""
    from peercircle.matching.services import supporter_room_fill

    return len(supporter_room_fill(supporter_user_id=supporter_user_id))
