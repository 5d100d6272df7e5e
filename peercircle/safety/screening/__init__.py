"""Screening of user-written text for crisis risk: `screen(text, lang=...)` → level, categories, reasons.

This is the seam every feature's text passes through (core.text.prepare_user_text). The rules
are pure Python and precompiled regular expressions; the optional learned layer is numpy with a
small weights file. Together about a millisecond for a typical message.

How it decides (docs/safety.md has the long version):
1. normalise: lower case, no accents, emoji as marker words, slang and misspellings repaired;
2. find phrases (lexicon.py), each with a kind (desire, intent, act, means, passive, …);
3. weigh each phrase in its clause: quoted or sung, said to or about someone in general
   ("if you are thinking of suicide, call 988"), educational talk, a joke about others → ignored;
   negated ("I don't want to kill myself") or told in distant past ("3 years ago…") → low;
4. raise to imminent when the message adds a time ("tonight"), "now" to an intent, means at
   hand, a plan, or an act in progress — for the writer or someone they report on.
The level is the highest phrase's; categories are those of every phrase counted; reasons are
the phrases themselves, highest first.
5. then, when switched on (PEERCIRCLE_SCREENING_MODEL=on; off by default), a small learned model (model.py)
   reads the same normalised text and may raise the level when it is confident; its reason
   ("learned model (93%): …") comes first and the rules' reasons stay.
"""

from dataclasses import dataclass, field

from peercircle.safety.screening import lexicon as lx
from peercircle.safety.screening import model as learned
from peercircle.safety.screening.normalize import EMOJI, normalize

LEVELS = ("none", "low", "high", "imminent")
_RANK = {level: rank for rank, level in enumerate(LEVELS)}
_MAX_REASONS = 5
_NEGATABLE = {"desire", "intent", "past"}
_PAST_SOFTENS = {"desire", "intent", "past", "act", "passive", "means", "place", "plan", "question"}
_BASE = {"distress": "low", "recovery": "low", "desire": "high", "intent": "high", "passive": "high",
         "past": "high", "plan": "high", "place": "high", "question": "high", "abuse": "high",
         "act": "imminent", "means": "imminent", "medical": "imminent"}
_EMOJI_WORDS = {marker: emoji for emoji, marker in EMOJI.items() if marker.startswith("x")}
_EMOJI_CATEGORY = {"xpillsx": lx.OD}


@dataclass(frozen=True)
class ScreeningResult:
    level: str = "none"
    categories: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)

    @property
    def needs_person(self) -> bool:
        return self.level in ("high", "imminent")


@dataclass
class _Hit:
    kind: str
    category: str
    start: int
    phrase: str
    level: str = ""


def _clauses(text: str) -> list[tuple[int, int]]:
    bounds, start = [], 0
    for separator in lx.CLAUSES.finditer(text):
        bounds.append((start, separator.start()))
        start = separator.end()
    bounds.append((start, len(text)))
    return bounds


def _clause_of(bounds, position: int) -> tuple[int, int]:
    for start, end in bounds:
        if start <= position <= end:
            return start, end
    return bounds[-1]


def _rules(lang: str):
    first = "es" if (lang or "").lower().startswith("es") else "en"
    return lx.RULES[first] + lx.RULES["en" if first == "es" else "es"]


def _find(text: str, lang: str) -> list[_Hit]:
    hits, seen = [], set()
    for kind, category, pattern in _rules(lang):
        for match in pattern.finditer(text):
            key = (kind, category, match.start(), match.end())
            if key not in seen:
                seen.add(key)
                hits.append(_Hit(kind, category, match.start(), match.group(0).strip()))
    return hits


def _ignored(hit: _Hit, text: str, clause: str, before: str, quoted, education: bool, laughter: bool) -> bool:
    if any(start <= hit.start < end for start, end in quoted) or lx.LYRICS.search(clause):
        return True
    if hit.kind not in ("act", "medical") and lx.CONDITIONAL_OTHER.search(before + hit.phrase[:24]):
        return True
    if lx.IDIOM_TAIL.search(text[hit.start + len(hit.phrase):hit.start + len(hit.phrase) + 30]):
        return True
    if education and not lx.FIRST_PERSON.search(clause):
        return True
    return laughter and hit.category in (lx.V, lx.A) and hit.kind not in ("act", "means")


def _weigh(hit: _Hit, clause: str, before: str) -> str:
    if hit.kind in _NEGATABLE and lx.NEGATION.search(before[-12:] + " " + hit.phrase):
        return "low"
    if hit.kind in _PAST_SOFTENS and lx.DISTANT_PAST.search(clause):
        return "low"
    return _BASE.get(hit.kind, "none")


def screen(text: str, *, lang: str = "en") -> ScreeningResult:
    """The rules, then the learned model when it is switched on (PEERCIRCLE_SCREENING_MODEL):
    the model may raise the rules' level when it is confident, and lower their `high` to `low`
    when it is sure the text is calm; it never lowers `imminent`."""
    normalized = normalize(text or "")
    if not normalized.strip():
        return ScreeningResult()
    result, discounted = _by_rules(normalized, lang)
    model = learned.active() if result.level != "imminent" else None
    return _raised(result, model.judge(normalized, discounted=discounted)) if model else result


def screen_rules(text: str, *, lang: str = "en") -> ScreeningResult:
    """The rules alone, whatever the setting (for comparisons and the model's training)."""
    return rules_verdict(text, lang=lang)[0]


