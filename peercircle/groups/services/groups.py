"""Writes for groups and memberships. Each is atomic, audited, and refuses with a GroupError
whose message is written for the person (nothing is changed when it is raised)."""


from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from peercircle.core.audit import audit_record
from peercircle.core.errors import UserFacingError
from peercircle.core.events import publish_on_commit
from peercircle.core.languages import LANGUAGE_NAMES
from peercircle.core.places import PlaceHint, countries, resolve_city
from peercircle.core.slugs import unique_slug
from peercircle.core.text import after_store, clean_plain, prepare_user_text
from peercircle.core.timezones import timezone_names
from peercircle.groups.access import GroupViewer
from peercircle.groups.models import (
    ACCESSIBILITY_CODES,
    GroupFormat,
    GroupMembership,
    GroupStatus,
    JoinPolicy,
    Leadership,
    LinkVisibility,
    MemberListVisibility,
    MembershipRole,
    MembershipStatus,
    SupportGroup,
)
from peercircle.organizations.models import Membership


class GroupError(UserFacingError):
    """A request about a group that cannot be carried out; the message is safe to show."""


EDITABLE = {
    "name", "description", "experience_codes", "community_codes", "leadership", "format", "venue_name",
    "address", "city", "country", "timezone", "online_url", "online_url_visibility", "languages",
    "join_policy", "capacity", "accessibility", "accessibility_notes", "agreement",
    "member_list_visibility",
}
RESERVED_SLUGS = {"new", "suggestions"}  # /groups/new/ and /groups/suggestions/ are pages
STATUSES_FACILITATORS_SET = (GroupStatus.ACTIVE, GroupStatus.TEMPORARILY_CLOSED, GroupStatus.ENDED)
_url = URLValidator(schemes=["https", "http"])


def _choice(value, choices, message):
    if value not in choices:
        raise GroupError(message)
    return value


def clean_online_url(value: str) -> str:
    value = (value or "").strip()
    if value:
        try:
            _url(value)
        except ValidationError as error:
            raise GroupError(_("Please give the online link as a full web address starting with https://.")) from error
    return value


def _clean(values: dict, *, group: SupportGroup | None, actor,
           place_hint: PlaceHint | None = None) -> tuple[dict, dict, dict]:
    """Check and tidy the fields being set. Returns (attributes, texts to screen, taxonomy codes)."""
    from peercircle.experiences.models import NodeKind, TaxonomyNode

    attrs: dict = {}
    texts: dict = {}
    codes: dict = {}
    lang = getattr(actor, "language", "en")
    if "name" in values:
        attrs["name"] = clean_plain(values["name"], max_length=200)
        if not attrs["name"]:
            raise GroupError(_("Please give the group a name."))
    for field, message in (
        ("leadership", _("Please choose how the group is led.")),
        ("format", _("Please choose whether the group meets in person, online or both.")),
        ("online_url_visibility", _("Please choose who may see the online link.")),
        ("join_policy", _("Please choose who may join.")),
        ("member_list_visibility", _("Please choose who may see the member list.")),
    ):
        if field in values:
            choices = {"leadership": Leadership, "format": GroupFormat, "online_url_visibility": LinkVisibility,
                       "join_policy": JoinPolicy, "member_list_visibility": MemberListVisibility}[field].values
            attrs[field] = _choice(values[field], choices, message)
    for field, limit in (("venue_name", 200), ("address", 300)):
        if field in values:
            attrs[field] = clean_plain(values[field], max_length=limit)
    if "online_url" in values:
        attrs["online_url"] = clean_online_url(values["online_url"])
    if "languages" in values:
        languages = list(dict.fromkeys(values["languages"] or []))
        if any(code not in LANGUAGE_NAMES for code in languages):
            raise GroupError(_("Please choose languages from the list."))
        attrs["languages"] = languages
    if "accessibility" in values:
        accessibility = list(dict.fromkeys(values["accessibility"] or []))
        if any(code not in ACCESSIBILITY_CODES for code in accessibility):
            raise GroupError(_("Please choose accessibility features from the list."))
        attrs["accessibility"] = accessibility
    if "capacity" in values:
        capacity = values["capacity"]
        if capacity is not None and (not isinstance(capacity, int) or not 2 <= capacity <= 10000):
            raise GroupError(_("A group can have between 2 and 10,000 places, or leave it empty for no limit."))
        attrs["capacity"] = capacity
    for field, limit, markdown in (("description", 5000, True), ("agreement", 5000, True),
                                   ("accessibility_notes", 1000, False)):
        if field in values:
            prepared = prepare_user_text(text=values[field] or "", lang=lang, markdown=markdown, max_length=limit)
            attrs[field] = prepared.source
            if markdown:
                attrs[f"{field}_html"] = prepared.html
            texts[field] = prepared
    for field, kind in (("experience_codes", NodeKind.EXPERIENCE), ("community_codes", NodeKind.COMMUNITY)):
        if field in values:
            wanted = set(values[field] or [])
            nodes = list(TaxonomyNode.objects.filter(code__in=wanted, kind=kind, is_active=True))
            if len(nodes) != len(wanted):
                raise GroupError(_("Please choose experiences and communities from the list."))
            codes[field] = nodes
    _place(values, attrs, group=group, hint=place_hint)
    return attrs, texts, codes


