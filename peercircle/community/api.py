"""The forums' API: spaces, threads, posts, reactions, following, reading preferences and
search. Thin adapters over the same services, selectors and access rules as the pages.

Anything the caller may not read answers 404, the same as something that does not exist;
a refusal answers 400 with a message for the person. A post names its writer only as readers
see it (`author_name`: the pseudonym, or the display name) and says whether it is the
caller's own (`is_mine`): no author id, ever. Who reacted is told only to the post's author.
When the words of a post the caller just wrote sound like they may be in danger, the answer
carries `help_now: true` and crisis lines for them."""

from datetime import datetime

from django.db.models import prefetch_related_objects
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from peercircle.community.access import post_for, space_for, thread_for
from peercircle.community.models import (
    CONTENT_WARNING_CODES,
    ContentWarning,
    Post,
    PostState,
    RulesAcceptance,
)
from peercircle.community.notices import shown_name
from peercircle.community.search import search_posts
from peercircle.community.selectors import (
    ShownPost,
    collapse_set,
    is_following,
    my_waiting_threads,
    page_of_post,
    post_page,
    spaces_for,
    thread_page,
)
from peercircle.community.services import (
    post_create,
    post_edit,
    reaction_toggle,
    reading_preference_update,
    rules_accept,
    thread_create,
    thread_follow,
)
from peercircle.safety.crisis_api import LineOut

router = Router(tags=["forums"])


class Message(Schema):
    detail: str


# --- Spaces -----------------------------------------------------------------------------------

class SpaceOut(Schema):
    slug: str
    name: str
    kind: str
    description_html: str
    organization: str | None
    group: str | None
    allow_anonymous: bool
    is_archived: bool
    thread_count: int
    post_count: int
    last_post_at: datetime | None
    rules_accepted: bool


class SpaceDetailOut(SpaceOut):
    rules_html: str
    rules_version: int
    is_moderator: bool
    can_post: bool
    cannot_post_because: str


def _space_out(space, accepted: bool) -> dict:
    return {"slug": space.slug, "name": space.name, "kind": space.kind, "description_html": space.description_html,
            "organization": space.organization.slug if space.organization_id else None,
            "group": space.group.slug if space.group_id else None, "allow_anonymous": space.allow_anonymous,
            "is_archived": space.is_archived, "thread_count": space.thread_count, "post_count": space.post_count,
            "last_post_at": space.last_post_at, "rules_accepted": accepted}


def _space_detail(space, viewer) -> dict:
    reason = viewer.cannot_post_because()
    return {**_space_out(space, viewer.accepted_rules), "rules_html": space.rules_html,
            "rules_version": space.rules_version, "is_moderator": viewer.is_moderator,
            "can_post": not reason, "cannot_post_because": reason}


@router.get("/community/spaces", response=list[SpaceOut], summary="The forum spaces I can read")
def spaces(request):
    found = [space for kind in spaces_for(request.auth).values() for space in kind]
    versions = dict(RulesAcceptance.objects.filter(person=request.auth, space__in=found)
                    .values_list("space_id", "version"))
    return [_space_out(space, versions.get(space.pk, 0) >= space.rules_version) for space in found]


@router.get("/community/spaces/{slug}", response=SpaceDetailOut, summary="One space, and whether I can post in it")
def space(request, slug: str):
    found, viewer = space_for(request.auth, slug)
    return _space_detail(found, viewer)


class RulesOut(Schema):
    space: str
    rules_html: str
    version: int
    accepted: bool


@router.get("/community/spaces/{slug}/rules", response=RulesOut, summary="A space's rules")
def rules(request, slug: str):
    found, viewer = space_for(request.auth, slug)
    return {"space": found.slug, "rules_html": found.rules_html, "version": found.rules_version,
            "accepted": viewer.accepted_rules}


@router.post("/community/spaces/{slug}/rules", response=RulesOut,
             summary="Accept a space's rules (asked before my first post, and again when they change)")
def rules_accepted(request, slug: str):
    found, _viewer = space_for(request.auth, slug)
    acceptance = rules_accept(person=request.auth, space=found)
    return {"space": found.slug, "rules_html": found.rules_html, "version": acceptance.version, "accepted": True}


# --- Threads ----------------------------------------------------------------------------------

class ThreadOut(Schema):
    id: int
    title: str
    author_name: str
    is_mine: bool
    state: str
    content_warnings: list[str]
    is_pinned: bool
    is_locked: bool
    reply_count: int
    created_at: datetime
    last_post_at: datetime


