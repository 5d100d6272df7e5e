from django.utils.text import slugify


def unique_slug(queryset, text: str, *, fallback: str, max_length: int = 80) -> str:
    """A slug for `text` not yet used in `queryset` ("grief-circle", "grief-circle-2", …)."""
    base = slugify(text)[: max_length - 4].strip("-") or fallback
    slug, number = base, 2
    while queryset.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug
