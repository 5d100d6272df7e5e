"""Reads for safety alerts, shared by the pages and the API."""

from django.utils.translation import gettext_lazy

from peercircle.safety.access import alerts_visible_to
from peercircle.safety.models import AlertLevel, AlertStatus

# Where a text was written, in words a moderator knows; other contexts show as they are.
CONTEXT_LABELS = {
    "profile.bio": gettext_lazy("Profile: about me"),
    "experience.story": gettext_lazy("A private story about an experience"),
    "support_request_story": gettext_lazy("Request for peer support: their story"),
    "support_request_goals": gettext_lazy("Request for peer support: their goals"),
    "supporter_profile": gettext_lazy("Peer supporter profile"),
    "match_decline_reason": gettext_lazy("Reason for declining a match"),
    "organization.description": gettext_lazy("Organization description"),
    "program.description": gettext_lazy("Program description"),
    "asked_to_talk": gettext_lazy("They asked a moderator to reach out (from “Need help now?”)"),
    "forum_post": gettext_lazy("A post in the forums"),
    "story": gettext_lazy("A story of hope they submitted"),
}


def content_context(target, viewer) -> dict | None:
    """For a post or message: where it was written and the messages just before it, as the
    app that stores it describes them (safety.content); None for other records."""
    from peercircle.safety.content import content_kind

    kind = content_kind(target)
    if kind is None:
        return None
    described = kind.describe(target, viewer)
    described["moderate_url"] = kind.moderate_url(target) if kind.can_moderate(viewer, target) else ""
    return described


def context_label(context: str) -> str:
    return str(CONTEXT_LABELS.get(context, context))


def filtered_alerts(user, *, level: str = "", status: str = ""):
    alerts = alerts_visible_to(user).select_related("organization", "person__profile", "assigned_to__profile")
    if level in AlertLevel.values:
        alerts = alerts.filter(level=level)
    if status in AlertStatus.values:
        alerts = alerts.filter(status=status)
    elif status != "all":
        alerts = alerts.exclude(status=AlertStatus.CLOSED)
    return alerts


def report_subject_name(viewer, report) -> str:
    """Who the report is about, as the moderator may see it: a post written under a pseudonym
    keeps its pseudonym here (looking behind it is a separate, audited step)."""
    from peercircle.accounts.access import name_for
    from peercircle.safety.content import content_kind

    if report.subject is None:
        return str(gettext_lazy("Former member"))
    target = report.target if report.target_id else None
    kind = content_kind(target)
    if kind is not None and getattr(target, "pseudonym_id", None):
        return str(gettext_lazy("%(name)s (a pseudonym)")) % {"name": kind.shown_author(target)}
    return name_for(viewer, report.subject)
