"""Stories of hope through the API: the same rules, flow and 404s as the pages, in JSON."""

import pytest
from django.test import Client

from peercircle.community.models import Story, StoryStatus
from peercircle.community.tests.story_helpers import published, submitted
from peercircle.core.tests.helpers import signed_in
from peercircle.notifications.models import Notification

pytestmark = pytest.mark.django_db
JSON = "application/json"


def post(client, path, data=None):
    return client.post(f"/api/v1{path}", data or {}, content_type=JSON)


def patch(client, path, data):
    return client.patch(f"/api/v1{path}", data, content_type=JSON)


@pytest.fixture
def other_moderator(other_organization):
    from peercircle.accounts.tests.factories import UserFactory
    from peercircle.organizations.tests.factories import MembershipFactory

    user = UserFactory(email="hillside-mod@example.org", profile__display_name="Hal", two_factor=True)
    MembershipFactory(user=user, organization=other_organization, role="moderator")
    return user


def test_anyone_lists_published_stories_and_filters_them_by_experience(member, organization, moderator):
    published(member, organization, moderator, title="After Mum", experiences=["grief.parent"], byline="name")
    published(member, organization, moderator, title="Ninety days dry", experiences=["substance_use.alcohol"])
    submitted(member, organization, title="Not yet")

    everything = Client().get("/api/v1/stories").json()
    assert [s["title"] for s in everything["items"]] == ["Ninety days dry", "After Mum"]
    assert everything["count"] == 2
    after_mum = everything["items"][1]
    assert after_mum["byline"] == "Mara" and after_mum["experiences"] == ["grief.parent"]
    assert after_mum["organization"] == {"slug": "harbour", "name": "Harbour Peer Network"}
    assert "source" not in after_mum and "review_note" not in after_mum
    assert everything["items"][0]["byline"] == "Anonymous"

    def titles(query):
        return [s["title"] for s in Client().get(f"/api/v1/stories?{query}").json()["items"]]

    assert titles("experience=grief.parent") == ["After Mum"]
    assert titles("experience=grief") == ["After Mum"]
    assert titles("experience=P%C3%A9rdida%20de%20un%20padre%20o%20una%20madre") == ["After Mum"]  # Spanish label
    assert titles("experience=not.a.code") == []
    assert titles("q=ninety") == ["Ninety days dry"]


def test_a_story_not_published_is_404_except_to_its_author_and_its_moderators(
        member, member_client, peer_supporter_client, moderator_client, other_moderator, organization):
    story = submitted(member, organization)
    url = f"/api/v1/stories/{story.pk}"

    for stranger in (Client(), peer_supporter_client, signed_in(other_moderator)):
        assert stranger.get(url).status_code == 404
    assert member_client.get(url).json()["status"] == "submitted"
    assert moderator_client.get(url).json()["status"] == "submitted"
    assert Client().get("/api/v1/stories/999999").status_code == 404


def test_share_review_and_hear_back_through_the_api(member, member_client, moderator_client, organization,
                                                    django_capture_on_commit_callbacks):
    refused = post(member_client, "/stories", {"organization": "hillside", "title": "Mine", "text": "Words"})
    assert refused.status_code == 400 and "one of your organizations" in refused.json()["detail"]
    bad = post(member_client, "/stories", {"organization": "harbour", "title": "Mine", "text": "Words",
                                           "experiences": ["made.up"]})
    assert bad.status_code == 400 and bad.json()["detail"] == "Please choose experiences from the list."

    made = post(member_client, "/stories", {
        "organization": "harbour", "title": "The long way back", "text": "It was *slow*.",
        "experiences": ["substance_use.alcohol"], "content_warnings": ["substance_use"], "byline": "name"})
    assert made.status_code == 201
    body = made.json()
    assert body["status"] == "submitted" and body["html"] == "<p>It was <em>slow</em>.</p>\n"
    assert body["source"] == "It was *slow*." and body["byline_choice"] == "name"
    story_id = body["id"]

    queue = moderator_client.get("/api/v1/stories/review").json()
    assert [(s["id"], s["byline"]) for s in queue] == [(story_id, "Mara")]  # the name it would be shown with

    assert post(moderator_client, f"/stories/{story_id}/review", {"decision": "decline"}).status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        done = post(moderator_client, f"/stories/{story_id}/review", {"decision": "publish", "note": "Thank you."})
    assert done.status_code == 200 and done.json()["status"] == "published"
    again = post(moderator_client, f"/stories/{story_id}/review", {"decision": "decline", "note": "No."})
    assert again.status_code == 400

    assert Notification.objects.filter(recipient=member, kind="story_news").count() == 1
    mine = member_client.get("/api/v1/me/stories").json()
    assert [(s["id"], s["status"], s["review_note"]) for s in mine] == [(story_id, "published", "Thank you.")]
    assert Client().get(f"/api/v1/stories/{story_id}").json()["byline"] == "Mara"


def test_the_author_changes_it_while_it_waits_then_takes_it_down(member, member_client, peer_supporter_client,
                                                                 organization, moderator):
    story = submitted(member, organization, title="Draft")

    assert patch(peer_supporter_client, f"/me/stories/{story.pk}", {"title": "Mine now"}).status_code == 404
    changed = patch(member_client, f"/me/stories/{story.pk}", {"title": "Better title"})
    assert changed.status_code == 200 and changed.json()["title"] == "Better title"
    assert changed.json()["experiences"] == ["grief.parent"]  # what wasn't sent stays

    live = published(member, organization, moderator, title="Out there")
    late = patch(member_client, f"/me/stories/{live.pk}", {"title": "Too late"})
    assert late.status_code == 400 and "already read" in late.json()["detail"]
    assert post(peer_supporter_client, f"/me/stories/{live.pk}/withdraw").status_code == 404
    taken_down = post(member_client, f"/me/stories/{live.pk}/withdraw")
    assert taken_down.status_code == 200 and taken_down.json()["status"] == "withdrawn"
    assert Client().get(f"/api/v1/stories/{live.pk}").status_code == 404
    assert Client().get("/api/v1/stories").json()["count"] == 0


def test_only_the_organizations_moderators_review_and_never_their_own(
        member, member_client, moderator, moderator_client, other_moderator, organization):
    theirs = submitted(member, organization)
    own = submitted(moderator, organization, title="My own")

    assert member_client.get("/api/v1/stories/review").status_code == 404
    assert signed_in(other_moderator).get("/api/v1/stories/review").json() == []
    assert post(signed_in(other_moderator), f"/stories/{theirs.pk}/review", {"decision": "publish"}).status_code == 404
    assert post(member_client, f"/stories/{theirs.pk}/review", {"decision": "publish"}).status_code == 404
    assert post(moderator_client, f"/stories/{own.pk}/review", {"decision": "publish"}).status_code == 404
    assert [s["id"] for s in moderator_client.get("/api/v1/stories/review").json()] == [theirs.pk]
    assert Story.objects.filter(status=StoryStatus.SUBMITTED).count() == 2


def test_markup_in_a_story_comes_back_cleaned(member, member_client, organization, moderator):
    made = post(member_client, "/stories", {
        "organization": "harbour", "title": "<b>Bold</b> title",
        "text": "<script>alert(1)</script> [x](javascript:alert(2)) <img src=x onerror=alert(3)>"}).json()

    assert "<script" not in made["html"] and "<img" not in made["html"] and "href" not in made["html"]
    assert "&lt;script&gt;" in made["html"]  # shown as the words they are
    assert made["title"] == "<b>Bold</b> title"  # plain text: escaped wherever it is shown
