"""The moderators' alert pages: the queue with its timers and figures, one alert with its
timeline and actions (HTMX swaps the alert in place; without JavaScript the forms post and
come back), and the on-duty rota."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from peercircle.core.audit import audit_staff_read
from peercircle.core.htmx import render_page_or_partial
from peercircle.safety.access import (
    alert_for,
    alerts_visible_to,
    is_any_moderator,
    rota_organization_for,
    rota_organizations_for,
)
from peercircle.safety.alerts import (
    AlertError,
    alert_timings,
    rota_entries,
    rota_entry_duty_set,
    rota_entry_move,
    safety_alert_acknowledge,
    safety_alert_close,
    safety_alert_contact_record,
    safety_alert_note_add,
)
from peercircle.safety.models import AlertLevel, AlertOutcome, AlertStatus
from peercircle.safety.selectors import content_context, context_label, filtered_alerts

LIST_SIZE = 100
def minutes_label(minutes: float | None) -> str:
    if minutes is None:
        return "—"
    minutes = round(minutes)
    if minutes < 60:
        return _("%(minutes)s min") % {"minutes": minutes}
    return _("%(hours)s h %(minutes)s min") % {"hours": minutes // 60, "minutes": minutes % 60}


@login_required
def alert_list(request):
    if not is_any_moderator(request.user):
        raise Http404
    level, status = request.GET.get("level", ""), request.GET.get("status", "")
    timings = alert_timings(alerts_visible_to(request.user))
    figures = {name: minutes_label(timings[name]) for name in ("ack_median", "ack_p90", "close_median", "close_p90")}
    return render_page_or_partial(request, "safety/alert_list.html", {
        "alerts": filtered_alerts(request.user, level=level, status=status)[:LIST_SIZE],
        "level": level, "status": status, "levels": AlertLevel.choices, "statuses": AlertStatus.choices,
        "timings": timings, "figures": figures,
    }, partial="safety/_alert_rows.html")


def crisis_plan_for_alert(viewer, alert):
    """The person's crisis plan, for the moderator handling their alert (the issue asks for it
    beside the alert); each read is a logged staff read of a confidential record."""
    from peercircle.safety.crisis import crisis_plan_of

    plan = crisis_plan_of(alert.person) if alert.person_id else None
    if plan is None or plan.is_empty:
        return None
    audit_staff_read(viewer=viewer, record=plan, subject=alert.person, reason="safety alert")
    return plan


def _detail_context(request, alert) -> dict:
    return {
        "alert": alert, "context_label": context_label(alert.context),
        "notes": alert.notes.select_related("author__profile", "about_user__profile"),
        "outcomes": AlertOutcome.choices, "crisis_plan": crisis_plan_for_alert(request.user, alert),
        "content": None if alert.confidential else content_context(alert.target, request.user),
    }


@login_required
def alert_detail(request, alert_id):
    alert = alert_for(request.user, alert_id)
    # Reading about a person's crisis is a staff read of their record: it is logged.
    audit_staff_read(viewer=request.user, record=alert, subject=alert.person, reason="safety alert")
    return render(request, "safety/alert_detail.html", _detail_context(request, alert))


def _after_action(request, alert):
    if request.htmx:
        alert.refresh_from_db()
        return render(request, "safety/_alert.html", _detail_context(request, alert))
    return redirect("safety:alert_detail", alert.pk)


def _act(request, alert_id, action):
    alert = alert_for(request.user, alert_id)
    try:
        done = action(alert)
    except AlertError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, done)
    return _after_action(request, alert)


@login_required
@require_POST
def alert_acknowledge(request, alert_id):
    def act(alert):
        safety_alert_acknowledge(actor=request.user, alert=alert)
        return _("You have acknowledged this alert.")
    return _act(request, alert_id, act)


@login_required
@require_POST
def alert_note(request, alert_id):
    def act(alert):
        safety_alert_note_add(actor=request.user, alert=alert, text=request.POST.get("text", ""))
        return _("Your note is added.")
    return _act(request, alert_id, act)


@login_required
@require_POST
def alert_contact(request, alert_id):
    def act(alert):
        safety_alert_contact_record(actor=request.user, alert=alert, text=request.POST.get("text", ""))
        return _("Noted: you contacted the person.")
    return _act(request, alert_id, act)


@login_required
@require_POST
def alert_close(request, alert_id):
    def act(alert):
        safety_alert_close(actor=request.user, alert=alert, outcome=request.POST.get("outcome", ""),
                           text=request.POST.get("text", ""))
        return _("The alert is closed.")
    return _act(request, alert_id, act)


# --- The rota ----------------------------------------------------------------------------------

@login_required
def rota_choose(request):
    organizations = list(rota_organizations_for(request.user))
    if not organizations:
        raise Http404
    if len(organizations) == 1:
        return redirect("safety:rota", organizations[0].slug)
    return render(request, "safety/rota_choose.html", {"organizations": organizations})


@login_required
def rota(request, slug):
    organization = rota_organization_for(request.user, slug)
    return render_page_or_partial(request, "safety/rota.html", {
        "organization": organization, "entries": rota_entries(organization),
    }, partial="safety/_rota.html")


def _moderator_id(request) -> int:
    try:
        return int(request.POST.get("moderator", ""))
    except ValueError:
        raise Http404 from None


@login_required
@require_POST
def rota_duty(request, slug):
    organization = rota_organization_for(request.user, slug)
    try:
        rota_entry_duty_set(actor=request.user, organization=organization, moderator_id=_moderator_id(request),
                            on_duty=request.POST.get("on_duty") == "1")
    except AlertError as error:
        messages.error(request, str(error))
    return _rota_back(request, organization)


@login_required
@require_POST
def rota_move(request, slug):
    organization = rota_organization_for(request.user, slug)
    try:
        rota_entry_move(actor=request.user, organization=organization, moderator_id=_moderator_id(request),
                        direction=request.POST.get("direction", ""))
    except AlertError as error:
        messages.error(request, str(error))
    return _rota_back(request, organization)


def _rota_back(request, organization):
    if request.htmx:
        return render(request, "safety/_rota.html",
                      {"organization": organization, "entries": rota_entries(organization)})
    return redirect(reverse("safety:rota", args=[organization.slug]))
