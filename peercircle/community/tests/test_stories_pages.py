"""Stories of hope through the pages: who reads what, sharing, the moderator's review, taking a
story down, finding stories by experience (in English and Spanish), and words kept inert."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from peercircle.community.models import ReadingPreference, Story, StoryStatus
from peercircle.community.tests.story_helpers import published, submitted
from peercircle.core.models import AuditEntry
from peercircle.core.tests.helpers import form_values, outline, signed_in, text
from peercircle.notifications.models import Notification

pytestmark = pytest.mark.django_db

NEW = "/stories/new/"
MINE = "/me/stories/"
QUEUE = "/stories/review/"


@pytest.fixture
def other_moderator(other_organization):
    """A moderator, but of Hillside: a stranger to Harbour's stories."""
    from peercircle.accounts.tests.factories import UserFactory
    from peercircle.organizations.tests.factories import MembershipFactory

    user = UserFactory(email="hillside-mod@example.org", profile__display_name="Hal", two_factor=True)
    MembershipFactory(user=user, organization=other_organization, role="moderator")
    return user


@pytest.fixture
def second_moderator(organization):
    from peercircle.accounts.tests.factories import UserFactory
    from peercircle.organizations.tests.factories import MembershipFactory

    user = UserFactory(email="second-mod@example.org", profile__display_name="Nia", two_factor=True)
    MembershipFactory(user=user, organization=organization, role="moderator")
    return user


def story_form(organization, **changes) -> dict:
    values = {"organization": str(organization.pk), "title": "Learning to sleep again", "text": "The first year after Dad died was *grey*.\n\nThen less so.",
              "experiences": ["grief.parent"], "content_warnings": [], "byline": "anonymous"}
    values.update(changes)
    return values


# --- reading ---------------------------------------------------------------------------------

def test_anyone_signed_out_reads_published_stories_newest_first_with_their_bylines(
        member, peer_supporter, organization, moderator):
    first = published(member, organization, moderator, title="Small steps")
    published(peer_supporter, organization, moderator, title="Finding my people", byline="name")
    submitted(member, organization, title="Still waiting")

    page = text(Client().get("/stories/"))

    assert page.index("Finding my people") < page.index("Small steps")
    assert "Still waiting" not in page
    assert "By Anonymous" in page and "By Sol" in page and "Mara" not in page
    assert 'href="/stories/new/"' in page
    story = text(Client().get(f"/stories/{first.pk}/"))
    assert "Small steps" in story and "It got better, slowly." in story and "By Anonymous" in story


def test_the_name_on_a_story_is_the_one_it_was_published_under(member, organization, moderator):
    story = published(member, organization, moderator, byline="name")
    member.profile.display_name = "Mara Quinn"
    member.profile.save()

    assert "By Mara ·" in text(Client().get(f"/stories/{story.pk}/"))


def test_a_story_not_yet_published_is_404_to_everyone_but_its_author_and_its_moderators(
        member, member_client, peer_supporter_client, other_member_client, moderator_client, other_moderator,
        organization):
    story = submitted(member, organization)
    url = f"/stories/{story.pk}/"

    assert Client().get(url).status_code == 404
    for stranger in (peer_supporter_client, other_member_client, signed_in(other_moderator)):
        assert stranger.get(url).status_code == 404
        assert stranger.get(f"{url}review/").status_code == 404
    own = text(member_client.get(url))
    assert "Waiting for a moderator to read it" in own and "Only you and the organization's moderators" in own
    assert f'href="{url}review/"' not in own
    moderated = text(moderator_client.get(url))
    assert "Waiting for a moderator to read it" in moderated and f'href="{url}review/"' in moderated


# --- sharing and reviewing -------------------------------------------------------------------------

