"""The demo's 1:1 peer support, made through the matching services like everything else.

- Every peer supporter of an organization with a 1:1 program gets a matching profile (their
  languages, ways to talk, hours in their own time zone, room for 2 to 4 people, an "about me"
  in their language), and the organization's admin certifies them for the program; some are
  youth-trained where the program takes young people.
- Several members wait on each program's waiting list, some for weeks, so its admins' "Match
  the waiting list" and "Why no match" have something real to work on. They asked before the
  supporters had profiles, which is why nobody has been proposed to them yet.
- Sam (member@) has an active match with Jordan (supporter@); another member's proposal waits
  for Jordan's answer; Lucía (member.es@) is waiting for a peer in Madrid.

Planned first from its own seeded generator (pure, so adding this never changed who the
people are), then made where missing: running the demo again adds nothing.
"""

import datetime
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from peercircle.core import demo_data as data
from peercircle.core.demo_data import DEMO_DOMAIN

SEED = 2026 + 2
SAM, LUCIA, JORDAN = (f"{name}@{DEMO_DOMAIN}" for name in ("member", "member.es", "supporter"))
WAITED_DAYS = (45, 27, 16, 8, 3)  # the people waiting in each program, longest first
ADULT_BANDS = (("18_25", 2), ("26_40", 4), ("41_60", 3), ("61_plus", 1))
GENDERS = {"she/her": "woman", "she/they": "woman", "he/him": "man", "he/they": "man", "they/them": "nonbinary",
           "ella": "woman", "él": "man", "il": "man", "iel": "nonbinary"}


@dataclass
class SupporterPlan:
    email: str
    programs: list[tuple[str, str]]  # (organization slug, program name)
    languages: list[str]
    formats: list[str]
    windows: list[dict]
    capacity: int
    about: str
    paused: bool = False
    gender: str = ""
    age_band: str = ""
    travel_km: int = 10
    certified: bool = True
    youth_trained: bool = False


@dataclass
class RequestPlan:
    email: str
    org: str
    program: str
    experiences: list[str]
    languages: list[str]
    formats: list[str]
    windows: list[dict]
    age_band: str = "26_40"
    story: str = ""
    goals: str = ""
    urgency: str = "weeks"
    supporter_gender: str = ""
    waited_days: int = 0


@dataclass
class MatchingPlan:
    supporters: list[SupporterPlan] = field(default_factory=list)
    waiting: list[RequestPlan] = field(default_factory=list)  # Lucía and the people on waiting lists
    sam: RequestPlan | None = None  # matched with Jordan
    for_jordan: RequestPlan | None = None  # proposed to Jordan, waiting for his answer


def one_to_one_programs() -> dict[str, dict]:
    """Each organization's 1:1 program (its spec), by organization slug."""
    return {org["slug"]: program for org in data.ORGANIZATIONS for program in org["programs"]
            if program["kind"] == "one_to_one"}


def _weighted(rng: random.Random, pairs):
    items, weights = zip(*pairs, strict=True)
    return rng.choices(items, weights=weights, k=1)[0]


def _windows(rng: random.Random, count: int) -> list[dict]:
    """Hours someone is free in a week, in their own time zone: evenings most often."""
    patterns = [("evenings", 5), ("lunchtimes", 2), ("mornings", 2), ("saturday", 2), ("sunday", 1)]
    chosen: list[dict] = []
    for _ in range(count):
        pattern = _weighted(rng, patterns)
        if pattern == "evenings":
            start, end = rng.choice([("18:00", "21:00"), ("19:00", "21:30"), ("17:30", "20:00")])
            days = rng.sample(range(5), 2)
        elif pattern == "lunchtimes":
            start, end, days = "12:00", "14:00", rng.sample(range(5), 2)
        elif pattern == "mornings":
            start, end, days = "09:00", "12:00", rng.sample(range(5), 1)
        elif pattern == "saturday":
            start, end, days = "10:00", "13:00", [5]
        else:
            start, end, days = "14:00", "17:00", [6]
        chosen += [{"day": day, "start": start, "end": end} for day in sorted(days)]
    by_day: dict[int, dict] = {}
    for window in chosen:  # one window a day is how people put it
        by_day.setdefault(window["day"], window)
    return [by_day[day] for day in sorted(by_day)]


def _group(person) -> str:
    return "fr" if person.languages[0] == "fr" else "es" if person.language == "es" else "en"


