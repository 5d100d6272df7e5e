"""The notifications page, the header count, and the settings page — through HTTP, with and
without HTMX."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from peercircle.core.tests.helpers import form_values, outline, text
from peercircle.groups.tests.factories import SupportGroupFactory
from peercircle.notifications.models import Notification, NotificationPreferences
from peercircle.notifications.tests.factories import NotificationFactory

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}


@pytest.fixture
def three(member):
    now = timezone.now()
    return [NotificationFactory(recipient=member, title=title, url=f"/groups/{slug}/",
                                created_at=now - timedelta(hours=hours))
            for title, slug, hours in (("Oldest", "a", 3), ("Middle", "b", 2), ("Newest", "c", 1))]


def test_the_list_shows_newest_first_with_unread_ones_marked(member_client, three):
    three[0].read_at = timezone.now()
    three[0].save()

    response = member_client.get("/notifications/")

    page = text(response)
    assert response.status_code == 200
    assert page.index("Newest") < page.index("Middle") < page.index("Oldest")
    assert f'id="notification-{three[2].pk}" class="notification unread"' in page
    assert f'id="notification-{three[0].pk}" class="notification"' in page
    assert "Mark all as read" in page
    assert outline(response).unlabelled_fields() == [] and outline(response).executable() == []


def test_the_list_is_paged_and_takes_a_few_queries_however_long(member, member_client,
                                                                django_assert_max_num_queries):
    for n in range(25):
        NotificationFactory(recipient=member, title=f"Note {n}")
    member_client.get("/notifications/")  # fills per-process caches (the agreements in force)

    with django_assert_max_num_queries(12):
        first = member_client.get("/notifications/")
    second = member_client.get("/notifications/?page=2")

    assert "Page 1 of 2" in text(first) and "Note 24" in text(first) and "Note 4" not in text(first)
    assert "Note 4" in text(second) and "Note 5" not in text(second)


def test_nothing_yet_is_said_kindly(member_client):
    page = text(member_client.get("/notifications/"))

    assert "Nothing here yet." in page and "Mark all as read" not in page


def test_the_header_counts_unread_notifications(member, member_client, three, other_member):
    NotificationFactory(recipient=other_member)
    three[0].read_at = timezone.now()
    three[0].save()

    page = text(member_client.get("/"))

    assert 'Notifications<span id="unread-count"> (2<span class="visually-hidden"> unread</span>)</span>' in page
    assert 'href="/notifications/"' not in text(Client().get("/"))


def test_the_header_says_99_plus_beyond_99(member, member_client):
    Notification.objects.bulk_create([Notification(recipient=member, kind="meeting_reminder", title=f"n{n}")
                                      for n in range(105)])

    assert "(99+" in text(member_client.get("/"))


def test_opening_a_notification_marks_it_read_and_follows_its_link(member_client, three):
    response = member_client.post(f"/notifications/{three[1].pk}/open/")

    three[1].refresh_from_db()
    assert response.status_code == 302 and response["Location"] == "/groups/b/"
    assert three[1].read_at is not None
    assert member_client.get(f"/notifications/{three[1].pk}/open/").status_code == 405


def test_marking_one_read_without_javascript_comes_back_to_the_list(member_client, three):
    response = member_client.post(f"/notifications/{three[2].pk}/read/", {"page": "1"})

    three[2].refresh_from_db()
    assert response.status_code == 302 and response["Location"] == "/notifications/"
    assert three[2].read_at is not None


def test_marking_one_read_with_htmx_swaps_it_in_place_and_updates_the_count(member_client, three):
    response = member_client.post(f"/notifications/{three[2].pk}/read/", headers=HTMX)

    body = text(response)
    assert response.status_code == 200 and "<html" not in body
    assert f'id="notification-{three[2].pk}" class="notification"' in body and "Mark as read" not in body
    assert 'id="unread-count" hx-swap-oob="true"' in body and "(2" in body


def test_mark_all_as_read(member, member_client, three):
    response = member_client.post("/notifications/read-all/")
    assert response.status_code == 302
    assert not Notification.objects.filter(recipient=member, read_at__isnull=True).exists()
    assert "All your notifications are marked as read." in text(member_client.get(response["Location"]))

    NotificationFactory(recipient=member, title="Fresh")
    partial = text(member_client.post("/notifications/read-all/", {"page": "1"}, headers=HTMX))
    assert "<html" not in partial and "Fresh" in partial and "Mark all as read" not in partial
    assert 'id="unread-count" hx-swap-oob="true"></span>' in partial


def test_someone_elses_notification_is_not_found(member_client, other_member):
    theirs = NotificationFactory(recipient=other_member)

    assert member_client.post(f"/notifications/{theirs.pk}/open/").status_code == 404
    assert member_client.post(f"/notifications/{theirs.pk}/read/").status_code == 404
    assert member_client.post("/notifications/999999/read/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_signed_out_people_are_asked_to_sign_in():
    response = Client().get("/notifications/")

    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


# --- Settings ---------------------------------------------------------------------------------

def test_the_settings_page_shows_the_defaults_and_saves_choices(member, member_client):
    response = member_client.get("/me/notifications/")
    assert response.status_code == 200
    assert form_values(response, "notification-preferences") == {
        "csrfmiddlewaretoken": form_values(response, "notification-preferences")["csrfmiddlewaretoken"],
        "meeting_reminders": "on", "reminder_lead": "day", "email": "on",
        "forum_replies": "on"}  # details in emails: off
    assert "Include the details in emails" in text(response)
    assert "confirm my groups' listings" not in text(response)  # not a facilitator
    assert outline(response).unlabelled_fields() == []
    assert 'aria-current="page">Notifications' in text(response)

    saved = member_client.post("/me/notifications/", {"reminder_lead": "both", "meeting_reminders": "on"})

    preferences = NotificationPreferences.objects.get(user=member)
    assert saved.status_code == 302
    assert preferences.reminder_lead == "both" and preferences.meeting_reminders and not preferences.email
    assert "Your notification settings are saved." in text(member_client.get("/me/notifications/"))


def test_a_bad_value_is_refused_kindly_and_nothing_changes(member, member_client):
    response = member_client.post("/me/notifications/", {"reminder_lead": "weekly", "email": "on"})

    assert response.status_code == 200
    assert "Please choose when to be reminded: 1 day before, 2 hours before, or both." in text(response)
    values = form_values(response, "notification-preferences")
    assert "meeting_reminders" not in values and values["email"] == "on"  # the person's input is kept
    assert not NotificationPreferences.objects.filter(user=member).exists()


def test_facilitators_can_turn_off_confirmation_reminders_and_suggested_corrections(facilitator, facilitator_client):
    SupportGroupFactory(facilitator=facilitator)

    page = facilitator_client.get("/me/notifications/")
    assert "Reminders to confirm my groups' listings, and suggested corrections to them" in text(page)
    assert "and a note when someone suggests a correction to it." in text(page)
    facilitator_client.post("/me/notifications/", {"reminder_lead": "day", "meeting_reminders": "on",
                                                   "email": "on"})

    assert NotificationPreferences.objects.get(user=facilitator).listing_confirmation_reminders is False


def test_the_details_in_emails_are_off_until_asked_for(member, member_client):
    page = member_client.get("/me/notifications/")
    assert "no group or meeting is named, in case someone else sees your inbox" in text(page)
    assert 'aria-describedby="id_email_details_helptext"' in text(page)

    member_client.post("/me/notifications/", {"reminder_lead": "day", "meeting_reminders": "on", "email": "on",
                                              "email_details": "on"})

    assert NotificationPreferences.objects.get(user=member).email_details is True
    assert form_values(member_client.get("/me/notifications/"), "notification-preferences")["email_details"] == "on"

    member_client.post("/me/notifications/", {"reminder_lead": "day", "email": "on"})

    assert NotificationPreferences.objects.get(user=member).email_details is False


def test_the_settings_page_in_spanish(facilitator, facilitator_client):
    facilitator.language = "es"
    facilitator.save()
    SupportGroupFactory(facilitator=facilitator)

    page = text(facilitator_client.get("/me/notifications/"))

    assert "Incluir los detalles en los correos" in page
    assert "no nombra ningún grupo ni reunión" in page
    assert "Recordatorios para confirmar las fichas de mis grupos, y correcciones que alguien sugiera" in page
    assert "y un aviso cuando alguien sugiere una corrección." in page


def test_the_page_says_when_no_email_can_be_sent(member, member_client):
    member.emailaddress_set.update(verified=False)

    assert "Your email address is not verified yet, so no emails are sent." in text(
        member_client.get("/me/notifications/"))


# --- The link in every email ----------------------------------------------------------------

def test_the_email_link_turns_emails_off_without_signing_in(member):
    from peercircle.notifications.emails import unsubscribe_token

    url = f"/notifications/unsubscribe/{unsubscribe_token(member)}/"
    shown = Client().get(url)
    assert shown.status_code == 200 and "Stop these emails" in text(shown)
    assert not NotificationPreferences.objects.filter(user=member).exists()  # looking changes nothing

    done = Client(enforce_csrf_checks=True).post(url, {"List-Unsubscribe": "One-Click"})

    assert done.status_code == 200 and "will not email you notifications any more" in text(done)
    assert NotificationPreferences.objects.get(user=member).email is False


def test_a_broken_email_link_says_what_to_do(member):
    response = Client().get("/notifications/unsubscribe/not-a-real-token/")

    assert response.status_code == 404
    assert "This link does not work." in text(response) and "/me/notifications/" in text(response)
