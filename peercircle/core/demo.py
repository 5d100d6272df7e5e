"""The demo network: believable organizations, programs and people to try PeerCircle with.

`demo_build` plans every person first from one seeded random generator, then creates the
ones that do not exist yet through the same services the site uses (so audit entries,
screening and encryption all run). Running it again creates nothing new. Every demo account
has an email under DEMO_DOMAIN and the password DEMO_PASSWORD; moderators, organization
admins and staff get a TOTP authenticator with the public DEMO_TOTP_SECRET.
"""

import datetime
import random
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from peercircle.core import demo_data as data
from peercircle.core.demo_data import DEMO_DOMAIN, DEMO_PASSWORD, DEMO_TOTP_SECRET
from peercircle.core.demo_forums import ensure_forums
from peercircle.core.demo_matching import ensure_matching
from peercircle.core.demo_safety import ensure_safety
from peercircle.core.demo_stories import demo_stories
from peercircle.core.errors import UserFacingError

SEED = 2026
TWO_FACTOR_ROLES = {"moderator", "org_admin"}


class DemoError(UserFacingError):
    """The demo cannot do what was asked; the message is safe to show."""


@dataclass
class ExperiencePlan:
    code: str
    relation: str
    stage: str
    visibility: str
    since: datetime.date | None = None
    story: str = ""


@dataclass
class PersonPlan:
    email: str
    display_name: str
    language: str  # interface language, "en" or "es"
    languages: list[str]
    roles: list[tuple[str, str]]  # (organization slug, role)
    country: str = ""
    city: str = ""
    timezone: str = ""  # only for people who give no city
    pronouns: str = ""
    bio: str = ""
    visibility: dict[str, str] = field(default_factory=dict)
    experiences: list[ExperiencePlan] = field(default_factory=list)
    communities: list[tuple[str, str]] = field(default_factory=list)
    research_consent: bool = False
    is_staff: bool = False
    joined_days_ago: int = 0
    about: str = ""  # for the list of logins

    @property
    def needs_two_factor(self) -> bool:
        return self.is_staff or any(role in TWO_FACTOR_ROLES for _org, role in self.roles)


def _weighted(rng: random.Random, pairs):
    items, weights = zip(*pairs, strict=True)
    return rng.choices(items, weights=weights, k=1)[0]


ORGS = {org["slug"]: org for org in data.ORGANIZATIONS}


# --- Planning -------------------------------------------------------------------------------

