"""Find taxonomy phrases (labels and synonyms, English and Spanish) in free text.

The index is built once per process from the active `TaxonomyNode` rows: every label and
synonym becomes a sequence of accent- and case-folded tokens with its punctuation removed
("Self-harm" → ("self", "harm"), "can't" → ("cant",)). `find_phrases` returns the longest
non-overlapping matches. It is pure and fast (a dictionary look-up per n-gram), so the
directory search box and the lexical experience suggester can call it on every request.

Call `reset_cache()` after the taxonomy changes (`taxonomy_sync` does).
"""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass

# A token: letters or digits, with inner apostrophes ("can't", "o'clock") kept for now and
# dropped by `fold_token`, so "can't" and "cant" are the same token.
_TOKEN_RE = re.compile(r"[^\W_]+(?:['’ʼ][^\W_]+)*")
_APOSTROPHES = str.maketrans("", "", "'’ʼ")

LABEL_WEIGHT = 1.0
SYNONYM_WEIGHT = 0.8
# Each extra token makes a phrase more specific, and so worth a little more.
PER_TOKEN_BONUS = 0.04
# A match found only after taking off a plural ending is a little less certain.
VARIANT_PENALTY = 0.1

# Plural look-alikes that are not plurals of anything in the taxonomy worth matching.
_NO_SINGULAR = frozenset({
    "news", "series", "species", "lens", "always", "perhaps", "yes", "does", "goes", "this",
    "lunes", "martes", "miercoles", "jueves", "viernes", "crisis", "diabetes", "herpes",
    "antes", "despues", "entonces", "mientras", "menos", "mas", "tres", "seis", "dios", "pues",
    "adios", "apenas", "ademas", "tras", "hours", "aids",
})


def fold_token(token: str) -> str:
    token = unicodedata.normalize("NFKD", token.lower()).translate(_APOSTROPHES)
    return "".join(ch for ch in token if ch.isalnum())


def raw_tokens(text: str) -> list[str]:
    """The tokens of `text` as written (for callers that care about case)."""
    return _TOKEN_RE.findall(text or "")


def token_spans(text: str) -> list[tuple[int, int]]:
    """Character offsets of each token, in the order of `tokenize`."""
    return [match.span() for match in _TOKEN_RE.finditer(text or "")]


def tokenize(text: str) -> list[str]:
    """Folded tokens: lower case, no accents, no punctuation. Positions match `raw_tokens`."""
    return [fold_token(token) for token in raw_tokens(text)]


@dataclass(frozen=True, slots=True)
class Match:
    code: str
    kind: str  # "experience" or "community"
    start: int  # token span [start, end) in `tokenize(text)`
    end: int
    phrase: str  # the taxonomy phrase that matched, as written in the taxonomy
    weight: float


@dataclass(frozen=True, slots=True)
class NodeInfo:
    code: str
    kind: str
    parent: str | None
    label_en: str
    label_es: str

    def label(self, lang: str | None = None) -> str:
        return (self.label_es if (lang or "en")[:2] == "es" else "") or self.label_en


@dataclass(frozen=True, slots=True)
class _Entry:
    code: str
    kind: str
    lang: str
    phrase: str
    weight: float


