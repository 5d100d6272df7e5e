"""Writes for the forums. Each is atomic and refuses with a CommunityError whose message is
written for the person (nothing is changed when it is raised). Every post and story goes
through the one text pipeline: sanitize → screen → store → moderation and alerts."""

import re
import secrets
from dataclasses import replace

from django.db import transaction
from django.db.models import Count, F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from peercircle.community import notices
from peercircle.community.access import SpaceViewer, can_edit_post
from peercircle.community.models import (
    CONTENT_WARNING_CODES,
    REACTION_CODES,
    Post,
    PostRevision,
    PostState,
    Pseudonym,
    Reaction,
    ReadingPreference,
    RulesAcceptance,
    Space,
    SpaceKind,
    Thread,
    ThreadFollow,
)
from peercircle.core.audit import audit_record
from peercircle.core.errors import UserFacingError
from peercircle.core.slugs import unique_slug
from peercircle.core.text import after_store, clean_plain, prepare_user_text, render_markdown

POST_MAX = 20000
TITLE_MAX = 160


class CommunityError(UserFacingError):
    """A forum request that cannot be carried out; the message is safe to show."""


# --- Spaces ------------------------------------------------------------------------------

def space_create(*, actor, name: str, kind: str, rules: str, description: str = "", organization=None,
                 group=None, allow_anonymous: bool = False, experience_codes=(), slug: str = "") -> Space:
    from peercircle.community.access import spaces_manageable_organizations
    from peercircle.experiences.models import TaxonomyNode

    if kind != SpaceKind.GROUP and not spaces_manageable_organizations(actor).filter(
            pk=getattr(organization, "pk", None)).exists():
        raise CommunityError(_("Only an organization's admins and moderators can open spaces for it."))
    name = clean_plain(name, max_length=120)
    if not name:
        raise CommunityError(_("Please give the space a name."))
    if kind not in SpaceKind.values:
        raise CommunityError(_("Please choose who can read the space."))
    if kind == SpaceKind.GROUP and group is None:
        raise CommunityError(_("A group's space belongs to a group."))
    if kind == SpaceKind.ORGANIZATION and organization is None:
        raise CommunityError(_("An organization's space belongs to an organization."))
    rules = clean_plain(rules, max_length=4000)
    if not rules:
        raise CommunityError(_("Please write the space's rules: members accept them before their first post."))
    description = clean_plain(description, max_length=2000)
    with transaction.atomic():
        space = Space.objects.create(
            name=name, slug=unique_slug(Space.objects.all(), slug or name, fallback="space"), kind=kind, organization=organization, group=group,
            description=description, description_html=render_markdown(description),
            rules=rules, rules_html=render_markdown(rules), allow_anonymous=allow_anonymous,
        )
        if experience_codes:
            space.experiences.set(TaxonomyNode.objects.filter(code__in=list(experience_codes)))
        audit_record(actor=actor, action="space.create", target=space, organization=organization,
                     is_staff_action=True)
    return space


def space_for_group(*, group) -> Space:
    """The group's private space, made the first time someone opens it."""
    from peercircle.groups.agreement import default_agreement

    space = Space.objects.filter(group=group).first()
    if space is not None:
        return space
    rules = _("This space is for members of %(group)s only. The group agreement applies here too:") % {
        "group": group.name}
    agreement = group.agreement or default_agreement(group.languages[0] if group.languages else None)
    with transaction.atomic():
        space, _created = Space.objects.get_or_create(group=group, defaults={
            "name": group.name, "slug": unique_slug(Space.objects.all(), f"group-{group.slug}", fallback="group-space"), "kind": SpaceKind.GROUP,
            "rules": f"{rules}\n\n{agreement}".strip(), "rules_html": render_markdown(f"{rules}\n\n{agreement}"),
            "description": "", "description_html": "",
        })
    return space


