import hashlib
import secrets
from datetime import timedelta

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from peercircle.accounts.models import (
    Consent,
    ConsentDocument,
    ConsentKind,
    PersonalToken,
    Profile,
    User,
    Visibility,
)
from peercircle.core.audit import audit_record
from peercircle.core.errors import UserFacingError
from peercircle.core.models import AuditEntry
from peercircle.core.places import resolve_city
from peercircle.core.registry import personal_data_providers
from peercircle.core.text import after_store, clean_plain, prepare_user_text

TOKEN_PREFIX = "pc_"


class AccountError(UserFacingError):
    """Something the person asked for that cannot be done; the message is safe to show."""


# --- Profiles -------------------------------------------------------------------------------

def _check_visibilities(values: dict) -> None:
    for field, attr in Profile.VISIBLE_FIELDS.items():
        if attr in values and values[attr] not in Visibility.values:
            raise AccountError(f"Please choose who may see your {field.replace('_', ' ')}.")


@transaction.atomic
def profile_create(*, user: User, display_name: str, language: str = "en") -> Profile:
    name = clean_plain(display_name, max_length=60)
    if not name:
        raise AccountError(_("Please choose a name to show others. A first name or a nickname is fine."))
    profile = Profile.objects.create(user=user, display_name=name)
    if language and language != user.language:
        user.language = language
        user.save(update_fields=["language"])
    audit_record(actor=user, action="profile.create", target=profile, subject=user)
    return profile


def profile_ensure(*, user: User) -> Profile:
    """The person's profile; accounts made outside sign-up (e.g. createsuperuser) get one
    on first use."""
    profile = Profile.objects.filter(user=user).first()
    if profile is None:
        profile = profile_create(user=user, display_name=user.email.split("@")[0][:60])
    return profile


@transaction.atomic
def profile_update(*, actor: User, profile: Profile, **changes) -> Profile:
    """Change any of: display_name, pronouns, languages, country, city, timezone, bio and
    each `<field>_visibility`. Unknown fields are refused; nothing is saved on any error."""
    allowed = {"display_name", "pronouns", "languages", "country", "city", "timezone", "bio",
               *Profile.VISIBLE_FIELDS.values()}
    unknown = set(changes) - allowed
    if unknown:
        raise AccountError(f"These cannot be changed here: {', '.join(sorted(unknown))}.")
    _check_visibilities(changes)
    updated: list[str] = []

    if "display_name" in changes:
        name = clean_plain(changes["display_name"], max_length=60)
        if not name:
            raise AccountError(_("Please keep a name to show others. A nickname is fine."))
        changes["display_name"] = name
    if "pronouns" in changes:
        changes["pronouns"] = clean_plain(changes["pronouns"], max_length=40)
    if "languages" in changes:
        from peercircle.core.languages import LANGUAGE_NAMES

        languages = [code for code in dict.fromkeys(changes["languages"] or []) if code]
        bad = [code for code in languages if code not in LANGUAGE_NAMES]
        if bad:
            raise AccountError(f"We don't know the language code {bad[0]!r}.")
        changes["languages"] = languages
    if "timezone" in changes:
        from peercircle.core.timezones import timezone_names

        if changes["timezone"] not in timezone_names():
            raise AccountError(_("Please choose a time zone from the list."))
    if "country" in changes or "city" in changes:
        country = (changes.get("country", profile.country) or "").upper()
        city = clean_plain(changes.get("city", profile.city), max_length=120)
        from peercircle.core.places import countries

        if country and country not in countries():
            raise AccountError(_("Please choose a country from the list."))
        place = resolve_city(city, country or None) if city else None
        if city and place is None:
            raise AccountError(
                _("We couldn't find “%(city)s”. Check the spelling, try a nearby larger town, "
                  "or leave the city empty.") % {"city": city}
            )
        moved = bool(place) and place.geoname_id != profile.geoname_id
        location_changed = (profile.country, profile.city) != (
            place.country if place else country, place.name if place else "")
        profile.country = place.country if place else country
        profile.city = place.name if place else ""
        profile.geoname_id = place.geoname_id if place else None
        profile.latitude = place.latitude if place else None
        profile.longitude = place.longitude if place else None
        if location_changed:
            updated += ["country", "city", "geoname_id", "latitude", "longitude"]
        # Moving town sets the time zone too, unless the person also chose one themselves.
        timezone_chosen = changes.get("timezone", profile.timezone) != profile.timezone
        if moved and not timezone_chosen:
            profile.timezone = place.timezone
            changes.pop("timezone", None)
            updated.append("timezone")
        changes.pop("country", None)
        changes.pop("city", None)

    prepared = None
    if "bio" in changes:
        prepared = prepare_user_text(text=changes.pop("bio"), lang=actor.language, max_length=1000)
        if prepared.source != profile.bio:
            profile.bio, profile.bio_html = prepared.source, prepared.html
            updated += ["bio", "bio_html"]
        else:
            prepared = None

    for name, value in changes.items():
        if getattr(profile, name) != value:
            setattr(profile, name, value)
            updated.append(name)
    if updated:
        profile.save(update_fields=[*dict.fromkeys(updated), "updated_at"])
        if prepared and prepared.source:
            after_store(prepared=prepared, author=profile.user, target=profile, context="profile.bio")
        audit_record(actor=actor, action="profile.update", target=profile, subject=profile.user,
                     data={"fields": sorted(set(updated) - {"bio_html"})})
    return profile


