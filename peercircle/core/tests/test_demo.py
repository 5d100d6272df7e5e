"""`peercircle demo` and `peercircle demo-code`, driven through their management commands."""

import io
import re

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core.cache import cache
from django.core.management import CommandError, call_command

from peercircle.accounts.models import Consent, User
from peercircle.core.demo_data import DEMO_PASSWORD, DEMO_TOTP_SECRET
from peercircle.experiences.models import PersonExperience
from peercircle.groups.models import GroupMembership, MeetingException, MeetingSeries, SupportGroup
from peercircle.matching.models import Match, SupporterProfile, SupportRequest
from peercircle.organizations.models import Membership, Organization

pytestmark = pytest.mark.django_db

NAMED = [
    "member@peercircle.example", "member.es@peercircle.example", "supporter@peercircle.example",
    "facilitator@peercircle.example", "moderator@peercircle.example", "admin@peercircle.example",
    "clinician@peercircle.example", "staff@peercircle.example",
]


def run_demo() -> str:
    out = io.StringIO()
    call_command("demo", "--members", "12", stdout=out)
    return out.getvalue()


def demo_code(email: str | None = None) -> str:
    out = io.StringIO()
    call_command("demo_code", *([email] if email else []), stdout=out, stderr=io.StringIO())
    return out.getvalue().strip()


def roles(email: str) -> set[tuple[str, str]]:
    return set(Membership.objects.active().filter(user__email=email)
               .values_list("organization__name", "role"))


def test_demo_builds_the_named_accounts_and_a_network():
    output = run_demo()

    assert "member@peercircle.example" in output and DEMO_PASSWORD in output
    assert set(User.objects.filter(email__in=NAMED).values_list("email", flat=True)) == set(NAMED)
    assert Organization.objects.count() >= 6
    assert ("Thames Peer Network", "member") in roles("member@peercircle.example")
    assert roles("moderator@peercircle.example") == {
        ("Thames Peer Network", "moderator"), ("Lakeshore Recovery Community", "moderator")}
    assert ("Southside Recovery Collective", "clinician") in roles("clinician@peercircle.example")
    staff = User.objects.get(email="staff@peercircle.example")
    assert staff.is_staff and staff.is_superuser

    sam = User.objects.get(email="member@peercircle.example")
    assert sam.profile.display_name == "Sam" and sam.profile.city == "London"
    assert sam.profile.timezone == "Europe/London"
    assert set(sam.experiences.values_list("node__code", flat=True)) == {
        "mental_health.depression", "grief.parent"}
    lucia = User.objects.get(email="member.es@peercircle.example")
    assert lucia.language == "es" and lucia.profile.bio

    # Every account that must use two-factor has it; the others don't.
    for email in ["moderator@peercircle.example", "admin@peercircle.example", "staff@peercircle.example"]:
        assert Authenticator.objects.filter(user__email=email, type=Authenticator.Type.TOTP).exists()
    assert not Authenticator.objects.filter(user__email="member@peercircle.example").exists()
    # Everyone has agreed to the required documents, so no one is stopped at sign-in.
    for kind in ("terms", "privacy"):
        assert Consent.objects.filter(document__kind=kind).count() == User.objects.count()


def test_running_the_demo_twice_adds_nothing():
    run_demo()
    users, experiences = User.objects.count(), PersonExperience.objects.count()
    memberships = Membership.objects.count()
    groups, series = SupportGroup.objects.count(), MeetingSeries.objects.count()
    group_memberships, changes = GroupMembership.objects.count(), MeetingException.objects.count()
    matching = SupporterProfile.objects.count(), SupportRequest.objects.count(), Match.objects.count()

    output = run_demo()

    assert "nothing new was added" in output
    assert User.objects.count() == users
    assert PersonExperience.objects.count() == experiences
    assert Membership.objects.count() == memberships
    assert SupportGroup.objects.count() == groups
    assert MeetingSeries.objects.count() == series
    assert GroupMembership.objects.count() == group_memberships
    assert MeetingException.objects.count() == changes
    assert (SupporterProfile.objects.count(), SupportRequest.objects.count(), Match.objects.count()) == matching


def test_demo_builds_support_groups_with_meetings_and_members():
    from django.utils import timezone

    output = run_demo()

    assert "support groups" in output and "meeting series" in output and "group memberships" in output
    groups = SupportGroup.objects.all()
    assert groups.count() >= 70
    assert not groups.filter(series__isnull=True).exists()  # every group meets
    assert groups.filter(organization__isnull=True, format="in_person").count() >= 8  # self-led
    assert set(groups.values_list("format", flat=True)) == {"in_person", "online", "hybrid"}
    assert groups.filter(status="pending_approval").count() == 2
    assert groups.filter(status="temporarily_closed").count() == 1
    assert groups.filter(join_policy="closed").exists() and groups.filter(join_policy="by_request").exists()
    assert MeetingException.objects.filter(kind="cancelled").exists()
    assert MeetingException.objects.filter(kind="moved").count() == 1
    assert MeetingSeries.objects.filter(rrule="", start_date__gt=timezone.localdate()).exists()  # a workshop
    online = groups.get(name="Online depression peer group")
    assert online.online_url.startswith("https://") and online.timezone == "Europe/London"
    grief = groups.get(name="Evening grief circle")
    assert grief.city == "London" and grief.venue_name and grief.address and grief.latitude

    def places(email):
        return set(GroupMembership.objects.filter(user__email=email)
                   .values_list("group__name", "role", "status"))

    assert places("member@peercircle.example") == {
        ("Evening grief circle", "member", "active"), ("Online depression peer group", "member", "active")}
    assert ("Grupo de ansiedad de los miércoles", "member", "active") in places("member.es@peercircle.example")
    priya = {name for name, role, _status in places("facilitator@peercircle.example") if role == "facilitator"}
    assert priya == {"Thursday evening anxiety group", "Carers' coffee morning"}
    assert GroupMembership.objects.filter(group__name="Carers' coffee morning", status="requested").count() == 2
    # Nobody is over a group's capacity, and every listed group has its facilitator.
    for group in groups.exclude(status="pending_approval"):
        active = group.memberships.filter(status="active")
        assert active.filter(role="facilitator").exists()
        assert group.capacity is None or active.count() <= group.capacity
    # A full meeting with people waiting in Priya's group, places left in the member's circle,
    # and suggested corrections waiting for Priya.
    from peercircle.groups.models import ListingCorrection, MeetingPlace

    anxiety = MeetingPlace.objects.filter(series__group__name="Thursday evening anxiety group")
    assert anxiety.filter(status="booked").exists() and anxiety.filter(status="waiting").count() == 2
    circle = MeetingPlace.objects.filter(series__group__name="Evening grief circle", status="booked")
    assert 0 < circle.count() < 10 and not circle.filter(user__email="member@peercircle.example").exists()
    assert set(ListingCorrection.objects.filter(status="open").values_list("group__name", flat=True)) == {
        "Thursday evening anxiety group", "Carers' coffee morning"}


