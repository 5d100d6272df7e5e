"""Rendered fragments of pages, kept by what they show.

A fragment is cached under a digest of every value it renders (with the language and the time
zone), never under "who asked" or a version number: two people get the same copy only when
they would have rendered the same HTML, and a change to anything shown makes a new key, so
nothing is stale and nothing needs clearing. That is also why the cache ("fragments" in
settings.CACHES) is each process's own memory, even where Redis is configured.

Use it for parts of a page that many people see alike and that cost most of its rendering
(a space's thread list, the site's navigation) — never for anything with a form's CSRF token.
In a template: `{% cache 600 name key using="fragments" %}…{% endcache %}` with `key` from
`fragment_key(...)` (or, for the site's chrome, the few plain values it depends on: the
language, signed in or not), and nothing used inside the block that the key doesn't cover.
"""

import hashlib

from django.utils.translation import get_language


def fragment_key(*parts) -> str:
    """A digest of the values a fragment shows, and the language it is shown in."""
    return hashlib.blake2b(repr((get_language(),) + parts).encode(), digest_size=20).hexdigest()
