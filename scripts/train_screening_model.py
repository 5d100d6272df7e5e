"""Train the screener's optional learned layer: peercircle/safety/data/screening_model.npz.

    .venv/bin/python scripts/train_screening_model.py                # train from screening_train.jsonl
    .venv/bin/python scripts/train_screening_model.py --rebuild-data # first regenerate the templated rows

Deterministic: the same training file gives the same weights file (seeded, single-threaded,
no randomness in the optimiser).

1. Data: `peercircle/safety/data/screening_train.jsonl`. Rows with source "written" are written
   by hand; `--rebuild-data` regenerates the others (templates and variants, see
   scripts/screening_templates.py) and drops any row too close to a message of an evaluation set
   (`screening_eval*.jsonl`), so that no evaluation message is trained on.
2. Features: `peercircle.safety.screening.model.features` over `normalize(text)`, the same code the
   screener runs.
3. Two heads, fitted with scipy's L-BFGS, classes weighted to count equally, L2 penalty: the
   level (none/low/high/imminent) with one hidden layer of 32 tanh units from a seeded start,
   and the category (rows that have one), multinomial logistic regression.
4. Thresholds: five folds of the training rows, grouped so that a template frame, or a written
   message and its variants, are never on both sides; every row is predicted by the model trained
   on the other folds; the rules run on every row; then thresholds are chosen on those held-out
   predictions: the pair for raising to high (one for texts where the rules found risk words and
   set them aside — negated, distant past, quoted, educational, a joke — one for the others) with
   the best recall of high and imminent, and the lowest others, such that the model's raises add
   at most, to what the rules alone do: none raised to high or above 5 points, low raised to high
   or above 12 points, high raised to imminent 6 points, none or low raised to imminent 1 point,
   none raised to low 5 points. No evaluation set is read for this.
5. The final model is trained on every row and written with its thresholds.
Prints the held-out figures and one JSON object as its last line.
"""

from __future__ import annotations

import argparse
import difflib
import hashlib
import json
import os
import sys
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np  # noqa: E402
from scipy import optimize, sparse  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))
os.environ["PEERCIRCLE_SCREENING_MODEL"] = "off"  # the rules alone while training

from peercircle.safety.screening import rules_verdict  # noqa: E402
from peercircle.safety.screening.model import BUCKETS, CATEGORIES, LEVELS, features  # noqa: E402
from peercircle.safety.screening.normalize import normalize  # noqa: E402

DATA = ROOT / "peercircle" / "safety" / "data"
TRAIN = DATA / "screening_train.jsonl"
OUT = DATA / "screening_model.npz"
FOLDS = 5
SEED = 20261129
HIDDEN = 32
MAX_ITERATIONS = 400
L2_LEVEL = 0.1
L2_CATEGORY = 1.0
BUDGETS = {"none_to_high": 0.05, "low_to_high": 0.12, "high_to_imminent": 0.06, "calm_to_imminent": 0.01,
           "none_to_low": 0.05}
RANK = {level: rank for rank, level in enumerate(LEVELS)}


def read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def rebuild_data() -> None:
    import screening_templates

    rows = read(TRAIN)
    written = [row for row in rows if row["source"] == "written"]
    generated = screening_templates.build(written)
    evaluation = [normalize(row["text"]) for path in sorted(DATA.glob("screening_eval*.jsonl")) for row in read(path)]
    seen = {normalize(row["text"]) for row in written}
    kept, dropped = [], 0
    for row in generated:
        text = normalize(row["text"])
        if text in seen or _near(text, evaluation):
            dropped += 1
            continue
        seen.add(text)
        kept.append(row)
    close_written = [row["id"] for row in written if _near(normalize(row["text"]), evaluation)]
    if close_written:
        sys.exit(f"written rows too close to an evaluation message, rewrite them: {close_written}")
    for number, row in enumerate(kept, 1):
        row["id"] = f"g-{row['lang']}-{row['level']}-{number:04d}"
    with TRAIN.open("w") as out:
        for row in written + kept:
            out.write(json.dumps({key: row[key] for key in ("id", "text", "lang", "level", "categories", "source",
                                                            "group")}, ensure_ascii=False) + "\n")
    print(f"{len(written)} written, {len(kept)} generated ({dropped} dropped: duplicates or close to an "
          f"evaluation message)", file=sys.stderr)


def _near(text: str, others: list[str]) -> bool:
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(text)
    for other in others:
        matcher.set_seq1(other)
        if matcher.real_quick_ratio() > 0.85 and matcher.quick_ratio() > 0.85 and matcher.ratio() > 0.85:
            return True
    return False


def matrix(rows: list[dict]) -> tuple[sparse.csr_matrix, np.ndarray]:
    """Rows × used buckets, and the buckets in column order."""
    indptr, indices, values = [0], [], []
    for row in rows:
        buckets, vals, _ = features(normalize(row["text"]))
        indices.append(buckets)
        values.append(vals)
        indptr.append(indptr[-1] + len(buckets))
    indices, values = np.concatenate(indices), np.concatenate(values)
    used, columns = np.unique(indices, return_inverse=True)
    x = sparse.csr_matrix((values, columns, np.asarray(indptr)), shape=(len(rows), len(used)))
    x.sum_duplicates()
    return x, used


