"""The forums' part of a person's data export, and of erasing an account.

Erasing removes every post's words unless the person chose to keep their public posts; kept
posts then read "Former member" (their pseudonyms go too). Reactions, follows, rules
acceptances, preferences and stories not yet published are removed; published stories stay
only when posts are kept, and always without a name."""

from django.db.models import Q
from django.utils import timezone

from peercircle.community.models import (
    Byline,
    Post,
    PostRevision,
    PostState,
    Pseudonym,
    Reaction,
    ReadingPreference,
    RulesAcceptance,
    Story,
    StoryStatus,
    ThreadFollow,
)
from peercircle.core.registry import PersonalDataProvider, register_personal_data


def _iso(moment):
    return moment.isoformat() if moment else None


def _export(user):
    return {
        "posts": [
            {"space": p.thread.space.name, "thread": p.thread.title, "number": p.number, "text": p.source,
             "content_warnings": p.content_warnings, "state": p.state, "state_reason": p.state_reason,
             "pseudonym": p.pseudonym.name if p.pseudonym_id else None, "created_at": _iso(p.created_at),
             "edited_at": _iso(p.edited_at)}
            for p in Post.objects.filter(author=user).select_related("thread", "thread__space", "pseudonym")
            .order_by("created_at", "pk")
        ],
        "pseudonyms": [{"space": p.space.name, "name": p.name}
                       for p in Pseudonym.objects.filter(person=user).select_related("space")],
        "reactions": [{"post_id": r.post_id, "kind": r.kind, "created_at": _iso(r.created_at)}
                      for r in Reaction.objects.filter(person=user).order_by("created_at")],
        "following": [f.thread.title for f in ThreadFollow.objects.filter(person=user).select_related("thread")],
        "rules_accepted": [{"space": a.space.name, "version": a.version, "accepted_at": _iso(a.accepted_at)}
                           for a in RulesAcceptance.objects.filter(person=user).select_related("space")],
        "collapsed_content_warnings": getattr(ReadingPreference.objects.filter(person=user).first(),
                                              "collapse_warnings", None),
        "stories": [{"title": s.title, "text": s.source, "status": s.status, "byline": s.byline,
                     "created_at": _iso(s.created_at), "published_at": _iso(s.published_at)}
                    for s in Story.objects.filter(author=user).order_by("created_at")],
    }


def _erase(user, keep_public_posts: bool) -> None:
    posts = Post.objects.filter(author=user)
    PostRevision.objects.filter(post__in=posts).delete()
    if keep_public_posts:
        posts.filter(~Q(state=PostState.VISIBLE)).update(source="", html="", state=PostState.REMOVED,
                                                          state_reason="", state_changed_at=timezone.now())
        posts.update(author=None, pseudonym=None)
    else:
        posts.update(source="", html="", author=None, pseudonym=None, state=PostState.REMOVED,
                     state_reason="", state_changed_at=timezone.now())
    from peercircle.community.models import Thread

    Thread.objects.filter(author=user).update(author=None, pseudonym=None)
    Pseudonym.objects.filter(person=user).delete()
    Reaction.objects.filter(person=user).delete()
    ThreadFollow.objects.filter(person=user).delete()
    RulesAcceptance.objects.filter(person=user).delete()
    ReadingPreference.objects.filter(person=user).delete()
    stories = Story.objects.filter(author=user)
    if keep_public_posts:
        stories.exclude(status=StoryStatus.PUBLISHED).delete()
        stories.update(author=None, byline=Byline.ANONYMOUS, byline_name="")
    else:
        stories.delete()


register_personal_data(PersonalDataProvider(name="community", export=_export, erase=_erase))
