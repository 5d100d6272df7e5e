"""Screening of user-written text for crisis risk.

This is the seam every feature's text passes through (see core.text). The rules here are a
conservative first layer: clear statements of current suicidal intent, self-harm, overdose
or danger, in English and Spanish, with negation and past-tense guards. The safety issue
replaces the inside of `screen` with the full screener; its signature stays.
"""

import re
import unicodedata
from dataclasses import dataclass, field

LEVELS = ("none", "low", "high", "imminent")


@dataclass(frozen=True)
class ScreeningResult:
    level: str = "none"
    categories: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)

    @property
    def needs_person(self) -> bool:
        return self.level in ("high", "imminent")


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in text if not unicodedata.combining(ch))


# (level, category, pattern) — patterns run on lower-cased, accent-folded text.
_RULES: list[tuple[str, str, re.Pattern]] = [
    (level, category, re.compile(pattern))
    for level, category, pattern in [
        ("imminent", "suicide", r"\b(tonight|right now|today) (i'?m|i am) (going to|gonna) (kill myself|end it)"),
        ("imminent", "suicide", r"\b(i have|i've got|got) (the )?(pills|rope|gun) (ready|here)"),
        ("imminent", "suicide", r"\besta noche me (voy a )?(matar|quitar la vida)"),
        ("imminent", "overdose", r"\b(i )?(just )?took (all|a whole bottle of) (my|the) (pills|meds)"),
        ("high", "suicide", r"\b(i )?(want|wanna) to (die|kill myself|end (it|my life))\b"),
        ("high", "suicide", r"\b(kms|unalive myself|ctb)\b"),
        ("high", "suicide", r"\bwish i could (sleep and )?(not|never) wake up"),
        ("high", "suicide", r"\b(quiero|me quiero) (morir(me)?|matarme|quitarme la vida)"),
        ("high", "suicide", r"\bno quiero (seguir viviendo|despertar)"),
        ("high", "self_harm", r"\b(i want to|urge to|i'?m going to) (cut|hurt|burn) myself"),
        ("high", "self_harm", r"\b(ganas de|quiero) (cortarme|hacerme dano)"),
        ("high", "overdose", r"\b(thinking (about|of)|want to) (overdos(e|ing)|od'?ing)\b"),
        ("high", "abuse", r"\b(he|she|they) (hits|beats|hurts) me\b"),
        ("high", "abuse", r"\bme (pega|maltrata)\b"),
        ("low", "suicide", r"\b(hopeless|no point|can'?t go on|sin esperanza|no puedo mas)\b"),
    ]
]
_NEGATION = re.compile(r"\b(don'?t|do not|never|no longer|not anymore|ya no|nunca)\b[^.!?]{0,20}$")
_PAST = re.compile(r"\b(years ago|used to|back then|hace (anos|mucho))\b")


def screen(text: str, *, lang: str = "en") -> ScreeningResult:
    folded = _fold(text or "")
    best = "none"
    categories: list[str] = []
    reasons: list[str] = []
    for level, category, pattern in _RULES:
        for match in pattern.finditer(folded):
            before = folded[max(0, match.start() - 40):match.start()]
            if _NEGATION.search(before) or _PAST.search(folded):
                level_here = "low" if level != "low" else level
            else:
                level_here = level
            if LEVELS.index(level_here) > LEVELS.index(best):
                best = level_here
            if category not in categories:
                categories.append(category)
            reasons.append(match.group(0))
    return ScreeningResult(level=best, categories=categories, reasons=reasons[:5])
