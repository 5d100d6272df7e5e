"""`peercircle screen`: JSON lines in, one screening result per line out, in order.

    echo '{"id": 1, "text": "I wish I could sleep and not wake up", "lang": "en"}' | peercircle screen

Each input line `{"id": ..., "text": ..., "lang": "en"}` gives one output line
`{"id": ..., "level": ..., "categories": [...], "reasons": [...]}`. A line that cannot be read
gives `{"id": ..., "error": "..."}` (the id when it could be found, else the line number under
"line") and the rest go on. Blank lines are skipped. `lang` defaults to English.
"""

import json
import sys

from django.core.management.base import BaseCommand

from peercircle.safety.screening import screen


def _id_of(line: str):
    try:
        item = json.loads(line)
    except ValueError:
        return None
    return item.get("id") if isinstance(item, dict) else None


class Command(BaseCommand):
    help = "Screen JSON lines of text read on standard input for crisis risk; one JSON line out per line in."

    def handle(self, *args, **options):
        out = self.stdout
        for number, line in enumerate(sys.stdin, start=1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
                if not isinstance(item, dict) or not isinstance(item.get("text"), str):
                    raise ValueError("each line needs a JSON object with a \"text\" string")
                lang = item.get("lang") or "en"
                if not isinstance(lang, str):
                    raise ValueError("\"lang\" must be a language code such as \"en\" or \"es\"")
            except ValueError as error:
                out.write(json.dumps({"id": _id_of(line), "line": number,
                                      "error": f"Line {number} could not be read: {error}"}))
                continue
            result = screen(item["text"], lang=lang)
            out.write(json.dumps({"id": item.get("id"), "level": result.level, "categories": result.categories,
                                  "reasons": result.reasons}, ensure_ascii=False))