class Planner:
    """Decides who the demo people are. Pure: it reads the taxonomy and writes nothing."""

    def __init__(self, *, rng: random.Random, leaf_codes: list[str], community_codes: list[str]):
        self.rng = rng
        self.leaf_codes = leaf_codes
        self.community_codes = community_codes
        known = set(leaf_codes)
        self.focus = {
            slug: [code for program in org["programs"] for code in program["codes"] if code in known]
            for slug, org in ORGS.items()
        }
        self.today = datetime.date.today()
        self.nicknames_used: set[str] = set()

    # People -----------------------------------------------------------------------------------

    def named(self, spec: dict) -> PersonPlan:
        org = ORGS[spec["org"]]
        plan = self._person(
            email=spec["email"], org=org, culture=spec["culture"], roles=spec["roles"],
            supporter=False, name=spec["name"],
        )
        plan.about = spec["about"]
        plan.is_staff = spec.get("staff", False)
        if "city" in spec:
            plan.country, plan.city, plan.timezone = org["country"], spec["city"], ""
        plan.pronouns, plan.bio = spec.get("pronouns", ""), spec.get("bio", "")
        plan.languages = spec.get("languages", plan.languages)
        plan.language = spec.get("ui_language", "es" if plan.languages[0] == "es" else "en")
        plan.experiences = [
            ExperiencePlan(code=code, relation=relation, stage=stage, visibility=visibility,
                           since=self._since(stage))
            for code, relation, stage, visibility in spec["experiences"]
        ]
        plan.communities = list(spec.get("communities", []))
        plan.research_consent = spec.get("research", False)
        return plan

    def rostered(self, local: str, name: str, culture: str, roles: list[tuple[str, str]]) -> PersonPlan:
        """Moderators, admins, clinicians: a fixed name and roles, the rest random."""
        supporter = any(role in ("facilitator", "moderator") for _org, role in roles)
        plan = self._person(email=f"{local}@{DEMO_DOMAIN}", org=ORGS[roles[0][0]], culture=culture,
                            roles=roles, supporter=supporter, name=name)
        if any(role == "clinician" for _org, role in roles):
            plan.experiences, plan.communities, plan.bio = [], [], ""
        return plan

    def bulk(self, local: str, slug: str, role: str) -> PersonPlan:
        org = ORGS[slug]
        roles = [(slug, role)]
        if role == "peer_supporter" and self.rng.random() < 0.05:
            roles.append((slug, "facilitator"))
        if role == "facilitator" and self.rng.random() < 0.3:
            roles.append((slug, "peer_supporter"))
        if self.rng.random() < 0.1:
            # Some people also take part in a second organization that speaks their language.
            others = [s for s, o in ORGS.items() if s != slug and o["languages"][0] == org["languages"][0]]
            if others:
                roles.append((self.rng.choice(others), "member"))
        return self._person(email=f"{local}@{DEMO_DOMAIN}", org=org,
                            culture=_weighted(self.rng, org["cultures"]), roles=roles,
                            supporter=role != "member")

    def _person(self, *, email: str, org: dict, culture: str, roles, supporter: bool,
                name: str = "") -> PersonPlan:
        rng = self.rng
        languages = self._languages(culture, org)
        group = "es" if languages[0] == "es" else "fr" if languages[0] == "fr" else "en"
        plan = PersonPlan(
            email=email,
            display_name=name or self._display_name(culture, group),
            language="es" if group == "es" else "en",
            languages=languages,
            roles=list(roles),
            joined_days_ago=rng.randint(3, 900),
        )
        if rng.random() < 0.85:
            plan.country = org["country"]
            plan.city = _weighted(rng, org["places"])
        elif rng.random() < 0.5:
            plan.timezone = _seat_timezone(org)
        if rng.random() < 0.35:
            plan.pronouns = _weighted(rng, data.PRONOUNS[group])
        bios = data.SUPPORTER_BIOS if supporter else data.BIOS
        if rng.random() < (0.7 if supporter else 0.3):
            plan.bio = rng.choice(bios[group])
        plan.visibility = {
            "display_name_visibility": _weighted(rng, [("organization", 6), ("connections", 3), ("private", 1)]),
            "pronouns_visibility": _weighted(rng, [("organization", 4), ("connections", 4), ("private", 2)]),
            "languages_visibility": _weighted(rng, [("organization", 3), ("connections", 5), ("private", 2)]),
            "location_visibility": _weighted(rng, [("private", 11), ("connections", 6), ("organization", 3)]),
            "timezone_visibility": _weighted(rng, [("private", 4), ("connections", 5), ("organization", 1)]),
            "bio_visibility": _weighted(rng, [("private", 2), ("connections", 5), ("organization", 3)]),
        }
        plan.experiences = self._experiences(org["slug"], group, supporter)
        if rng.random() < 0.3:
            plan.communities = self._communities(org["slug"])
        plan.research_consent = rng.random() < 0.4
        return plan

    def _languages(self, culture: str, org: dict) -> list[str]:
        rng = self.rng
        pool = data.CULTURES[culture]
        languages = list(pool["languages"])
        place = org["languages"][0]
        if place not in languages:
            if languages:  # e.g. a Mexican family in Chicago, a Londoner in Mexico City
                languages.append(place)
            else:  # heritage cultures speak the language of where they live
                languages.insert(0, place)
        if pool["extra_languages"] and rng.random() < (0.6 if not pool["languages"] else 0.2):
            extra = rng.choice(pool["extra_languages"])
            if extra not in languages:
                languages.append(extra)
        return languages

    def _display_name(self, culture: str, group: str) -> str:
        rng = self.rng
        roll = rng.random()
        if roll < 0.2:
            nickname = rng.choice(data.PSEUDONYMS[group])
            if nickname in self.nicknames_used:  # two "Lighthouse"s would confuse everyone
                nickname = f"{nickname}{rng.randint(2, 99)}"
            self.nicknames_used.add(nickname)
            return nickname
        first = rng.choice(data.CULTURES[culture]["names"])
        if roll < 0.4:
            return f"{first} {rng.choice('ABCDEFGHJKLMNOPRSTVW')}."
        return first

    # Experiences ------------------------------------------------------------------------------

    def _experiences(self, slug: str, group: str, supporter: bool) -> list[ExperiencePlan]:
        rng = self.rng
        count = _weighted(rng, [(1, 50), (2, 35), (3, 15)])
        codes: list[str] = []
        for _ in range(count):
            pool = self.focus[slug] if self.focus[slug] and rng.random() < 0.65 else self.leaf_codes
            code = rng.choice(pool)
            if code not in codes:
                codes.append(code)
        return [self.experience(code, group, supporter) for code in codes]

    def experience(self, code: str, group: str, supporter: bool) -> ExperiencePlan:
        rng = self.rng
        top = code.split(".")[0]
        if code == "substance_use.family":
            relation = "family_friend"
        elif top in ("grief", "life"):
            relation = "self"
        else:
            relation = "family_friend" if rng.random() < 0.15 else "self"

        if supporter:
            stage = _weighted(rng, [("in_recovery", 55), ("past", 45)])
            if top == "grief":
                stage = "past"
            elif top == "chronic_illness" and code != "chronic_illness.cancer" and rng.random() < 0.6:
                stage = "current"  # people live with diabetes or MS; they don't get past it
            visibility = _weighted(rng, [("peers", 8), ("matching", 2)])
        else:
            if top == "grief":
                stage = _weighted(rng, [("current", 6), ("past", 4)])
            elif top == "chronic_illness":
                stage = _weighted(rng, [("current", 8), ("in_recovery", 1), ("past", 1)])
            else:
                stage = _weighted(rng, [("current", 55), ("in_recovery", 25), ("past", 20)])
            visibility = _weighted(rng, [("matching", 55), ("private", 20), ("peers", 25)])

        story = ""
        stories = data.STORIES.get(group if group in data.STORIES else "en", {}).get(top)
        if stories and rng.random() < 0.1:
            story = rng.choice(stories)
        return ExperiencePlan(code=code, relation=relation, stage=stage, visibility=visibility,
                              since=self._since(stage), story=story)

    def _since(self, stage: str) -> datetime.date | None:
        if self.rng.random() < 0.15:
            return None  # not everyone wants to say when
        low, high = {"current": (30, 1100), "in_recovery": (365, 3650), "past": (730, 7300)}[stage]
        return self.today - datetime.timedelta(days=self.rng.randint(low, high))

    def _communities(self, slug: str) -> list[tuple[str, str]]:
        weights = dict(data.COMMUNITY_WEIGHTS)
        for code, boost in data.COMMUNITY_BOOSTS.get(slug, {}).items():
            weights[code] = weights.get(code, 0) + boost
        pairs = [(code, weights.get(code, 1)) for code in self.community_codes]
        picked = {_weighted(self.rng, pairs) for _ in range(_weighted(self.rng, [(1, 8), (2, 2)]))}
        return [(code, _weighted(self.rng, [("matching", 6), ("peers", 3), ("private", 1)]))
                for code in sorted(picked)]

    def cover_taxonomy(self, people: list[PersonPlan], min_uses: int) -> None:
        """Make sure every leaf of the taxonomy is lived by at least `min_uses` people."""
        uses = Counter(e.code for p in people for e in p.experiences)
        candidates = [p for p in people if not p.about and not _is_clinician(p)]
        for code in self.leaf_codes:
            tries = 0
            while uses[code] < min_uses and candidates and tries < 50:
                tries += 1
                person = self.rng.choice(candidates)
                if len(person.experiences) >= 3 or any(e.code == code for e in person.experiences):
                    continue
                group = "es" if person.language == "es" else "en"
                supporter = any(role != "member" for _org, role in person.roles)
                person.experiences.append(self.experience(code, group, supporter))
                uses[code] += 1