def _place(values: dict, attrs: dict, *, group: SupportGroup | None, hint: PlaceHint | None = None) -> None:
    """Resolve the town offline to coordinates and the group's time zone."""
    fmt = attrs.get("format", group.format if group else GroupFormat.IN_PERSON)
    if "city" in values or "country" in values:
        country = (values.get("country", group.country if group else "") or "").upper()
        city = clean_plain(values.get("city", group.city if group else ""), max_length=120)
        if country and country not in countries():
            raise GroupError(_("Please choose a country from the list."))
        place = resolve_city(city, country or None, hint) if city else None
        if city and place is None:
            raise GroupError(_("We couldn't find “%(city)s”. Check the spelling, or try a nearby larger town.")
                             % {"city": city})
        attrs.update(
            city=place.name if place else "", country=place.country if place else country,
            geoname_id=place.geoname_id if place else None,
            latitude=place.latitude if place else None, longitude=place.longitude if place else None,
        )
        if place:
            attrs["timezone"] = place.timezone
    if "timezone" in values and values["timezone"] and not attrs.get("geoname_id"):
        if values["timezone"] not in timezone_names():
            raise GroupError(_("Please choose a time zone from the list."))
        attrs["timezone"] = values["timezone"]
    city = attrs.get("city", group.city if group else "")
    if fmt in (GroupFormat.IN_PERSON, GroupFormat.HYBRID) and not city:
        raise GroupError(_("A group that meets in person needs a town or city, so people can find it."))


def _store_texts(texts: dict, *, actor, group: SupportGroup) -> None:
    for field, prepared in texts.items():
        if prepared.source:
            after_store(prepared=prepared, author=actor, target=group, context=f"group.{field}")


def _release_places(*, user, group: SupportGroup, actor) -> None:
    # Imported here: the places service builds on this module.
    from peercircle.groups.services.places import places_release

    places_release(user=user, group=group, actor=actor)


def _changed(group: SupportGroup, what: str) -> None:
    publish_on_commit(f"group.{group.pk}", {"type": "group.changed", "what": what})


def _require_manager(actor, group: SupportGroup) -> GroupViewer:
    viewer = GroupViewer(actor, group)
    if not viewer.can_manage:
        raise GroupError(_("Only the group's facilitators can do that."))
    return viewer


