"""Writes for reports, moderation actions and appeals. Every one is audited; the people
concerned are told in their own language, in general words for the reporter."""

from datetime import timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from peercircle.core.audit import audit_record
from peercircle.core.errors import UserFacingError
from peercircle.safety import access
from peercircle.safety.models import (
    ActionKind,
    Appeal,
    AppealStatus,
    ModerationAction,
    Report,
    ReportReason,
    ReportStatus,
)

REPORT_RECEIVED = "moderation_report"
REPORT_OUTCOME = "moderation_report_outcome"
ACTION_TAKEN = "moderation_action"
APPEAL_NEWS = "moderation_appeal"
REPORTS_PER_DAY = 20
MAX_DAYS = 365


class ModerationError(UserFacingError):
    """A moderation change that cannot be made; the message is safe to show."""


def register_kinds() -> None:
    from peercircle.notifications.kinds import EmailSummary, register_kind

    for code in (REPORT_RECEIVED, REPORT_OUTCOME, ACTION_TAKEN, APPEAL_NEWS):
        register_kind(code, email_summary=EmailSummary.SAFETY_NEWS)


def _tell(user_id: int, *, kind: str, write, url: str, dedupe_key: str) -> None:
    from peercircle.notifications.services import notification_send_after_commit

    notification_send_after_commit(recipient_id=user_id, kind=kind, write=lambda _user: write(), url=url,
                                   dedupe_key=dedupe_key)


def _moderators_of(organization_id):
    from peercircle.organizations.models import Membership, Role

    return list(Membership.objects.active().filter(organization_id=organization_id, role=Role.MODERATOR)
                .values_list("user_id", flat=True).distinct())


def _shared_organization(reporter, subject):
    from peercircle.organizations.models import Membership

    mine = Membership.objects.active().filter(user=reporter).values("organization_id")
    shared = (Membership.objects.active().filter(user=subject, organization_id__in=mine)
              .order_by("organization_id").values_list("organization_id", flat=True).first())
    if shared:
        return shared
    return (Membership.objects.active().filter(user=subject).order_by("organization_id")
            .values_list("organization_id", flat=True).first())


def _clean(text: str, user, *, required: bool = False, message: str = "") -> str:
    from peercircle.core.text import prepare_user_text

    source = prepare_user_text(text=text or "", lang=getattr(user, "language", "en"), markdown=False,
                               max_length=2000).source
    if required and not source.strip():
        raise ModerationError(message)
    return source


@transaction.atomic
def report_create(*, reporter, subject, reason: str, details: str = "", target=None) -> Report:
    """Report a person (or something they wrote). The moderators of an organization both
    share are told; the reporter sees the outcome in general words under My reports."""
    from django.contrib.contenttypes.models import ContentType

    from peercircle.core.ratelimit import rate_limit_hit
    from peercircle.core.text import after_store, prepare_user_text

    if target is not None:
        if not access.can_report_content(reporter, target):
            raise ModerationError(_("You can't report this."))
    elif not access.can_report(reporter, subject):
        raise ModerationError(_("You can't report this person."))
    if reason not in ReportReason.values:
        raise ModerationError(_("Choose what the report is about."))
    if not rate_limit_hit(scope="report", who=str(reporter.pk), limit=REPORTS_PER_DAY, window_seconds=86400):
        raise ModerationError(_("You've sent a lot of reports today. If someone is in danger now, call your local "
                                "emergency number; otherwise please try again tomorrow."))
    prepared = prepare_user_text(text=details, lang=reporter.language, markdown=False, max_length=2000)
    from peercircle.safety.content import content_kind

    kind = content_kind(target)
    organization_id = (kind.organization_id(target) if kind is not None else None) or \
        _shared_organization(reporter, subject)
    report = Report.objects.create(
        reporter=reporter, subject=subject, organization_id=organization_id, reason=reason,
        details=prepared.source,
        target_type=ContentType.objects.get_for_model(target) if target is not None else None,
        target_id=str(target.pk) if target is not None else "")
    after_store(prepared=prepared, author=reporter, target=report, context="report")
    audit_record(actor=reporter, action="report.create", target=report, subject=subject,
                 organization=report.organization, is_staff_action=False, data={"reason": reason})
    url = reverse("safety:report", args=[report.pk])
    for moderator_id in _moderators_of(report.organization_id):
        if moderator_id != subject.pk:
            _tell(moderator_id, kind=REPORT_RECEIVED, url=url, dedupe_key=f"report:{report.pk}:new",
                  write=lambda: (_("A new report to look at"),
                                 _("Someone sent a report. Open the moderation queue to look at it.")))
    return report