def _about(rng: random.Random, person) -> str:
    words = data.SUPPORTER_ABOUT[_group(person)]
    top = person.experiences[0].code.split(".")[0] if person.experiences else ""
    lived = words.get(top) or words.get("any") or words["mental_health"]
    return " ".join([rng.choice(lived), rng.choice(words["how"]), rng.choice(words["practical"])])


def _is_member_only(person) -> bool:
    return not person.about and all(role == "member" for _org, role in person.roles)


def plan_matching(people) -> MatchingPlan:
    """Who supports, who waits and for what. Pure: reads the people's plans, writes nothing."""
    rng = random.Random(SEED)
    programs = one_to_one_programs()
    plan = MatchingPlan()
    orgs = {org["slug"]: org for org in data.ORGANIZATIONS}

    for person in people:
        served = [(slug, programs[slug]["name"]) for slug, role in person.roles
                  if role == "peer_supporter" and slug in programs]
        if not served:
            continue
        if person.email == JORDAN:
            plan.supporters.append(SupporterPlan(
                email=JORDAN, programs=served, languages=["en"], formats=["chat", "call", "video", "in_person"],
                windows=[{"day": 1, "start": "18:00", "end": "21:00"}, {"day": 3, "start": "18:00", "end": "21:00"},
                         {"day": 5, "start": "10:00", "end": "13:00"}],
                capacity=3, about=data.JORDAN_ABOUT, gender="man", age_band="41_60", travel_km=15))
            continue
        formats = rng.sample(["chat", "call", "video"], rng.randint(1, 3))
        if person.city and rng.random() < 0.4:
            formats.append("in_person")
        plan.supporters.append(SupporterPlan(
            email=person.email, programs=sorted(set(served)), languages=list(person.languages), formats=formats,
            windows=_windows(rng, rng.randint(2, 3)), capacity=rng.randint(2, 4), about=_about(rng, person),
            paused=rng.random() < 0.08, gender=GENDERS.get(person.pronouns, ""),
            age_band=_weighted(rng, [("", 2), *ADULT_BANDS[1:]]), travel_km=rng.choice([5, 10, 15, 25]),
            certified=rng.random() > 0.1,
            youth_trained=programs[served[0][0]].get("accepts_under_18", False) and rng.random() < 0.5))

    thames = [p for p in people if _is_member_only(p) and ("thames-peer-network", "member") in p.roles]
    veterans = [p for p in thames if {e.code for e in p.experiences} & {"mental_health.ptsd", "substance_use.alcohol"}]
    for_jordan = (veterans or thames or [None])[0]
    if for_jordan is not None:
        codes = [e.code for e in for_jordan.experiences if e.code in ("mental_health.ptsd", "substance_use.alcohol")]
        plan.for_jordan = RequestPlan(
            email=for_jordan.email, org="thames-peer-network", program=programs["thames-peer-network"]["name"],
            experiences=codes[:1] or ["mental_health.ptsd"], languages=["en"], formats=["call", "video"],
            windows=[{"day": 3, "start": "19:00", "end": "21:00"}], age_band="41_60",
            goals=rng.choice(data.REQUEST_GOALS["en"]))
    plan.sam = RequestPlan(
        email=SAM, org="thames-peer-network", program=programs["thames-peer-network"]["name"],
        experiences=data.SAM_REQUEST["experiences"], languages=["en"], formats=["video", "call"],
        windows=[{"day": 1, "start": "18:00", "end": "21:00"}, {"day": 6, "start": "14:00", "end": "17:00"}],
        story=data.SAM_REQUEST["story"], goals=data.SAM_REQUEST["goals"], waited_days=12)
    plan.waiting.append(RequestPlan(
        email=LUCIA, org="red-de-apoyo-mutuo-madrid", program=programs["red-de-apoyo-mutuo-madrid"]["name"],
        experiences=data.LUCIA_REQUEST["experiences"], languages=["es", "en"], formats=["video", "chat"],
        windows=[{"day": 0, "start": "11:00", "end": "13:00"}, {"day": 1, "start": "18:00", "end": "21:00"},
                 {"day": 5, "start": "17:00", "end": "20:00"}],
        story=data.LUCIA_REQUEST["story"], goals=data.LUCIA_REQUEST["goals"], urgency="soon", waited_days=6))

    taken = {plan.for_jordan.email} if plan.for_jordan else set()
    for slug, program in programs.items():
        codes = [code for code in program["codes"]]
        members = [p for p in people if _is_member_only(p) and (slug, "member") in p.roles and p.email not in taken]
        rng.shuffle(members)
        members.sort(key=lambda p: not {e.code for e in p.experiences} & set(codes))  # their own path first
        for index, (person, waited) in enumerate(zip(members, WAITED_DAYS, strict=False)):
            group = "es" if person.language == "es" else "en"
            own = [e.code for e in person.experiences if e.code in codes][:2]
            request = RequestPlan(
                email=person.email, org=slug, program=program["name"], experiences=own or [rng.choice(codes)],
                languages=list(person.languages[:2]), formats=rng.sample(["chat", "call", "video"], rng.randint(1, 2)),
                windows=_windows(rng, rng.randint(1, 2)), age_band=_weighted(rng, ADULT_BANDS),
                goals=rng.choice(data.REQUEST_GOALS[group]) if rng.random() < 0.7 else "",
                urgency=_weighted(rng, [("soon", 3), ("weeks", 5), ("flexible", 2)]), waited_days=waited,
                supporter_gender="woman" if rng.random() < 0.1 else "")
            stories = data.STORIES.get(group, {}).get((own or request.experiences)[0].split(".")[0])
            if stories and rng.random() < 0.5:
                request.story = rng.choice(stories)
            if index == 2:
                # Someone hard to match, so "Why no match" has a real answer: only a language of
                # their own, or only the early hours after a night shift.
                theirs = [code for code in person.languages if code not in orgs[slug]["languages"]]
                if theirs:
                    request.languages = theirs[:1]
                else:
                    request.windows = [{"day": 6, "start": "06:00", "end": "08:00"}]
            if index == len(WAITED_DAYS) - 1 and program.get("accepts_under_18"):
                request.age_band = "under_18"
            plan.waiting.append(request)
            taken.add(person.email)
    return plan


