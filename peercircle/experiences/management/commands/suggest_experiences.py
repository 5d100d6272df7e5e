"""`peercircle suggest-experiences`: JSON lines in, ranked taxonomy codes out.

    echo '{"id": 1, "text": "mum passed in March and the house is so quiet", "lang": "en"}' \\
        | peercircle suggest-experiences

Each input line `{"id": ..., "text": ..., "lang": "en"}` gives one output line
`{"id": ..., "experiences": [{"code": ..., "score": ...}, ...], "communities": [...]}`, best
first. A line that cannot be read gives `{"id": ..., "error": "..."}` and the rest go on.

`--backend lexical|semantic` (default: PEERCIRCLE_SUGGEST_BACKEND). A backend that cannot run
here (the semantic extra not installed, its model missing) stops the command before it reads
anything, with the reason on standard error and exit status 1.
"""

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from peercircle.experiences.suggest import BACKENDS, LIMIT, SuggesterError, prepare_backend, suggest


class Command(BaseCommand):
    help = "Suggest experience and community codes for JSON lines of text read on standard input."

    def add_arguments(self, parser):
        parser.add_argument("--backend", choices=BACKENDS, default=None,
                            help="lexical or semantic (default: PEERCIRCLE_SUGGEST_BACKEND)")
        parser.add_argument("--limit", type=int, default=LIMIT, help="codes of each kind, at most")

    def handle(self, *args, backend, limit, **options):
        try:  # a backend that cannot run says so before any line is read
            backend = prepare_backend(backend)
        except SuggesterError as error:
            raise CommandError(str(error)) from error
        out = self.stdout
        for number, line in enumerate(sys.stdin, start=1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
                if not isinstance(item, dict) or not isinstance(item.get("text"), str):
                    raise ValueError("each line needs a JSON object with a \"text\"")
            except ValueError as error:
                out.write(json.dumps({"line": number, "error": f"Line {number} could not be read: {error}"}))
                continue
            try:
                found = suggest(item["text"], lang=item.get("lang"), backend=backend, limit=limit)
            except SuggesterError as error:
                out.write(json.dumps({"id": item.get("id"), "error": str(error)}))
                continue
            out.write(json.dumps({
                "id": item.get("id"),
                "experiences": [{"code": s.code, "score": round(s.score, 3)} for s in found.experiences],
                "communities": [{"code": s.code, "score": round(s.score, 3)} for s in found.communities],
            }, ensure_ascii=False))
