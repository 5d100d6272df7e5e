"""The taxonomy phrase matcher (`experiences.lexicon`), built from the test database."""

import pytest

from peercircle.experiences import lexicon
from peercircle.experiences.lexicon import find_phrases

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True, scope="module")
def fresh_lexicon():
    lexicon.reset_cache()
    yield
    lexicon.reset_cache()


def codes(text, lang=None):
    return [m.code for m in find_phrases(text, lang)]


def test_the_longest_phrase_wins():
    assert codes("postpartum depression group") == ["mental_health.perinatal"]
    assert codes("depresión posparto") == ["mental_health.perinatal"]
    assert codes("depression") == ["mental_health.depression"]


def test_both_languages():
    assert codes("I lost my mum last spring") == ["grief.parent"]
    assert codes("perdí a mi madre el año pasado") == ["grief.parent"]
    assert codes("ataques de pánico") == ["mental_health.anxiety"]


@pytest.mark.parametrize("text", ["grief", "bereavement", "duelo", "luto", "Grief & loss", "DUELO Y PÉRDIDA"])
def test_root_code_for_general_words(text):
    assert codes(text) == ["grief"]


def test_no_experience_in_unrelated_text():
    assert find_phrases("this exam is killing me") == []
    assert find_phrases("the weather is lovely today") == []
    assert find_phrases("small wins every week") == []  # "wins" is not "wine"


def test_spans_point_at_tokens_and_do_not_overlap():
    text = "Since my wife died I drink too much, and my anxiety is back"
    matches = find_phrases(text)
    assert [m.code for m in matches] == ["grief.partner", "substance_use.alcohol", "mental_health.anxiety"]
    tokens = lexicon.tokenize(text)
    assert tokens[matches[0].start:matches[0].end] == ["wife", "died"]
    assert tokens[matches[1].start:matches[1].end] == ["i", "drink", "too", "much"]
    spans = [(m.start, m.end) for m in matches]
    for (_s1, e1), (s2, _e2) in zip(spans, spans[1:], strict=False):
        assert e1 <= s2


def test_accents_case_and_punctuation_are_folded():
    assert codes("DEPRESIÓN!!!") == ["mental_health.depression"]
    assert codes("depresion") == ["mental_health.depression"]
    assert codes("Self-harm") == codes("self harm") == ["mental_health.self_harm"]
    assert codes("I can't get out of bed") == ["mental_health.depression"]


def test_plurals_when_the_exact_form_misses():
    assert codes("widows") == ["grief.partner"]
    assert codes("grupo de viudas") == ["grief.partner"]
    assert codes("madres solteras") == ["community.parents"]
    assert codes("alcoholics") == ["substance_use.alcohol"]


def test_a_plural_match_weighs_less_than_the_exact_form():
    [exact] = find_phrases("widow")
    [plural] = find_phrases("widows")
    assert plural.weight < exact.weight


def test_labels_weigh_more_than_synonyms_and_longer_more_than_shorter():
    [label] = find_phrases("alcohol")
    [synonym] = find_phrases("booze")
    [longer] = find_phrases("alcohol use disorder")
    assert label.weight > synonym.weight
    assert longer.weight > synonym.weight


def test_kind_tells_communities_from_experiences():
    [match] = find_phrases("veterans")
    assert (match.code, match.kind) == ("community.veterans", "community")
    assert find_phrases("anxiety")[0].kind == "experience"


def test_an_ambiguous_phrase_names_each_code_over_the_same_span():
    matches = find_phrases("suicide survivor")
    assert {m.code for m in matches} == {"grief.suicide_loss", "mental_health.suicide_survivor"}
    assert {(m.start, m.end) for m in matches} == {(0, 2)}


def test_lang_restricts_to_one_language():
    assert codes("duelo", lang="es") == ["grief"]
    assert codes("duelo", lang="en") == []
    assert codes("grief", lang="es") == []


def test_a_parenthesised_short_name_in_a_label_counts():
    assert codes("TLP") == ["mental_health.bpd"]
    assert codes("TOC") == ["mental_health.ocd"]


def test_the_index_is_cached_until_reset():
    first = lexicon.get_lexicon()
    assert lexicon.get_lexicon() is first
    lexicon.reset_cache()
    assert lexicon.get_lexicon() is not first


def test_inactive_nodes_are_not_matched():
    from peercircle.experiences.models import TaxonomyNode

    TaxonomyNode.objects.filter(code="chronic_illness.kidney").update(is_active=False)
    lexicon.reset_cache()
    assert codes("dialysis") == []
    lexicon.reset_cache()
