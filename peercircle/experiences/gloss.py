"""Word-by-word English glosses of text in other languages, so that an English-only embedding
model can read a Spanish story ("desde el covid no puedo levantarme del sofá" → "since the covid
not i can get up of the sofa"). Crude, and enough for closeness in meaning; never shown.

The glossaries are data/gloss_<lang>.json: folded word → English words ("" drops the word).
A word not in it is tried without common inflections (plural, verb endings) and otherwise kept
as written, since names, drugs and illnesses are often the same in both languages.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from peercircle.experiences import lexicon

DATA = Path(__file__).parent / "data"


@lru_cache(maxsize=4)
def glossary(lang: str) -> dict[str, str] | None:
    path = DATA / f"gloss_{lang}.json"
    if not path.exists():
        return None
    words = json.loads(path.read_text(encoding="utf-8"))["words"]
    return {lexicon.fold_token(word): english for word, english in words.items()}


def gloss(text: str, lang: str) -> str | None:
    """`text` glossed into English, or None when there is no glossary for `lang`."""
    words = glossary(lang)
    if words is None:
        return None
    out = []
    for token in lexicon.tokenize(text):
        english = _look_up(words, token)
        if english:
            out.append(english)
    return " ".join(out)


def _look_up(words: dict[str, str], token: str) -> str:
    if token in words:
        return words[token]
    for ending, replacements in _ENDINGS:
        if token.endswith(ending) and len(token) - len(ending) >= 2:
            stem = token[: -len(ending)]
            for replacement in replacements:
                if stem + replacement in words:
                    return words[stem + replacement]
    return token


# Spanish inflections, tried in order: plurals, then verb forms back to the infinitive.
_ENDINGS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("es", ("",)), ("s", ("",)),
    ("ando", ("ar",)), ("iendo", ("er", "ir")), ("ado", ("ar",)), ("ada", ("ar",)), ("ados", ("ar",)),
    ("adas", ("ar",)), ("ido", ("er", "ir")), ("ida", ("er", "ir")), ("idos", ("er", "ir")),
    ("idas", ("er", "ir")), ("aba", ("ar",)), ("abas", ("ar",)), ("aban", ("ar",)),
    ("abamos", ("ar",)), ("ia", ("er", "ir")), ("ias", ("er", "ir")), ("ian", ("er", "ir")),
    ("iamos", ("er", "ir")), ("e", ("ar",)), ("o", ("ar", "er", "ir")), ("as", ("ar",)),
    ("a", ("ar",)), ("an", ("ar",)), ("amos", ("ar",)), ("en", ("er", "ir")), ("emos", ("er",)),
    ("imos", ("ir",)), ("io", ("er", "ir")), ("aron", ("ar",)), ("ieron", ("er", "ir")),
    ("aste", ("ar",)), ("iste", ("er", "ir")), ("are", ("ar",)), ("ere", ("er",)), ("ire", ("ir",)),
    ("aria", ("ar",)), ("eria", ("er",)), ("iria", ("ir",)), ("me", ("",)), ("se", ("",)), ("lo", ("",)),
    ("la", ("",)), ("le", ("",)), ("te", ("",)),
)