def test_a_member_shares_a_story_a_moderator_publishes_it_and_the_author_is_told(
        member, member_client, moderator, moderator_client, organization, django_capture_on_commit_callbacks):
    _add_experience(member, "grief.parent")
    form = member_client.get(NEW)
    assert "A moderator of the organization you send it to reads it first" in text(form)
    assert form_values(form, "story-form")["experiences"] == "grief.parent"  # their own experience, ticked
    assert outline(form).unlabelled_fields() == []

    response = member_client.post(NEW, story_form(organization), follow=True)
    assert "Thank you for sharing your story" in text(response)
    story = Story.objects.get(author=member)
    assert story.status == StoryStatus.SUBMITTED and "Learning to sleep again" in text(response)

    queue = text(moderator_client.get(QUEUE))
    assert "Learning to sleep again" in queue
    review_page = text(moderator_client.get(f"/stories/{story.pk}/review/"))
    assert "<em>grey</em>" in moderator_client.get(f"/stories/{story.pk}/review/").content.decode()
    assert "Anonymous" in review_page and "Mara" not in review_page  # the name only when it is to be shown

    with django_capture_on_commit_callbacks(execute=True):
        done = moderator_client.post(f"/stories/{story.pk}/review/", {"decision": "publish", "note": "Thank you."},
                                     follow=True)
    assert "is published" in text(done)
    story.refresh_from_db()
    assert story.status == StoryStatus.PUBLISHED and story.reviewed_by == moderator
    note = Notification.objects.get(recipient=member)
    assert "is published" in note.title and note.url == MINE
    assert set(AuditEntry.objects.filter(target_id=str(story.pk), action__startswith="story.").values_list("action", flat=True)) == {
        "story.submit", "story.publish"}
    assert "Learning to sleep again" in text(Client().get("/stories/"))
    assert "Learning to sleep again" not in text(moderator_client.get(QUEUE)).split("Recently reviewed")[0]


def _add_experience(user, code):
    from peercircle.experiences.models import PersonExperience, TaxonomyNode

    PersonExperience.objects.create(user=user, node=TaxonomyNode.objects.get(code=code))


def test_declining_needs_a_note_and_the_author_reads_it(member, member_client, moderator_client, organization,
                                                       django_capture_on_commit_callbacks):
    story = submitted(member, organization)
    url = f"/stories/{story.pk}/review/"

    refused = moderator_client.post(url, {"decision": "decline", "note": ""})
    assert refused.status_code == 200 and "Please write a note for the author" in text(refused)
    with django_capture_on_commit_callbacks(execute=True):
        moderator_client.post(url, {"decision": "decline", "note": "It names your sister; could you leave her out?"})

    story.refresh_from_db()
    assert story.status == StoryStatus.DECLINED
    mine = text(member_client.get(MINE))
    assert "Not published" in mine and "It names your sister; could you leave her out?" in mine
    note = Notification.objects.get(recipient=member)
    assert "It names your sister" in note.body
    assert Client().get(f"/stories/{story.pk}/").status_code == 404


def test_a_moderator_never_reviews_their_own_story(moderator, moderator_client, second_moderator, organization):
    own = submitted(moderator, organization, title="My own road")

    assert "My own road" not in text(moderator_client.get(QUEUE))
    assert moderator_client.get(f"/stories/{own.pk}/review/").status_code == 404
    assert "Review this story" not in text(moderator_client.get(f"/stories/{own.pk}/"))
    assert "My own road" in text(signed_in(second_moderator).get(QUEUE))


def test_the_review_queue_is_for_moderators_only(member_client, other_moderator, member, organization):
    submitted(member, organization, title="For Harbour's eyes")

    assert member_client.get(QUEUE).status_code == 404
    assert "For Harbour's eyes" not in text(signed_in(other_moderator).get(QUEUE))
    assert Client().get(QUEUE).status_code == 302  # to sign in


def test_bad_input_keeps_the_words_with_a_kind_message(member_client, organization):
    response = member_client.post(NEW, story_form(organization, title="", text="Every word I wrote."))

    assert response.status_code == 200
    assert "Please give your story a title." in text(response)
    assert form_values(response, "story-form")["text"] == "Every word I wrote."
    assert not Story.objects.exists()


