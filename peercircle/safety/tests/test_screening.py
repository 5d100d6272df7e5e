"""Crisis screening, through `peercircle screen` (the same function every text goes through)
and the moderators' API: each kind of message the issue names, in English and Spanish."""

import io
import json

import pytest

NONE, LOW, HIGH, IMMINENT = "none", "low", "high", "imminent"

CASES = [
    # idioms, jokes, lyrics, education, supportive replies, innocent questions: nothing of concern
    ("en", "this exam is killing me", NONE, []),
    ("en", "I could murder a pizza after that shift", NONE, []),
    ("en", "lol my sister is going to kill me for eating her cake 😂", NONE, []),
    ("en", "my brother keeps borrowing my car, I'll kill him 😂", NONE, []),
    ("es", "me muero de risa con tus audios", NONE, []),
    ("es", "este calor me va a matar de sueño", NONE, []),
    ("en", "Been singing \"I just want to die tonight\" from that emo song all day ♪", NONE, []),
    ("es", "No paro de escuchar la canción 'me quiero morir' de mi grupo favorito", NONE, []),
    ("en", "Our workshop covers suicide prevention: how to ask someone if they are thinking about suicide.", NONE, []),
    ("es", "Taller de prevención del suicidio el martes: señales de alerta.", NONE, []),
    ("en", "If you're having thoughts of killing yourself, please call 988 any time.", NONE, []),
    ("es", "Si alguna vez piensas en quitarte la vida, llama al 024.", NONE, []),
    ("en", "How much paracetamol can I take for a fever?", NONE, []),
    ("es", "¿Cuánto ibuprofeno puedo tomar para la fiebre?", NONE, []),
    ("en", "Bought a new 🔪 for the kitchen, it cuts tomatoes like butter", NONE, []),
    # distress without risk content; past attempts told as past; negation; third person long ago
    ("en", "I feel so lonely this week, nobody calls", LOW, []),
    ("es", "Hoy tengo muchas ganas de beber, pero sigo en el programa", LOW, []),
    ("en", "4 years ago I tried to end it; today I'm so grateful to be alive.", LOW, ["suicide"]),
    ("es", "Hace cinco años intenté quitarme la vida; hoy estoy bien.", LOW, ["suicide"]),
    ("en", "I don't want to kill myself, I'm just exhausted.", LOW, ["suicide"]),
    ("es", "No quiero matarme, solo estoy agotada.", LOW, ["suicide"]),
    ("en", "My cousin said he wanted to die back in 2019; he's much better now.", LOW, ["suicide"]),
    ("en", "I used to cut myself as a teenager, not for years now.", LOW, ["self_harm"]),
    # high: active and passive ideation, slang, typos, self-harm, overdose thoughts, abuse, threats, goodbyes
    ("en", "I wish I could sleep and not wake up.", HIGH, ["suicide"]),
    ("es", "Ojalá pudiera dormir y no despertar.", HIGH, ["suicide"]),
    ("en", "i want to die", HIGH, ["suicide"]),
    ("en", "kms fr", HIGH, ["suicide"]),
    ("en", "might just unalive myself honestly", HIGH, ["suicide"]),
    ("en", "thinking about ctb", HIGH, ["suicide"]),
    ("en", "cant stop thinking about sewerslide", HIGH, ["suicide"]),
    ("en", "I want to end it all.", HIGH, ["suicide"]),
    ("en", "i keep thinkin about killng myslef", HIGH, ["suicide"]),
    ("es", "kiero morirme", HIGH, ["suicide"]),
    ("es", "Me quiero morir.", HIGH, ["suicide"]),
    ("en", "everyone would be better off without me", HIGH, ["suicide"]),
    ("es", "Todos estarían mejor sin mí.", HIGH, ["suicide"]),
    ("en", "🪦 me. i'm so done", HIGH, ["suicide"]),
    ("en", "The urge to cut myself is really strong today", HIGH, ["self_harm"]),
    ("es", "Anoche me volví a cortar.", HIGH, ["self_harm"]),
    ("en", "Thinking about od'ing on my meds", HIGH, ["overdose"]),
    ("es", "Pienso en tomarme todas mis pastillas.", HIGH, ["overdose"]),
    ("en", "My stepdad hits me when he's angry.", HIGH, ["abuse"]),
    ("es", "Mi novio me pega cuando bebe.", HIGH, ["abuse"]),
    ("en", "I'm so angry I want to hurt someone.", HIGH, ["violence"]),
    ("en", "My friend keeps saying she wants to kill herself.", HIGH, ["suicide"]),
    ("es", "Mi hermano dice que quiere morirse.", HIGH, ["suicide"]),
    ("en", "Goodbye everyone, thank you for everything.", HIGH, ["suicide"]),
    # imminent: plan, means, timeframe, act in progress; someone else in danger right now
    ("en", "I'm going to kill myself tonight.", IMMINENT, ["suicide"]),
    ("es", "Esta noche me voy a quitar la vida.", IMMINENT, ["suicide"]),
    ("en", "kms tonight", IMMINENT, ["suicide"]),
    ("en", "The rope is ready.", IMMINENT, ["suicide"]),
    ("en", "🔪 tonight. decided.", IMMINENT, ["suicide"]),
    ("en", "I just took all my pills", IMMINENT, ["overdose"]),
    ("es", "Me acabo de tomar todas las pastillas.", IMMINENT, ["overdose"]),
    ("en", "I cut too deep and it won't stop bleeding", IMMINENT, ["self_harm"]),
    ("en", "My brother is on the bridge right now and says goodbye, help", IMMINENT, ["suicide"]),
    ("es", "Mi amiga dice que se va a matar esta noche.", IMMINENT, ["suicide"]),
    ("en", "My flatmate took a bunch of pills and won't wake up!", IMMINENT, ["overdose"]),
    ("en", "He's outside with a knife and says he'll kill me", IMMINENT, ["abuse"]),
    # wording the first rules had no words for (added with the rules of 2026-11-30)
    ("en", "I keep wanting to hurt myself when it's quiet", HIGH, ["self_harm"]),
    ("en", "Honestly I just want to stop existing.", HIGH, ["suicide"]),
    ("es", "Lo único que quiero es dejar de vivir.", HIGH, ["suicide"]),
    ("en", "Would 30 of my sleeping tablets be enough to die?", HIGH, ["overdose"]),
    ("en", "I can't see myself being alive next year.", HIGH, ["suicide"]),
    ("es", "Ojalá me muera mientras duermo.", HIGH, ["suicide"]),
    ("en", "My dad is in the garage with the engine running and won't answer", IMMINENT, ["suicide"]),
    ("en", "I'm going to hit myself on the head for forgetting that, lol", NONE, []),
    ("en", "When I was at school I thought about ending my life; therapy helped.", LOW, ["suicide"]),
    ("es", "En el curso de primeros auxilios vimos los labios azules de una sobredosis.", NONE, []),
    # third round: general forms of passive ideation, typos in "my self", acts without a subject
    ("en", "honestly can't see any point in carrying on like this", HIGH, ["suicide"]),
    ("en", "been thinkin about killing my self again", HIGH, ["suicide"]),
    ("en", "they'd all cope fine if I wasn't around, I'm sure of it", HIGH, ["suicide"]),
    ("en", "the world doesn't need me anymore", HIGH, ["suicide"]),
    ("en", "so this is it. you won't hear from me again", HIGH, ["suicide"]),
    ("en", "swallowed all the pills from my bedside drawer", IMMINENT, ["overdose"]),
    ("en", "I don't see the point of this new app update, it moved everything", NONE, []),
    ("en", "I won't be on here tomorrow, family stuff, back Monday", NONE, []),
    # fourth round: families of the third blind set, in new wording
    ("en", "suicide has been on my mind since the weekend", HIGH, ["suicide"]),
    ("en", "took way too much fent and my chest feels wrong", IMMINENT, ["overdose"]),
    ("en", "been saving my sleeping tablets for a while now", IMMINENT, ["overdose"]),
    ("en", "My husband hits me when he's drunk and then cries about it", HIGH, ["abuse"]),
    ("es", "a veces pienso en quitarme de en medio", HIGH, ["suicide"]),
    ("es", "me quiero desvivir, no aguanto", HIGH, ["suicide"]),
    ("es", "Los domingos por la tarde me pega el bajón, pero se pasa.", NONE, []),
    ("en", "my mum keeps my bank card because I asked her to, it helps me not gamble", NONE, []),
]