# --- Building -------------------------------------------------------------------------------------

def ensure_matching(people, organizations: dict, log: Callable[[str], None]) -> None:
    """Make the planned supporter profiles, requests and matches that do not exist yet."""
    from peercircle.accounts.models import User
    from peercircle.matching.models import SupporterProfile, SupportRequest
    from peercircle.organizations.models import Membership, Program

    plan = plan_matching(people)
    programs = {(p.organization.slug, p.name): p for p in Program.objects.filter(
        organization__in=organizations.values(), kind="one_to_one").select_related("organization")}
    requests = [*plan.waiting, *([plan.sam] if plan.sam else []), *([plan.for_jordan] if plan.for_jordan else [])]
    emails = {r.email for r in requests} | {s.email for s in plan.supporters}
    users = {u.email: u for u in User.objects.filter(email__in=emails).select_related("profile")}
    asked = set(SupportRequest.objects.filter(user__email__in=emails).values_list("user__email", "program_id"))
    profiled = set(SupporterProfile.objects.filter(user__email__in=emails).values_list("user__email", flat=True))

    def missing(request: RequestPlan) -> bool:
        program = programs.get((request.org, request.program))
        return bool(program and request.email in users and (request.email, program.pk) not in asked)

    waiting = [r for r in plan.waiting if missing(r)]
    supporters = [s for s in plan.supporters if s.email in users and s.email not in profiled]
    if not waiting and not supporters and not (plan.sam and missing(plan.sam)):
        return
    log(f"Adding 1:1 peer support: {len(supporters)} supporter profiles, {len(waiting)} people waiting…")
    admins = {}
    for membership in (Membership.objects.active().filter(role="org_admin", user__email__endswith=f"@{DEMO_DOMAIN}")
                       .select_related("user", "organization").order_by("pk")):
        admins.setdefault(membership.organization.slug, membership.user)

    # Loaded in bulk, as an import would be: nothing is proposed as it comes, so each program's
    # admin finds people on the waiting list to match at once ("Match the waiting list").
    from peercircle.matching.services import proposals_held

    with proposals_held():
        with transaction.atomic():
            made = [(_ask(users[r.email], programs[(r.org, r.program)], r, organizations), r) for r in waiting]
        for request, request_plan in made:
            _backdate(request, request_plan.waited_days)

        jordan = next((s for s in supporters if s.email == JORDAN), None)
        if jordan:
            _make_supporter(users[JORDAN], jordan, programs, admins)
    if plan.sam and missing(plan.sam):
        _sam_and_jordan(plan, users, programs, organizations, admins)
    with proposals_held():
        for supporter in supporters:
            if supporter is not jordan:
                _make_supporter(users[supporter.email], supporter, programs, admins)


