from peercircle.core.registry import PersonalDataProvider, register_personal_data
from peercircle.safety.models import SafetyAlert, ScreeningEvent


def _export(user):
    # What a moderator was asked to look at, about the person's own writing. No reasons:
    # confidential text keeps none, and the rest is already in the export in full.
    return [
        {"created_at": event.created_at.isoformat(), "context": event.context,
         "level": event.level, "categories": event.categories}
        for event in ScreeningEvent.objects.filter(author=user).order_by("created_at")
    ]


def _erase(user, keep_public_posts: bool) -> None:
    ScreeningEvent.objects.filter(author=user).delete()


register_personal_data(PersonalDataProvider(name="screening", export=_export, erase=_erase))


def _export_alerts(user):
    # That an alert was opened about them and how it ended; the moderators' notes are the
    # organization's record of its work, not the person's writing.
    return [
        {"opened_at": alert.opened_at.isoformat(), "context": alert.context, "level": alert.level,
         "status": alert.status, "outcome": alert.outcome}
        for alert in SafetyAlert.objects.filter(person=user).order_by("opened_at")
    ]


def _erase_alerts(user, keep_public_posts: bool) -> None:
    # The alert's times and outcome stay for the response-time figures; the person and the
    # copy of their words go.
    SafetyAlert.objects.filter(person=user).update(person=None, text_html="")


register_personal_data(PersonalDataProvider(name="safety_alerts", export=_export_alerts, erase=_erase_alerts))


def _export_crisis_plan(user):
    from peercircle.safety.models import CrisisPlan

    plan = CrisisPlan.objects.filter(user=user).first()
    if plan is None:
        return None
    return {name: getattr(plan, name) for name in (*CrisisPlan.FIELDS, "shared_with_supporter")} | {
        "updated_at": plan.updated_at.isoformat()}


def _erase_crisis_plan(user, keep_public_posts: bool) -> None:
    from peercircle.safety.models import CrisisPlan

    CrisisPlan.objects.filter(user=user).delete()


register_personal_data(PersonalDataProvider(name="crisis_plan", export=_export_crisis_plan, erase=_erase_crisis_plan))
