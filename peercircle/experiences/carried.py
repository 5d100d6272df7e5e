"""What someone wrote at sign-up ("In your own words, what brings you here?"), carried to the
page where they confirm the experiences suggested from it.

It is not saved to their account: it waits in their session (encrypted, at most a day) until
they have seen the suggestions, and goes when they add an experience (its private story box
holds the words, to keep or clear), when they choose to forget it, or when they sign out.
Sign-up cleans and screens it like any text a person writes (`prepare_user_text`), so words
that sound like someone in danger show where to get help at once, before the email is even
confirmed.
"""

from __future__ import annotations

import time

from peercircle.core import crypto

SESSION_KEY = "experience_words"  # read by account/verification_sent.html too
MAX_AGE_SECONDS = 24 * 60 * 60
MAX_LENGTH = 2000


def carry_words(request, *, text: str, lang: str) -> bool:
    """Keep `text` for the confirmation page; returns whether it sounds like someone in danger."""
    from peercircle.core.text import prepare_user_text

    prepared = prepare_user_text(text=text, lang=lang, markdown=False, max_length=MAX_LENGTH)
    if not prepared.source:
        return False
    help_now = bool(prepared.screening.needs_person)
    request.session[SESSION_KEY] = {"text": crypto.encrypt(prepared.source), "lang": lang,
                                    "help_now": help_now, "at": int(time.time())}
    return help_now


def carried_words(request) -> dict | None:
    """{"text", "lang", "help_now"} while there are words to confirm, else None."""
    kept = request.session.get(SESSION_KEY) if hasattr(request, "session") else None
    if not kept:
        return None
    if time.time() - kept.get("at", 0) > MAX_AGE_SECONDS:
        forget_words(request)
        return None
    return {"text": crypto.decrypt(kept["text"]), "lang": kept["lang"], "help_now": kept["help_now"]}


def forget_words(request) -> None:
    if hasattr(request, "session"):
        request.session.pop(SESSION_KEY, None)
