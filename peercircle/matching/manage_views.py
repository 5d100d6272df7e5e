"""A 1:1 program's matching page for its organization's admins: the waiting list and why a
request has no match, matching the whole list at once, the program's matches, the weights, and
the supporters who serve it. Each form posts to its own address and comes back to the page;
anyone but the organization's admins gets 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from peercircle.accounts.access import name_shown_to_organization
from peercircle.core.htmx import redirect_or_hx
from peercircle.matching import selectors
from peercircle.matching.forms import BatchForm, SettingsForm
from peercircle.matching.models import (
    OPEN_MATCH_STATUSES,
    MatchStatus,
    SupportRequest,
)
from peercircle.matching.present import status_for_admins
from peercircle.matching.services import (
    MatchingError,
    settings_update,
    supporter_program_set,
    waiting_list_match,
)
from peercircle.matching.why import summary, why_steps


def _program(request, slug, program):
    return selectors.program_for_admin(request.user, organization_slug=slug, program_slug=program)


def _page(program) -> str:
    return f"/organizations/{program.organization.slug}/manage/programs/{program.slug}/matching/"


def person_name(user) -> str:
    return name_shown_to_organization(getattr(user, "profile", None)) or _("A member")


def supporter_name(user) -> str:
    """A supporter who shows no name to their organization is still told apart from the others."""
    return (name_shown_to_organization(getattr(user, "profile", None))
            or _("Supporter #%(number)s") % {"number": user.pk})


def _settings_initial(program) -> dict:
    found = selectors.matching_settings(program)
    initial = {f"weight_{name}": value for name, value in found.weights.items()}
    initial.update(wait_bonus_per_week=found.wait_bonus_per_week, longest_wait_days=found.longest_wait_days,
                   answer_within_days=found.answer_within_days)
    return initial


def _why(program, support_request) -> dict:
    spec = selectors.request_spec(support_request)
    steps = why_steps(spec)
    return {"steps": steps, "summary": summary(steps)}


def _context(request, program, **forms) -> dict:
    waiting = list(selectors.program_waiting_list(program))
    for support_request in waiting:
        support_request.shown_name = person_name(support_request.user)
    why_for = request.GET.get("why", "")
    why = {}
    chosen = next((r for r in waiting if str(r.pk) == why_for), None)
    if chosen is not None:
        why = {"request": chosen, **_why(program, chosen)}
    matches = selectors.program_matches(program)
    status = request.GET.get("status", "")
    if status == "open":
        matches = matches.filter(status__in=OPEN_MATCH_STATUSES)
    page = Paginator(matches, 25).get_page(request.GET.get("page"))
    for match in page:
        match.member_shown = person_name(match.member)
        match.supporter_shown = supporter_name(match.supporter)
        match.status_shown = status_for_admins(match)
    supporters = list(selectors.program_supporters(program))
    for link in supporters:
        link.shown_name = supporter_name(link.supporter.user)
    counts = {row["status"]: row["n"] for row in program.matches.values("status").order_by().annotate(
        n=Count("pk"))}
    return {
        "program": program, "organization": program.organization, "waiting": waiting, "why": why,
        "page": page, "status": status, "supporters": supporters,
        "to_add": [(p, supporter_name(p.user)) for p in selectors.supporters_to_add(program)],
        "without_profile": selectors.peer_supporters_without_profile(program),
        "settings_form": forms.get("settings_form") or SettingsForm(initial=_settings_initial(program)),
        "batch_form": BatchForm(),
        "counts": {"proposed": counts.get(MatchStatus.PROPOSED, 0) + counts.get(MatchStatus.SUPPORTER_ACCEPTED, 0),
                   "active": counts.get(MatchStatus.ACTIVE, 0)},
    }


@login_required
def matching_page(request, slug, program):
    program = _program(request, slug, program)
    return render(request, "matching/manage.html", _context(request, program))


@login_required
def why(request, slug, program, pk):
    """Why one waiting request has no match: the HTMX answer fills its row; without JavaScript
    the whole page comes back with the answer under the request."""
    program = _program(request, slug, program)
    support_request = get_object_or_404(SupportRequest, pk=pk, program=program)
    if not request.htmx:
        return redirect(f"{_page(program)}?why={support_request.pk}#request-{support_request.pk}")
    return render(request, "matching/_why.html", {"program": program, "support_request": support_request,
                                                  **_why(program, support_request)})


@login_required
@require_POST
def run_batch(request, slug, program):
    program = _program(request, slug, program)
    form = BatchForm(request.POST)
    method = form.cleaned_data["method"] if form.is_valid() else "optimal"
    outcome = waiting_list_match(actor=request.user, program=program, method=method)
    proposed = len(outcome.proposed)
    messages.success(request, " ".join([
        ngettext("Proposed %(count)s match.", "Proposed %(count)s matches.", proposed) % {"count": proposed},
        ngettext("%(count)s person is still waiting.", "%(count)s people are still waiting.", outcome.waiting)
        % {"count": outcome.waiting}]))
    return redirect_or_hx(request, _page(program) + "#waiting-h")


@login_required
@require_POST
def settings_save(request, slug, program):
    program = _program(request, slug, program)
    form = SettingsForm(request.POST)
    if form.is_valid():
        try:
            settings_update(actor=request.user, program=program, **form.service_values())
        except MatchingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The matching settings are saved. They apply to the next proposals."))
            return redirect_or_hx(request, _page(program) + "#settings-h")
    return render(request, "matching/manage.html", _context(request, program, settings_form=form))


@login_required
@require_POST
def supporter_set(request, slug, program):
    """Add a peer supporter to the program, change what the program says about them, or take
    them off it."""
    program = _program(request, slug, program)
    serves = request.POST.get("action") != "remove"
    supporter = selectors.supporter_for_program_admin(program, request.POST.get("supporter"), adding=serves)
    try:
        supporter_program_set(actor=request.user, supporter=supporter, program=program, serves=serves,
                              certified=request.POST.get("certified") == "on",
                              youth_trained=request.POST.get("youth_trained") == "on")
    except MatchingError as error:
        messages.error(request, str(error))
    else:
        name = supporter_name(supporter.user)
        messages.success(request, _("%(name)s is saved.") % {"name": name} if serves
                         else _("%(name)s no longer serves this program. Their current matches go on.")
                         % {"name": name})
    return redirect_or_hx(request, _page(program) + "#supporters-h")
