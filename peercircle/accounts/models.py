import uuid

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from peercircle.core.models import TimeStampedModel


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra["is_staff"] = True
        extra["is_superuser"] = True
        return self._create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """An account. Everything personal lives on Profile and related records, not here."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    email = models.EmailField(_("email address"), unique=True)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)
    date_joined = models.DateTimeField(default=timezone.now)
    language = models.CharField(_("language"), max_length=8, default="en")
    deleted_at = models.DateTimeField(null=True, blank=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.email

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None


class Visibility(models.TextChoices):
    """Who may see a profile field. Each level includes the ones above it in this list."""

    PRIVATE = "private", _("Only me")
    CONNECTIONS = "connections", _("My matches and groups")
    ORGANIZATION = "organization", _("Members of my organizations")


def visibility_field(default=Visibility.CONNECTIONS):
    return models.CharField(max_length=20, choices=Visibility.choices, default=default)


class Profile(TimeStampedModel):
    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="profile")
    display_name = models.CharField(_("display name"), max_length=60)
    display_name_visibility = visibility_field(Visibility.ORGANIZATION)
    pronouns = models.CharField(_("pronouns"), max_length=40, blank=True)
    pronouns_visibility = visibility_field()
    languages = models.JSONField(_("languages spoken"), default=list, blank=True)
    languages_visibility = visibility_field()
    country = models.CharField(_("country"), max_length=2, blank=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    geoname_id = models.PositiveIntegerField(null=True, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    location_visibility = visibility_field(Visibility.PRIVATE)
    timezone = models.CharField(_("time zone"), max_length=64, default="UTC")
    timezone_visibility = visibility_field()
    bio = models.TextField(_("about me"), max_length=1000, blank=True)
    bio_html = models.TextField(blank=True)
    bio_visibility = visibility_field()

    # Field name → its visibility attribute. The single list used by access checks,
    # the profile page, the API and the data export.
    VISIBLE_FIELDS = {
        "display_name": "display_name_visibility",
        "pronouns": "pronouns_visibility",
        "languages": "languages_visibility",
        "location": "location_visibility",
        "timezone": "timezone_visibility",
        "bio": "bio_visibility",
    }

    def __str__(self) -> str:
        return self.display_name


class ConsentKind(models.TextChoices):
    TERMS = "terms", _("Terms of use")
    PRIVACY = "privacy", _("Privacy notice")
    RESEARCH = "research", _("Use of my de-identified answers in research")
    REFERRER = "referrer", _("Sharing my progress with the person who referred me")


class ConsentDocument(models.Model):
    """One version of a text people agree to. Published versions are never edited."""

    kind = models.CharField(max_length=20, choices=ConsentKind.choices)
    version = models.CharField(max_length=20)
    title = models.CharField(max_length=200)
    title_es = models.CharField(max_length=200, blank=True)
    body = models.TextField(help_text="Markdown")
    body_es = models.TextField(blank=True, help_text="Markdown")
    published_at = models.DateTimeField(default=timezone.now)
    required = models.BooleanField(default=False, help_text="Needed to use PeerCircle at all.")

    class Meta:
        unique_together = [("kind", "version")]
        ordering = ["kind", "-published_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} v{self.version}"


class Consent(models.Model):
    """A person's decision about one version of a consent document. Never deleted by them:
    withdrawing sets withdrawn_at, so the history of what they agreed to stays visible."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="consents")
    document = models.ForeignKey(ConsentDocument, on_delete=models.PROTECT, related_name="+")
    given_at = models.DateTimeField(default=timezone.now)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    # For referrer sharing: which referral or referrer this consent is about.
    scope = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["-given_at"]
        indexes = [models.Index(fields=["user", "withdrawn_at"])]

    def __str__(self) -> str:
        return f"{self.document} ({'withdrawn' if self.withdrawn_at else 'given'})"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None


class PersonalToken(models.Model):
    """A personal API token. Only a hash is stored; the token is shown once when made."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=80)
    prefix = models.CharField(max_length=12, db_index=True)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_usable(self) -> bool:
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > timezone.now())