@transaction.atomic
def group_create(*, actor, name: str, organization=None, place_hint: PlaceHint | None = None,
                 **details) -> SupportGroup:
    """Start a group. The person who starts it is its first facilitator. Under an organization
    that asks to approve groups, it waits (unseen by others) until its staff approve it.
    `place_hint` (imports) picks between towns with the same name."""
    unknown = set(details) - EDITABLE
    if unknown:
        raise GroupError(f"These cannot be set here: {', '.join(sorted(unknown))}.")
    if not actor.is_authenticated:
        raise GroupError(_("Please sign in to start a group."))
    org_roles: set[str] = set()
    if organization is not None:
        org_roles = set(Membership.objects.active().filter(user=actor, organization=organization)
                        .values_list("role", flat=True))
        if not org_roles and not actor.is_superuser:
            raise GroupError(_("You can start a group under an organization you belong to, or a self-led group."))
    details.setdefault("format", GroupFormat.IN_PERSON)
    if "timezone" not in details or not details["timezone"]:
        profile = getattr(actor, "profile", None)
        details["timezone"] = organization.timezone if organization else (profile.timezone if profile else "UTC")
    attrs, texts, codes = _clean({"name": name, **details}, group=None, actor=actor, place_hint=place_hint)
    if organization is None:
        attrs.setdefault("leadership", Leadership.SELF_LED)
    needs_approval = bool(organization and organization.requires_group_approval
                          and not ({"org_admin", "facilitator"} & org_roles) and not actor.is_superuser)
    now = timezone.now()
    slug = unique_slug(SupportGroup.objects.all(), attrs["name"], fallback="group")
    if slug in RESERVED_SLUGS:
        slug = unique_slug(SupportGroup.objects.all(), f"{attrs['name']} group", fallback="group")
    group = SupportGroup.objects.create(
        slug=slug,
        organization=organization,
        created_by=actor,
        status=GroupStatus.PENDING_APPROVAL if needs_approval else GroupStatus.ACTIVE,
        approved_at=None if needs_approval else now,
        last_confirmed_at=now,
        **attrs,
    )
    if codes.get("experience_codes"):
        group.experiences.set(codes["experience_codes"])
    if codes.get("community_codes"):
        group.communities.set(codes["community_codes"])
    GroupMembership.objects.create(group=group, user=actor, role=MembershipRole.FACILITATOR,
                                   status=MembershipStatus.ACTIVE, agreement_accepted_at=now, joined_at=now)
    _store_texts(texts, actor=actor, group=group)
    audit_record(actor=actor, action="group.create", target=group, organization=organization,
                 data={"status": group.status}, is_staff_action=False)
    return group


@transaction.atomic
def group_update(*, actor, group: SupportGroup, status: str | None = None, place_hint: PlaceHint | None = None,
                 **changes) -> SupportGroup:
    """Change the group's details (facilitators, and admins of its organization)."""
    _require_manager(actor, group)
    unknown = set(changes) - EDITABLE
    if unknown:
        raise GroupError(f"These cannot be changed here: {', '.join(sorted(unknown))}.")
    attrs, texts, codes = _clean(changes, group=group, actor=actor, place_hint=place_hint)
    if status is not None and status != group.status:
        if group.status == GroupStatus.PENDING_APPROVAL or status not in STATUSES_FACILITATORS_SET:
            raise GroupError(_("Please choose active, temporarily closed or ended."))
        attrs["status"] = status
    updated = [name for name, value in attrs.items() if getattr(group, name) != value]
    for name in updated:
        setattr(group, name, attrs[name])
    if updated:
        group.save(update_fields=[*updated, "updated_at"])
    for field, nodes in codes.items():
        relation = group.experiences if field == "experience_codes" else group.communities
        if {n.pk for n in relation.all()} != {n.pk for n in nodes}:
            relation.set(nodes)
            updated.append(field)
    _store_texts({k: v for k, v in texts.items() if k in updated}, actor=actor, group=group)
    if updated:
        audit_record(actor=actor, action="group.update", target=group, organization=group.organization,
                     data={"fields": sorted(set(updated) - {"description_html", "agreement_html"})},
                     is_staff_action=False)
    return group


