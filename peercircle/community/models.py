"""Community forums: spaces, threads, posts, reactions, pseudonyms, and stories of hope.

A post's words are stored as the author wrote them (`source`, Markdown) and as cleaned HTML
(`html`), both from the one text pipeline. A post has a state the author can always see, with
the reason when it is not visible to others: nothing a person wrote disappears silently."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from peercircle.core.models import TimeStampedModel


class SpaceKind(models.TextChoices):
    TOPIC = "topic", _("Open to every member")
    ORGANIZATION = "organization", _("Members of an organization")
    GROUP = "group", _("Members of a support group")


class ContentWarning(models.TextChoices):
    SUICIDE = "suicide", _("Suicide")
    SELF_HARM = "self_harm", _("Self-harm")
    SUBSTANCE_USE = "substance_use", _("Substance use")
    ABUSE = "abuse", _("Abuse")
    EATING = "eating", _("Eating and food")
    GRIEF = "grief", _("Details of a death or loss")
    VIOLENCE = "violence", _("Violence")
    MEDICAL = "medical", _("Medical details")


CONTENT_WARNING_CODES = tuple(ContentWarning.values)


class PostState(models.TextChoices):
    VISIBLE = "visible", _("Visible")
    PENDING = "pending", _("Waiting for a moderator")
    HIDDEN = "hidden", _("Hidden by a moderator")
    REMOVED = "removed", _("Removed by a moderator")


class ReactionKind(models.TextChoices):
    ME_TOO = "me_too", _("Me too")
    SENDING_SUPPORT = "sending_support", _("Sending support")
    THIS_HELPED = "this_helped", _("This helped")


REACTION_CODES = tuple(ReactionKind.values)


class Space(TimeStampedModel):
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(max_length=80, unique=True)
    kind = models.CharField(_("who can read it"), max_length=20, choices=SpaceKind.choices)
    description = models.TextField(_("description"), blank=True, max_length=2000)
    description_html = models.TextField(blank=True)
    # The organization that hosts and moderates the space (topic and organization spaces), or
    # the support group whose members alone may read it.
    organization = models.ForeignKey("organizations.Organization", null=True, blank=True,
                                     on_delete=models.CASCADE, related_name="spaces")
    group = models.OneToOneField("groups.SupportGroup", null=True, blank=True, on_delete=models.CASCADE,
                                 related_name="space")
    experiences = models.ManyToManyField("experiences.TaxonomyNode", blank=True, related_name="spaces")
    rules = models.TextField(_("rules"), max_length=4000)
    rules_html = models.TextField(blank=True)
    # Raised whenever the rules change, so members accept the new rules before posting again.
    rules_version = models.PositiveIntegerField(default=1)
    allow_anonymous = models.BooleanField(_("members may post under a pseudonym"), default=False)
    moderators = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="moderated_spaces")
    is_archived = models.BooleanField(default=False)
    position = models.PositiveIntegerField(default=100)
    # Kept up to date by the services so lists need no counting.
    thread_count = models.PositiveIntegerField(default=0)
    post_count = models.PositiveIntegerField(default=0)
    last_post_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class RulesAcceptance(models.Model):
    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="acceptances")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="space_acceptances")
    version = models.PositiveIntegerField()
    accepted_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["space", "person"], name="one_acceptance_per_space")]

    def __str__(self) -> str:
        return f"rules acceptance #{self.pk}"


class Pseudonym(models.Model):
    """The name a person posts under in one space. Only moderators may look behind it, and
    every such look is audited."""

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="pseudonyms")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pseudonyms")
    name = models.CharField(max_length=60)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["space", "person"], name="one_pseudonym_per_space"),
            models.UniqueConstraint(fields=["space", "name"], name="pseudonym_unique_in_space"),
        ]

    def __str__(self) -> str:
        return self.name


class Thread(models.Model):
    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="threads")
    title = models.CharField(_("title"), max_length=160)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    pseudonym = models.ForeignKey(Pseudonym, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    # The thread is listed when its first post is visible; it mirrors that post's state.
    state = models.CharField(max_length=10, choices=PostState.choices, default=PostState.VISIBLE)
    content_warnings = models.JSONField(default=list, blank=True)
    is_pinned = models.BooleanField(default=False)
    is_locked = models.BooleanField(default=False)
    # Kept up to date by the services (visible replies only), so lists need no counting.
    reply_count = models.PositiveIntegerField(default=0)
    last_post_at = models.DateTimeField()
    last_post_number = models.PositiveIntegerField(default=1)

    class Meta:
        indexes = [
            models.Index(fields=["space", "state", "-is_pinned", "-last_post_at", "-id"], name="thread_list"),
        ]

    def __str__(self) -> str:
        return self.title


class Post(models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    # Place in the thread, from 1 (the opening post); gaps never happen, so pages are ranges.
    number = models.PositiveIntegerField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    pseudonym = models.ForeignKey(Pseudonym, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    source = models.TextField(max_length=20000)
    html = models.TextField()
    content_warnings = models.JSONField(default=list, blank=True)
    quote_of = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    state = models.CharField(max_length=10, choices=PostState.choices, default=PostState.VISIBLE)
    # Why the post is not visible, written for its author.
    state_reason = models.TextField(blank=True, max_length=2000)
    state_changed_at = models.DateTimeField(null=True, blank=True)
    state_changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                         on_delete=models.SET_NULL, related_name="+")
    # What screening said, for the moderators' queue filters.
    screening_level = models.CharField(max_length=10, default="none")
    screening_categories = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    edit_count = models.PositiveIntegerField(default=0)
    reaction_counts = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["thread", "number"]
        constraints = [models.UniqueConstraint(fields=["thread", "number"], name="post_number_unique")]
        indexes = [models.Index(fields=["state", "created_at"], name="post_state_created")]

    def __str__(self) -> str:
        return f"post #{self.pk}"


class PostRevision(models.Model):
    """An earlier wording of a post, kept whenever it is edited (by its author or a moderator)."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    source = models.TextField()
    html = models.TextField()
    content_warnings = models.JSONField(default=list, blank=True)
    edited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    # A moderator's edit says why; the author reads it.
    note = models.TextField(blank=True, max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"revision #{self.pk}"


class Reaction(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reactions")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=ReactionKind.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["post", "person", "kind"], name="one_reaction_of_a_kind")]

    def __str__(self) -> str:
        return f"reaction #{self.pk}"


class ThreadFollow(models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="follows")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="thread_follows")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["thread", "person"], name="follow_once")]

    def __str__(self) -> str:
        return f"follow #{self.pk}"


