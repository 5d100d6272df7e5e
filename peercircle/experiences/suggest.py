"""Suggest taxonomy codes from someone's own words, ranked with a confidence, for the person to
confirm or change — PeerCircle never assigns codes silently.

One interface, `suggest(text, lang=..., backend=...)`, over two backends:

- "lexical" (no model, fast): taxonomy phrases found in the text (labels and synonyms in both
  languages, `lexicon.find_phrases`), plus a weaker bag-of-words similarity between the text
  and each entry's names, description and everyday story words (TF-IDF with a cosine), for
  stories that paraphrase ("the house is so quiet since the funeral").
- "semantic" (the optional `semantic` extra): the lexical scores plus how close the words are
  in meaning to each entry, with sentence embeddings (`semantic.similarities`). Phrases stay
  the strongest signal; meaning finds what no listed word says ("i still set two plates").

`backend=None` means `settings.PEERCIRCLE_SUGGEST_BACKEND` ("lexical" unless set). Both indexes
are built once per process and rebuilt after the taxonomy changes (`lexicon.reset_cache()`).
"""

from __future__ import annotations

import json
import logging
import math
import threading
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from peercircle.experiences import lexicon

logger = logging.getLogger(__name__)

STORY_WORDS_FILE = Path(__file__).parent / "data" / "story_words.json"
BACKENDS = ("lexical", "semantic")
LIMIT = 5
MIN_CONFIDENCE = 0.05
PHRASE_WEIGHT = 1.0
SIMILARITY_WEIGHT = 3.0
PARENT_SHARE = 0.1  # a matched entry lends its broader code a little of its score
# Semantic closeness counts above this cosine (below it, texts are about as close as unrelated
# ones), at this weight against the lexical score. A code that no word of the text names needs a
# clearer closeness to be suggested at all, so small talk brings no suggestions.
SEMANTIC_FLOOR = 0.2
SEMANTIC_WEIGHT = 1.0
SEMANTIC_ALONE = 0.35

# Words that say nothing about an experience, in both languages (folded like lexicon tokens).
STOPWORDS = frozenset("""
    a an the and or but of in on at to for with without from by about into over after before
    since so very really just still even also too not no never ever always i im ive id me my
    mine myself we our us you your he she it its they them their his her this that these those
    there here is are was were be been being am do does did doing have has had having can cant
    could would should will wont dont didnt doesnt isnt wasnt arent get got go going went
    know feel feeling felt think thing things much many more most some any all every one two
    day days time times year years week weeks month months now then when what who how why
    where which while because like want need anyone someone people person other others just
    el la los las un una unos unas y o u e de del al en con sin para por que quien donde como
    cuando mi mis tu tus su sus me te se le lo les nos yo ya no ni si muy mas pero porque
    desde hasta hace estoy esta estan estaba era es son fue ser estar tengo tiene tenia hay
    he ha han solo sola solos todo toda todos todas nada algo alguien cada dia dias ano anos
    mes meses semana semanas vez veces ahora siempre nunca tan tanto mucho mucha muchos
    muchas otro otra otros otras este esta estos estas ese esa eso aqui
""".split())


@dataclass(frozen=True)
class Suggestion:
    code: str
    kind: str  # "experience" or "community"
    score: float  # confidence, 0..1
    label: str
    evidence: tuple[str, ...] = ()  # the words of the text that led to it

    def to_dict(self) -> dict:
        return {"code": self.code, "score": round(self.score, 3), "label": self.label,
                "evidence": list(self.evidence)}


@dataclass
class Suggestions:
    experiences: list[Suggestion] = field(default_factory=list)
    communities: list[Suggestion] = field(default_factory=list)
    backend: str = "lexical"

    def to_dict(self) -> dict:
        return {"experiences": [s.to_dict() for s in self.experiences],
                "communities": [s.to_dict() for s in self.communities], "backend": self.backend}


class SuggesterError(ValueError):
    """A backend that cannot run here (not installed, unknown): the message says what to do."""


def default_backend() -> str:
    from django.conf import settings

    return getattr(settings, "PEERCIRCLE_SUGGEST_BACKEND", "lexical") or "lexical"