@transaction.atomic
def group_approve(*, actor, group: SupportGroup) -> SupportGroup:
    """An organization's admin or facilitator lets a group started under it be listed."""
    if not GroupViewer(actor, group).can_approve:
        raise GroupError(_("Only the organization's admins and facilitators can approve this group."))
    group.status = GroupStatus.ACTIVE
    group.approved_at = timezone.now()
    group.save(update_fields=["status", "approved_at", "updated_at"])
    audit_record(actor=actor, action="group.approve", target=group, organization=group.organization,
                 is_staff_action=True)
    return group


@transaction.atomic
def group_confirm_details(*, actor, group: SupportGroup) -> SupportGroup:
    """A facilitator says the listing is still right (shown as "details confirmed on …")."""
    _require_manager(actor, group)
    group.last_confirmed_at = timezone.now()
    group.save(update_fields=["last_confirmed_at", "updated_at"])
    audit_record(actor=actor, action="group.confirm_details", target=group, organization=group.organization,
                 is_staff_action=False)
    return group


def _active_count(group: SupportGroup) -> int:
    return GroupMembership.objects.active().filter(group=group).count()


def _check_room(group: SupportGroup) -> None:
    if group.capacity is not None and _active_count(group) >= group.capacity:
        raise GroupError(_("This group is full at the moment. You could look for another group, "
                           "or come back later when a place opens."))


@transaction.atomic
def group_join(*, user, group: SupportGroup, agreement_accepted: bool) -> GroupMembership:
    """Join (open groups) or ask to join (groups by request), accepting the group agreement."""
    group = SupportGroup.objects.select_for_update().get(pk=group.pk)
    existing = GroupMembership.objects.current().filter(group=group, user=user).first()
    if existing:
        return existing
    if group.status != GroupStatus.ACTIVE:
        raise GroupError(_("This group is not taking new members right now."))
    if group.join_policy == JoinPolicy.CLOSED:
        raise GroupError(_("This group is closed to new members at the moment. Other groups may be "
                           "a good fit — have a look at the list of groups."))
    if not agreement_accepted:
        raise GroupError(_("Please read the group agreement and tick the box to accept it."))
    _check_room(group)
    now = timezone.now()
    by_request = group.join_policy == JoinPolicy.BY_REQUEST
    membership = GroupMembership.objects.create(
        group=group, user=user, role=MembershipRole.MEMBER,
        status=MembershipStatus.REQUESTED if by_request else MembershipStatus.ACTIVE,
        agreement_accepted_at=now, joined_at=None if by_request else now,
    )
    audit_record(actor=user, action="group.request" if by_request else "group.join", target=membership,
                 subject=user, organization=group.organization, data={"group": group.slug})
    _changed(group, "membership")
    return membership


def _own_request(group: SupportGroup, membership: GroupMembership) -> None:
    if membership.group_id != group.pk or membership.status != MembershipStatus.REQUESTED:
        raise GroupError(_("That request was not found. The person may have withdrawn it."))


@transaction.atomic
def group_request_approve(*, actor, membership: GroupMembership) -> GroupMembership:
    group = SupportGroup.objects.select_for_update().get(pk=membership.group_id)
    _require_manager(actor, group)
    _own_request(group, membership)
    _check_room(group)
    membership.status = MembershipStatus.ACTIVE
    membership.joined_at = timezone.now()
    membership.save(update_fields=["status", "joined_at"])
    audit_record(actor=actor, action="group.request_approve", target=membership, subject=membership.user,
                 organization=group.organization, data={"group": group.slug})
    _changed(group, "membership")
    return membership


@transaction.atomic
def group_request_decline(*, actor, membership: GroupMembership) -> GroupMembership:
    group = membership.group
    _require_manager(actor, group)
    _own_request(group, membership)
    membership.status = MembershipStatus.DECLINED
    membership.ended_at = timezone.now()
    membership.ended_by = actor
    membership.save(update_fields=["status", "ended_at", "ended_by"])
    audit_record(actor=actor, action="group.request_decline", target=membership, subject=membership.user,
                 organization=group.organization, data={"group": group.slug})
    return membership


