"""Who may use the safety tools. Anyone else gets 404, the same as for something that does not exist."""

from peercircle.organizations.models import Membership


def may_screen_texts(user) -> bool:
    """Screening arbitrary text on demand is a moderator's tool (and an integration's, through a
    moderator's or staff member's token): moderators of any organization, and site staff."""
    if not user.is_authenticated:
        return False
    if user.is_staff:
        return True
    return Membership.objects.active().filter(user=user, role="moderator").exists()
