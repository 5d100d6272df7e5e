import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from peercircle.core.models import AuditEntry
from peercircle.core.tests.helpers import text
from peercircle.experiences.models import PersonCommunity, PersonExperience
from peercircle.experiences.tests.factories import PersonCommunityFactory, PersonExperienceFactory

pytestmark = pytest.mark.django_db

DUPLICATE = "You have already added this experience. You can change it in your list instead."
FUTURE = "The date it started cannot be in the future."
HTMX = {"HTTP_HX_REQUEST": "true"}


def experience_form(**changes) -> dict:
    return {"code": "mental_health.depression", "relation": "self", "stage": "current",
            "since": "", "visibility": "matching", "story": "", **changes}


def tomorrow() -> str:
    return (datetime.date.today() + datetime.timedelta(days=1)).isoformat()


# --- The page -------------------------------------------------------------------------------------

def test_adding_an_experience_on_the_page_lists_it(member_client, member):
    response = member_client.post("/me/experiences/", experience_form(since="2023-04-01"), follow=True)

    assert "Added. You can change or remove it at any time." in text(response)
    assert "Depression" in text(response) and "since April 2023" in text(response)
    experience = PersonExperience.objects.get(user=member)
    assert experience.since == datetime.date(2023, 4, 1)
    assert AuditEntry.objects.filter(action="experience.add", subject=member, target_id=str(experience.pk)).exists()


def test_adding_with_htmx_answers_with_a_redirect_header(member_client, member):
    response = member_client.post("/me/experiences/", experience_form(), **HTMX)

    assert response.status_code == 204
    assert response["HX-Redirect"] == "/me/experiences/"
    assert PersonExperience.objects.filter(user=member).count() == 1


def test_a_refused_htmx_add_returns_just_the_form_with_the_message_so_htmx_shows_it(member_client, member):
    PersonExperienceFactory(user=member)

    response = member_client.post("/me/experiences/", experience_form(), **HTMX)

    # htmx swaps 2xx answers only; a 4xx partial would never be shown to the person.
    assert response.status_code == 200
    body = text(response)
    assert DUPLICATE in body
    assert 'id="experience-add-form"' in body
    assert "<html" not in body and "<h1" not in body


def test_adding_the_same_experience_twice_is_refused_kindly(member_client, member):
    member_client.post("/me/experiences/", experience_form())

    response = member_client.post("/me/experiences/", experience_form())

    assert DUPLICATE in text(response)
    assert PersonExperience.objects.filter(user=member).count() == 1


def test_the_same_experience_as_family_is_a_different_one(member_client, member):
    member_client.post("/me/experiences/", experience_form())
    member_client.post("/me/experiences/", experience_form(relation="family_friend"))

    assert PersonExperience.objects.filter(user=member).count() == 2


def test_a_start_date_in_the_future_is_refused(member_client, member):
    response = member_client.post("/me/experiences/", experience_form(since=tomorrow()))

    assert FUTURE in text(response)
    assert not PersonExperience.objects.filter(user=member).exists()


def test_a_top_level_heading_or_unknown_code_cannot_be_added(member_client, member):
    for code in ("mental_health", "mental_health.nonsense", "community.veterans"):
        response = member_client.post("/me/experiences/", experience_form(code=code))
        assert response.status_code == 200
        assert "Select a valid choice" in text(response)
    assert not PersonExperience.objects.filter(user=member).exists()


def test_changing_an_experience_saves_it(member_client, member):
    experience = PersonExperienceFactory(user=member)

    page = member_client.get(f"/me/experiences/{experience.pk}/edit/")
    assert page.status_code == 200
    response = member_client.post(f"/me/experiences/{experience.pk}/edit/",
                                  experience_form(stage="in_recovery", visibility="peers", story="Better now."))

    assert response.status_code == 302
    experience.refresh_from_db()
    assert (experience.stage, experience.visibility, experience.story) == ("in_recovery", "peers", "Better now.")


def test_changing_an_experience_to_a_future_date_is_refused_and_changes_nothing(member_client, member):
    experience = PersonExperienceFactory(user=member)

    response = member_client.post(f"/me/experiences/{experience.pk}/edit/", experience_form(stage="past", since=tomorrow()))

    assert FUTURE in text(response)
    experience.refresh_from_db()
    assert experience.stage == "current"


def test_removing_an_experience_deletes_it_and_is_audited(member_client, member):
    experience = PersonExperienceFactory(user=member)

    response = member_client.post(f"/me/experiences/{experience.pk}/remove/", follow=True)

    assert "Removed." in text(response)
    assert not PersonExperience.objects.filter(pk=experience.pk).exists()
    assert AuditEntry.objects.filter(action="experience.remove", subject=member).exists()


