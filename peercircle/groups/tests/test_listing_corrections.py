"""Listings people can trust, through the pages: anyone suggests a correction, the group's
facilitators review it in a queue, and the listing says when its details were last confirmed."""

from datetime import UTC, datetime, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from peercircle.accounts.tests.factories import UserFactory
from peercircle.core.models import AuditEntry
from peercircle.core.tests.helpers import signed_in, text
from peercircle.groups.models import ListingCorrection
from peercircle.groups.tests.factories import (
    GroupMembershipFactory,
    ListingCorrectionFactory,
    SupportGroupFactory,
)

pytestmark = pytest.mark.django_db

SUGGEST = "/groups/circle/suggest-correction/"
QUEUE = "/groups/circle/manage/suggestions/"


@pytest.fixture
def circle(facilitator):
    """An open group in Manchester that `facilitator` runs."""
    return SupportGroupFactory(name="Manchester grief circle", slug="circle", facilitator=facilitator)


def suggest(client, **values):
    data = {"kind": "meeting_time", "text": "It meets on Thursdays now, at 18:30.", **values}
    return client.post(SUGGEST, data)


def resolve(client, correction, **values):
    return client.post(f"/groups/{correction.group.slug}/manage/suggestions/{correction.pk}/resolve/",
                       {"outcome": "done", **values})


# --- Suggesting ------------------------------------------------------------------------------------

def test_a_visitor_who_is_not_signed_in_suggests_a_correction_and_leaves_an_email(circle):
    visitor = Client()
    page = text(visitor.get("/groups/circle/"))
    assert "Something wrong with this listing?" in page and SUGGEST in page
    form = text(visitor.get(SUGGEST))
    assert "Meeting time or day" in form and "Your email address (optional)" in form

    response = suggest(visitor, kind="place", text="The café closed; they meet at the library now.",
                       contact_email="sam@example.net")

    assert response.status_code == 302 and response["Location"] == "/groups/circle/suggest-correction/thanks/"
    thanks = text(visitor.get(response["Location"]))
    assert "Thank you" in thanks and "facilitators of Manchester grief circle" in thanks and "review it" in thanks
    assert "talk to someone today" not in thanks
    correction = ListingCorrection.objects.get()
    assert (correction.kind, correction.status, correction.suggested_by) == ("place", "open", None)
    assert correction.text == "The café closed; they meet at the library now."
    assert correction.contact_email == "sam@example.net"
    assert AuditEntry.objects.filter(action="listing_correction.suggest", actor=None).exists()
    assert AuditEntry.objects.filter(action="listing_correction.notify_facilitators").exists()


def test_a_signed_in_member_suggests_a_correction_and_follows_it_on_my_groups(circle, member, member_client):
    form = text(member_client.get(SUGGEST))
    assert "Your email address" not in form and "You'll see what happens to your suggestion on My groups" in form

    response = suggest(member_client, contact_email="ignored@example.net")

    assert response.status_code == 302
    correction = ListingCorrection.objects.get()
    assert correction.suggested_by == member and correction.contact_email == ""
    mine = text(member_client.get("/me/groups/"))
    assert "Your suggestions" in mine and "It meets on Thursdays now" in mine
    assert "Waiting for the facilitators" in mine


def test_a_suggestion_that_sounds_like_someone_in_danger_reaches_a_trained_person(circle):
    from peercircle.safety.models import ScreeningEvent

    visitor = Client()
    response = suggest(visitor, kind="other", text="The group closed and I want to die.")

    thanks = text(visitor.get(response["Location"]))
    assert "You don't have to go through this alone" in thanks and "/help/" in thanks
    assert "go through this alone" not in text(visitor.get(response["Location"])), "said once"
    event = ScreeningEvent.objects.get()
    assert event.context == "group.listing_correction" and event.author is None
    assert event.target_id == str(ListingCorrection.objects.get().pk)