def space_update(*, actor, space: Space, name: str | None = None, description: str | None = None,
                 allow_anonymous: bool | None = None, is_archived: bool | None = None,
                 experience_codes=None) -> Space:
    """Change a space's name, description, pseudonyms, archive state or experiences (rules have
    their own service: members accept new rules again)."""
    from peercircle.community.access import can_manage_space
    from peercircle.experiences.models import TaxonomyNode

    if not can_manage_space(actor, space):
        raise CommunityError(_("Only the space's organization admins and moderators can change it."))
    fields = []
    if name is not None:
        name = clean_plain(name, max_length=120)
        if not name:
            raise CommunityError(_("Please give the space a name."))
        space.name = name
        fields.append("name")
    if description is not None:
        space.description = clean_plain(description, max_length=2000)
        space.description_html = render_markdown(space.description)
        fields += ["description", "description_html"]
    if allow_anonymous is not None:
        space.allow_anonymous = bool(allow_anonymous)
        fields.append("allow_anonymous")
    if is_archived is not None:
        space.is_archived = bool(is_archived)
        fields.append("is_archived")
    with transaction.atomic():
        if fields:
            space.save(update_fields=[*fields, "updated_at"])
        if experience_codes is not None:
            space.experiences.set(TaxonomyNode.objects.filter(code__in=list(experience_codes)))
        audit_record(actor=actor, action="space.update", target=space, organization=space.organization,
                     data={"fields": fields + (["experiences"] if experience_codes is not None else [])},
                     is_staff_action=True)
    return space


def space_rules_update(*, actor, space: Space, rules: str) -> Space:
    from peercircle.community.access import can_manage_space

    if not (can_manage_space(actor, space) or SpaceViewer(actor, space).is_moderator):
        raise CommunityError(_("Only the space's moderators can change its rules."))
    rules = clean_plain(rules, max_length=4000)
    if not rules:
        raise CommunityError(_("Please write the space's rules: members accept them before their first post."))
    if rules == space.rules:
        return space
    with transaction.atomic():
        space.rules, space.rules_html = rules, render_markdown(rules)
        space.rules_version = F("rules_version") + 1
        space.save(update_fields=["rules", "rules_html", "rules_version", "updated_at"])
        space.refresh_from_db(fields=["rules_version"])
        audit_record(actor=actor, action="space.rules_update", target=space, organization=space.organization,
                     is_staff_action=True)
    return space


def rules_accept(*, person, space: Space) -> RulesAcceptance:
    acceptance, _created = RulesAcceptance.objects.update_or_create(
        space=space, person=person, defaults={"version": space.rules_version})
    return acceptance


# --- Pseudonyms --------------------------------------------------------------------------

_ADJECTIVES = ("Quiet", "Gentle", "Steady", "Hopeful", "Brave", "Kind", "Calm", "Patient", "Bright", "Warm",
               "Tender", "Open", "Still", "Honest", "Soft", "Clear")
_NOUNS = ("Willow", "River", "Harbour", "Lantern", "Meadow", "Robin", "Cedar", "Heron", "Pebble", "Sparrow",
          "Fern", "Compass", "Tide", "Aspen", "Wren", "Birch")


def pseudonym_for(*, person, space: Space) -> Pseudonym:
    """The person's name in this space when they post anonymously: the same every time, unique
    in the space, and unrelated to their account (chosen at random, not derived from it)."""
    existing = Pseudonym.objects.filter(space=space, person=person).first()
    if existing:
        return existing
    taken = set(Pseudonym.objects.filter(space=space).values_list("name", flat=True))
    for _attempt in range(50):
        name = f"{secrets.choice(_ADJECTIVES)} {secrets.choice(_NOUNS)}"
        if name in taken:
            name = f"{name} {secrets.randbelow(900) + 100}"
        if name not in taken:
            break
    return Pseudonym.objects.create(space=space, person=person, name=name)


def pseudonym_reveal(*, moderator, post: Post, reason: str):
    """A moderator looks behind a pseudonym to act on the account: allowed only to the space's
    moderators, with a reason, and written to the audit log (the person can see it in their export)."""
    reason = clean_plain(reason, max_length=500)
    if not SpaceViewer(moderator, post.thread.space).is_moderator:
        raise CommunityError(_("Only the space's moderators can see who is behind a pseudonym."))
    if not reason:
        raise CommunityError(_("Please say why you need to know who wrote this; it is kept in the audit log."))
    if post.pseudonym_id is None or post.author is None:
        raise CommunityError(_("This post was not written under a pseudonym."))
    audit_record(actor=moderator, action="pseudonym.reveal", target=post, subject=post.author,
                 organization=post.thread.space.organization, data={"reason": reason}, is_staff_action=True)
    return post.author