class ReadingPreference(models.Model):
    """Which content warnings a person wants always folded away (all of them, until they choose)."""

    person = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                  related_name="reading_preference")
    collapse_warnings = models.JSONField(default=list, blank=True)

    def __str__(self) -> str:
        return f"reading preference #{self.pk}"

    def collapses(self, code: str) -> bool:
        return code in self.collapse_warnings


class StoryStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Waiting for a moderator to read it")
    PUBLISHED = "published", _("Published")
    DECLINED = "declined", _("Not published")
    WITHDRAWN = "withdrawn", _("Withdrawn by you")


class Byline(models.TextChoices):
    ANONYMOUS = "anonymous", _("Anonymous")
    NAME = "name", _("My display name")


class Story(TimeStampedModel):
    """A story of hope: submitted by its author, read and published by a moderator of the
    organization it was sent to, findable by experience."""

    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="stories")
    organization = models.ForeignKey("organizations.Organization", on_delete=models.CASCADE, related_name="stories")
    title = models.CharField(_("title"), max_length=160)
    source = models.TextField(_("your story"), max_length=20000)
    html = models.TextField()
    experiences = models.ManyToManyField("experiences.TaxonomyNode", blank=True, related_name="stories")
    content_warnings = models.JSONField(default=list, blank=True)
    byline = models.CharField(_("show it as"), max_length=20, choices=Byline.choices, default=Byline.ANONYMOUS)
    byline_name = models.CharField(max_length=60, blank=True)
    status = models.CharField(max_length=20, choices=StoryStatus.choices, default=StoryStatus.SUBMITTED)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    reviewed_at = models.DateTimeField(null=True, blank=True)
    # For the author: why it was not published, or a word from the moderator.
    review_note = models.TextField(blank=True, max_length=2000)
    published_at = models.DateTimeField(null=True, blank=True)
    screening_level = models.CharField(max_length=10, default="none")

    class Meta:
        ordering = ["-published_at", "-created_at"]
        verbose_name_plural = "stories"

    def __str__(self) -> str:
        return self.title