def test_htmx_gets_just_the_form_back_with_the_message(circle):
    response = Client().post(SUGGEST, {"kind": "meeting_time", "text": ""}, headers={"HX-Request": "true"})

    assert response.status_code == 200 and "<html" not in text(response)
    assert "Please write what needs correcting" in text(response)
    done = Client().post(SUGGEST, {"kind": "meeting_time", "text": "Thursdays now."}, headers={"HX-Request": "true"})
    assert done.status_code == 204 and done["HX-Redirect"] == "/groups/circle/suggest-correction/thanks/"


@pytest.mark.parametrize("values, message", [
    ({"text": "   "}, "Please write what needs correcting"),
    ({"text": "x" * 2001}, "Please keep your suggestion under 2,000 characters (it has 2,001)."),
    ({"kind": "the-venue-is-haunted"}, "Please choose what is wrong with the listing."),
    ({"kind": ""}, "Please choose what is wrong with the listing."),
    ({"contact_email": "not an address"}, "Please check the email address, or leave it empty."),
    ({"website": "https://cheap-pills.example"}, "Sorry, your suggestion could not be sent. Please check it and send it again."),
])
def test_bad_suggestions_are_refused_kindly_and_nothing_is_stored(circle, values, message):
    response = suggest(Client(), **values)

    assert response.status_code == 200
    page = text(response)
    assert message in page
    if values.get("text", "").strip():
        assert values["text"] in page, "what the person wrote is kept"
    assert 'name="website" value=""' in page, "the trap comes back empty, so a person can send again"
    assert not ListingCorrection.objects.exists()


def test_a_few_suggestions_an_hour_then_a_kind_pause(circle, member_client):
    for n in range(5):
        assert suggest(member_client, text=f"Correction {n}").status_code == 302

    refused = suggest(member_client, text="One more")

    assert "please wait a little before sending another" in text(refused) and "One more" in text(refused)
    assert ListingCorrection.objects.count() == 5
    # Signed-out visitors are counted by their address: someone else is not held up.
    assert Client(REMOTE_ADDR="198.51.100.7").post(SUGGEST, {"kind": "other", "text": "Hello"}).status_code == 302


def test_signed_out_visitors_are_limited_by_their_address(circle, settings):
    settings.PEERCIRCLE_LISTING_CORRECTIONS_PER_HOUR = 2
    visitor = Client(REMOTE_ADDR="203.0.113.9")
    assert [suggest(visitor, text=f"Change {n}").status_code for n in range(3)] == [302, 302, 200]
    assert ListingCorrection.objects.count() == 2


def test_a_group_waiting_for_approval_cannot_be_corrected_by_people_who_cannot_see_it(
        organization, member, member_client, other_member_client):
    SupportGroupFactory(slug="waiting", status="pending_approval", organization=organization, created_by=member)

    for client in (Client(), other_member_client):
        assert client.get("/groups/waiting/suggest-correction/").status_code == 404
        assert client.post("/groups/waiting/suggest-correction/", {"kind": "other", "text": "x"}).status_code == 404
    assert "Suggest a correction" not in text(member_client.get("/groups/waiting/"))
    assert not ListingCorrection.objects.exists()


def test_facilitators_are_not_offered_the_link_they_can_edit_the_details(circle, facilitator_client):
    assert "Suggest a correction" not in text(facilitator_client.get("/groups/circle/"))


# --- What the listing says about being confirmed ---------------------------------------------------

