"""Suggesting taxonomy codes from someone's own words: the lexical backend, the CLI contract
(JSON lines in and out) and the API. Nothing is ever assigned: these are suggestions."""

import io
import json
import sys

import pytest
from django.core.management import call_command
from django.test import Client

from peercircle.core.tests.helpers import signed_in
from peercircle.experiences import lexicon
from peercircle.experiences.suggest import suggest

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_lexicon():
    lexicon.reset_cache()
    yield
    lexicon.reset_cache()


@pytest.mark.parametrize("text, lang, expected", [
    ("mum passed in March and the house is so quiet", "en", "grief.parent"),
    ("40 days without wine and the evenings are the worst", "en", "substance_use.alcohol"),
    ("desde el covid no puedo levantarme del sofá", "es", "chronic_illness.long_covid"),
    ("my husband died last year and I'm raising our kids alone", "en", "grief.partner"),
])
def test_the_issues_examples_rank_the_right_code_first(text, lang, expected):
    found = suggest(text, lang=lang)
    assert found.experiences[0].code == expected
    assert 0 < found.experiences[0].score <= 1
    assert found.experiences[0].evidence  # the words that led to it


def test_communities_are_suggested_apart_and_nothing_for_small_talk():
    found = suggest("I'm a veteran and since I came back I can't sleep", lang="en")
    assert [s.code for s in found.communities][:1] == ["community.veterans"]
    assert suggest("hello, how are you today?", lang="en").experiences == []


def _cli(lines: list[str]) -> list[dict]:
    out = io.StringIO()
    stdin = sys.stdin
    sys.stdin = io.StringIO("\n".join(lines) + "\n")
    try:
        call_command("suggest_experiences", stdout=out)
    finally:
        sys.stdin = stdin
    return [json.loads(line) for line in out.getvalue().splitlines() if line.strip()]


def test_the_cli_reads_and_writes_json_lines_best_first():
    rows = _cli([json.dumps({"id": "a", "text": "40 days without wine and the evenings are the worst", "lang": "en"}),
                 json.dumps({"id": 2, "text": "desde el covid no puedo levantarme del sofá", "lang": "es"})])
    assert [row["id"] for row in rows] == ["a", 2]
    assert rows[0]["experiences"][0]["code"] == "substance_use.alcohol"
    scores = [item["score"] for item in rows[0]["experiences"]]
    assert scores == sorted(scores, reverse=True)
    assert set(rows[1]) == {"id", "experiences", "communities"}


def test_the_cli_answers_a_bad_line_and_goes_on():
    rows = _cli(["not json", json.dumps({"id": 3}), json.dumps({"id": 4, "text": "mum passed in March"})])
    assert "could not be read" in rows[0]["error"] and "could not be read" in rows[1]["error"]
    assert rows[2]["id"] == 4 and rows[2]["experiences"][0]["code"] == "grief.parent"


def test_the_api_suggests_for_a_signed_in_person_and_stores_nothing(member):
    from peercircle.experiences.models import PersonExperience

    client = signed_in(member)
    response = client.post("/api/v1/experiences/suggest",
                           {"text": "mum passed in March and the house is so quiet", "lang": "en"},
                           content_type="application/json")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["experiences"][0]["code"] == "grief.parent" and body["help_now"] is False
    assert body["experiences"][0]["label"]
    assert not PersonExperience.objects.filter(user=member).exists()


def test_the_api_refuses_empty_text_kindly_and_points_to_help_when_needed(member):
    client = signed_in(member)
    empty = client.post("/api/v1/experiences/suggest", {"text": "  "}, content_type="application/json")
    assert empty.status_code == 400 and "in your own words" in empty.json()["detail"]
    danger = client.post("/api/v1/experiences/suggest", {"text": "I want to kill myself tonight", "lang": "en"},
                         content_type="application/json")
    assert danger.status_code == 200 and danger.json()["help_now"] is True
    assert Client().post("/api/v1/experiences/suggest", {"text": "x"},
                         content_type="application/json").status_code in (401, 403)


def test_the_my_experiences_page_suggests_from_words_and_the_person_confirms(member):
    from peercircle.core.tests.helpers import text
    from peercircle.experiences.models import PersonExperience

    client = signed_in(member)
    page = client.post("/me/experiences/suggest/", {"words": "mum passed in March and the house is so quiet"})
    assert page.status_code == 200
    body = text(page)
    assert "Loss of a parent" in body and "Use this" in body and "it is not saved" in body
    assert not PersonExperience.objects.filter(user=member).exists()  # never assigned silently
    # "Use this" opens the form with the code chosen, for the person to confirm.
    form = client.get("/me/experiences/", {"code": "grief.parent"})
    assert 'value="grief.parent" selected' in form.content.decode()
    partial = client.post("/me/experiences/suggest/", {"words": ""}, headers={"HX-Request": "true"})
    assert "in your own words" in text(partial) and "<html" not in partial.content.decode()


@pytest.mark.parametrize("name, at_least", [("eval_stories.jsonl", 150), ("eval_stories_unseen.jsonl", 60)])
def test_the_evaluation_stories_use_real_codes_in_both_languages(name, at_least):
    from pathlib import Path

    from peercircle.experiences.models import TaxonomyNode

    path = Path(__file__).resolve().parent.parent / "data" / name
    stories = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    kinds = dict(TaxonomyNode.objects.values_list("code", "kind"))
    assert len(stories) >= at_least and {s["lang"] for s in stories} == {"en", "es"}
    assert len({s["id"] for s in stories}) == len(stories)
    for story in stories:
        assert story["text"].strip() and 1 <= len(story["experiences"]) <= 3
        assert all(kinds.get(code) == "experience" for code in story["experiences"]), story["id"]
        assert all(kinds.get(code) == "community" for code in story["communities"]), story["id"]


def test_the_story_words_and_the_spanish_gloss_are_well_formed():
    from peercircle.experiences.gloss import glossary
    from peercircle.experiences.models import TaxonomyNode
    from peercircle.experiences.suggest import story_words

    codes = set(TaxonomyNode.objects.values_list("code", flat=True))
    words = story_words()
    assert set(words) <= codes
    assert all(set(by_lang) == {"en", "es"} and all(by_lang.values()) for by_lang in words.values())
    spanish = glossary("es")
    assert len(spanish) > 1000 and glossary("xx") is None
    assert all(key == lexicon.fold_token(key) for key in spanish)