class ThreadListOut(Schema):
    space: str
    page: int
    pages: int
    total: int
    threads: list[ThreadOut]
    # My own threads here that others can't see yet (waiting for a moderator, hidden), on page 1.
    waiting: list[ThreadOut]


class ThreadDetailOut(ThreadOut):
    space: str
    space_name: str
    is_following: bool
    is_moderator: bool
    can_reply: bool
    cannot_reply_because: str


def _thread_out(thread, user) -> dict:
    return {"id": thread.pk, "title": thread.title, "author_name": shown_name(thread),
            "is_mine": thread.author_id is not None and thread.author_id == user.pk, "state": thread.state,
            "content_warnings": thread.content_warnings, "is_pinned": thread.is_pinned, "is_locked": thread.is_locked,
            "reply_count": thread.reply_count, "created_at": thread.created_at, "last_post_at": thread.last_post_at}


def _thread_detail(thread, viewer) -> dict:
    reason = viewer.cannot_post_because(thread)
    return {**_thread_out(thread, viewer.user), "space": thread.space.slug, "space_name": thread.space.name,
            "is_following": is_following(viewer.user, thread), "is_moderator": viewer.is_moderator,
            "can_reply": not reason, "cannot_reply_because": reason}


@router.get("/community/spaces/{slug}/threads", response=ThreadListOut,
            summary="A space's threads, pinned first then the most recently active (25 a page)")
def threads(request, slug: str, page: int = 1):
    found, viewer = space_for(request.auth, slug)
    listed = thread_page(viewer, page)
    waiting = my_waiting_threads(viewer) if listed.number == 1 else []
    prefetch_related_objects(waiting, "pseudonym", "author__profile")
    return {"space": found.slug, "page": listed.number, "pages": listed.pages, "total": listed.total,
            "threads": [_thread_out(thread, request.auth) for thread in listed.items],
            "waiting": [_thread_out(thread, request.auth) for thread in waiting]}


class QuoteOut(Schema):
    id: int
    number: int
    author_name: str


class PostOut(Schema):
    id: int
    thread_id: int
    number: int
    author_name: str
    is_mine: bool
    state: str
    # Why the post is not visible: for its author (and the space's moderators) only.
    state_reason: str
    # For others, a hidden or removed post is only this line.
    placeholder: str
    html: str
    content_warnings: list[str]
    collapsed: bool
    reaction_counts: dict[str, int]
    my_reactions: list[str]
    # Who reacted, by kind: only for the post's author; empty for everyone else.
    reacted_by: dict[str, list[str]]
    quote_of: QuoteOut | None
    created_at: datetime
    edited_at: datetime | None
    edit_count: int


def _placeholder(post) -> str:
    if post.state == PostState.HIDDEN:
        return _("A moderator hid this post.")
    if post.state_changed_by_id:
        return _("A moderator removed this post.")
    return _("This post is no longer here.")


def _post_out(shown: ShownPost, viewer) -> dict:
    post, user = shown.post, viewer.user
    mine = post.author_id is not None and post.author_id == user.pk
    out = {"id": post.pk, "thread_id": post.thread_id, "number": post.number, "author_name": shown_name(post),
           "is_mine": mine, "state": post.state, "state_reason": "", "placeholder": "", "html": "",
           "content_warnings": [], "collapsed": False, "reaction_counts": {}, "my_reactions": [], "reacted_by": {},
           "quote_of": None, "created_at": post.created_at, "edited_at": None, "edit_count": 0}
    if shown.placeholder:
        return out | {"placeholder": _placeholder(post)}
    quote = post.quote_of if post.quote_of_id else None
    return out | {
        "state_reason": post.state_reason if mine or viewer.is_moderator else "",
        "html": post.html, "content_warnings": post.content_warnings, "collapsed": shown.collapsed,
        "reaction_counts": post.reaction_counts or {}, "my_reactions": sorted(shown.my_reactions),
        "reacted_by": shown.reacted_by if mine else {},
        "quote_of": {"id": quote.pk, "number": quote.number, "author_name": shown_name(quote)} if quote else None,
        "edited_at": post.edited_at, "edit_count": post.edit_count,
    }


def _shown(viewer, post) -> ShownPost:
    """One post as its thread page shows it to this person (the same selector, so the same rules)."""
    page = post_page(viewer, post.thread, page_of_post(post))
    for shown in page.items:
        if shown.post.pk == post.pk:
            return shown
    raise Http404


class ThreadPageOut(Schema):
    thread: ThreadDetailOut
    page: int
    pages: int
    posts: list[PostOut]