def test_the_listing_says_when_the_facilitators_confirmed_it(circle, settings):
    settings.PEERCIRCLE_LISTING_CONFIRM_DAYS = 60
    circle.last_confirmed_at = datetime(2026, 3, 12, 10, 0, tzinfo=UTC)
    circle.save(update_fields=["last_confirmed_at"])
    assert "Details confirmed by the facilitators on 12 March 2026." in text(Client().get("/groups/circle/"))
    spanish = Client(headers={"Accept-Language": "es"})
    spanish.cookies["django_language"] = "es"
    assert "12 de marzo de 2026" in text(spanish.get("/groups/circle/"))

    recently = timezone.now() - timedelta(days=59)
    circle.last_confirmed_at = recently
    circle.save(update_fields=["last_confirmed_at"])
    page = text(Client().get("/groups/circle/"))
    assert f"Details confirmed by the facilitators on {recently.day} {recently:%B %Y}." in page
    assert "These details may be out of date" not in page

    circle.last_confirmed_at = timezone.now() - timedelta(days=61)
    circle.save(update_fields=["last_confirmed_at"])
    assert "These details may be out of date" in text(Client().get("/groups/circle/"))

    circle.last_confirmed_at = None
    circle.save(update_fields=["last_confirmed_at"])
    page = text(Client().get("/groups/circle/"))
    assert "Details not confirmed yet." in page and "These details may be out of date" in page


def test_the_stale_note_uses_the_default_of_90_days(circle):
    circle.last_confirmed_at = timezone.now() - timedelta(days=89)
    circle.save(update_fields=["last_confirmed_at"])
    assert "These details may be out of date" not in text(Client().get("/groups/circle/"))
    circle.last_confirmed_at = timezone.now() - timedelta(days=91)
    circle.save(update_fields=["last_confirmed_at"])
    assert "These details may be out of date" in text(Client().get("/groups/circle/"))


def test_the_manage_page_asks_to_confirm_stale_details_and_counts_suggestions(circle, facilitator_client):
    ListingCorrectionFactory.create_batch(2, group=circle)
    ListingCorrectionFactory(group=circle, status="done")
    page = text(facilitator_client.get("/groups/circle/manage/"))
    assert "Suggestions to review (2)" in page and QUEUE in page
    assert "Confirm these details are still right" not in page

    circle.last_confirmed_at = timezone.now() - timedelta(days=120)
    circle.save(update_fields=["last_confirmed_at"])
    page = text(facilitator_client.get("/groups/circle/manage/"))
    assert "Confirm these details are still right" in page

    facilitator_client.post("/groups/circle/manage/confirm/")
    assert "Confirm these details are still right" not in text(facilitator_client.get("/groups/circle/manage/"))


# --- The queue -------------------------------------------------------------------------------------

def test_the_queue_is_for_the_groups_facilitators_and_its_organizations_admins(
        organization, circle, member, member_client, other_member_client, org_admin_client, facilitator_client):
    circle.organization = organization
    circle.save(update_fields=["organization"])
    GroupMembershipFactory(group=circle, user=member)
    correction = ListingCorrectionFactory(group=circle, suggested_by=member)
    someone_elses_facilitator = UserFactory()
    SupportGroupFactory(slug="walkers", facilitator=someone_elses_facilitator)

    assert "It meets on Thursdays now" in text(facilitator_client.get(QUEUE))
    assert "It meets on Thursdays now" in text(org_admin_client.get(QUEUE))
    for client in (member_client, other_member_client, signed_in(someone_elses_facilitator)):
        assert client.get(QUEUE).status_code == 404
        assert resolve(client, correction).status_code == 404
    assert Client().get(QUEUE).status_code == 302
    assert Client().post(f"{QUEUE}{correction.pk}/resolve/", {"outcome": "done"}).status_code == 302
    correction.refresh_from_db()
    assert correction.status == "open"


