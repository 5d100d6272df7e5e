"""Forum posts as content the safety app moderates (reports, alerts, actions on authors)."""

from django.urls import reverse

from peercircle.community.access import SpaceViewer
from peercircle.community.models import Post, PostState
from peercircle.safety.content import ModeratedContent, register_content


def _space(post: Post):
    return post.thread.space


def _organization_id(post: Post):
    space = _space(post)
    if space.organization_id:
        return space.organization_id
    return space.group.organization_id if space.group_id else None


def _can_report(user, post: Post) -> bool:
    viewer = SpaceViewer(user, _space(post))
    return viewer.can_read and viewer.sees_post(post) and post.author_id != user.pk


def _can_moderate(user, post: Post) -> bool:
    return SpaceViewer(user, _space(post)).is_moderator


def _shown_author(post: Post) -> str:
    from peercircle.community.notices import shown_name

    return shown_name(post)


def _describe(post: Post, viewer) -> dict:
    from peercircle.community.notices import shown_name

    before = list(Post.objects.filter(thread_id=post.thread_id, number__lt=post.number, state=PostState.VISIBLE)
                  .select_related("pseudonym", "author__profile").order_by("-number")[:5])
    return {
        "title": post.thread.title, "where": _space(post).name, "url": reverse("community:post", args=[post.pk]),
        "html": post.html, "recent": [(shown_name(p), p.html) for p in reversed(before)],
        "pseudonymous": bool(post.pseudonym_id),
    }


def register() -> None:
    register_content(ModeratedContent(
        model=Post, can_report=_can_report, organization_id=_organization_id, can_moderate=_can_moderate,
        shown_author=_shown_author, describe=_describe,
        moderate_url=lambda post: reverse("community:post_moderate", args=[post.pk])))