def rules_verdict(text: str, *, lang: str = "en") -> tuple[ScreeningResult, bool]:
    """The rules' result, and whether they found risk words they then set aside or lowered
    (quoted, sung, said to someone, educational, a joke, negated, distant past): the model must
    be surer to overrule that."""
    normalized = normalize(text or "")
    return _by_rules(normalized, lang) if normalized.strip() else (ScreeningResult(), False)


def _raised(result: ScreeningResult, verdict) -> ScreeningResult:
    """The rules' result moved by the model's verdict: raised when the model is sure of more, or
    `high` lowered to `low` when it is sure the text is calm (never lower than `low`: the rules'
    reasons stay for a moderator to read)."""
    if verdict.calm and result.level == "high":
        calm = verdict.probabilities["none"] + verdict.probabilities["low"]
        return ScreeningResult(level="low", categories=list(result.categories),
                               reasons=[f"learned model ({calm:.0%}): calm", *result.reasons][:_MAX_REASONS])
    if _RANK[verdict.level] <= _RANK[result.level]:
        return result
    categories = list(result.categories)
    if verdict.level in ("high", "imminent") and verdict.category not in categories:
        categories.append(verdict.category)
    reasons = [verdict.reason, *result.reasons][:_MAX_REASONS]
    return ScreeningResult(level=verdict.level, categories=categories, reasons=reasons)


def _by_rules(text: str, lang: str) -> tuple[ScreeningResult, bool]:
    bounds = _clauses(text)
    quoted = [match.span() for match in lx.QUOTED.finditer(text)]
    education = bool(lx.EDUCATION.search(text))
    laughter = bool(lx.LAUGHTER.search(text))
    counted: list[_Hit] = []
    boosters = False  # means at hand or a plan, counted anywhere in the message
    discounted = False  # risk words set aside or lowered by their context
    for hit in _find(text, lang):
        start, end = _clause_of(bounds, hit.start)
        clause, before = text[start:end], text[start:hit.start]
        if _ignored(hit, text, clause, before, quoted, education, laughter):
            discounted = discounted or hit.kind not in ("weak_means", "distress", "recovery")
            continue
        hit.level = "none" if hit.kind == "weak_means" else _weigh(hit, clause, before)
        discounted = discounted or (hit.level == "low" and _BASE.get(hit.kind) in ("high", "imminent"))
        if hit.kind in ("weak_means", "plan", "means") and not lx.DISTANT_PAST.search(clause):
            boosters = True
        counted.append(hit)
    current = " ".join(text[s:e] for s, e in bounds if not lx.DISTANT_PAST.search(text[s:e]))
    timeframe, now = bool(lx.TIMEFRAME.search(current)), bool(lx.NOW.search(current))
    emoji_means = [m for m in lx.EMOJI_MEANS.finditer(current)
                   if not any(s <= m.start() < e for s, e in quoted)]
    if emoji_means and lx.EMOJI_INTENT.search(current):
        marker = emoji_means[0].group(0)
        counted.append(_Hit("means", _EMOJI_CATEGORY.get(marker, lx.S), emoji_means[0].start(),
                            f"{marker} + {lx.EMOJI_INTENT.search(current).group(0)}", "imminent"))
    elif emoji_means:
        boosters = True
    if (not any(hit.kind != "weak_means" for hit in counted) and lx.WEAPON.search(current)
            and lx.INTENT_WORDS.search(current) and lx.PLANNED_TIME.search(current)
            and lx.PERSON_TARGET.search(current) and not (education or laughter)):
        # a weapon, an intent, a person and a time, with no other risk words:
        # "I have a gun and I'm going to find him tonight"
        counted.append(_Hit("means", lx.V, lx.WEAPON.search(current).start(),
                            lx.WEAPON.search(current).group(0), "imminent"))
    for hit in counted:
        if hit.level != "high":
            continue
        if ((hit.kind == "intent" and (timeframe or now))
                or (hit.kind == "desire" and _timed(text, bounds, hit))
                or (hit.kind in ("place", "abuse") and now)
                or (hit.kind == "place" and lx.JUMP.search(current))
                or (boosters and hit.kind in ("desire", "intent", "passive", "place", "abuse", "question"))):
            hit.level = "imminent"
    counted = [hit for hit in counted if hit.level != "none"]
    if not counted:
        return ScreeningResult(), discounted
    counted.sort(key=lambda hit: (-_RANK[hit.level], hit.start))
    level = counted[0].level
    categories = list(dict.fromkeys(hit.category for hit in counted if hit.category))
    phrases = list(dict.fromkeys(_readable(hit.phrase) for hit in counted))
    # "urge to cut myself" and "cut myself" are one reason: keep the longest wording.
    reasons = [p for p in phrases if not any(p != other and p in other for other in phrases)][:_MAX_REASONS]
    return ScreeningResult(level=level, categories=categories, reasons=reasons), discounted


def _timed(text: str, bounds, hit: _Hit) -> bool:
    """A desire with a time in its own clause ("I want to kill myself tonight") is a plan; one
    said to happen every day is ongoing ideation (high), whenever it was told."""
    start, end = _clause_of(bounds, hit.start)
    clause = text[start:end]
    return bool(lx.PLANNED_TIME.search(clause)) and not lx.HABITUAL.search(clause)


def _readable(phrase: str) -> str:
    for marker, emoji in _EMOJI_WORDS.items():
        phrase = phrase.replace(marker, emoji)
    return phrase
