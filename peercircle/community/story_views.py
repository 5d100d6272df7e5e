"""Stories of hope: the published collection (open to everyone, signed in or not), one story,
sharing a story, a person's own stories, and the moderators' review of waiting stories.

Every form works without JavaScript; the list's filter is enhanced with HTMX. A story that is
not published is 404 to everyone except its author and its organization's moderators."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from peercircle.community import access
from peercircle.community import story_selectors as selectors
from peercircle.community.models import Byline, Story, StoryStatus
from peercircle.community.story_forms import ReviewForm, StoryFilterForm, StoryForm
from peercircle.community.story_services import (
    StoryError,
    story_review,
    story_submit,
    story_update,
    story_withdraw,
)
from peercircle.core.htmx import redirect_or_hx, render_page_or_partial

CRISIS_LEVELS = ("high", "imminent")


def _shown(stories, user):
    """What the templates need of each story, worked out once (no queries per story)."""
    collapsed = selectors.collapsed_warnings(user)
    for story in stories:
        story.shown_byline = selectors.shown_byline(story)
        story.warning_labels = selectors.warning_labels(story)
        story.folded = selectors.is_folded(story, collapsed)
        story.excerpt = selectors.excerpt(story)
    return stories


def stories(request):
    from peercircle.experiences.models import NodeKind
    from peercircle.experiences.selectors import taxonomy_tree

    form = StoryFilterForm(request.GET)
    form.is_valid()  # the valid fields still count when one is wrong
    data = form.cleaned_data
    asked = data.get("experience") or ""
    node = selectors.experience_node(asked)
    words = data.get("q") or ""
    found = selectors.published_stories(node=node, words=words) if node or not asked else Story.objects.none()
    page = Paginator(found, selectors.PER_PAGE).get_page(data.get("page") or 1)
    _shown(page.object_list, request.user)
    context = {"page": page, "words": words, "experience": node.code if node else asked, "node": node,
               "experience_roots": taxonomy_tree(kind=NodeKind.EXPERIENCE)}
    if request.htmx and request.htmx.history_restore_request:
        return render(request, "community/stories/list.html", context)
    return render_page_or_partial(request, "community/stories/list.html", context,
                                  partial="community/stories/_results.html")


def story(request, story_id: int):
    found = access.story_for(request.user, story_id)
    _shown([found], request.user)
    user = request.user
    is_author = user.is_authenticated and found.author_id == user.pk
    context = {"story": found, "is_author": is_author,
               "may_review": found.status == StoryStatus.SUBMITTED and access.may_review_story(user, found)}
    return render(request, "community/stories/detail.html", context)


def _organizations(user):
    return list(access.story_submission_organizations(user).filter(is_active=True))


def _display_name(user) -> str:
    profile = getattr(user, "profile", None)
    return profile.display_name if profile else ""


def _offer_crisis_support(request, saved: Story) -> None:
    if saved.screening_level in CRISIS_LEVELS:
        from peercircle.safety.crisis import crisis_support_offer

        crisis_support_offer(request)


@login_required
def story_new(request):
    from peercircle.experiences.models import NodeKind, PersonExperience

    organizations = _organizations(request.user)
    if not organizations:
        return render(request, "community/stories/new.html", {"organizations": []})
    initial = {"experiences": list(PersonExperience.objects.filter(user=request.user, node__kind=NodeKind.EXPERIENCE)
                                   .values_list("node__code", flat=True))}
    form = StoryForm(request.POST if request.method == "POST" else None, initial=initial,
                     organizations=organizations, display_name=_display_name(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            saved = story_submit(author=request.user, organization=form.chosen_organization(),
                                 **form.service_values())
        except StoryError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Thank you for sharing your story. A moderator of %(organization)s will "
                                        "read it, and we'll let you know when they have.") % {
                "organization": saved.organization.name})
            _offer_crisis_support(request, saved)
            return redirect_or_hx(request, reverse("community:my_stories"))
    return render_page_or_partial(request, "community/stories/new.html",
                                  {"form": form, "organizations": organizations},
                                  partial="community/stories/_form.html")


def _own(user, story_id: int) -> Story:
    found = Story.objects.select_related("organization").filter(pk=story_id, author=user).first()
    if found is None:
        raise Http404
    return found


@login_required
def story_edit(request, story_id: int):
    found = _own(request.user, story_id)
    if found.status != StoryStatus.SUBMITTED:
        messages.info(request, _("A moderator has already read this story, so it can't be changed now."))
        return redirect_or_hx(request, reverse("community:my_stories"))
    initial = {"title": found.title, "text": found.source, "byline": found.byline,
               "content_warnings": found.content_warnings,
               "experiences": [node.code for node in found.experiences.all()]}
    form = StoryForm(request.POST if request.method == "POST" else None, initial=initial, editing=True,
                     display_name=_display_name(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            saved = story_update(author=request.user, story=found, **form.service_values())
        except StoryError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Your changes are saved. Your story is still waiting for a moderator."))
            _offer_crisis_support(request, saved)
            return redirect_or_hx(request, reverse("community:my_stories"))
    return render_page_or_partial(request, "community/stories/edit.html", {"form": form, "story": found},
                                  partial="community/stories/_form.html")


@login_required
def story_withdraw_view(request, story_id: int):
    found = _own(request.user, story_id)
    if found.status not in (StoryStatus.SUBMITTED, StoryStatus.PUBLISHED):
        raise Http404
    if request.method == "POST":
        try:
            story_withdraw(author=request.user, story=found)
        except StoryError as error:
            messages.info(request, str(error))
        else:
            messages.success(request, _("Your story is withdrawn: nobody else can read it now."))
        return redirect_or_hx(request, reverse("community:my_stories"))
    return render(request, "community/stories/withdraw.html", {"story": found})


@login_required
def my_stories(request):
    return render(request, "community/stories/mine.html", {"stories": list(selectors.my_stories(request.user))})


# --- Moderators ---------------------------------------------------------------------------

@login_required
def review_list(request):
    if not access.may_review_stories(request.user):
        raise Http404
    waiting = _shown(list(selectors.review_queue(request.user)), request.user)
    return render(request, "community/stories/review_list.html",
                  {"waiting": waiting, "reviewed": list(selectors.recently_reviewed(request.user))})


@login_required
def review(request, story_id: int):
    found = Story.objects.filter(access.reviewable_stories_q(request.user), pk=story_id).select_related(
        "organization", "author__profile", "reviewed_by__profile").prefetch_related("experiences").first()
    if found is None:
        raise Http404
    _shown([found], request.user)
    # What readers would see: the moderator learns the author's name only when it is to be shown.
    found.byline_preview = (_display_name(found.author) if found.byline == Byline.NAME and found.author
                            else _("Anonymous"))
    form = ReviewForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            story_review(moderator=request.user, story=found, decision=form.cleaned_data["decision"],
                         note=form.cleaned_data["note"])
        except StoryError as error:
            form.add_error(None, str(error))
        else:
            if form.cleaned_data["decision"] == "publish":
                messages.success(request, _("“%(title)s” is published. The author has been told.") % {
                    "title": found.title})
            else:
                messages.success(request, _("“%(title)s” isn't published. The author has your note.") % {
                    "title": found.title})
            return redirect_or_hx(request, reverse("community:story_review_list"))
    return render(request, "community/stories/review.html", {"story": found, "form": form})
