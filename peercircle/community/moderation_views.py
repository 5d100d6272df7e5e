"""Moderators' pages for forum content — the queue of posts, deciding on a post, editing it
with a note, acting on its author, looking behind a pseudonym (audited), pinning, locking,
moving and splitting threads — and reporting a post, for everyone who can read it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from peercircle.community import services
from peercircle.community.access import SpaceViewer, moderated_spaces_q, post_for, thread_for
from peercircle.community.models import Post, Space
from peercircle.community.moderation_forms import (
    QUEUE_LEVELS,
    QUEUE_STATES,
    SCREENING_CATEGORIES,
    AccountActionForm,
    ModeratorEditForm,
    PostDecisionForm,
    RevealForm,
    SplitForm,
    ThreadModerationForm,
)
from peercircle.community.notices import shown_name
from peercircle.community.selectors import moderation_posts
from peercircle.community.services import CommunityError, post_edit, thread_move, thread_split
from peercircle.safety.content_checks import method_details
from peercircle.safety.forms import ReportForm
from peercircle.safety.models import ModerationAction
from peercircle.safety.moderation import ModerationError, moderation_action_create, report_create
from peercircle.safety.screening import LEVELS

QUEUE_SIZE = 100


def _moderated_post(user, post_id: int) -> tuple[Post, SpaceViewer]:
    post, viewer = post_for(user, post_id)
    if not viewer.is_moderator:
        raise Http404
    return post, viewer


@login_required
def queue(request):
    spaces = list(Space.objects.filter(moderated_spaces_q(request.user)).distinct().order_by("name"))
    if not spaces:
        raise Http404
    state = request.GET.get("state", "pending")
    level = request.GET.get("level", "")
    category = request.GET.get("category", "")
    space = request.GET.get("space", "")
    older = request.GET.get("older", "")
    categories = [code for code, _label in SCREENING_CATEGORIES]
    posts = moderation_posts(
        request.user, state="" if state == "flagged" else (state if state in ("pending", "hidden", "removed")
                                                            else "pending"),
        level=level if level in LEVELS else "", category=category if category in categories else "",
        space_slug=space, older_than_hours={"1": 1, "24": 24}.get(older))
    shown = list(posts[:QUEUE_SIZE])
    for post in shown:
        post.shown_name = shown_name(post)
    return render(request, "community/moderation/queue.html", {
        "posts": shown, "spaces": spaces, "state": state, "level": level, "category": category, "space": space,
        "older": older, "states": QUEUE_STATES, "levels": QUEUE_LEVELS, "categories": SCREENING_CATEGORIES})


@login_required
def post_moderate(request, post_id: int):
    post, viewer = _moderated_post(request.user, post_id)
    decision = PostDecisionForm(request.POST if request.POST.get("form") == "decision" else None)
    edit = ModeratorEditForm(request.POST if request.POST.get("form") == "edit" else None,
                             initial={"text": post.source})
    account = AccountActionForm(request.POST if request.POST.get("form") == "account" else None)
    reveal = RevealForm(request.POST if request.POST.get("form") == "reveal" else None)
    revealed_name = ""
    if request.method == "POST":
        try:
            if decision.is_bound and decision.is_valid():
                services.post_moderate(moderator=request.user, post=post, action=decision.cleaned_data["action"],
                                      reason=decision.cleaned_data["reason"])
                messages.success(request, _("Done. The author has been told, with your reason."))
                return redirect("community:queue")
            if edit.is_bound and edit.is_valid():
                post_edit(person=request.user, post=post, text=edit.cleaned_data["text"],
                          note=edit.cleaned_data["note"], as_moderator=True)
                messages.success(request, _("The post is edited. The author has been told why."))
                return redirect("community:post_moderate", post_id=post.pk)
            if account.is_bound and account.is_valid() and post.author is not None:
                data = account.cleaned_data
                moderation_action_create(moderator=request.user, subject=post.author,
                                         organization=_organization_id(post), kind=data["kind"],
                                         reason=data["reason"], days=data["days"], content=post)
                messages.success(request, _("Done. The person has been told why, and can appeal."))
                return redirect("community:post_moderate", post_id=post.pk)
            if reveal.is_bound and reveal.is_valid():
                author = services.pseudonym_reveal(moderator=request.user, post=post,
                                                  reason=reveal.cleaned_data["reason"])
                revealed_name = author.profile.display_name if hasattr(author, "profile") else author.email
        except (CommunityError, ModerationError) as error:
            for form in (decision, edit, account, reveal):
                if form.is_bound:
                    form.add_error(None, str(error))
    history = (ModerationAction.objects.filter(subject_id=post.author_id).order_by("-created_at")[:10]
               if post.author_id else [])
    return render(request, "community/moderation/post.html", {
        "post": post, "thread": post.thread, "space": post.thread.space, "author_name": shown_name(post),
        "decision": decision, "edit": edit, "account": account, "reveal": reveal, "revealed_name": revealed_name,
        "held_for": method_details(post.source), "revisions": post.revisions.select_related("edited_by__profile")[:20],
        "history": history})


def _organization_id(post: Post):
    from peercircle.safety.content import content_kind

    return content_kind(post).organization_id(post)


@login_required
def post_report(request, post_id: int):
    post, viewer = post_for(request.user, post_id)
    if post.author_id == request.user.pk or post.author is None:
        raise Http404
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            report_create(reporter=request.user, subject=post.author, reason=form.cleaned_data["reason"],
                          details=form.cleaned_data["details"], target=post)
        except ModerationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Thank you. A moderator will look at it; you'll see the outcome under My "
                                        "reports. If someone is in danger right now, call your local emergency "
                                        "number."))
            return redirect(reverse("community:post", args=[post.pk]))
    return render(request, "community/moderation/report.html",
                  {"form": form, "post": post, "author_name": shown_name(post)})


@login_required
def pseudonym_reveal(request, post_id: int):
    """Looking behind a pseudonym happens on the post's moderation page (a form with a reason)."""
    _moderated_post(request.user, post_id)
    return redirect("community:post_moderate", post_id=post_id)


