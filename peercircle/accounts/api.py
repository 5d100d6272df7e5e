from datetime import datetime
from typing import Literal
from uuid import UUID

from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status

from peercircle.accounts.models import Consent, PersonalToken, Profile, Visibility
from peercircle.accounts.selectors import consents_for, person_view
from peercircle.accounts.services import (
    AccountError,
    account_delete,
    account_export,
    consent_give,
    consent_withdraw,
    profile_ensure,
    profile_update,
    token_create,
    token_revoke,
)

router = Router(tags=["me"])

VisibilityLiteral = Literal["private", "connections", "organization"]


class RoleOut(Schema):
    organization: str
    organization_slug: str
    role: str


class MeOut(Schema):
    id: UUID
    email: str
    language: str
    display_name: str
    two_factor_enabled: bool
    roles: list[RoleOut]


class ProfileOut(Schema):
    display_name: str
    display_name_visibility: VisibilityLiteral
    pronouns: str
    pronouns_visibility: VisibilityLiteral
    languages: list[str]
    languages_visibility: VisibilityLiteral
    country: str
    city: str
    latitude: float | None
    longitude: float | None
    location_visibility: VisibilityLiteral
    timezone: str
    timezone_visibility: VisibilityLiteral
    bio: str
    bio_html: str
    bio_visibility: VisibilityLiteral


class ProfilePatch(Schema):
    display_name: str | None = None
    display_name_visibility: VisibilityLiteral | None = None
    pronouns: str | None = None
    pronouns_visibility: VisibilityLiteral | None = None
    languages: list[str] | None = None
    languages_visibility: VisibilityLiteral | None = None
    country: str | None = None
    city: str | None = None
    location_visibility: VisibilityLiteral | None = None
    timezone: str | None = None
    timezone_visibility: VisibilityLiteral | None = None
    bio: str | None = None
    bio_visibility: VisibilityLiteral | None = None


class PublicProfileOut(Schema):
    id: UUID
    display_name: str | None = None
    pronouns: str | None = None
    languages: list[str] | None = None
    country: str | None = None
    city: str | None = None
    timezone: str | None = None
    bio_html: str | None = None


class ConsentOut(Schema):
    kind: str
    title: str
    current_version: str
    required: bool
    given: bool
    given_version: str | None
    given_at: datetime | None
    needs_renewal: bool


class TokenIn(Schema):
    name: str
    expires_in_days: int = 90


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    created_at: datetime
    last_used_at: datetime | None
    expires_at: datetime | None
    revoked_at: datetime | None


class NewTokenOut(TokenOut):
    token: str


class DeleteIn(Schema):
    password: str
    keep_public_posts: bool = False


class Message(Schema):
    detail: str


def _profile(user) -> Profile:
    return profile_ensure(user=user)


@router.get("/me", response=MeOut, summary="The signed-in person")
def me(request):
    from allauth.mfa.models import Authenticator

    user = request.auth
    memberships = user.memberships.active().select_related("organization")
    return {
        "id": user.public_id,
        "email": user.email,
        "language": user.language,
        "display_name": _profile(user).display_name,
        "two_factor_enabled": Authenticator.objects.filter(user=user, type="totp").exists(),
        "roles": [
            {"organization": m.organization.name, "organization_slug": m.organization.slug, "role": m.role}
            for m in memberships
        ],
    }


@router.get("/me/profile", response=ProfileOut, summary="My profile, with who may see each field")
def my_profile(request):
    return _profile(request.auth)


@router.patch("/me/profile", response={200: ProfileOut, 400: Message}, summary="Change my profile")
def my_profile_update(request, payload: ProfilePatch):
    changes = payload.dict(exclude_unset=True)
    if any(value is None for value in changes.values()):
        raise AccountError("Leave a field out to keep it; null is not a value here.")
    return profile_update(actor=request.auth, profile=_profile(request.auth), **changes)


# exclude_unset: a field the viewer may not see is left out, not sent as null.
@router.get("/people/{public_id}/profile", response={200: PublicProfileOut, 404: Message},
            exclude_unset=True, summary="What I may see of someone's profile")
def person_profile(request, public_id: UUID):
    view = person_view(viewer=request.auth, public_id=public_id)
    profile, fields = view["profile"], view["fields"]
    out = {"id": view["owner"].public_id}
    for name in ("display_name", "pronouns", "languages", "timezone"):
        if name in fields:
            out[name] = getattr(profile, name)
    if "location" in fields:
        out["country"], out["city"] = profile.country, profile.city
    if "bio" in fields:
        out["bio_html"] = profile.bio_html
    return out


@router.get("/me/consents", response=list[ConsentOut], summary="My consents")
def my_consents(request):
    rows = consents_for(request.auth)["rows"]
    return [
        {
            "kind": row["kind"], "title": row["document"].title,
            "current_version": row["document"].version, "required": row["document"].required,
            "given": row["active"] is not None,
            "given_version": row["active"].document.version if row["active"] else None,
            "given_at": row["active"].given_at if row["active"] else None,
            "needs_renewal": row["outdated"],
        }
        for row in rows
    ]


@router.post("/me/consents/{kind}", response={200: Message, 400: Message}, summary="Give a consent")
def consent_post(request, kind: str):
    consent_give(user=request.auth, kind=kind)
    return {"detail": "Consent recorded."}


@router.delete("/me/consents/{kind}", response={200: Message, 400: Message, 404: Message},
               summary="Withdraw a consent")
def consent_delete(request, kind: str):
    consent = get_object_or_404(Consent, user=request.auth, document__kind=kind, withdrawn_at__isnull=True)
    consent_withdraw(user=request.auth, consent=consent)
    return {"detail": "Consent withdrawn."}


@router.get("/me/export", summary="Everything PeerCircle holds about me (JSON)")
def export(request):
    return account_export(user=request.auth)


@router.post("/me/delete", response={200: Message, 400: Message}, summary="Delete my account")
def delete_me(request, payload: DeleteIn):
    user = request.auth
    if not user.check_password(payload.password):
        raise AccountError("That password is not right. Nothing has been deleted.")
    account_delete(user=user, keep_public_posts=payload.keep_public_posts)
    return {"detail": "Your account and personal data have been deleted."}


@router.get("/me/tokens", response=list[TokenOut], summary="My API tokens")
def tokens(request):
    return PersonalToken.objects.filter(user=request.auth)


@router.post("/me/tokens", response={201: NewTokenOut, 400: Message},
             summary="Make an API token (shown once)")
def token_post(request, payload: TokenIn):
    token, raw = token_create(user=request.auth, name=payload.name, expires_in_days=payload.expires_in_days)
    token.token = raw
    return Status(201, token)


@router.delete("/me/tokens/{token_id}", response={200: Message, 404: Message}, summary="Revoke an API token")
def token_delete(request, token_id: int):
    token = get_object_or_404(PersonalToken, pk=token_id, user=request.auth)
    token_revoke(user=request.auth, token=token)
    return {"detail": "Token revoked."}


assert set(Profile.VISIBLE_FIELDS.values()) <= set(ProfilePatch.model_fields)
assert set(Visibility.values) == {"private", "connections", "organization"}
