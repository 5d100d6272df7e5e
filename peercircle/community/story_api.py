"""Stories of hope in the API: the published collection (public), one story, sharing a story
and looking after your own, and the moderators' review. The same services, access rules and
404s as the pages."""

from datetime import datetime
from typing import Literal

from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate

from peercircle.api.auth import AUTH
from peercircle.community import access
from peercircle.community import story_selectors as selectors
from peercircle.community.models import Byline, Story
from peercircle.community.story_services import (
    StoryError,
    story_review,
    story_submit,
    story_update,
    story_withdraw,
)

router = Router(tags=["stories"])


def _anyone(request):
    """Signed in or not: a story's author and its moderators also see it before it is published."""
    return request.user if request.user.is_authenticated else AnonymousUser()


OPTIONAL_AUTH = [*AUTH, _anyone]


class Message(Schema):
    detail: str


class OrganizationRef(Schema):
    slug: str
    name: str


class StoryOut(Schema):
    id: int
    title: str
    html: str
    byline: str
    experiences: list[str]
    content_warnings: list[str]
    organization: OrganizationRef
    status: str
    published_at: datetime | None

    @staticmethod
    def resolve_byline(story):
        return selectors.shown_byline(story)

    @staticmethod
    def resolve_experiences(story):
        return [node.code for node in story.experiences.all()]


class MyStoryOut(StoryOut):
    """One of the caller's own stories: what they wrote, where it stands, the moderator's note."""

    source: str
    byline_choice: str
    review_note: str
    created_at: datetime
    reviewed_at: datetime | None

    @staticmethod
    def resolve_byline_choice(story):
        return story.byline


class ReviewStoryOut(StoryOut):
    """A story as its moderator reads it (the author's name only when it is to be shown)."""

    source: str
    screening_level: str
    created_at: datetime
    review_note: str

    @staticmethod
    def resolve_byline(story):
        if (story.byline == Byline.NAME and not story.byline_name and story.author_id
                and hasattr(story.author, "profile")):
            return story.author.profile.display_name  # the name it will be published under
        return selectors.shown_byline(story)


class StoryIn(Schema):
    organization: str
    title: str
    text: str
    experiences: list[str] = []
    content_warnings: list[str] = []
    byline: Literal["anonymous", "name"] = "anonymous"


class StoryPatch(Schema):
    title: str | None = None
    text: str | None = None
    experiences: list[str] | None = None
    content_warnings: list[str] | None = None
    byline: Literal["anonymous", "name"] | None = None


class ReviewIn(Schema):
    decision: Literal["publish", "decline"]
    note: str = ""


def _reloaded(story_id: int) -> Story:
    return Story.objects.select_related("organization").prefetch_related("experiences").get(pk=story_id)


def _own(user, story_id: int) -> Story:
    story = selectors.my_stories(user).filter(pk=story_id).first()
    if story is None:
        raise Http404
    return story


@router.get("/stories", response=list[StoryOut], auth=None, summary="Published stories of hope (public)")
@paginate(LimitOffsetPagination)
def stories(request, experience: str = "", q: str = ""):
    node = selectors.experience_node(experience)
    if experience.strip() and node is None:
        return Story.objects.none()
    return selectors.published_stories(node=node, words=q[:200])


@router.get("/stories/review", response={200: list[ReviewStoryOut], 404: Message},
            summary="Stories waiting for you to review (moderators)")
def review_queue(request):
    if not access.may_review_stories(request.auth):
        raise Http404
    return list(selectors.review_queue(request.auth).select_related("author__profile"))


@router.get("/stories/{story_id}", response={200: StoryOut, 404: Message}, auth=OPTIONAL_AUTH,
            summary="One story: published, or yours, or one you moderate")
def story(request, story_id: int):
    return access.story_for(request.auth, story_id)


@router.post("/stories", response={201: MyStoryOut, 400: Message},
             summary="Share a story: a moderator of the organization reads it before it is published")
def submit(request, payload: StoryIn):
    organization = access.story_submission_organizations(request.auth).filter(
        slug=payload.organization, is_active=True).first()
    if organization is None:
        raise StoryError(_("Please choose one of your organizations to send your story to."))
    saved = story_submit(author=request.auth, organization=organization, title=payload.title, text=payload.text,
                         experience_codes=payload.experiences, content_warnings=payload.content_warnings,
                         byline=payload.byline)
    return Status(201, _reloaded(saved.pk))


@router.get("/me/stories", response=list[MyStoryOut], summary="Your stories, with where each stands")
def mine(request):
    return list(selectors.my_stories(request.auth))


@router.patch("/me/stories/{story_id}", response={200: MyStoryOut, 400: Message, 404: Message},
              summary="Change your story while it waits for a moderator")
def update(request, story_id: int, payload: StoryPatch):
    story = _own(request.auth, story_id)
    story_update(
        author=request.auth, story=story,
        title=story.title if payload.title is None else payload.title,
        text=story.source if payload.text is None else payload.text,
        experience_codes=([node.code for node in story.experiences.all()] if payload.experiences is None
                          else payload.experiences),
        content_warnings=story.content_warnings if payload.content_warnings is None else payload.content_warnings,
        byline=story.byline if payload.byline is None else payload.byline)
    return _reloaded(story.pk)


@router.post("/me/stories/{story_id}/withdraw", response={200: MyStoryOut, 400: Message, 404: Message},
             summary="Take your story down (waiting or published)")
def withdraw(request, story_id: int):
    story = _own(request.auth, story_id)
    story_withdraw(author=request.auth, story=story)
    return _reloaded(story.pk)


@router.post("/stories/{story_id}/review", response={200: ReviewStoryOut, 400: Message, 404: Message},
             summary="Publish a waiting story, or decline it with a note the author reads")
def review(request, story_id: int, payload: ReviewIn):
    story = Story.objects.filter(access.reviewable_stories_q(request.auth), pk=story_id).first()
    if story is None:
        raise Http404
    story_review(moderator=request.auth, story=story, decision=payload.decision, note=payload.note)
    return _reloaded(story.pk)