class Lexicon:
    def __init__(self, nodes: list[NodeInfo], phrases: list[tuple[str, str, str, bool]]):
        """`phrases`: (code, lang, phrase, is_label) for every label and synonym."""
        self.nodes = {node.code: node for node in nodes}
        self.depth = {node.code: self._depth(node.code) for node in nodes}
        kinds = {node.code: node.kind for node in nodes}
        best: dict[tuple[tuple[str, ...], str, str], _Entry] = {}
        for code, lang, phrase, is_label in phrases:
            key = tuple(tokenize(phrase))
            if not key:
                continue
            base = LABEL_WEIGHT if is_label else SYNONYM_WEIGHT
            weight = round(base + PER_TOKEN_BONUS * (len(key) - 1), 3)
            slot = (key, code, lang)
            if slot not in best or best[slot].weight < weight:
                best[slot] = _Entry(code, kinds[code], lang, phrase, weight)
        self.index: dict[tuple[str, ...], list[_Entry]] = {}
        for (key, _code, _lang), entry in best.items():
            self.index.setdefault(key, []).append(entry)
        for entries in self.index.values():
            entries.sort(key=lambda e: (-e.weight, e.code))
        self.vocabulary = frozenset(token for key in self.index for token in key)
        self.first_tokens = frozenset(key[0] for key in self.index)
        self.max_len = max((len(key) for key in self.index), default=0)

    def _depth(self, code: str) -> int:
        depth, node = 0, self.nodes.get(code)
        while node is not None and node.parent and depth < 10:
            depth, node = depth + 1, self.nodes.get(node.parent)
        return depth

    def forms(self, token: str) -> tuple[str, ...]:
        """The token, then its singular forms that the taxonomy knows ("padres" → "padre",
        "cuidadores" → "cuidador", "families" → "family"). Only forms in the vocabulary count,
        so "wins" never becomes "wine"."""
        if len(token) < 4 or token in _NO_SINGULAR or token[-1] != "s" or token.endswith(("ss", "us", "is")):
            return (token,)
        candidates = [token[:-1]]
        if token.endswith("es"):
            candidates.append(token[:-2])
        if token.endswith("ies"):
            candidates.append(token[:-3] + "y")
        return (token, *(c for c in candidates if c in self.vocabulary))

    def find(self, tokens: list[str], lang: str | None = None) -> list[Match]:
        lang = lang[:2] if lang else None
        forms = [self.forms(token) for token in tokens]
        candidates: list[tuple[int, float, int, list[_Entry], bool]] = []
        n_tokens = len(tokens)
        for start in range(n_tokens):
            if not any(form in self.first_tokens for form in forms[start]):
                continue
            for length in range(min(self.max_len, n_tokens - start), 0, -1):
                entries, variant = self._lookup(tokens, forms, start, length)
                if lang:
                    entries = [e for e in entries if e.lang == lang]
                if entries:
                    weight = entries[0].weight - (VARIANT_PENALTY if variant else 0)
                    candidates.append((length, weight, start, entries, variant))
        # Longest first, then the stronger phrase, then the more specific code ("grupo de
        # duelo por suicidio": loss to suicide, not grief in general), then the earlier one.
        candidates.sort(key=lambda c: (-c[0], -c[1], -self.depth[c[3][0].code], c[2]))
        taken = [False] * n_tokens
        matches: list[Match] = []
        for length, _weight, start, entries, variant in candidates:
            end = start + length
            if any(taken[start:end]):
                continue
            for i in range(start, end):
                taken[i] = True
            top = entries[0].weight
            seen: set[str] = set()
            for entry in entries:
                # An ambiguous phrase ("suicide survivor") gives every code it names equally.
                if entry.weight < top or entry.code in seen:
                    continue
                seen.add(entry.code)
                weight = round(entry.weight - (VARIANT_PENALTY if variant else 0), 3)
                matches.append(Match(entry.code, entry.kind, start, end, entry.phrase, weight))
        matches.sort(key=lambda m: (m.start, -m.weight, m.code))
        return matches

    def _lookup(self, tokens, forms, start, length) -> tuple[list[_Entry], bool]:
        key = tuple(tokens[start:start + length])
        entries = self.index.get(key)
        if entries:
            return entries, False
        span = forms[start:start + length]
        if all(len(f) == 1 for f in span):
            return [], False
        for variant in _product(span):
            entries = self.index.get(variant)
            if entries:
                return entries, True
        return [], False


def _product(span: list[tuple[str, ...]]):
    """Every combination of the tokens' forms except the one of the exact tokens."""
    keys: list[tuple[str, ...]] = [()]
    for options in span:
        keys = [key + (option,) for key in keys for option in options]
    return keys[1:]


_lock = threading.Lock()
_lexicon: Lexicon | None = None


def build_lexicon() -> Lexicon:
    from peercircle.experiences.models import TaxonomyNode

    nodes: list[NodeInfo] = []
    phrases: list[tuple[str, str, str, bool]] = []
    rows = TaxonomyNode.objects.filter(is_active=True).values_list(
        "code", "kind", "parent__code", "label_en", "label_es", "synonyms_en", "synonyms_es"
    )
    for code, kind, parent, label_en, label_es, synonyms_en, synonyms_es in rows:
        nodes.append(NodeInfo(code, kind, parent, label_en, label_es))
        for lang, label, synonyms in (("en", label_en, synonyms_en), ("es", label_es, synonyms_es)):
            for variant in _label_variants(label):
                phrases.append((code, lang, variant, True))
            phrases.extend((code, lang, synonym, False) for synonym in synonyms or [])
    return Lexicon(nodes, phrases)


_PARENTHESIS_RE = re.compile(r"\s*\(([^)]*)\)")


def _label_variants(label: str) -> list[str]:
    """The label, and for "Borderline personality (BPD)" also "Borderline personality" and
    "BPD": a parenthesis that is one plain name, not a list ("cocaine, meth & more")."""
    if not label:
        return []
    variants = [label]
    inside = _PARENTHESIS_RE.search(label)
    if inside:
        variants.append(_PARENTHESIS_RE.sub("", label))
        content = inside.group(1)
        if not re.search(r",|&|\b(?:and|y|more|más)\b", content):
            variants.append(content)
    return variants


def get_lexicon() -> Lexicon:
    global _lexicon
    lexicon = _lexicon
    if lexicon is None:
        with _lock:
            if _lexicon is None:
                _lexicon = build_lexicon()
            lexicon = _lexicon
    return lexicon


def reset_cache() -> None:
    """Forget the index; the next look-up rebuilds it from the database."""
    global _lexicon
    with _lock:
        _lexicon = None


def find_phrases(text: str, lang: str | None = None) -> list[Match]:
    """Longest non-overlapping taxonomy phrases in `text`, in reading order.

    `lang` ("en" or "es") restricts the look-up to that language's labels and synonyms;
    None uses both. A phrase that names two codes ("suicide survivor") gives one Match per
    code over the same span; otherwise spans never overlap.
    """
    return get_lexicon().find(tokenize(text), lang)


def find_phrases_in_tokens(tokens: list[str], lang: str | None = None) -> list[Match]:
    """`find_phrases` for text already split by `tokenize`."""
    return get_lexicon().find(tokens, lang)


def node_info(code: str) -> NodeInfo | None:
    return get_lexicon().nodes.get(code)
