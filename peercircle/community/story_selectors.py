"""Reads for stories of hope, shared by the pages and the API: the published collection (by
experience and words in the title), a person's own stories, and a moderator's queue. Each is
a fixed number of queries however many stories there are."""

import html

from django.db.models import Q
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from peercircle.community.access import reviewable_stories_q
from peercircle.community.models import Byline, ContentWarning, Story, StoryStatus

PER_PAGE = 20
EXCERPT_WORDS = 60


def experience_node(value: str):
    """The taxonomy entry a filter names: by its code, or by its label in English or Spanish."""
    from peercircle.experiences.models import NodeKind, TaxonomyNode

    value = (value or "").strip()[:120]
    if not value:
        return None
    nodes = TaxonomyNode.objects.filter(kind=NodeKind.EXPERIENCE, is_active=True)
    return (nodes.filter(code=value).first()
            or nodes.filter(Q(label_en__iexact=value) | Q(label_es__iexact=value)).order_by("sort_order").first())


def published_stories(*, node=None, words: str = ""):
    """Published stories, newest first; a broad experience (a root of the taxonomy) includes
    the experiences under it."""
    stories = (Story.objects.filter(status=StoryStatus.PUBLISHED)
               .select_related("organization").prefetch_related("experiences"))
    if node is not None:
        # A subquery rather than a join: a story tagged with two of the experiences shows once.
        tagged = Story.experiences.through.objects.filter(Q(taxonomynode=node) | Q(taxonomynode__parent=node))
        stories = stories.filter(pk__in=tagged.values("story_id"))
    for word in (words or "").split()[:8]:
        stories = stories.filter(title__icontains=word[:60])
    return stories.order_by("-published_at", "-pk")


def my_stories(user):
    return (Story.objects.filter(author=user).select_related("organization").prefetch_related("experiences")
            .order_by("-created_at", "-pk"))


def review_queue(user):
    """Stories waiting for this moderator (their organizations', never their own), oldest first."""
    return (Story.objects.filter(reviewable_stories_q(user), status=StoryStatus.SUBMITTED)
            .select_related("organization").prefetch_related("experiences").order_by("created_at", "pk"))


def recently_reviewed(user, limit: int = 10):
    return (Story.objects.filter(reviewable_stories_q(user)).exclude(status=StoryStatus.SUBMITTED)
            .filter(reviewed_at__isnull=False).select_related("organization").order_by("-reviewed_at")[:limit])


def shown_byline(story: Story) -> str:
    """What readers see as the author: the name frozen at publication, or "Anonymous"."""
    if story.byline == Byline.NAME and story.byline_name:
        return story.byline_name
    return str(_("Anonymous"))


def warning_labels(story: Story) -> list[str]:
    labels = dict(ContentWarning.choices)
    return [str(labels[code]) for code in story.content_warnings if code in labels]


def excerpt(story: Story, words: int = EXCERPT_WORDS) -> str:
    """The story's beginning as plain text (the template escapes it)."""
    text = html.unescape(strip_tags(story.html)).strip()
    return Truncator(" ".join(text.split())).words(words, truncate="…")


def collapsed_warnings(user) -> set[str] | None:
    """The content warnings this reader wants folded away; None means all of them (the default,
    and always for signed-out readers)."""
    from peercircle.community.models import ReadingPreference

    if not user.is_authenticated:
        return None
    preference = ReadingPreference.objects.filter(person=user).first()
    return None if preference is None else set(preference.collapse_warnings)


def is_folded(story: Story, collapsed: set[str] | None) -> bool:
    if not story.content_warnings:
        return False
    return collapsed is None or any(code in collapsed for code in story.content_warnings)
