"""Who may read, write and moderate in the forums. The only place these decisions are made.

A space a person may not read, a thread in it, or a post they may not see answers 404, the same
as something that does not exist — so a group's private space, and who posts behind a
pseudonym, never leak through a page, the API, search, notifications or a profile."""

from dataclasses import dataclass
from functools import cached_property

from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext as _

from peercircle.community.models import PostState, Space, SpaceKind, Thread
from peercircle.organizations.models import Membership, Role


def _active(user) -> bool:
    return bool(user.is_authenticated and user.is_active and not getattr(user, "is_deleted", False))


def _organization_ids(user) -> list[int]:
    return list(Membership.objects.active().filter(user=user).values_list("organization_id", flat=True).distinct())


def _moderated_organization_ids(user) -> list[int]:
    return list(Membership.objects.active().filter(user=user, role=Role.MODERATOR)
                .values_list("organization_id", flat=True))


def _group_ids(user) -> list[int]:
    from peercircle.groups.models import GroupMembership

    return list(GroupMembership.objects.active().filter(user=user).values_list("group_id", flat=True))


def _facilitated_group_ids(user) -> list[int]:
    from peercircle.groups.models import GroupMembership, MembershipRole

    return list(GroupMembership.objects.active().filter(user=user, role=MembershipRole.FACILITATOR)
                .values_list("group_id", flat=True))


def moderated_spaces_q(user) -> Q:
    """Spaces the person moderates: as a moderator of the hosting organization (or of a group
    space's organization), a facilitator of the group, a named moderator of the space, or staff."""
    if not _active(user):
        return Q(pk__in=[])
    if user.is_staff or user.is_superuser:
        return Q()
    organizations = _moderated_organization_ids(user)
    return (Q(organization_id__in=organizations) | Q(group__organization_id__in=organizations)
            | Q(group_id__in=_facilitated_group_ids(user)) | Q(moderators=user))


def readable_spaces_q(user) -> Q:
    if not _active(user):
        return Q(pk__in=[])
    return (Q(kind=SpaceKind.TOPIC)
            | Q(kind=SpaceKind.ORGANIZATION, organization_id__in=_organization_ids(user))
            | Q(kind=SpaceKind.GROUP, group_id__in=_group_ids(user))
            | moderated_spaces_q(user))


def spaces_readable_by(user):
    return Space.objects.filter(readable_spaces_q(user)).distinct()


def blocked_author_ids(user) -> set[int]:
    """People whose posts this person does not see: those who blocked them (they asked not to be
    seen by them), and those they blocked themselves."""
    from peercircle.safety.models import Block

    if not user.is_authenticated:
        return set()
    pairs = Block.objects.filter(Q(blocker=user) | Q(blocked=user)).values_list("blocker_id", "blocked_id")
    return {other for pair in pairs for other in pair if other != user.pk}


@dataclass(frozen=True)
class SearchScope:
    """What search may show one person, as the pages would: posts in the spaces they can read,
    visible ones and their own, in threads they could open, and nothing by anyone a block
    separates them from. (Search shows moderators no more than anyone else: hidden and pending
    posts are for the moderation queue.)"""

    person_id: int | None
    space_ids: tuple[int, ...]
    hidden_authors: frozenset[int]


def search_scope(user, space: Space | None = None) -> SearchScope:
    if not _active(user):
        return SearchScope(person_id=None, space_ids=(), hidden_authors=frozenset())
    if space is not None:
        space_ids = (space.pk,) if SpaceViewer(user, space).can_read else ()
    else:
        space_ids = tuple(Space.objects.filter(readable_spaces_q(user)).values_list("pk", flat=True).distinct())
    return SearchScope(person_id=user.pk, space_ids=space_ids, hidden_authors=frozenset(blocked_author_ids(user)))


class SpaceViewer:
    """How one person stands to one space, worked out once per request."""

    def __init__(self, user, space: Space):
        self.user = user
        self.space = space

    @cached_property
    def is_moderator(self) -> bool:
        if not _active(self.user):
            return False
        return Space.objects.filter(moderated_spaces_q(self.user), pk=self.space.pk).exists()

    @cached_property
    def can_read(self) -> bool:
        if not _active(self.user):
            return False
        if self.space.kind == SpaceKind.TOPIC:
            return True
        return Space.objects.filter(readable_spaces_q(self.user), pk=self.space.pk).exists()

    @cached_property
    def accepted_rules(self) -> bool:
        from peercircle.community.models import RulesAcceptance

        return RulesAcceptance.objects.filter(space=self.space, person=self.user,
                                              version__gte=self.space.rules_version).exists()

    @cached_property
    def hidden_authors(self) -> set[int]:
        return blocked_author_ids(self.user)

    def cannot_post_because(self, thread: Thread | None = None) -> str:
        """Why the person may not write here now, in words for them; "" when they may.
        (Accepting the rules is asked separately: it is a step, not a refusal.)"""
        from django.utils.formats import date_format

        from peercircle.safety.access import posting_restriction

        if not self.can_read:
            return _("You can't post in this space.")
        if self.space.is_archived:
            return _("This space is archived: you can read it, but nobody can post in it now.")
        restriction = posting_restriction(self.user)
        if restriction is not None:
            if restriction.until is None:
                return _("You can't post at the moment: a moderator has paused your posting. "
                         "You can still read, and see why under Moderation decisions.")
            return _("You can't post until %(date)s: a moderator has paused your posting. You can still "
                     "read, and see why under Moderation decisions.") % {
                "date": date_format(restriction.until, "j F Y, H:i")}
        if thread is not None and thread.is_locked and not self.is_moderator:
            return _("This thread is closed to new replies.")
        return ""

    def sees_post(self, post) -> bool:
        if post.author_id is not None and post.author_id in self.hidden_authors:
            return False
        if post.state == PostState.VISIBLE or self.is_moderator:
            return True
        # Authors always see their own posts, with the state and the reason.
        return post.author_id is not None and post.author_id == self.user.pk

    def visible_posts_q(self) -> Q:
        q = Q()
        if not self.is_moderator:
            q &= Q(state=PostState.VISIBLE) | Q(author_id=self.user.pk)
        if self.hidden_authors:
            q &= ~Q(author_id__in=self.hidden_authors)
        return q

    def listed_threads_q(self) -> Q:
        return self.visible_posts_q()