def _is_clinician(plan: PersonPlan) -> bool:
    return any(role == "clinician" for _org, role in plan.roles)


def _seat_timezone(org: dict) -> str:
    from peercircle.core.places import resolve_city

    place = resolve_city(org["places"][0][0], org["country"])
    return place.timezone if place else "UTC"


def _spread(rng: random.Random, count: int) -> list[str]:
    """Organizations for `count` people: every organization first, then by size."""
    slugs = list(ORGS)
    weights = [data.ORGANIZATION_WEIGHTS[s] for s in slugs]
    return [slugs[i] if i < len(slugs) else rng.choices(slugs, weights=weights)[0] for i in range(count)]


def demo_plan(*, members: int = 500) -> list[PersonPlan]:
    """Everyone in the demo, in creation order: staff and admins first (they grant roles)."""
    from peercircle.experiences.models import NodeKind
    from peercircle.experiences.selectors import leaf_nodes

    rng = random.Random(SEED)
    planner = Planner(
        rng=rng,
        leaf_codes=list(leaf_nodes(kind=NodeKind.EXPERIENCE).values_list("code", flat=True)),
        community_codes=list(leaf_nodes(kind=NodeKind.COMMUNITY).values_list("code", flat=True)),
    )
    named = [planner.named(spec) for spec in data.NAMED_ACCOUNTS]
    admins = [planner.rostered(*row) for row in data.ORG_ADMINS]
    moderators = [planner.rostered(*row) for row in data.MODERATORS]
    clinicians = [planner.rostered(*row) for row in data.CLINICIANS]
    # Sizes keep the full demo's proportions: 500 members, 60 supporters, 12 facilitators.
    # Some facilitators and admins also support 1:1, so fewer dedicated supporters are needed.
    supporters_n = max(3, round(members * 60 / 500) - 4)
    facilitators_n = max(2, round(members * 12 / 500) - 1)
    supporters = [planner.bulk(f"supporter{i:03}", slug, "peer_supporter")
                  for i, slug in enumerate(_spread(rng, supporters_n), start=1)]
    facilitators = [planner.bulk(f"facilitator{i:03}", slug, "facilitator")
                    for i, slug in enumerate(_spread(rng, facilitators_n), start=1)]
    slugs = list(ORGS)
    weights = [data.ORGANIZATION_WEIGHTS[s] for s in slugs]
    bulk_members = [planner.bulk(f"member{i:03}", rng.choices(slugs, weights=weights)[0], "member")
                    for i in range(1, members + 1)]
    people = [*named, *admins, *moderators, *clinicians, *supporters, *facilitators, *bulk_members]
    planner.cover_taxonomy(people, min_uses=3 if members >= 200 else 1)
    return people