def test_someone_with_no_organization_is_told_kindly_where_to_find_one(db):
    from peercircle.accounts.tests.factories import UserFactory

    page = text(signed_in(UserFactory()).get(NEW))

    assert "you're not part of an organization on PeerCircle yet" in page
    assert 'href="/organizations/"' in page and 'id="story-form"' not in page


def test_words_that_sound_like_danger_show_the_crisis_box_next(member, member_client, organization):
    words = "I have the pills here and I'm going to take them all tonight"
    response = member_client.post(NEW, story_form(organization, text=words), follow=True)

    page = text(response)
    assert "Thank you for sharing your story" in page and "You don't have to go through this alone" in page
    assert Story.objects.get(author=member).screening_level == "imminent"


# --- the author's own stories ---------------------------------------------------------------------

def test_the_author_edits_while_it_waits_and_withdraws_whenever_they_like(member, member_client, moderator,
                                                                         organization):
    waiting = submitted(member, organization, title="First draft")
    edit = f"/stories/{waiting.pk}/edit/"
    assert form_values(member_client.get(edit), "story-form")["title"] == "First draft"
    member_client.post(edit, story_form(organization, title="Second draft"))
    waiting.refresh_from_db()
    assert waiting.title == "Second draft" and waiting.status == StoryStatus.SUBMITTED

    member_client.post(f"/stories/{waiting.pk}/withdraw/")
    waiting.refresh_from_db()
    assert waiting.status == StoryStatus.WITHDRAWN

    live = published(member, organization, moderator, title="Out in the world")
    assert "/edit/" not in text(member_client.get(MINE)).split("Out in the world")[1].split("</li>")[0]
    assert member_client.get(f"/stories/{live.pk}/edit/").status_code == 302
    confirm = text(member_client.get(f"/stories/{live.pk}/withdraw/"))
    assert "will no longer be shown to anyone else" in confirm
    member_client.post(f"/stories/{live.pk}/withdraw/")
    assert Client().get(f"/stories/{live.pk}/").status_code == 404
    assert "Withdrawn by you" in text(member_client.get(f"/stories/{live.pk}/"))
    assert "Withdrawn by its author" in text(signed_in(moderator).get(f"/stories/{live.pk}/"))
    assert AuditEntry.objects.filter(action="story.withdraw", target_id=str(live.pk)).exists()


def test_other_people_cannot_edit_or_withdraw_a_story(member, organization, peer_supporter_client, moderator_client):
    story = submitted(member, organization)

    for client in (peer_supporter_client, moderator_client):
        assert client.get(f"/stories/{story.pk}/edit/").status_code == 404
        assert client.post(f"/stories/{story.pk}/withdraw/").status_code == 404
    story.refresh_from_db()
    assert story.status == StoryStatus.SUBMITTED


# --- finding stories ------------------------------------------------------------------------------

