from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from peercircle.core.models import TimeStampedModel


class Leadership(models.TextChoices):
    PEER_FACILITATED = "peer_facilitated", _("Peer-facilitated")
    SELF_LED = "self_led", _("Self-led")
    CO_FACILITATED = "co_facilitated", _("Co-facilitated with a professional")


class GroupFormat(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("In person and online")


class LinkVisibility(models.TextChoices):
    MEMBERS = "members", _("Members only")
    ANYONE = "anyone", _("Anyone")


class JoinPolicy(models.TextChoices):
    OPEN = "open", _("Open: anyone can join")
    BY_REQUEST = "by_request", _("By request: a facilitator says yes")
    CLOSED = "closed", _("Closed: not taking new members")


class MemberListVisibility(models.TextChoices):
    FACILITATORS = "facilitators", _("Facilitators only")
    MEMBERS = "members", _("Members of the group")


class GroupStatus(models.TextChoices):
    PENDING_APPROVAL = "pending_approval", _("Waiting for approval")
    ACTIVE = "active", _("Active")
    TEMPORARILY_CLOSED = "temporarily_closed", _("Temporarily closed")
    ENDED = "ended", _("Ended")


class Accessibility(models.TextChoices):
    STEP_FREE = "step_free", _("Step-free access")
    SIGN_LANGUAGE = "sign_language", _("Sign language interpretation")
    CAPTIONS = "captions", _("Captions online")
    HEARING_LOOP = "hearing_loop", _("Hearing loop")
    QUIET_SPACE = "quiet_space", _("Quiet space")
    ACCESSIBLE_TOILET = "accessible_toilet", _("Accessible toilet")
    LARGE_PRINT = "large_print", _("Large print materials")


ACCESSIBILITY_CODES = tuple(Accessibility.values)


class SupportGroup(TimeStampedModel):
    """A peer support group. Public details are listed for anyone once the group is active;
    the online link and the member list are shown only as the group decides (see access)."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)
    description_html = models.TextField(blank=True)
    experiences = models.ManyToManyField("experiences.TaxonomyNode", blank=True, related_name="support_groups")
    communities = models.ManyToManyField("experiences.TaxonomyNode", blank=True,
                                         related_name="community_support_groups")
    # None: a self-led group that belongs to no organization.
    organization = models.ForeignKey("organizations.Organization", null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="support_groups")
    leadership = models.CharField(_("how it is led"), max_length=20, choices=Leadership.choices,
                                  default=Leadership.PEER_FACILITATED)
    format = models.CharField(_("format"), max_length=20, choices=GroupFormat.choices,
                              default=GroupFormat.IN_PERSON)
    venue_name = models.CharField(_("venue"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    city = models.CharField(_("town or city"), max_length=120, blank=True)
    country = models.CharField(_("country"), max_length=2, blank=True)
    geoname_id = models.PositiveIntegerField(null=True, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    # Meetings are scheduled in the group's own time zone, so 19:00 stays 19:00 there.
    timezone = models.CharField(_("time zone"), max_length=64, default="UTC")
    online_url = models.URLField(_("online meeting link"), max_length=500, blank=True)
    online_url_visibility = models.CharField(max_length=10, choices=LinkVisibility.choices,
                                             default=LinkVisibility.MEMBERS)
    languages = models.JSONField(default=list, blank=True)
    # The same languages as plain text ("|en|es|"): the directory filters and ranks on it
    # with a cheap LIKE, the same way on SQLite and PostgreSQL.
    language_codes = models.CharField(max_length=200, blank=True, default="", editable=False)
    # The name, and the town with the description, as the search box's words are read: lower
    # case, no accents ("café" is found by "cafe"), so a plain LIKE matches on both databases.
    search_name = models.CharField(max_length=300, blank=True, default="", editable=False)
    search_text = models.TextField(blank=True, default="", editable=False)
    # The codes of its experiences and communities ("|grief|grief.partner|"), kept in step by
    # a signal: the directory ranks on them without a join.
    need_codes = models.TextField(blank=True, default="", editable=False)
    # When its schedules meet: for each day of the week (ISO, Monday 1), the hours (0-23, local
    # time) at which a meeting starts, as bits. Kept in step with the series by a signal; the
    # directory's day and time filters read them without a join.
    meeting_hours_1 = models.PositiveIntegerField(default=0, editable=False)
    meeting_hours_2 = models.PositiveIntegerField(default=0, editable=False)
    meeting_hours_3 = models.PositiveIntegerField(default=0, editable=False)
    meeting_hours_4 = models.PositiveIntegerField(default=0, editable=False)
    meeting_hours_5 = models.PositiveIntegerField(default=0, editable=False)
    meeting_hours_6 = models.PositiveIntegerField(default=0, editable=False)
    meeting_hours_7 = models.PositiveIntegerField(default=0, editable=False)
    join_policy = models.CharField(_("who may join"), max_length=20, choices=JoinPolicy.choices,
                                   default=JoinPolicy.OPEN)
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    accessibility = models.JSONField(default=list, blank=True)
    accessibility_notes = models.TextField(_("accessibility notes"), blank=True)
    # Empty: the default agreement (agreement.py), shown in the reader's language.
    agreement = models.TextField(_("group agreement"), blank=True)
    agreement_html = models.TextField(blank=True)
    member_list_visibility = models.CharField(max_length=20, choices=MemberListVisibility.choices,
                                              default=MemberListVisibility.FACILITATORS)
    status = models.CharField(max_length=20, choices=GroupStatus.choices, default=GroupStatus.ACTIVE)
    approved_at = models.DateTimeField(null=True, blank=True)
    last_confirmed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["status", "name"]),
                   # The directory's distance search starts from a latitude band …
                   models.Index(fields=["latitude", "longitude"]),
                   # … and adds the groups reachable online from anywhere; a search in a
                   # country without a city starts from the country.
                   models.Index(fields=["format", "status"]),
                   models.Index(fields=["country", "status"])]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.set_search_facts()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"languages", "name", "city", "description"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "language_codes", "search_name", "search_text"}
        super().save(*args, **kwargs)

    def set_search_facts(self) -> None:
        """Fill the directory's search columns (bulk_create skips save: call this first)."""
        self.language_codes = language_codes_text(self.languages)
        self.search_name = search_words(self.name)[:300]
        self.search_text = search_words(f"{self.city} {self.description}")[:SEARCH_TEXT_LENGTH]

    @property
    def is_self_led_without_organization(self) -> bool:
        return self.organization_id is None

    @property
    def meets_in_person(self) -> bool:
        return self.format in (GroupFormat.IN_PERSON, GroupFormat.HYBRID)

    @property
    def meets_online(self) -> bool:
        return self.format in (GroupFormat.ONLINE, GroupFormat.HYBRID)

    def language_names(self) -> list[str]:
        from peercircle.core.languages import LANGUAGE_NAMES

        return [str(LANGUAGE_NAMES.get(code, code)) for code in self.languages]

    def accessibility_labels(self) -> list[str]:
        labels = dict(Accessibility.choices)
        return [labels[code] for code in self.accessibility if code in labels]

    def agreement_for_display(self) -> str:
        from peercircle.groups.agreement import default_agreement_html

        return self.agreement_html if self.agreement else default_agreement_html()


SEARCH_TEXT_LENGTH = 3000


def search_words(text: str) -> str:
    from peercircle.experiences.lexicon import tokenize

    words = " ".join(tokenize(text or ""))
    return f" {words} " if words else ""


def language_codes_text(languages) -> str:
    codes = [str(code) for code in (languages or ()) if code]
    return f"|{'|'.join(codes)}|" if codes else ""


class MembershipRole(models.TextChoices):
    MEMBER = "member", _("Member")
    FACILITATOR = "facilitator", _("Facilitator")


class MembershipStatus(models.TextChoices):
    REQUESTED = "requested", _("Asked to join")
    ACTIVE = "active", _("Member")
    DECLINED = "declined", _("Request declined")
    REMOVED = "removed", _("Removed")
    LEFT = "left", _("Left")


CURRENT_STATUSES = (MembershipStatus.REQUESTED, MembershipStatus.ACTIVE)


class GroupMembershipQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=MembershipStatus.ACTIVE)

    def current(self):
        return self.filter(status__in=CURRENT_STATUSES)


class GroupMembership(models.Model):
    """One person's time in one group. Rows are kept when someone leaves or is removed (a
    new row when they come back), so the history and the reason for a removal stay."""

    group = models.ForeignKey(SupportGroup, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="group_memberships")
    role = models.CharField(max_length=20, choices=MembershipRole.choices, default=MembershipRole.MEMBER)
    status = models.CharField(max_length=20, choices=MembershipStatus.choices)
    requested_at = models.DateTimeField(auto_now_add=True)
    agreement_accepted_at = models.DateTimeField(null=True, blank=True)
    joined_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    # Shown only to the group's facilitators and to the person removed.
    removal_reason = models.TextField(blank=True)
    ended_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")

    objects = GroupMembershipQuerySet.as_manager()

    class Meta:
        ordering = ["group__name", "-requested_at"]
        constraints = [
            models.UniqueConstraint(fields=["group", "user"], condition=models.Q(status__in=CURRENT_STATUSES),
                                    name="unique_current_group_membership"),
        ]
        indexes = [models.Index(fields=["user", "status"]), models.Index(fields=["group", "status", "role"])]

    def __str__(self) -> str:
        # No names: this string lands in the audit log and admin history.
        return f"group membership #{self.pk}"
