"""Support requests, supporter profiles and matches.

A person asks for a peer (`SupportRequest`) in a 1:1 program; a trained peer supporter keeps a
`SupporterProfile`; the engine proposes a `Match`, which the supporter answers first and the
person second. Availability is kept as the windows people gave, in their own time zone, and as
a 168-bit mask of the hours of a week in UTC (`availability_utc`, 42 hex digits) that the engine
compares across time zones.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone as django_timezone
from django.utils.translation import gettext_lazy as _

from peercircle.core.crypto import EncryptedTextField
from peercircle.core.models import TimeStampedModel


class Format(models.TextChoices):
    CHAT = "chat", _("Chat")
    CALL = "call", _("Phone call")
    VIDEO = "video", _("Video call")
    IN_PERSON = "in_person", _("In person")


class AgeBand(models.TextChoices):
    UNDER_18 = "under_18", _("Under 18")
    FROM_18 = "18_25", _("18 to 25")
    FROM_26 = "26_40", _("26 to 40")
    FROM_41 = "41_60", _("41 to 60")
    FROM_61 = "61_plus", _("61 or older")


class Gender(models.TextChoices):
    WOMAN = "woman", _("Woman")
    MAN = "man", _("Man")
    NONBINARY = "nonbinary", _("Non-binary")
    UNSAID = "", _("Prefer not to say")


class Urgency(models.TextChoices):
    SOON = "soon", _("As soon as possible")
    WEEKS = "weeks", _("In the next few weeks")
    FLEXIBLE = "flexible", _("Whenever suits")


class SupporterStatus(models.TextChoices):
    AVAILABLE = "available", _("Taking new matches")
    PAUSED = "paused", _("Paused")


class SupporterProfile(TimeStampedModel):
    """What a peer supporter brings to 1:1 matching. Their experiences and communities are
    their own `PersonExperience` / `PersonCommunity` rows (not marked "only me")."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="supporter_profile")
    status = models.CharField(max_length=20, choices=SupporterStatus.choices,
                              default=SupporterStatus.AVAILABLE)
    capacity = models.PositiveSmallIntegerField(_("active matches at most"), default=3)
    # Proposals waiting for an answer and active matches: kept by the services, in the same
    # transaction as the match that changes it (so `updated_at` tells the engine's index too).
    load = models.PositiveSmallIntegerField(default=0)
    languages = models.JSONField(default=list, blank=True)
    formats = models.JSONField(default=list, blank=True)
    gender = models.CharField(_("gender"), max_length=20, choices=Gender.choices, blank=True)
    age_band = models.CharField(_("age"), max_length=20, choices=AgeBand.choices, blank=True)
    timezone = models.CharField(max_length=64, default="UTC")
    availability = models.JSONField(default=list, blank=True)  # [{"day": 0-6, "start": "18:00", "end": "21:00"}]
    availability_utc = models.CharField(max_length=42, default="0" * 42)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    travel_km = models.PositiveSmallIntegerField(_("how far I can travel to meet (km)"), default=10)
    # What they tell the people they are proposed to; goes through the text pipeline.
    about = models.TextField(_("about me, for the people I may support"), max_length=2000, blank=True)
    about_html = models.TextField(blank=True)
    # float32 sentence embedding of `about`, when the semantic backend is configured.
    about_embedding = models.BinaryField(null=True, blank=True, editable=False)

    class Meta:
        indexes = [models.Index(fields=["updated_at"])]

    def __str__(self) -> str:
        return f"supporter profile #{self.pk}"

    @property
    def has_room(self) -> bool:
        return self.status == SupporterStatus.AVAILABLE and self.load < self.capacity


class SupporterProgram(models.Model):
    """A program a supporter serves, and what the program says about them."""

    supporter = models.ForeignKey(SupporterProfile, on_delete=models.CASCADE, related_name="programs")
    program = models.ForeignKey("organizations.Program", on_delete=models.CASCADE, related_name="supporters")
    # Meets the program's requirements (the training issue will replace the flag with records).
    certified = models.BooleanField(default=False)
    # Trained to support people under 18: the only supporters a young person is matched with.
    youth_trained = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["supporter", "program"], name="unique_supporter_program")]

    def __str__(self) -> str:
        return f"supporter program #{self.pk}"


class RequestStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting for a match")
    PROPOSED = "proposed", _("A match is being proposed")
    MATCHED = "matched", _("Matched")
    CLOSED = "closed", _("Closed")


OPEN_REQUEST_STATUSES = (RequestStatus.WAITING, RequestStatus.PROPOSED, RequestStatus.MATCHED)


