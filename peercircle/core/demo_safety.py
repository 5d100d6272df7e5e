"""The demo's safety work, so a moderator signing in finds something real to do: Thames Peer
Network's rota with the demo moderator on duty, a report Sam sent about someone who kept asking
for her phone number, and an alert opened by a member's worrying words in their profile — all
made through the same services a person's actions go through. Idempotent: it runs once."""

from collections.abc import Callable

from peercircle.core.demo_data import DEMO_DOMAIN

ORGANIZATION = "thames-peer-network"
MODERATOR = f"moderator@{DEMO_DOMAIN}"
SAM = f"member@{DEMO_DOMAIN}"
REPORT_DETAILS = ("They keep asking for my phone number after the group, even though I said I'd rather keep "
                  "things here.")
WORRYING_BIO = "Lately I keep thinking everyone would be better off without me."


def ensure_safety(log: Callable[[str], None]) -> None:
    from peercircle.accounts.models import User
    from peercircle.accounts.services import profile_update
    from peercircle.organizations.models import Membership, Organization
    from peercircle.safety.alerts import rota_entry_duty_set
    from peercircle.safety.models import RotaEntry
    from peercircle.safety.moderation import report_create

    organization = Organization.objects.filter(slug=ORGANIZATION).first()
    moderator = User.objects.filter(email=MODERATOR).first()
    sam = User.objects.filter(email=SAM).first()
    if not (organization and moderator and sam) or RotaEntry.objects.filter(organization=organization).exists():
        return
    log("Adding the safety demo: the on-duty rota, a report and an alert…")
    rota_entry_duty_set(actor=moderator, organization=organization, moderator_id=moderator.pk, on_duty=True)
    others = list(User.objects.filter(
        pk__in=Membership.objects.active().filter(organization=organization, role="member").values("user_id"),
        email__startswith="member0").select_related("profile").order_by("email")[:2])
    if len(others) < 2:
        return
    report_create(reporter=sam, subject=others[0], reason="boundaries", details=REPORT_DETAILS)
    profile_update(actor=others[1], profile=others[1].profile, bio=WORRYING_BIO)
