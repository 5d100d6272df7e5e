"""The kinds of notification, and which preference turns each off.

An app that sends a new kind registers it once (in its AppConfig.ready), naming the
NotificationPreferences field that lets a person turn it off, or None for notes a person
cannot turn off in the app (a reply to their own request, a safety message). Email can
always be turned off as a whole."""

from dataclasses import dataclass

MEETING_REMINDER = "meeting_reminder"
LISTING_CONFIRMATION = "listing_confirmation"


@dataclass(frozen=True)
class NotificationKind:
    code: str
    # A boolean field of NotificationPreferences; None: sent whatever the preferences.
    preference: str | None = None


_kinds: dict[str, NotificationKind] = {}


def register_kind(code: str, *, preference: str | None = None) -> NotificationKind:
    kind = NotificationKind(code=code, preference=preference)
    _kinds[code] = kind
    return kind


def kind_for(code: str) -> NotificationKind:
    try:
        return _kinds[code]
    except KeyError:
        raise ValueError(f"Unknown notification kind {code!r}: register it with register_kind().") from None


register_kind(MEETING_REMINDER, preference="meeting_reminders")
register_kind(LISTING_CONFIRMATION, preference="listing_confirmation_reminders")
