"""Forum pages: spaces, threads, posts. Thin adapters over services and selectors.

Every form works without JavaScript; reactions and following answer HTMX in place. Nothing a
person wrote is lost on the way: a refused post comes back with its words, and someone sent to
accept a space's rules first finds their draft waiting when they return. Anything a person may
not see is 404 (access.py decides)."""

from urllib.parse import quote

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from peercircle.community import selectors
from peercircle.community.access import can_edit_post, post_for, space_for, thread_for
from peercircle.community.forms import EditForm, ReadingPreferenceForm, ReplyForm, ThreadForm
from peercircle.community.models import (
    ContentWarning,
    Post,
    PostState,
    Pseudonym,
    Reaction,
    ReactionKind,
    RulesAcceptance,
)
from peercircle.community.notices import shown_name
from peercircle.community.selectors import ShownPost, page_of_post
from peercircle.community.services import (
    CommunityError,
    post_create,
    post_edit,
    reaction_toggle,
    reading_preference_update,
    rules_accept,
    space_for_group,
    thread_create,
    thread_follow,
)
from peercircle.core.fragments import fragment_key
from peercircle.core.htmx import redirect_or_hx
from peercircle.core.timezones import person_zone

DRAFTS = "community.drafts"
DRAFTS_KEPT = 5


# --- small helpers ------------------------------------------------------------------------------

def _zone(user) -> str:
    return person_zone(user, settings.TIME_ZONE).key


def _warning_labels(codes) -> list[str]:
    labels = dict(ContentWarning.choices)
    return [str(labels[code]) for code in codes or () if code in labels]


def post_url(post) -> str:
    """The thread page, at the page and place where the post is."""
    url = reverse("community:thread", args=[post.thread_id])
    page = page_of_post(post)
    return f"{url}?page={page}#post-{post.number}" if page > 1 else f"{url}#post-{post.number}"


def _safe_next(request, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target.startswith("/") and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                                   require_https=request.is_secure()):
        return target
    return fallback


def _keep_draft(request, key: str, data: dict) -> None:
    """Keep what the person wrote while they read the rules (a few drafts at most)."""
    drafts = dict(request.session.get(DRAFTS, {}))
    drafts.pop(key, None)
    drafts[key] = {name: data.get(name) for name in ("title", "text", "content_warnings", "anonymous", "quote")
                   if data.get(name) not in (None, "", [])}
    request.session[DRAFTS] = dict(list(drafts.items())[-DRAFTS_KEPT:])


def _take_draft(request, key: str) -> dict:
    drafts = dict(request.session.get(DRAFTS, {}))
    draft = drafts.pop(key, None)
    if draft is not None:
        request.session[DRAFTS] = drafts
    return draft or {}


def _draft_from_post(request) -> dict:
    return {"title": request.POST.get("title", ""), "text": request.POST.get("text", ""),
            "content_warnings": request.POST.getlist("content_warnings"),
            "anonymous": bool(request.POST.get("anonymous")), "quote": request.POST.get("quote", "")}


def _to_rules(request, space, key: str, back: str):
    """The person hasn't accepted this space's rules (or they changed): show them first, then
    come back here with anything they had typed."""
    if request.method == "POST":
        _keep_draft(request, key, _draft_from_post(request))
    return redirect_or_hx(request, f"{reverse('community:rules', args=[space.slug])}?next={quote(back)}")


def _poster_context(request, space) -> dict:
    """Who the person posts as here: their display name, and their pseudonym if they have one."""
    profile = getattr(request.user, "profile", None)
    pseudonym = Pseudonym.objects.filter(space=space, person=request.user).values_list("name", flat=True).first()
    return {"posting_as": profile.display_name if profile else "", "pseudonym_name": pseudonym or ""}


def _posts_under_pseudonym(user, thread, items=()) -> bool:
    """Whether the person has written in this thread under their pseudonym, so a reply starts
    that way too (replying by name under one's own pseudonymous thread would give them away)."""
    if thread.author_id == user.pk and thread.pseudonym_id is not None:
        return True
    return any(item.post.author_id == user.pk and item.post.pseudonym_id for item in items)


def _after_posting(request, post, *, thread_started: bool) -> None:
    if post.screening_level in ("high", "imminent"):
        from peercircle.safety.crisis import crisis_support_offer

        crisis_support_offer(request)
    if post.state == PostState.PENDING:
        messages.info(request, _("Your post is saved, but nobody else can see it yet: it is waiting for a "
                                 "moderator. %(reason)s") % {"reason": post.state_reason})
    elif thread_started:
        messages.success(request, _("Your thread is up. You'll be told when someone replies."))
    else:
        messages.success(request, _("Your reply is up."))


# --- the forums' front page ---------------------------------------------------------------------