@router.get("/community/threads/{thread_id}", response=ThreadPageOut,
            summary="A thread and one page of its posts (20 a page)")
def thread(request, thread_id: int, page: int = 1):
    found, viewer = thread_for(request.auth, thread_id)
    posts = post_page(viewer, found, page)
    return {"thread": _thread_detail(found, viewer), "page": posts.number, "pages": posts.pages,
            "posts": [_post_out(shown, viewer) for shown in posts.items]}


# --- Writing ----------------------------------------------------------------------------------

def _help(request, post) -> dict:
    """help_now and crisis lines when the words sound like the writer may be in danger."""
    if post.screening_level not in ("high", "imminent"):
        return {"help_now": False, "crisis_lines": []}
    from peercircle.safety.crisis import country_for, crisis_lines_for, organizations_of

    user = request.auth
    lines = crisis_lines_for(country_for(user, request), organizations_of(user),
                             lang=getattr(request, "LANGUAGE_CODE", None))
    return {"help_now": True, "crisis_lines": [line.as_dict() for line in lines]}


class ThreadIn(Schema):
    title: str
    text: str
    content_warnings: list[str] = []
    anonymous: bool = False


class ThreadCreatedOut(Schema):
    thread: ThreadDetailOut
    post: PostOut
    help_now: bool
    crisis_lines: list[LineOut]


@router.post("/community/spaces/{slug}/threads", response={201: ThreadCreatedOut},
             summary="Start a thread (accept the space's rules first; anonymous where the space allows it)")
def thread_new(request, slug: str, payload: ThreadIn):
    found, viewer = space_for(request.auth, slug)
    created = thread_create(person=request.auth, space=found, title=payload.title, text=payload.text,
                            content_warnings=payload.content_warnings, anonymous=payload.anonymous)
    created, viewer = thread_for(request.auth, created.pk)
    first = Post.objects.get(thread=created, number=1)
    first.thread = created
    return Status(201, {"thread": _thread_detail(created, viewer), "post": _post_out(_shown(viewer, first), viewer),
                        **_help(request, first)})


class ReplyIn(Schema):
    text: str
    content_warnings: list[str] = []
    anonymous: bool = False
    quote_of: int | None = None


class PostWrittenOut(Schema):
    post: PostOut
    help_now: bool
    crisis_lines: list[LineOut]


@router.post("/community/threads/{thread_id}/posts", response={201: PostWrittenOut}, summary="Reply to a thread")
def reply(request, thread_id: int, payload: ReplyIn):
    found, viewer = thread_for(request.auth, thread_id)
    quote = Post.objects.filter(thread=found, pk=payload.quote_of).first() if payload.quote_of else None
    post = post_create(person=request.auth, thread=found, text=payload.text, content_warnings=payload.content_warnings,
                       anonymous=payload.anonymous, quote_of=quote)
    post, viewer = post_for(request.auth, post.pk)
    return Status(201, {"post": _post_out(_shown(viewer, post), viewer), **_help(request, post)})


@router.get("/community/posts/{post_id}", response=PostOut, summary="One post")
def post(request, post_id: int):
    found, viewer = post_for(request.auth, post_id)
    return _post_out(_shown(viewer, found), viewer)


class PostEditIn(Schema):
    """Leave a field out to keep it."""

    text: str | None = None
    content_warnings: list[str] | None = None


@router.patch("/community/posts/{post_id}", response=PostWrittenOut,
              summary="Reword my post or change its content warnings (the earlier wording is kept in its history)")
def post_change(request, post_id: int, payload: PostEditIn):
    found, viewer = post_for(request.auth, post_id)
    post_edit(person=request.auth, post=found, text=found.source if payload.text is None else payload.text,
              content_warnings=payload.content_warnings)
    found, viewer = post_for(request.auth, post_id)
    return {"post": _post_out(_shown(viewer, found), viewer), **_help(request, found)}


class RevisionOut(Schema):
    html: str
    text: str
    content_warnings: list[str]
    by_moderator: bool
    # A moderator's reason for their edit, for the author.
    note: str
    replaced_at: datetime


class HistoryOut(Schema):
    post_id: int
    revisions: list[RevisionOut]


@router.get("/community/posts/{post_id}/history", response=HistoryOut,
            summary="A post's earlier wordings, newest first (its author and the space's moderators)")
def history(request, post_id: int):
    found, viewer = post_for(request.auth, post_id)
    if not (viewer.is_moderator or (found.author_id is not None and found.author_id == request.auth.pk)):
        raise Http404
    return {"post_id": found.pk, "revisions": [
        {"html": revision.html, "text": revision.source, "content_warnings": revision.content_warnings,
         "by_moderator": revision.edited_by_id != found.author_id, "note": revision.note,
         "replaced_at": revision.created_at}
        for revision in found.revisions.all()]}


