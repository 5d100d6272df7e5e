from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from peercircle.core.htmx import redirect_or_hx, render_page_or_partial
from peercircle.experiences.carried import carried_words, forget_words
from peercircle.experiences.forms import CommunityForm, ExperienceForm
from peercircle.experiences.models import NodeKind, PersonCommunity, PersonExperience
from peercircle.experiences.selectors import node_by_code, taxonomy_tree
from peercircle.experiences.services import (
    ExperienceError,
    community_add,
    community_remove,
    experience_add,
    experience_remove,
    experience_update,
)


def _mine(user):
    return {
        "experiences": PersonExperience.objects.filter(user=user).select_related("node", "node__parent"),
        "communities": PersonCommunity.objects.filter(user=user).select_related("node"),
    }


@login_required
def my_experiences(request):
    # "Use this" on a suggestion comes back here with the code chosen in the form, to confirm;
    # words carried from sign-up wait in the private story box, to keep or to clear.
    chosen = request.GET.get("code", "")
    carried = carried_words(request)
    initial = {"code": chosen} if chosen else {}
    if carried and chosen:
        initial["story"] = carried["text"]
    form = ExperienceForm(request.POST or None, initial=initial or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                experience_add(user=request.user, **form.cleaned_data)
            except ExperienceError as error:
                form.add_error(None, str(error))
            else:
                forget_words(request)  # chosen: kept as the story, or cleared by the person
                messages.success(request, _("Added. You can change or remove it at any time."))
                return redirect_or_hx(request, request.path)
    # An invalid form answers 200 even to HTMX: htmx 2 does not swap 4xx responses, so the
    # errors would never be shown (and the browser logs the 4xx as a console error).
    context = {"form": form, "community_form": CommunityForm(), **_mine(request.user)}
    return render_page_or_partial(request, "experiences/mine.html", context,
                                  partial="experiences/_add_form.html")


@login_required
def experience_edit(request, pk):
    experience = get_object_or_404(PersonExperience.objects.select_related("node"), pk=pk, user=request.user)
    initial = {"relation": experience.relation, "stage": experience.stage, "since": experience.since,
               "visibility": experience.visibility, "story": experience.story}
    form = ExperienceForm(request.POST or None, initial=initial, editing=True)
    if request.method == "POST" and form.is_valid():
        try:
            experience_update(user=request.user, experience=experience, **form.cleaned_data)
        except ExperienceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Your changes are saved."))
            return redirect_or_hx(request, "/me/experiences/")
    return render(request, "experiences/edit.html", {"form": form, "experience": experience})


@login_required
@require_POST
def experience_delete(request, pk):
    experience = get_object_or_404(PersonExperience, pk=pk, user=request.user)
    experience_remove(user=request.user, experience=experience)
    messages.success(request, _("Removed."))
    return redirect_or_hx(request, "/me/experiences/")


@login_required
@require_POST
def community_create(request):
    form = CommunityForm(request.POST)
    if form.is_valid():
        try:
            community_add(user=request.user, **form.cleaned_data)
            messages.success(request, _("Added."))
        except ExperienceError as error:
            messages.error(request, str(error))
    else:
        messages.error(request, _("Please choose a community from the list."))
    return redirect_or_hx(request, "/me/experiences/")


@login_required
@require_POST
def community_delete(request, pk):
    community = get_object_or_404(PersonCommunity, pk=pk, user=request.user)
    community_remove(user=request.user, community=community)
    messages.success(request, _("Removed."))
    return redirect_or_hx(request, "/me/experiences/")


def taxonomy(request):
    return render(request, "experiences/taxonomy.html", {
        "experience_roots": taxonomy_tree(kind=NodeKind.EXPERIENCE),
        "community_roots": taxonomy_tree(kind=NodeKind.COMMUNITY),
    })


def taxonomy_node(request, code):
    node = node_by_code(code)
    if node is None:
        from django.http import Http404

        raise Http404
    return render(request, "experiences/node.html", {"node": node})


@login_required
def experience_suggest(request):
    """Suggestions for what someone wrote in their own words, to choose from (nothing is
    added until they confirm it in the form). POST, so their words stay out of addresses and
    logs; nothing they wrote is stored. GET shows the suggestions for the words they wrote at
    sign-up (carried in their session), or sends them to their experiences."""
    from peercircle.experiences.suggest import suggest_for_person

    if request.method == "GET":
        return _suggest_carried(request)
    words = (request.POST.get("words") or "").strip()[:5000]
    context = {"words": words, "suggested": None, "help_now": False}
    if not words:
        context["suggest_error"] = _("Tell us a little about what you are going through, in your own words.")
    else:
        lang = getattr(request, "LANGUAGE_CODE", "en")[:2]
        context["suggested"], context["help_now"] = suggest_for_person(words, lang=lang)
    if request.htmx:
        return render(request, "experiences/_suggestions.html", context)
    form = ExperienceForm()
    return render(request, "experiences/mine.html",
                  {"form": form, "community_form": CommunityForm(), **_mine(request.user), **context})


def _suggest_carried(request):
    from peercircle.experiences.suggest import suggest_for_person

    carried = carried_words(request)
    if not carried:
        return redirect("experiences:mine")
    suggested, help_now = suggest_for_person(carried["text"], lang=carried["lang"])
    context = {"words": carried["text"], "suggested": suggested, "help_now": help_now or carried["help_now"],
               "carried": True, "form": ExperienceForm(), "community_form": CommunityForm(), **_mine(request.user)}
    return render(request, "experiences/mine.html", context)


@login_required
@require_POST
def carried_forget(request):
    forget_words(request)
    messages.success(request, _("Done: what you wrote when you signed up is gone."))
    return redirect_or_hx(request, "/me/experiences/")
