import re

import pytest
from django.test import Client

from peercircle.core.tests.helpers import links_to_other_hosts, outline

pytestmark = pytest.mark.django_db

ENDPOINTS = {
    ("get", "/api/v1/me"), ("get", "/api/v1/me/profile"), ("patch", "/api/v1/me/profile"),
    ("get", "/api/v1/people/{public_id}/profile"), ("get", "/api/v1/people/{public_id}/experiences"),
    ("get", "/api/v1/me/consents"), ("post", "/api/v1/me/consents/{kind}"), ("delete", "/api/v1/me/consents/{kind}"),
    ("get", "/api/v1/me/export"), ("post", "/api/v1/me/delete"),
    ("get", "/api/v1/me/tokens"), ("post", "/api/v1/me/tokens"), ("delete", "/api/v1/me/tokens/{token_id}"),
    ("get", "/api/v1/taxonomy"), ("get", "/api/v1/taxonomy/{code}"),
    ("get", "/api/v1/me/experiences"), ("post", "/api/v1/me/experiences"),
    ("patch", "/api/v1/me/experiences/{experience_id}"), ("delete", "/api/v1/me/experiences/{experience_id}"),
    ("get", "/api/v1/me/communities"), ("post", "/api/v1/me/communities"),
    ("delete", "/api/v1/me/communities/{community_id}"),
    ("get", "/api/v1/organizations"), ("get", "/api/v1/organizations/{slug}"),
    ("get", "/api/v1/organizations/{slug}/members"), ("post", "/api/v1/organizations/{slug}/members"),
}


def test_the_openapi_document_lists_every_endpoint():
    response = Client().get("/api/v1/openapi.json")

    assert response.status_code == 200
    document = response.json()
    assert document["info"]["title"] == "PeerCircle API"
    operations = {(method, path) for path, item in document["paths"].items() for method in item}
    assert ENDPOINTS <= operations


def test_the_openapi_document_describes_token_and_session_sign_in():
    schemes = Client().get("/api/v1/openapi.json").json()["components"]["securitySchemes"]

    assert {scheme["type"] for scheme in schemes.values()} >= {"http", "apiKey"}


def test_public_endpoints_need_no_sign_in_in_the_document():
    paths = Client().get("/api/v1/openapi.json").json()["paths"]

    assert "security" not in paths["/api/v1/taxonomy"]["get"]
    assert paths["/api/v1/me"]["get"]["security"]


def test_the_api_docs_page_lists_the_endpoints_and_loads_nothing_from_other_hosts():
    response = Client().get("/api/v1/docs")

    assert response.status_code == 200
    html = response.content.decode()
    for path in ("/api/v1/me/experiences", "/api/v1/taxonomy/{code}", "/api/v1/organizations/{slug}/members"):
        assert path in html
    assert links_to_other_hosts(html) == []
    page = outline(response)
    assert page.html_lang and page.h1_count == 1 and page.has_skip_link
    assert "default-src 'self'" in response["Content-Security-Policy"]


@pytest.mark.parametrize("path", ["/api/v1/docs", "/api/v1/explorer"])
def test_the_api_docs_and_explorer_assets_are_served_by_this_server(path):
    client = Client()
    html = client.get(path).content.decode()
    assets = re.findall(r'(?:src|href)="(/static/[^"]+)"', html)

    assert links_to_other_hosts(html) == []
    assert any(a.endswith(".js") for a in assets)
    for asset in assets:
        assert client.get(asset).status_code == 200, asset


def test_the_explorer_reads_the_openapi_document():
    assert "/api/v1/openapi.json" in Client().get("/api/v1/explorer").content.decode()