def index(request):
    """The spaces a person can read, by who can read them. Signed out: what the forums are."""
    if not request.user.is_authenticated:
        return render(request, "community/welcome.html")
    from peercircle.groups.models import GroupMembership, GroupStatus

    by_kind = selectors.spaces_for(request.user)
    with_space = {space.group_id for space in by_kind["group"]}
    groups_without_space = [m.group for m in GroupMembership.objects.active().filter(
        user=request.user, group__status=GroupStatus.ACTIVE).select_related("group").order_by("group__name")
        if m.group_id not in with_space]
    return render(request, "community/index.html", {
        "topic_spaces": by_kind["topic"], "organization_spaces": by_kind["organization"],
        "group_spaces": by_kind["group"], "groups_without_space": groups_without_space,
        "zone": _zone(request.user),
    })


# --- a space ------------------------------------------------------------------------------------

@login_required
def space(request, slug: str):
    space, viewer = space_for(request.user, slug)
    page = selectors.thread_page(viewer, request.GET.get("page"))
    for thread in page.items:
        thread.shown_name = shown_name(thread)
        thread.warning_labels = _warning_labels(thread.content_warnings)
    zone = _zone(request.user)
    # The rows are rendered once for everyone who would see exactly these (core/fragments.py).
    rows_key = fragment_key(zone, [(thread.pk, thread.title, thread.is_pinned, thread.is_locked,
                                    thread.warning_labels, thread.shown_name, thread.reply_count,
                                    thread.last_post_at) for thread in page.items])
    waiting = selectors.my_waiting_threads(viewer)
    if waiting:
        reasons = dict(Post.objects.filter(thread__in=waiting, number=1).values_list("thread_id", "state_reason"))
        for thread in waiting:
            thread.state_reason = reasons.get(thread.pk, "")
    return render(request, "community/space.html", {
        "space": space, "viewer": viewer, "page": page, "waiting": waiting,
        "cannot_post": viewer.cannot_post_because(), "zone": zone, "rows_key": rows_key,
    })


@login_required
def rules(request, slug: str):
    space, viewer = space_for(request.user, slug)
    back = _safe_next(request, reverse("community:space", args=[space.slug]))
    if request.method == "POST":
        rules_accept(person=request.user, space=space)
        kept = any(key.split(":")[1] == str(space.pk) for key in request.session.get(DRAFTS, {}))
        messages.success(request, _("Thank you for accepting the rules. Your words are still here: post when "
                                    "you're ready.") if kept else _("Thank you for accepting the rules."))
        return redirect(back)
    earlier = RulesAcceptance.objects.filter(space=space, person=request.user).first()
    return render(request, "community/rules.html", {
        "space": space, "next": back, "accepted": viewer.accepted_rules,
        "changed": earlier is not None and earlier.version < space.rules_version,
    })


@login_required
def thread_new(request, slug: str):
    space, viewer = space_for(request.user, slug)
    context = {"space": space, **_poster_context(request, space)}
    reason = viewer.cannot_post_because()
    if reason:
        return render(request, "community/thread_new.html", {**context, "cannot_post": reason})
    key = f"thread:{space.pk}"
    if not viewer.accepted_rules:
        return _to_rules(request, space, key, reverse("community:thread_new", args=[space.slug]))
    form = ThreadForm(request.POST if request.method == "POST" else None, initial=_take_draft(request, key),
                      space=space)
    if request.method == "POST" and form.is_valid():
        try:
            thread = thread_create(person=request.user, space=space, **form.service_values())
        except CommunityError as error:
            form.add_error(None, str(error))
        else:
            post = thread.posts.get(number=1)
            _after_posting(request, post, thread_started=True)
            return redirect(post_url(post))
    return render(request, "community/thread_new.html", {**context, "form": form})


# --- a thread -----------------------------------------------------------------------------------

# Links every post on a page carries: each name is reversed once a page, then the post's id put in.
_POST_LINKS = ("react", "post_edit", "post_history", "post_report", "pseudonym_reveal", "post_moderate")
_MARK = "2147483647"


def _post_links_maker():
    patterns = {name: reverse(f"community:{name}", args=[int(_MARK)]) for name in _POST_LINKS}
    return lambda post_id: {name: url.replace(_MARK, str(post_id)) for name, url in patterns.items()}


def _reaction_rows(item: ShownPost, post) -> None:
    labels = dict(ReactionKind.choices)
    counts = post.reaction_counts or {}
    item.reactions = [(kind, labels[kind], counts.get(kind, 0), kind in item.my_reactions)
                      for kind in ReactionKind.values]
    item.reaction_names = [(labels[kind], names) for kind, names in item.reacted_by.items() if names]


