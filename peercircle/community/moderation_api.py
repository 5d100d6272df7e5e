"""Forum moderation in the API: the same services and access rules as the pages. Anything the
caller may not see or moderate answers 404; refusals answer 400 with a message for the person."""

from datetime import datetime
from typing import Literal

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from peercircle.community.access import moderated_spaces_q, post_for, thread_for
from peercircle.community.models import Post, Space
from peercircle.community.moderation_forms import SCREENING_CATEGORIES
from peercircle.community.notices import shown_name
from peercircle.community.selectors import moderation_posts
from peercircle.community.services import (
    CommunityError,
    post_edit,
    post_moderate,
    pseudonym_reveal,
    thread_moderate,
    thread_move,
    thread_split,
)
from peercircle.safety.content import content_kind
from peercircle.safety.moderation import moderation_action_create, report_create
from peercircle.safety.screening import LEVELS

router = Router(tags=["forum moderation"])


class ModeratedPostOut(Schema):
    id: int
    thread_id: int
    thread_title: str
    space: str
    number: int
    author_name: str
    pseudonymous: bool
    text: str
    html: str
    state: str
    state_reason: str
    screening_level: str
    screening_categories: list[str]
    content_warnings: list[str]
    created_at: datetime


def _out(post: Post) -> dict:
    return {"id": post.pk, "thread_id": post.thread_id, "thread_title": post.thread.title,
            "space": post.thread.space.slug, "number": post.number, "author_name": shown_name(post),
            "pseudonymous": bool(post.pseudonym_id), "text": post.source, "html": post.html, "state": post.state,
            "state_reason": post.state_reason, "screening_level": post.screening_level,
            "screening_categories": post.screening_categories, "content_warnings": post.content_warnings,
            "created_at": post.created_at}


def _moderated(user, post_id: int) -> Post:
    post, viewer = post_for(user, post_id)
    if not viewer.is_moderator:
        raise Http404
    return post


@router.get("/community/moderation/posts", response=list[ModeratedPostOut],
            summary="Posts to review in the spaces I moderate")
def queue(request, state: Literal["pending", "flagged", "hidden", "removed"] = "pending", level: str = "",
          category: str = "", space: str = "", older_than_hours: int | None = None):
    if not Space.objects.filter(moderated_spaces_q(request.auth)).exists():
        raise Http404
    posts = moderation_posts(request.auth, state="" if state == "flagged" else state,
                             level=level if level in LEVELS else "",
                             category=category if category in dict(SCREENING_CATEGORIES) else "",
                             space_slug=space, older_than_hours=older_than_hours)
    return [_out(post) for post in posts[:200]]


class DecisionIn(Schema):
    action: Literal["approve", "hide", "remove"]
    reason: str = ""


@router.post("/community/posts/{post_id}/moderate", response=ModeratedPostOut,
             summary="Approve, hide or remove a post (hide and remove need a reason the author reads)")
def decide(request, post_id: int, payload: DecisionIn):
    post = _moderated(request.auth, post_id)
    return _out(post_moderate(moderator=request.auth, post=post, action=payload.action, reason=payload.reason))


class ModeratorEditIn(Schema):
    text: str
    note: str


@router.post("/community/posts/{post_id}/moderator-edit", response=ModeratedPostOut,
             summary="Edit a post with a note the author reads (the earlier wording is kept)")
def moderator_edit(request, post_id: int, payload: ModeratorEditIn):
    post = _moderated(request.auth, post_id)
    return _out(post_edit(person=request.auth, post=post, text=payload.text, note=payload.note, as_moderator=True))


class AccountActionIn(Schema):
    kind: Literal["warn", "mute", "suspend", "ban"]
    reason: str
    days: int | None = None


class AccountActionOut(Schema):
    id: int
    kind: str
    until: datetime | None


@router.post("/community/posts/{post_id}/author-action", response={201: AccountActionOut},
             summary="Warn, mute, suspend or ban the author of a post (behind a pseudonym too, without revealing it)")
def author_action(request, post_id: int, payload: AccountActionIn):
    post = _moderated(request.auth, post_id)
    if post.author is None:
        raise CommunityError(_("The author's account no longer exists."))
    action = moderation_action_create(moderator=request.auth, subject=post.author,
                                      organization=content_kind(post).organization_id(post), kind=payload.kind,
                                      reason=payload.reason, days=payload.days, content=post)
    return Status(201, {"id": action.pk, "kind": action.kind, "until": action.until})


class RevealIn(Schema):
    reason: str


class RevealOut(Schema):
    display_name: str
    email: str


@router.post("/community/posts/{post_id}/reveal", response=RevealOut,
             summary="Who is behind a pseudonym (moderators of the space, with a reason; audited)")
def reveal(request, post_id: int, payload: RevealIn):
    post = _moderated(request.auth, post_id)
    author = pseudonym_reveal(moderator=request.auth, post=post, reason=payload.reason)
    return {"display_name": getattr(getattr(author, "profile", None), "display_name", ""), "email": author.email}


