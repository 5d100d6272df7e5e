"""The search box's query parser, in English and Spanish, through `parse_query`."""

import pytest
from django.utils import translation

from peercircle.directory.query import ParsedQuery, parse_query
from peercircle.experiences import lexicon

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True, scope="module")
def fresh_lexicon():
    # Built from this test database's taxonomy, not from whatever an earlier test left.
    lexicon.reset_cache()
    yield
    lexicon.reset_cache()


# Each case: the query and what must be understood. Experiences, communities and the place
# ("City/CC") are always checked (absent means none); other keys only when given.
CASES = [
    # The examples.
    ("depression peer support group London",
     {"experiences": ["mental_health.depression"], "place": "London/GB", "terms": []}),
    ("grupo de duelo en Madrid", {"experiences": ["grief"], "place": "Madrid/ES", "terms": []}),
    ("online grief group for parents",
     {"experiences": ["grief"], "communities": ["community.parents"], "formats": ["online"]}),
    ("AA meetings tuesday evening near Toronto",
     {"experiences": ["substance_use.alcohol"], "place": "Toronto/CA", "weekdays": [2],
      "times_of_day": ["evening"], "hours": [[17, 21]], "terms": []}),
    ("apoyo para cuidadores los martes por la tarde",
     {"experiences": ["life.caregiving"], "weekdays": [2], "times_of_day": ["afternoon", "evening"],
      "relative_day": None, "terms": []}),
    ("grief group near Manchester", {"experiences": ["grief"], "place": "Manchester/GB"}),
    # Place names that are everyday words.
    ("anxiety support in Reading", {"experiences": ["mental_health.anxiety"], "place": "Reading/GB"}),
    ("reading group for anxiety", {"experiences": ["mental_health.anxiety"], "terms": ["reading"]}),
    ("nice people to talk to about bipolar", {"experiences": ["mental_health.bipolar"], "terms": ["nice"]}),
    ("bipolar support group in Nice", {"experiences": ["mental_health.bipolar"], "place": "Nice/FR"}),
    ("hope for widows", {"experiences": ["grief.partner"], "terms": ["hope"]}),
    ("parents group near Bath on wednesdays",
     {"communities": ["community.parents"], "place": "Bath/GB", "weekdays": [3]}),
    ("mobile support group for carers", {"experiences": ["life.caregiving"], "terms": ["mobile"]}),
    ("eating disorder support in Split", {"experiences": ["mental_health.eating_disorder"], "place": "Split/HR"}),
    ("ansiedad leon", {"experiences": ["mental_health.anxiety"], "terms": ["leon"]}),
    ("grupo de duelo en León", {"experiences": ["grief"], "place": "León de los Aldama/MX"}),
    ("vivir en paz sin alcohol", {"experiences": ["substance_use.alcohol"], "terms": ["vivir", "paz"]}),
    ("grupo de apoyo centro de salud santa", {"terms": ["centro", "salud", "santa"]}),
    ("this exam is killing me", {"terms": ["exam", "killing"]}),
    # Countries, abbreviations, "City, Country".
    ("cancer support group in Spain", {"experiences": ["chronic_illness.cancer"], "country": "ES"}),
    ("grupo de apoyo en México", {"country": "MX"}),
    ("viudas en Ciudad de México", {"experiences": ["grief.partner"], "place": "Mexico City/MX"}),
    ("NYC long covid group", {"experiences": ["chronic_illness.long_covid"], "place": "New York City/US"}),
    ("Valencia, Spain anxiety group",
     {"experiences": ["mental_health.anxiety"], "place": "Valencia/ES", "country": "ES"}),
    ("grupo en español en Londres", {"place": "London/GB", "languages": ["es"]}),
    ("grupos de padres de Zaragoza", {"place": "Zaragoza/ES"}),
    # Accents missing, plurals.
    ("duelo en malaga", {"experiences": ["grief"], "place": "Málaga/ES"}),
    ("madres solteras cerca de mí", {"communities": ["community.parents"], "near_me": True}),
    ("new mums group in Victoria", {"experiences": ["life.new_parent"], "place": "Victoria/HK"}),
    # "mañana": tomorrow, or the morning.
    ("grupo de ansiedad mañana",
     {"experiences": ["mental_health.anxiety"], "relative_day": 1, "times_of_day": []}),
    ("grupo de ansiedad por la mañana",
     {"experiences": ["mental_health.anxiety"], "relative_day": None, "times_of_day": ["morning"]}),
    ("mañana por la mañana grupo de depresión",
     {"experiences": ["mental_health.depression"], "relative_day": 1, "times_of_day": ["morning"]}),
    ("pasado mañana", {"relative_day": 2, "times_of_day": []}),
    ("groups near Nice tomorrow morning",
     {"place": "Nice/FR", "relative_day": 1, "times_of_day": ["morning"]}),
    ("esta noche grupo de ludopatía online",
     {"experiences": ["substance_use.gambling"], "formats": ["online"], "relative_day": 0,
      "times_of_day": ["evening", "night"]}),
    # Formats, languages, days, times.
    ("veterans PTSD group in person San Diego",
     {"experiences": ["mental_health.ptsd"], "communities": ["community.veterans"],
      "place": "San Diego/US", "formats": ["in_person"]}),
    ("spanish-speaking alcoholics anonymous in Los Angeles",
     {"experiences": ["substance_use.alcohol"], "place": "Los Angeles/US", "languages": ["es"]}),
    ("hybrid bereavement group on weekends",
     {"experiences": ["grief"], "formats": ["hybrid"], "weekdays": [6, 7]}),
    ("weekday morning diabetes group near me",
     {"experiences": ["chronic_illness.diabetes"], "near_me": True, "weekdays": [1, 2, 3, 4, 5],
      "times_of_day": ["morning"]}),
    ("NA meetings tonight in Dublin",
     {"experiences": ["substance_use.opioids"], "place": "Dublin/IE", "relative_day": 0}),
    ("gamblers anonymous mondays 7pm",
     {"experiences": ["substance_use.gambling"], "weekdays": [1], "starts_at": [19], "terms": []}),
    ("group in english in Madrid", {"place": "Madrid/ES", "languages": ["en"], "terms": []}),
    ("Self-harm recovery group, Glasgow",
     {"experiences": ["mental_health.self_harm"], "place": "Glasgow/GB"}),
    ("hearing voices group Leeds", {"experiences": ["mental_health.psychosis"], "place": "Leeds/GB"}),
    ("open grief groups saturday morning",
     {"experiences": ["grief"], "weekdays": [6], "times_of_day": ["morning"], "open_to_join": True}),
    ("grupos de alcohólicos anónimos en Buenos Aires",
     {"experiences": ["substance_use.alcohol"], "place": "Buenos Aires/AR"}),
    ("apoyo al duelo en línea los jueves",
     {"experiences": ["grief"], "formats": ["online"], "weekdays": [4]}),
    ("grupo presencial de diabetes en Sevilla",
     {"experiences": ["chronic_illness.diabetes"], "place": "Sevilla/ES", "formats": ["in_person"]}),
    ("grupo LGBT en inglés en Barcelona",
     {"communities": ["community.lgbtq"], "place": "Barcelona/ES", "languages": ["en"]}),
    ("grupo de apoyo para la depresión fin de semana",
     {"experiences": ["mental_health.depression"], "weekdays": [6, 7]}),
    ("grupo híbrido de TOC los lunes por la noche",
     {"experiences": ["mental_health.ocd"], "formats": ["hybrid"], "weekdays": [1],
      "times_of_day": ["evening", "night"]}),
    ("reunión de AA a las 19:00 en Lima",
     {"experiences": ["substance_use.alcohol"], "place": "Lima/PE", "starts_at": [19]}),
    ("grupo de jóvenes trans en Santiago",
     {"communities": ["community.youth", "community.lgbtq"], "place": "Santiago/CL"}),
    ("grupo de cáncer de mama en Bogotá entre semana",
     {"experiences": ["chronic_illness.cancer"], "place": "Bogotá/CO", "weekdays": [1, 2, 3, 4, 5]}),
    ("grupo virtual para veteranos de guerra",
     {"communities": ["community.veterans"], "formats": ["online"]}),
    ("grupo de duelo por suicidio en Valencia", {"experiences": ["grief.suicide_loss"], "place": "Valencia/VE"}),
    ("hispanohablantes con VIH en Miami",
     {"experiences": ["chronic_illness.hiv"], "place": "Miami/US", "languages": ["es"]}),
    ("grupo de fibromialgia los sábados por la mañana en Córdoba",
     {"experiences": ["chronic_illness.chronic_pain"], "place": "Córdoba/AR", "weekdays": [6],
      "times_of_day": ["morning"]}),
    ("depresión posparto en Monterrey", {"experiences": ["mental_health.perinatal"], "place": "Monterrey/MX"}),
    ("dejar de fumar grupo en Quito", {"experiences": ["substance_use.tobacco"], "place": "Quito/EC"}),
    ("grief group near me", {"experiences": ["grief"], "near_me": True}),
]


