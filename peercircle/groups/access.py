"""Who may see or do what with a support group. The only place these decisions are made.

Anything a person may not see answers 404, the same as something that does not exist."""

from functools import cached_property

import rules
from django.db.models import Q
from django.utils.translation import gettext as _

from peercircle.accounts.access import Relationship, name_for
from peercircle.groups.models import (
    GroupMembership,
    GroupStatus,
    LinkVisibility,
    MemberListVisibility,
    MembershipRole,
    MembershipStatus,
    SupportGroup,
)
from peercircle.organizations.models import Membership, Role

# Organization roles that may approve, and manage, groups run under their organization.
APPROVER_ROLES = (Role.ORG_ADMIN, Role.FACILITATOR)
LISTED_STATUSES = (GroupStatus.ACTIVE, GroupStatus.TEMPORARILY_CLOSED)


class GroupViewer:
    """How one person stands to one group, worked out once per request (two queries at most)."""

    def __init__(self, user, group: SupportGroup):
        self.user = user
        self.group = group

    @cached_property
    def membership(self) -> GroupMembership | None:
        if not self.user.is_authenticated:
            return None
        return GroupMembership.objects.current().filter(group=self.group, user=self.user).first()

    @cached_property
    def organization_roles(self) -> set[str]:
        if not self.user.is_authenticated or self.group.organization_id is None:
            return set()
        return set(Membership.objects.active().filter(
            user=self.user, organization_id=self.group.organization_id).values_list("role", flat=True))

    @property
    def is_member(self) -> bool:
        return self.membership is not None and self.membership.status == MembershipStatus.ACTIVE

    @property
    def has_requested(self) -> bool:
        return self.membership is not None and self.membership.status == MembershipStatus.REQUESTED

    @property
    def is_facilitator(self) -> bool:
        return self.is_member and self.membership.role == MembershipRole.FACILITATOR

    @property
    def is_org_approver(self) -> bool:
        return bool(self.user.is_authenticated and self.user.is_superuser) or bool(
            self.organization_roles & set(APPROVER_ROLES))

    @property
    def is_org_admin(self) -> bool:
        return bool(self.user.is_authenticated and self.user.is_superuser) or Role.ORG_ADMIN in self.organization_roles

    @property
    def is_creator(self) -> bool:
        return self.user.is_authenticated and self.group.created_by_id == self.user.pk

    @property
    def can_see(self) -> bool:
        if self.group.status != GroupStatus.PENDING_APPROVAL:
            return True
        # A group waiting for approval: only the person who started it and the staff who decide.
        return self.is_creator or self.is_org_approver

    @property
    def can_approve(self) -> bool:
        return self.group.status == GroupStatus.PENDING_APPROVAL and self.is_org_approver

    @property
    def can_manage(self) -> bool:
        return self.can_see and (self.is_facilitator or self.is_org_admin)

    @property
    def can_see_online_link(self) -> bool:
        """The group's link and any series' own link (members only, unless "anyone")."""
        if not self.can_see:
            return False
        if self.group.online_url_visibility == LinkVisibility.ANYONE:
            return True
        return self.is_member or self.can_manage

    @property
    def can_see_members(self) -> bool:
        if not self.can_see:
            return False
        if self.can_manage:
            return True
        return self.group.member_list_visibility == MemberListVisibility.MEMBERS and self.is_member

    @property
    def can_join(self) -> bool:
        return (self.user.is_authenticated and self.group.status == GroupStatus.ACTIVE
                and self.membership is None)


def name_in_group(viewer: GroupViewer, membership: GroupMembership) -> str:
    """The name `viewer` sees for someone in the group. Fellow active members are connections
    (see share_a_group), so they see names shown to connections, without a query per person;
    anyone else (an organization's admin, a request from outside) gets accounts' own answer."""
    person = membership.user
    profile = getattr(person, "profile", None)
    both_members = viewer.is_member and membership.status == MembershipStatus.ACTIVE
    if both_members and person.is_active and not person.is_deleted and profile is not None:
        if person.pk == viewer.user.pk or Relationship.preview(person, "connections").allows(
                profile.display_name_visibility):
            return profile.display_name
    return name_for(viewer.user, person)


def with_names(viewer: GroupViewer, memberships):
    """Memberships with `shown_name` set, for lists of people in a group."""
    memberships = list(memberships)
    for membership in memberships:
        membership.shown_name = name_in_group(viewer, membership)
    return memberships


def can_see_correction(viewer: GroupViewer, correction) -> bool:
    """A suggested correction is seen by those who may manage the group and by the person
    who sent it; to anyone else it does not exist."""
    if viewer.can_manage:
        return True
    return bool(viewer.user.is_authenticated and correction.suggested_by_id == viewer.user.pk)


def suggester_name(viewer: GroupViewer, correction, membership: GroupMembership | None = None) -> str:
    """Who suggested a correction, as `viewer` may see it: a name only for someone in the
    group who shares it with the viewer (`membership`: their active one, already loaded
    with user and profile), otherwise a neutral "A visitor"."""
    if correction.suggested_by_id is None:
        return _("A visitor")
    if viewer.user.is_authenticated and correction.suggested_by_id == viewer.user.pk:
        return _("You")
    if membership is not None and membership.status == MembershipStatus.ACTIVE:
        return name_in_group(viewer, membership)
    return _("A visitor")


def groups_managed_by(user):
    """Groups whose suggestion queue a person works: those they facilitate and those of the
    organizations they administer (site staff reach others through each group's page)."""
    if not user.is_authenticated:
        return SupportGroup.objects.none()
    facilitating = GroupMembership.objects.active().filter(user=user, role=MembershipRole.FACILITATOR)
    administering = Membership.objects.active().filter(user=user, role=Role.ORG_ADMIN)
    return SupportGroup.objects.filter(Q(pk__in=facilitating.values("group_id"))
                                       | Q(organization_id__in=administering.values("organization_id")))


def groups_visible_to(user):
    """Groups a person may open: every group past approval, plus pending ones they started
    or may approve."""
    visible = ~Q(status=GroupStatus.PENDING_APPROVAL)
    if user.is_authenticated:
        if user.is_superuser:
            return SupportGroup.objects.all()
        approver_of = Membership.objects.active().filter(user=user, role__in=APPROVER_ROLES).values("organization_id")
        visible |= Q(created_by=user) | Q(organization_id__in=approver_of)
    return SupportGroup.objects.filter(visible)


def listed_groups():
    """What the public list shows."""
    return SupportGroup.objects.filter(status__in=LISTED_STATUSES)


def share_a_group(viewer, owner) -> bool:
    """Connection provider: both are active members of the same group."""
    if not viewer.is_authenticated or viewer.pk == owner.pk:
        return False
    mine = GroupMembership.objects.active().filter(user=viewer).values("group_id")
    return GroupMembership.objects.active().filter(user=owner, group_id__in=mine).exists()


@rules.predicate
def is_group_facilitator(user, group) -> bool:
    return GroupViewer(user, group).is_facilitator


@rules.predicate
def can_manage_group(user, group) -> bool:
    return GroupViewer(user, group).can_manage


@rules.predicate
def can_see_group_members(user, group) -> bool:
    return GroupViewer(user, group).can_see_members


@rules.predicate
def can_approve_group(user, group) -> bool:
    return GroupViewer(user, group).can_approve


rules.add_perm("groups.manage_group", can_manage_group)
rules.add_perm("groups.view_members", can_see_group_members)
rules.add_perm("groups.approve_group", can_approve_group)