# --- Building -------------------------------------------------------------------------------

def demo_counts() -> dict[str, int]:
    from allauth.mfa.models import Authenticator

    from peercircle.accounts.models import Consent, User
    from peercircle.community.models import Story
    from peercircle.experiences.models import PersonCommunity, PersonExperience
    from peercircle.groups.models import GroupMembership, MeetingException, MeetingSeries
    from peercircle.matching.models import Match, SupporterProfile, SupportRequest
    from peercircle.organizations.models import Membership, Organization, Program

    demo_users = User.objects.filter(email__endswith=f"@{DEMO_DOMAIN}")
    groups = _demo_groups()
    return {
        "organizations": Organization.objects.filter(slug__in=list(ORGS)).count(),
        "programs": Program.objects.filter(organization__slug__in=list(ORGS)).count(),
        "people": demo_users.count(),
        "memberships": Membership.objects.active().filter(user__in=demo_users).count(),
        "experiences": PersonExperience.objects.filter(user__in=demo_users).count(),
        "communities": PersonCommunity.objects.filter(user__in=demo_users).count(),
        "consents": Consent.objects.filter(user__in=demo_users).count(),
        "two-factor authenticators": Authenticator.objects.filter(
            user__in=demo_users, type=Authenticator.Type.TOTP).count(),
        "support groups": groups.count(),
        "meeting series": MeetingSeries.objects.filter(group__in=groups).count(),
        "meeting changes": MeetingException.objects.filter(series__group__in=groups).count(),
        "group memberships": GroupMembership.objects.active().filter(group__in=groups).count(),
        "join requests": GroupMembership.objects.filter(group__in=groups, status="requested").count(),
        "supporter profiles": SupporterProfile.objects.filter(user__in=demo_users).count(),
        "support requests": SupportRequest.objects.filter(user__in=demo_users).count(),
        "matches": Match.objects.filter(member__in=demo_users).count(),
        "stories": Story.objects.filter(author__in=demo_users).count(),
    }


def _demo_groups():
    from peercircle.groups.models import SupportGroup

    return SupportGroup.objects.filter(created_by__email__endswith=f"@{DEMO_DOMAIN}")


def demo_role_counts() -> dict[str, int]:
    from django.db.models import Count

    from peercircle.organizations.models import Membership

    rows = (Membership.objects.active().filter(user__email__endswith=f"@{DEMO_DOMAIN}")
            .values("role").annotate(people=Count("user", distinct=True)))
    return {row["role"]: row["people"] for row in rows}


@dataclass
class DemoResult:
    created: dict[str, int]
    totals: dict[str, int]
    roles: dict[str, int]
    logins: list[tuple[str, str]]
    seconds: float


def demo_build(*, members: int = 500, log: Callable[[str], None] = lambda message: None) -> DemoResult:
    from django.contrib.auth.hashers import make_password

    from peercircle.accounts.models import User

    started = time.monotonic()
    before = demo_counts()
    people = demo_plan(members=members)
    existing = {email: pk for email, pk in
                User.objects.filter(email__endswith=f"@{DEMO_DOMAIN}").values_list("email", "pk")}
    # One Argon2 hash for everyone: hashing 600 passwords would take minutes.
    missing = [plan for plan in people if plan.email not in existing]
    password_hash = make_password(DEMO_PASSWORD) if missing else ""

    staff = _ensure_person(people[0], existing, password_hash)  # the staff account acts below
    organizations = _ensure_organizations(actor=staff)
    if missing:
        log(f"{len(organizations)} organizations ready; adding {len(missing)} people…")
    granter = {slug: staff for slug in organizations}
    batch = 100
    for start in range(0, len(people), batch):
        with transaction.atomic():
            for plan in people[start:start + batch]:
                if plan.email in existing and not (plan.about or plan.needs_two_factor):
                    continue  # created whole by an earlier run; named and 2FA accounts get repaired
                user = _ensure_person(plan, existing, password_hash)
                for slug, role in plan.roles:
                    _grant(actor=granter[slug], organization=organizations[slug], user=user, role=role)
                    if role == "org_admin" and granter[slug] is staff:
                        granter[slug] = user  # an organization's admin grants its other roles
                if plan.needs_two_factor:
                    _ensure_two_factor(user)
        done = min(start + batch, len(people))
        if missing and done < len(people):
            log(f"  {done}/{len(people)} people")
    _ensure_groups(plan_groups(people), organizations, log)
    _ensure_places_and_suggestions()
    ensure_matching(people, organizations, log)
    ensure_safety(log)
    ensure_forums(log)
    demo_stories(log)
    after = demo_counts()
    return DemoResult(
        created={key: after[key] - before.get(key, 0) for key in after},
        totals=after,
        roles=demo_role_counts(),
        logins=[(plan.email, f"{plan.display_name} — {plan.about}") for plan in people if plan.about],
        seconds=time.monotonic() - started,
    )