class PostReportIn(Schema):
    reason: Literal["unsafe", "harassment", "privacy", "boundaries", "harmful", "spam", "other"]
    details: str = ""


class PostReportOut(Schema):
    id: int
    status: str


@router.post("/community/posts/{post_id}/report", response={201: PostReportOut},
             summary="Report a post you can read (nobody is told who sent it)")
def report(request, post_id: int, payload: PostReportIn):
    post, _viewer = post_for(request.auth, post_id)
    if post.author is None or post.author_id == request.auth.pk:
        raise Http404
    sent = report_create(reporter=request.auth, subject=post.author, reason=payload.reason, details=payload.details,
                         target=post)
    return Status(201, {"id": sent.pk, "status": sent.status})


class ThreadModerationIn(Schema):
    pinned: bool | None = None
    locked: bool | None = None
    move_to: str = ""


class ThreadModerationOut(Schema):
    id: int
    space: str
    pinned: bool
    locked: bool


def _thread_out(thread) -> dict:
    return {"id": thread.pk, "space": thread.space.slug, "pinned": thread.is_pinned, "locked": thread.is_locked}


@router.patch("/community/threads/{thread_id}/moderation", response=ThreadModerationOut,
              summary="Pin, close or move a thread")
def moderate_thread(request, thread_id: int, payload: ThreadModerationIn):
    thread, viewer = thread_for(request.auth, thread_id)
    if not viewer.is_moderator:
        raise Http404
    thread = thread_moderate(moderator=request.auth, thread=thread, pinned=payload.pinned, locked=payload.locked)
    if payload.move_to:
        target = Space.objects.filter(moderated_spaces_q(request.auth), slug=payload.move_to).first()
        if target is None:
            raise CommunityError(_("You can move a thread only between spaces you moderate."))
        thread = thread_move(moderator=request.auth, thread=thread, to_space=target)
    return _thread_out(thread)


class SplitIn(Schema):
    from_number: int
    title: str


@router.post("/community/threads/{thread_id}/split", response={201: ThreadModerationOut},
             summary="Move a reply and those after it into a new thread")
def split(request, thread_id: int, payload: SplitIn):
    thread, viewer = thread_for(request.auth, thread_id)
    if not viewer.is_moderator:
        raise Http404
    post = Post.objects.filter(thread=thread, number=payload.from_number).first()
    if post is None:
        raise CommunityError(_("There is no reply with that number in this thread."))
    return Status(201, _thread_out(thread_split(moderator=request.auth, post=post, title=payload.title)))


class SpaceIn(Schema):
    organization: str
    name: str
    kind: Literal["topic", "organization"]
    rules: str
    description: str = ""
    allow_anonymous: bool = False
    experiences: list[str] = []


class SpaceChangeIn(Schema):
    name: str | None = None
    description: str | None = None
    rules: str | None = None
    allow_anonymous: bool | None = None
    is_archived: bool | None = None
    experiences: list[str] | None = None


class ManagedSpaceOut(Schema):
    slug: str
    name: str
    kind: str
    organization: str
    description: str
    rules: str
    rules_version: int
    allow_anonymous: bool
    is_archived: bool
    experiences: list[str]


def _space_out(space) -> dict:
    return {"slug": space.slug, "name": space.name, "kind": space.kind, "organization": space.organization.slug,
            "description": space.description, "rules": space.rules, "rules_version": space.rules_version,
            "allow_anonymous": space.allow_anonymous, "is_archived": space.is_archived,
            "experiences": list(space.experiences.values_list("code", flat=True))}


@router.post("/community/manage/spaces", response={201: ManagedSpaceOut},
             summary="Open a space for an organization (its admins and moderators)")
def space_open(request, payload: SpaceIn):
    from peercircle.community.access import spaces_manageable_organizations
    from peercircle.community.services import space_create

    organization = spaces_manageable_organizations(request.auth).filter(slug=payload.organization).first()
    if organization is None:
        raise Http404
    space = space_create(actor=request.auth, name=payload.name, kind=payload.kind, organization=organization,
                         rules=payload.rules, description=payload.description,
                         allow_anonymous=payload.allow_anonymous, experience_codes=payload.experiences)
    return Status(201, _space_out(space))


@router.patch("/community/manage/spaces/{slug}", response=ManagedSpaceOut,
              summary="Change a space; new rules are accepted again by members before they next post")
def space_change(request, slug: str, payload: SpaceChangeIn):
    from peercircle.community.access import can_manage_space
    from peercircle.community.services import space_rules_update, space_update

    space = Space.objects.select_related("organization").filter(slug=slug, group__isnull=True).first()
    if space is None or not can_manage_space(request.auth, space):
        raise Http404
    space_update(actor=request.auth, space=space, name=payload.name, description=payload.description,
                 allow_anonymous=payload.allow_anonymous, is_archived=payload.is_archived,
                 experience_codes=payload.experiences)
    if payload.rules is not None:
        space_rules_update(actor=request.auth, space=space, rules=payload.rules)
    return _space_out(space)
