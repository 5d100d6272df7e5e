"""Sign-up asks, optionally, "In your own words, what brings you here?". The words are never
turned into experiences silently: after the email is confirmed the person lands on the page
that suggests experiences from them, to confirm or change. They are not saved to the account
unless the person keeps them as a private story."""

import pytest
from django.contrib.sessions.models import Session
from django.core import mail

from peercircle.accounts.models import User
from peercircle.accounts.tests.test_signup_and_login import confirmation_path, signup
from peercircle.core.tests.helpers import text
from peercircle.experiences.models import PersonExperience

pytestmark = pytest.mark.django_db

WORDS = "my dad died in the spring and the house is so quiet now"


def _signed_up_and_confirmed(client, **overrides):
    response = signup(client, **overrides)
    assert response.status_code == 302
    return client.post(confirmation_path(mail.outbox[-1]))


def test_the_sign_up_page_asks_what_brings_them_here_and_says_it_is_not_saved(client):
    page = text(client.get("/accounts/signup/"))
    assert "In your own words, what brings you here? (optional)" in page
    assert "not saved to your account unless you choose to keep it as a private story" in page


def test_words_written_at_sign_up_lead_to_suggestions_to_confirm_never_to_assigned_experiences(client):
    waiting = client.get(signup(client, own_words=WORDS)["Location"])
    assert "Thank you for telling us what brings you here" in text(waiting)
    assert "not saved to your account" in text(waiting)

    confirmed = client.post(confirmation_path(mail.outbox[-1]))
    assert confirmed.status_code == 302 and confirmed["Location"] == "/me/experiences/suggest/"
    user = User.objects.get(email="nell@example.org")
    assert not PersonExperience.objects.filter(user=user).exists()  # nothing assigned silently

    page = client.get("/me/experiences/suggest/")
    body = text(page)
    assert page.status_code == 200
    assert WORDS in body  # prefilled, to change and ask again
    assert "Loss of a parent" in body and "Use this" in body
    assert "they are not saved to your account" in body and "Forget what I wrote" in body

    # "Use this": the code is chosen and the words wait in the private story box, to keep or clear.
    form = client.get("/me/experiences/", {"code": "grief.parent"}).content.decode()
    assert 'value="grief.parent" selected' in form and WORDS in text(client.get("/me/experiences/", {"code": "grief.parent"}))
    added = client.post("/me/experiences/", {"code": "grief.parent", "relation": "self", "stage": "current",
                                             "visibility": "matching", "story": WORDS})
    assert added.status_code == 302
    assert PersonExperience.objects.get(user=user).story == WORDS
    # Chosen: the words no longer wait in the session.
    assert client.get("/me/experiences/suggest/")["Location"] == "/me/experiences/"


def test_the_words_wait_encrypted_in_the_session_and_can_be_forgotten(client):
    _signed_up_and_confirmed(client, own_words=WORDS)
    stored = [session.session_data for session in Session.objects.all()]
    assert stored and not any("house is so quiet" in data for data in stored)
    assert not any("house is so quiet" in str(session.get_decoded()) for session in Session.objects.all())

    forgotten = client.post("/me/experiences/suggest/forget/")
    assert forgotten.status_code == 302
    assert "what you wrote when you signed up is gone" in text(client.get(forgotten["Location"]))
    assert client.get("/me/experiences/suggest/")["Location"] == "/me/experiences/"
    assert WORDS not in text(client.get("/me/experiences/", {"code": "grief.parent"}))


def test_without_words_sign_up_goes_on_as_before(client):
    confirmed = _signed_up_and_confirmed(client)
    assert confirmed["Location"] == "/"
    assert client.get("/me/experiences/suggest/")["Location"] == "/me/experiences/"


def test_words_that_sound_like_danger_show_where_to_get_help_at_once_and_again_with_the_suggestions(client):
    waiting = client.get(signup(client, own_words="I want to kill myself tonight, nobody would miss me")["Location"])
    assert "find a crisis line" in text(waiting)
    client.post(confirmation_path(mail.outbox[-1]))
    assert "find a crisis line" in text(client.get("/me/experiences/suggest/"))


def test_sign_up_words_in_spanish_are_suggested_in_spanish(client):
    client.cookies["django_language"] = "es"
    _signed_up_and_confirmed(client, own_words="desde el covid no puedo levantarme del sofá")
    body = text(client.get("/me/experiences/suggest/"))
    assert "COVID persistente" in body and "Usar esta" in body


def test_too_long_words_are_refused_kindly_and_no_account_is_made(client):
    response = signup(client, own_words="x" * 2001)
    assert response.status_code == 200
    assert "at most 2000 characters" in text(response)
    assert not User.objects.filter(email="nell@example.org").exists()