@login_required
def thread_moderate(request, thread_id: int):
    thread, viewer = thread_for(request.user, thread_id)
    if not viewer.is_moderator:
        raise Http404
    spaces = [space for space in Space.objects.filter(moderated_spaces_q(request.user)).distinct().order_by("name")
              if space.pk != thread.space_id]
    settings_form = ThreadModerationForm(request.POST if request.POST.get("form") == "thread" else None,
                                         spaces=spaces, initial={"pinned": thread.is_pinned, "locked": thread.is_locked})
    split = SplitForm(request.POST if request.POST.get("form") == "split" else None)
    if request.method == "POST":
        try:
            if settings_form.is_bound and settings_form.is_valid():
                data = settings_form.cleaned_data
                services.thread_moderate(moderator=request.user, thread=thread, pinned=data["pinned"],
                                        locked=data["locked"])
                if data["move_to"]:
                    target = next((s for s in spaces if s.slug == data["move_to"]), None)
                    if target is None:
                        raise CommunityError(_("You can move a thread only between spaces you moderate."))
                    thread_move(moderator=request.user, thread=thread, to_space=target)
                messages.success(request, _("The thread is updated."))
                return redirect("community:thread_moderate", thread_id=thread.pk)
            if split.is_bound and split.is_valid():
                post = Post.objects.filter(thread=thread, number=split.cleaned_data["from_number"]).first()
                if post is None:
                    raise CommunityError(_("There is no reply with that number in this thread."))
                new = thread_split(moderator=request.user, post=post, title=split.cleaned_data["title"])
                messages.success(request, _("The replies are in their own thread now."))
                return redirect("community:thread_moderate", thread_id=new.pk)
        except CommunityError as error:
            for form in (settings_form, split):
                if form.is_bound:
                    form.add_error(None, str(error))
    return render(request, "community/moderation/thread.html",
                  {"thread": thread, "space": thread.space, "form": settings_form, "split": split,
                   "first_post_id": Post.objects.filter(thread=thread, number=1).values_list("pk", flat=True).first()})