@transaction.atomic
def user_set_language(*, user: User, language: str) -> None:
    from django.conf import settings

    if language in dict(settings.LANGUAGES) and user.language != language:
        user.language = language
        user.save(update_fields=["language"])


# --- Consent --------------------------------------------------------------------------------

def current_document(kind: str) -> ConsentDocument | None:
    return ConsentDocument.objects.filter(kind=kind).order_by("-published_at", "-id").first()


@transaction.atomic
def consent_give(*, user: User, kind: str, scope: str = "") -> Consent:
    if kind not in ConsentKind.values:
        raise AccountError(_("That consent does not exist."))
    document = current_document(kind)
    if document is None:
        raise AccountError(_("That consent is not available yet."))
    existing = Consent.objects.filter(
        user=user, document=document, withdrawn_at__isnull=True, scope=scope
    ).first()
    if existing:
        return existing
    consent = Consent.objects.create(user=user, document=document, scope=scope)
    audit_record(actor=user, action="consent.give", target=consent, subject=user,
                 data={"kind": kind, "version": document.version})
    return consent


@transaction.atomic
def consent_withdraw(*, user: User, consent: Consent) -> Consent:
    if consent.user_id != user.pk:
        raise AccountError(_("That consent was not found."))
    if consent.document.required:
        raise AccountError(
            _("This agreement is needed to use PeerCircle. To withdraw it, you can delete your "
              "account from Privacy & data.")
        )
    if consent.withdrawn_at is None:
        consent.withdrawn_at = timezone.now()
        consent.save(update_fields=["withdrawn_at"])
        audit_record(actor=user, action="consent.withdraw", target=consent, subject=user,
                     data={"kind": consent.document.kind, "version": consent.document.version})
    return consent


def has_consent(user: User, kind: str) -> bool:
    return Consent.objects.filter(user=user, document__kind=kind, withdrawn_at__isnull=True).exists()


# --- Personal API tokens --------------------------------------------------------------------

def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def token_create(*, user: User, name: str, expires_in_days: int = 90) -> tuple[PersonalToken, str]:
    """Every token expires: a forgotten token must not work for ever."""
    name = clean_plain(name, max_length=80)
    if not name:
        raise AccountError(_("Please give the token a name so you can recognise it later."))
    if not isinstance(expires_in_days, int) or not 1 <= expires_in_days <= 366:
        raise AccountError(_("A token can last between 1 and 366 days."))
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = PersonalToken.objects.create(
        user=user, name=name, prefix=raw[:10], token_hash=hash_token(raw),
        expires_at=timezone.now() + timedelta(days=expires_in_days),
    )
    audit_record(actor=user, action="token.create", target=token, subject=user)
    return token, raw


@transaction.atomic
def token_revoke(*, user: User, token: PersonalToken) -> None:
    if token.user_id != user.pk:
        raise AccountError(_("That token was not found."))
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_record(actor=user, action="token.revoke", target=token, subject=user)


def token_authenticate(raw: str) -> User | None:
    if not raw or not raw.startswith(TOKEN_PREFIX):
        return None
    token = PersonalToken.objects.select_related("user").filter(token_hash=hash_token(raw)).first()
    if token is None or not token.is_usable or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=5):
        PersonalToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


# --- Export and erasure ---------------------------------------------------------------------

