import pytest

from peercircle.accounts.models import Consent, ConsentDocument
from peercircle.accounts.tests.factories import ConsentFactory
from peercircle.core.models import AuditEntry
from peercircle.core.tests.helpers import text

pytestmark = pytest.mark.django_db

REQUIRED = ("This agreement is needed to use PeerCircle. To withdraw it, you can delete your "
            "account from Privacy & data.")


def active(user, kind):
    return Consent.objects.filter(user=user, document__kind=kind, withdrawn_at__isnull=True)


def test_the_privacy_page_shows_each_agreement_and_whether_i_gave_it(member_client):
    page = text(member_client.get("/me/privacy/"))

    for title in ("Terms of use", "Privacy notice", "Research use of de-identified answers"):
        assert title in page
    assert page.count("You agreed to version 1.0") == 2
    assert "Download my data" in page


def test_withdrawing_research_consent_records_the_date_shows_it_and_audits_it(member_client, member):
    ConsentFactory(user=member, kind="research")

    response = member_client.post("/me/privacy/consents/research/", {"action": "withdraw"}, follow=True)

    assert "Withdrawn. From now on this is not used." in text(response)
    consent = Consent.objects.get(user=member, document__kind="research")
    assert consent.withdrawn_at is not None
    assert "Version 1.0: agreed" in text(response) and "withdrawn" in text(response)
    entry = AuditEntry.objects.get(action="consent.withdraw")
    assert entry.subject == member and entry.data == {"kind": "research", "version": "1.0"}


def test_withdrawing_a_required_agreement_is_refused_with_an_explanation(member_client, member):
    response = member_client.post("/me/privacy/consents/terms/", {"action": "withdraw"}, follow=True)

    assert REQUIRED in text(response)
    assert active(member, "terms").exists()
    assert not AuditEntry.objects.filter(action="consent.withdraw").exists()


def test_giving_research_consent_again_after_withdrawing_keeps_the_history(member_client, member):
    ConsentFactory(user=member, kind="research")
    member_client.post("/me/privacy/consents/research/", {"action": "withdraw"})

    response = member_client.post("/me/privacy/consents/research/", {"action": "give"}, follow=True)

    assert "Thank you. Your choice is saved." in text(response)
    assert active(member, "research").count() == 1
    assert Consent.objects.filter(user=member, document__kind="research").count() == 2
    assert AuditEntry.objects.filter(action="consent.give", subject=member).count() == 1


def test_withdrawing_a_consent_i_never_gave_is_not_found(member_client):
    assert member_client.post("/me/privacy/consents/research/", {"action": "withdraw"}).status_code == 404
    assert member_client.post("/me/privacy/consents/research/", {"action": "shrug"}).status_code == 404


def test_a_new_version_of_a_document_asks_me_to_agree_again(member_client, member):
    ConsentDocument.objects.create(kind="terms", version="2.0", title="Terms of use", body="New terms.", required=True)

    page = text(member_client.get("/me/privacy/"))
    assert "A new version (2.0) is available." in page

    member_client.post("/me/privacy/consents/terms/", {"action": "give"})
    assert active(member, "terms").filter(document__version="2.0").exists()


def test_the_consent_api_lists_gives_and_withdraws(member_client, member):
    listed = {row["kind"]: row for row in member_client.get("/api/v1/me/consents").json()}
    assert listed["terms"]["given"] is True and listed["terms"]["required"] is True
    assert listed["research"]["given"] is False

    assert member_client.post("/api/v1/me/consents/research").status_code == 200
    assert active(member, "research").exists()

    withdrawn = member_client.delete("/api/v1/me/consents/research")
    assert withdrawn.status_code == 200
    assert not active(member, "research").exists()
    assert member_client.delete("/api/v1/me/consents/research").status_code == 404


def test_the_consent_api_refuses_withdrawing_terms_and_unknown_kinds(member_client, member):
    refused = member_client.delete("/api/v1/me/consents/terms")
    assert refused.status_code == 400
    assert refused.json()["detail"] == REQUIRED
    assert active(member, "terms").exists()

    unknown = member_client.post("/api/v1/me/consents/marketing")
    assert unknown.status_code == 400
    assert unknown.json()["detail"] == "That consent does not exist."