def semantic_enabled() -> bool:
    """Whether the configured backend is the semantic one and can run here, judged without
    loading the model: matching compares stories by meaning only then."""
    from peercircle.experiences import embeddings

    return default_backend() == "semantic" and embeddings.available()


def suggest(text: str, *, lang: str | None = None, backend: str | None = None, limit: int = LIMIT) -> Suggestions:
    """Ranked experience and community codes for `text`, best first, each with a confidence.
    Raises `SuggesterError` for a backend that is unknown or cannot run here."""
    backend = backend or default_backend()
    if backend == "lexical":
        scores, evidence = _lexical_scores(text, lang)
    elif backend == "semantic":
        scores, evidence = _semantic_scores(text, lang)
    else:
        raise SuggesterError(f"Unknown backend {backend!r}: choose one of {', '.join(BACKENDS)}.")
    return _ranked(scores, evidence, lang=lang, limit=limit, backend=backend)


def prepare_backend(backend: str | None = None) -> str:
    """Load now what `backend` needs (for the semantic one: the model and the entries' vectors),
    so the first person does not wait, and a backend that cannot run says why at once. Returns
    the backend's name; raises `SuggesterError`."""
    backend = backend or default_backend()
    suggest("warm up", lang="en", backend=backend)
    return backend


def suggest_for_person(text: str, *, lang: str, limit: int = LIMIT,
                       backend: str | None = None) -> tuple[Suggestions, bool]:
    """What the pages and the API show someone who described their experience: the
    suggestions, and whether their words sound like someone in danger (screened like any text
    a person writes, but not stored).

    With no `backend`, the configured one; if that cannot run here (the semantic extra missing,
    its model gone), the lexical one answers and the operator finds why in the log: a person
    should not get an error page for a server's setting."""
    from peercircle.core.text import prepare_user_text

    needs_person = prepare_user_text(text=text, lang=lang, markdown=False).screening.needs_person
    if backend:
        return suggest(text, lang=lang, limit=limit, backend=backend), bool(needs_person)
    try:
        found = suggest(text, lang=lang, limit=limit)
    except SuggesterError as error:
        logger.error("The %s suggester cannot run, so the lexical one answered: %s", default_backend(), error)
        found = suggest(text, lang=lang, limit=limit, backend="lexical")
    return found, bool(needs_person)


def _ranked(scores: dict[str, float], evidence: dict[str, list[str]], *, lang, limit: int, backend: str) -> Suggestions:
    nodes = lexicon.get_lexicon().nodes
    found = Suggestions(backend=backend)
    for code, raw in sorted(scores.items(), key=lambda item: (-item[1], item[0])):
        node = nodes.get(code)
        confidence = 1 - math.exp(-raw)
        if node is None or confidence < MIN_CONFIDENCE:
            continue
        bucket = found.communities if node.kind == "community" else found.experiences
        if len(bucket) < limit:
            bucket.append(Suggestion(code=code, kind=node.kind, score=confidence, label=node.label(lang),
                                     evidence=tuple(dict.fromkeys(evidence.get(code, ())))[:3]))
    return found


# --- The lexical backend -------------------------------------------------------------------------

def _lexical_scores(text: str, lang: str | None) -> tuple[dict[str, float], dict[str, list[str]]]:
    tokens = lexicon.tokenize(text)
    scores: dict[str, float] = defaultdict(float)
    evidence: dict[str, list[str]] = defaultdict(list)
    index = _index()
    # Phrases: the strongest signal. Both languages: people mix them.
    for match in lexicon.find_phrases_in_tokens(tokens, None):
        scores[match.code] += PHRASE_WEIGHT * match.weight
        evidence[match.code].append(" ".join(tokens[match.start:match.end]))
    # Words: a cosine against each node's document, for stories told in other words.
    words = Counter(_stems(tokens))
    if words:
        query = {word: count * index.idf.get(word, 0.0) for word, count in words.items()}
        norm = math.sqrt(sum(weight * weight for weight in query.values())) or 1.0
        for code, vector, doc_norm in index.documents:
            dot = 0.0
            hits = []
            for word, weight in query.items():
                value = vector.get(word)
                if value:
                    dot += weight * value
                    hits.append(word)
            if dot:
                similarity = dot / (norm * doc_norm)
                scores[code] += SIMILARITY_WEIGHT * similarity
                evidence[code].extend(hits)
    # A specific entry also speaks for its broader code, a little.
    nodes = index.parents
    for code, score in list(scores.items()):
        parent = nodes.get(code)
        if parent:
            scores[parent] += PARENT_SHARE * score
    return scores, evidence


