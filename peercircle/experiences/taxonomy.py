"""Load the bundled taxonomy (data/taxonomy.json) into the database.

Runs after every migrate, so a new install and the test database always have it. Codes are
matched, never renamed; labels, descriptions and synonyms are refreshed; codes dropped from
the file are deactivated, not deleted, because people's records point at them.
"""

import json
from functools import lru_cache
from pathlib import Path

from django.db import transaction

TAXONOMY_FILE = Path(__file__).parent / "data" / "taxonomy.json"


@lru_cache(maxsize=1)
def load_file() -> dict:
    return json.loads(TAXONOMY_FILE.read_text(encoding="utf-8"))


@transaction.atomic
def taxonomy_sync() -> dict[str, int]:
    from peercircle.experiences.models import TaxonomyNode

    data = load_file()
    existing = {node.code: node for node in TaxonomyNode.objects.all()}
    created = updated = 0
    seen = set()
    for order, item in enumerate(data["nodes"]):
        code = item["code"]
        seen.add(code)
        values = {
            "parent": existing.get(item["parent"]) if item.get("parent") else None,
            "kind": item["kind"],
            "label_en": item["label"]["en"],
            "label_es": item["label"].get("es", ""),
            "description_en": item.get("description", {}).get("en", ""),
            "description_es": item.get("description", {}).get("es", ""),
            "synonyms_en": item.get("synonyms", {}).get("en", []),
            "synonyms_es": item.get("synonyms", {}).get("es", []),
            "sort_order": order,
            "is_active": True,
        }
        node = existing.get(code)
        if node is None:
            existing[code] = TaxonomyNode.objects.create(code=code, **values)
            created += 1
            continue
        changed = [name for name, value in values.items() if getattr(node, name) != value]
        if changed:
            for name in changed:
                setattr(node, name, values[name])
            node.save(update_fields=changed)
            updated += 1
    retired = TaxonomyNode.objects.exclude(code__in=seen).filter(is_active=True).update(is_active=False)
    from peercircle.experiences.lexicon import reset_cache  # reads the models

    transaction.on_commit(reset_cache)
    return {"created": created, "updated": updated, "retired": retired}