def fit(x: sparse.csr_matrix, y: np.ndarray, classes: int, l2: float) -> tuple[np.ndarray, np.ndarray]:
    """Multinomial logistic regression, classes weighted equally, L2 on the weights (not the bias)."""
    n, d = x.shape
    counts = np.bincount(y, minlength=classes).astype(float)
    sample = (n / (classes * np.maximum(counts, 1)))[y]
    onehot = np.zeros((n, classes))
    onehot[np.arange(n), y] = 1.0
    xt = x.T.tocsr()

    def loss(params):
        w, b = params[:d * classes].reshape(d, classes), params[d * classes:]
        z = x @ w + b
        z -= z.max(axis=1, keepdims=True)
        log_p = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
        value = -(sample * (log_p * onehot).sum(axis=1)).sum() + 0.5 * l2 * (w * w).sum()
        residual = (np.exp(log_p) - onehot) * sample[:, None]
        grad_w = xt @ residual + l2 * w
        return value, np.concatenate([grad_w.ravel(), residual.sum(axis=0)])

    start = np.zeros(d * classes + classes)
    found = optimize.minimize(loss, start, jac=True, method="L-BFGS-B", options={"maxiter": 2000, "gtol": 1e-6})
    return found.x[:d * classes].reshape(d, classes), found.x[d * classes:]


def fit_hidden(x: sparse.csr_matrix, y: np.ndarray, classes: int, l2: float):
    """One hidden layer of HIDDEN tanh units, then softmax; classes weighted equally; L2 on the
    weights. Full-batch L-BFGS from a seeded start, so the same data gives the same weights."""
    n, d = x.shape
    counts = np.bincount(y, minlength=classes).astype(float)
    sample = (n / (classes * np.maximum(counts, 1)))[y]
    onehot = np.zeros((n, classes))
    onehot[np.arange(n), y] = 1.0
    xt = x.T.tocsr()
    rng = np.random.default_rng(SEED)
    sizes = (d * HIDDEN, HIDDEN, HIDDEN * classes, classes)
    start = np.concatenate([rng.normal(0, 0.1, sizes[0]), np.zeros(HIDDEN), rng.normal(0, 0.1, sizes[2]),
                            np.zeros(classes)])

    def unpack(params):
        w1, b1, w2, b2 = np.split(params, np.cumsum(sizes)[:-1])
        return w1.reshape(d, HIDDEN), b1, w2.reshape(HIDDEN, classes), b2

    def loss(params):
        w1, b1, w2, b2 = unpack(params)
        hidden = np.tanh(x @ w1 + b1)
        z = hidden @ w2 + b2
        z -= z.max(axis=1, keepdims=True)
        log_p = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
        value = -(sample * (log_p * onehot).sum(axis=1)).sum() + 0.5 * l2 * ((w1 * w1).sum() + (w2 * w2).sum())
        residual = (np.exp(log_p) - onehot) * sample[:, None]
        back = (residual @ w2.T) * (1 - hidden * hidden)
        return value, np.concatenate([(xt @ back + l2 * w1).ravel(), back.sum(axis=0),
                                      (hidden.T @ residual + l2 * w2).ravel(), residual.sum(axis=0)])

    found = optimize.minimize(loss, start, jac=True, method="L-BFGS-B", options={"maxiter": MAX_ITERATIONS})
    return unpack(found.x)


def predict_hidden(x, w1, b1, w2, b2) -> np.ndarray:
    z = np.tanh(x @ w1 + b1) @ w2 + b2
    z -= z.max(axis=1, keepdims=True)
    p = np.exp(z)
    return p / p.sum(axis=1, keepdims=True)


def predict(x, w, b) -> np.ndarray:
    z = x @ w + b
    z -= z.max(axis=1, keepdims=True)
    p = np.exp(z)
    return p / p.sum(axis=1, keepdims=True)


def fold_of(group: str) -> int:
    return int(hashlib.sha256(group.encode()).hexdigest(), 16) % FOLDS


def combined(rules: np.ndarray, discounted: np.ndarray, p: np.ndarray, high: float, high_discounted: float,
             imminent: float, low: float) -> np.ndarray:
    """What the screener gives (level ranks) with these thresholds: the rules, raised by the model."""
    risk = p[:, 2] + p[:, 3]
    model = np.where(risk >= np.where(discounted, high_discounted, high), np.where(p[:, 3] >= imminent, 3, 2),
                     np.where(p[:, 1:].sum(axis=1) >= low, 1, 0))
    return np.maximum(rules, model)


def rates(labels: np.ndarray, levels: np.ndarray) -> dict:
    def share(wanted, got):
        rows = np.isin(labels, wanted)
        return float(np.isin(levels[rows], got).mean()) if rows.any() else 0.0

    return {"recall_high_or_imminent": share([2, 3], [2, 3]), "imminent_recall": share([3], [3]),
            "none_to_high": share([0], [2, 3]), "low_to_high": share([1], [2, 3]), "high_to_imminent": share([2], [3]),
            "calm_to_imminent": share([0, 1], [3]), "none_to_low": share([0], [1]),
            "accuracy": float((labels == levels).mean())}


