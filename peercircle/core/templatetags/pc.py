from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from peercircle.core.text import render_markdown

register = template.Library()


def _pick(obj, base: str) -> str:
    lang = (get_language() or "en")[:2]
    if lang != "en":
        value = getattr(obj, f"{base}_{lang}", "")
        if value:
            return value
    return getattr(obj, base)


@register.simple_tag
def localized(obj, base: str) -> str:
    return _pick(obj, base)


@register.simple_tag
def localized_markdown(obj, base: str):
    # Documents are written by operators, still rendered through the one sanitizer.
    return mark_safe(render_markdown(_pick(obj, base)))  # noqa: S308 - output of nh3


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None