def test_stories_are_found_by_experience_and_by_words_in_the_title(member, organization, moderator):
    published(member, organization, moderator, title="After Mum", experiences=["grief.parent"])
    published(member, organization, moderator, title="Ninety days dry", experiences=["substance_use.alcohol"])
    published(member, organization, moderator, title="Losing my brother", experiences=["grief.sibling"])

    def titles(query):
        page = text(Client().get(f"/stories/?{query}"))
        return {t for t in ("After Mum", "Ninety days dry", "Losing my brother") if t in page}

    assert titles("experience=grief.parent") == {"After Mum"}
    assert titles("experience=grief") == {"After Mum", "Losing my brother"}  # a whole heading
    assert titles("experience=substance_use.alcohol") == {"Ninety days dry"}
    assert titles("q=days") == {"Ninety days dry"}
    assert titles("q=mum&experience=grief") == {"After Mum"}
    assert "No story matches that yet" in text(Client().get("/stories/?q=elephant"))
    assert "No story matches that yet" in text(Client().get("/stories/?experience=not.a.code&page=x"))
    partial = Client().get("/stories/?experience=grief.sibling", HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in partial and "Losing my brother" in partial and "After Mum" not in partial


def test_the_filter_speaks_spanish_and_finds_stories_by_their_spanish_labels(member, organization, moderator):
    published(member, organization, moderator, title="Después de mamá", experiences=["grief.parent"])
    published(member, organization, moderator, title="Noventa días", experiences=["substance_use.alcohol"])

    page = text(Client().get("/stories/", HTTP_ACCEPT_LANGUAGE="es"))
    assert "Historias de esperanza" in page
    assert ">Pérdida de un padre o una madre</option>" in page and 'label="Duelo y pérdida"' in page
    by_label = text(Client().get("/stories/?experience=Duelo y pérdida", HTTP_ACCEPT_LANGUAGE="es"))
    assert "Después de mamá" in by_label and "Noventa días" not in by_label
    assert "Pérdida de un padre o una madre" in by_label  # the story's own tags, in Spanish too


def test_content_warnings_fold_the_story_until_the_reader_opens_it(member, member_client, organization, moderator):
    story = published(member, organization, moderator, title="The night on the bridge", warnings=["suicide"],
                      text="I stood there a long time.")

    listed = Client().get("/stories/").content.decode()
    assert "<details" in listed and "Content warning: Suicide" in text(Client().get("/stories/"))
    detail = text(Client().get(f"/stories/{story.pk}/"))
    assert "<details" in detail and "Content warning: Suicide. Open to read the story" in detail
    ReadingPreference.objects.create(person=member, collapse_warnings=[])  # they chose to see every story open
    assert "<details" not in member_client.get(f"/stories/{story.pk}/").content.decode().split("</article>")[0]


def test_words_in_a_title_or_story_stay_words(member, organization, moderator):
    story = published(member, organization, moderator, title="<script>alert('t')</script> my road",
                      text="<img src=x onerror=alert(1)> [click](javascript:alert(2)) <b onclick=alert(3)>hi</b>")

    for url in ("/stories/", f"/stories/{story.pk}/"):
        response = Client().get(url)
        assert outline(response).executable() == []
        assert "<script>alert('t')</script> my road" in text(response)


def test_the_list_takes_the_same_number_of_queries_for_3_or_15_stories(member, member_client, organization,
                                                                          moderator):
    def queries(client, count):
        while Story.objects.filter(status=StoryStatus.PUBLISHED).count() < count:
            published(member, organization, moderator, experiences=["grief.parent", "grief.sibling"],
                      warnings=["grief"])
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/stories/?experience=grief").status_code == 200
        return len(captured)

    for client in (Client(), member_client):
        Story.objects.all().delete()
        queries(client, 0)  # once to warm the per-process caches
        assert queries(client, 3) == queries(client, 15)


# --- where to find it -----------------------------------------------------------------------------

def test_the_site_links_to_stories_and_moderators_find_their_review_queue(member_client, moderator_client):
    assert 'href="/stories/"' in Client().get("/").content.decode()
    assert 'href="/me/stories/"' in member_client.get("/me/profile/").content.decode()
    assert 'href="/stories/review/"' in moderator_client.get("/me/profile/").content.decode()
    assert 'href="/stories/review/"' not in member_client.get("/me/profile/").content.decode()


def test_a_member_whose_posting_is_paused_keeps_their_words_and_is_told_why(member, member_client, moderator,
                                                                            organization):
    from peercircle.safety.models import ModerationAction

    ModerationAction.objects.create(moderator=moderator, subject=member, kind="mute", reason="Cool off")
    response = member_client.post(NEW, story_form(organization, text="Still my words."))

    assert "a moderator has paused your posting" in text(response)
    assert form_values(response, "story-form")["text"] == "Still my words."
    assert not Story.objects.exists()
