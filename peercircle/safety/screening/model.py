"""The optional learned layer of the screener: a small neural network (one hidden layer) over
hashed word and character n-grams of the normalised text, which can raise the level the rules
gave when it is confident, and lower their `high` to `low` when it is sure the text is calm (an
idiom, a joke, a lesson). It never lowers `imminent`, and never below `low`.

- Offline and small: numpy only, weights in `safety/data/screening_model.npz` (built by
  `scripts/train_screening_model.py` from `safety/data/screening_train.jsonl`, deterministically).
- Features: word uni-, bi- and trigrams, character 3–5-grams across the words, and a few context
  flags taken from the rules' own patterns (distant past, negation, education, laughter, lyrics,
  quotes, "if you…", a planned time, "now", means emoji, first person, weapon, habitual), each
  hashed (CRC-32) into 2^18 buckets. Two heads: the level (none/low/high/imminent: one hidden
  layer of 32 tanh units, then softmax) and the category (multinomial logistic regression), for
  messages the rules gave no category.
- Thresholds were chosen on held-out folds of the training set (never on an evaluation set) and
  ship inside the weights file.
- `PEERCIRCLE_SCREENING_MODEL`: "off" (the default: the rules alone), "on" (used when the weights
  file is there), or the path of another weights file. Read on every call, so it can be switched
  without a restart. Off by default because it does not yet meet the bar set for switching it on
  (docs/safety.md, "What is weak").

Long texts are read in windows of a few sentences (the model was trained on messages of a few
sentences); the window that looks most serious speaks for the text.
"""

from __future__ import annotations

import logging
import os
import re
import threading
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from peercircle.safety.screening import lexicon as lx

SETTING = "PEERCIRCLE_SCREENING_MODEL"
WEIGHTS = Path(__file__).resolve().parent.parent / "data" / "screening_model.npz"
LEVELS = ("none", "low", "high", "imminent")
CATEGORIES = ("suicide", "self_harm", "overdose", "violence", "abuse", "medical")
BUCKETS = 1 << 18
WINDOW = 320  # characters: longer texts are read a few sentences at a time

_TOKEN = re.compile(r"[a-z0-9']+")
_SENTENCE_END = re.compile(r"(?<=[.!?\n])\s+")
_FLAGS = (("past", lx.DISTANT_PAST), ("negation", lx.NEGATION), ("education", lx.EDUCATION),
          ("laughter", lx.LAUGHTER), ("song", lx.LYRICS), ("quoted", lx.QUOTED), ("other", lx.CONDITIONAL_OTHER),
          ("planned", lx.PLANNED_TIME), ("time", lx.TIMEFRAME), ("now", lx.NOW), ("emoji_means", lx.EMOJI_MEANS),
          ("first_person", lx.FIRST_PERSON), ("weapon", lx.WEAPON), ("habitual", lx.HABITUAL))
# Words too common to make a reason: an n-gram made only of these is never shown.
_PLAIN = frozenset("""
    i i'm im i've ive i'll i'd me my mine myself a an the to and or but of it it's its is are was were be been
    so just in on at for with that this these those there then than you your he she they them his her their we
    our us do did does don't not no if as by from up out about all would could should will can have has had
    really very too also ya y o a al el la lo los las le les de del en un una unos unas que q mi mis me te se
    su sus es son fue era estar esta este esto ese eso con por para como pero mas muy tan ya he ha han hay
    yo tu si no ni""".split())
log = logging.getLogger(__name__)


def _bucket(feature: str) -> int:
    return zlib.crc32(feature.encode()) & (BUCKETS - 1)