def space_for(user, slug: str) -> tuple[Space, SpaceViewer]:
    space = Space.objects.select_related("organization", "group").filter(slug=slug).first()
    if space is None:
        raise Http404
    viewer = SpaceViewer(user, space)
    if not viewer.can_read:
        raise Http404
    return space, viewer


def thread_for(user, thread_id: int) -> tuple[Thread, SpaceViewer]:
    thread = (Thread.objects.select_related("space", "space__organization", "space__group", "pseudonym")
              .filter(pk=thread_id).first())
    if thread is None:
        raise Http404
    viewer = SpaceViewer(user, thread.space)
    if not viewer.can_read:
        raise Http404
    if thread.author_id is not None and thread.author_id in viewer.hidden_authors:
        raise Http404
    if thread.state != PostState.VISIBLE and not viewer.is_moderator and thread.author_id != user.pk:
        raise Http404
    return thread, viewer


def post_for(user, post_id: int):
    from peercircle.community.models import Post

    post = Post.objects.select_related("thread", "pseudonym").filter(pk=post_id).first()
    if post is None:
        raise Http404
    thread, viewer = thread_for(user, post.thread_id)
    if not viewer.sees_post(post):
        raise Http404
    post.thread = thread
    return post, viewer


def spaces_manageable_organizations(user):
    """Organizations whose spaces this person may create and change: as its admin or moderator."""
    from peercircle.organizations.models import Organization

    if not _active(user):
        return Organization.objects.none()
    if user.is_staff or user.is_superuser:
        return Organization.objects.filter(is_active=True).order_by("name")
    ids = Membership.objects.active().filter(user=user, role__in=[Role.ORG_ADMIN, Role.MODERATOR]) \
        .values("organization_id")
    return Organization.objects.filter(pk__in=ids).order_by("name")


def can_manage_space(user, space: Space) -> bool:
    """Topic and organization spaces are managed by their organization's admins and moderators;
    a group's space by the group's facilitators (its rules are the group agreement)."""
    if space.group_id:
        return SpaceViewer(user, space).is_moderator
    return spaces_manageable_organizations(user).filter(pk=space.organization_id).exists()


def can_edit_post(user, post) -> bool:
    """Authors edit their own posts while they can post; moderators edit with a note."""
    return (post.author_id == user.pk and post.state != PostState.REMOVED)


def stories_moderated_q(user) -> Q:
    if not _active(user):
        return Q(pk__in=[])
    if user.is_staff or user.is_superuser:
        return Q()
    return Q(organization_id__in=_moderated_organization_ids(user))


def story_submission_organizations(user):
    """Organizations a person may send a story to: those they belong to."""
    from peercircle.organizations.models import Organization

    if not _active(user):
        return Organization.objects.none()
    return Organization.objects.filter(pk__in=_organization_ids(user)).order_by("name")


# --- Stories of hope -----------------------------------------------------------------------

def may_review_story(user, story) -> bool:
    """A moderator of the organization the story was sent to — never for their own story."""
    from peercircle.community.models import Story

    if not _active(user) or story.author_id == user.pk:
        return False
    return Story.objects.filter(stories_moderated_q(user), pk=story.pk).exists()


def story_for(user, story_id: int):
    """A story as this person may read it: published ones for everyone (signed out too);
    otherwise only its author and its organization's moderators. Anything else is 404."""
    from peercircle.community.models import Story, StoryStatus

    story = (Story.objects.select_related("organization").prefetch_related("experiences")
             .filter(pk=story_id).first())
    if story is None:
        raise Http404
    if story.status == StoryStatus.PUBLISHED:
        return story
    if _active(user) and (story.author_id == user.pk
                          or Story.objects.filter(stories_moderated_q(user), pk=story.pk).exists()):
        return story
    raise Http404


def reviewable_stories_q(user) -> Q:
    """Stories this person may review: their organizations' stories, not their own."""
    if not _active(user):
        return Q(pk__in=[])
    return stories_moderated_q(user) & ~Q(author_id=user.pk)


def may_review_stories(user) -> bool:
    """Whether the review queue is for this person at all (moderators and staff)."""
    if not _active(user):
        return False
    return bool(user.is_staff or user.is_superuser or _moderated_organization_ids(user))
