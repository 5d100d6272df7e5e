"""The safety API: screening on demand for moderators and integrations."""

from typing import Literal

from django.http import Http404
from ninja import Field, Router, Schema

from peercircle.safety.access import may_screen_texts
from peercircle.safety.screening import screen

router = Router(tags=["safety"])

MAX_TEXTS = 100
MAX_TEXT_LENGTH = 20_000


class TextIn(Schema):
    id: str | int | None = Field(None, description="Your own reference; given back with the result.")
    text: str = Field(max_length=MAX_TEXT_LENGTH)
    lang: Literal["en", "es"] = "en"


class ScreenIn(Schema):
    texts: list[TextIn] = Field(min_length=1, max_length=MAX_TEXTS,
                                description=f"Up to {MAX_TEXTS} texts, screened in order.")


class ResultOut(Schema):
    id: str | int | None
    level: Literal["none", "low", "high", "imminent"]
    categories: list[str]
    reasons: list[str] = Field(description="The phrases that drove the level, highest first.")


class ScreenOut(Schema):
    results: list[ResultOut]


@router.post("/safety/screen", response=ScreenOut, summary="Screen texts for crisis risk")
def screen_texts(request, payload: ScreenIn):
    """Level (none, low, high, imminent), categories and reasons for each text, in order — the
    same screening every text written in PeerCircle goes through. Moderators and staff only;
    nothing is stored."""
    if not may_screen_texts(request.user):
        raise Http404
    results = []
    for item in payload.texts:
        result = screen(item.text, lang=item.lang)
        results.append({"id": item.id, "level": result.level, "categories": result.categories,
                        "reasons": result.reasons})
    return {"results": results}
