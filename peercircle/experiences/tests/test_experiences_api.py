import datetime

import pytest

from peercircle.core.models import AuditEntry
from peercircle.experiences.models import PersonCommunity, PersonExperience
from peercircle.experiences.tests.factories import PersonCommunityFactory, PersonExperienceFactory

pytestmark = pytest.mark.django_db


def post(client, path, payload):
    return client.post(path, payload, content_type="application/json")


def patch(client, path, payload):
    return client.patch(path, payload, content_type="application/json")


def test_recording_listing_changing_and_removing_an_experience_through_the_api(member_client, member):
    created = post(member_client, "/api/v1/me/experiences",
                   {"code": "grief.partner", "stage": "past", "since": "2019-06-01", "story": "Ten years together."})
    assert created.status_code == 201
    body = created.json()
    assert (body["code"], body["label"], body["stage"], body["story"]) == \
        ("grief.partner", "Loss of a partner or spouse", "past", "Ten years together.")

    listed = member_client.get("/api/v1/me/experiences").json()
    assert [e["code"] for e in listed] == ["grief.partner"]

    changed = patch(member_client, f"/api/v1/me/experiences/{body['id']}", {"visibility": "peers"})
    assert changed.status_code == 200
    assert changed.json()["visibility"] == "peers"
    assert changed.json()["story"] == "Ten years together."
    assert changed.json()["since"] == "2019-06-01"

    removed = member_client.delete(f"/api/v1/me/experiences/{body['id']}")
    assert removed.status_code == 200
    assert not PersonExperience.objects.filter(user=member).exists()
    actions = list(AuditEntry.objects.filter(subject=member, action__startswith="experience.").values_list("action", flat=True))
    assert sorted(actions) == ["experience.add", "experience.remove", "experience.update"]


def test_the_api_can_clear_the_start_date(member_client, member):
    experience = PersonExperienceFactory(user=member, since=datetime.date(2020, 1, 1))

    response = patch(member_client, f"/api/v1/me/experiences/{experience.pk}", {"since": None})

    assert response.json()["since"] is None


def test_the_api_refuses_a_duplicate_with_the_same_message(member_client, member):
    post(member_client, "/api/v1/me/experiences", {"code": "grief.partner"})

    response = post(member_client, "/api/v1/me/experiences", {"code": "grief.partner"})

    assert response.status_code == 400
    assert response.json()["detail"] == "You have already added this experience. You can change it in your list instead."
    assert PersonExperience.objects.filter(user=member).count() == 1


@pytest.mark.parametrize("payload, message", [
    ({"code": "grief"}, "Please choose an experience from the list."),
    ({"code": "grief.unknown"}, "Please choose an experience from the list."),
    ({"code": "community.veterans"}, "Please choose an experience from the list."),
    ({"code": "grief.partner", "since": "2999-01-01"}, "The date it started cannot be in the future."),
])
def test_the_api_refuses_bad_experiences_and_records_nothing(member_client, member, payload, message):
    response = post(member_client, "/api/v1/me/experiences", payload)

    assert response.status_code == 400
    assert response.json()["detail"] == message
    assert not PersonExperience.objects.filter(user=member).exists()


def test_the_api_refuses_a_future_date_on_change(member_client, member):
    experience = PersonExperienceFactory(user=member)
    future = (datetime.date.today() + datetime.timedelta(days=3)).isoformat()

    response = patch(member_client, f"/api/v1/me/experiences/{experience.pk}", {"since": future, "stage": "past"})

    assert response.status_code == 400
    experience.refresh_from_db()
    assert experience.since is None and experience.stage == "current"


def test_the_api_validates_choices(member_client):
    response = post(member_client, "/api/v1/me/experiences", {"code": "grief.partner", "visibility": "everyone"})

    assert response.status_code == 422
    assert response.json()["detail"] == "Some fields are not valid."


def test_someone_elses_experience_is_not_found_through_the_api(member_client, other_member):
    theirs = PersonExperienceFactory(user=other_member)

    assert patch(member_client, f"/api/v1/me/experiences/{theirs.pk}", {"stage": "past"}).status_code == 404
    assert member_client.delete(f"/api/v1/me/experiences/{theirs.pk}").status_code == 404
    assert PersonExperience.objects.filter(pk=theirs.pk, stage="current").exists()


def test_communities_through_the_api(member_client, member):
    created = post(member_client, "/api/v1/me/communities", {"code": "community.youth", "visibility": "peers"})
    assert created.status_code == 201
    assert created.json()["label"] == "Young people"

    again = post(member_client, "/api/v1/me/communities", {"code": "community.youth", "visibility": "private"})
    assert again.status_code == 201
    assert PersonCommunity.objects.get(user=member).visibility == "private"
    assert [c["code"] for c in member_client.get("/api/v1/me/communities").json()] == ["community.youth"]

    refused = post(member_client, "/api/v1/me/communities", {"code": "grief.parent"})
    assert refused.status_code == 400

    assert member_client.delete(f"/api/v1/me/communities/{created.json()['id']}").status_code == 200
    assert not PersonCommunity.objects.filter(user=member).exists()


def test_someone_elses_community_cannot_be_removed(member_client, other_member):
    theirs = PersonCommunityFactory(user=other_member)

    assert member_client.delete(f"/api/v1/me/communities/{theirs.pk}").status_code == 404
    assert PersonCommunity.objects.filter(pk=theirs.pk).exists()
