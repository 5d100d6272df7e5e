import pytest

from peercircle.accounts.models import PersonalToken

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("days", [None, 0, 400])
def test_a_token_that_would_never_expire_or_last_too_long_is_refused(member_client, days):
    response = member_client.post("/api/v1/me/tokens", {"name": "script", "expires_in_days": days},
                                  content_type="application/json")

    assert response.status_code in (400, 422)
    assert not PersonalToken.objects.exists()


def test_every_token_has_an_end_date(member_client):
    response = member_client.post("/api/v1/me/tokens", {"name": "script"}, content_type="application/json")

    assert response.status_code == 201
    assert response.json()["expires_at"] is not None
