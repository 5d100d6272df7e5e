"""The one pipeline for user-written text: sanitize → screen → (caller stores) → moderate.

Every feature that stores text a person wrote calls `prepare_user_text` and keeps both the
source and the rendered HTML it returns; after storing, it calls `after_store` so the
safety app can open alerts or queue moderation. No feature writes its own.
"""

from dataclasses import dataclass, field

import nh3
from markdown_it import MarkdownIt

from peercircle.safety.screening import ScreeningResult, screen

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "del", "blockquote", "ul", "ol", "li", "code", "pre", "a",
    "h3", "h4", "hr",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_SCHEMES = {"http", "https", "mailto"}

_markdown = (
    MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    .disable("image")
)


def render_markdown(source: str) -> str:
    """Markdown → HTML with raw HTML disabled, then cleaned by nh3 (defence in depth)."""
    html = _markdown.render(source or "")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel="nofollow noopener noreferrer ugc",
    )


def clean_plain(source: str, *, max_length: int | None = None) -> str:
    """Plain text fields (names, short bios): strip control characters and bidi overrides."""
    text = "".join(
        ch for ch in (source or "")
        if ch in "\n\t" or (ord(ch) >= 32 and ch not in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
    ).strip()
    return text[:max_length] if max_length else text


@dataclass(frozen=True)
class PreparedText:
    source: str
    html: str
    screening: ScreeningResult
    # What the text gives others (safety.content_checks): "method_details", "contact_details",
    # "dosing_advice". Each feature decides what to hold back for review.
    flags: list[str] = field(default_factory=list)


def prepare_user_text(*, text: str, lang: str = "en", markdown: bool = True,
                      max_length: int | None = None) -> PreparedText:
    from peercircle.safety.content_checks import flags_for

    source = clean_plain(text, max_length=max_length)
    html = render_markdown(source) if markdown else ""
    return PreparedText(source=source, html=html, screening=screen(source, lang=lang), flags=flags_for(source))


def after_store(*, prepared: PreparedText, author, target, context: str,
                confidential: bool = False) -> None:
    """Hand stored text to moderation and alerts (the safety app decides what to do).

    `confidential` text (a private story only its author may read) is screened like any
    other, but no words from it are kept outside the encrypted record."""
    from peercircle.safety.services import screening_outcome_handle

    screening_outcome_handle(prepared=prepared, author=author, target=target, context=context,
                             confidential=confidential)