def account_export(*, user: User) -> dict:
    """Everything PeerCircle holds about a person, as JSON-able data."""
    profile = getattr(user, "profile", None)
    data = {
        "format": "peercircle.personal-data/1",
        "exported_at": timezone.now().isoformat(),
        "account": {
            "id": str(user.public_id), "email": user.email, "language": user.language,
            "date_joined": user.date_joined.isoformat(),
            "email_addresses": [
                {"email": e.email, "verified": e.verified, "primary": e.primary}
                for e in user.emailaddress_set.all()
            ],
            "two_factor": [a.type for a in user.authenticator_set.all()],
        },
        "profile": None,
        "consents": [
            {"kind": c.document.kind, "version": c.document.version, "title": c.document.title,
             "given_at": c.given_at.isoformat(),
             "withdrawn_at": c.withdrawn_at.isoformat() if c.withdrawn_at else None,
             "scope": c.scope}
            for c in user.consents.select_related("document")
        ],
        "memberships": [
            {"organization": m.organization.name, "role": m.role,
             "started_at": m.started_at.isoformat(),
             "ended_at": m.ended_at.isoformat() if m.ended_at else None}
            for m in user.memberships.select_related("organization")
        ],
        "api_tokens": [
            {"name": t.name, "prefix": t.prefix, "created_at": t.created_at.isoformat(),
             "revoked_at": t.revoked_at.isoformat() if t.revoked_at else None}
            for t in user.api_tokens.all()
        ],
        # Who acted, as the person's own relation to it: staff emails are not theirs to get.
        "activity": [
            {"at": e.created_at.isoformat(), "action": e.action,
             "by": "you" if e.actor_id == user.pk
             else "system" if e.actor_id is None and not e.is_staff_action
             else "staff",
             "by_staff": e.is_staff_action}
            for e in AuditEntry.objects.filter(subject=user).order_by("created_at")[:5000]
        ],
    }
    if profile:
        data["profile"] = {
            "display_name": profile.display_name, "pronouns": profile.pronouns,
            "languages": profile.languages, "country": profile.country, "city": profile.city,
            "timezone": profile.timezone, "bio": profile.bio,
            "visibility": {field: getattr(profile, attr) for field, attr in Profile.VISIBLE_FIELDS.items()},
        }
    for provider in personal_data_providers():
        data[provider.name] = provider.export(user)
    audit_record(actor=user, action="account.export", target=user, subject=user)
    return data


@transaction.atomic
def account_delete(*, user: User, keep_public_posts: bool = False) -> None:
    """Remove a person's personal data. What stays is an inactive, nameless account row, so
    posts they chose to keep show as "Former member", and audit entries stay meaningful."""
    if user.is_deleted:
        return
    from django.apps import apps

    former = f"former-member-{user.pk}"
    # Django's admin history names each record by its str() (a display name, an email), so
    # note every record that belongs to the person before it is erased: (content type, ids).
    owned = [(ContentType.objects.get_for_model(User), [str(user.pk)])]
    for model in apps.get_models():
        if model is LogEntry:  # its `user` is the staff member who acted
            continue
        field = next((f for f in model._meta.concrete_fields if f.name == "user"), None)
        if field is None or not field.is_relation or field.related_model is not User:
            continue
        ids = [str(pk) for pk in model._base_manager.filter(user=user).values_list("pk", flat=True)]
        if ids:
            owned.append((ContentType.objects.get_for_model(model), ids))

    for provider in personal_data_providers():
        provider.erase(user, keep_public_posts)
    Profile.objects.filter(user=user).delete()
    user.api_tokens.all().delete()
    user.emailaddress_set.all().delete()
    user.authenticator_set.all().delete()
    user.consents.filter(withdrawn_at__isnull=True).update(withdrawn_at=timezone.now())
    user.memberships.filter(ended_at__isnull=True).update(ended_at=timezone.now())
    # The audit log keeps what happened and when, not who the person was: entries about them
    # lose the record's name (a display name, a token's name), the details (which may name
    # an experience) and the address they came from.
    AuditEntry.objects.filter(subject=user).update(target_label=former, data={}, ip_address=None)
    AuditEntry.objects.filter(actor=user).update(actor_label=former, ip_address=None)
    AuditEntry.objects.filter(target_id=str(user.pk), target_label=user.email).update(target_label=former)
    for content_type, ids in owned:
        LogEntry.objects.filter(content_type=content_type, object_id__in=ids).update(object_repr=former)
    user.email = f"{former}-{user.public_id.hex[:8]}@deleted.invalid"
    user.set_unusable_password()
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.deleted_at = timezone.now()
    user.save()
    _end_sessions(user)
    deletion = audit_record(actor=None, action="account.delete", target=user, subject=user,
                            data={"kept_public_posts": keep_public_posts})
    AuditEntry.objects.filter(pk=deletion.pk).update(ip_address=None)


def _end_sessions(user: User) -> None:
    """Sign the person out everywhere. allauth's usersessions records every signed-in session;
    any session it missed is refused anyway, as the account is inactive with no password."""
    from allauth.usersessions.models import UserSession

    for user_session in UserSession.objects.filter(user=user):
        user_session.end()