def features(text: str) -> tuple[np.ndarray, np.ndarray, list[tuple[str, int]]]:
    """Hashed features of one normalised text: bucket indices, values, and the readable word
    n-grams with their buckets (for reasons). Words and characters are each scaled to length 1;
    each context flag counts 0.5."""
    tokens = _TOKEN.findall(text)
    words = [f"w {t}" for t in tokens]
    words += [f"b {a} {b}" for a, b in zip(tokens, tokens[1:], strict=False)]
    words += [f"t {a} {b} {c}" for a, b, c in zip(tokens, tokens[1:], tokens[2:], strict=False)]
    joined = f" {' '.join(tokens)} "
    chars = [f"c {joined[i:i + n]}" for n in (3, 4, 5) for i in range(len(joined) - n + 1)]
    flags = [f"f {name}" for name, pattern in _FLAGS if pattern.search(text)]
    word_buckets = [_bucket(f) for f in words]
    buckets = word_buckets + [_bucket(f) for f in chars] + [_bucket(f) for f in flags]
    values = ([1 / np.sqrt(len(words))] * len(words) if words else []) + \
             ([1 / np.sqrt(len(chars))] * len(chars) if chars else []) + [0.5] * len(flags)
    readable = [(f[2:], b) for f, b in zip(words, word_buckets, strict=True)]
    return np.asarray(buckets, dtype=np.int64), np.asarray(values, dtype=np.float32), readable


def windows(text: str) -> list[str]:
    """The text itself when short; otherwise runs of whole sentences of about WINDOW characters."""
    if len(text) <= WINDOW:
        return [text]
    out, current = [], ""
    for sentence in _SENTENCE_END.split(text):
        while len(sentence) > WINDOW:  # one very long "sentence": cut it at spaces
            cut = sentence.rfind(" ", 0, WINDOW)
            cut = cut if cut > 0 else WINDOW
            if current:
                out.append(current)
                current = ""
            out.append(sentence[:cut])
            sentence = sentence[cut:].lstrip()
        if current and len(current) + 1 + len(sentence) > WINDOW:
            out.append(current)
            current = sentence
        else:
            current = f"{current} {sentence}" if current else sentence
    if current:
        out.append(current)
    return out or [text]


@dataclass(frozen=True)
class Verdict:
    level: str
    probabilities: dict[str, float]
    category: str
    reason: str
    calm: bool = False  # sure enough that the text is calm to lower the rules' `high` to `low`


