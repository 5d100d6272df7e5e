"""What matching tells people, in their own language, after the change commits.

The supporter hears of a proposal without the person's name (they see it once the person says
yes); the person hears that a supporter said yes, with the reasons; each side hears when the
other ends the match, in words that blame nobody."""

from django.urls import reverse
from django.utils.translation import gettext as _

MATCH_PROPOSED = "match_proposed"
MATCH_OFFERED = "match_offered"
MATCH_STARTED = "match_started"
MATCH_ENDED = "match_ended"
MATCH_NEWS = "match_news"


def register_kinds() -> None:
    from peercircle.notifications.kinds import EmailSummary, register_kind

    # Answers about someone's own match: not something to turn off (email as a whole can be).
    for code in (MATCH_PROPOSED, MATCH_OFFERED, MATCH_STARTED, MATCH_ENDED, MATCH_NEWS):
        register_kind(code, email_summary=EmailSummary.MATCH_NEWS)


def _send_after_commit(user_id: int, *, kind: str, write, url: str, dedupe_key: str) -> None:
    from peercircle.notifications.services import notification_send_after_commit

    notification_send_after_commit(recipient_id=user_id, kind=kind, write=write, url=url, dedupe_key=dedupe_key)


def _url(match) -> str:
    return reverse("matching:match", args=[match.pk])


def match_proposed(*, match) -> None:
    program = match.program.name

    def write(user):
        return (_("Someone may be a good match for you"),
                _("The matching in “%(program)s” suggests you could support someone who has walked a path like "
                  "yours. Read why, and say yes or no — there's no wrong answer.") % {"program": program})

    _send_after_commit(match.supporter_id, kind=MATCH_PROPOSED, write=write, url=_url(match),
                       dedupe_key=f"match:{match.pk}:proposed")


def match_offered(*, match) -> None:
    def write(user):
        from peercircle.core.timezones import person_zone
        from peercircle.matching.explain import explanation_text

        # The hours in the time zone the person gave with their request.
        why = explanation_text(match.explanation, zone=match.request.timezone or person_zone(user, "UTC").key)
        return (_("A peer supporter would like to support you"),
                (_("Here's why we think you'd get on: %(why)s.") % {"why": why} if why else "")
                + " " + _("Have a look and say whether you'd like to start."))

    _send_after_commit(match.member_id, kind=MATCH_OFFERED, write=write, url=_url(match),
                       dedupe_key=f"match:{match.pk}:offered")


def match_started(*, match) -> None:
    def write(user):
        return (_("Your new match has said yes"),
                _("The person you offered to support would like to start. You can now see their name and "
                  "say hello."))

    _send_after_commit(match.supporter_id, kind=MATCH_STARTED, write=write, url=_url(match),
                       dedupe_key=f"match:{match.pk}:started")


def match_declined_by_member(*, match) -> None:
    def write(user):
        return (_("A proposal has closed"),
                _("The person chose another way this time. Thank you for offering — it matters."))

    _send_after_commit(match.supporter_id, kind=MATCH_NEWS, write=write, url=reverse("matching:mine"),
                       dedupe_key=f"match:{match.pk}:member_declined")


def match_offer_withdrawn(*, match) -> None:
    """The member had heard a supporter would like to support them, and it can't go ahead."""

    def write(user):
        return (_("Your proposed match can't go ahead"),
                _("The peer supporter we suggested can't go ahead after all. That isn't about you. You keep "
                  "your place, and we're looking for someone else for you now."))

    _send_after_commit(match.member_id, kind=MATCH_NEWS, write=write, url=reverse("matching:mine"),
                       dedupe_key=f"match:{match.pk}:offer_withdrawn")


def match_offer_expired(*, match) -> None:
    """The person didn't answer a supporter's offer in time: the supporter's place is free again,
    and the person keeps theirs, for whenever they come back."""

    def write_member(user):
        return (_("Your request is still here"),
                _("A peer supporter offered to support you, and we didn't hear back in time, so they may now "
                  "support someone else. That's all right — life gets busy. Your request is still here and you "
                  "keep your place: we'll suggest someone else as soon as we can. If you no longer need it, you "
                  "can close it from My peer support."))

    def write_supporter(user):
        return (_("A proposal has closed"),
                _("The person didn't answer in time, so your place is free again for someone else. That isn't "
                  "about you. Thank you for offering — it matters."))

    _send_after_commit(match.member_id, kind=MATCH_NEWS, write=write_member, url=reverse("matching:mine"),
                       dedupe_key=f"match:{match.pk}:offer_expired")
    _send_after_commit(match.supporter_id, kind=MATCH_NEWS, write=write_supporter, url=reverse("matching:mine"),
                       dedupe_key=f"match:{match.pk}:offer_expired:supporter")


def match_closed_for_supporter(*, match) -> None:
    def write(user):
        return (_("A match has closed"),
                _("The person no longer needs this match. Nothing for you to do; thank you for being there."))

    _send_after_commit(match.supporter_id, kind=MATCH_ENDED, write=write, url=reverse("matching:mine"),
                       dedupe_key=f"match:{match.pk}:closed")


def match_ended(*, match, actor) -> None:
    if actor.pk == match.member_id:
        recipients = [(match.supporter_id, "supporter")]
    elif actor.pk == match.supporter_id:
        recipients = [(match.member_id, "member")]
    else:
        recipients = [(match.member_id, "member"), (match.supporter_id, "supporter")]
    for user_id, side in recipients:
        def write(user, side=side):
            if side == "member":
                return (_("Your match has ended"),
                        _("Your match has come to an end. That's all right — it happens. Whenever you're "
                          "ready, you can ask for a new peer supporter from the match's page."))
            return (_("A match has ended"),
                    _("One of your matches has come to an end. Nothing for you to do; thank you for the support "
                      "you gave."))

        _send_after_commit(user_id, kind=MATCH_ENDED, write=write,
                           url=_url(match) if side == "member" else reverse("matching:mine"),
                           dedupe_key=f"match:{match.pk}:ended:{side}")
