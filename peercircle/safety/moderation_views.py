"""Pages for reports, the moderation queue, actions on accounts and appeals."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from peercircle.accounts.access import name_for
from peercircle.safety import access
from peercircle.safety.forms import AppealForm, ReportForm, ResolveForm, ReviewForm
from peercircle.safety.models import (
    Appeal,
    AppealStatus,
    ModerationAction,
    Report,
    ReportReason,
    ReportStatus,
)
from peercircle.safety.moderation import (
    ModerationError,
    appeal_create,
    appeal_review,
    report_create,
    report_resolve,
)
from peercircle.safety.selectors import content_context, report_subject_name


def _moderator_scope(user) -> Q:
    if user.is_staff or user.is_superuser:
        return Q()
    return Q(organization_id__in=access.moderated_organization_ids(user))


@login_required
def report_person(request, public_id):
    subject = get_object_or_404(get_user_model(), public_id=public_id)
    if not access.can_report(request.user, subject):
        raise Http404
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            report_create(reporter=request.user, subject=subject, reason=form.cleaned_data["reason"],
                          details=form.cleaned_data["details"])
        except ModerationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Thank you. A moderator will look at it; you'll see the outcome under My "
                                        "reports. If someone is in danger right now, call your local emergency "
                                        "number."))
            return redirect("safety:my_reports")
    return render(request, "safety/report_form.html",
                  {"form": form, "subject_name": name_for(request.user, subject), "subject": subject})


@login_required
def my_reports(request):
    reports = Report.objects.filter(reporter=request.user).order_by("-created_at")[:100]
    return render(request, "safety/my_reports.html", {"reports": reports})


@login_required
def my_moderation(request):
    actions = list(ModerationAction.objects.filter(subject=request.user).select_related("appeal")
                   .order_by("-created_at")[:100])
    forms_by_action = {}
    if request.method == "POST":
        action = get_object_or_404(ModerationAction, pk=request.POST.get("action_id") or 0, subject=request.user)
        form = AppealForm(request.POST)
        if form.is_valid():
            try:
                appeal_create(user=request.user, action=action, text=form.cleaned_data["text"])
            except ModerationError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Your appeal is with another moderator. We'll tell you the outcome."))
                return redirect("safety:my_moderation")
        forms_by_action[action.pk] = form
    for action in actions:
        action.appeal_form = forms_by_action.get(action.pk) or AppealForm()
        action.has_appeal = hasattr(action, "appeal")
    return render(request, "safety/my_moderation.html",
                  {"actions": actions, "restriction": access.account_restriction(request.user)})


@login_required
def queue(request):
    if not access.is_any_moderator(request.user):
        raise Http404
    scope = _moderator_scope(request.user)
    status = request.GET.get("status", ReportStatus.OPEN)
    reason = request.GET.get("reason", "")
    older = request.GET.get("older", "")
    reports = Report.objects.filter(scope).select_related("subject__profile", "organization")
    if status in ReportStatus.values:
        reports = reports.filter(status=status)
    if reason in ReportReason.values:
        reports = reports.filter(reason=reason)
    if older == "1":
        reports = reports.filter(created_at__lte=timezone.now() - timedelta(days=1))
    appeals = (Appeal.objects.filter(status=AppealStatus.OPEN)
               .filter(Q(action__organization_id__in=access.moderated_organization_ids(request.user))
                       if not request.user.is_staff else Q())
               .exclude(action__moderator=request.user).select_related("action", "action__subject__profile"))
    reports = list(reports.order_by("created_at")[:200])
    for report in reports:
        report.subject_name = report_subject_name(request.user, report)
    return render(request, "safety/queue.html", {
        "reports": reports, "appeals": appeals, "status": status, "reason": reason, "older": older,
        "statuses": ReportStatus.choices, "reasons": ReportReason.choices})


@login_required
def report_detail(request, pk: int):
    report = get_object_or_404(Report.objects.select_related("subject__profile", "organization"), pk=pk)
    if not access.is_moderator_of(request.user, report.organization_id):
        raise Http404
    form = ResolveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            report_resolve(moderator=request.user, report=report, outcome=data["outcome"], note=data["note"],
                           action_kind=data["action_kind"], action_reason=data["action_reason"], days=data["days"])
        except ModerationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Report closed. The person who sent it sees the outcome in general words."))
            return redirect("safety:queue")
    history = (ModerationAction.objects.filter(subject=report.subject).order_by("-created_at")[:20]
               if report.subject else [])
    content = content_context(report.target, request.user) if report.target_id else None
    return render(request, "safety/report_detail.html", {
        "report": report, "form": form, "history": history, "content": content,
        "subject_name": report_subject_name(request.user, report)})



@login_required
def appeal_detail(request, pk: int):
    appeal = get_object_or_404(Appeal.objects.select_related("action", "action__subject__profile"), pk=pk)
    if not access.is_moderator_of(request.user, appeal.action.organization_id):
        raise Http404
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            appeal_review(moderator=request.user, appeal=appeal, overturn=form.cleaned_data["decision"] == "overturn",
                          note=form.cleaned_data["note"])
        except ModerationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Appeal reviewed. The person has been told."))
            return redirect("safety:queue")
    return render(request, "safety/appeal_detail.html", {
        "appeal": appeal, "form": form, "own_decision": appeal.action.moderator_id == request.user.pk,
        "subject_name": name_for(request.user, appeal.action.subject)})


@login_required
def block_person(request, public_id):
    from peercircle.safety.services import block_create

    subject = get_object_or_404(get_user_model(), public_id=public_id)
    if not access.can_report(request.user, subject):  # anyone you can come across, as for reports
        raise Http404
    if request.method == "POST":
        block_create(blocker=request.user, blocked=subject)
        messages.success(request, _("Done. You won't be matched with them, and they won't be able to contact you "
                                    "here. You can undo it at any time under Blocked people."))
        return redirect("safety:blocks")
    return render(request, "safety/block_confirm.html", {"subject": subject,
                                                         "subject_name": name_for(request.user, subject)})


@login_required
def blocks(request):
    from peercircle.safety.models import Block
    from peercircle.safety.services import block_remove

    if request.method == "POST":
        block = get_object_or_404(Block, pk=request.POST.get("block_id") or 0, blocker=request.user)
        block_remove(blocker=request.user, block=block)
        messages.success(request, _("Unblocked."))
        return redirect("safety:blocks")
    found = list(Block.objects.filter(blocker=request.user).select_related("blocked__profile").order_by("-created_at"))
    for block in found:
        block.name = name_for(request.user, block.blocked)
    return render(request, "safety/blocks.html", {"blocks": found})