class Model:
    """Level head: hashed features → 32 tanh units → 4 levels. Category head: linear."""

    def __init__(self, path: Path):
        with np.load(path, allow_pickle=False) as data:
            rows = data["rows"]
            # bucket → row of the weight tables; row 0 (all zeros) for buckets never seen in training
            self.row_of = np.zeros(BUCKETS, dtype=np.int32)
            self.row_of[rows] = np.arange(1, len(rows) + 1, dtype=np.int32)
            self.hidden_weights = _with_zero_row(data["hidden_weights"])  # int8, times hidden_scale
            self.hidden_scale = data["hidden_scale"].astype(np.float32)
            self.hidden_bias = data["hidden_bias"].astype(np.float32)
            self.output_weights = data["output_weights"].astype(np.float32)
            self.output_bias = data["output_bias"].astype(np.float32)
            self.category_weights = _with_zero_row(data["category_weights"])
            self.category_bias = data["category_bias"].astype(np.float32)
            self.raise_high = float(data["raise_high"])  # P(high) + P(imminent) to raise to high
            # the same, when the rules found risk words and set them aside (negated, past, quoted…)
            self.raise_high_discounted = float(data["raise_high_discounted"])
            self.raise_imminent = float(data["raise_imminent"])  # P(imminent) to raise to imminent
            self.raise_low = float(data["raise_low"])  # P(low or above) to raise none to low
            # P(none) + P(low) to lower the rules' `high` to `low` (weights files from before the
            # third round have none: they never lower)
            self.lower_high = float(data["lower_high"]) if "lower_high" in data.files else 1.1
            self.version = str(data["version"])
        self.path = path

    def _read(self, text: str):
        buckets, values, readable = features(text)
        rows = self.row_of[buckets]
        hidden = np.tanh((values @ self.hidden_weights[rows].astype(np.float32)) * self.hidden_scale
                         + self.hidden_bias)
        logits = hidden @ self.output_weights + self.output_bias
        probabilities = np.exp(logits - logits.max())
        return probabilities / probabilities.sum(), rows, values, hidden, readable

    def probabilities(self, text: str) -> np.ndarray:
        """P(none), P(low), P(high), P(imminent) for one normalised window of text."""
        return self._read(text)[0]

    def judge(self, text: str, *, discounted: bool = False) -> Verdict:
        """The model's level for a normalised text (already thresholded), its probabilities,
        its category and a readable reason. `discounted`: the rules found risk words and set
        them aside, so the model needs to be surer."""
        best = None
        for window in windows(text):
            found = self._read(window)
            if best is None or found[0][2] + found[0][3] > best[0][2] + best[0][3]:
                best = found
        probabilities, rows, values, hidden, readable = best
        risk, imminent = float(probabilities[2] + probabilities[3]), float(probabilities[3])
        if risk >= (self.raise_high_discounted if discounted else self.raise_high):
            level = "imminent" if imminent >= self.raise_imminent else "high"
        elif float(probabilities[1:].sum()) >= self.raise_low:
            level = "low"
        else:
            level = "none"
        category_logits = values @ self.category_weights[rows].astype(np.float32) + self.category_bias
        category = CATEGORIES[int(np.argmax(category_logits))]
        shown = {name: round(float(p), 3) for name, p in zip(LEVELS, probabilities, strict=True)}
        reason = self._reason(level, probabilities, hidden, readable) if level != "none" else ""
        return Verdict(level, shown, category, reason, 1 - risk >= self.lower_high)

    def _reason(self, level: str, probabilities: np.ndarray, hidden: np.ndarray, readable) -> str:
        """The word n-grams that pushed most towards the level (gradient times input)."""
        target = LEVELS.index(level)
        toward = self.output_weights[:, target] - self.output_weights.mean(axis=1)
        slope = (1 - hidden * hidden) * toward  # d logit(target) / d hidden pre-activation
        slope = slope * self.hidden_scale
        scored = sorted(((float(self.hidden_weights[self.row_of[b]].astype(np.float32) @ slope), words)
                         for words, b in readable), reverse=True)
        picked: list[str] = []
        for score, words in scored:
            if score <= 0 or len(picked) == 3:
                break
            if all(word in _PLAIN for word in words.split()) or any(words in other or other in words
                                                                      for other in picked):
                continue
            picked.append(words)
        share = probabilities[target:].sum()  # how sure it is that the text is at least this serious
        return f"learned model ({share:.0%}): " + ", ".join(picked) if picked else f"learned model ({share:.0%})"


def _with_zero_row(table: np.ndarray) -> np.ndarray:
    return np.vstack([np.zeros((1, table.shape[1]), dtype=table.dtype), table])


_loaded: dict[str, Model | None] = {}
_lock = threading.Lock()


def configured() -> str:
    """The setting as written: "on", "off" or a weights file's path."""
    try:
        from django.conf import settings

        if settings.configured:
            return str(getattr(settings, SETTING, "off") or "off").strip()
    except ImportError:  # pragma: no cover - Django is a dependency; screening also runs without setup
        pass
    return os.environ.get(SETTING, "off").strip() or "off"


def active() -> Model | None:
    """The model to use now, or None: switched off, or no weights file (rules alone then)."""
    setting = configured()
    if setting.lower() in ("off", "0", "false", "no", "none", ""):
        return None
    path = str(WEIGHTS) if setting.lower() in ("on", "1", "true", "yes") else setting
    model = _loaded.get(path, False)
    if model is False:
        with _lock:
            model = _loaded.get(path, False)
            if model is False:
                model = _load(Path(path).expanduser())
                _loaded[path] = model
    return model


def _load(path: Path) -> Model | None:
    if not path.is_file():
        log.warning("Screening model %s not found: screening with the rules alone.", path)
        return None
    return Model(path)
