import copy
import json

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from peercircle.core.tests.helpers import text
from peercircle.experiences import taxonomy
from peercircle.experiences.models import PersonExperience, TaxonomyNode
from peercircle.experiences.tests.factories import PersonExperienceFactory

pytestmark = pytest.mark.django_db

# The experiences and communities the foundation issue asks for, by their stable codes.
REQUIRED_EXPERIENCES = [
    "mental_health.depression", "mental_health.anxiety", "mental_health.bipolar", "mental_health.psychosis",
    "mental_health.ptsd", "mental_health.eating_disorder", "mental_health.ocd", "mental_health.bpd",
    "mental_health.perinatal", "mental_health.self_harm", "mental_health.suicide_survivor",
    "mental_health.neurodivergence",
    "substance_use.alcohol", "substance_use.opioids", "substance_use.stimulants", "substance_use.cannabis",
    "substance_use.gambling", "substance_use.family", "substance_use.tobacco",
    "chronic_illness.diabetes", "chronic_illness.cancer", "chronic_illness.chronic_pain", "chronic_illness.hiv",
    "chronic_illness.multiple_sclerosis", "chronic_illness.long_covid", "chronic_illness.heart",
    "chronic_illness.autoimmune", "chronic_illness.kidney",
    "grief.parent", "grief.child", "grief.partner", "grief.suicide_loss", "grief.pregnancy_loss",
    "grief.sibling", "grief.friend",
    "life.caregiving", "life.divorce", "life.unemployment", "life.homelessness", "life.reentry",
    "life.domestic_abuse", "life.new_parent", "life.loneliness",
]
REQUIRED_COMMUNITIES = [
    "community.veterans", "community.lgbtq", "community.youth", "community.older_adults", "community.parents",
    "community.bipoc", "community.disabled", "community.rural",
]


def test_the_taxonomy_api_is_public_and_lists_every_required_code():
    response = Client().get("/api/v1/taxonomy")

    assert response.status_code == 200
    nodes = {node["code"]: node for node in response.json()}
    assert set(REQUIRED_EXPERIENCES + REQUIRED_COMMUNITIES) <= set(nodes)
    assert nodes["mental_health.depression"]["parent"] == "mental_health"
    assert nodes["mental_health"]["parent"] is None
    assert {nodes[code]["kind"] for code in REQUIRED_COMMUNITIES} == {"community"}
    assert {nodes[code]["kind"] for code in REQUIRED_EXPERIENCES} == {"experience"}


def test_every_entry_has_an_english_and_a_spanish_label():
    nodes = Client().get("/api/v1/taxonomy").json()

    assert all(node["labels"]["en"] and node["labels"]["es"] for node in nodes)


def test_labels_come_in_spanish_when_asked():
    english = {n["code"]: n["label"] for n in Client().get("/api/v1/taxonomy").json()}
    spanish = {n["code"]: n["label"] for n in Client().get("/api/v1/taxonomy?lang=es").json()}

    assert english["mental_health.depression"] == "Depression"
    assert spanish["mental_health.depression"] == "Depresión"
    assert spanish["community.older_adults"] == "Personas mayores"


def test_the_taxonomy_can_be_filtered_by_kind():
    nodes = Client().get("/api/v1/taxonomy?kind=community").json()

    assert {n["kind"] for n in nodes} == {"community"}
    assert set(REQUIRED_COMMUNITIES) <= {n["code"] for n in nodes}


def test_one_entry_by_code_and_404_for_an_unknown_code():
    entry = Client().get("/api/v1/taxonomy/grief.suicide_loss?lang=es")
    assert entry.status_code == 200
    assert entry.json()["label"] == "Pérdida por suicidio"

    missing = Client().get("/api/v1/taxonomy/grief.nothing")
    assert missing.status_code == 404
    assert missing.json() == {"detail": "Not found."}


def test_the_experiences_page_lists_the_taxonomy_for_everyone(client):
    page = client.get("/experiences/")

    assert page.status_code == 200
    for label in ("Mental health", "Depression", "Loneliness & isolation", "Veterans & military families", "Rural & remote communities"):
        assert label in text(page)


def test_an_entry_has_its_own_page_and_unknown_codes_are_404(client):
    assert "Loss of a sibling" in text(client.get("/experiences/grief.sibling/"))
    assert client.get("/experiences/grief.nothing/").status_code == 404


def test_taxonomy_sync_is_idempotent(capsys):
    call_command("taxonomy_sync")
    first = json.loads(capsys.readouterr().out)
    call_command("taxonomy_sync")
    second = json.loads(capsys.readouterr().out)

    assert second == {"created": 0, "updated": 0, "retired": 0}
    assert first == second  # the test database was synced by migrate already
    assert TaxonomyNode.objects.count() == len(taxonomy.load_file()["nodes"])


@pytest.fixture
def file_without_loneliness(monkeypatch):
    data = copy.deepcopy(taxonomy.load_file())
    data["nodes"] = [n for n in data["nodes"] if n["code"] != "life.loneliness"]
    for node in data["nodes"]:
        if node["code"] == "grief.friend":
            node["label"]["en"] = "Loss of a close friend"
    monkeypatch.setattr(taxonomy, "load_file", lambda: data)
    return data


def test_a_code_dropped_from_the_file_is_deactivated_and_kept_for_existing_records(file_without_loneliness, member):
    experience = PersonExperienceFactory(user=member, code="life.loneliness")

    result = taxonomy.taxonomy_sync()

    assert (result["created"], result["retired"]) == (0, 1)
    node = TaxonomyNode.objects.get(code="life.loneliness")
    assert node.is_active is False
    assert PersonExperience.objects.filter(pk=experience.pk).exists()
    assert "life.loneliness" not in {n["code"] for n in Client().get("/api/v1/taxonomy").json()}
    assert Client().get("/api/v1/taxonomy/life.loneliness").status_code == 404
    assert "Loss of a close friend" in text(Client().get("/experiences/"))
    assert "Loneliness & isolation" not in text(Client().get("/experiences/"))


def test_a_code_that_comes_back_is_reactivated(file_without_loneliness, monkeypatch):
    taxonomy.taxonomy_sync()
    monkeypatch.undo()

    assert taxonomy.taxonomy_sync()["updated"] >= 1
    assert TaxonomyNode.objects.get(code="life.loneliness").is_active


def test_the_taxonomy_api_uses_the_same_number_of_queries_however_many_entries():
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert Client().get("/api/v1/taxonomy").status_code == 200
        return len(captured)

    parent = TaxonomyNode.objects.get(code="life")
    queries()
    before = queries()
    for n in range(20):
        TaxonomyNode.objects.create(code=f"life.extra_{n}", parent=parent, kind="experience",
                                    label_en=f"Extra {n}", label_es=f"Extra {n}")

    assert queries() == before