def _dress(items, viewer, user, collapse: set[str]) -> None:
    """What the page needs for each post, worked out from what is already loaded."""
    links = _post_links_maker()
    for item in items:
        post = item.post
        item.links = links(post.pk)
        item.label = _("post %(number)s") % {"number": post.number}  # for screen readers: "Quote post 3"
        post.warning_labels = _warning_labels(post.content_warnings)
        item.is_mine = post.author_id is not None and post.author_id == user.pk
        if item.is_mine:  # they wrote it: nothing to be warned about
            item.collapsed = False
        item.can_edit = item.is_mine and can_edit_post(user, post)
        item.can_see_history = post.edit_count > 0 and (item.is_mine or viewer.is_moderator)
        quoted = post.quote_of if post.quote_of_id else None
        item.quote = quoted if (quoted is not None and quoted.state == PostState.VISIBLE
                                and quoted.author_id not in viewer.hidden_authors) else None
        item.quote_collapsed = bool(item.quote and set(item.quote.content_warnings) & collapse)
        if item.quote:
            item.quote.warning_labels = _warning_labels(item.quote.content_warnings)
        _reaction_rows(item, post)


@login_required
def thread(request, thread_id: int):
    thread, viewer = thread_for(request.user, thread_id)
    space = thread.space
    collapse = selectors.collapse_set(request.user)
    page = selectors.post_page(viewer, thread, request.GET.get("page"), collapse=collapse)
    _dress(page.items, viewer, request.user, collapse)
    cannot_post = viewer.cannot_post_because(thread)
    form = None
    if not cannot_post:
        initial = {"anonymous": _posts_under_pseudonym(request.user, thread, page.items)}
        form = ReplyForm(initial=initial | _take_draft(request, f"reply:{space.pk}:{thread.pk}"), space=space)
    return render(request, "community/thread.html", {
        "space": space, "thread": thread, "viewer": viewer, "page": page, "form": form,
        "cannot_post": cannot_post, "following": selectors.is_following(request.user, thread),
        "has_warnings": any(item.post.content_warnings for item in page.items if not item.placeholder),
        "reply_url": reverse("community:reply", args=[thread.pk]),
        "zone": _zone(request.user), **_poster_context(request, space),
    })


def _quotable(viewer, thread, quote_id):
    try:
        quote_id = int(quote_id)
    except (TypeError, ValueError):
        return None
    quoted = (Post.objects.select_related("pseudonym", "author", "author__profile")
              .filter(pk=quote_id, thread=thread, state=PostState.VISIBLE).first())
    if quoted is None or not viewer.sees_post(quoted):
        return None
    quoted.shown_name = shown_name(quoted)
    quoted.warning_labels = _warning_labels(quoted.content_warnings)
    return quoted


@login_required
def reply(request, thread_id: int):
    """The reply form on its own page: for quoting (?quote=<post>), and to come back to when a
    reply could not be posted, with its words."""
    thread, viewer = thread_for(request.user, thread_id)
    space = thread.space
    key = f"reply:{space.pk}:{thread.pk}"
    cannot_post = viewer.cannot_post_because(thread)
    if not cannot_post and not viewer.accepted_rules:
        back = request.get_full_path() if request.method == "GET" else reverse("community:reply", args=[thread.pk])
        return _to_rules(request, space, key, back)
    draft = {"anonymous": _posts_under_pseudonym(request.user, thread)}
    if request.method == "GET":
        draft |= _take_draft(request, key)
    if request.method == "GET" and request.GET.get("quote"):
        draft["quote"] = request.GET["quote"]
    form = ReplyForm(request.POST if request.method == "POST" else None, initial=draft, space=space)
    quoted = _quotable(viewer, thread, (form.data.get("quote") if form.is_bound else draft.get("quote")))
    if request.method == "POST" and form.is_valid():
        if cannot_post:
            form.add_error(None, cannot_post)
        else:
            try:
                post = post_create(person=request.user, thread=thread, quote_of=quoted, **form.service_values())
            except CommunityError as error:
                form.add_error(None, str(error))
            else:
                _after_posting(request, post, thread_started=False)
                return redirect(post_url(post))
    collapse = selectors.collapse_set(request.user) if quoted else set()
    return render(request, "community/reply.html", {
        "space": space, "thread": thread, "form": form, "quoted": quoted,
        "quote_collapsed": bool(quoted and set(quoted.content_warnings) & collapse),
        "cannot_post": cannot_post if not form.is_bound else "", **_poster_context(request, space),
    })