def test_a_demo_member_can_sign_in_without_verifying_email(client):
    run_demo()

    response = client.post("/accounts/login/", {
        "login": "member@peercircle.example", "password": DEMO_PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert "confirm-email" not in response["Location"]
    assert client.get("/").wsgi_request.user.email == "member@peercircle.example"


def test_a_demo_moderator_signs_in_with_the_code_from_demo_code(client):
    cache.clear()  # TOTP codes are single-use, remembered in the cache
    run_demo()

    response = client.post("/accounts/login/", {
        "login": "moderator@peercircle.example", "password": DEMO_PASSWORD})
    assert response.status_code == 302 and "/2fa/authenticate" in response["Location"]

    code = demo_code()  # the default account is the demo moderator
    assert re.fullmatch(r"\d{6}", code)
    response = client.post("/accounts/2fa/authenticate/", {"code": code})

    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get("/").wsgi_request.user.email == "moderator@peercircle.example"


def test_demo_code_refuses_accounts_without_the_demo_secret():
    run_demo()
    real = User.objects.create_user(email="real.moderator@example.org", password="a-long-password-1")
    TOTP.activate(real, generate_totp_secret())
    assert generate_totp_secret() != DEMO_TOTP_SECRET

    with pytest.raises(CommandError, match="no two-factor authenticator with the public demo secret"):
        demo_code("real.moderator@example.org")
    with pytest.raises(CommandError):
        demo_code("member@peercircle.example")  # a demo account, but without two-factor
    with pytest.raises(CommandError):
        demo_code("nobody@example.org")


def test_demo_builds_one_to_one_peer_support_for_the_named_accounts_and_waiting_lists():
    from datetime import timedelta

    from django.utils import timezone

    from peercircle.core.demo_data import SUPPORTER_ABOUT
    from peercircle.notifications.models import NotificationPreferences

    output = run_demo()

    assert "supporter profiles" in output and "support requests" in output
    # Sam and Jordan: an active match, with the reasons; Jordan also has a proposal to answer.
    jordan = SupporterProfile.objects.get(user__email="supporter@peercircle.example")
    assert (jordan.load, jordan.capacity, jordan.timezone) == (2, 3, "Europe/London")
    assert jordan.about.startswith("Served twelve years")
    assert [(link.program.name, link.certified) for link in jordan.programs.all()] == [
        ("Veterans 1:1 peer mentoring", True)]
    sam = Match.objects.get(member__email="member@peercircle.example")
    assert (sam.supporter, sam.status, sam.request.status) == (jordan.user, "active", "matched")
    assert {"k": "experience_close", "code": "mental_health.ptsd"} in sam.explanation
    assert sam.request.story.startswith("Since Mum died")
    waiting_for_jordan = Match.objects.get(supporter=jordan.user, status="proposed")
    assert waiting_for_jordan.member.email.startswith("member0")
    # Lucía is waiting in Madrid, in her own words.
    lucia = SupportRequest.objects.get(user__email="member.es@peercircle.example")
    assert lucia.status == "waiting" and lucia.program.name == "Acompañamiento entre pares 1:1"
    assert lucia.story.startswith("Trabajo de noche") and lucia.timezone == "Europe/Madrid"
    # Others wait on the programs' waiting lists, some for weeks, nobody proposed yet.
    waiting = SupportRequest.objects.filter(status="waiting").exclude(pk=lucia.pk)
    assert waiting.count() >= 3
    assert waiting.filter(waiting_since__lte=timezone.now() - timedelta(days=14)).exists()
    assert not Match.objects.filter(request__in=waiting).exists()
    # Every other supporter: a profile through the service, in their language, certified by an admin.
    others = SupporterProfile.objects.exclude(pk=jordan.pk)
    assert others.exists()
    for profile in others:
        assert 2 <= profile.capacity <= 4 and profile.availability and profile.formats and profile.about
        assert profile.programs.exists()
    spanish = others.filter(programs__program__organization__slug="red-de-apoyo-mutuo-madrid").first()
    assert spanish and any(line in spanish.about for line in SUPPORTER_ABOUT["es"]["how"])
    # The background people hear in the app only, as everywhere in the demo.
    background = set(waiting.values_list("user", flat=True)) | set(others.values_list("user", flat=True))
    assert not NotificationPreferences.objects.filter(user__in=background, email=True).exists()
