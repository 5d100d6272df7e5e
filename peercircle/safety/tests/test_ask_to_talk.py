"""From "Need help now?", a signed-in person can ask a moderator to reach out: the moderators of
their organization get an alert (no words copied), asking twice doesn't open a second one."""

import pytest
from django.urls import reverse

from peercircle.notifications.models import Notification
from peercircle.safety.models import SafetyAlert

pytestmark = pytest.mark.django_db


def test_asking_a_moderator_to_reach_out_opens_an_alert_for_the_organizations_moderators(
        member, member_client, moderator, django_capture_on_commit_callbacks):
    page = member_client.get(reverse("help_now")).content.decode()
    assert "Ask a moderator to reach out to me" in page
    with django_capture_on_commit_callbacks(execute=True):
        answer = member_client.post(reverse("safety:ask_to_talk"), follow=True)
    assert "A moderator has been told and will reach out to you" in answer.content.decode()
    alert = SafetyAlert.objects.get()
    assert alert.person == member and alert.context == "asked_to_talk" and alert.level == "high"
    assert alert.organization == moderator.memberships.first().organization and alert.text_html == ""
    assert Notification.objects.filter(recipient=moderator).exists()
    with django_capture_on_commit_callbacks(execute=True):
        member_client.post(reverse("safety:ask_to_talk"))
    assert SafetyAlert.objects.count() == 1  # asked already: the moderators have it


def test_signed_out_visitors_see_the_lines_but_no_request_button(client):
    page = client.get(reverse("help_now")).content.decode()
    assert "Ask a moderator to reach out to me" not in page
    assert client.post(reverse("safety:ask_to_talk")).status_code == 302  # to sign in
    assert not SafetyAlert.objects.exists()