def test_the_queue_shows_open_suggestions_first_with_what_who_and_when(circle, member, facilitator_client):
    GroupMembershipFactory(group=circle, user=member)
    old = ListingCorrectionFactory(group=circle, text="An old one, already done.", status="done",
                                   reviewed_at=timezone.now(), reply="Fixed, thanks!")
    ListingCorrectionFactory(group=circle, kind="online_link", text="The link says the room is closed.",
                             suggested_by=member)
    ListingCorrectionFactory(group=circle, kind="place", text="They moved to the library.")
    ListingCorrectionFactory(group=circle, kind="other", text="I am not in the group.", suggested_by=UserFactory(
        profile__display_name="Quentin"))
    old.created_at = timezone.now() + timedelta(days=1)  # newest, yet listed after the open ones
    old.save(update_fields=["created_at"])

    page = text(facilitator_client.get(QUEUE))

    assert page.index("They moved to the library.") < page.index("An old one, already done.")
    assert page.index("The link says the room is closed.") < page.index("An old one, already done.")
    assert "Online link" in page and "Place or venue" in page
    assert "Mara" in page, "a fellow member's name, shown as the group shows it"
    assert "Quentin" not in page and page.count("A visitor") == 3
    assert "Fixed, thanks!" in page
    assert "They will see your reply on their My groups page." in page
    assert "They left no way to hear back; your reply is kept here." in page


def test_marking_done_with_confirmation_moves_the_confirmed_date_and_the_suggester_sees_the_reply(
        circle, member, member_client, facilitator, facilitator_client):
    suggest(member_client)
    correction = ListingCorrection.objects.get()
    circle.last_confirmed_at = timezone.now() - timedelta(days=200)
    circle.save(update_fields=["last_confirmed_at"])

    response = resolve(facilitator_client, correction, note="Updated to Thursdays, thank you!",
                       confirm_details="on")

    assert response.status_code == 302 and response["Location"] == QUEUE
    correction.refresh_from_db()
    circle.refresh_from_db()
    assert correction.status == "done" and correction.reviewed_by == facilitator
    assert timezone.now() - circle.last_confirmed_at < timedelta(minutes=1)
    assert "These details may be out of date" not in text(Client().get("/groups/circle/"))
    mine = text(member_client.get("/me/groups/"))
    assert "Done" in mine and "Updated to Thursdays, thank you!" in mine
    assert AuditEntry.objects.filter(action="group.confirm_details").exists()
    assert AuditEntry.objects.filter(action="listing_correction.resolve", subject=member).exists()
    assert AuditEntry.objects.filter(action="listing_correction.notify_suggester", subject=member).exists()


def test_dismissing_leaves_the_confirmed_date_alone(circle, facilitator_client):
    correction = ListingCorrectionFactory(group=circle)
    before = circle.last_confirmed_at

    resolve(facilitator_client, correction, outcome="dismissed", note="It still meets on Tuesdays.")

    correction.refresh_from_db()
    circle.refresh_from_db()
    assert correction.status == "dismissed" and correction.reply == "It still meets on Tuesdays."
    assert circle.last_confirmed_at == before
    assert "Dismissed" in text(facilitator_client.get(QUEUE))


def test_a_reviewed_suggestion_is_not_reviewed_twice_and_the_reply_is_kept(circle, facilitator_client):
    correction = ListingCorrectionFactory(group=circle)
    resolve(facilitator_client, correction)

    again = resolve(facilitator_client, correction, outcome="dismissed", note="Second thoughts")
    too_long = resolve(facilitator_client, ListingCorrectionFactory(group=circle), note="y" * 1001)

    assert "This suggestion has already been reviewed." in text(again)
    assert "Please keep the reply under 1,000 characters" in text(too_long) and "y" * 1001 in text(too_long)
    correction.refresh_from_db()
    assert correction.status == "done"
    assert ListingCorrection.objects.filter(status="open").count() == 1


def test_the_queue_takes_the_same_number_of_queries_for_many_suggestions(
        circle, facilitator_client, django_assert_max_num_queries):
    def queries(client):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            assert client.get(QUEUE).status_code == 200
        return len(captured)

    def add(n):
        for _ in range(n):
            person = UserFactory()
            GroupMembershipFactory(group=circle, user=person)
            ListingCorrectionFactory(group=circle, suggested_by=person)
            ListingCorrectionFactory(group=circle)
            ListingCorrectionFactory(group=circle, status="dismissed", reply="No change needed.")

    add(2)
    queries(facilitator_client)
    few = queries(facilitator_client)
    add(10)
    with django_assert_max_num_queries(few):
        page = text(facilitator_client.get(QUEUE))
    assert page.count("It meets on Thursdays now") == 25, "one page"
    assert "Page 1 of 2" in page


