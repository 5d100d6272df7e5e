"""Shared helpers for the safety alert tests: a second moderator, writing text that screens
high or imminent through the real pipeline, and who has been paged."""

from peercircle.accounts.services import profile_update
from peercircle.accounts.tests.factories import UserFactory
from peercircle.notifications.models import Notification
from peercircle.organizations.tests.factories import MembershipFactory
from peercircle.safety.models import SafetyAlert

IMMINENT = "I have the pills here and I am taking them all tonight"
HIGH = "I wish I could sleep and not wake up"


def moderator_of(organization, *, email: str, name: str):
    user = UserFactory(email=email, profile__display_name=name, two_factor=True)
    MembershipFactory(user=user, organization=organization, role="moderator")
    return user


def writes(person, text: str) -> SafetyAlert | None:
    """`person` writes `text` in their profile (the shared text pipeline screens it)."""
    profile_update(actor=person, profile=person.profile, bio=text)
    return SafetyAlert.objects.filter(person=person).order_by("-pk").first()


def paged(alert=None) -> list[str]:
    """Who was paged (by in-app notification), in order."""
    notes = Notification.objects.filter(kind="safety_alert").order_by("pk")
    if alert is not None:
        notes = notes.filter(dedupe_key=f"safety_alert:{alert.pk}")
    return [note.recipient.email for note in notes]
