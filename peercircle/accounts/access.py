"""Who may see what of a person. The only place these decisions are made."""

import rules
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from peercircle.accounts.models import Profile, Visibility
from peercircle.core.registry import connection_providers
from peercircle.experiences.models import ExperienceVisibility


def shares_organization(viewer, owner) -> bool:
    from peercircle.organizations.models import Membership

    if not viewer.is_authenticated:
        return False
    viewer_orgs = Membership.objects.active().filter(user=viewer).values("organization_id")
    return Membership.objects.active().filter(user=owner, organization_id__in=viewer_orgs).exists()


def is_connected(viewer, owner) -> bool:
    """A match or a shared group, as the apps that own those relationships tell."""
    if not viewer.is_authenticated:
        return False
    return any(provider(viewer, owner) for provider in connection_providers())


class Relationship:
    """How a viewer stands to a person, worked out once per page (at most two queries)."""

    PREVIEWS = ("connections", "organization", "stranger")

    def __init__(self, viewer, owner):
        self.viewer = viewer
        self.owner = owner
        self.is_self = viewer.is_authenticated and viewer.pk == owner.pk
        self._connected: bool | None = None
        self._organization: bool | None = None

    @classmethod
    def preview(cls, owner, as_: str) -> "Relationship":
        """How someone else stands to `owner`, for showing a person their own profile as a
        match ("connections"), a member of their organizations, or anyone else would see it."""
        relationship = cls(owner, owner)
        relationship.is_self = False
        relationship._connected = as_ == "connections"
        relationship._organization = as_ == "organization"
        return relationship

    @property
    def connected(self) -> bool:
        if self._connected is None:
            self._connected = self.is_self or is_connected(self.viewer, self.owner)
        return self._connected

    @property
    def same_organization(self) -> bool:
        if self._organization is None:
            self._organization = self.is_self or shares_organization(self.viewer, self.owner)
        return self._organization

    def allows(self, visibility: str) -> bool:
        if self.is_self:
            return True
        if not self.viewer.is_authenticated or self.owner.is_deleted or not self.owner.is_active:
            return False
        if visibility == Visibility.CONNECTIONS:
            return self.connected
        if visibility == Visibility.ORGANIZATION:
            return self.connected or self.same_organization
        return False

    def allows_experience(self, visibility: str) -> bool:
        if self.is_self:
            return True
        if visibility != ExperienceVisibility.PEERS:
            return False
        return self.allows(Visibility.ORGANIZATION)


def name_for(viewer, person) -> str:
    """The name to show `viewer` next to something `person` wrote or did: their display name
    when its visibility allows, "A member" otherwise, "Former member" once they have left."""
    if person.is_deleted:
        return str(_("Former member"))
    profile = getattr(person, "profile", None)
    if profile and Relationship(viewer, person).allows(profile.display_name_visibility):
        return profile.display_name
    return str(_("A member"))


def name_shown_to_organization(profile: Profile | None) -> str | None:
    """The display name as members of the person's organizations may see it (for admins'
    lists of their own members), or None when the person keeps it closer."""
    if profile is None or profile.display_name_visibility != Visibility.ORGANIZATION:
        return None
    return profile.display_name


def visible_profile_fields(viewer, profile: Profile, relationship: Relationship | None = None) -> set[str]:
    relationship = relationship or Relationship(viewer, profile.user)
    return {
        field
        for field, visibility_attr in Profile.VISIBLE_FIELDS.items()
        if relationship.allows(getattr(profile, visibility_attr))
    }


def experiences_visible_to(viewer, owner, relationship: Relationship | None = None) -> Q:
    """A filter for PersonExperience/PersonCommunity rows of `owner` that `viewer` may see."""
    relationship = relationship or Relationship(viewer, owner)
    if relationship.is_self:
        return Q(user=owner)
    if relationship.allows_experience(ExperienceVisibility.PEERS):
        return Q(user=owner, visibility=ExperienceVisibility.PEERS)
    return Q(pk__in=[])


@rules.predicate
def is_self(viewer, owner) -> bool:
    return viewer.is_authenticated and viewer.pk == owner.pk


rules.add_perm("accounts.edit_profile", is_self)
rules.add_perm("accounts.export_data", is_self)
rules.add_perm("accounts.delete_account", is_self)