def test_someone_elses_experience_cannot_be_seen_changed_or_removed(member_client, other_member):
    theirs = PersonExperienceFactory(user=other_member, story="Theirs alone")

    assert member_client.get(f"/me/experiences/{theirs.pk}/edit/").status_code == 404
    assert member_client.post(f"/me/experiences/{theirs.pk}/edit/", experience_form(stage="past")).status_code == 404
    assert member_client.post(f"/me/experiences/{theirs.pk}/remove/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.stage == "current"


def test_removing_needs_a_post(member_client, member):
    experience = PersonExperienceFactory(user=member)

    assert member_client.get(f"/me/experiences/{experience.pk}/remove/").status_code == 405
    assert PersonExperience.objects.filter(pk=experience.pk).exists()


def test_adding_and_removing_a_community(member_client, member):
    response = member_client.post("/me/communities/", {"code": "community.veterans", "visibility": "peers"}, follow=True)

    assert "Veterans & military families" in text(response)
    community = PersonCommunity.objects.get(user=member)
    assert community.visibility == "peers"

    member_client.post(f"/me/communities/{community.pk}/remove/")
    assert not PersonCommunity.objects.filter(user=member).exists()


def test_an_unknown_community_is_refused_with_a_message(member_client, member):
    response = member_client.post("/me/communities/", {"code": "grief.parent", "visibility": "peers"}, follow=True)

    assert "Please choose a community from the list." in text(response)
    assert not PersonCommunity.objects.filter(user=member).exists()


def test_my_experiences_need_signing_in(client):
    assert client.get("/me/experiences/")["Location"].startswith("/accounts/login/")


# --- The story, in the person's own words ---------------------------------------------------------

def test_the_story_is_stored_encrypted(member_client, member):
    member_client.post("/me/experiences/", experience_form(story="I stopped sleeping in March."))
    experience = PersonExperience.objects.get(user=member)

    table = connection.ops.quote_name(PersonExperience._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT story FROM {table} WHERE id = %s", [experience.pk])
        stored = cursor.fetchone()[0]

    assert stored.startswith("fernet:")
    assert "sleeping" not in stored
    assert experience.story == "I stopped sleeping in March."


def test_my_story_is_never_shown_to_others(member, member_client, peer_supporter_client):
    PersonExperienceFactory(user=member, visibility="peers", story="Only for me to read")

    assert "Only for me to read" in text(member_client.get("/api/v1/me/experiences"))
    page = peer_supporter_client.get(f"/people/{member.public_id}/")
    assert page.status_code == 200 and "Depression" in text(page)
    assert "Only for me to read" not in text(page)
    api = peer_supporter_client.get(f"/api/v1/people/{member.public_id}/experiences")
    assert api.status_code == 200
    assert "Only for me to read" not in api.content.decode()
    assert "story" not in api.json()["experiences"][0]


# --- Who sees my experiences ----------------------------------------------------------------------

@pytest.fixture
def members_experiences(member):
    PersonExperienceFactory(user=member, code="grief.parent", visibility="private")
    PersonExperienceFactory(user=member, code="substance_use.alcohol", visibility="matching")
    PersonExperienceFactory(user=member, code="chronic_illness.diabetes", visibility="peers")
    PersonCommunityFactory(user=member, code="community.veterans", visibility="peers")
    PersonCommunityFactory(user=member, code="community.lgbtq", visibility="matching")
    return member


def test_people_in_my_organization_see_only_experiences_shown_to_peers(members_experiences, peer_supporter_client):
    member = members_experiences

    body = peer_supporter_client.get(f"/api/v1/people/{member.public_id}/experiences").json()

    assert [e["code"] for e in body["experiences"]] == ["chronic_illness.diabetes"]
    assert [c["code"] for c in body["communities"]] == ["community.veterans"]
    page = text(peer_supporter_client.get(f"/people/{member.public_id}/"))
    assert "Diabetes" in page and "Veterans & military families" in page
    for hidden in ("Loss of a parent", "Alcohol", "LGBTQ+"):
        assert hidden not in page


def test_i_see_all_of_my_own_experiences(members_experiences, member_client):
    body = member_client.get(f"/api/v1/people/{members_experiences.public_id}/experiences").json()

    assert len(body["experiences"]) == 3 and len(body["communities"]) == 2


def test_a_stranger_sees_none_of_my_experiences(members_experiences, other_member_client):
    response = other_member_client.get(f"/api/v1/people/{members_experiences.public_id}/experiences")

    assert response.status_code == 404


def test_experiences_shown_to_peers_alone_make_a_profile_visible_to_colleagues(member, peer_supporter_client):
    from peercircle.accounts.models import Profile

    Profile.objects.filter(user=member).update(display_name_visibility="private")
    assert peer_supporter_client.get(f"/people/{member.public_id}/").status_code == 404

    PersonExperienceFactory(user=member, visibility="peers")
    page = peer_supporter_client.get(f"/people/{member.public_id}/")
    assert page.status_code == 200
    assert "Mara" not in text(page) and "Depression" in text(page)


# --- Query counts ---------------------------------------------------------------------------------

CODES = [
    "mental_health.depression", "mental_health.anxiety", "mental_health.bipolar", "mental_health.psychosis",
    "mental_health.ptsd", "mental_health.ocd", "substance_use.alcohol", "substance_use.opioids",
    "substance_use.cannabis", "substance_use.gambling", "chronic_illness.diabetes", "chronic_illness.cancer",
    "chronic_illness.hiv", "grief.parent", "grief.child", "grief.partner", "life.caregiving",
    "life.divorce", "life.unemployment", "life.loneliness",
]


def test_my_experiences_page_uses_the_same_number_of_queries_for_2_or_20_rows(member_client, member):
    def queries_for_page() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert member_client.get("/me/experiences/").status_code == 200
        return len(captured)

    for code in CODES[:2]:
        PersonExperienceFactory(user=member, code=code, since=datetime.date(2020, 1, 1))
    PersonCommunityFactory(user=member)
    queries_for_page()  # warm caches (content types, session)
    with_two = queries_for_page()
    for code in CODES[2:]:
        PersonExperienceFactory(user=member, code=code, since=datetime.date(2020, 1, 1))
    PersonCommunityFactory(user=member, code="community.rural")

    assert queries_for_page() == with_two
