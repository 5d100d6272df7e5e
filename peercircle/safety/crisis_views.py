from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from peercircle.safety.crisis import (
    crisis_plan_of,
    crisis_support_context,
    known_countries,
    shared_crisis_plan_for_match,
    valid_country,
)
from peercircle.safety.crisis_forms import CrisisLineForm, CrisisPlanForm
from peercircle.safety.crisis_services import (
    CrisisError,
    crisis_line_create,
    crisis_line_delete,
    crisis_line_update,
    crisis_plan_delete,
    crisis_plan_read_by_supporter,
    crisis_plan_save,
)
from peercircle.safety.models import CrisisLine, CrisisPlan


def help_now(request):
    """Lines for the person's country (or the one they pick; a plain GET form, no script needed)."""
    chosen = valid_country(request.GET.get("country"))
    context = crisis_support_context(request.user, request, chosen_country=chosen)
    countries = known_countries()
    if context["crisis_country"] and context["crisis_country"] not in dict(countries):
        countries = [(context["crisis_country"], context["crisis_country"]), *countries]
    return render(request, "core/help_now.html", {**context, "countries": countries})


@login_required
def ask_to_talk(request):
    """From "Need help now?": ask a moderator to reach out (a POST; the page explains first)."""
    from django.urls import reverse

    from peercircle.safety.alerts import TalkRequestError, talk_request_create

    if request.method != "POST":
        return redirect(reverse("help_now") + "#talk-to-someone")
    try:
        talk_request_create(user=request.user)
    except TalkRequestError as error:
        messages.info(request, str(error))
    else:
        messages.success(request, _("A moderator has been told and will reach out to you here on PeerCircle — "
                                    "watch your notifications. If you need someone right now, please call one of "
                                    "the lines below."))
    return redirect(reverse("help_now") + "#talk-to-someone")


@login_required
def crisis_plan(request):
    plan = crisis_plan_of(request.user)
    editing = request.method == "POST" or request.GET.get("edit") == "1" or plan is None or plan.is_empty
    initial = {name: getattr(plan, name) for name in (*CrisisPlan.FIELDS, "shared_with_supporter")} if plan else {}
    form = CrisisPlanForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        crisis_plan_save(user=request.user, lang=getattr(request, "LANGUAGE_CODE", "en")[:2], **form.cleaned_data)
        messages.success(request, _("Your crisis plan is saved. You can open it at any time from “Need help now?”."))
        return redirect("safety:crisis_plan")
    from peercircle.safety.crisis import active_match_as_member

    return render(request, "safety/crisis_plan.html", {
        "plan": plan, "form": form, "editing": editing,
        "has_supporter": active_match_as_member(request.user) is not None,
    })


@login_required
@require_POST
def crisis_plan_remove(request):
    if crisis_plan_delete(user=request.user):
        messages.success(request, _("Your crisis plan is deleted."))
    return redirect("safety:crisis_plan")


@login_required
def shared_crisis_plan(request, pk):
    """The plan a member shared with their peer supporter (404 for anyone else)."""
    match, plan = shared_crisis_plan_for_match(request.user, pk)
    crisis_plan_read_by_supporter(viewer=request.user, plan=plan, match=match)
    from peercircle.accounts.access import name_for

    return render(request, "safety/shared_crisis_plan.html",
                  {"plan": plan, "match": match, "member_name": name_for(request.user, match.member)})


def _managed(request, slug):
    from peercircle.organizations.access import managed_organization_or_404

    return managed_organization_or_404(request.user, slug)


@login_required
def crisis_lines_manage(request, slug):
    org = _managed(request, slug)
    form = CrisisLineForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            crisis_line_create(actor=request.user, organization=org, **form.cleaned_data)
        except CrisisError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Crisis line added. Your people see it first."))
            return redirect("safety:crisis_lines_manage", slug=slug)
    return render(request, "safety/crisis_lines_manage.html", {
        "organization": org, "form": form,
        "lines": CrisisLine.objects.filter(organization=org).order_by("country", "position", "name"),
    })


@login_required
def crisis_line_edit(request, slug, pk):
    org = _managed(request, slug)
    line = get_object_or_404(CrisisLine, pk=pk, organization=org)
    initial = {name: getattr(line, name) for name in CrisisLineForm.base_fields}
    form = CrisisLineForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            crisis_line_update(actor=request.user, line=line, **form.cleaned_data)
        except CrisisError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Crisis line saved."))
            return redirect("safety:crisis_lines_manage", slug=slug)
    return render(request, "safety/crisis_line_edit.html", {"organization": org, "form": form, "line": line})


@login_required
@require_POST
def crisis_line_remove(request, slug, pk):
    org = _managed(request, slug)
    line = get_object_or_404(CrisisLine, pk=pk, organization=org)
    crisis_line_delete(actor=request.user, line=line)
    messages.success(request, _("Crisis line removed."))
    return redirect("safety:crisis_lines_manage", slug=slug)
