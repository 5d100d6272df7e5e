"""What the forums tell people: a new reply in a thread they follow, a mention, and what a
moderator did with their post (with the reason). Notes go only to people who can read the
space, never name the account behind a pseudonym, and never reach someone a block separates
from the writer. Emails name only the kind of news."""

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

REPLY = "forum_reply"
MENTION = "forum_mention"
MODERATED = "forum_moderated"
STORY = "story_news"


def register_kinds() -> None:
    from peercircle.notifications.kinds import EmailSummary, register_kind

    register_kind(REPLY, preference="forum_replies", email_summary=EmailSummary.FORUM_NEWS)
    register_kind(MENTION, preference="forum_replies", email_summary=EmailSummary.FORUM_NEWS)
    register_kind(MODERATED, email_summary=EmailSummary.SAFETY_NEWS)
    register_kind(STORY, email_summary=EmailSummary.STORY_NEWS)


def post_url(post) -> str:
    return reverse("community:post", args=[post.pk])


def shown_name(post) -> str:
    """The name readers see on a post: the pseudonym, or the author's display name."""
    if post.pseudonym_id:
        return post.pseudonym.name
    author = post.author
    if author is None or author.is_deleted:
        return str(_("Former member"))
    profile = getattr(author, "profile", None)
    return profile.display_name if profile else str(_("A member"))


def post_published(*, post) -> None:
    from peercircle.community.models import PostState
    from peercircle.community.tasks import post_notify

    if post.state != PostState.VISIBLE:
        return
    post_id = post.pk
    transaction.on_commit(lambda: post_notify.enqueue(post_id))


def _compact(field: str):
    from django.db.models import Value
    from django.db.models.functions import Lower, Replace

    return Replace(Lower(field), Value(" "), Value(""))


def _mentioned(post, space) -> set[int]:
    """People a post names as "@Name" (display name or, in this space, pseudonym, without
    spaces, any case). A name that fits more than one person tells nobody rather than the
    wrong person; whoever is told must still be able to read the post (checked by the caller)."""
    from peercircle.accounts.models import Profile
    from peercircle.community.models import Pseudonym
    from peercircle.community.services import MENTION as MENTION_PATTERN

    handles = {handle.rstrip(".-").lower() for handle in MENTION_PATTERN.findall(post.source)}
    found: set[int] = set()
    for handle in list(handles)[:10]:
        candidates = set(Pseudonym.objects.filter(space=space).annotate(compact=_compact("name"))
                         .filter(compact=handle).values_list("person_id", flat=True)[:2])
        if not candidates:
            candidates = set(Profile.objects.filter(display_name__istartswith=handle[:1])
                             .annotate(compact=_compact("display_name")).filter(compact=handle)
                             .values_list("user_id", flat=True)[:2])
        if len(candidates) == 1:
            found |= candidates
    return found


def post_notify(post_id: int) -> int:
    from django.contrib.auth import get_user_model

    from peercircle.community.access import SpaceViewer
    from peercircle.community.models import Post, PostState, ThreadFollow
    from peercircle.notifications.services import notification_send_after_commit

    post = (Post.objects.select_related("thread", "thread__space", "pseudonym", "author", "author__profile")
            .filter(pk=post_id, state=PostState.VISIBLE).first())
    if post is None:
        return 0
    thread, space = post.thread, post.thread.space
    name, title = shown_name(post), thread.title
    followers = set(ThreadFollow.objects.filter(thread=thread).values_list("person_id", flat=True))
    mentioned = _mentioned(post, space)
    sent = 0
    people = get_user_model().objects.filter(pk__in=(followers | mentioned) - {post.author_id}, is_active=True)
    for person in people:
        viewer = SpaceViewer(person, space)
        if not viewer.can_read or not viewer.sees_post(post):
            continue
        if person.pk in mentioned:
            kind, key = MENTION, f"forum:mention:{post.pk}"

            def write(user, name=name, title=title):
                return (_("%(name)s mentioned you in “%(title)s”") % {"name": name, "title": title}, "")
        else:
            kind, key = REPLY, f"forum:reply:{post.pk}"

            def write(user, name=name, title=title):
                return (_("New reply from %(name)s in “%(title)s”") % {"name": name, "title": title},
                        _("You follow this thread. You can stop following it from the thread's page."))
        notification_send_after_commit(recipient_id=person.pk, kind=kind, write=write, url=post_url(post),
                                       dedupe_key=key)
        sent += 1
    return sent


def post_moderated(*, post, action: str, note: str) -> None:
    from peercircle.notifications.services import notification_send_after_commit

    if post.author_id is None:
        return
    thread_title = post.thread.title

    def write(user):
        titles = {
            "approve": _("Your post in “%(title)s” is now visible"),
            "hide": _("A moderator hid your post in “%(title)s”"),
            "remove": _("A moderator removed your post in “%(title)s”"),
            "edit": _("A moderator edited your post in “%(title)s”"),
        }
        body = _("The moderator's reason: %(note)s") % {"note": note} if note else ""
        return titles[action] % {"title": thread_title}, body

    notification_send_after_commit(recipient_id=post.author_id, kind=MODERATED, write=write, url=post_url(post),
                                   dedupe_key=f"forum:moderated:{post.pk}:{action}:{post.state_changed_at or post.edited_at}")


def story_reviewed(*, story) -> None:
    from peercircle.community.models import StoryStatus
    from peercircle.notifications.services import notification_send_after_commit

    if story.author_id is None:
        return
    title = story.title

    def write(user):
        if story.status == StoryStatus.PUBLISHED:
            return (_("Your story “%(title)s” is published — thank you for sharing it") % {"title": title},
                    story.review_note)
        return (_("A moderator read your story “%(title)s”") % {"title": title},
                _("It wasn't published this time. %(note)s") % {"note": story.review_note})

    notification_send_after_commit(recipient_id=story.author_id, kind=STORY, write=write,
                                   url=reverse("community:my_stories"),
                                   dedupe_key=f"story:{story.pk}:{story.status}")
