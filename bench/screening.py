"""Crisis screening: accuracy on the labelled evaluation set, and speed on one core.

    .venv/bin/python bench/screening.py            # the whole evaluation set, 20 000 timed messages
    .venv/bin/python bench/screening.py --quick    # 2 000 timed messages, for CI
    .venv/bin/python bench/screening.py --misses   # also list every message screened at the wrong level

Reads peercircle/safety/data/screening_eval.jsonl (`--eval FILE` for another set), screens each
message, and reports per-level precision and recall, the confusion matrix (rows: the label,
columns: the screener), recall of high and imminent taken together, the share of `none`
messages raised to high or above, imminent recall and category agreement, and the share of calm
messages (labelled none or low) screened high or above: on `screening_everyday.jsonl`, a set of
ordinary peer-support messages, that is the everyday false-alarm rate. Then it times
`screen` message by message in this one process (one core) over the set, round after round,
and reports throughput and p50/p95/p99 per message. No database, no Django.
Prints one JSON object as its last line.
"""

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATA = ROOT / "peercircle" / "safety" / "data"
EVAL = DATA / "screening_eval.jsonl"
# Written later than the main set, each after the rules of its time were frozen (see docs/safety.md).
HELD_OUT = ("screening_eval_unseen.jsonl", "screening_eval_holdout.jsonl", "screening_eval_fresh.jsonl",
            "screening_eval_blind.jsonl", "screening_eval_blind2.jsonl", "screening_everyday.jsonl",
            "screening_eval_blind3.jsonl", "screening_everyday2.jsonl", "screening_eval_blind4.jsonl",
            "screening_everyday3.jsonl", "screening_eval_blind5.jsonl", "screening_everyday4.jsonl")
LEVELS = ("none", "low", "high", "imminent")
TARGETS = {"recall_high_or_imminent": 0.95, "none_raised_to_high_share": 0.10, "imminent_recall": 0.90}


def accuracy(rows, screen, show_misses: bool) -> dict:
    matrix = {label: dict.fromkeys(LEVELS, 0) for label in LEVELS}
    category_hits = category_total = 0
    for row in rows:
        result = screen(row["text"], lang=row["lang"])
        matrix[row["level"]][result.level] += 1
        if row["level"] in ("high", "imminent"):
            category_total += 1
            category_hits += bool(set(row["categories"]) & set(result.categories))
        if show_misses and result.level != row["level"]:
            print(f"MISS {row['id']}: want {row['level']}, got {result.level} {result.reasons} :: {row['text']}")
    per_level = {}
    for level in LEVELS:
        predicted = sum(matrix[label][level] for label in LEVELS)
        actual = sum(matrix[level].values())
        right = matrix[level][level]
        per_level[level] = {"precision": round(right / predicted, 3) if predicted else None,
                            "recall": round(right / actual, 3) if actual else None, "n": actual}
    serious = [label for label in ("high", "imminent")]
    serious_total = sum(sum(matrix[label].values()) for label in serious)
    serious_caught = sum(matrix[label][got] for label in serious for got in serious)
    none_total = sum(matrix["none"].values())
    calm_total = none_total + sum(matrix["low"].values())
    calm_raised = sum(matrix[label][got] for label in ("none", "low") for got in ("high", "imminent"))
    figures = {
        "messages": len(rows),
        "accuracy": round(sum(matrix[level][level] for level in LEVELS) / len(rows), 3),
        "per_level": per_level,
        "confusion": matrix,
        "recall_high_or_imminent": round(serious_caught / serious_total, 3) if serious_total else None,
        "none_raised_to_high_share": round((matrix["none"]["high"] + matrix["none"]["imminent"]) / none_total, 3)
        if none_total else None,
        # the everyday false-alarm rate on screening_everyday.jsonl: calm messages that would open an alert
        "calm_raised_to_high_share": round(calm_raised / calm_total, 3) if calm_total else None,
        "imminent_recall": per_level["imminent"]["recall"],
        "category_agreement_high_or_imminent": round(category_hits / category_total, 3) if category_total else None,
    }
    if not serious_total:  # a set of calm messages only (the everyday set): no recall targets
        figures["targets_met"] = None
        return figures
    figures["targets_met"] = (figures["recall_high_or_imminent"] >= TARGETS["recall_high_or_imminent"]
                              and figures["none_raised_to_high_share"] <= TARGETS["none_raised_to_high_share"]
                              and figures["imminent_recall"] >= TARGETS["imminent_recall"])
    return figures


