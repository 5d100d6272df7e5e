"""The kinds of notification, which preference turns each off, and how an email names it.

An app that sends a new kind registers it once (in its AppConfig.ready), naming the
NotificationPreferences field that lets a person turn it off, or None for notes a person
cannot turn off in the app (a reply to their own request, a safety message). Email can
always be turned off as a whole.

Emails leave the details out unless the person asks for them (a subject or a lock screen
must not say which group someone goes to): they say only that there is something new, in
the generic words of the kind's `email_summary` — "a meeting reminder", never the meeting.
Use one of the summaries below, or add one here, so every app shares the same translated
words; a kind without one gets a plain "There's something new for you"."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

MEETING_REMINDER = "meeting_reminder"
LISTING_CONFIRMATION = "listing_confirmation"


class EmailSummary:
    """Generic words for a kind of note, safe for anyone glancing at an inbox to read: they
    finish "There's something new for you on PeerCircle: …"."""

    MEETING_REMINDER = _("a meeting reminder")
    MEETING_CHANGE = _("a change to a meeting")
    MEETING_PLACE = _("a place at a meeting")
    SUGGESTION_NEWS = _("news about a suggestion")
    LISTING_REMINDER = _("a reminder about a listing")
    MATCH_NEWS = _("news about a 1:1 match")
    SAFETY_NEWS = _("news from the moderators")
    SAFETY_ALERT = _("a safety alert to look at")
    FORUM_NEWS = _("a new post in a conversation you follow")
    STORY_NEWS = _("news about a story you shared")


@dataclass(frozen=True)
class NotificationKind:
    code: str
    # A boolean field of NotificationPreferences; None: sent whatever the preferences.
    preference: str | None = None
    # Lazily translated generic words for emails (an EmailSummary); None: no words at all.
    email_summary: str | Promise | None = None


_kinds: dict[str, NotificationKind] = {}


def register_kind(code: str, *, preference: str | None = None,
                  email_summary: str | Promise | None = None) -> NotificationKind:
    kind = NotificationKind(code=code, preference=preference, email_summary=email_summary)
    _kinds[code] = kind
    return kind


def kind_for(code: str) -> NotificationKind:
    try:
        return _kinds[code]
    except KeyError:
        raise ValueError(f"Unknown notification kind {code!r}: register it with register_kind().") from None


def email_summary_for(code: str) -> str | Promise | None:
    """The generic words for a kind in an email; None for a kind without them, or one no
    longer registered (a note sent before an app was removed still gets its email)."""
    kind = _kinds.get(code)
    return kind.email_summary if kind else None


register_kind(MEETING_REMINDER, preference="meeting_reminders", email_summary=EmailSummary.MEETING_REMINDER)
register_kind(LISTING_CONFIRMATION, preference="listing_confirmation_reminders",
              email_summary=EmailSummary.LISTING_REMINDER)
