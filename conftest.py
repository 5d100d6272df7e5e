"""Shared fixtures: one per role, built from the factories, and a signed-in client for each.

Roles live in `organization` ("Harbour"), except `other_member`, who belongs to
`other_organization` and so is a stranger to everyone in Harbour. Moderators, organization
admins and staff have a TOTP authenticator, as the two-factor middleware demands.
"""

import os

import pytest
from django.core.cache import cache

from peercircle.core.tests.helpers import signed_in


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    # Several people may run suites against the same PostgreSQL server at once; a suffix
    # keeps their test databases apart (pytest-django drops a test database it finds).
    suffix = os.environ.get("PEERCIRCLE_TEST_DB_SUFFIX")
    if suffix:
        from django.conf import settings

        for db in settings.DATABASES.values():
            if db["ENGINE"] != "django.db.backends.sqlite3":
                test = db.setdefault("TEST", {})
                test["NAME"] = f"{test.get('NAME') or 'test_' + db['NAME']}_{suffix}"


def pytest_configure(config):
    # xdist workers share one Redis database: each gets its own key prefix, so one worker
    # emptying the cache cannot reset another's rate-limit counters halfway through a test.
    from django.conf import settings

    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if worker and settings.CACHES["default"]["BACKEND"].endswith("RedisCache"):
        default = settings.CACHES["default"]
        default["KEY_PREFIX"] = f"{default.get('KEY_PREFIX', '')}-test-{worker}"


def _empty_cache():
    from django.conf import settings

    if settings.CACHES["default"]["BACKEND"].endswith("RedisCache"):
        # Only this worker's keys; FLUSHDB would empty the whole shared Redis database.
        client = cache._cache.get_client(write=True)
        keys = list(client.scan_iter(match=f"{cache.key_prefix}:*", count=1000))
        if keys:
            client.delete(*keys)
    else:
        cache.clear()


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings):
    """MD5 hashing keeps the suite fast (the Argon2 test restores the real hashers); rate
    limits would trip over tests that sign in often (one test checks them); the cache may
    be a shared Redis, so each test starts with it empty."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.ACCOUNT_RATE_LIMITS = False
    _empty_cache()
    yield
    _empty_cache()


# --- Organizations ------------------------------------------------------------------------------

@pytest.fixture
def organization(db):
    from peercircle.organizations.tests.factories import OrganizationFactory

    return OrganizationFactory(name="Harbour Peer Network", slug="harbour")


@pytest.fixture
def other_organization(db):
    from peercircle.organizations.tests.factories import OrganizationFactory

    return OrganizationFactory(name="Hillside Recovery Community", slug="hillside",
                               kind="recovery_community", city="Leeds", country="GB",
                               timezone="Europe/London")


def _person_with_role(organization, role, **user_kwargs):
    from peercircle.accounts.tests.factories import UserFactory
    from peercircle.organizations.tests.factories import MembershipFactory

    user = UserFactory(**user_kwargs)
    MembershipFactory(user=user, organization=organization, role=role)
    return user


# --- One fixture per role ------------------------------------------------------------------------

@pytest.fixture
def member(organization):
    return _person_with_role(organization, "member", email="member@example.org",
                             profile__display_name="Mara")


@pytest.fixture
def other_member(other_organization):
    return _person_with_role(other_organization, "member", email="other@example.org",
                             profile__display_name="Olwen")


@pytest.fixture
def peer_supporter(organization):
    return _person_with_role(organization, "peer_supporter", email="supporter@example.org",
                             profile__display_name="Sol")


@pytest.fixture
def facilitator(organization):
    return _person_with_role(organization, "facilitator", email="facilitator@example.org",
                             profile__display_name="Fen")


@pytest.fixture
def moderator(organization):
    return _person_with_role(organization, "moderator", email="moderator@example.org",
                             profile__display_name="Mo", two_factor=True)


@pytest.fixture
def org_admin(organization):
    return _person_with_role(organization, "org_admin", email="admin@example.org",
                             profile__display_name="Ada", two_factor=True)


@pytest.fixture
def clinician(organization):
    return _person_with_role(organization, "clinician", email="clinician@example.org",
                             profile__display_name="Dr Cal")


@pytest.fixture
def staff_user(db):
    from peercircle.accounts.tests.factories import UserFactory

    return UserFactory(email="staff@example.org", is_staff=True, is_superuser=True,
                       profile__display_name="Stef", two_factor=True)


# --- Signed-in clients ---------------------------------------------------------------------------

@pytest.fixture
def member_client(member):
    return signed_in(member)


@pytest.fixture
def other_member_client(other_member):
    return signed_in(other_member)


@pytest.fixture
def peer_supporter_client(peer_supporter):
    return signed_in(peer_supporter)


@pytest.fixture
def facilitator_client(facilitator):
    return signed_in(facilitator)


@pytest.fixture
def moderator_client(moderator):
    return signed_in(moderator)


@pytest.fixture
def org_admin_client(org_admin):
    return signed_in(org_admin)


@pytest.fixture
def clinician_client(clinician):
    return signed_in(clinician)


@pytest.fixture
def staff_client(staff_user):
    return signed_in(staff_user)


# --- The command line ----------------------------------------------------------------------------

@pytest.fixture
def peercircle_cli(monkeypatch):
    """`peercircle …` run in-process against the test database. A management command closes
    every database connection when it finishes, which would end the test's transaction on
    PostgreSQL, so that one step is skipped here."""
    from django.db import connections

    from peercircle.cli import main

    monkeypatch.setattr(connections, "close_all", lambda: None)
    return main
