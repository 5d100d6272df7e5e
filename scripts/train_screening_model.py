"""Train the screener's optional learned layer: peercircle/safety/data/screening_model.npz.

    .venv/bin/python scripts/train_screening_model.py                # train from screening_train.jsonl
    .venv/bin/python scripts/train_screening_model.py --rebuild-data # first regenerate the templated rows

Deterministic: the same training file gives the same weights file (seeded, single-threaded,
no randomness in the optimiser).

1. Data: `peercircle/safety/data/screening_train.jsonl`. Rows with source "written" are written
   by hand; `--rebuild-data` regenerates the others (templates and variants, see
   scripts/screening_templates.py, and the everyday chatter frames here) and drops any row too
   close to a message of an evaluation set (`screening_eval*.jsonl` and `screening_everyday.jsonl`),
   so that no evaluation message is trained on.
2. Features: `peercircle.safety.screening.model.features` over `normalize(text)`, the same code the
   screener runs.
3. Two heads, fitted with scipy's L-BFGS, classes weighted to count equally, L2 penalty: the
   level (none/low/high/imminent) with one hidden layer of 32 tanh units from a seeded start,
   and the category (rows that have one), multinomial logistic regression.
4. Thresholds: five folds of the training rows, grouped so that a template frame, or a written
   message and its variants, are never on both sides; every row is predicted by the model trained
   on the other folds; the rules run on every row; then thresholds are chosen on those held-out
   predictions: the pair for raising to high (one for texts where the rules found risk words and
   set them aside — negated, distant past, quoted, educational, a joke — one for the others) with
   the best recall of high and imminent, and the lowest others, such that the model's raises add
   at most, to what the rules alone do: none raised to high or above 5 points, low raised to high
   or above 12 points, high raised to imminent 6 points, none or low raised to imminent 1 point,
   none raised to low 5 points; and everyday chatter (rows whose group starts "everyday": hand-written
   plain messages, their variants and the everyday frames) raised to high or above at most 0.5 %
   (the hard-negative budgets above are counted without the everyday rows, so that many easy rows
   can't loosen them). No evaluation set is read for this.
5. The final model is trained on every row and written with its thresholds.
Prints the held-out figures and one JSON object as its last line.
"""

from __future__ import annotations

import argparse
import difflib
import hashlib
import json
import os
import re
import sys
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np  # noqa: E402
from scipy import optimize, sparse  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))
os.environ["PEERCIRCLE_SCREENING_MODEL"] = "off"  # the rules alone while training

from peercircle.safety.screening import rules_verdict  # noqa: E402
from peercircle.safety.screening.model import BUCKETS, CATEGORIES, LEVELS, features  # noqa: E402
from peercircle.safety.screening.normalize import normalize  # noqa: E402

DATA = ROOT / "peercircle" / "safety" / "data"
TRAIN = DATA / "screening_train.jsonl"
# Hand-written training rows added in the third round (2026-11-30), by a writer who never saw an
# evaluation set.
TRAIN_EXTRA = DATA / "screening_train_extra.jsonl"
# Plain everyday chatter written by hand in the fifth round (en 400 / es 500), by a writer who never
# saw an evaluation set: the layer's false alarms were nearly all such messages, more in Spanish.
TRAIN_EVERYDAY = DATA / "screening_train_everyday.jsonl"
# Sets that were evaluation sets once, each scored and reported (docs/safety.md) before it joined
# the training data in the third round: their first figures stand, later ones are training figures.
RETIRED_EVALUATION = ("screening_eval.jsonl", "screening_eval_unseen.jsonl", "screening_eval_holdout.jsonl",
                      "screening_eval_fresh.jsonl", "screening_eval_blind.jsonl", "screening_eval_blind2.jsonl",
                      "screening_everyday.jsonl", "screening_eval_blind3.jsonl", "screening_everyday2.jsonl",
                      "screening_eval_blind4.jsonl", "screening_everyday3.jsonl")
# What the model is measured on now: never trained on, nothing near their messages trained on.
EVALUATION = ("screening_eval_blind5.jsonl", "screening_everyday4.jsonl")
OUT = DATA / "screening_model.npz"
FOLDS = 5
SEED = 20261129
HIDDEN = 32
MAX_ITERATIONS = 400
L2_LEVEL = 0.1
L2_CATEGORY = 1.0
BUDGETS = {"none_to_high": 0.05, "low_to_high": 0.12, "high_to_imminent": 0.06, "calm_to_imminent": 0.01,
           "none_to_low": 0.05,
           # 0.5 % in the third round; on unseen everyday chatter the layer then added about twice
           # what the folds showed, so the fourth round holds it to 0.3 %
           "everyday_to_high": 0.003,
           # lowering the rules' `high` to `low` when the model is sure the text is calm may cost
           # at most this much recall of high and imminent
           "lowering_recall": 0.01}