# --- Threads and posts -------------------------------------------------------------------

def _clean_warnings(codes) -> list[str]:
    codes = list(dict.fromkeys(code for code in (codes or []) if code))
    unknown = [code for code in codes if code not in CONTENT_WARNING_CODES]
    if unknown:
        raise CommunityError(_("Please choose content warnings from the list."))
    return codes


def _check_may_post(person, viewer: SpaceViewer, thread: Thread | None = None) -> None:
    reason = viewer.cannot_post_because(thread)
    if reason:
        raise CommunityError(reason)
    if not viewer.accepted_rules:
        raise CommunityError(_("Please read and accept this space's rules before your first post."))


def _prepare(person, text: str, *, title: str = ""):
    """The post through the pipeline; a thread's title is screened with its first post."""
    source = clean_plain(text, max_length=POST_MAX + 1)
    if not source:
        raise CommunityError(_("Please write something before posting."))
    if len(source) > POST_MAX:
        raise CommunityError(_("Please keep a post under %(max)s characters — you could split it in two.") % {
            "max": f"{POST_MAX:,}"})
    lang = getattr(person, "language", "en") or "en"
    prepared = prepare_user_text(text=source, lang=lang)
    if title:
        together = prepare_user_text(text=f"{title}\n\n{source}", lang=lang, markdown=False)
        prepared = replace(prepared, screening=together.screening, flags=together.flags)
    return prepared


def _initial_state(prepared, space: Space) -> tuple[str, str]:
    """Words that give the means or method of self-harm wait for a moderator, and the author is
    told why; so do contact details and dosing advice where the hosting organization asks it
    (safety.boundaries). Everything else — including someone saying they are struggling — is
    seen at once."""
    from peercircle.safety.boundaries import boundary_holds, hold_reason

    if "method_details" in prepared.flags:
        return PostState.PENDING, _(
            "Your post is waiting for a moderator because it seems to describe ways or means of "
            "hurting yourself, which could put other readers at risk. A moderator will read it soon; "
            "you can edit it in the meantime. If you are struggling right now, please reach out — "
            "the Need help now? page has people you can talk to.")
    organization_id = space.organization_id or (space.group.organization_id if space.group_id else None)
    held = boundary_holds(organization_id=organization_id, flags=prepared.flags)
    if held:
        return PostState.PENDING, hold_reason(held)
    return PostState.VISIBLE, ""


def _identity(person, space: Space, anonymous: bool):
    if not anonymous:
        return None
    if not space.allow_anonymous:
        raise CommunityError(_("This space doesn't allow posting under a pseudonym."))
    return pseudonym_for(person=person, space=space)


def _after_post(post: Post, prepared, person, *, is_new_thread: bool) -> None:
    post.screening_level = prepared.screening.level
    post.screening_categories = prepared.screening.categories
    post.save(update_fields=["screening_level", "screening_categories"])
    after_store(prepared=prepared, author=person, target=post, context="forum_post")


def thread_create(*, person, space: Space, title: str, text: str, content_warnings=(),
                  anonymous: bool = False) -> Thread:
    viewer = SpaceViewer(person, space)
    _check_may_post(person, viewer)
    title = clean_plain(title, max_length=TITLE_MAX + 1).replace("\n", " ")
    if not title:
        raise CommunityError(_("Please give your thread a title."))
    if len(title) > TITLE_MAX:
        raise CommunityError(_("Please keep the title under %(max)s characters.") % {"max": TITLE_MAX})
    warnings = _clean_warnings(content_warnings)
    prepared = _prepare(person, text, title=title)
    state, reason = _initial_state(prepared, space)
    now = timezone.now()
    with transaction.atomic():
        pseudonym = _identity(person, space, anonymous)
        thread = Thread.objects.create(space=space, title=title, author=person, pseudonym=pseudonym, state=state,
                                       content_warnings=warnings, last_post_at=now, last_post_number=1)
        post = Post.objects.create(thread=thread, number=1, author=person, pseudonym=pseudonym,
                                   source=prepared.source, html=prepared.html, content_warnings=warnings,
                                   state=state, state_reason=reason, state_changed_at=now if reason else None)
        if state == PostState.VISIBLE:
            Space.objects.filter(pk=space.pk).update(thread_count=F("thread_count") + 1,
                                                     post_count=F("post_count") + 1, last_post_at=now)
        ThreadFollow.objects.get_or_create(thread=thread, person=person)
        _after_post(post, prepared, person, is_new_thread=True)
        notices.post_published(post=post)
    return thread


