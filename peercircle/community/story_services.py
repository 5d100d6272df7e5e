"""Writes for stories of hope: an author submits a story to one of their organizations, may
reword it while it waits, and may take it down at any time; a moderator of that organization
publishes it or declines it with a note the author reads. Each write is atomic, audited, and
refuses with a StoryError written for the person (nothing changes when it is raised). The
words go through the one text pipeline like every post."""

from dataclasses import replace

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from peercircle.community import notices
from peercircle.community.access import may_review_story, story_submission_organizations
from peercircle.community.models import CONTENT_WARNING_CODES, Byline, Story, StoryStatus
from peercircle.community.services import CommunityError
from peercircle.core.audit import audit_record
from peercircle.core.text import after_store, clean_plain, prepare_user_text

STORY_MAX = 20000
TITLE_MAX = 160
NOTE_MAX = 2000
DECISIONS = ("publish", "decline")


class StoryError(CommunityError):
    """A story request that cannot be carried out; the message is safe to show."""


def _check_may_write(person) -> None:
    from peercircle.safety.access import posting_restriction

    if posting_restriction(person) is not None:
        raise StoryError(_("You can't share a story at the moment: a moderator has paused your posting. "
                           "You can still read, and see why under My reports."))


def _title(title: str) -> str:
    title = clean_plain(title, max_length=TITLE_MAX + 1).replace("\n", " ")
    if not title:
        raise StoryError(_("Please give your story a title."))
    if len(title) > TITLE_MAX:
        raise StoryError(_("Please keep the title under %(max)s characters.") % {"max": TITLE_MAX})
    return title


def _warnings(codes) -> list[str]:
    codes = list(dict.fromkeys(code for code in (codes or []) if code))
    if any(code not in CONTENT_WARNING_CODES for code in codes):
        raise StoryError(_("Please choose content warnings from the list."))
    return codes


def _byline(byline: str) -> str:
    if byline not in Byline.values:
        raise StoryError(_("Please choose how your story is signed: anonymously or with your display name."))
    return byline


def _experiences(codes) -> list:
    from peercircle.experiences.models import NodeKind, TaxonomyNode

    codes = list(dict.fromkeys(code for code in (codes or []) if code))
    nodes = list(TaxonomyNode.objects.filter(code__in=codes, kind=NodeKind.EXPERIENCE, is_active=True))
    if len(nodes) != len(codes):
        raise StoryError(_("Please choose experiences from the list."))
    return nodes


def _prepare(person, title: str, text: str):
    """The story through the pipeline; its title is screened with it."""
    source = clean_plain(text, max_length=STORY_MAX + 1)
    if not source:
        raise StoryError(_("Please write your story before sending it."))
    if len(source) > STORY_MAX:
        raise StoryError(_("Please keep your story under %(max)s characters.") % {"max": f"{STORY_MAX:,}"})
    lang = getattr(person, "language", "en") or "en"
    prepared = prepare_user_text(text=source, lang=lang)
    together = prepare_user_text(text=f"{title}\n\n{source}", lang=lang, markdown=False)
    return replace(prepared, screening=together.screening, flags=together.flags)


def story_submit(*, author, organization, title: str, text: str, experience_codes=(), content_warnings=(),
                 byline: str = Byline.ANONYMOUS) -> Story:
    """Send a story to one of the author's organizations; a moderator there reads it before
    anyone else can."""
    _check_may_write(author)
    if organization is None or not story_submission_organizations(author).filter(pk=organization.pk).exists():
        raise StoryError(_("Please choose one of your organizations to send your story to."))
    title = _title(title)
    warnings = _warnings(content_warnings)
    byline = _byline(byline)
    nodes = _experiences(experience_codes)
    prepared = _prepare(author, title, text)
    with transaction.atomic():
        story = Story.objects.create(
            author=author, organization=organization, title=title, source=prepared.source, html=prepared.html,
            content_warnings=warnings, byline=byline, status=StoryStatus.SUBMITTED,
            screening_level=prepared.screening.level)
        story.experiences.set(nodes)
        audit_record(actor=author, action="story.submit", target=story, subject=author,
                     organization=organization, is_staff_action=False)
        after_store(prepared=prepared, author=author, target=story, context="story")
    return story


