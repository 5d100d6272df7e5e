"""The Django admin cannot go around the rules: accounts are deleted with their personal data,
and a person's consents are theirs alone."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME

from peercircle.accounts.models import Consent, Profile, User
from peercircle.core.models import AuditEntry
from peercircle.core.tests.helpers import text
from peercircle.experiences.models import PersonExperience
from peercircle.experiences.tests.factories import PersonExperienceFactory

pytestmark = pytest.mark.django_db

USERS = "/admin/accounts/user/"


def test_staff_cannot_delete_an_account_row_directly(staff_client, member):
    assert staff_client.get(f"{USERS}{member.pk}/delete/").status_code == 403
    assert staff_client.post(f"{USERS}{member.pk}/delete/", {"post": "yes"}).status_code == 403
    listing = staff_client.post(USERS, {"action": "delete_selected", ACTION_CHECKBOX_NAME: [member.pk],
                                        "index": 0, "post": "yes"}, follow=True)
    assert "No action selected." in text(listing)
    assert User.objects.filter(pk=member.pk, deleted_at__isnull=True).exists()


def test_staff_delete_an_account_and_its_personal_data_after_confirming(staff_client, staff_user, member,
                                                                       other_member):
    PersonExperienceFactory(user=member, story="Mine alone")
    chosen = {"action": "delete_accounts", ACTION_CHECKBOX_NAME: [member.pk, other_member.pk, staff_user.pk]}

    asked = staff_client.post(USERS, {**chosen, "index": 0})

    assert asked.status_code == 200
    page = text(asked)
    assert "member@example.org" in page and "other@example.org" in page and "cannot be undone" in page
    assert "Your own account is left out" in page
    assert User.objects.filter(pk=member.pk, deleted_at__isnull=True).exists()  # nothing yet

    done = staff_client.post(USERS, {**chosen, "confirmed": "yes"}, follow=True)

    assert "Deleted 2 account(s) and their personal data." in text(done)
    for person in (member, other_member):
        person.refresh_from_db()
        assert person.deleted_at is not None and not person.is_active
        assert person.email.endswith("@deleted.invalid")
        assert not Profile.objects.filter(user=person).exists()
    assert not PersonExperience.objects.filter(user=member).exists()
    assert User.objects.get(pk=staff_user.pk).is_active
    entry = AuditEntry.objects.get(action="admin.user.delete_account", subject=member)
    assert (entry.actor, entry.is_staff_action) == (staff_user, True)


def test_staff_can_read_consents_but_not_give_change_or_delete_them(staff_client, member):
    consent = Consent.objects.filter(user=member).first()

    assert staff_client.get("/admin/accounts/consent/").status_code == 200
    assert staff_client.get(f"/admin/accounts/consent/{consent.pk}/change/").status_code == 200
    assert staff_client.get("/admin/accounts/consent/add/").status_code == 403
    assert staff_client.post(f"/admin/accounts/consent/{consent.pk}/change/",
                             {"withdrawn_at_0": "2026-01-01", "withdrawn_at_1": "10:00"}).status_code == 403
    assert staff_client.post(f"/admin/accounts/consent/{consent.pk}/delete/", {"post": "yes"}).status_code == 403
    consent.refresh_from_db()
    assert consent.withdrawn_at is None