@login_required
@require_POST
def follow(request, thread_id: int):
    thread, _viewer = thread_for(request.user, thread_id)
    following = thread_follow(person=request.user, thread=thread, follow=request.POST.get("follow") == "1")
    if request.htmx:
        return render(request, "community/_follow.html", {"thread": thread, "following": following})
    messages.success(request, _("You follow this thread: you'll be told about new replies.") if following
                     else _("You no longer follow this thread."))
    return redirect(reverse("community:thread", args=[thread.pk]))


@login_required
@require_POST
def react(request, post_id: int):
    post, viewer = post_for(request.user, post_id)
    try:
        post = reaction_toggle(person=request.user, post=post, kind=request.POST.get("kind", ""))
    except CommunityError as error:
        if request.htmx:
            return render(request, "community/_reactions.html", {"item": None, "error": str(error)})
        messages.error(request, str(error))
        return redirect(post_url(post))
    if not request.htmx:
        return redirect(post_url(post))
    mine = set(Reaction.objects.filter(post=post, person=request.user).values_list("kind", flat=True))
    names = {}
    if post.author_id == request.user.pk:
        names = selectors.reaction_names([post.pk], post.thread.space).get(post.pk, {})
    item = ShownPost(post=post, collapsed=False, my_reactions=mine, reacted_by=names)
    item.links = _post_links_maker()(post.pk)
    _reaction_rows(item, post)
    return render(request, "community/_reactions.html", {"item": item})


# --- a post: edit and history -------------------------------------------------------------------

@login_required
def edit(request, post_id: int):
    post, viewer = post_for(request.user, post_id)
    is_author = post.author_id == request.user.pk
    as_moderator = not is_author and viewer.is_moderator
    if not (as_moderator or can_edit_post(request.user, post)):
        raise Http404
    was_visible = post.state == PostState.VISIBLE
    form = EditForm(request.POST if request.method == "POST" else None, as_moderator=as_moderator,
                    initial={"text": post.source, "content_warnings": post.content_warnings})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            post = post_edit(person=request.user, post=post, text=data["text"] or "",
                             content_warnings=data["content_warnings"], note=data.get("note") or "",
                             as_moderator=as_moderator)
        except CommunityError as error:
            form.add_error(None, str(error))
        else:
            if post.screening_level in ("high", "imminent") and not as_moderator:
                from peercircle.safety.crisis import crisis_support_offer

                crisis_support_offer(request)
            if was_visible and post.state == PostState.PENDING:
                messages.info(request, _("Your post is saved, but nobody else can see it for now: it is waiting "
                                         "for a moderator. %(reason)s") % {"reason": post.state_reason})
            else:
                messages.success(request, _("Your changes are saved. The earlier wording is kept in the post's "
                                            "history."))
            return redirect(post_url(post))
    return render(request, "community/post_edit.html", {
        "post": post, "thread": post.thread, "space": post.thread.space, "form": form, "as_moderator": as_moderator})


@login_required
def history(request, post_id: int):
    """Earlier wordings of a post: for its author and the space's moderators only."""
    post, viewer = post_for(request.user, post_id)
    if not (post.author_id == request.user.pk or viewer.is_moderator):
        raise Http404
    revisions = list(post.revisions.all())
    for revision in revisions:
        revision.by_moderator = revision.edited_by_id != post.author_id
        revision.warning_labels = _warning_labels(revision.content_warnings)
    post.warning_labels = _warning_labels(post.content_warnings)
    post.shown_name = shown_name(post)
    return render(request, "community/post_history.html", {
        "post": post, "thread": post.thread, "space": post.thread.space, "revisions": revisions,
        "zone": _zone(request.user)})


@login_required
def post_link(request, post_id: int):
    """A lasting link to one post: its thread, at the page and place where it is."""
    post, _viewer = post_for(request.user, post_id)
    return redirect(post_url(post))


# --- reading preferences and a group's space ----------------------------------------------------

@login_required
def reading_preferences(request):
    form = ReadingPreferenceForm(request.POST if request.method == "POST" else None,
                                 initial={"collapse_warnings": sorted(selectors.collapse_set(request.user))})
    if request.method == "POST" and form.is_valid():
        try:
            reading_preference_update(person=request.user,
                                      collapse_warnings=form.cleaned_data["collapse_warnings"])
        except CommunityError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Saved. Posts with the warnings you ticked stay folded until you open them."))
            return redirect(_safe_next(request, reverse("community:reading_preferences")))
    return render(request, "community/reading_preferences.html", {
        "form": form, "next": _safe_next(request, "")})


@login_required
def group_space(request, slug: str):
    """The group's private space, for its active members only (anyone else: 404)."""
    from peercircle.groups.selectors import group_for_viewer

    group, viewer = group_for_viewer(slug=slug, user=request.user)
    if not viewer.is_member:
        raise Http404
    space = space_for_group(group=group)
    return redirect(reverse("community:space", args=[space.slug]))