def _zone(user, org: dict) -> str:
    from peercircle.core.demo import _seat_timezone

    profile = getattr(user, "profile", None)
    return profile.timezone if profile and profile.timezone != "UTC" else _seat_timezone(org)


def _ask(user, program, plan: RequestPlan, organizations):
    from peercircle.core.demo import ORGS
    from peercircle.matching.services import request_create

    return request_create(
        user=user, program=program, experience_codes=plan.experiences, age_band=plan.age_band,
        languages=plan.languages, formats=plan.formats, timezone_name=_zone(user, ORGS[plan.org]),
        availability=plan.windows, story=plan.story, goals=plan.goals, urgency=plan.urgency,
        supporter_gender=plan.supporter_gender)


def _backdate(request, days: int) -> None:
    from peercircle.matching.models import SupportRequest

    if days:
        since = timezone.now() - datetime.timedelta(days=days, hours=3)
        SupportRequest.objects.filter(pk=request.pk).update(waiting_since=since, created_at=since)


def _make_supporter(user, plan: SupporterPlan, programs: dict, admins: dict) -> None:
    from peercircle.core.demo import ORGS
    from peercircle.matching.services import supporter_profile_update, supporter_program_set

    with transaction.atomic():
        profile = supporter_profile_update(
            user=user, status="paused" if plan.paused else "available", capacity=plan.capacity,
            languages=plan.languages, formats=plan.formats, timezone_name=_zone(user, ORGS[plan.programs[0][0]]),
            availability=plan.windows, gender=plan.gender, age_band=plan.age_band, travel_km=plan.travel_km,
            about=plan.about)
        for slug, name in plan.programs:
            program = programs.get((slug, name))
            if program and slug in admins:
                supporter_program_set(actor=admins[slug], supporter=profile, program=program,
                                      certified=plan.certified, youth_trained=plan.youth_trained)


def _sam_and_jordan(plan: MatchingPlan, users: dict, programs: dict, organizations: dict, admins: dict) -> None:
    """Sam asks and is proposed Jordan (the only Thames supporter with a profile yet), who says
    yes, and so does Sam; then another member is proposed to Jordan, who has a week to answer."""
    from peercircle.matching.models import Match, MatchStatus, ProgramMatchingSettings
    from peercircle.matching.services import (
        match_member_answer,
        match_propose,
        match_supporter_answer,
        settings_update,
    )
    from peercircle.notifications.models import Notification

    program = programs[(plan.sam.org, plan.sam.program)]
    if JORDAN not in users or SAM not in users:
        return
    admin = admins.get(plan.sam.org)
    if admin and not ProgramMatchingSettings.objects.filter(program=program).exists():
        settings_update(actor=admin, program=program, weights=ProgramMatchingSettings().weights,
                        wait_bonus_per_week=0.05, longest_wait_days=28, answer_within_days=7)
    with transaction.atomic():
        request = _ask(users[SAM], program, plan.sam, organizations)
    match_propose(request=request)  # with a task queue the proposal may not have run yet
    match = Match.objects.filter(request=request, supporter=users[JORDAN], status=MatchStatus.PROPOSED).first()
    if match is None:
        return
    match_supporter_answer(actor=users[JORDAN], match=match, accept=True)
    match_member_answer(actor=users[SAM], match=match, accept=True)
    now = timezone.now()
    proposed, offered, started = (now - datetime.timedelta(days=days) for days in (11, 10, 9))
    _backdate(request, plan.sam.waited_days)
    Match.objects.filter(pk=match.pk).update(created_at=proposed, supporter_answered_at=offered,
                                             member_answered_at=started, started_at=started)
    # The notes of those days, read long ago: what is new for Jordan is the proposal below.
    for step, moment in (("proposed", proposed), ("offered", offered), ("started", started)):
        Notification.objects.filter(dedupe_key=f"match:{match.pk}:{step}").update(created_at=moment, read_at=moment)
    if plan.for_jordan and plan.for_jordan.email in users:
        with transaction.atomic():
            other = _ask(users[plan.for_jordan.email], program, plan.for_jordan, organizations)
        match_propose(request=other)
