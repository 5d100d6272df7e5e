"""The semantic half of the suggester: how close someone's words are, in meaning, to each
taxonomy entry, with sentence embeddings (`embeddings.embed`).

Each entry is embedded as many short texts — its label, its description, each synonym, and its
everyday story words (data/story_words.json) — and a story's closeness to the entry is the mean
of its three best cosines among them: one lucky synonym is not enough, and an entry with many
synonyms does not win by sheer number.

Only texts in the languages the model understands are embedded
(`PEERCIRCLE_EMBEDDING_LANGUAGES`, "en" for the bundled all-MiniLM-L6-v2, which knows no
Spanish: every Spanish sentence looks alike to it). A story in another language is first
glossed word by word into English when a glossary exists for it (`embeddings.text_for_model`);
otherwise it gets no semantic score and the lexical half decides alone.

The entries' vectors are computed once per process and model, and kept on disk under the data
folder (keyed by the model and every text), so the next process loads them in milliseconds.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from peercircle.experiences import embeddings, lexicon

TOP_TEXTS = 3  # a story's closeness to an entry: the mean of its best cosines among this many texts

logger = logging.getLogger(__name__)


def similarities(text: str, lang: str | None) -> dict[str, float]:
    """Cosine closeness (about 0.1 to 0.8) of `text` to every active entry; {} when the model
    cannot read the text's language. Raises `embeddings.EmbeddingsUnavailable`."""
    index = _index()
    readable = embeddings.text_for_model(text, lang)
    if readable is None or not index.codes:
        return {}
    query = embeddings.embed([readable])[0]
    cosines = index.vectors @ query
    out = {}
    for code, rows in index.rows.items():
        best = np.sort(cosines[rows])[-TOP_TEXTS:]
        out[code] = float(best.mean())
    return out


@dataclass
class _Index:
    codes: list[str]
    rows: dict[str, np.ndarray]  # code → the rows of `vectors` that are its texts
    vectors: np.ndarray


_lock = threading.Lock()
_cached: tuple[tuple, _Index] | None = None


def _index() -> _Index:
    """Rebuilt when the lexicon is (after a taxonomy change) or the model setting changes."""
    global _cached
    key = (id(lexicon.get_lexicon()), embeddings.model_name(), embeddings.model_languages())
    cached = _cached
    if cached is not None and cached[0] == key:
        return cached[1]
    with _lock:
        if _cached is None or _cached[0] != key:
            _cached = (key, _build(key[1], key[2]))
        return _cached[1]


def entry_texts(languages: tuple[str, ...]) -> list[tuple[str, str]]:
    """(code, text) for every short text that stands for an active entry, in `languages`."""
    from peercircle.experiences.models import TaxonomyNode
    from peercircle.experiences.suggest import story_words

    words = story_words()
    out: list[tuple[str, str]] = []
    rows = TaxonomyNode.objects.filter(is_active=True).order_by("sort_order", "code")
    for node in rows:
        for lang in languages:
            label = getattr(node, f"label_{lang}", "") or ""
            description = getattr(node, f"description_{lang}", "") or ""
            synonyms = getattr(node, f"synonyms_{lang}", None) or []
            said = words.get(node.code, {}).get(lang, [])
            texts = [label, description, *synonyms, ", ".join(said)]
            out.extend((node.code, text) for text in dict.fromkeys(texts) if text.strip())
    return out


def _build(model: str, languages: tuple[str, ...]) -> _Index:
    pairs = entry_texts(languages)
    vectors = _cached_vectors(model, [text for _code, text in pairs])
    rows: dict[str, list[int]] = {}
    for number, (code, _text) in enumerate(pairs):
        rows.setdefault(code, []).append(number)
    return _Index(codes=list(rows), rows={code: np.array(numbers) for code, numbers in rows.items()},
                  vectors=vectors)


def _cached_vectors(model: str, texts: list[str]) -> np.ndarray:
    """`embed(texts)`, kept in a file named by the model and the texts (so any change to
    either computes them anew). Several processes may race to write it: each writes its own
    temporary file and renames it into place, which is atomic."""
    from django.conf import settings

    digest = hashlib.sha256("\n".join([model, _model_stamp(model), *texts]).encode()).hexdigest()[:32]
    folder = Path(settings.DATA_DIR) / "cache" / "embeddings"
    path = folder / f"taxonomy-{digest}.npy"
    try:
        vectors = np.load(path, allow_pickle=False)
        if vectors.shape[0] == len(texts):
            return vectors
    except (OSError, ValueError):
        pass
    vectors = embeddings.embed(texts)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, suffix=".npy.tmp")
        with os.fdopen(handle, "wb") as out:
            np.save(out, vectors, allow_pickle=False)
        os.replace(temporary, path)
    except OSError as error:  # a read-only data folder only costs the next process the time
        logger.warning("Could not keep the taxonomy embeddings in %s: %s", folder, error)
    return vectors


def _model_stamp(model: str) -> str:
    """When the model is a directory: its files' sizes and times, so a model replaced in place
    is noticed."""
    folder = Path(model)
    if not folder.is_dir():
        return ""
    return ";".join(f"{item.name}:{item.stat().st_size}:{int(item.stat().st_mtime)}"
                    for item in sorted(folder.iterdir()) if item.is_file())