@transaction.atomic
def report_resolve(*, moderator, report: Report, outcome: str, note: str = "", action_kind: str = "",
                   action_reason: str = "", days: int | None = None) -> Report:
    """Close a report with an outcome, and optionally act on the person's account."""
    report = Report.objects.select_for_update().get(pk=report.pk)
    if not access.is_moderator_of(moderator, report.organization_id):
        raise ModerationError(_("That isn't available any more."))
    if report.status != ReportStatus.OPEN:
        raise ModerationError(_("This report has already been handled."))
    if outcome not in (ReportStatus.ACTIONED, ReportStatus.NO_BREACH):
        raise ModerationError(_("Choose an outcome."))
    if action_kind and outcome != ReportStatus.ACTIONED:
        raise ModerationError(_("To act on the account, choose “We took action”."))
    if action_kind and report.subject is not None:
        moderation_action_create(moderator=moderator, subject=report.subject, organization=report.organization,
                                 kind=action_kind, reason=action_reason, days=days, report=report,
                                 content=report.target)
    report.status, report.moderator_note = outcome, _clean(note, moderator)
    report.handled_by, report.handled_at = moderator, timezone.now()
    report.save()
    audit_record(actor=moderator, action="report.resolve", target=report, subject=report.subject,
                 organization=report.organization, is_staff_action=True, data={"outcome": outcome})
    if report.reporter_id:
        words = ReportStatus(outcome)
        _tell(report.reporter_id, kind=REPORT_OUTCOME, url=reverse("safety:my_reports"),
              dedupe_key=f"report:{report.pk}:outcome",
              write=lambda: (_("Thank you — your report has been looked at"),
                             _("Outcome: %(outcome)s. For everyone's privacy we don't share the details.")
                             % {"outcome": str(words.label).lower()}))
    return report


@transaction.atomic
def moderation_action_create(*, moderator, subject, organization, kind: str, reason: str, days: int | None = None,
                             report: Report | None = None, content=None) -> ModerationAction:
    """Warn, mute, suspend or ban, with the reason the person will read and can appeal.
    `content`: the post or message that led to it, when the moderator acts from it."""
    organization_id = getattr(organization, "pk", organization)
    if not access.can_act_on(moderator, subject, organization_id, content=content):
        raise ModerationError(_("That isn't available any more."))
    if kind not in ActionKind.values:
        raise ModerationError(_("Choose an action."))
    reason = _clean(reason, moderator, required=True,
                    message=_("Write the reason: the person will read it, and can appeal."))
    until = None
    if kind in (ActionKind.MUTE, ActionKind.SUSPEND):
        if not isinstance(days, int) or not 1 <= days <= MAX_DAYS:
            raise ModerationError(_("For how many days? A whole number from 1 to %(max)s.") % {"max": MAX_DAYS})
        until = timezone.now() + timedelta(days=days)
    action = ModerationAction.objects.create(moderator=moderator, subject=subject, organization_id=organization_id,
                                             report=report, kind=kind, reason=reason, until=until)
    access.forget_account_restriction(subject.pk)
    audit_record(actor=moderator, action=f"moderation.{kind}", target=action, subject=subject,
                 organization=action.organization, is_staff_action=True,
                 data={"until": until.isoformat() if until else None, "report": getattr(report, "pk", None)})
    label = ActionKind(kind).label
    _tell(subject.pk, kind=ACTION_TAKEN, url=reverse("safety:my_moderation"), dedupe_key=f"action:{action.pk}",
          write=lambda: (_("A moderator has taken an action on your account"),
                         _("%(action)s. The reason: %(reason)s. If you think this is wrong, you can appeal: another "
                           "moderator will look at it.") % {"action": label, "reason": reason}))
    return action


@transaction.atomic
def appeal_create(*, user, action: ModerationAction, text: str) -> Appeal:
    action = ModerationAction.objects.select_for_update().get(pk=action.pk)
    if action.subject_id != user.pk or action.revoked_at is not None:
        raise ModerationError(_("That isn't available any more."))
    if Appeal.objects.filter(action=action).exists():
        raise ModerationError(_("You've already appealed this decision. We'll tell you the outcome."))
    appeal = Appeal.objects.create(action=action, text=_clean(
        text, user, required=True, message=_("Tell us why you think the decision should change.")))
    audit_record(actor=user, action="appeal.create", target=appeal, subject=user, organization=action.organization,
                 is_staff_action=False)
    for moderator_id in _moderators_of(action.organization_id):
        if moderator_id not in (action.moderator_id, user.pk):
            _tell(moderator_id, kind=APPEAL_NEWS, url=reverse("safety:queue"), dedupe_key=f"appeal:{appeal.pk}:new",
                  write=lambda: (_("An appeal to review"),
                                 _("Someone appealed a moderation decision. Another moderator than the one who "
                                   "took it needs to review it.")))
    return appeal


@transaction.atomic
def appeal_review(*, moderator, appeal: Appeal, overturn: bool, note: str = "") -> Appeal:
    appeal = Appeal.objects.select_for_update().select_related("action").get(pk=appeal.pk)
    if not access.can_review_appeal(moderator, appeal):
        raise ModerationError(_("Another moderator than the one who took the decision reviews the appeal."))
    if appeal.status != AppealStatus.OPEN:
        raise ModerationError(_("This appeal has already been reviewed."))
    now = timezone.now()
    appeal.status = AppealStatus.OVERTURNED if overturn else AppealStatus.UPHELD
    appeal.reviewed_by, appeal.reviewed_at, appeal.review_note = moderator, now, _clean(note, moderator)
    appeal.save()
    if overturn:
        ModerationAction.objects.filter(pk=appeal.action_id).update(revoked_at=now, revoked_by=moderator)
        access.forget_account_restriction(appeal.action.subject_id)
    audit_record(actor=moderator, action="appeal.review", target=appeal, subject=appeal.action.subject,
                 organization=appeal.action.organization, is_staff_action=True, data={"overturned": overturn})
    _tell(appeal.action.subject_id, kind=APPEAL_NEWS, url=reverse("safety:my_moderation"),
          dedupe_key=f"appeal:{appeal.pk}:reviewed",
          write=lambda: (_("Your appeal has been reviewed"),
                         (_("The decision was reversed.") if overturn else _("The decision stands."))
                         + (" " + appeal.review_note if appeal.review_note else "")))
    return appeal