def speed(rows, screen, messages: int) -> dict:
    for row in rows:  # warm up: the first call compiles nothing, but caches settle
        screen(row["text"], lang=row["lang"])
    timings = []
    started = time.perf_counter()
    while len(timings) < messages:
        for row in rows:
            begin = time.perf_counter()
            screen(row["text"], lang=row["lang"])
            timings.append(time.perf_counter() - begin)
            if len(timings) >= messages:
                break
    elapsed = time.perf_counter() - started
    cuts = statistics.quantiles(timings, n=100)
    return {"timed_messages": len(timings), "msgs_per_s": round(len(timings) / elapsed),
            "p50_ms": round(cuts[49] * 1000, 3), "p95_ms": round(cuts[94] * 1000, 3),
            "p99_ms": round(cuts[98] * 1000, 3), "max_ms": round(max(timings) * 1000, 3)}


def demo_texts() -> list[str]:
    """Every string of 40 characters or more in the demo's modules, core/demo*.py (adjacent
    literals joined, as Python joins them), but for demo_safety.py, whose posts are written to
    open safety alerts: the posts, stories, profiles and descriptions a newcomer reads first. The
    rules raise one of them, the forum post written to wait for a moderator ("Question about
    mixing"); none of the others is meant to need a person. (Texts the demo composes, such as a
    story's title above its body, are read in parts.)"""
    import ast

    texts = []
    for module in sorted((ROOT / "peercircle" / "core").glob("demo*.py")):
        if module.name == "demo_safety.py":
            continue
        tree = ast.parse(module.read_text())
        texts += [node.value for node in ast.walk(tree)
                  if isinstance(node, ast.Constant) and isinstance(node.value, str)]
    return list(dict.fromkeys(text for text in texts if len(text) >= 40))


def demo_alarms(screen) -> dict:
    texts = demo_texts()
    raised = []
    for text in texts:
        result = screen(text, lang="en")
        if result.level in ("high", "imminent"):
            raised.append(text)
            print(f"RAISED {result.level} {result.reasons[:2]} :: {text[:120]}", file=sys.stderr)
    return {"benchmark": "screening-demo", "texts": len(texts), "raised_to_high": len(raised),
            "raised_to_high_share": round(len(raised) / len(texts), 4) if texts else 0.0}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="time 2 000 messages instead of 20 000")
    parser.add_argument("--eval", type=Path, default=EVAL, help="a JSON lines file of labelled messages")
    parser.add_argument("--misses", action="store_true", help="list messages screened at the wrong level")
    parser.add_argument("--demo", action="store_true",
                        help="only screen the demo data's texts, all meant as calm, and list those raised to high+")
    args = parser.parse_args()
    from peercircle.safety.screening import screen

    if args.demo:
        print(json.dumps(demo_alarms(screen)))
        return

    rows = [json.loads(line) for line in args.eval.read_text().splitlines() if line.strip()]
    figures = {"benchmark": "screening", **accuracy(rows, screen, args.misses)}
    if args.eval == EVAL:
        figures["later_sets"] = {}
        for name in HELD_OUT:
            later = [json.loads(line) for line in (DATA / name).read_text().splitlines() if line.strip()]
            found = accuracy(later, screen, args.misses)
            figures["later_sets"][name] = {key: found[key] for key in (
                "messages", "accuracy", "recall_high_or_imminent", "none_raised_to_high_share", "imminent_recall",
                "calm_raised_to_high_share")}
    figures.update(speed(rows, screen, 2_000 if args.quick else 20_000))
    for level in LEVELS:
        cells = " ".join(f"{figures['confusion'][level][got]:>8}" for got in LEVELS)
        print(f"{level:>9} {cells}", file=sys.stderr)
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
