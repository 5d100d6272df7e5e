from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from peercircle.core.models import TimeStampedModel


class OrganizationKind(models.TextChoices):
    PEER_RUN = "peer_run", _("Peer-run organization")
    RECOVERY_COMMUNITY = "recovery_community", _("Recovery community organization")
    CHARITY = "charity", _("Charity")
    HEALTHCARE = "healthcare", _("Healthcare provider")
    COMMUNITY_GROUP = "community_group", _("Community group")


class Organization(TimeStampedModel):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=30, choices=OrganizationKind.choices)
    description = models.TextField(_("description"), blank=True)
    description_html = models.TextField(blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("contact email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    country = models.CharField(_("country"), max_length=2, blank=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    timezone = models.CharField(_("time zone"), max_length=64, default="UTC")
    languages = models.JSONField(default=list, blank=True)
    # Groups started by members under this organization wait for an admin's approval.
    requires_group_approval = models.BooleanField(default=False)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    MEMBER = "member", _("Member")
    PEER_SUPPORTER = "peer_supporter", _("Peer supporter")
    FACILITATOR = "facilitator", _("Facilitator")
    MODERATOR = "moderator", _("Moderator")
    ORG_ADMIN = "org_admin", _("Organization admin")
    CLINICIAN = "clinician", _("Clinician / referrer")


class MembershipQuerySet(models.QuerySet):
    def active(self):
        return self.filter(ended_at__isnull=True, accepted_at__isnull=False)

    def pending(self):
        """Invitations the person has not answered yet."""
        return self.filter(ended_at__isnull=True, accepted_at__isnull=True)


class Membership(models.Model):
    """One role a person holds in one organization. A person may hold several roles in
    several organizations; each is its own row so a role can end without touching others.
    A row with no accepted_at is an invitation waiting for the person's answer."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=20, choices=Role.choices)
    started_at = models.DateTimeField(default=timezone.now)
    # Empty while an invitation waits for the person's answer: nobody joins an organization
    # (and becomes visible to its members) without saying yes.
    accepted_at = models.DateTimeField(null=True, blank=True, default=timezone.now)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    ended_at = models.DateTimeField(null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["organization__name", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organization", "role"],
                condition=models.Q(ended_at__isnull=True),
                name="unique_active_membership_role",
            )
        ]
        indexes = [models.Index(fields=["organization", "role", "ended_at"])]

    def __str__(self) -> str:
        return f"{self.user_id} {self.role} @ {self.organization_id}"


class ProgramKind(models.TextChoices):
    ONE_TO_ONE = "one_to_one", _("1:1 peer support")
    GROUP = "group", _("Support groups")
    ONLINE = "online", _("Online community")
    REFERRAL = "referral", _("Referral pathway")


class Program(TimeStampedModel):
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="programs"
    )
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(max_length=80)
    kind = models.CharField(_("kind"), max_length=20, choices=ProgramKind.choices)
    description = models.TextField(_("description"), blank=True)
    description_html = models.TextField(blank=True)
    experiences = models.ManyToManyField(
        "experiences.TaxonomyNode", blank=True, related_name="programs"
    )
    is_public = models.BooleanField(_("listed in the directory"), default=True)
    is_active = models.BooleanField(default=True)
    # Supporters must be certified before taking matches in this program.
    requires_certification = models.BooleanField(default=True)
    accepts_under_18 = models.BooleanField(default=False)

    class Meta:
        ordering = ["organization__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "slug"], name="unique_program_slug")
        ]

    def __str__(self) -> str:
        return f"{self.organization.name}: {self.name}"
