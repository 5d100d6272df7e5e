import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from peercircle.core import crypto
from peercircle.experiences.models import PersonExperience
from peercircle.experiences.tests.factories import PersonExperienceFactory

pytestmark = pytest.mark.django_db


def stored_story(experience) -> str:
    table = connection.ops.quote_name(PersonExperience._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT story FROM {table} WHERE id = %s", [experience.pk])
        return cursor.fetchone()[0]


def story_of(experience) -> str:
    return PersonExperience.objects.get(pk=experience.pk).story


def use_keys(settings, *keys):
    settings.PEERCIRCLE_ENCRYPTION_KEYS = list(keys)
    crypto._fernet.cache_clear()


def test_an_encrypted_value_round_trips_and_is_different_each_time(member):
    first = PersonExperienceFactory(user=member, code="grief.parent", story="Same words, ñ and emoji 🌧")
    second = PersonExperienceFactory(user=member, code="grief.child", story="Same words, ñ and emoji 🌧")

    assert story_of(first) == "Same words, ñ and emoji 🌧"
    assert stored_story(first).startswith("fernet:")
    assert stored_story(first) != stored_story(second)


def test_empty_stories_are_stored_as_empty_text(member):
    experience = PersonExperienceFactory(user=member, story="")

    assert stored_story(experience) == ""
    assert story_of(experience) == ""


def test_rotating_keys_keeps_old_values_readable_and_moves_them_to_the_new_key(settings, member, capsys, peercircle_cli):
    old_key = settings.PEERCIRCLE_ENCRYPTION_KEYS[0]
    experience = PersonExperienceFactory(user=member, story="Written under the old key")
    new_key = Fernet.generate_key().decode()

    use_keys(settings, new_key, old_key)
    assert story_of(experience) == "Written under the old key"

    peercircle_cli(["rotate-keys"])
    assert "experiences.PersonExperience: 1 rows re-encrypted" in capsys.readouterr().out

    use_keys(settings, new_key)
    assert story_of(experience) == "Written under the old key"


def test_rotating_keys_twice_is_harmless(settings, member, peercircle_cli):
    experience = PersonExperienceFactory(user=member, story="Twice")
    use_keys(settings, Fernet.generate_key().decode(), *settings.PEERCIRCLE_ENCRYPTION_KEYS)

    peercircle_cli(["rotate-keys"])
    peercircle_cli(["rotate-keys"])

    assert story_of(experience) == "Twice"


def test_rotating_keys_encrypts_text_written_before_encryption(member, peercircle_cli):
    experience = PersonExperienceFactory(user=member)
    table = connection.ops.quote_name(PersonExperience._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET story = %s WHERE id = %s", ["legacy plain text", experience.pk])

    assert story_of(experience) == "legacy plain text"
    peercircle_cli(["rotate-keys"])

    assert stored_story(experience).startswith("fernet:")
    assert story_of(experience) == "legacy plain text"


def test_a_value_no_configured_key_can_read_fails_with_a_clear_error(settings, member):
    experience = PersonExperienceFactory(user=member, story="Locked away")

    use_keys(settings, Fernet.generate_key().decode())

    with pytest.raises(ImproperlyConfigured, match="could not be read with any configured key"):
        story_of(experience)


def test_no_key_at_all_is_a_clear_error(settings):
    use_keys(settings)

    with pytest.raises(ImproperlyConfigured, match="holds no key"):
        crypto.encrypt("x")


@pytest.mark.parametrize("lookup", ["icontains", "contains", "startswith", "gt", "in"])
def test_encrypted_text_cannot_be_searched(lookup):
    with pytest.raises(TypeError, match="cannot be searched"):
        PersonExperience.objects.filter(**{f"story__{lookup}": "x"})


def test_encrypted_text_can_be_tested_for_being_empty(member):
    PersonExperienceFactory(user=member, story="")

    assert PersonExperience.objects.filter(story__isnull=False, story="").count() == 1
