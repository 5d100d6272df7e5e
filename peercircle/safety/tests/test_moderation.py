"""Reports, the moderation queue, actions on accounts and appeals, through the pages."""

import pytest
from django.urls import reverse

from peercircle.core.models import AuditEntry
from peercircle.notifications.models import Notification
from peercircle.safety.models import ActionKind, Appeal, ModerationAction, Report, ReportStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def second_moderator(organization):
    from peercircle.accounts.tests.factories import UserFactory
    from peercircle.organizations.tests.factories import MembershipFactory

    user = UserFactory(email="second.moderator@example.org", two_factor=True, profile__display_name="Mo Two")
    MembershipFactory(user=user, organization=organization, role="moderator")
    return user


def report(client, subject, reason="harassment", details="Kept messaging me after I said no.",
           capture=None):
    url = reverse("safety:report_person", args=[subject.public_id])
    with capture(execute=True):
        return client.post(url, {"reason": reason, "details": details}, follow=True)


def test_a_member_reports_a_person_and_moderators_are_told(member_client, peer_supporter, moderator,
                                                           django_capture_on_commit_callbacks):
    page = member_client.get(reverse("accounts:person", args=[peer_supporter.public_id]))
    assert "Report a concern about this person" in page.content.decode()
    response = report(member_client, peer_supporter, capture=django_capture_on_commit_callbacks)
    assert "A moderator will look at it" in response.content.decode()
    assert "Harassment or bullying" in response.content.decode()  # listed under My reports
    found = Report.objects.get()
    assert found.status == ReportStatus.OPEN and found.subject == peer_supporter
    assert Notification.objects.filter(recipient=moderator, kind="moderation_report").exists()
    assert not Notification.objects.filter(recipient=peer_supporter).exists()  # never told who reported them
    assert AuditEntry.objects.filter(action="report.create").exists()


def test_a_stranger_cannot_be_reported_and_nothing_changes(member_client, other_member):
    response = member_client.post(reverse("safety:report_person", args=[other_member.public_id]),
                                  {"reason": "spam"})
    assert response.status_code == 404
    assert not Report.objects.exists()


def test_a_report_without_a_reason_keeps_what_was_written(member_client, peer_supporter):
    response = member_client.post(reverse("safety:report_person", args=[peer_supporter.public_id]),
                                  {"details": "They asked for my address."})
    text = response.content.decode()
    assert "Choose what the report is about." in text and "They asked for my address." in text
    assert not Report.objects.exists()


def test_the_queue_is_for_the_organizations_moderators_only(member_client, moderator_client, peer_supporter,
                                                            other_member_client, django_capture_on_commit_callbacks):
    report(member_client, peer_supporter, capture=django_capture_on_commit_callbacks)
    assert member_client.get(reverse("safety:queue")).status_code == 404
    assert other_member_client.get(reverse("safety:report", args=[Report.objects.get().pk])).status_code == 404
    queue = moderator_client.get(reverse("safety:queue"))
    assert "Harassment or bullying" in queue.content.decode()


def test_resolving_with_a_suspension_pauses_the_account_and_the_reporter_hears_in_general_words(
        member, member_client, moderator, moderator_client, peer_supporter, django_capture_on_commit_callbacks):
    from peercircle.core.tests.helpers import signed_in

    report(member_client, peer_supporter, capture=django_capture_on_commit_callbacks)
    found = Report.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        response = moderator_client.post(reverse("safety:report", args=[found.pk]), {
            "outcome": "actioned", "note": "Third report this month.", "action_kind": "suspend",
            "action_reason": "Repeated messages after being asked to stop.", "days": 7}, follow=True)
    assert "Report closed" in response.content.decode()
    action = ModerationAction.objects.get()
    assert action.kind == ActionKind.SUSPEND and action.in_force
    outcome = Notification.objects.get(recipient=member, kind="moderation_report_outcome")
    assert "we took action" in outcome.body and "Third report" not in outcome.body
    told = Notification.objects.get(recipient=peer_supporter, kind="moderation_action")
    assert "Repeated messages after being asked to stop." in told.body
    # The suspended person sees why, until when, and the ways that stay open.
    client = signed_in(peer_supporter)
    paused = client.get(reverse("groups:list"))
    assert paused.status_code == 403 and "Your account is paused for now" in paused.content.decode()
    assert client.get(reverse("help_now")).status_code == 200
    assert client.get(reverse("safety:my_moderation")).status_code == 200


