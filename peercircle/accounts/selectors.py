from django.shortcuts import get_object_or_404

from peercircle.accounts.access import Relationship, experiences_visible_to, visible_profile_fields
from peercircle.accounts.models import Consent, ConsentDocument, ConsentKind, Profile, User
from peercircle.core.languages import LANGUAGE_NAMES
from peercircle.core.places import country_name


def profile_for(user: User) -> Profile | None:
    return Profile.objects.filter(user=user).first()


def person_view(*, viewer, public_id, preview_as: str | None = None) -> dict:
    """What `viewer` may see of a person. 404 when they may see nothing at all, so the
    existence of an account is not revealed to strangers. A person looking at their own page
    may ask for a preview as others see it (`preview_as`, see Relationship.preview)."""
    from peercircle.experiences.models import PersonCommunity, PersonExperience

    owner = get_object_or_404(User.objects.select_related("profile"), public_id=public_id,
                              is_active=True, deleted_at__isnull=True)
    profile = getattr(owner, "profile", None)
    if profile is None:
        raise_not_found()
    relationship = Relationship(viewer, owner)
    if relationship.is_self and preview_as in Relationship.PREVIEWS:
        relationship = Relationship.preview(owner, preview_as)
    else:
        preview_as = None
    fields = visible_profile_fields(viewer, profile, relationship)
    experiences = list(PersonExperience.objects.filter(experiences_visible_to(viewer, owner, relationship))
                       .select_related("node", "node__parent"))
    communities = list(PersonCommunity.objects.filter(experiences_visible_to(viewer, owner, relationship))
                       .select_related("node"))
    if not relationship.is_self and not preview_as and not fields and not experiences and not communities:
        raise_not_found()
    return {
        "owner": owner,
        "profile": profile,
        "fields": fields,
        "is_self": relationship.is_self,
        "preview_as": preview_as,
        "experiences": experiences,
        "communities": communities,
        "languages": [LANGUAGE_NAMES.get(code, code) for code in profile.languages],
        "country": country_name(profile.country),
    }


def raise_not_found():
    from django.http import Http404

    raise Http404("No such person")


def consents_for(user: User) -> dict:
    """Each consent kind with the current document and the person's decisions about it."""
    documents = {}
    for document in ConsentDocument.objects.order_by("-published_at", "-id"):
        documents.setdefault(document.kind, document)
    # Required agreements first, in the order people meet them.
    documents = {kind: documents[kind] for kind in ConsentKind.values if kind in documents}
    history = list(Consent.objects.filter(user=user).select_related("document"))
    rows = []
    for kind, document in documents.items():
        active = next((c for c in history if c.document.kind == kind and c.withdrawn_at is None), None)
        rows.append({
            "kind": kind,
            "document": document,
            "active": active,
            "outdated": bool(active and active.document_id != document.pk),
            "history": [c for c in history if c.document.kind == kind],
        })
    return {"rows": rows}


def dashboard_for(user: User) -> dict:
    from peercircle.experiences.models import PersonExperience
    from peercircle.organizations.selectors import pending_invitations

    profile = profile_for(user)
    return {
        "profile": profile,
        "experience_count": PersonExperience.objects.filter(user=user).count(),
        "memberships": list(user.memberships.active().select_related("organization")),
        "invitations": list(pending_invitations(user=user)),
        "group_count": user.group_memberships.active().count(),
    }