class SupportRequest(TimeStampedModel):
    """Someone asking for a peer supporter in a 1:1 program."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="support_requests")
    program = models.ForeignKey("organizations.Program", on_delete=models.PROTECT, related_name="support_requests")
    status = models.CharField(max_length=20, choices=RequestStatus.choices, default=RequestStatus.WAITING)
    experiences = models.ManyToManyField("experiences.TaxonomyNode", related_name="+")
    communities = models.ManyToManyField("experiences.TaxonomyNode", related_name="+", blank=True)
    # In their own words, for the engine to compare with supporters' stories. Confidential.
    story = EncryptedTextField(blank=True)
    story_embedding = models.BinaryField(null=True, blank=True, editable=False)
    goals = models.TextField(_("what you hope for"), max_length=2000, blank=True)
    goals_html = models.TextField(blank=True)
    age_band = models.CharField(_("your age"), max_length=20, choices=AgeBand.choices)
    languages = models.JSONField(default=list)
    supporter_gender = models.CharField(max_length=20, choices=Gender.choices, blank=True)
    supporter_age_bands = models.JSONField(default=list, blank=True)
    shared_community = models.BooleanField(default=False)
    formats = models.JSONField(default=list)
    timezone = models.CharField(max_length=64, default="UTC")
    availability = models.JSONField(default=list, blank=True)
    availability_utc = models.CharField(max_length=42, default="0" * 42)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    distance_km = models.PositiveSmallIntegerField(default=10)
    urgency = models.CharField(max_length=20, choices=Urgency.choices, default=Urgency.WEEKS)
    # When the person started waiting (again): the batch raises their priority with time.
    waiting_since = models.DateTimeField(default=django_timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["program", "status", "waiting_since"])]
        constraints = [
            # One open request per person and program, also when two arrive at the same moment.
            models.UniqueConstraint(fields=["user", "program"], condition=models.Q(status__in=OPEN_REQUEST_STATUSES),
                                    name="one_open_request_per_program"),
        ]

    def __str__(self) -> str:
        return f"support request #{self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_REQUEST_STATUSES


class MatchStatus(models.TextChoices):
    PROPOSED = "proposed", _("Waiting for the supporter")
    SUPPORTER_ACCEPTED = "supporter_accepted", _("Waiting for you to say yes")
    ACTIVE = "active", _("Active")
    DECLINED = "declined", _("Declined")
    EXPIRED = "expired", _("No answer in time")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    ENDED = "ended", _("Ended")


OPEN_MATCH_STATUSES = (MatchStatus.PROPOSED, MatchStatus.SUPPORTER_ACCEPTED, MatchStatus.ACTIVE)


class Match(TimeStampedModel):
    """A proposal and, once both say yes, the 1:1 relationship (the support issue builds the
    workspace on it)."""

    request = models.ForeignKey(SupportRequest, on_delete=models.CASCADE, related_name="matches")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="matches_as_member")
    supporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                  related_name="matches_as_supporter")
    program = models.ForeignKey("organizations.Program", on_delete=models.PROTECT, related_name="matches")
    status = models.CharField(max_length=20, choices=MatchStatus.choices, default=MatchStatus.PROPOSED)
    score = models.FloatField(default=0)
    # Why this match, as reason codes with their values; shown in the reader's language.
    explanation = models.JSONField(default=list)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    supporter_answered_at = models.DateTimeField(null=True, blank=True)
    member_answered_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")
    # Who declined and why (optional); the reason is seen by the program's admins only.
    declined_by = models.CharField(max_length=20, blank=True)  # "supporter" or "member"
    decline_reason = models.TextField(blank=True, max_length=1000)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["supporter", "status"]), models.Index(fields=["member", "status"])]
        constraints = [
            models.UniqueConstraint(fields=["request"], condition=models.Q(status__in=OPEN_MATCH_STATUSES),
                                    name="one_open_match_per_request"),
        ]

    def __str__(self) -> str:
        return f"match #{self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_MATCH_STATUSES


def default_weights() -> dict:
    return dict(settings.PEERCIRCLE_MATCHING_WEIGHTS)


class ProgramMatchingSettings(models.Model):
    """How a program's admins tune the engine."""

    program = models.OneToOneField("organizations.Program", on_delete=models.CASCADE,
                                   related_name="matching_settings")
    weights = models.JSONField(default=default_weights)
    # Each week of waiting adds this much to a request's priority in the batch (score is 0..1).
    wait_bonus_per_week = models.FloatField(default=0.05)
    # After this many days nobody is left out of a batch while a supporter could take them.
    longest_wait_days = models.PositiveSmallIntegerField(default=28)
    # A supporter who has not answered a proposal in this many days lets it go to someone else.
    answer_within_days = models.PositiveSmallIntegerField(default=3)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    def __str__(self) -> str:
        return f"matching settings of program #{self.program_id}"