class ReactionIn(Schema):
    kind: str


class ReactionsOut(Schema):
    post_id: int
    reaction_counts: dict[str, int]
    my_reactions: list[str]


@router.post("/community/posts/{post_id}/reactions", response=ReactionsOut,
             summary="Add my reaction of a kind (me_too, sending_support, this_helped), or take it back if given")
def react(request, post_id: int, payload: ReactionIn):
    found, _viewer = post_for(request.auth, post_id)
    found = reaction_toggle(person=request.auth, post=found, kind=payload.kind)
    mine = sorted(found.reactions.filter(person=request.auth).values_list("kind", flat=True))
    return {"post_id": found.pk, "reaction_counts": found.reaction_counts, "my_reactions": mine}


class FollowOut(Schema):
    thread_id: int
    following: bool


@router.put("/community/threads/{thread_id}/follow", response=FollowOut,
            summary="Follow a thread: be told of new replies")
def follow(request, thread_id: int):
    found, _viewer = thread_for(request.auth, thread_id)
    return {"thread_id": found.pk, "following": thread_follow(person=request.auth, thread=found, follow=True)}


@router.delete("/community/threads/{thread_id}/follow", response=FollowOut, summary="Stop following a thread")
def unfollow(request, thread_id: int):
    found, _viewer = thread_for(request.auth, thread_id)
    return {"thread_id": found.pk, "following": thread_follow(person=request.auth, thread=found, follow=False)}


# --- Reading preferences ----------------------------------------------------------------------

class WarningChoiceOut(Schema):
    code: str
    label: str


class ReadingPreferencesOut(Schema):
    collapse_warnings: list[str]
    choices: list[WarningChoiceOut]


class ReadingPreferencesIn(Schema):
    collapse_warnings: list[str]


def _preferences(user) -> dict:
    collapsed = collapse_set(user)
    return {"collapse_warnings": [code for code in CONTENT_WARNING_CODES if code in collapsed],
            "choices": [{"code": code, "label": str(label)} for code, label in ContentWarning.choices]}


@router.get("/me/reading-preferences", response=ReadingPreferencesOut,
            summary="Content warnings I always want folded away (all of them until I choose)")
def reading_preferences(request):
    return _preferences(request.auth)


@router.put("/me/reading-preferences", response=ReadingPreferencesOut,
            summary="Choose the content warnings to always fold away")
def reading_preferences_set(request, payload: ReadingPreferencesIn):
    reading_preference_update(person=request.auth, collapse_warnings=payload.collapse_warnings)
    return _preferences(request.auth)


# --- Search -----------------------------------------------------------------------------------

class SearchHitOut(Schema):
    post_id: int
    thread_id: int
    number: int
    thread_title: str
    # Escaped HTML with the matching words in <mark>.
    title_html: str
    snippet_html: str
    space: str
    space_name: str
    author_name: str
    is_mine: bool
    state: str
    content_warnings: list[str]
    collapsed: bool
    created_at: datetime
    url: str


class SearchOut(Schema):
    query: str
    space: str | None
    # Said instead of (or with) results: an empty query, no words in it, nothing found.
    message: str
    total: int
    # True when there are more matches than `total` can say: add a word.
    more: bool
    page: int
    pages: int
    results: list[SearchHitOut]


@router.get("/community/search", response=SearchOut,
            summary="Search the threads and posts I can read (every word must match; \"quoted words\" together)")
def search(request, q: str = "", space: str = "", page: int = 1):
    scope = space_for(request.auth, space[:80])[0] if space else None
    found = search_posts(request.auth, q, space=scope, page=page)
    return {"query": found.query, "space": scope.slug if scope else None, "message": found.message,
            "total": found.total, "more": found.more, "page": found.number, "pages": found.pages,
            "results": [{"post_id": hit.post.pk, "thread_id": hit.thread.pk, "number": hit.post.number,
                         "thread_title": hit.thread.title, "title_html": str(hit.title_html),
                         "snippet_html": str(hit.snippet_html), "space": hit.space.slug, "space_name": hit.space.name,
                         "author_name": hit.author_name, "is_mine": hit.is_mine, "state": hit.post.state,
                         "content_warnings": hit.post.content_warnings, "collapsed": hit.collapsed,
                         "created_at": hit.post.created_at, "url": hit.url} for hit in found.hits]}
