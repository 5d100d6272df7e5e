"""What a person records about their experiences stays theirs: the audit log and the admin tell
staff that something happened, not what the person lived through, and screening of the private
story keeps no words from it."""

import pytest

from peercircle.core.models import AuditEntry
from peercircle.core.tests.helpers import text
from peercircle.experiences.models import PersonCommunity, PersonExperience
from peercircle.experiences.tests.factories import PersonExperienceFactory
from peercircle.safety.models import ScreeningEvent

pytestmark = pytest.mark.django_db

WORRYING_STORY = "Most nights I want to die."
HELP_TEXT = ("Only you can read this. It is encrypted, and used only to find people with a similar "
             "path. If it sounds like you may be in danger, a trained moderator is told, so they "
             "can check on you.")


def test_staff_reading_the_audit_log_do_not_learn_which_experiences_someone_has(
        member, member_client, staff_client):
    added = member_client.post("/api/v1/me/experiences", {"code": "grief.child"}, content_type="application/json")
    member_client.patch(f"/api/v1/me/experiences/{added.json()['id']}", {"stage": "past"},
                        content_type="application/json")
    member_client.post("/api/v1/me/communities", {"code": "community.rural"}, content_type="application/json")
    member_client.delete(f"/api/v1/me/communities/{PersonCommunity.objects.get(user=member).pk}")
    member_client.delete(f"/api/v1/me/experiences/{added.json()['id']}")
    entries = AuditEntry.objects.filter(subject=member)
    assert set(entries.values_list("action", flat=True)) == {
        "experience.add", "experience.update", "experience.remove", "community.add", "community.remove"}

    pages = [text(staff_client.get("/admin/core/auditentry/"))]
    pages += [text(staff_client.get(f"/admin/core/auditentry/{entry.pk}/change/")) for entry in entries]

    for page in pages:
        assert "grief" not in page and "community.rural" not in page
    assert f"experience #{added.json()['id']}" in pages[0]


def test_the_private_story_is_screened_but_no_words_of_it_are_kept_outside_it(member, member_client):
    member_client.post("/me/experiences/", {"code": "grief.child", "relation": "self", "stage": "current",
                                            "since": "", "visibility": "matching", "story": WORRYING_STORY})
    experience = PersonExperience.objects.get(user=member)
    member_client.patch(f"/api/v1/me/experiences/{experience.pk}",
                        {"story": "I want to die, still."}, content_type="application/json")

    events = list(ScreeningEvent.objects.filter(author=member))
    assert len(events) == 2
    for event in events:
        assert (event.context, event.level, event.categories) == ("experience.story", "high", ["suicide"])
        assert event.reasons == []


def test_the_story_field_says_truthfully_who_may_learn_of_it(member_client):
    assert HELP_TEXT in text(member_client.get("/me/experiences/"))


def test_the_story_field_says_it_in_spanish_too(member_client):
    member_client.post("/i18n/language/", {"language": "es", "next": "/me/experiences/"})

    page = text(member_client.get("/me/experiences/"))

    assert "un moderador con formación" in page
    assert HELP_TEXT not in page


def test_each_view_of_the_admin_list_of_experiences_is_an_audited_staff_read(staff_client, staff_user, member):
    PersonExperienceFactory(user=member)

    assert staff_client.get("/admin/experiences/personexperience/").status_code == 200
    assert staff_client.get("/admin/experiences/personexperience/?stage__exact=current").status_code == 200

    entries = AuditEntry.objects.filter(action="personexperience.list_confidential").order_by("id")
    assert [(e.actor, e.is_staff_action) for e in entries] == [(staff_user, True)] * 2
    assert entries[1].data == {"query": "stage__exact=current"}
    # Opening one record is still a read against its owner.
    experience = PersonExperience.objects.get(user=member)
    staff_client.get(f"/admin/experiences/personexperience/{experience.pk}/change/")
    assert AuditEntry.objects.filter(action="personexperience.read_confidential", subject=member).count() == 1
