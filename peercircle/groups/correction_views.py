"""Suggesting a correction to a group's listing (anyone, signed in or not) and the
facilitators' review queue: one per group, and one across every group a person runs."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from peercircle.core.htmx import redirect_or_hx, render_page_or_partial
from peercircle.groups.forms import CorrectionForm, ResolveForm
from peercircle.groups.manage_views import manageable_group
from peercircle.groups.models import CorrectionStatus
from peercircle.groups.selectors import (
    correction_for_viewer,
    group_corrections,
    group_for_viewer,
    managed_corrections,
    with_suggester_names,
)
from peercircle.groups.services import (
    GroupError,
    listing_correction_resolve,
    listing_correction_suggest,
)

QUEUE_PAGE_SIZE = 25
# Set when the words sent sound like someone may be struggling right now (see safety.screening).
OFFER_HELP = "correction_offer_help"


def correction_suggest(request, slug):
    """The form behind "Something wrong with this listing?". Works signed out; a refused
    suggestion comes back with what the person wrote (htmx swaps in just the form)."""
    group, viewer = group_for_viewer(slug=slug, user=request.user)
    signed_in = request.user.is_authenticated
    form = CorrectionForm(request.POST if request.method == "POST" else None, signed_in=signed_in)
    if request.method == "POST" and form.is_valid():
        try:
            correction = listing_correction_suggest(user_or_none=request.user, group=group, **form.service_values())
        except GroupError as error:
            form.add_error(None, str(error))
        else:
            request.session[OFFER_HELP] = correction.sounds_like_crisis
            return redirect_or_hx(request, reverse("groups:correction_thanks", args=[group.slug]))
    return render_page_or_partial(request, "groups/correction_suggest.html",
                                  {"group": group, "viewer": viewer, "form": form},
                                  partial="groups/_correction_form.html")


def correction_thanks(request, slug):
    group, viewer = group_for_viewer(slug=slug, user=request.user)
    return render(request, "groups/correction_thanks.html", {
        "group": group, "viewer": viewer, "offer_help": request.session.pop(OFFER_HELP, False)})


def _queue(request, corrections, *, template_context: dict, viewer=None, failed: dict | None = None):
    page = Paginator(corrections, QUEUE_PAGE_SIZE).get_page(request.GET.get("page"))
    items = with_suggester_names(user=request.user, corrections=page.object_list, viewer=viewer)
    return render(request, "groups/corrections.html", {
        **template_context, "page": page, "items": items, "failed": failed or {},
        "open_status": CorrectionStatus.OPEN,
    })


@login_required
def correction_queue(request, slug):
    group, viewer = manageable_group(request, slug)
    return _queue(request, group_corrections(group=group, viewer=viewer), viewer=viewer,
                  template_context={"group": group})


@login_required
def correction_queue_all(request):
    return _queue(request, managed_corrections(user=request.user), template_context={"group": None})


@login_required
@require_POST
def correction_resolve(request, slug, correction_id):
    group, viewer = manageable_group(request, slug)
    correction = correction_for_viewer(group=group, viewer=viewer, correction_id=correction_id)
    form = ResolveForm(request.POST)
    from_all = request.POST.get("back") == "all"
    back = reverse("groups:corrections_all") if from_all else reverse("groups:corrections", args=[group.slug])
    try:
        if not form.is_valid():
            raise GroupError(_("Please choose Done or Dismiss."))
        listing_correction_resolve(actor=request.user, correction=correction, **form.cleaned_data)
    except GroupError as error:
        # The queue again, with the reply the facilitator wrote still in its box.
        failed = {"id": correction.pk, "error": str(error), "note": request.POST.get("note", ""),
                  "confirm_details": bool(request.POST.get("confirm_details"))}
        if from_all:
            return _queue(request, managed_corrections(user=request.user), template_context={"group": None},
                          failed=failed)
        return _queue(request, group_corrections(group=group, viewer=viewer), viewer=viewer,
                      template_context={"group": group}, failed=failed)
    if form.cleaned_data["outcome"] == CorrectionStatus.DONE:
        message = _("Marked as done. Thank you for keeping the listing right.")
    else:
        message = _("Suggestion dismissed.")
    if form.cleaned_data["confirm_details"]:
        message += " " + _("The listing now shows its details were confirmed today.")
    messages.success(request, message)
    return redirect_or_hx(request, back)