@transaction.atomic
def group_leave(*, user, group: SupportGroup) -> GroupMembership:
    """Leave a group, or withdraw a request to join. No reason is asked."""
    membership = GroupMembership.objects.current().filter(group=group, user=user).first()
    if membership is None:
        raise GroupError(_("You are not in this group."))
    membership.status = MembershipStatus.LEFT
    membership.ended_at = timezone.now()
    membership.ended_by = user
    membership.save(update_fields=["status", "ended_at", "ended_by"])
    audit_record(actor=user, action="group.leave", target=membership, subject=user,
                 organization=group.organization, data={"group": group.slug})
    _release_places(user=user, group=group, actor=user)
    _changed(group, "membership")
    return membership


@transaction.atomic
def group_member_remove(*, actor, membership: GroupMembership, reason: str) -> GroupMembership:
    """A facilitator removes someone. The reason is recorded, and shown only to the group's
    facilitators and to the person removed."""
    group = membership.group
    _require_manager(actor, group)
    if membership.status != MembershipStatus.ACTIVE:
        raise GroupError(_("That person is not a member of this group."))
    if membership.user_id == actor.pk:
        raise GroupError(_("To step out of the group yourself, use Leave."))
    prepared = prepare_user_text(text=reason, lang=actor.language, markdown=False, max_length=1000)
    if not prepared.source:
        raise GroupError(_("Please write the reason. It is kept, and shown only to the group's facilitators "
                           "and to the person."))
    membership.status = MembershipStatus.REMOVED
    membership.ended_at = timezone.now()
    membership.ended_by = actor
    membership.removal_reason = prepared.source
    membership.save(update_fields=["status", "ended_at", "ended_by", "removal_reason"])
    after_store(prepared=prepared, author=actor, target=membership, context="group.removal_reason")
    audit_record(actor=actor, action="group.member_remove", target=membership, subject=membership.user,
                 organization=group.organization, data={"group": group.slug, "reason": prepared.source},
                 is_staff_action=True)
    _release_places(user=membership.user, group=group, actor=actor)
    _changed(group, "membership")
    return membership


@transaction.atomic
def group_member_role_set(*, actor, membership: GroupMembership, role: str) -> GroupMembership:
    """Make an active member a co-facilitator, or return a facilitator to member (their own
    choice to step back, or another facilitator's or an organization admin's). A group always
    keeps one facilitator: the last one is asked to hand over first."""
    # Locked so two facilitators stepping back at the same moment cannot leave nobody.
    group = SupportGroup.objects.select_for_update().get(pk=membership.group_id)
    _require_manager(actor, group)
    membership = GroupMembership.objects.select_related("user").get(pk=membership.pk)
    if membership.status != MembershipStatus.ACTIVE:
        raise GroupError(_("Only members of the group can facilitate it. They may need to join first."))
    if role not in MembershipRole.values:
        raise GroupError(_("Please choose facilitator or member."))
    if membership.role == role:
        return membership
    if role == MembershipRole.MEMBER:
        facilitators = GroupMembership.objects.active().filter(group=group, role=MembershipRole.FACILITATOR).count()
        if facilitators <= 1:
            if membership.user_id == actor.pk:
                raise GroupError(_("You're the only facilitator of this group. Please ask someone else to "
                                   "facilitate first — then you can step back."))
            raise GroupError(_("This is the group's only facilitator. Please ask someone else to facilitate "
                               "first."))
    previous = membership.role
    membership.role = role
    membership.save(update_fields=["role"])
    audit_record(actor=actor, action="group.member_role", target=membership, subject=membership.user,
                 organization=group.organization, data={"group": group.slug, "from": previous, "to": role})
    _changed(group, "membership")
    return membership
