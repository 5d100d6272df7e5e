"""Matching in the Django admin (for looking; stories only on their own page, every read audited),
and in a person's data export and account erasure."""

import json

import pytest

from peercircle.accounts.services import account_delete
from peercircle.accounts.tests.factories import PASSWORD
from peercircle.core.models import AuditEntry
from peercircle.core.tests.helpers import text
from peercircle.matching import services
from peercircle.matching.models import (
    Match,
    MatchStatus,
    RequestStatus,
    SupporterProfile,
    SupportRequest,
)
from peercircle.notifications.models import Notification

pytestmark = pytest.mark.django_db

STORY = "Dad died in the spring and the allotment is the only place I can think."


@pytest.fixture
def step(django_capture_on_commit_callbacks):
    def run(service, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return service(**kwargs)

    return run


@pytest.fixture
def active_match(member, make_supporter, ask, step, django_capture_on_commit_callbacks):
    """Mara asked, with her story; Ana said yes, then Mara did."""
    ana = make_supporter("Ana", experiences=["grief.parent"])
    make_supporter("Ben", experiences=["grief.partner"])
    request = ask(member, capture=django_capture_on_commit_callbacks, story=STORY)
    match = Match.objects.get(request=request)
    step(services.match_supporter_answer, actor=ana.user, match=match, accept=True)
    step(services.match_member_answer, actor=member, match=match, accept=True)
    match.refresh_from_db()
    return match


# --- the admin ------------------------------------------------------------------------------------

def test_the_admin_lists_requests_without_stories_and_each_read_is_audited(staff_client, staff_user, active_match):
    request = active_match.request

    listing = staff_client.get("/admin/matching/supportrequest/")
    page = staff_client.get(f"/admin/matching/supportrequest/{request.pk}/change/")

    assert listing.status_code == 200 and STORY not in text(listing)
    assert page.status_code == 200 and STORY in text(page)
    assert AuditEntry.objects.filter(action="supportrequest.list_confidential", actor=staff_user).count() == 1
    read = AuditEntry.objects.get(action="supportrequest.read_confidential")
    assert (read.actor, read.subject, read.is_staff_action) == (staff_user, active_match.member, True)


def test_the_admin_shows_matches_and_supporters_but_changes_nothing(staff_client, staff_user, active_match):
    match_page = f"/admin/matching/match/{active_match.pk}/change/"
    profile = SupporterProfile.objects.get(user=active_match.supporter)

    for url in ("/admin/matching/match/", match_page, "/admin/matching/supporterprofile/",
                f"/admin/matching/supporterprofile/{profile.pk}/change/", "/admin/matching/programmatchingsettings/"):
        assert staff_client.get(url).status_code == 200, url
    assert AuditEntry.objects.get(action="match.read_confidential").subject == active_match.member
    assert "Walking alongside" in text(staff_client.get(f"/admin/matching/supporterprofile/{profile.pk}/change/"))

    for url in ("/admin/matching/match/add/", "/admin/matching/supportrequest/add/",
                "/admin/matching/supporterprofile/add/"):
        assert staff_client.get(url).status_code == 403, url
    assert staff_client.post(match_page, {"status": "ended"}).status_code == 403
    assert staff_client.post(f"/admin/matching/match/{active_match.pk}/delete/", {"post": "yes"}).status_code == 403
    active_match.refresh_from_db()
    assert active_match.status == MatchStatus.ACTIVE


def test_members_do_not_reach_the_admin(member_client, active_match):
    assert member_client.get("/admin/matching/supportrequest/").status_code == 302


# --- export and erasure ---------------------------------------------------------------------------

def test_my_export_has_my_requests_with_my_story_and_my_matches_without_the_other_persons_data(
        member_client, active_match):
    data = json.loads(member_client.post("/me/privacy/export/").content)

    [request] = data["matching"]["requests"]
    assert request["story"] == STORY and request["experiences"] == ["grief.parent"]
    assert request["program"] == "Walking alongside" and request["status"] == "matched"
    [match] = data["matching"]["matches"]
    assert match["my_side"] == "member" and match["status"] == "active" and match["started_at"]
    assert data["matching"]["supporter_profile"] is None
    body = json.dumps(data["matching"])
    assert "Ana" not in body and "ana@example.org" not in body and "peer support got me through" not in body


def test_a_supporters_export_has_their_profile_and_matches_but_not_the_members_story_or_name(
        active_match, django_capture_on_commit_callbacks):
    from peercircle.accounts.services import account_export

    data = account_export(user=active_match.supporter)["matching"]

    assert data["supporter_profile"]["about"].startswith("I lost my mum")
    assert data["supporter_profile"]["programs"] == [
        {"program": "Walking alongside", "organization": "Harbour Peer Network", "certified": True,
         "youth_trained": False}]
    assert [m["my_side"] for m in data["matches"]] == ["supporter"] and data["requests"] == []
    body = json.dumps(data)
    assert STORY not in body and "Mara" not in body and "member@example.org" not in body


def test_only_my_own_decline_reason_is_in_my_export(member, make_supporter, ask, step,
                                                    django_capture_on_commit_callbacks):
    from peercircle.accounts.services import account_export

    ana = make_supporter("Ana")
    match = Match.objects.get(request=ask(member, capture=django_capture_on_commit_callbacks))
    step(services.match_supporter_answer, actor=ana.user, match=match, accept=False, reason="We are neighbours.")

    assert account_export(user=ana.user)["matching"]["matches"][0]["my_decline_reason"] == "We are neighbours."
    assert "We are neighbours." not in json.dumps(account_export(user=member)["matching"])


def test_deleting_a_members_account_closes_their_match_kindly_and_removes_their_requests(
        member_client, active_match, django_capture_on_commit_callbacks):
    supporter, request = active_match.supporter, active_match.request

    with django_capture_on_commit_callbacks(execute=True):
        member_client.post("/me/delete/", {"password": PASSWORD, "confirm": "on"})

    assert not SupportRequest.objects.filter(pk=request.pk).exists()
    assert not Match.objects.filter(pk=active_match.pk).exists()
    assert SupporterProfile.objects.get(user=supporter).load == 0
    note = Notification.objects.filter(recipient=supporter).latest("pk")
    assert note.kind == "match_ended" and "thank you for being there" in note.body


def test_deleting_a_supporters_account_ends_their_matches_and_proposals_move_on(
        member, other_member, active_match, ask, make_supporter, step, django_capture_on_commit_callbacks):
    from django.utils import timezone

    ana = active_match.supporter
    ben = SupporterProfile.objects.filter(user__email="ben@example.org")
    # A second person, proposed to Ana while Ben was paused, who keeps their place when she leaves.
    ben.update(status="paused", updated_at=timezone.now())
    waiting = ask(other_member, capture=django_capture_on_commit_callbacks)
    proposal = Match.objects.get(request=waiting)
    assert proposal.supporter == ana
    ben.update(status="available", updated_at=timezone.now())

    with django_capture_on_commit_callbacks(execute=True):
        account_delete(user=ana)

    active_match.refresh_from_db()
    proposal.refresh_from_db()
    waiting.refresh_from_db()
    assert active_match.status == MatchStatus.ENDED and active_match.explanation == []
    assert active_match.request.status == RequestStatus.CLOSED
    assert Notification.objects.filter(recipient=member, kind="match_ended").exists()
    assert proposal.status == MatchStatus.DECLINED
    assert waiting.status == RequestStatus.PROPOSED
    assert Match.objects.get(request=waiting, status=MatchStatus.PROPOSED).supporter.email == "ben@example.org"
    assert not SupporterProfile.objects.filter(user=ana).exists()