# --- Across all my groups --------------------------------------------------------------------------

def test_my_groups_counts_open_suggestions_and_links_to_one_queue_for_all_of_them(
        circle, facilitator, facilitator_client, django_assert_max_num_queries):
    walkers = SupportGroupFactory(name="Sunday walkers", slug="walkers", facilitator=facilitator)
    ListingCorrectionFactory(group=circle, text="Circle: the room changed.")
    ListingCorrectionFactory(group=walkers, text="Walkers: they start at the park gate now.")
    ListingCorrectionFactory(group=walkers, status="done")
    ListingCorrectionFactory(text="Someone else's group.")

    mine = text(facilitator_client.get("/me/groups/"))
    assert "2 suggestions to review" in mine and "/groups/suggestions/" in mine

    with django_assert_max_num_queries(12):
        everything = text(facilitator_client.get("/groups/suggestions/"))
    assert "Circle: the room changed." in everything and "Walkers: they start at the park gate now." in everything
    assert "Someone else's group." not in everything
    assert "Manchester grief circle" in everything and "Sunday walkers" in everything


def test_resolving_from_the_combined_queue_comes_back_to_it(circle, facilitator_client):
    correction = ListingCorrectionFactory(group=circle)

    response = resolve(facilitator_client, correction, back="all")
    refused = resolve(facilitator_client, correction, back="all", note="Again")

    assert response["Location"] == "/groups/suggestions/"
    assert "This suggestion has already been reviewed." in text(refused) and "Suggestions to review" in text(refused)


def test_an_organizations_admin_sees_its_groups_in_the_combined_queue(organization, circle, org_admin_client):
    circle.organization = organization
    circle.save(update_fields=["organization"])
    ListingCorrectionFactory(group=circle, text="Harbour group correction.")

    assert "Harbour group correction." in text(org_admin_client.get("/groups/suggestions/"))


def test_members_who_run_no_group_see_an_empty_queue_and_no_count(circle, member_client):
    ListingCorrectionFactory(group=circle)

    assert "suggestions to review" not in text(member_client.get("/me/groups/")).lower()
    assert "It meets on Thursdays now" not in text(member_client.get("/groups/suggestions/"))


# --- Pages are well formed -------------------------------------------------------------------------

@pytest.mark.parametrize("who, path", [
    ("anyone", SUGGEST), ("member", SUGGEST), ("anyone", "/groups/circle/suggest-correction/thanks/"),
    ("facilitator", QUEUE), ("facilitator", "/groups/suggestions/"),
])
def test_correction_pages_are_well_formed(who, path, circle, facilitator, member):
    from peercircle.core.tests.test_pages import assert_is_a_well_formed_page

    ListingCorrectionFactory(group=circle)
    ListingCorrectionFactory(group=circle, status="done", reply="Thanks")
    client = Client() if who == "anyone" else signed_in(member if who == "member" else facilitator)

    assert_is_a_well_formed_page(client.get(path))


def test_a_group_cannot_take_the_address_of_the_combined_queue(member):
    from peercircle.groups.services import group_create

    group = group_create(actor=member, name="Suggestions", format="online", timezone="UTC")

    assert group.slug != "suggestions"


def test_staff_see_suggestions_in_the_admin_but_not_the_visitors_address(circle, staff_client):
    correction = ListingCorrectionFactory(group=circle, contact_email="sam@example.net")

    page = text(staff_client.get(f"/admin/groups/listingcorrection/{correction.pk}/change/"))

    assert "It meets on Thursdays now" in page and "sam@example.net" not in page
    assert staff_client.get("/admin/groups/listingcorrection/").status_code == 200
