"""Reports, moderation decisions and appeals in the API: the same services and access rules as
the pages; anything the caller may not see answers 404."""

from datetime import datetime
from typing import Literal
from uuid import UUID

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status

from peercircle.safety import access
from peercircle.safety.models import Appeal, AppealStatus, ModerationAction, Report, ReportStatus
from peercircle.safety.moderation import (
    appeal_create,
    appeal_review,
    report_create,
    report_resolve,
)
from peercircle.safety.selectors import report_subject_name

router = Router(tags=["moderation"])


class ReportIn(Schema):
    person: UUID
    reason: str
    details: str = ""


class MyReportOut(Schema):
    id: int
    reason: str
    status: str
    status_label: str
    created_at: datetime


class ReportOut(Schema):
    id: int
    reason: str
    details: str
    status: str
    person_name: str
    organization: str | None
    created_at: datetime


class ResolveIn(Schema):
    outcome: Literal["actioned", "no_breach"]
    note: str = ""
    action: Literal["", "warn", "mute", "suspend", "ban"] = ""
    action_reason: str = ""
    days: int | None = None


class ActionOut(Schema):
    id: int
    kind: str
    kind_label: str
    reason: str
    until: datetime | None
    revoked: bool
    appeal_status: str | None
    created_at: datetime


class AppealIn(Schema):
    text: str


class AppealOut(Schema):
    id: int
    action: int
    kind: str
    action_reason: str
    text: str
    status: str
    created_at: datetime


class ReviewIn(Schema):
    decision: Literal["uphold", "overturn"]
    note: str = ""


def _report_out(viewer, report: Report) -> dict:
    return {"id": report.pk, "reason": report.reason, "details": report.details, "status": report.status,
            "person_name": report_subject_name(viewer, report) if report.subject else "",
            "organization": report.organization.slug if report.organization else None,
            "created_at": report.created_at}


def _action_out(action: ModerationAction) -> dict:
    appeal = getattr(action, "appeal", None) if hasattr(action, "appeal") else None
    return {"id": action.pk, "kind": action.kind, "kind_label": str(action.get_kind_display()), "reason": action.reason,
            "until": action.until, "revoked": action.revoked_at is not None,
            "appeal_status": appeal.status if appeal else None, "created_at": action.created_at}


@router.post("/reports", response={201: MyReportOut}, summary="Report a concern about a person")
def create_report(request, payload: ReportIn):
    subject = get_user_model().objects.filter(public_id=payload.person).first()
    if subject is None or not access.can_report(request.user, subject):
        raise Http404
    report = report_create(reporter=request.user, subject=subject, reason=payload.reason, details=payload.details)
    return Status(201, {"id": report.pk, "reason": report.reason, "status": report.status,
                 "status_label": str(report.get_status_display()), "created_at": report.created_at})


@router.get("/me/reports", response=list[MyReportOut], summary="The reports I sent, with their outcome in general words")
def my_reports(request):
    return [{"id": r.pk, "reason": r.reason, "status": r.status, "status_label": str(r.get_status_display()),
             "created_at": r.created_at} for r in Report.objects.filter(reporter=request.user).order_by("-created_at")[:100]]


@router.get("/me/moderation", response=list[ActionOut], summary="Moderation decisions about me")
def my_moderation(request):
    return [_action_out(a) for a in ModerationAction.objects.filter(subject=request.user)
            .select_related("appeal").order_by("-created_at")[:100]]


@router.post("/me/moderation/{action_id}/appeal", response={201: AppealOut}, summary="Appeal a decision")
def appeal(request, action_id: int, payload: AppealIn):
    action = get_object_or_404(ModerationAction, pk=action_id, subject=request.user)
    created = appeal_create(user=request.user, action=action, text=payload.text)
    return Status(201, _appeal_out(created))


def _appeal_out(appeal: Appeal) -> dict:
    return {"id": appeal.pk, "action": appeal.action_id, "kind": appeal.action.kind,
            "action_reason": appeal.action.reason, "text": appeal.text, "status": appeal.status,
            "created_at": appeal.created_at}


def _require_moderator(user):
    if not access.is_any_moderator(user):
        raise Http404


def _scope(user) -> Q:
    return Q() if user.is_staff or user.is_superuser else Q(
        organization_id__in=access.moderated_organization_ids(user))


@router.get("/moderation/reports", response=list[ReportOut], summary="The moderation queue's reports")
def reports(request, status: str = ReportStatus.OPEN, reason: str = ""):
    _require_moderator(request.user)
    found = Report.objects.filter(_scope(request.user)).select_related("subject__profile", "organization")
    if status:
        found = found.filter(status=status)
    if reason:
        found = found.filter(reason=reason)
    return [_report_out(request.user, r) for r in found.order_by("created_at")[:200]]


@router.post("/moderation/reports/{report_id}/resolve", response=ReportOut, summary="Close a report")
def resolve(request, report_id: int, payload: ResolveIn):
    report = get_object_or_404(Report.objects.select_related("organization", "subject__profile"), pk=report_id)
    if not access.is_moderator_of(request.user, report.organization_id):
        raise Http404
    report = report_resolve(moderator=request.user, report=report, outcome=payload.outcome, note=payload.note,
                            action_kind=payload.action, action_reason=payload.action_reason, days=payload.days)
    return _report_out(request.user, report)


@router.get("/moderation/appeals", response=list[AppealOut], summary="Appeals waiting for another moderator")
def appeals(request):
    _require_moderator(request.user)
    scope = Q() if request.user.is_staff else Q(
        action__organization_id__in=access.moderated_organization_ids(request.user))
    return [_appeal_out(a) for a in Appeal.objects.filter(scope, status=AppealStatus.OPEN)
            .exclude(action__moderator=request.user).select_related("action")[:200]]


@router.post("/moderation/appeals/{appeal_id}/review", response=AppealOut, summary="Review an appeal")
def review(request, appeal_id: int, payload: ReviewIn):
    found = get_object_or_404(Appeal.objects.select_related("action"), pk=appeal_id)
    if not access.is_moderator_of(request.user, found.action.organization_id):
        raise Http404
    return _appeal_out(appeal_review(moderator=request.user, appeal=found, overturn=payload.decision == "overturn",
                                     note=payload.note))