def test_a_suspension_needs_a_reason_and_days(moderator_client, member_client, peer_supporter,
                                              django_capture_on_commit_callbacks):
    report(member_client, peer_supporter, capture=django_capture_on_commit_callbacks)
    response = moderator_client.post(reverse("safety:report", args=[Report.objects.get().pk]), {
        "outcome": "actioned", "action_kind": "mute", "action_reason": "Spam."})
    assert "For how many days?" in response.content.decode()
    assert not ModerationAction.objects.exists()
    assert Report.objects.get().status == ReportStatus.OPEN


def test_an_appeal_is_reviewed_by_another_moderator(member, moderator, moderator_client, second_moderator,
                                                    django_capture_on_commit_callbacks):
    from peercircle.core.tests.helpers import signed_in
    from peercircle.safety.moderation import moderation_action_create

    action = moderation_action_create(moderator=moderator, subject=member, organization=moderator.memberships.first()
                                      .organization, kind="mute", reason="Selling supplements in replies.", days=3)
    member_client = signed_in(member)
    with django_capture_on_commit_callbacks(execute=True):
        member_client.post(reverse("safety:my_moderation"), {"action_id": action.pk,
                                                             "text": "I was sharing what helped me, not selling."})
    appeal = Appeal.objects.get()
    # The moderator who decided cannot review their own decision.
    own = moderator_client.post(reverse("safety:appeal", args=[appeal.pk]), {"decision": "overturn"})
    assert "another moderator reviews the appeal" in own.content.decode()
    assert Appeal.objects.get().status == "open"
    with django_capture_on_commit_callbacks(execute=True):
        signed_in(second_moderator).post(reverse("safety:appeal", args=[appeal.pk]),
                                         {"decision": "overturn", "note": "Sharing experience is fine here."})
    action.refresh_from_db()
    assert action.revoked_at is not None and not action.in_force
    page = member_client.get(reverse("safety:my_moderation")).content.decode()
    assert "The decision was reversed" in page and "Sharing experience is fine here." in page
    assert AuditEntry.objects.filter(action="appeal.review").exists()


def test_may_post_is_false_while_muted(member, moderator):
    from peercircle.safety.access import may_post
    from peercircle.safety.moderation import moderation_action_create

    assert may_post(member)
    moderation_action_create(moderator=moderator, subject=member, organization=moderator.memberships.first()
                             .organization, kind="mute", reason="Cool-off.", days=1)
    assert not may_post(member)


