"""The screener's optional learned layer (safety/screening/model.py), seen through
`peercircle screen`: it ships with the code, loads without the network, gives the same answer
every time, can be switched off, catches serious messages the rules have no words for, and
leaves idioms and jokes alone."""

import json
import socket

import pytest

from peercircle.safety.screening import model as learned
from peercircle.safety.tests.test_screening import run_screen

# Clearly serious, in wording the rules have no phrase for (and in no training or evaluation set).
UNSEEN_SERIOUS = [
    ("en", "lately i keep picturing my own funeral and honestly it feels like relief"),
    ("es", "he pensado mucho y prefiero no seguir en este mundo"),
]
# Idioms, jokes and ordinary talk that borrow the words of a crisis.
EVERYDAY = [
    ("en", "this group project will be the end of me lol"),
    ("en", "I'd literally die for a slice of that cheesecake"),
    ("en", "my phone died so I'm dead to the world till Monday"),
    ("en", "I'm going to kill it at the interview tomorrow, wish me luck"),
    ("en", "Goodbye, winter coat! Spring is finally here"),
    ("es", "Me muero de ganas de ir al concierto el sábado"),
    ("es", "Este calor me está matando, voy a la piscina"),
    ("es", "Mi madre me mata si no llego a cenar jaja"),
]


@pytest.fixture
def fresh_model():
    """Forget the loaded weights before and after, so each test loads them as it says."""
    learned._loaded.clear()
    yield
    learned._loaded.clear()


def screened(peercircle_cli, capsys, monkeypatch, items):
    lines = [json.dumps({"id": number, "text": text, "lang": lang}) for number, (lang, text) in enumerate(items)]
    return run_screen(peercircle_cli, capsys, monkeypatch, lines)


def test_the_weights_ship_with_the_code_and_load_without_the_network(fresh_model, monkeypatch, settings):
    settings.PEERCIRCLE_SCREENING_MODEL = "on"

    def no_network(*args, **kwargs):
        raise AssertionError("the screening model must not open a connection")

    monkeypatch.setattr(socket, "socket", no_network)
    model = learned.active()

    assert model is not None and model.path == learned.WEIGHTS
    assert model.version.startswith("train-")


def test_the_model_raises_serious_messages_the_rules_have_no_words_for(peercircle_cli, capsys, monkeypatch,
                                                                       settings, fresh_model):
    settings.PEERCIRCLE_SCREENING_MODEL = "off"
    alone = screened(peercircle_cli, capsys, monkeypatch, UNSEEN_SERIOUS)
    settings.PEERCIRCLE_SCREENING_MODEL = "on"
    with_model = screened(peercircle_cli, capsys, monkeypatch, UNSEEN_SERIOUS)

    assert [result["level"] for result in alone] == ["none", "none"]
    for result in with_model:
        assert result["level"] in ("high", "imminent"), result
        assert result["reasons"][0].startswith("learned model ("), result
        assert result["categories"] == ["suicide"], result


def test_idioms_and_jokes_stay_none_with_the_model_on(peercircle_cli, capsys, monkeypatch, settings, fresh_model):
    settings.PEERCIRCLE_SCREENING_MODEL = "on"

    results = screened(peercircle_cli, capsys, monkeypatch, EVERYDAY)

    assert [(result["level"], result["reasons"]) for result in results] == [("none", [])] * len(EVERYDAY)


# Ordinary messages that the rules take for a crisis: the model, sure they are calm, lowers them.
CALM_BUT_FLAGGED = [
    ("en", "bye all, logging off for the night, see you at Thursday's group"),
    ("es", "Este examen me va a matar, llevo toda la semana estudiando"),
]


def test_the_model_lowers_what_the_rules_took_for_a_crisis_when_it_is_sure_it_is_calm(
        peercircle_cli, capsys, monkeypatch, settings, fresh_model):
    settings.PEERCIRCLE_SCREENING_MODEL = "off"
    alone = screened(peercircle_cli, capsys, monkeypatch, CALM_BUT_FLAGGED)
    settings.PEERCIRCLE_SCREENING_MODEL = "on"
    with_model = screened(peercircle_cli, capsys, monkeypatch, CALM_BUT_FLAGGED)

    assert [result["level"] for result in alone] == ["high", "high"]
    for before, after in zip(alone, with_model, strict=True):
        assert after["level"] == "low", after
        assert after["reasons"][0].startswith("learned model (") and after["reasons"][0].endswith("): calm"), after
        assert after["reasons"][1:] == before["reasons"], after  # the rules' reasons stay for a moderator


def test_the_same_text_gets_the_same_answer_every_time(peercircle_cli, capsys, monkeypatch, settings,
                                                       fresh_model):
    settings.PEERCIRCLE_SCREENING_MODEL = "on"
    items = UNSEEN_SERIOUS + EVERYDAY

    first = screened(peercircle_cli, capsys, monkeypatch, items)
    learned._loaded.clear()  # a second load of the weights, as in another process
    second = screened(peercircle_cli, capsys, monkeypatch, items)

    assert first == second


def test_switched_off_or_without_weights_the_rules_work_alone(peercircle_cli, capsys, monkeypatch, settings,
                                                              fresh_model, tmp_path):
    items = [("en", "I wish I could sleep and not wake up."), ("en", "kms tonight"), ("en", "this exam is killing me")]
    for setting in ("off", str(tmp_path / "missing.npz")):
        settings.PEERCIRCLE_SCREENING_MODEL = setting

        results = screened(peercircle_cli, capsys, monkeypatch, items + UNSEEN_SERIOUS)

        assert [result["level"] for result in results] == ["high", "imminent", "none", "none", "none"]
        assert not any(reason.startswith("learned model") for result in results for reason in result["reasons"])
        assert learned.active() is None


def test_a_calm_verdict_lowers_high_to_low_but_never_imminent_and_never_below_low():
    """The model may take back the rules' `high` when it is sure a text is calm (an idiom, a
    joke, a lesson), keeping the rules' reasons for a moderator; `imminent` is never lowered, and
    nothing is lowered past `low`."""
    from peercircle.safety.screening import ScreeningResult, _raised

    calm = learned.Verdict("none", {"none": 0.9, "low": 0.07, "high": 0.02, "imminent": 0.01}, "suicide", "", True)
    unsure = learned.Verdict("none", {"none": 0.6, "low": 0.1, "high": 0.2, "imminent": 0.1}, "suicide", "", False)
    high = ScreeningResult("high", ["suicide"], ["about to die"])
    imminent = ScreeningResult("imminent", ["suicide"], ["tonight", "about to die"])

    lowered = _raised(high, calm)

    assert (lowered.level, lowered.categories) == ("low", ["suicide"])
    assert lowered.reasons == ["learned model (97%): calm", "about to die"]
    assert _raised(high, unsure) == high
    assert _raised(imminent, calm) == imminent
    assert _raised(ScreeningResult(), calm) == ScreeningResult()
    assert _raised(ScreeningResult("low", [], ["lonely"]), calm).level == "low"
