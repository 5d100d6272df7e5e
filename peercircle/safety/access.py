"""Who may see safety alerts and work the rota. Alerts are for the moderators of the alert's
organization and for site staff; anybody else gets a 404, as if there were no alert."""

from django.http import Http404

from peercircle.organizations.models import Membership, Organization, Role
from peercircle.safety.models import SafetyAlert


def moderated_organization_ids(user) -> list[int]:
    if not user.is_authenticated:
        return []
    return list(Membership.objects.active().filter(user=user, role=Role.MODERATOR)
                .values_list("organization_id", flat=True))


def works_alerts(user) -> bool:
    """Whether the person has an alert queue at all (a moderator somewhere, or staff)."""
    return user.is_authenticated and (user.is_staff or bool(moderated_organization_ids(user)))


def alerts_visible_to(user):
    if not user.is_authenticated:
        return SafetyAlert.objects.none()
    if user.is_staff:
        return SafetyAlert.objects.all()
    return SafetyAlert.objects.filter(organization_id__in=moderated_organization_ids(user))


def alert_for(user, alert_id) -> SafetyAlert:
    alert = alerts_visible_to(user).filter(pk=alert_id).first()
    if alert is None:
        raise Http404
    return alert


def rota_organizations_for(user):
    """Organizations whose rota the person may see and change: their moderators and admins."""
    if not user.is_authenticated:
        return Organization.objects.none()
    if user.is_staff:
        return Organization.objects.filter(is_active=True)
    ids = Membership.objects.active().filter(user=user, role__in=[Role.MODERATOR, Role.ORG_ADMIN]) \
        .values_list("organization_id", flat=True)
    return Organization.objects.filter(is_active=True, pk__in=ids)


def rota_organization_for(user, slug) -> Organization:
    organization = rota_organizations_for(user).filter(slug=slug).first()
    if organization is None:
        raise Http404
    return organization