def test_the_api_for_reports_decisions_and_appeals(member_client, moderator_client, peer_supporter, other_member_client,
                                                   second_moderator, django_capture_on_commit_callbacks):
    from peercircle.core.tests.helpers import signed_in

    with django_capture_on_commit_callbacks(execute=True):
        sent = member_client.post("/api/v1/reports", {"person": str(peer_supporter.public_id), "reason": "spam"},
                                  content_type="application/json")
    assert sent.status_code == 201 and sent.json()["status"] == "open"
    assert other_member_client.post("/api/v1/reports", {"person": str(peer_supporter.public_id), "reason": "spam"},
                                    content_type="application/json").status_code == 404
    assert member_client.get("/api/v1/moderation/reports").status_code == 404
    queue = moderator_client.get("/api/v1/moderation/reports").json()
    assert [r["reason"] for r in queue] == ["spam"]
    refused = moderator_client.post(f"/api/v1/moderation/reports/{queue[0]['id']}/resolve",
                                    {"outcome": "actioned", "action": "warn"}, content_type="application/json")
    assert refused.status_code == 400 and "Write the reason" in refused.json()["detail"]
    done = moderator_client.post(f"/api/v1/moderation/reports/{queue[0]['id']}/resolve",
                                 {"outcome": "actioned", "action": "warn", "action_reason": "No selling here."},
                                 content_type="application/json")
    assert done.status_code == 200 and done.json()["status"] == "actioned"
    assert member_client.get("/api/v1/me/reports").json()[0]["status_label"] == "We took action"
    supporter = signed_in(peer_supporter)
    decisions = supporter.get("/api/v1/me/moderation").json()
    assert decisions[0]["kind"] == "warn" and decisions[0]["reason"] == "No selling here."
    appealed = supporter.post(f"/api/v1/me/moderation/{decisions[0]['id']}/appeal", {"text": "It was a free link."},
                              content_type="application/json")
    assert appealed.status_code == 201
    assert moderator_client.get("/api/v1/moderation/appeals").json() == []  # their own decision
    other = signed_in(second_moderator)
    assert [a["id"] for a in other.get("/api/v1/moderation/appeals").json()] == [appealed.json()["id"]]
    reviewed = other.post(f"/api/v1/moderation/appeals/{appealed.json()['id']}/review", {"decision": "uphold"},
                          content_type="application/json")
    assert reviewed.json()["status"] == "upheld"


def test_blocking_from_a_persons_page_keeps_them_out_of_matching_and_can_be_undone(member, member_client,
                                                                                     peer_supporter, other_member):
    from peercircle.matching.selectors import excluded_supporters
    from peercircle.safety.models import Block

    page = member_client.get(reverse("safety:block_person", args=[peer_supporter.public_id]))
    assert "They aren't told." in page.content.decode()
    done = member_client.post(reverse("safety:block_person", args=[peer_supporter.public_id]), follow=True)
    assert "Blocked people" in done.content.decode()
    assert peer_supporter.pk in excluded_supporters(member.pk)
    assert member_client.post(reverse("safety:block_person", args=[other_member.public_id])).status_code == 404
    member_client.post(reverse("safety:blocks"), {"block_id": Block.objects.get().pk})
    assert not Block.objects.exists()
    assert peer_supporter.pk not in excluded_supporters(member.pk)


def test_moderators_find_their_pages_in_the_account_menu(moderator_client, member_client):
    menu = moderator_client.get(reverse("accounts:profile_edit")).content.decode()
    assert reverse("safety:queue") in menu and reverse("safety:alert_list") in menu
    assert reverse("safety:queue") not in member_client.get(reverse("accounts:profile_edit")).content.decode()


def test_a_suspension_made_in_another_process_stops_the_next_page_at_once(peer_supporter, moderator, settings):
    """With each process's own memory as the cache (the embedded default, several workers), a
    decision taken in one worker can't clear another's copy: the restriction is read every time."""
    from django.core.cache import cache

    from peercircle.core.tests.helpers import signed_in

    client = signed_in(peer_supporter)
    assert client.get(reverse("groups:list")).status_code == 200
    # Another worker suspends them: the row appears, nothing clears this process's cache.
    ModerationAction.objects.bulk_create([ModerationAction(
        moderator=moderator, subject=peer_supporter, kind=ActionKind.SUSPEND, reason="Threats in replies.")])
    paused = client.get(reverse("groups:list"))
    if settings.CACHES["default"]["BACKEND"].endswith("LocMemCache"):
        assert paused.status_code == 403 and "Threats in replies." in paused.content.decode()
    else:  # Redis: one shared cache, cleared by the service that takes the decision (forget_…)
        cache.delete(f"safety:restriction:{peer_supporter.pk}")
        assert client.get(reverse("groups:list")).status_code == 403