def post_create(*, person, thread: Thread, text: str, content_warnings=(), anonymous: bool = False,
                quote_of: Post | None = None) -> Post:
    space = thread.space
    viewer = SpaceViewer(person, space)
    _check_may_post(person, viewer, thread)
    warnings = _clean_warnings(content_warnings)
    if quote_of is not None and (quote_of.thread_id != thread.pk or not viewer.sees_post(quote_of)
                                 or quote_of.state != PostState.VISIBLE):
        quote_of = None
    prepared = _prepare(person, text)
    state, reason = _initial_state(prepared, space)
    now = timezone.now()
    with transaction.atomic():
        locked = Thread.objects.select_for_update().get(pk=thread.pk)
        if locked.is_locked and not viewer.is_moderator:
            raise CommunityError(_("This thread is closed to new replies."))
        pseudonym = _identity(person, space, anonymous)
        number = locked.last_post_number + 1
        post = Post.objects.create(thread=locked, number=number, author=person, pseudonym=pseudonym,
                                   source=prepared.source, html=prepared.html, content_warnings=warnings,
                                   quote_of=quote_of, state=state, state_reason=reason,
                                   state_changed_at=now if reason else None)
        updates = {"last_post_number": number}
        if state == PostState.VISIBLE:
            updates |= {"reply_count": F("reply_count") + 1, "last_post_at": now}
            Space.objects.filter(pk=space.pk).update(post_count=F("post_count") + 1, last_post_at=now)
        Thread.objects.filter(pk=thread.pk).update(**updates)
        ThreadFollow.objects.get_or_create(thread=locked, person=person)
        _after_post(post, prepared, person, is_new_thread=False)
        notices.post_published(post=post)
    thread.refresh_from_db()
    post.thread = thread
    return post


def post_edit(*, person, post: Post, text: str, content_warnings=None, note: str = "",
              as_moderator: bool = False) -> Post:
    """The author rewords their post (any time it isn't removed), or a moderator edits it with a
    note the author reads. The earlier wording is kept in the post's history."""
    thread = post.thread
    viewer = SpaceViewer(person, thread.space)
    if as_moderator:
        if not viewer.is_moderator:
            raise CommunityError(_("Only the space's moderators can edit other people's posts."))
        note = clean_plain(note, max_length=2000)
        if not note:
            raise CommunityError(_("Please say why you are editing this post; the author will read it."))
    else:
        if not can_edit_post(person, post):
            raise CommunityError(_("You can only edit your own posts."))
        reason = viewer.cannot_post_because()
        if reason:
            raise CommunityError(reason)
    warnings = post.content_warnings if content_warnings is None else _clean_warnings(content_warnings)
    prepared = _prepare(post.author or person, text)
    if prepared.source == post.source and warnings == post.content_warnings:
        return post
    now = timezone.now()
    with transaction.atomic():
        PostRevision.objects.create(post=post, source=post.source, html=post.html,
                                    content_warnings=post.content_warnings, edited_by=person,
                                    note=note if as_moderator else "")
        post.source, post.html, post.content_warnings = prepared.source, prepared.html, warnings
        post.edited_at, post.edit_count = now, post.edit_count + 1
        fields = ["source", "html", "content_warnings", "edited_at", "edit_count"]
        if not as_moderator:
            state, reason = _initial_state(prepared, thread.space)
            if state == PostState.PENDING and post.state == PostState.VISIBLE:
                _set_state(post, state, reason=reason, by=None, now=now)
                fields += ["state", "state_reason", "state_changed_at", "state_changed_by"]
        post.save(update_fields=fields)
        if post.number == 1:
            Thread.objects.filter(pk=thread.pk).update(content_warnings=warnings)
        if as_moderator:
            audit_record(actor=person, action="post.moderator_edit", target=post, subject=post.author,
                         organization=thread.space.organization, data={"note": note}, is_staff_action=True)
            notices.post_moderated(post=post, action="edit", note=note)
        else:
            _after_post(post, prepared, person, is_new_thread=False)
    return post


