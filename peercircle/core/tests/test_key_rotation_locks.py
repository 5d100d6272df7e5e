"""`peercircle rotate-keys` must not overwrite a value someone saves while it runs."""

import pytest
from cryptography.fernet import Fernet
from django.db import connection

from peercircle.core import crypto
from peercircle.experiences.models import PersonExperience
from peercircle.experiences.tests.factories import PersonExperienceFactory

pytestmark = pytest.mark.django_db


def test_rotating_keys_locks_each_row_it_reads_until_it_is_rewritten(settings, member, monkeypatch,
                                                                     peercircle_cli):
    experience = PersonExperienceFactory(user=member, story="Written while keys rotate")
    settings.PEERCIRCLE_ENCRYPTION_KEYS = [Fernet.generate_key().decode(), *settings.PEERCIRCLE_ENCRYPTION_KEYS]
    crypto._fernet.cache_clear()
    # Behave as a database with row locks (PostgreSQL); on SQLite, which has none and locks
    # the whole database for a write transaction, the clause is recorded and then left out.
    monkeypatch.setattr(connection.features, "has_select_for_update", True)
    statements = []

    def record(execute, sql, params, many, context):
        statements.append(sql)
        if connection.vendor == "sqlite":
            sql = sql.replace(" FOR UPDATE", "")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        peercircle_cli(["rotate-keys"])

    table = connection.ops.quote_name(PersonExperience._meta.db_table)
    reads = [sql for sql in statements if sql.startswith("SELECT") and f"FROM {table} WHERE" in sql]
    assert reads and all(sql.endswith(" FOR UPDATE") for sql in reads)
    assert PersonExperience.objects.get(pk=experience.pk).story == "Written while keys rotate"