def _ensure_organizations(*, actor) -> dict:
    from peercircle.organizations.models import Organization, Program
    from peercircle.organizations.services import organization_create, program_create

    organizations = {}
    with transaction.atomic():
        for spec in data.ORGANIZATIONS:
            organization = Organization.objects.filter(slug=spec["slug"]).first()
            if organization is None:
                organization = organization_create(
                    actor=actor, name=spec["name"], slug=spec["slug"], kind=spec["kind"],
                    description=spec["description"], country=spec["country"],
                    city=spec["places"][0][0], website=spec["website"], email=spec["email"],
                    languages=spec["languages"],
                    requires_group_approval=spec["slug"] in data.REQUIRES_GROUP_APPROVAL,
                )
            elif organization.requires_group_approval != (spec["slug"] in data.REQUIRES_GROUP_APPROVAL):
                # Organizations made before the demo had groups: a setting only, nothing to audit.
                organization.requires_group_approval = spec["slug"] in data.REQUIRES_GROUP_APPROVAL
                organization.save(update_fields=["requires_group_approval"])
            existing = set(Program.objects.filter(organization=organization).values_list("name", flat=True))
            for program in spec["programs"]:
                if program["name"] in existing:
                    # Programs made by an earlier demo: a setting only, nothing to audit.
                    young = program.get("accepts_under_18", False)
                    Program.objects.filter(organization=organization, name=program["name"]).exclude(
                        accepts_under_18=young).update(accepts_under_18=young)
                    continue
                program_create(
                    actor=actor, organization=organization, name=program["name"],
                    kind=program["kind"], description=program["description"],
                    experience_codes=program["codes"],
                    accepts_under_18=program.get("accepts_under_18", False),
                    requires_certification=program["kind"] == "one_to_one",
                )
            organizations[spec["slug"]] = organization
    return organizations


def _ensure_person(plan: PersonPlan, existing: dict[str, int], password_hash: str):
    """The account for `plan`, created with everything it needs if it does not exist yet."""
    from allauth.account.models import EmailAddress

    from peercircle.accounts.models import User

    if plan.email in existing:
        user = User.objects.get(pk=existing[plan.email])
        # Cheap repairs so a demo login always works, even after a half-finished run.
        EmailAddress.objects.get_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True})
        return user
    with transaction.atomic():
        user = _create_person(plan, password_hash)
    existing[plan.email] = user.pk
    return user


def _create_person(plan: PersonPlan, password_hash: str):
    from allauth.account.models import EmailAddress

    from peercircle.accounts.models import User
    from peercircle.accounts.services import consent_give, profile_create, profile_update
    from peercircle.experiences.services import community_add, experience_add

    user = User.objects.create(
        email=plan.email, password=password_hash, is_staff=plan.is_staff,
        is_superuser=plan.is_staff,
        date_joined=timezone.now() - datetime.timedelta(days=plan.joined_days_ago),
    )
    # Verified already: signing in is blocked until an address is verified.
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    profile = profile_create(user=user, display_name=plan.display_name, language=plan.language)
    changes: dict = {"languages": plan.languages, **plan.visibility}
    if plan.city:
        changes.update(country=plan.country, city=plan.city)
    elif plan.timezone:
        changes["timezone"] = plan.timezone
    if plan.pronouns:
        changes["pronouns"] = plan.pronouns
    if plan.bio:
        changes["bio"] = plan.bio
    profile_update(actor=user, profile=profile, **changes)

    consent_give(user=user, kind="terms")
    consent_give(user=user, kind="privacy")
    if plan.research_consent:
        consent_give(user=user, kind="research")
    for experience in plan.experiences:
        experience_add(user=user, code=experience.code, relation=experience.relation,
                       stage=experience.stage, since=experience.since,
                       visibility=experience.visibility, story=experience.story)
    for code, visibility in plan.communities:
        community_add(user=user, code=code, visibility=visibility)
    if not plan.about:
        # The hundreds of background people get their notes in the app only: their emails would
        # fill the console of `make run` (the named accounts keep theirs, to show what is sent).
        from peercircle.notifications.services import notification_preferences_update

        notification_preferences_update(user=user, email=False)
    return user