def _count_delta(post: Post, old: str, new: str) -> None:
    """Keep the thread's and space's counts of visible posts right when a post's state changes."""
    if (old == PostState.VISIBLE) == (new == PostState.VISIBLE):
        return
    step = 1 if new == PostState.VISIBLE else -1
    thread = post.thread
    if post.number == 1:
        Space.objects.filter(pk=thread.space_id).update(thread_count=F("thread_count") + step,
                                                        post_count=F("post_count") + step)
    else:
        Thread.objects.filter(pk=thread.pk).update(reply_count=F("reply_count") + step)
        Space.objects.filter(pk=thread.space_id).update(post_count=F("post_count") + step)


def _set_state(post: Post, state: str, *, reason: str, by, now) -> None:
    old = post.state
    post.state, post.state_reason, post.state_changed_at, post.state_changed_by = state, reason, now, by
    _count_delta(post, old, state)
    if post.number == 1:  # a thread is listed as its opening post is
        Thread.objects.filter(pk=post.thread_id).update(state=state)


MODERATION_STATES = {"approve": PostState.VISIBLE, "hide": PostState.HIDDEN, "remove": PostState.REMOVED}


def post_moderate(*, moderator, post: Post, action: str, reason: str = "") -> Post:
    """Approve a post waiting for review (or bring back a hidden one), hide it (its author and
    moderators still see it), or remove it. Hiding and removing need a reason the author reads."""
    if action not in MODERATION_STATES:
        raise CommunityError(_("Please choose approve, hide or remove."))
    if not SpaceViewer(moderator, post.thread.space).is_moderator:
        raise CommunityError(_("Only the space's moderators can do that."))
    reason = clean_plain(reason, max_length=2000)
    if action != "approve" and not reason:
        raise CommunityError(_("Please give a reason; the author will read it."))
    state = MODERATION_STATES[action]
    now = timezone.now()
    with transaction.atomic():
        post = Post.objects.select_for_update().select_related("thread", "thread__space").get(pk=post.pk)
        if post.state == state:
            return post
        _set_state(post, state, reason="" if action == "approve" else reason, by=moderator, now=now)
        post.save(update_fields=["state", "state_reason", "state_changed_at", "state_changed_by"])
        audit_record(actor=moderator, action=f"post.{action}", target=post, subject=post.author,
                     organization=post.thread.space.organization, data={"reason": reason}, is_staff_action=True)
        notices.post_moderated(post=post, action=action, note=reason)
        if action == "approve":
            notices.post_published(post=post)
    return post


# --- Moderating threads ----------------------------------------------------------------

def thread_moderate(*, moderator, thread: Thread, pinned: bool | None = None, locked: bool | None = None) -> Thread:
    if not SpaceViewer(moderator, thread.space).is_moderator:
        raise CommunityError(_("Only the space's moderators can do that."))
    changes = {}
    if pinned is not None and pinned != thread.is_pinned:
        changes["is_pinned"] = pinned
    if locked is not None and locked != thread.is_locked:
        changes["is_locked"] = locked
    if not changes:
        return thread
    with transaction.atomic():
        Thread.objects.filter(pk=thread.pk).update(**changes)
        for field, value in changes.items():
            setattr(thread, field, value)
        audit_record(actor=moderator, action="thread.moderate", target=thread, organization=thread.space.organization,
                     data={k: v for k, v in changes.items()}, is_staff_action=True)
    return thread


def thread_move(*, moderator, thread: Thread, to_space: Space) -> Thread:
    source = thread.space
    if not (SpaceViewer(moderator, source).is_moderator and SpaceViewer(moderator, to_space).is_moderator):
        raise CommunityError(_("You can move a thread only between spaces you moderate."))
    if to_space.pk == source.pk:
        return thread
    with transaction.atomic():
        visible = Post.objects.filter(thread=thread, state=PostState.VISIBLE).count()
        listed = 1 if thread.state == PostState.VISIBLE else 0
        Thread.objects.filter(pk=thread.pk).update(space=to_space)
        Space.objects.filter(pk=source.pk).update(thread_count=F("thread_count") - listed,
                                                  post_count=F("post_count") - visible)
        Space.objects.filter(pk=to_space.pk).update(thread_count=F("thread_count") + listed,
                                                    post_count=F("post_count") + visible)
        audit_record(actor=moderator, action="thread.move", target=thread, organization=source.organization,
                     data={"from": source.slug, "to": to_space.slug}, is_staff_action=True)
    thread.space = to_space
    return thread