def story_update(*, author, story: Story, title: str, text: str, experience_codes=(), content_warnings=(),
                 byline: str = Byline.ANONYMOUS) -> Story:
    """The author rewords their story while it waits for a moderator."""
    if story.author_id != author.pk:
        raise StoryError(_("You can only change your own stories."))
    _check_may_write(author)
    title = _title(title)
    warnings = _warnings(content_warnings)
    byline = _byline(byline)
    nodes = _experiences(experience_codes)
    prepared = _prepare(author, title, text)
    with transaction.atomic():
        locked = Story.objects.select_for_update().get(pk=story.pk)
        if locked.status != StoryStatus.SUBMITTED:
            raise StoryError(_("A moderator has already read this story, so it can't be changed now. "
                               "You can withdraw it and share a new one."))
        locked.title, locked.source, locked.html = title, prepared.source, prepared.html
        locked.content_warnings, locked.byline = warnings, byline
        locked.screening_level = prepared.screening.level
        locked.save(update_fields=["title", "source", "html", "content_warnings", "byline", "screening_level",
                                   "updated_at"])
        locked.experiences.set(nodes)
        audit_record(actor=author, action="story.update", target=locked, subject=author,
                     organization=locked.organization, is_staff_action=False)
        after_store(prepared=prepared, author=author, target=locked, context="story")
    return locked


def story_withdraw(*, author, story: Story) -> Story:
    """The author takes their story down (waiting or published): it is theirs to take back."""
    if story.author_id != author.pk:
        raise StoryError(_("You can only withdraw your own stories."))
    with transaction.atomic():
        locked = Story.objects.select_for_update().get(pk=story.pk)
        if locked.status == StoryStatus.WITHDRAWN:
            return locked
        if locked.status == StoryStatus.DECLINED:
            raise StoryError(_("This story wasn't published, so there is nothing to take down."))
        was = locked.status
        locked.status = StoryStatus.WITHDRAWN
        locked.save(update_fields=["status", "updated_at"])
        audit_record(actor=author, action="story.withdraw", target=locked, subject=author,
                     organization=locked.organization, data={"was": was}, is_staff_action=False)
    return locked


def story_review(*, moderator, story: Story, decision: str, note: str = "") -> Story:
    """A moderator of the story's organization publishes it, or declines it with a note the
    author reads. The byline is frozen at publication: the author's display name as it is now,
    when they chose to be named."""
    if decision not in DECISIONS:
        raise StoryError(_("Please choose to publish the story or not."))
    if not may_review_story(moderator, story):
        raise StoryError(_("Only a moderator of the story's organization can review it, and never their own."))
    note = clean_plain(note, max_length=NOTE_MAX)
    if decision == "decline" and not note:
        raise StoryError(_("Please write a note for the author: they will read why it wasn't published."))
    now = timezone.now()
    with transaction.atomic():
        locked = (Story.objects.select_for_update(of=("self",)).select_related("organization", "author", "author__profile")
                  .get(pk=story.pk))
        if locked.status != StoryStatus.SUBMITTED:
            raise StoryError(_("This story isn't waiting for a moderator any more."))
        locked.reviewed_by, locked.reviewed_at, locked.review_note = moderator, now, note
        fields = ["status", "reviewed_by", "reviewed_at", "review_note", "updated_at"]
        if decision == "publish":
            locked.status, locked.published_at = StoryStatus.PUBLISHED, now
            locked.byline_name = _byline_name(locked) if locked.byline == Byline.NAME else ""
            fields += ["published_at", "byline_name"]
        else:
            locked.status = StoryStatus.DECLINED
        locked.save(update_fields=fields)
        audit_record(actor=moderator, action=f"story.{decision}", target=locked, subject=locked.author,
                     organization=locked.organization, data={"note": note} if note else {}, is_staff_action=True)
        notices.story_reviewed(story=locked)
    return locked


def _byline_name(story: Story) -> str:
    profile = getattr(story.author, "profile", None) if story.author_id else None
    return (profile.display_name if profile else "")[:60]
