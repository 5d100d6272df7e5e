"""Text normalisation before the rules run: one lower-case, accent-folded form in which emoji,
slang and common misspellings are already spelled the way the rules expect.

Emoji become marker words (`xknifex`, `xpillsx`…) rather than plain words, so a knife emoji
next to "tonight" can count while "I bought a knife for bread" never does. Misspellings are
repaired by edit distance 1 against a short list of risk words (a deletion index, so each
token costs a handful of dictionary look-ups).
"""

import re
import unicodedata

EMOJI = {
    "🔪": "xknifex", "🗡": "xknifex", "🔫": "xgunx", "💊": "xpillsx", "🪦": "xgravex", "⚰": "xgravex",
    "🪢": "xropex", "🩸": "xbloodx", "☠": "xskullx", "💀": "xlolx", "😂": "xlolx", "🤣": "xlolx",
    "😆": "xlolx", "😹": "xlolx", "♪": "xsongx", "♫": "xsongx", "🎵": "xsongx", "🎶": "xsongx",
    "“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'", "´": "'",
}
_EMOJI = re.compile("|".join(re.escape(key) for key in sorted(EMOJI, key=len, reverse=True)))

# Slang and euphemisms, rewritten to the words the rules know (whole words only).
SLANG = {
    "kms": "kms", "kys": "kill yourself", "unalive": "kill", "unalived": "killed", "unaliving": "killing",
    "sewerslide": "suicide", "sewer slide": "suicide", "sewer-slide": "suicide", "suicide'": "suicide",
    "sui": "suicide", "self-harm": "self harm", "selfharm": "self harm", "self-harming": "self harm",
    "od": "overdose", "o.d.": "overdose", "od'd": "overdosed", "odd'd": "overdosed", "oded": "overdosed",
    "od'ed": "overdosed", "oding": "overdosing", "od'ing": "overdosing", "im": "i'm", "ive": "i've",
    "dont": "don't", "wont": "won't", "cant": "can't", "wanna": "want to", "gonna": "going to",
    "gunna": "going to", "tryna": "trying to", "kil": "kill", "kll": "kill", "myslef": "myself",
    "desvivir": "morir", "desvivirme": "morirme", "darme piso": "matarme", "me doy piso": "me mato",
    "se dio piso": "se mato", "darse piso": "matarse", "my self": "myself", "him self": "himself", "her self": "herself", "them selves": "themselves",
    "u": "you", "ur": "your", "tn": "tonight", "2nite": "tonight", "tonite": "tonight", "rn": "right now",
    "kiero": "quiero", "qiero": "quiero", "q": "que", "xq": "porque", "pq": "porque", "k": "que",
    "matarm": "matarme", "morirm": "morirme", "lol": "xlolx", "lmao": "xlolx", "haha": "xlolx",
    "hahaha": "xlolx", "jaja": "xlolx", "jajaja": "xlolx", "jajajaja": "xlolx", "jk": "xlolx",
}
_SLANG = re.compile(r"(?<![\w'])(" + "|".join(re.escape(k) for k in sorted(SLANG, key=len, reverse=True))
                    + r")(?![\w'])")

# Risk words worth repairing when misspelled (only words of five letters or more: shorter ones
# have too many innocent neighbours).
FUZZY_TARGETS = [
    "suicide", "suicidal", "suicidio", "suicida", "suicidas", "suicidarme", "suicidar", "suicidarse", "suicido", "myself", "himself", "herself",
    "themselves", "overdose", "overdosing", "overdosed", "thinking", "morirme", "morirse", "matarme",
    "matarse", "pastillas", "cortarme", "despertar", "paracetamol", "sleeping", "tonight", "killing",
    "autolesion", "autolesionarme", "sobredosis", "quitarme", "tomarme", "pills", "goodbye",
]
# Ordinary words one edit away from a target that must stay as they are.
_KEEP = {"willing", "filling", "billing", "milling", "tilling", "shrinking", "thanking", "sinking",
         "linking", "winking", "blinking", "drinking", "spills", "hills", "bills", "mills", "fills",
         "skills", "kills", "quitarse", "suicidal", "suicide"}


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1:] for i in range(len(word))}


_FUZZY_INDEX: dict[str, str] = {}
for _target in FUZZY_TARGETS:
    _FUZZY_INDEX.setdefault(_target, _target)
    for _variant in _deletes(_target):
        _FUZZY_INDEX.setdefault(_variant, _target)
_TARGET_SET = set(FUZZY_TARGETS)
_WORD = re.compile(r"[a-z]{5,}")
_REPEATS = re.compile(r"([a-z])\1{2,}")


def _repair(match: re.Match) -> str:
    word = match.group(0)
    if word in _TARGET_SET or word in _KEEP:
        return word
    found = _FUZZY_INDEX.get(word)
    if found is None:
        for variant in _deletes(word):
            found = _FUZZY_INDEX.get(variant)
            if found:
                break
    return found or word


def fold(text: str) -> str:
    """Lower-case without accents, emoji as marker words (ñ becomes n, like the rules)."""
    text = _EMOJI.sub(lambda m: f" {EMOJI[m.group(0)]} " if len(EMOJI[m.group(0)]) > 1 else EMOJI[m.group(0)],
                      text.lower())
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def normalize(text: str) -> str:
    text = fold(text)
    text = _REPEATS.sub(r"\1", text)
    text = _SLANG.sub(lambda m: SLANG[m.group(1)], text)
    text = _WORD.sub(_repair, text)
    return re.sub(r"[ \t]+", " ", text)