def _thread_refresh(thread_id: int) -> None:
    """Recount a thread after posts moved in or out of it (moves are rare; counting is fine)."""
    thread = Thread.objects.get(pk=thread_id)
    posts = Post.objects.filter(thread_id=thread_id)
    visible = posts.filter(state=PostState.VISIBLE)
    first = posts.order_by("number").first()
    last = visible.aggregate(last=Max("created_at"))["last"]
    thread.reply_count = max(0, visible.count() - (1 if first and first.state == PostState.VISIBLE else 0))
    thread.last_post_number = posts.aggregate(n=Max("number"))["n"] or 0
    thread.last_post_at = last or thread.created_at
    thread.state = first.state if first else PostState.REMOVED
    thread.save(update_fields=["reply_count", "last_post_number", "last_post_at", "state"])


def thread_split(*, moderator, post: Post, title: str) -> Thread:
    """Move a reply and every reply after it into a new thread in the same space (a conversation
    that wandered off). Numbers restart at 1 in the new thread."""
    thread = post.thread
    if not SpaceViewer(moderator, thread.space).is_moderator:
        raise CommunityError(_("Only the space's moderators can do that."))
    if post.number == 1:
        raise CommunityError(_("Choose a reply to start the new thread from; the first post stays."))
    title = clean_plain(title, max_length=TITLE_MAX + 1).replace("\n", " ")
    if not title or len(title) > TITLE_MAX:
        raise CommunityError(_("Please give the new thread a title under %(max)s characters.") % {"max": TITLE_MAX})
    with transaction.atomic():
        moving = list(Post.objects.select_for_update().filter(thread=thread, number__gte=post.number).order_by("number"))
        new = Thread.objects.create(space=thread.space, title=title, author=moving[0].author,
                                    pseudonym=moving[0].pseudonym, content_warnings=moving[0].content_warnings,
                                    state=moving[0].state, last_post_at=moving[-1].created_at)
        for number, moved in enumerate(moving, start=1):
            Post.objects.filter(pk=moved.pk).update(thread=new, number=number)
        for thread_id in (thread.pk, new.pk):
            _thread_refresh(thread_id)
        space = thread.space
        if new.state == PostState.VISIBLE:
            Space.objects.filter(pk=space.pk).update(thread_count=F("thread_count") + 1)
        audit_record(actor=moderator, action="thread.split", target=new, organization=space.organization,
                     data={"from_thread": thread.pk, "from_post": post.number}, is_staff_action=True)
    new.refresh_from_db()
    return new


# --- Reactions, following, preferences ---------------------------------------------------

def reaction_toggle(*, person, post: Post, kind: str) -> Post:
    if kind not in REACTION_CODES:
        raise CommunityError(_("Please choose one of the reactions."))
    viewer = SpaceViewer(person, post.thread.space)
    if not viewer.can_read or post.state != PostState.VISIBLE:
        raise CommunityError(_("You can't react to this post."))
    with transaction.atomic():
        deleted, _rows = Reaction.objects.filter(post=post, person=person, kind=kind).delete()
        if not deleted:
            Reaction.objects.create(post=post, person=person, kind=kind)
        counts = dict(Reaction.objects.filter(post=post).values_list("kind").annotate(n=Count("id")))
        Post.objects.filter(pk=post.pk).update(reaction_counts=counts)
        post.reaction_counts = counts
    return post


def thread_follow(*, person, thread: Thread, follow: bool = True) -> bool:
    if follow:
        ThreadFollow.objects.get_or_create(thread=thread, person=person)
    else:
        ThreadFollow.objects.filter(thread=thread, person=person).delete()
    return follow


def reading_preference_update(*, person, collapse_warnings) -> ReadingPreference:
    codes = _clean_warnings(collapse_warnings)
    preference, _created = ReadingPreference.objects.update_or_create(
        person=person, defaults={"collapse_warnings": codes})
    return preference


MENTION = re.compile(r"(?<![\w@])@([\w][\w.\-]{1,59})", re.UNICODE)
