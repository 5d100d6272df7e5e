"""The thread list's rows and the site's navigation are rendered once and kept (core/fragments.py):
whoever reads a space sees what they would have seen without the copy — their language, their
time zone, the newest counts and names, nothing from someone else's view."""

import re
from datetime import UTC, datetime

import pytest
from django.test import Client

from peercircle.accounts.services import profile_update
from peercircle.community.models import Thread
from peercircle.community.services import post_create, thread_create
from peercircle.core.tests.helpers import text

pytestmark = pytest.mark.django_db


def space_page(client, space) -> str:
    response = client.get(f"/community/spaces/{space.slug}/")
    assert response.status_code == 200
    return text(response)


def rows(page: str) -> str:
    return page.split('id="threads-h"', 1)[1]


@pytest.fixture
def started(member, topic_space, accepted):
    accepted(member)
    thread = thread_create(person=member, space=topic_space, title="Sundays", text="Sundays are the worst.")
    Thread.objects.filter(pk=thread.pk).update(last_post_at=datetime(2026, 3, 1, 12, 0, tzinfo=UTC))
    return thread


def test_each_reader_sees_the_times_in_their_own_zone(started, topic_space, member_client, other_member,
                                                      other_member_client):
    profile_update(actor=other_member, profile=other_member.profile, timezone="America/New_York")
    assert "last post 1 March 2026, 12:00" in rows(space_page(member_client, topic_space))
    # The same rows for a reader five hours behind: not the copy made for the first reader.
    assert "last post 1 March 2026, 07:00" in rows(space_page(other_member_client, topic_space))
    assert "last post 1 March 2026, 12:00" in rows(space_page(member_client, topic_space))


def test_each_reader_sees_the_rows_in_their_language(started, topic_space, member_client, other_member,
                                                     other_member_client):
    other_member.language = "es"
    other_member.save(update_fields=["language"])
    assert "Started by Mara" in rows(space_page(member_client, topic_space))
    spanish = rows(space_page(other_member_client, topic_space))
    assert "Started by" not in spanish and "Mara" in spanish
    assert "Started by Mara" in rows(space_page(member_client, topic_space))


def test_a_reply_and_a_new_name_show_at_once(started, topic_space, member, member_client, other_member,
                                             other_member_client, accepted):
    assert re.search(r"Sundays.*0 replies", rows(space_page(other_member_client, topic_space)), re.S)
    accepted(other_member)
    post_create(person=other_member, thread=started, text="Mine too.")
    assert re.search(r"Sundays.*1 reply\b", rows(space_page(other_member_client, topic_space)), re.S)
    profile_update(actor=member, profile=member.profile, display_name="Mara B.")
    page = rows(space_page(other_member_client, topic_space))
    assert "Started by Mara B." in page


def test_the_navigation_follows_the_reader(started, topic_space, member_client):
    signed_out = Client().get("/groups/")
    assert "Log in" in text(signed_out) and "My experiences" not in text(signed_out)
    signed_in = space_page(member_client, topic_space)
    assert "My experiences" in signed_in and "Log in" not in signed_in
    # The copy made for a signed-in reader never reaches the next visitor.
    assert "My experiences" not in text(Client().get("/groups/"))


def test_a_page_in_the_readers_language_says_so_in_its_headers(other_member, other_member_client, member_client):
    other_member.language = "es"
    other_member.save(update_fields=["language"])
    spanish = other_member_client.get("/community/")
    assert spanish.headers["Content-Language"] == "es" and '<html lang="es">' in spanish.content.decode()
    assert member_client.get("/community/").headers["Content-Language"] == "en"
