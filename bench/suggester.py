"""Experience suggester accuracy and speed on the evaluation set of stories in plain words.

    .venv/bin/python bench/suggester.py                      # every story, the lexical backend
    .venv/bin/python bench/suggester.py --backend semantic   # needs pip install ".[semantic]"
    .venv/bin/python bench/suggester.py --backend all        # both, side by side
    .venv/bin/python bench/suggester.py --quick              # the first 40, for CI

Reads peercircle/experiences/data/eval_stories.jsonl (stories in English and Spanish with the
codes a person would choose; `--stories FILE` for another set, such as eval_stories_unseen.jsonl:
60 stories written after the story words and the Spanish gloss were frozen, never tuned on), asks
`experiences.suggest.suggest` for each, and reports top-1 (the first suggestion is one of the
expected experience codes) and top-3 (one of the first three is) accuracy, overall and per
language, and the time per suggestion. For the semantic backend it also reports what the first
suggestion of a process costs (loading the model, embedding the taxonomy). Builds a throwaway
SQLite database for the taxonomy. Prints one JSON object as its last line.

`--backend all` skips the semantic backend, saying so, where the extra is not installed.
"""

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
STORIES = ROOT / "peercircle" / "experiences" / "data" / "eval_stories.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="the first 40 stories")
    parser.add_argument("--backend", default="lexical", choices=["lexical", "semantic", "all"])
    parser.add_argument("--stories", type=Path, default=STORIES, help="a JSON lines file of stories")
    parser.add_argument("--misses", action="store_true", help="list the stories missed at top-3")
    args = parser.parse_args()

    os.environ.pop("DATABASE_URL", None)
    os.environ["PEERCIRCLE_DATA_DIR"] = tempfile.mkdtemp(prefix="peercircle-bench-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)

    stories = [json.loads(line) for line in args.stories.read_text().splitlines() if line.strip()]
    if args.quick:
        stories = stories[:40]
    if args.backend != "all":
        figures = {"benchmark": "suggester", **measure(args.backend, stories, args.misses)}
    else:
        from peercircle.experiences import embeddings

        figures = {"benchmark": "suggester", "stories": len(stories),
                   "lexical": measure("lexical", stories, args.misses)}
        if embeddings.available():
            figures["semantic"] = measure("semantic", stories, args.misses)
        else:
            figures["semantic"] = {"skipped": 'the semantic extra is not installed: pip install ".[semantic]"'}
    print(json.dumps(figures))


def measure(backend: str, stories: list[dict], show_misses: bool) -> dict:
    from peercircle.experiences.suggest import prepare_backend, suggest

    start = time.perf_counter()
    prepare_backend(backend)
    first_ms = (time.perf_counter() - start) * 1000
    hits = {"top1": [], "top3": []}
    by_lang: dict[str, dict[str, list[bool]]] = {}
    timings, misses = [], []
    for story in stories:
        start = time.perf_counter()
        found = suggest(story["text"], lang=story["lang"], backend=backend)
        timings.append((time.perf_counter() - start) * 1000)
        ranked = [s.code for s in found.experiences]
        expected = set(story["experiences"])
        top1, top3 = bool(ranked[:1] and ranked[0] in expected), bool(expected & set(ranked[:3]))
        for name, hit in (("top1", top1), ("top3", top3)):
            hits[name].append(hit)
            by_lang.setdefault(story["lang"], {"top1": [], "top3": []})[name].append(hit)
        if not top3:
            misses.append((backend, story["id"], story["text"], sorted(expected), ranked[:3]))
    if show_misses:
        for miss in misses:
            print(*miss, sep=" | ", file=sys.stderr)
    figures = {
        "backend": backend,
        "stories": len(stories),
        "top1_accuracy": round(sum(hits["top1"]) / len(stories), 3),
        "top3_accuracy": round(sum(hits["top3"]) / len(stories), 3),
        "by_language": {lang: {name: round(sum(values) / len(values), 3) for name, values in result.items()}
                        for lang, result in sorted(by_lang.items())},
        "p50_ms": round(statistics.median(timings), 2),
        "p95_ms": round(sorted(timings)[int(0.95 * (len(timings) - 1))], 2),
    }
    if backend == "semantic":
        figures["first_call_ms"] = round(first_ms)  # model load and taxonomy embedding (or its cache)
    return figures


if __name__ == "__main__":
    main()