def run_screen(peercircle_cli, capsys, monkeypatch, lines: list[str]) -> list[dict]:
    monkeypatch.setattr("sys.stdin", io.StringIO("".join(line + "\n" for line in lines)))
    peercircle_cli(["screen"])
    return [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.strip()]


@pytest.mark.parametrize(("lang", "text", "level", "categories"), CASES, ids=[case[1][:40] for case in CASES])
def test_the_screener_gives_each_kind_of_message_its_level(peercircle_cli, capsys, monkeypatch,
                                                           lang, text, level, categories):
    [result] = run_screen(peercircle_cli, capsys, monkeypatch,
                          [json.dumps({"id": 1, "text": text, "lang": lang})])

    assert result["level"] == level, result
    assert set(categories) <= set(result["categories"])
    assert bool(result["reasons"]) == (level != NONE)


def test_reasons_name_the_phrases_that_drove_the_level(peercircle_cli, capsys, monkeypatch):
    [result] = run_screen(peercircle_cli, capsys, monkeypatch, [json.dumps(
        {"id": "a", "text": "Most nights I want to die. I have the pills right here in my hand.", "lang": "en"})])

    assert result["level"] == IMMINENT
    assert "i want to die" in result["reasons"]


def test_one_line_out_per_line_in_in_order_and_bad_lines_say_so(peercircle_cli, capsys, monkeypatch):
    results = run_screen(peercircle_cli, capsys, monkeypatch, [
        json.dumps({"id": 1, "text": "Lovely meeting tonight, see you Thursday", "lang": "en"}),
        "{not json",
        json.dumps({"id": 3, "lang": "en"}),
        "",
        json.dumps({"id": 4, "text": "Quiero morirme", "lang": "es"}),
        json.dumps({"id": 5, "text": "I wish I was dead"}),
    ])

    assert [result.get("id") for result in results] == [1, None, 3, 4, 5]
    assert results[0] == {"id": 1, "level": NONE, "categories": [], "reasons": []}
    assert "could not be read" in results[1]["error"] and results[1]["line"] == 2
    assert "text" in results[2]["error"]
    assert results[3]["level"] == HIGH and results[3]["categories"] == ["suicide"]
    assert results[4]["level"] == HIGH  # English unless told otherwise