# --- The semantic backend ------------------------------------------------------------------------

def _semantic_scores(text: str, lang: str | None) -> tuple[dict[str, float], dict[str, list[str]]]:
    """The lexical scores, plus the closeness in meaning above the floor."""
    from peercircle.experiences import embeddings, semantic

    scores, evidence = _lexical_scores(text, lang)
    try:
        closeness = semantic.similarities(text, lang)
    except embeddings.EmbeddingsUnavailable as error:
        raise SuggesterError(str(error)) from error
    for code, cosine in closeness.items():
        lexical = scores.get(code, 0.0)
        if cosine > (SEMANTIC_FLOOR if lexical else SEMANTIC_ALONE):
            scores[code] = lexical + SEMANTIC_WEIGHT * (cosine - SEMANTIC_FLOOR)
    return scores, evidence


def _stems(tokens) -> list[str]:
    """Tokens without stop words, cut to a rough stem (so "drinking", "drink", "drinks" meet)."""
    out = []
    for token in tokens:
        if len(token) < 3 or token in STOPWORDS or token.isdigit():
            continue
        out.append(_stem(token))
    return out


def _stem(token: str) -> str:
    for ending in ("amientos", "imientos", "aciones", "iciones", "amiento", "imiento", "acion", "icion",
                   "ments", "ment", "ings", "ing", "edly", "ed", "ies", "es", "s", "os", "as", "o", "a", "e"):
        if token.endswith(ending) and len(token) - len(ending) >= 4:
            return token[: -len(ending)]
    return token[:10]


@dataclass
class _Index:
    idf: dict[str, float]
    documents: list[tuple[str, dict[str, float], float]]  # (code, tf-idf vector, its norm)
    parents: dict[str, str]


_lock = threading.Lock()
_cached: tuple[int, _Index] | None = None


def _index() -> _Index:
    """Built from the same lexicon object (so `lexicon.reset_cache()` rebuilds it too)."""
    global _cached
    current = lexicon.get_lexicon()
    cached = _cached
    if cached is not None and cached[0] == id(current):
        return cached[1]
    with _lock:
        if _cached is None or _cached[0] != id(current):
            _cached = (id(current), _build(current))
        return _cached[1]


@lru_cache(maxsize=1)
def story_words() -> dict[str, dict[str, list[str]]]:
    """Everyday words people use when they tell of each code (data/story_words.json): one more
    bag of words per code, weaker than its names, never shown or searched."""
    return json.loads(STORY_WORDS_FILE.read_text(encoding="utf-8"))["words"]


def _build(current) -> _Index:
    from peercircle.experiences.models import TaxonomyNode

    texts: dict[str, list[str]] = defaultdict(list)
    for code, label_en, label_es, description_en, description_es, synonyms_en, synonyms_es in (
            TaxonomyNode.objects.filter(is_active=True).values_list(
                "code", "label_en", "label_es", "description_en", "description_es", "synonyms_en", "synonyms_es")):
        # Labels and synonyms count double: they name the experience; descriptions tell it.
        named = " ".join([label_en, label_es, *(synonyms_en or []), *(synonyms_es or [])])
        said = " ".join(" ".join(words) for words in story_words().get(code, {}).values())
        texts[code] += [named, named, description_en, description_es, said]
    bags = {code: Counter(_stems(lexicon.tokenize(" ".join(parts)))) for code, parts in texts.items()}
    frequency = Counter(word for bag in bags.values() for word in bag)
    total = len(bags) or 1
    idf = {word: math.log((1 + total) / (1 + count)) + 1 for word, count in frequency.items()}
    documents = []
    for code, bag in bags.items():
        vector = {word: (1 + math.log(count)) * idf[word] for word, count in bag.items()}
        norm = math.sqrt(sum(value * value for value in vector.values())) or 1.0
        documents.append((code, vector, norm))
    parents = {code: node.parent for code, node in current.nodes.items() if node.parent}
    return _Index(idf=idf, documents=documents, parents=parents)
