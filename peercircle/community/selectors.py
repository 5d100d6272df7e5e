"""Reads for the forums, each a constant number of queries whatever the page size."""

from dataclasses import dataclass, field

from django.db.models import Q

from peercircle.community.access import SpaceViewer, readable_spaces_q
from peercircle.community.models import (
    CONTENT_WARNING_CODES,
    Post,
    PostState,
    Pseudonym,
    Reaction,
    ReadingPreference,
    Space,
    SpaceKind,
    Thread,
    ThreadFollow,
)

THREADS_PER_PAGE = 25
POSTS_PER_PAGE = 20


def spaces_for(user) -> dict[str, list[Space]]:
    """The spaces a person can read, by kind, in their order."""
    spaces = (Space.objects.filter(readable_spaces_q(user), is_archived=False).distinct()
              .select_related("organization", "group").order_by("position", "name"))
    by_kind: dict[str, list[Space]] = {kind: [] for kind in SpaceKind.values}
    for space in spaces:
        by_kind[space.kind].append(space)
    return by_kind


@dataclass
class Page:
    items: list
    number: int
    pages: int
    total: int

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.pages


def _page_number(page, pages: int) -> int:
    try:
        number = int(page)
    except (TypeError, ValueError):
        number = 1
    return min(max(number, 1), max(pages, 1))


def thread_page(viewer: SpaceViewer, page=1, per_page: int = THREADS_PER_PAGE) -> Page:
    """Listed threads, pinned first then the most recently active. The count is the space's
    kept count, so a large space costs no counting."""
    space = viewer.space
    total = space.thread_count
    pages = max(1, -(-total // per_page))
    number = _page_number(page, pages)
    threads = (Thread.objects.filter(space=space, state=PostState.VISIBLE)
               .select_related("author", "author__profile", "pseudonym")
               .order_by("-is_pinned", "-last_post_at", "-id"))
    if viewer.hidden_authors:
        threads = threads.exclude(author_id__in=viewer.hidden_authors)
    start = (number - 1) * per_page
    return Page(items=list(threads[start:start + per_page]), number=number, pages=pages, total=total)


def my_waiting_threads(viewer: SpaceViewer) -> list[Thread]:
    """The person's own threads in this space that others can't see yet, with why."""
    if not viewer.user.is_authenticated:
        return []
    return list(Thread.objects.filter(space=viewer.space, author=viewer.user).exclude(state=PostState.VISIBLE)
                .order_by("-id")[:20])


@dataclass
class ShownPost:
    post: Post
    collapsed: bool
    my_reactions: set = field(default_factory=set)
    # For the author only: who reacted, by kind.
    reacted_by: dict = field(default_factory=dict)
    placeholder: str = ""


def collapse_set(user) -> set[str]:
    """Content warnings folded away for this person: all of them until they choose."""
    if not user.is_authenticated:
        return set(CONTENT_WARNING_CODES)
    preference = ReadingPreference.objects.filter(person=user).first()
    return set(CONTENT_WARNING_CODES) if preference is None else set(preference.collapse_warnings)


def post_page(viewer: SpaceViewer, thread: Thread, page=1, per_page: int = POSTS_PER_PAGE,
              collapse: set[str] | None = None) -> Page:
    """A page of a thread's posts as this viewer sees them. `collapse`: the viewer's folded
    content warnings, when the caller has already read them."""
    from peercircle.community.notices import shown_name

    total = thread.last_post_number
    pages = max(1, -(-total // per_page))
    number = _page_number(page, pages)
    first, last = (number - 1) * per_page + 1, number * per_page
    posts = list(Post.objects.filter(thread=thread, number__gte=first, number__lte=last)
                 .select_related("author", "author__profile", "pseudonym", "quote_of", "quote_of__pseudonym",
                                 "quote_of__author", "quote_of__author__profile")
                 .order_by("number"))
    user = viewer.user
    ids = [post.pk for post in posts]
    mine = {}
    for post_id, kind in Reaction.objects.filter(post_id__in=ids, person=user).values_list("post_id", "kind"):
        mine.setdefault(post_id, set()).add(kind)
    names = reaction_names([post.pk for post in posts if post.author_id == user.pk], thread.space)
    if collapse is None:
        collapse = collapse_set(user)
    shown = []
    for post in posts:
        post.shown_name = shown_name(post)
        if post.quote_of_id and post.quote_of:
            post.quote_of.shown_name = shown_name(post.quote_of)
        if not viewer.sees_post(post):
            if post.author_id in viewer.hidden_authors or post.state == PostState.PENDING:
                continue
            shown.append(ShownPost(post=post, collapsed=False, placeholder="moderated"))
            continue
        shown.append(ShownPost(post=post, collapsed=bool(set(post.content_warnings) & collapse),
                               my_reactions=mine.get(post.pk, set()), reacted_by=names.get(post.pk, {})))
    return Page(items=shown, number=number, pages=pages, total=total)


def reaction_names(post_ids, space: Space) -> dict[int, dict[str, list[str]]]:
    """Who reacted to these posts, by kind: for the posts' author only. Where members may post
    under a pseudonym, a reaction names the person by their pseudonym in the space (or "A member"),
    never by their account's name, so a reaction can't tie a pseudonym to the person behind it."""
    from django.utils.translation import gettext as _

    names: dict[int, dict[str, list[str]]] = {}
    if not post_ids:
        return names
    reactions = list(Reaction.objects.filter(post_id__in=post_ids).select_related("person", "person__profile")
                     .order_by("created_at"))
    pseudonyms = {}
    if space.allow_anonymous and reactions:
        pseudonyms = dict(Pseudonym.objects.filter(space=space, person_id__in={r.person_id for r in reactions})
                          .values_list("person_id", "name"))
    for reaction in reactions:
        person = reaction.person
        if space.allow_anonymous:
            label = pseudonyms.get(person.pk) or _("A member")
        elif hasattr(person, "profile") and not person.is_deleted:
            label = person.profile.display_name
        else:
            label = "—"
        names.setdefault(reaction.post_id, {}).setdefault(reaction.kind, []).append(label)
    return names


def is_following(user, thread: Thread) -> bool:
    return user.is_authenticated and ThreadFollow.objects.filter(thread=thread, person=user).exists()


def page_of_post(post: Post, per_page: int = POSTS_PER_PAGE) -> int:
    return (post.number - 1) // per_page + 1


def moderation_posts(user, *, state: str = PostState.PENDING, level: str = "", category: str = "",
                     space_slug: str = "", older_than_hours: int | None = None):
    """Posts for the moderators' queue in the spaces this person moderates."""
    from datetime import timedelta

    from django.utils import timezone

    from peercircle.community.access import moderated_spaces_q

    spaces = Space.objects.filter(moderated_spaces_q(user)).values("pk")
    posts = (Post.objects.filter(thread__space__in=spaces)
             .select_related("thread", "thread__space", "pseudonym", "author", "author__profile")
             .order_by("created_at"))
    if state:
        posts = posts.filter(state=state)
    else:
        posts = posts.filter(Q(state=PostState.PENDING) | ~Q(screening_level="none"))
    if level:
        posts = posts.filter(screening_level=level)
    if category:
        posts = posts.filter(screening_categories__contains=[category]) if _json_contains() else \
            posts.filter(screening_categories__icontains=f'"{category}"')
    if space_slug:
        posts = posts.filter(thread__space__slug=space_slug)
    if older_than_hours:
        posts = posts.filter(created_at__lte=timezone.now() - timedelta(hours=older_than_hours))
    return posts


def _json_contains() -> bool:
    from django.db import connection

    return connection.vendor == "postgresql"