RANK = {level: rank for rank, level in enumerate(LEVELS)}


# --- Everyday chatter: the plain messages a peer-support community is mostly made of -----------
# Slot-filled, en and es, all `none` (a few plain-distress ones `low`): greetings, logistics,
# thanks, short replies, list headers, milestones, caregiving, calm grief, recovery told in past
# terms, routines. Groups start with "everyday" so that threshold choice can hold the model to a
# false-alarm budget on them (see BUDGETS["everyday_to_high"]).
_EV_EN = {
    "greeting": (["{hi} {who}!", "{hi} {who}, how's everyone?", "{hi}, {who}. {mood}", "{hi} from {place}!",
                  "{hi} all, {mood}", "{hi}! {back}"],
                 dict(hi=["Hi", "Hey", "Hello", "Morning", "Evening", "Hiya", "Good afternoon", "Howdy"],
                      who=["everyone", "all", "folks", "friends", "team", "circle", "lovely people", "gang"],
                      mood=["hope you're well", "long day here", "quiet day today", "sun's out finally",
                            "just checking in", "tea in hand", "busy week"],
                      place=["Leeds", "a rainy Cardiff", "the night bus", "my lunch break", "Ohio", "the allotment",
                             "my sofa", "Dublin"],
                      back=["I'm back", "first post", "been a while", "new here", "just joined today"])),
    "logistics": (["What time does the {g} start on {d}?", "Is {d}'s {g} still on?", "Where is the {g} on {d}?",
                   "Is the {g} online this {d}?", "Can I still join the {g} if I missed {d}?",
                   "Running late for the {g}, sorry!", "Who's hosting the {g} on {d}?",
                   "No {g} on {d}, back to normal the week after.", "Reminder: {g} moves to {t} on {d}.",
                   "Does the {g} have a waiting list?"],
                  dict(g=["group", "meeting", "newcomers' session", "carers' circle", "walk", "coffee morning",
                          "book club", "online call", "grief circle", "parents' group", "workshop", "craft night"],
                       d=["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
                       t=["6pm", "7:30", "10am", "half six", "noon", "8pm"])),
    "thanks": (["{th}!", "{th}, {why}.", "{th} {to}.", "{th}, {why} 💛"],
               dict(th=["Thanks", "Thank you", "Many thanks", "Cheers", "Thanks so much", "Ta", "Thank you all"],
                    why=["that helped", "that was kind", "made my day", "I'll try it", "really useful",
                         "I needed that", "good to know"],
                    to=["everyone", "for the tips", "for the welcome", "for listening", "for the link",
                        "for sorting the room", "for the lift"])),
    "short": (["{s}", "{s} {e}", "{s}."],
              dict(s=["Still here", "Same", "Same here", "Me too", "Yep", "Agreed", "Love this", "So true",
                      "Noted", "On my way", "Made it", "Can't wait", "Ok thanks", "Sounds good", "Nice one",
                      "Good idea", "Lovely", "Hugs", "Proud of you", "Well done", "Welcome", "Present",
                      "Here", "Count me in", "See you there", "Sorry I'm late"],
                   e=["😊", "❤️", "🙌", "👍", "🙂", "🤗", "x", "lol", "haha"])),
    "header": (["{h}:", "{h}", "{h}:\n- {i}\n- {i2}", "{h}: {i}, {i2}."],
               dict(h=["What helped me", "What helps me", "My tips", "Things that help", "What got me through",
                       "My wins this week", "Good things today", "To do", "Reminders", "Ideas for the weekend",
                       "What I learned", "My plan for tomorrow", "Notes from tonight", "Grateful for"],
                    i=["walks", "tea", "calling a friend", "early nights", "music", "cooking", "the group",
                       "a hot shower", "journaling", "my dog"],
                    i2=["reading", "fresh air", "a routine", "drinking water", "gardening", "podcasts",
                        "stretching", "saying no"])),
    "milestone": (["{n} {u} {what} today!", "{n} {u} {what} 🎉", "Day {n}.", "Made it to {n} {u}!",
                   "{n} {u} {what}, feeling {f}.", "Just hit {n} {u} {what}."],
                  dict(n=["7", "14", "21", "30", "45", "60", "90", "100", "120", "180", "365", "2", "3", "5", "10"],
                       u=["days", "weeks", "months", "years"],
                       what=["sober", "clean", "alcohol free", "smoke free", "gambling free", "without a drink", ""],
                       f=["good", "grateful", "proud", "steady", "hopeful", "okay"])),
    "caring": (["Took my {r} to {p} today, {o}.", "My {r} {c}, {o}.", "Caring for my {r} is {k} but {o}.",
                "Any tips for {q} with my {r}?"],
               dict(r=["mum", "dad", "nan", "grandad", "husband", "wife", "son", "daughter", "brother", "aunt"],
                    p=["the GP", "the garden centre", "the seaside", "physio", "the hairdresser", "the market"],
                    c=["has dementia", "had a stroke last year", "uses a wheelchair now", "has Parkinson's",
                       "is in a care home", "has MS"],
                    k=["tiring", "a lot", "a juggle", "a learning curve", "full on"],
                    o=["we had a nice time", "it went well", "we laughed a lot", "small steps", "good day overall",
                       "they enjoyed the outing"],
                    q=["medication reminders", "hospital visits", "bath time", "getting some respite",
                       "benefits forms", "mealtimes"])),
    "grief": (["It's {n} years since we lost {r}. {rit}.", "{r2} would have been {a} today. {rit}.",
               "Thinking of {r} today. {rit}."],
              dict(n=["two", "three", "five", "ten", "four"], a=["70", "65", "80", "50", "90"],
                   r=["Dad", "Mum", "my nan", "my brother", "my best friend", "Grandad"],
                   r2=["Dad", "Mum", "Nan", "My sister", "Grandad"],
                   rit=["We lit a candle", "I made their favourite dinner", "We looked at old photos",
                        "I went for a walk by the sea", "We played their favourite songs", "Good memories today"])),
    "recovery": (["{w} I was {was}. Now {now}.", "{w} I {was2}. These days {now}."],
                 dict(w=["Years ago", "Back in 2015", "In my twenties", "Ten years ago", "Before recovery"],
                      was=["drinking every day", "using most nights", "stuck in bed", "scared of everything",
                           "gambling my wages"],
                      was2=["couldn't hold a job", "hid from everyone", "never went outside",
                            "lost touch with my family"],
                      now=["I run a walking group", "I have a garden and a dog", "I'm back at college",
                           "I help newcomers here", "I coach kids' football", "I'm a grandad"])),
    "routine": (["{a} has helped my {b}.", "I started {a2} and my {b} is better.", "Anyone tried {a2} for {b}?",
                 "Tip: {a2} helps with {b}."],
                dict(a=["A walk after dinner", "No phone in bed", "Less coffee", "A bedtime alarm", "Yoga",
                        "Reading before bed", "A regular wake-up time", "Batch cooking"],
                     a2=["walking after dinner", "leaving my phone downstairs", "cutting caffeine", "stretching",
                         "reading before bed", "getting up at the same time", "meal planning", "a daylight lamp"],
                     b=["sleep", "mood", "mornings", "energy", "evenings", "focus"])),
    "plain_distress": (["{x}, {y}.", "{x}."],
                       dict(x=["Rough day", "Feeling lonely tonight", "Missing my mum", "Bit of a low week",
                               "Struggling with motivation", "Cravings are strong today", "Sad today",
                               "Can't sleep again", "Anxious about tomorrow"],
                            y=["just needed to say it", "but I'm okay", "going to bed early",
                               "going to call a friend", "tomorrow's another day"])),
}
_EV_ES = {
    "greeting": (["¡{hi}, {who}!", "{hi}, {who}, ¿qué tal?", "{hi} desde {place}.", "{hi} a todos, {mood}.",
                  "¡{hi}! {back}"],
                 dict(hi=["Hola", "Buenas", "Buenos días", "Buenas tardes", "Buenas noches", "Holi"],
                      who=["gente", "grupo", "amigas", "amigos", "familia", "a todos"],
                      mood=["espero que estén bien", "día largo por aquí", "hoy tranquilo", "por fin sale el sol",
                            "solo paso a saludar"],
                      place=["Sevilla", "Bogotá", "el tren", "mi descanso del trabajo", "Monterrey", "el sofá"],
                      back=["Ya volví", "Primer mensaje", "Cuánto tiempo", "Soy nueva", "Recién llegado"])),
    "logistics": (["¿A qué hora empieza {g} del {d}?", "¿Sigue en pie {g} del {d}?", "¿Dónde es {g} del {d}?",
                   "¿{G} del {d} es en línea?", "Llego tarde a {g}, perdón.", "¿Quién coordina {g} del {d}?",
                   "El {d} no hay {g2}, volvemos la semana siguiente.", "Recordatorio: {g} pasa a las {t} el {d}."],
                  dict(g=["el grupo", "la reunión", "el círculo de cuidadores", "el paseo", "el café", "el taller",
                          "la llamada", "el círculo de duelo"],
                       G=["El grupo", "La reunión", "El taller", "El círculo"],
                       g2=["grupo", "reunión", "taller", "paseo"],
                       d=["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"],
                       t=["18:00", "19:30", "10:00", "mediodía", "20:00"])),
    "thanks": (["¡{th}!", "{th}, {why}.", "{th} {to}."],
               dict(th=["Gracias", "Muchas gracias", "Mil gracias", "Gracias de corazón"],
                    why=["me ayudó mucho", "qué amable", "me alegraste el día", "lo voy a probar", "muy útil"],
                    to=["a todos", "por los consejos", "por la bienvenida", "por escucharme", "por el enlace"])),
    "short": (["{s}", "{s} {e}", "{s}."],
              dict(s=["Sigo aquí", "Igual", "Igual yo", "Yo también", "Sí", "De acuerdo", "Me encanta",
                      "Totalmente", "Anotado", "Voy en camino", "Ya llegué", "Qué ganas", "Vale, gracias",
                      "Suena bien", "Buena idea", "Qué lindo", "Abrazos", "Orgullosa de ti", "Bien hecho",
                      "Bienvenida", "Presente", "Cuenten conmigo", "Nos vemos allí"],
                   e=["😊", "❤️", "🙌", "👍", "🙂", "🤗", "jaja", "besos"])),
    "header": (["{h}:", "{h}", "{h}:\n- {i}\n- {i2}", "{h}: {i}, {i2}."],
               dict(h=["Lo que me ayudó", "Lo que me ayuda", "Mis consejos", "Cosas que ayudan",
                       "Lo que me sostuvo", "Mis logros de la semana", "Cosas buenas de hoy", "Pendientes",
                       "Recordatorios", "Ideas para el finde", "Lo que aprendí", "Agradecida por"],
                    i=["caminar", "un té", "llamar a una amiga", "acostarme temprano", "música", "cocinar",
                       "el grupo", "mi perro"],
                    i2=["leer", "aire libre", "una rutina", "beber agua", "el huerto", "estirar", "decir que no"])),
    "milestone": (["¡{n} {u} {what} hoy!", "{n} {u} {what} 🎉", "Día {n}.", "¡Llegué a {n} {u}!",
                   "{n} {u} {what}, me siento {f}."],
                  dict(n=["7", "14", "30", "45", "60", "90", "100", "180", "2", "3", "5", "10"],
                       u=["días", "semanas", "meses", "años"],
                       what=["sin beber", "limpio", "limpia", "sin alcohol", "sin fumar", "sin apostar", ""],
                       f=["bien", "agradecida", "orgulloso", "tranquila", "con esperanza"])),
    "caring": (["Llevé a mi {r} {p} hoy, {o}.", "Mi {r} {c}, {o}.", "Cuidar a mi {r} es {k}, pero {o}.",
                "¿Consejos para {q} con mi {r}?"],
               dict(r=["madre", "padre", "abuela", "abuelo", "marido", "mujer", "hijo", "hija", "tía"],
                    p=["al médico", "al vivero", "a la playa", "a fisioterapia", "a la peluquería", "al mercado"],
                    c=["tiene demencia", "tuvo un ictus", "va en silla de ruedas", "tiene párkinson",
                       "está en una residencia"],
                    k=["cansado", "mucho", "un malabarismo", "todo un aprendizaje"],
                    o=["lo pasamos bien", "salió bien", "nos reímos mucho", "poco a poco", "buen día"],
                    q=["las pastillas", "las visitas al hospital", "el baño", "tener un respiro", "los papeles",
                       "las comidas"])),
    "grief": (["Hace {n} años que perdimos a {r}. {rit}.", "Hoy {r} cumpliría {a}. {rit}.",
               "Hoy me acuerdo de {r}. {rit}."],
              dict(n=["dos", "tres", "cinco", "diez"], a=["70", "65", "80", "90"],
                   r=["papá", "mamá", "mi abuela", "mi hermano", "mi mejor amiga", "el abuelo"],
                   rit=["Encendimos una vela", "Hice su comida favorita", "Vimos fotos viejas",
                        "Caminé junto al mar", "Pusimos sus canciones", "Buenos recuerdos hoy"])),
    "recovery": (["{w} {was}. Hoy {now}."],
                 dict(w=["Hace años", "En 2015", "A los veinte", "Hace diez años", "Antes de la recuperación"],
                      was=["bebía todos los días", "consumía casi cada noche", "no salía de la cama",
                           "me daba miedo todo", "me gastaba el sueldo apostando"],
                      now=["coordino un grupo de caminata", "tengo huerto y perro", "volví a estudiar",
                           "acompaño a los nuevos aquí", "entreno a niños", "soy abuelo"])),
    "routine": (["{a} me ha ayudado con {b}.", "Empecé a {a2} y {b} va mejor.", "¿Alguien probó {a3} para {b}?"],
                dict(a=["Caminar después de cenar", "No usar el móvil en la cama", "Menos café",
                        "Una alarma para acostarme", "El yoga", "Leer antes de dormir"],
                     a2=["caminar después de cenar", "dejar el móvil abajo", "tomar menos café", "estirar",
                         "leer antes de dormir", "levantarme a la misma hora"],
                     a3=["el yoga", "la meditación", "una lámpara de luz", "el descafeinado", "escribir un diario"],
                     b=["el sueño", "el ánimo", "las mañanas", "la energía", "las noches"])),
    "plain_distress": (["{x}, {y}.", "{x}."],
                       dict(x=["Día difícil", "Me siento sola esta noche", "Extraño a mi madre", "Semana bajona",
                               "Me cuesta arrancar", "Hoy tengo muchas ganas de beber", "Hoy estoy triste",
                               "Otra vez sin dormir", "Nervioso por lo de mañana"],
                            y=["solo necesitaba decirlo", "pero estoy bien", "me voy a dormir temprano",
                               "voy a llamar a una amiga", "mañana será otro día"])),
}
EVERYDAY_COUNTS = {"en": 70, "es": 50}  # rows per family


def everyday_rows(seed: int = SEED) -> list[dict]:
    """Plain everyday messages from the frames above: `none`, or `low` for plain distress."""
    import random

    rng = random.Random(seed)
    rows = []
    for lang, families in (("en", _EV_EN), ("es", _EV_ES)):
        for family, (frames, slots) in families.items():
            level = "low" if family == "plain_distress" else "none"
            for _ in range(EVERYDAY_COUNTS[lang]):
                frame_id = rng.randrange(len(frames))
                text = frames[frame_id].format(**{name: rng.choice(options) for name, options in slots.items()})
                text = re.sub(r"\s+([.,!:])", r"\1", re.sub(r" {2,}", " ", text)).strip()
                rows.append({"text": text, "lang": lang, "level": level, "categories": [],
                             "source": f"template:everyday-{family}", "group": f"everyday:{lang}:{family}:{frame_id}"})
    return rows


def evaluation_files() -> list[Path]:
    """The labelled sets the model is measured on: nothing within 0.85 similarity of one of
    their messages is trained on."""
    return [DATA / name for name in EVALUATION if (DATA / name).is_file()]


def training_rows() -> list[dict]:
    """The training file, the hand-written extra rows and the retired evaluation sets, without
    any row within 0.85 similarity of a message of a current evaluation set."""
    rows = read(TRAIN)
    for extra in (TRAIN_EXTRA, TRAIN_EVERYDAY):
        if extra.is_file():
            rows += read(extra)
    for name in RETIRED_EVALUATION:
        for row in read(DATA / name):
            everyday = name.startswith("screening_everyday")
            rows.append({**row, "source": f"retired:{name}",
                         "group": f"everyday:retired:{row['id']}" if everyday else f"retired:{row['id']}"})
    evaluation = [normalize(row["text"]) for path in evaluation_files() for row in read(path)]
    kept = [row for row in rows if not _near(normalize(row["text"]), evaluation)]
    if len(kept) < len(rows):
        print(f"{len(rows) - len(kept)} training rows left out: too close to an evaluation message",
              file=sys.stderr)
    return kept


def read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def rebuild_data() -> None:
    import screening_templates

    rows = read(TRAIN)
    written = [row for row in rows if row["source"] == "written"]
    generated = screening_templates.build(written) + everyday_rows()
    evaluation = [normalize(row["text"]) for path in evaluation_files() for row in read(path)]
    seen = {normalize(row["text"]) for row in written}
    kept, dropped = [], 0
    for row in generated:
        text = normalize(row["text"])
        if text in seen or _near(text, evaluation):
            dropped += 1
            continue
        seen.add(text)
        kept.append(row)
    close_written = [row["id"] for row in written if _near(normalize(row["text"]), evaluation)]
    if close_written:
        sys.exit(f"written rows too close to an evaluation message, rewrite them: {close_written}")
    for number, row in enumerate(kept, 1):
        row["id"] = f"g-{row['lang']}-{row['level']}-{number:04d}"
    with TRAIN.open("w") as out:
        for row in written + kept:
            out.write(json.dumps({key: row[key] for key in ("id", "text", "lang", "level", "categories", "source",
                                                            "group")}, ensure_ascii=False) + "\n")
    print(f"{len(written)} written, {len(kept)} generated ({dropped} dropped: duplicates or close to an "
          f"evaluation message)", file=sys.stderr)


def _near(text: str, others: list[str]) -> bool:
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(text)
    for other in others:
        matcher.set_seq1(other)
        if matcher.real_quick_ratio() > 0.85 and matcher.quick_ratio() > 0.85 and matcher.ratio() > 0.85:
            return True
    return False


def matrix(rows: list[dict]) -> tuple[sparse.csr_matrix, np.ndarray]:
    """Rows × used buckets, and the buckets in column order."""
    indptr, indices, values = [0], [], []
    for row in rows:
        buckets, vals, _ = features(normalize(row["text"]))
        indices.append(buckets)
        values.append(vals)
        indptr.append(indptr[-1] + len(buckets))
    indices, values = np.concatenate(indices), np.concatenate(values)
    used, columns = np.unique(indices, return_inverse=True)
    x = sparse.csr_matrix((values, columns, np.asarray(indptr)), shape=(len(rows), len(used)))
    x.sum_duplicates()
    return x, used


def fit(x: sparse.csr_matrix, y: np.ndarray, classes: int, l2: float) -> tuple[np.ndarray, np.ndarray]:
    """Multinomial logistic regression, classes weighted equally, L2 on the weights (not the bias)."""
    n, d = x.shape
    counts = np.bincount(y, minlength=classes).astype(float)
    sample = (n / (classes * np.maximum(counts, 1)))[y]
    onehot = np.zeros((n, classes))
    onehot[np.arange(n), y] = 1.0
    xt = x.T.tocsr()

    def loss(params):
        w, b = params[:d * classes].reshape(d, classes), params[d * classes:]
        z = x @ w + b
        z -= z.max(axis=1, keepdims=True)
        log_p = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
        value = -(sample * (log_p * onehot).sum(axis=1)).sum() + 0.5 * l2 * (w * w).sum()
        residual = (np.exp(log_p) - onehot) * sample[:, None]
        grad_w = xt @ residual + l2 * w
        return value, np.concatenate([grad_w.ravel(), residual.sum(axis=0)])

    start = np.zeros(d * classes + classes)
    found = optimize.minimize(loss, start, jac=True, method="L-BFGS-B", options={"maxiter": 2000, "gtol": 1e-6})
    return found.x[:d * classes].reshape(d, classes), found.x[d * classes:]


def fit_hidden(x: sparse.csr_matrix, y: np.ndarray, classes: int, l2: float):
    """One hidden layer of HIDDEN tanh units, then softmax; classes weighted equally; L2 on the
    weights. Full-batch L-BFGS from a seeded start, so the same data gives the same weights."""
    n, d = x.shape
    counts = np.bincount(y, minlength=classes).astype(float)
    sample = (n / (classes * np.maximum(counts, 1)))[y]
    onehot = np.zeros((n, classes))
    onehot[np.arange(n), y] = 1.0
    xt = x.T.tocsr()
    rng = np.random.default_rng(SEED)
    sizes = (d * HIDDEN, HIDDEN, HIDDEN * classes, classes)
    start = np.concatenate([rng.normal(0, 0.1, sizes[0]), np.zeros(HIDDEN), rng.normal(0, 0.1, sizes[2]),
                            np.zeros(classes)])

    def unpack(params):
        w1, b1, w2, b2 = np.split(params, np.cumsum(sizes)[:-1])
        return w1.reshape(d, HIDDEN), b1, w2.reshape(HIDDEN, classes), b2

    def loss(params):
        w1, b1, w2, b2 = unpack(params)
        hidden = np.tanh(x @ w1 + b1)
        z = hidden @ w2 + b2
        z -= z.max(axis=1, keepdims=True)
        log_p = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
        value = -(sample * (log_p * onehot).sum(axis=1)).sum() + 0.5 * l2 * ((w1 * w1).sum() + (w2 * w2).sum())
        residual = (np.exp(log_p) - onehot) * sample[:, None]
        back = (residual @ w2.T) * (1 - hidden * hidden)
        return value, np.concatenate([(xt @ back + l2 * w1).ravel(), back.sum(axis=0),
                                      (hidden.T @ residual + l2 * w2).ravel(), residual.sum(axis=0)])

    found = optimize.minimize(loss, start, jac=True, method="L-BFGS-B", options={"maxiter": MAX_ITERATIONS})
    return unpack(found.x)


def predict_hidden(x, w1, b1, w2, b2) -> np.ndarray:
    z = np.tanh(x @ w1 + b1) @ w2 + b2
    z -= z.max(axis=1, keepdims=True)
    p = np.exp(z)
    return p / p.sum(axis=1, keepdims=True)


def predict(x, w, b) -> np.ndarray:
    z = x @ w + b
    z -= z.max(axis=1, keepdims=True)
    p = np.exp(z)
    return p / p.sum(axis=1, keepdims=True)


def fold_of(group: str) -> int:
    return int(hashlib.sha256(group.encode()).hexdigest(), 16) % FOLDS


def combined(rules: np.ndarray, discounted: np.ndarray, p: np.ndarray, high: float, high_discounted: float,
             imminent: float, low: float, lower: float = 1.1) -> np.ndarray:
    """What the screener gives (level ranks) with these thresholds: the rules, raised by the
    model, and the rules' `high` lowered to `low` where the model is at least `lower` sure the
    text is calm (none or low)."""
    risk = p[:, 2] + p[:, 3]
    model = np.where(risk >= np.where(discounted, high_discounted, high), np.where(p[:, 3] >= imminent, 3, 2),
                     np.where(p[:, 1:].sum(axis=1) >= low, 1, 0))
    rules = np.where((rules == 2) & (1 - risk >= lower), 1, rules)
    return np.maximum(rules, model)


def rates(labels: np.ndarray, levels: np.ndarray, everyday: np.ndarray) -> dict:
    """Recall and false-alarm shares. The hard negatives (idioms, lyrics, lessons…) and the
    everyday chatter are counted apart, so that many easy rows can't dilute the hard budgets."""
    def share(wanted, got, among=None):
        rows = np.isin(labels, wanted) & (True if among is None else among)
        return float(np.isin(levels[rows], got).mean()) if rows.any() else 0.0

    hard = ~everyday
    return {"recall_high_or_imminent": share([2, 3], [2, 3]), "imminent_recall": share([3], [3]),
            "none_to_high": share([0], [2, 3], hard), "low_to_high": share([1], [2, 3], hard),
            "everyday_to_high": share([0, 1], [2, 3], everyday), "high_to_imminent": share([2], [3]),
            "calm_to_imminent": share([0, 1], [3]), "none_to_low": share([0], [1]),
            "accuracy": float((labels == levels).mean())}


def thresholds(labels, rules, discounted, oof, everyday) -> dict:
    """The lowest thresholds whose raises add no more than the budgets to what the rules alone do
    (for raising to high: the pair, for texts the rules set aside or not, with the best recall)."""
    base = rates(labels, rules, everyday)
    grid = [round(float(t), 3) for t in np.arange(0.20, 0.991, 0.01)]

    def within(found, keys):
        return all(found[k] - base[k] <= BUDGETS[k] + 1e-9 for k in keys)

    best = (-1.0, 0.99, 0.99)
    for high in grid:
        for high_discounted in grid:
            if high_discounted < high:
                continue
            found = rates(labels, combined(rules, discounted, oof, high, high_discounted, 1.1, 1.1), everyday)
            if within(found, ("none_to_high", "low_to_high", "everyday_to_high")) and found["recall_high_or_imminent"] > best[0]:
                best = (found["recall_high_or_imminent"], high, high_discounted)
    _, high, high_discounted = best
    imminent = next((t for t in grid if within(
        rates(labels, combined(rules, discounted, oof, high, high_discounted, t, 1.1), everyday),
        ("high_to_imminent", "calm_to_imminent"))), 0.99)
    low = next((t for t in grid if within(
        rates(labels, combined(rules, discounted, oof, high, high_discounted, imminent, t), everyday),
        ("none_to_low",))), 0.99)
    raised = rates(labels, combined(rules, discounted, oof, high, high_discounted, imminent, low), everyday)
    lower = next((t for t in grid if t >= 0.5 and raised["recall_high_or_imminent"] - rates(
        labels, combined(rules, discounted, oof, high, high_discounted, imminent, low, t), everyday
    )["recall_high_or_imminent"] <= BUDGETS["lowering_recall"] + 1e-9), 1.1)
    return {"raise_high": high, "raise_high_discounted": high_discounted, "raise_imminent": imminent,
            "raise_low": low, "lower_high": lower}


def quantize(weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Eight bits per weight, one scale per hidden unit: half the size of float16, and the
    probabilities move by far less than the thresholds' steps."""
    scale = np.maximum(np.abs(weights).max(axis=0), 1e-12) / 127
    return np.round(weights / scale).astype(np.int8), scale.astype(np.float32)


def save(path: Path, **arrays) -> None:
    """Like numpy.savez_compressed, with fixed dates in the zip so the file's bytes repeat."""
    import io
    import zipfile

    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, array in arrays.items():
            buffer = io.BytesIO()
            np.lib.format.write_array(buffer, np.asarray(array), allow_pickle=False)
            info = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, buffer.getvalue())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rebuild-data", action="store_true", help="regenerate the templated rows first")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    if args.rebuild_data:
        rebuild_data()

    rows = training_rows()
    x, used = matrix(rows)
    y = np.array([RANK[row["level"]] for row in rows])
    verdicts = [rules_verdict(row["text"], lang=row["lang"]) for row in rows]
    rules = np.array([RANK[result.level] for result, _ in verdicts])
    discounted = np.array([flag for _, flag in verdicts])
    folds = np.array([fold_of(row["group"]) for row in rows])
    oof = np.zeros((len(rows), len(LEVELS)))
    for fold in range(FOLDS):
        train, held = folds != fold, folds == fold
        oof[held] = predict_hidden(x[held], *fit_hidden(x[train], y[train], len(LEVELS), L2_LEVEL))
    everyday = np.array([row["group"].startswith("everyday") for row in rows])
    chosen = thresholds(y, rules, discounted, oof, everyday)
    held_out = {"rules_alone": rates(y, rules, everyday),
                "model_alone": rates(y, combined(np.zeros_like(rules), discounted, oof, *chosen.values()), everyday),
                "rules_and_model": rates(y, combined(rules, discounted, oof, *chosen.values()), everyday)}

    w1, b1, w2, b2 = fit_hidden(x, y, len(LEVELS), L2_LEVEL)
    with_category = [i for i, row in enumerate(rows) if row["categories"]]
    yc = np.array([CATEGORIES.index(rows[i]["categories"][0]) for i in with_category])
    wc, bc = fit(x[with_category], yc, len(CATEGORIES), L2_CATEGORY)
    version = hashlib.sha256(json.dumps([[r["text"], r["level"]] for r in rows]).encode()).hexdigest()[:12]
    hidden_weights, hidden_scale = quantize(w1)
    save(args.out, rows=used.astype(np.int32), hidden_weights=hidden_weights, hidden_scale=hidden_scale,
         hidden_bias=b1.astype(np.float32),
         output_weights=w2.astype(np.float32), output_bias=b2.astype(np.float32),
         category_weights=wc.astype(np.float16), category_bias=bc.astype(np.float32),
         version=np.array(f"train-{version}"), **{k: np.array(v) for k, v in chosen.items()})
    figures = {"rows": len(rows), "features_used": int(len(used)), "buckets": BUCKETS, "folds": FOLDS,
               "hidden": HIDDEN, "l2": L2_LEVEL,
               "thresholds": chosen, "budgets": BUDGETS, "version": f"train-{version}",
               "held_out_folds": {k: {m: round(v, 3) for m, v in r.items()} for k, r in held_out.items()},
               "weights_bytes": args.out.stat().st_size}
    for name, found in figures["held_out_folds"].items():
        print(f"{name:>16}: {found}", file=sys.stderr)
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
