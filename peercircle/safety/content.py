"""Content that other apps store and the safety app moderates (forum posts now; direct and
chat messages later). Each app registers how to treat its content, so reports, alerts and the
moderation pages work the same for every kind without the safety app importing them.

`can_report(user, obj)`: the person can see it and didn't write it.
`organization_id(obj)`: whose moderators handle it (the space's host organization, …).
`can_moderate(user, obj)`: the person moderates where it was written.
`shown_author(obj)`: the name readers see (a pseudonym stays a pseudonym).
`describe(obj, viewer)`: {"title", "url", "html", "recent": [(name, html), …]} for moderators:
  what was written, where, and the messages around it."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class ModeratedContent:
    model: type
    can_report: Callable
    organization_id: Callable
    can_moderate: Callable
    shown_author: Callable
    describe: Callable
    moderate_url: Callable


_registry: dict[type, ModeratedContent] = {}


def register_content(kind: ModeratedContent) -> None:
    _registry[kind.model] = kind


def content_kind(obj) -> ModeratedContent | None:
    return _registry.get(type(obj)) if obj is not None else None
