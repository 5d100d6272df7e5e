"""Fixtures for the import tests: an admin of the *other* organization (Hillside), who imports
Harbour's feeds into Hillside, and the samples."""

import pytest

from peercircle.core.tests.helpers import signed_in


@pytest.fixture
def hillside_admin(other_organization):
    from peercircle.accounts.tests.factories import UserFactory
    from peercircle.organizations.tests.factories import MembershipFactory

    user = UserFactory(email="hillside-admin@example.org", profile__display_name="Hal", two_factor=True)
    MembershipFactory(user=user, organization=other_organization, role="org_admin")
    return user


@pytest.fixture
def hillside_admin_client(hillside_admin):
    return signed_in(hillside_admin)


@pytest.fixture
def hillside_facilitator(other_organization):
    from peercircle.accounts.tests.factories import UserFactory
    from peercircle.organizations.tests.factories import MembershipFactory

    user = UserFactory(email="hillside-facilitator@example.org")
    MembershipFactory(user=user, organization=other_organization, role="facilitator")
    return user