def test_the_command_is_listed_in_the_help(capsys, peercircle_cli):
    peercircle_cli(["--help"])

    assert "screen " in capsys.readouterr().out


@pytest.mark.django_db
def test_moderators_screen_a_batch_through_the_api(moderator_client):
    response = moderator_client.post("/api/v1/safety/screen", {"texts": [
        {"id": "p1", "text": "this exam is killing me"},
        {"id": "p2", "text": "Esta noche me voy a matar", "lang": "es"},
    ]}, content_type="application/json")

    assert response.status_code == 200
    assert [(r["id"], r["level"]) for r in response.json()["results"]] == [("p1", NONE), ("p2", IMMINENT)]


@pytest.mark.django_db
def test_staff_may_screen_too(staff_client):
    response = staff_client.post("/api/v1/safety/screen", {"texts": [{"text": "I want to die"}]},
                                 content_type="application/json")

    assert response.json()["results"][0]["level"] == HIGH


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["member_client", "peer_supporter_client", "org_admin_client"])
def test_anyone_else_is_told_it_does_not_exist(request, who):
    client = request.getfixturevalue(who)

    response = client.post("/api/v1/safety/screen", {"texts": [{"text": "hello"}]}, content_type="application/json")

    assert response.status_code == 404


@pytest.mark.django_db
def test_a_batch_holds_at_most_a_hundred_texts(moderator_client):
    texts = [{"id": n, "text": "hello"} for n in range(101)]

    response = moderator_client.post("/api/v1/safety/screen", {"texts": texts}, content_type="application/json")

    assert response.status_code == 422