def _place(parsed: ParsedQuery) -> str | None:
    return f"{parsed.place.name}/{parsed.place.country}" if parsed.place else None


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[text for text, _ in CASES])
def test_parse_query(text, expected):
    parsed = parse_query(text).to_dict()
    got = {**parsed, "place": _place(parse_query(text))}
    for key in ("experiences", "communities"):
        assert sorted(got[key]) == sorted(expected.get(key, [])), key
    assert got["place"] == expected.get("place"), "place"
    for key, value in expected.items():
        if key not in ("experiences", "communities", "place"):
            assert got[key] == value, key


def test_there_are_enough_cases_in_both_languages():
    spanish_words = ("grupo", "duelo", "apoyo", "mañana", "ansiedad", "viudas", "madres", "vivir")
    spanish = [text for text, _ in CASES if any(word in text.lower() for word in spanish_words)]
    assert len(CASES) >= 40
    assert len(spanish) >= 15


def test_the_place_is_followed_by_its_details():
    parsed = parse_query("grupo de duelo en Madrid").to_dict()
    place = parsed["place"]
    assert place["label"] == "Madrid, Spain"
    assert place["timezone"] == "Europe/Madrid"
    assert 40 < place["latitude"] < 41


def test_a_country_with_a_city_picks_the_city_in_that_country():
    assert _place(parse_query("anxiety group in Valencia, Venezuela")) == "Valencia/VE"
    assert _place(parse_query("grupo de ansiedad en Valencia España")) == "Valencia/ES"