def thresholds(labels, rules, discounted, oof) -> dict:
    """The lowest thresholds whose raises add no more than the budgets to what the rules alone do
    (for raising to high: the pair, for texts the rules set aside or not, with the best recall)."""
    base = rates(labels, rules)
    grid = [round(float(t), 3) for t in np.arange(0.20, 0.991, 0.01)]

    def within(found, keys):
        return all(found[k] - base[k] <= BUDGETS[k] + 1e-9 for k in keys)

    best = (-1.0, 0.99, 0.99)
    for high in grid:
        for high_discounted in grid:
            if high_discounted < high:
                continue
            found = rates(labels, combined(rules, discounted, oof, high, high_discounted, 1.1, 1.1))
            if within(found, ("none_to_high", "low_to_high")) and found["recall_high_or_imminent"] > best[0]:
                best = (found["recall_high_or_imminent"], high, high_discounted)
    _, high, high_discounted = best
    imminent = next((t for t in grid if within(
        rates(labels, combined(rules, discounted, oof, high, high_discounted, t, 1.1)),
        ("high_to_imminent", "calm_to_imminent"))), 0.99)
    low = next((t for t in grid if within(
        rates(labels, combined(rules, discounted, oof, high, high_discounted, imminent, t)), ("none_to_low",))), 0.99)
    return {"raise_high": high, "raise_high_discounted": high_discounted, "raise_imminent": imminent, "raise_low": low}


def quantize(weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Eight bits per weight, one scale per hidden unit: half the size of float16, and the
    probabilities move by far less than the thresholds' steps."""
    scale = np.maximum(np.abs(weights).max(axis=0), 1e-12) / 127
    return np.round(weights / scale).astype(np.int8), scale.astype(np.float32)


def save(path: Path, **arrays) -> None:
    """Like numpy.savez_compressed, with fixed dates in the zip so the file's bytes repeat."""
    import io
    import zipfile

    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, array in arrays.items():
            buffer = io.BytesIO()
            np.lib.format.write_array(buffer, np.asarray(array), allow_pickle=False)
            info = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, buffer.getvalue())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rebuild-data", action="store_true", help="regenerate the templated rows first")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    if args.rebuild_data:
        rebuild_data()

    rows = read(TRAIN)
    x, used = matrix(rows)
    y = np.array([RANK[row["level"]] for row in rows])
    verdicts = [rules_verdict(row["text"], lang=row["lang"]) for row in rows]
    rules = np.array([RANK[result.level] for result, _ in verdicts])
    discounted = np.array([flag for _, flag in verdicts])
    folds = np.array([fold_of(row["group"]) for row in rows])
    oof = np.zeros((len(rows), len(LEVELS)))
    for fold in range(FOLDS):
        train, held = folds != fold, folds == fold
        oof[held] = predict_hidden(x[held], *fit_hidden(x[train], y[train], len(LEVELS), L2_LEVEL))
    chosen = thresholds(y, rules, discounted, oof)
    held_out = {"rules_alone": rates(y, rules),
                "model_alone": rates(y, combined(np.zeros_like(rules), discounted, oof, *chosen.values())),
                "rules_and_model": rates(y, combined(rules, discounted, oof, *chosen.values()))}

    w1, b1, w2, b2 = fit_hidden(x, y, len(LEVELS), L2_LEVEL)
    with_category = [i for i, row in enumerate(rows) if row["categories"]]
    yc = np.array([CATEGORIES.index(rows[i]["categories"][0]) for i in with_category])
    wc, bc = fit(x[with_category], yc, len(CATEGORIES), L2_CATEGORY)
    version = hashlib.sha256(TRAIN.read_bytes()).hexdigest()[:12]
    hidden_weights, hidden_scale = quantize(w1)
    save(args.out, rows=used.astype(np.int32), hidden_weights=hidden_weights, hidden_scale=hidden_scale,
         hidden_bias=b1.astype(np.float32),
         output_weights=w2.astype(np.float32), output_bias=b2.astype(np.float32),
         category_weights=wc.astype(np.float16), category_bias=bc.astype(np.float32),
         version=np.array(f"train-{version}"), **{k: np.array(v) for k, v in chosen.items()})
    figures = {"rows": len(rows), "features_used": int(len(used)), "buckets": BUCKETS, "folds": FOLDS,
               "hidden": HIDDEN, "l2": L2_LEVEL,
               "thresholds": chosen, "budgets": BUDGETS, "version": f"train-{version}",
               "held_out_folds": {k: {m: round(v, 3) for m, v in r.items()} for k, r in held_out.items()},
               "weights_bytes": args.out.stat().st_size}
    for name, found in figures["held_out_folds"].items():
        print(f"{name:>16}: {found}", file=sys.stderr)
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