def _grant(*, actor, organization, user, role: str) -> None:
    from peercircle.organizations.services import membership_grant

    membership_grant(actor=actor, organization=organization, user=user, role=role)


def _ensure_two_factor(user) -> None:
    from allauth.mfa.models import Authenticator
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
    from allauth.mfa.totp.internal.auth import TOTP

    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, DEMO_TOTP_SECRET)
        RecoveryCodes.activate(user)


# --- Support groups and meetings ----------------------------------------------------------------

@dataclass
class SeriesPlan:
    title: str
    rrule: str
    start_date: datetime.date
    start_time: datetime.time
    minutes: int


@dataclass
class GroupPlan:
    spec: dict
    creator: str  # email; the group's first facilitator
    details: dict  # what group_create is given
    members: list[str] = field(default_factory=list)  # join (and are let in, if by request)
    requests: list[str] = field(default_factory=list)  # ask to join and are left waiting
    series: list[SeriesPlan] = field(default_factory=list)
    confirmed_days_ago: int = 0
    age_days: int = 0  # how long ago the group was started


def _speaks(plan: PersonPlan, languages: list[str]) -> bool:
    return any(language in plan.languages for language in languages)


def plan_groups(people: list[PersonPlan]) -> list[GroupPlan]:
    """Who starts, runs and joins each demo group, and when it meets. Pure, and seeded apart
    from the people so adding a group never changes who the people are."""
    from django.utils.text import slugify

    from peercircle.core.places import resolve_city

    rng = random.Random(SEED + 1)
    today = datetime.date.today()
    next_month = (today.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    named = {plan.email for plan in people if plan.about}
    places = {(email, name): role for email, name, role in data.GROUP_PLACES}
    taken: Counter = Counter()  # groups each person is already in, to spread people out

    def in_org(plan: PersonPlan, slug: str, *wanted: str) -> bool:
        return any(org == slug and (not wanted or role in wanted) for org, role in plan.roles)

    joiners = [p for p in people if p.email not in named and not _is_clinician(p)]
    groups: list[GroupPlan] = []
    for spec in data.GROUPS:
        slug, city = spec["org"], spec["city"]
        languages = spec.get("languages", ["en"])
        fmt = spec.get("format", "in_person")
        place = resolve_city(city) if city else None
        status = spec.get("status", "active")
        # Who starts it: the named facilitator, a peer supporter proposing it (so an organization
        # that approves groups has to), the organization's facilitators, or any local volunteer.
        creator = next((email for (email, name), role in places.items()
                        if name == spec["name"] and role == "facilitator"), "")
        if not creator and slug:
            facilitators = [p.email for p in people if in_org(p, slug, "facilitator") and p.email not in named]
            admins = [p.email for p in people if in_org(p, slug, "org_admin")]
            proposers = [p for p in joiners if in_org(p, slug)
                         and not in_org(p, slug, "facilitator", "org_admin")]
            supporters = [p.email for p in proposers if in_org(p, slug, "peer_supporter")]
            proposers = [p.email for p in proposers]
            if spec.get("proposed") and (supporters or proposers):
                creator = rng.choice(supporters or proposers)
            else:
                creator = rng.choice(facilitators or admins)
        elif not creator:
            local = [p for p in joiners if _speaks(p, languages)
                     and any(role != "member" for _org, role in p.roles)]
            creator = rng.choice(local or [p for p in joiners if _speaks(p, languages)] or joiners).email
        taken[creator] += 1

        details: dict = {
            "description": spec["description"], "format": fmt, "languages": languages,
            "experience_codes": [c for c in spec["codes"] if not c.startswith("community.")],
            "community_codes": [c for c in spec["codes"] if c.startswith("community.")],
            "leadership": spec.get("leadership", "peer_facilitated" if slug else "self_led"),
            "join_policy": "open" if spec.get("join", "open") == "closed" else spec.get("join", "open"),
            "capacity": spec.get("capacity", _weighted(rng, [(None, 6), (12, 1), (15, 1), (20, 1), (30, 1)])),
            "member_list_visibility": _weighted(rng, [("facilitators", 7), ("members", 3)]),
        }
        if city:
            venue = spec.get("venue") or rng.choice(data.VENUES[city])
            details.update(city=city, country=place.country, venue_name=venue[0], address=venue[1])
        else:
            details["timezone"] = spec["timezone"]
        if fmt != "in_person":
            details["online_url"] = f"https://meet.example.org/peercircle/{slugify(spec['name'])}"
        if "access" in spec:
            details["accessibility"] = spec["access"]
        elif fmt == "online":
            details["accessibility"] = ["captions"] if rng.random() < 0.4 else []
        else:
            details["accessibility"] = [code for code, chance in
                                        (("step_free", 0.6), ("accessible_toilet", 0.35), ("hearing_loop", 0.15))
                                        if rng.random() < chance]
        if spec.get("notes"):
            details["accessibility_notes"] = spec["notes"]

        plan = GroupPlan(spec=spec, creator=creator, details=details)
        # Meetings: schedules that began in the last months, one-offs next month.
        for meet in spec["meets"]:
            title, rule, clock, minutes = meet[:4]
            start = (next_month + datetime.timedelta(days=meet[4] - 1) if not rule
                     else today - datetime.timedelta(days=rng.randint(21, 150)))
            plan.series.append(SeriesPlan(title, rule, start, datetime.time.fromisoformat(clock), minutes))
        oldest = max((today - s.start_date).days for s in plan.series)
        plan.confirmed_days_ago = (rng.randint(185, 245) if rng.random() < 0.08 else rng.randint(1, 175))
        plan.age_days = max(oldest, plan.confirmed_days_ago) + rng.randint(7, 90)

        if status != "pending_approval":  # nobody can join a group that is not listed yet
            chosen = [email for (email, name), role in places.items()
                      if name == spec["name"] and role == "member"]
            pool = [p for p in joiners if p.email != creator and _speaks(p, languages)
                    and (in_org(p, slug) if slug else True)]
            capacity = details["capacity"]
            closed = spec.get("join") == "closed"
            total = capacity if closed and capacity else rng.randint(3, 25)  # the facilitator too
            if capacity:
                total = min(total, capacity - (0 if closed else PENDING_ROOM))
            waiting = data.PENDING_REQUESTS.get(spec["name"], 0)
            size = max(0, min(total - 1 - len(chosen), len(pool) - waiting))
            codes = set(spec["codes"])
            # Weighted sampling without replacement (Efraimidis–Spirakis), deterministic.
            ranked = sorted(pool, key=lambda p: rng.random() ** (1 / _affinity(p, codes, place, taken)),
                            reverse=True)
            chosen += [p.email for p in ranked[:size]]
            plan.members = chosen
            plan.requests = [p.email for p in ranked[size:size + waiting]]
            for email in chosen:
                taken[email] += 1
        groups.append(plan)
    return groups


def _affinity(plan: PersonPlan, codes: set[str], place, taken: Counter) -> float:
    """How likely someone is to be in a group: shared experience, living nearby, and not
    already being in many groups."""
    weight = 1.0
    if codes & ({e.code for e in plan.experiences} | {code for code, _v in plan.communities}):
        weight *= 5
    if place and plan.city == place.name:
        weight *= 3
    elif place and plan.country == place.country:
        weight *= 1.5
    return weight / (1 + 2 * taken[plan.email])


PENDING_ROOM = 2  # places kept free in groups with a capacity, so a request can still be let in


def _ensure_groups(plans: list[GroupPlan], organizations: dict, log: Callable[[str], None]) -> None:
    """Create the demo groups that do not exist yet, each whole (members, meetings, changes) in
    one transaction; a group made by an earlier run is left as it is."""
    from peercircle.accounts.models import User
    from peercircle.groups.models import GroupStatus, MembershipStatus, SupportGroup
    from peercircle.groups.services import (
        group_approve,
        group_create,
        group_join,
        group_request_approve,
        group_update,
        meeting_occurrence_cancel,
        meeting_occurrence_move,
        meeting_series_create,
    )
    from peercircle.organizations.models import Membership

    existing = set(_demo_groups().values_list("name", flat=True))
    missing = [plan for plan in plans if plan.spec["name"] not in existing]
    if not missing:
        return
    log(f"Adding {len(missing)} support groups and their meetings…")
    emails = {plan.creator for plan in missing} | {e for plan in missing for e in plan.members + plan.requests}
    users = {user.email: user for user in User.objects.filter(email__in=emails)}
    approvers = {}
    for membership in (Membership.objects.active().filter(role="org_admin", user__email__endswith=f"@{DEMO_DOMAIN}")
                       .select_related("user", "organization").order_by("pk")):
        approvers.setdefault(membership.organization.slug, membership.user)
    now = timezone.now()
    for plan in missing:
        spec = plan.spec
        creator = users[plan.creator]
        with transaction.atomic():
            group = group_create(actor=creator, name=spec["name"],
                                 organization=organizations[spec["org"]] if spec["org"] else None,
                                 **plan.details)
            if group.status == GroupStatus.PENDING_APPROVAL and spec.get("status") != "pending_approval":
                group_approve(actor=approvers[spec["org"]], group=group)
            for email in plan.members:
                membership = group_join(user=users[email], group=group, agreement_accepted=True)
                if membership.status == MembershipStatus.REQUESTED:
                    group_request_approve(actor=creator, membership=membership)
            for email in plan.requests:
                group_join(user=users[email], group=group, agreement_accepted=True)
            for index, series_plan in enumerate(plan.series):
                series = meeting_series_create(
                    actor=creator, group=group, title=series_plan.title, rrule=series_plan.rrule,
                    start_date=series_plan.start_date, start_time=series_plan.start_time,
                    duration_minutes=series_plan.minutes)
                if index == 0 and ("cancel" in spec or "move" in spec):
                    _change_a_meeting(series, spec, creator, meeting_occurrence_cancel, meeting_occurrence_move)
            if spec.get("join") == "closed":
                group_update(actor=creator, group=group, join_policy="closed")
            if spec.get("status") == "temporarily_closed":
                group_update(actor=creator, group=group, status="temporarily_closed")
            # Backdate, so the listings show groups started and confirmed over the past months.
            started = now - datetime.timedelta(days=plan.age_days)
            SupportGroup.objects.filter(pk=group.pk).update(
                created_at=started,
                approved_at=started + datetime.timedelta(days=3) if group.approved_at else None,
                last_confirmed_at=now - datetime.timedelta(days=plan.confirmed_days_ago),
            )


def _ensure_places_and_suggestions() -> None:
    """Meetings with a limited number of places (one full, with a waiting list; one with places
    left for the demo member to book) and suggested corrections waiting for Priya's review.
    Added once: a demo that already has them is left as it is."""
    from peercircle.accounts.models import User
    from peercircle.groups.models import ListingCorrection, MeetingPlace, MembershipStatus
    from peercircle.groups.selectors import upcoming_occurrences
    from peercircle.groups.services import (
        listing_correction_suggest,
        meeting_place_book,
        meeting_series_update,
    )

    groups = {group.name: group for group in _demo_groups()}
    for name, room, full in data.MEETINGS_WITH_PLACES:
        group = groups.get(name)
        series = group and group.series.filter(is_active=True).order_by("pk").first()
        if series is None or MeetingPlace.objects.filter(series=series).exists():
            continue
        facilitator = group.memberships.active().filter(role="facilitator").select_related("user").first()
        people = [m.user for m in group.memberships.filter(status=MembershipStatus.ACTIVE)
                  .exclude(user__email__in=data.BOOK_THEMSELVES).select_related("user").order_by("pk")]
        if full:  # everyone books: all places taken, two people waiting
            room, booking = max(1, min(room, len(people) - 2)), people
        else:  # a few places taken, the rest left for the demo member
            booking = people[:room // 2]
        with transaction.atomic():
            series = meeting_series_update(actor=facilitator.user, series=series, capacity=room)
            upcoming = [o for o in upcoming_occurrences(series) if o.status != "cancelled"]
            for user in booking if upcoming else ():
                meeting_place_book(user=user, series=series, occurrence_start=upcoming[0].original_start)
    for name, user_email, kind, text in data.LISTING_SUGGESTIONS:
        group = groups.get(name)
        if group is None or ListingCorrection.objects.filter(group=group, text=text).exists():
            continue
        user = User.objects.filter(email=user_email).first() if user_email else None
        listing_correction_suggest(user_or_none=user, group=group, kind=kind, text=text)


def _change_a_meeting(series, spec: dict, actor, cancel, move) -> None:
    """Cancel or move the next-but-one meeting of a schedule, as a facilitator would."""
    from peercircle.groups.recurrence import rule_starts

    now = timezone.now()
    starts = rule_starts(rule=series.rrule, start_date=series.start_date, start_time=series.start_time,
                         tz=series.group.timezone, start=now, end=now + datetime.timedelta(days=45))
    if not starts:
        return
    original = starts[1] if len(starts) > 1 else starts[0]
    if "cancel" in spec:
        cancel(actor=actor, series=series, original_start=original, note=spec["cancel"])
    else:
        note, days = spec["move"]
        move(actor=actor, series=series, original_start=original,
             new_start=original + datetime.timedelta(days=days), note=note)


# --- Two-factor codes for demo accounts -------------------------------------------------------

def demo_totp_code(email: str) -> tuple[str, int]:
    """The current TOTP code of a demo account and the seconds it stays valid. Refuses any
    account whose secret is not the public demo secret, so it can never reveal a real code."""
    from allauth.mfa import app_settings
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
    from allauth.mfa.utils import decrypt

    authenticator = Authenticator.objects.filter(
        user__email__iexact=email.strip(), type=Authenticator.Type.TOTP
    ).first()
    if authenticator is None or decrypt(authenticator.data.get("secret", "")) != DEMO_TOTP_SECRET:
        raise DemoError(
            f"{email} has no two-factor authenticator with the public demo secret, so there is "
            "no code to show. Codes for real accounts only ever come from their owner's "
            "authenticator app."
        )
    now = int(time.time())
    period = app_settings.TOTP_PERIOD
    code = format_hotp_value(hotp_value(DEMO_TOTP_SECRET, now // period))
    return code, period - now % period