def test_two_letter_fellowship_initials_need_capitals():
    assert parse_query("NA meeting").experiences == ("substance_use.opioids",)
    assert parse_query("na meeting").experiences == ()
    assert parse_query("aa meeting").experiences == ("substance_use.alcohol",)


def test_explanation_in_english():
    with translation.override("en"):
        text = parse_query("grief group near Madrid tuesday evenings").explanation
    assert text == "Looking for: Grief & loss · near Madrid, Spain · Tuesday evenings"


def test_explanation_uses_the_active_language_for_taxonomy_labels():
    with translation.override("es"):
        text = parse_query("grief group online").explanation
    assert "Duelo y pérdida" in text


def test_places_and_countries_are_named_in_the_active_language():
    with translation.override("es"):
        assert parse_query("grupo de duelo en Londres").explanation == (
            "Buscando: Duelo y pérdida · cerca de London, Reino Unido")
        assert "en Estados Unidos" in parse_query("grupo de duelo en Estados Unidos").explanation


def test_country_names_in_either_language_are_understood():
    # Spanish names from the CLDR data, beyond the hand-made list of common ones.
    assert parse_query("grupo de duelo en Suecia").country == "SE"
    assert parse_query("grief group in Sweden").country == "SE"
    assert parse_query("apoyo en Corea del Sur").country == "KR"


def test_explanation_of_relative_days():
    with translation.override("en"):
        assert parse_query("grupo de ansiedad mañana").explanation.endswith("· tomorrow")
        assert parse_query("online group tonight").explanation.endswith("· tonight")
        assert "tomorrow morning" in parse_query("mañana por la mañana").explanation


def test_an_empty_query_understands_nothing():
    parsed = parse_query("   ")
    assert parsed.is_empty
    assert parsed.explanation == ""
    assert parse_query("").to_dict()["terms"] == []


def test_parsed_query_is_frozen_and_serializable():
    import json

    parsed = parse_query("AA meetings tuesday evening near Toronto")
    with pytest.raises(AttributeError):
        parsed.place = None
    assert json.loads(json.dumps(parsed.to_dict()))["weekdays"] == [2]


def test_a_very_long_query_is_cut_and_still_parsed():
    parsed = parse_query("grief " * 400)
    assert parsed.experiences == ("grief",)
    assert len(parsed.text) == 500
