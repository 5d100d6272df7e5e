"""Slot-filled training messages for the screening model (see scripts/train_screening_model.py).

Part of `peercircle/safety/data/screening_train.jsonl` is written by hand, message by message
(source "written"). This module adds, deterministically from a seed:

- templated messages (source "template:<family>"): a frame with slots, the level following from
  the frame (a wish → high; a wish with a planned time → imminent; negated or told as distant
  past → low; an idiom, a joke, a lyric, a lesson, a supportive reply, an innocent question → none);
- variants of written messages (source "variant"): the same message with typos, slang, no
  capitals or punctuation, the label unchanged.

Each row carries a `group` (the template frame, or the written message a variant comes from), so
that validation never sees a frame or a message it was trained on. Nothing here is copied from
the evaluation sets; the training script drops anything too close to one of them.
"""

from __future__ import annotations

import random
import re

S, SH, OD, V, A, M = "suicide", "self_harm", "overdose", "violence", "abuse", "medical"

# --- English slots -------------------------------------------------------------------------------
EN_ACTS_SELF = ["die", "end my life", "kill myself", "unalive myself", "disappear for good", "stop existing",
                "end it all", "not be here anymore", "fall asleep and never wake up", "take my own life", "ctb",
                "just be gone", "end everything", "stop living", "not exist", "be dead", "kms"]
EN_ACTS_THIRD = {"she": ["die", "end her life", "kill herself", "take her own life", "unalive herself",
                         "disappear for good", "end it all", "not be here anymore"],
                 "he": ["die", "end his life", "kill himself", "take his own life", "unalive himself",
                        "disappear for good", "end it all", "not be here anymore"]}
EN_RELATIONS = {"she": ["my sister", "my best friend", "my girlfriend", "my mum", "my daughter", "a girl in my class",
                        "my flatmate", "my wife", "my cousin", "my friend from work"],
                "he": ["my brother", "my boyfriend", "my dad", "my son", "my best mate", "my husband",
                       "my housemate", "a lad on my course", "my uncle", "my partner"]}
EN_TIMES = ["tonight", "tomorrow", "this weekend", "in an hour", "after everyone goes to bed", "on Friday",
            "when my shift ends tonight", "before the morning", "tomorrow morning", "in a few hours",
            "once the kids are asleep", "this evening"]
EN_SOFT = ["I just needed to vent", "I'm just really tired", "I'm having a rough week", "I just feel flat today",
           "I'm just sad about the move", "I just needed to say it out loud", "I'm just stressed about money",
           "it's just been a long day"]
EN_PAST_TIMES = ["When I was 15", "Years ago", "Back in 2012", "In my early twenties", "As a teenager", "A decade ago",
                 "When I was at school", "Long before I got sober", "Twenty years ago", "When I was in my teens"]
EN_NOW_OK = ["I'm in a much better place now", "today I'm grateful to be here", "now I help others through it",
             "therapy really helped", "I'm doing well these days", "I'm so glad I'm still here",
             "life is good now", "now I volunteer on a helpline"]
EN_DRUGS = ["paracetamol", "sleeping pills", "antidepressants", "sertraline", "insulin", "painkillers",
            "tramadol", "lithium", "diazepam", "co-codamol", "codeine", "quetiapine", "oxycodone", "meds",
            "tablets", "pills", "amitriptyline", "propranolol"]
EN_SAFE_DRUGS = ["ibuprofen", "paracetamol", "antihistamines", "vitamin D", "melatonin", "aspirin", "iron tablets",
                 "my antibiotics", "cough syrup", "magnesium", "my inhaler", "omeprazole"]
EN_AILMENTS = ["a headache", "period pain", "a bad back", "a toothache", "hay fever", "a cold", "my knee",
               "a migraine", "sore muscles", "a fever"]
EN_ABUSERS = {"he": ["my husband", "my boyfriend", "my dad", "my stepdad", "my uncle", "my older brother",
                     "my carer", "my coach", "my ex", "my mum's boyfriend"],
              "she": ["my wife", "my girlfriend", "my mum", "my stepmum", "my partner", "my aunt", "my carer"]}
EN_ABUSE_ACTS = ["hits me", "slaps me", "kicks me", "chokes me", "pushes me around", "locks me in my room",
                 "threatens to kill me", "touches me in ways I don't like", "throws things at me",
                 "drags me by my hair", "punches me", "burns me with cigarettes", "hurts me",
                 "makes me do sexual things", "won't let me leave the house and hits me"]
EN_ABUSE_WHEN = ["when {p}'s drunk", "when I talk back", "almost every night", "when no one's around", "",
                 "and I'm scared to tell anyone", "and says it's my fault", "if I don't do what {p} says",
                 "and I don't know what to do"]
EN_ABUSE_NOW = ["hitting", "choking", "kicking", "beating", "strangling", "punching"]
EN_TARGETS = ["him", "my boss", "my stepdad", "my ex", "the guy next door", "my manager", "them", "her",
              "my brother-in-law", "the man who hurt my sister"]
EN_HARMS = ["hurt", "kill", "stab", "beat", "punch", "strangle", "attack", "shoot", "batter"]
EN_ADJ_LOW = ["lonely", "empty", "hopeless", "worthless", "exhausted", "numb", "lost", "overwhelmed", "anxious",
              "invisible", "broken", "flat", "miserable", "useless", "drained"]
EN_WHEN_LOW = ["lately", "since the breakup", "since I lost my job", "today", "these days", "since mum died",
               "this week", "at night", "since I moved here", "since the diagnosis", "all the time"]
EN_SUBSTANCES = ["alcohol", "weed", "coke", "heroin", "gambling", "pills", "booze", "drinking"]


def _en_templates(rng: random.Random) -> list[dict]:
    rows: list[dict] = []

    def add(family: str, frame_id: int, text: str, level: str, categories=()):
        rows.append({"text": text, "lang": "en", "level": level, "categories": list(categories),
                     "source": f"template:{family}", "group": f"en:{family}:{frame_id}"})

    def sample(family, frames, count, level, categories, **slots):
        for _ in range(count):
            frame_id = rng.randrange(len(frames))
            values = {name: rng.choice(options) for name, options in slots.items()}
            add(family, frame_id, frames[frame_id].format(**values), level, categories)

    # Suicidal wishes, now: high.
    sample("wish", ["I want to {a}", "i wanna {a}", "I just want to {a}", "Part of me wants to {a}",
                    "I feel like I need to {a}", "I keep wanting to {a}", "All I want is to {a}",
                    "Sometimes I think I should just {a}", "I'm tempted to {a}", "I've been wanting to {a} for weeks",
                    "honestly i just want to {a}", "I really want to {a} right now", "i want to {a} so bad",
                    "I can't stop thinking about how I want to {a}", "Most days I want to {a}",
                    "I think I'm going to {a} soon", "Is it bad that I want to {a}?", "I'm ready to {a}",
                    "I want to {a}, {soft}", "I'd like to {a} and be done with it"],
           150, "high", [S], a=EN_ACTS_SELF, soft=["I'm so tired", "nothing helps", "I can't do this", "I'm done",
                                                   "everything hurts", "no one would care"])
    # A wish or an intent with a planned time: imminent.
    sample("planned", ["I'm going to {a} {t}", "{T}, I'm going to {a}", "I'm planning to {a} {t}", "I will {a} {t}",
                       "I've decided to {a} {t}", "I want to {a} {t}", "going to {a} {t}, I've made up my mind",
                       "I'm going to {a} {t}. Don't try to stop me", "{T} I {a}. goodbye",
                       "It's decided, I {a} {t}", "gonna {a} {t}"],
           110, "imminent", [S], a=EN_ACTS_SELF, t=EN_TIMES, T=[t.capitalize() for t in EN_TIMES])
    # Negated: low.
    sample("negated", ["I don't want to {a}, {soft}", "I'm not going to {a}, {soft}", "I would never {a}, {soft}",
                       "Don't worry, I'm not planning to {a}. {soft}", "No, I don't want to {a}. {soft}",
                       "I promise I won't {a}, {soft}"],
           60, "low", [S], a=[a for a in EN_ACTS_SELF if a not in ("kms", "ctb", "not exist", "not be here anymore")],
           soft=EN_SOFT)
    # Told as distant past: low.
    sample("distant_past", ["{P} I wanted to {a}. {ok}", "{P} I tried to {a}; {ok}", "{P} I used to want to {a}, {ok}",
                            "{P} I nearly tried to {a}. {ok}", "{P} I thought about how to {a} every day. {ok}"],
           70, "low", [S], a=[a for a in EN_ACTS_SELF if a not in ("kms", "ctb")], P=EN_PAST_TIMES, ok=EN_NOW_OK)
    # A recent attempt: high.
    sample("recent_attempt", ["I tried to {a} last week", "I tried to {a} a few days ago and nobody knows",
                              "I tried to {a} on Sunday. I'm still here but I don't know how I feel",
                              "Last month I tried to {a} and I still think about it every day"],
           30, "high", [S], a=["kill myself", "end my life", "take my own life", "end it all", "hang myself",
                              "overdose"])
    # Someone else: their wish (high), their plan now (imminent), long ago (low).
    for pronoun in ("she", "he"):
        sample(f"third_wish_{pronoun}", ["{r} says {p} wants to {a}", "{r} keeps telling me {p} wants to {a}",
                                          "{r} told me {p} thinks about how to {a}", "{R} wants to {a}, what do I do",
                                          "{r} texted me that {p} wants to {a}", "I'm scared, {r} said {p} wants to {a}"],
               40, "high", [S], r=EN_RELATIONS[pronoun], R=[r.capitalize() for r in EN_RELATIONS[pronoun]],
               p=[pronoun], a=EN_ACTS_THIRD[pronoun])
        sample(f"third_now_{pronoun}", ["{r} just told me {p}'s going to {a} {t}",
                                         "{R} says {p}'s going to {a} {t} and won't answer the phone",
                                         "{r} just texted goodbye, {p} says {p}'s going to {a} right now",
                                         "{R} is going to {a} {t}, please help",
                                         "help, {r} is about to {a}, {p} has the pills out"],
               30, "imminent", [S], r=EN_RELATIONS[pronoun], R=[r.capitalize() for r in EN_RELATIONS[pronoun]],
               p=[pronoun], a=EN_ACTS_THIRD[pronoun], t=EN_TIMES)
        sample(f"third_past_{pronoun}", ["{P}, {r} wanted to {a}; {p}'s doing really well now",
                                          "{r} tried to {a} years ago, {p} runs marathons now"],
               14, "low", [S], r=EN_RELATIONS[pronoun], p=[pronoun], a=EN_ACTS_THIRD[pronoun],
               P=["Years ago", "Back in 2009", "When we were teenagers", "A long time ago"])
    # Self-harm.
    sh_base = ["cut myself", "hurt myself", "burn myself", "self harm", "cut my arms", "carve into my skin",
               "hit myself", "scratch until I bleed", "cut my thighs", "sh"]
    sh_past = ["cut myself", "hurt myself", "burned myself", "self harmed", "hit myself until I bruised",
               "scratched my arms until they bled", "cut my thighs", "carved into my arm", "relapsed on sh"]
    sample("sh_urge", ["I really want to {a}", "The urge to {a} is so strong tonight", "I'm trying so hard not to {a}",
                       "I need to {a}, I can't stop thinking about it", "i wanna {a} so bad", "I keep wanting to {a}",
                       "all I can think about is how much I want to {a}"],
           60, "high", [SH], a=sh_base)
    sample("sh_recent", ["I {a} {w}", "{W} I {a} again", "I {a} {w} and I feel awful", "Confession: I {a} {w}"],
           60, "high", [SH], a=sh_past, w=["last night", "again today", "this morning", "after the argument",
                                           "twice this week", "yesterday"],
           W=["Last night", "Yesterday", "This morning", "After the argument"])
    sample("sh_past", ["I used to {a} {p}, {ok}", "{P} I used to {a}. {ok}", "I haven't {pp} in years, {ok}"],
           40, "low", [SH], a=["cut myself", "self harm", "burn myself", "hurt myself"], pp=["self harmed", "cut",
                                                                                              "hurt myself"],
           p=["as a teenager", "at school", "when I was younger", "in my twenties"],
           P=EN_PAST_TIMES, ok=EN_NOW_OK)
    sample("sh_negated", ["I'm not going to {a}, I promise, {soft}", "I won't {a} tonight, {soft}"],
           20, "low", [SH], a=["cut myself", "hurt myself", "self harm"], soft=EN_SOFT)
    sample("sh_now", ["I'm bleeding a lot from my {b} and it won't stop", "I can't stop the bleeding from my {b}",
                      "I'm cutting my {b} right now", "I've got the razor against my {b} right now",
                      "I cut my {b} too deep, there's blood everywhere", "my {b} won't stop bleeding, I went too far"],
           45, "imminent", [SH], b=["arm", "wrist", "leg", "thigh", "stomach"])
    # Overdose.
    sample("od_wish", ["I keep thinking about taking all my {d}", "I want to swallow all my {d}",
                       "thinking of od'ing on {d}", "I want to take every last one of my {d}",
                       "part of me wants to take the whole box of {d}", "I could take all my {d} and just sleep",
                       "I've been staring at my {d} thinking about taking them all"],
           70, "high", [OD], d=EN_DRUGS)
    sample("od_question", ["How many {d} would it take to {x}?", "What's the lethal dose of {d}?",
                           "how much {d} would i need to {x}", "how many {d} before it {y}", "Would 50 {d} be enough to {x}?"],
           50, "high", [OD], d=EN_DRUGS, x=["not wake up", "die", "never wake up", "end it", "kill me"],
           y=["stops your heart", "kills you", "is fatal"])
    sample("od_innocent", ["How many {d} can I take for {i}?", "Is it okay to take {d} with {w}?",
                           "What's the maximum daily dose of {d}?", "Can I take {d} on an empty stomach?",
                           "How long should I wait between doses of {d} for {i}?",
                           "Is it safe to take {d} every day for {i}?", "Can you overdose on {d}? Just curious after reading the leaflet",
                           "My doctor says I can take two {d} for {i}, is that right?"],
           90, "none", [], d=EN_SAFE_DRUGS, i=EN_AILMENTS, w=["coffee", "food", "a glass of wine", "my other meds",
                                                               "grapefruit juice"])
    sample("od_act", ["I just took {n} {d}", "I've swallowed all my {d}", "I took a whole box of {d} {ago}",
                      "{n} {d} down. {bye}", "I've taken {n} {d} and I feel {f}", "just took all my {d}. {bye}",
                      "I swallowed {n} {d} {ago}, I'm scared"],
           80, "imminent", [OD], d=EN_DRUGS, n=["20", "30", "40", "50", "a handful of", "loads of", "all my", "60"],
           ago=["an hour ago", "ten minutes ago", "just now", "earlier tonight"], bye=["bye", "goodnight", "sorry",
                                                                                        "it's done"],
           f=["dizzy", "sick", "sleepy", "weird", "numb"])
    for pronoun in ("she", "he"):
        sample(f"od_third_{pronoun}", ["{R} took {n} {d} and {s}", "{R} has taken all {poss} {d}, {s}"],
               20, "imminent", [OD], R=[r.capitalize() for r in EN_RELATIONS[pronoun]], n=["a load of", "30", "all the"],
               d=EN_DRUGS, poss=["her" if pronoun == "she" else "his"],
               s=[f"{pronoun}'s not making sense", f"{pronoun} won't wake up", f"{pronoun}'s being sick and going grey",
                  f"{pronoun}'s breathing really slowly", f"{pronoun} can't stand up"])
    sample("od_past", ["I overdosed on {d} {p}; {ok}", "{P} I took an overdose of {d}. {ok}"],
           24, "low", [OD], d=EN_DRUGS, p=["years ago", "back in 2015", "when I was 19", "a long time ago"],
           P=EN_PAST_TIMES, ok=EN_NOW_OK)
    # Abuse and violence.
    for pronoun in ("he", "she"):
        sample(f"abuse_{pronoun}", ["{R} {x} {w}", "{R} {x} {w}. I don't know who to tell",
                                    "I'm scared because {r} {x} {w}"],
               55, "high", [A], R=[r.capitalize() for r in EN_ABUSERS[pronoun]], r=EN_ABUSERS[pronoun],
               x=EN_ABUSE_ACTS, w=[w.format(p=pronoun) for w in EN_ABUSE_WHEN])
        sample(f"abuse_now_{pronoun}", ["{R} is {x} me right now", "{r} is {x} me right now please help",
                                        "{R} is {x} my mum right now, I'm hiding upstairs",
                                        "help {r} is {x} me, I locked myself in the bathroom"],
               25, "imminent", [A], R=[r.capitalize() for r in EN_ABUSERS[pronoun]], r=EN_ABUSERS[pronoun],
               x=EN_ABUSE_NOW)
        sample(f"abuse_past_{pronoun}", ["{R} used to {x} when I was little; {ok}", "{P} {r} abused me. {ok}"],
               16, "low", [A], R=[r.capitalize() for r in EN_ABUSERS[pronoun]], r=EN_ABUSERS[pronoun],
               x=["hit me", "hurt me", "beat me"], P=["Years ago", "When I was a kid", "Back in my first marriage"],
               ok=["I've been safe for a long time", "therapy has helped", "I'm safe now and healing"])
    sample("violence", ["I want to {h} {t}", "I'm going to {h} {t} one of these days", "I swear I'll {h} {t} if {c}",
                        "I keep thinking about how I'd {h} {t}", "I could {h} {t}, I'm not joking"],
           60, "high", [V], h=EN_HARMS, t=EN_TARGETS, c=["he does it again", "they come near my kids",
                                                       "he says one more word", "she touches my stuff again"])
    sample("violence_now", ["I'm going to {h} {t} {tm}, I've got a {w}", "{w} in my bag, I'm going to {h} {t} {tm}",
                            "I'm on my way to {h} {t} with a {w}"],
           35, "imminent", [V], h=["stab", "shoot", "kill", "hurt"], t=EN_TARGETS, tm=EN_TIMES,
           w=["knife", "gun", "bat", "hammer", "rifle"])
    # Distress without risk: low.
    sample("distress", ["I feel so {adj} {w}", "I've been feeling really {adj} {w}", "everything feels {adj2} {w}",
                        "I'm so {adj} and I don't know what to do", "Why do I always feel so {adj}"],
           110, "low", [], adj=EN_ADJ_LOW, adj2=["pointless", "heavy", "grey", "too much", "hopeless"], w=EN_WHEN_LOW)
    sample("cravings", ["The cravings for {s} are {i} {w}", "I relapsed on {s} {w2} but I'm back at meetings",
                        "Really struggling not to use {w}", "I want to use so badly {w}"],
           50, "low", [], s=EN_SUBSTANCES, i=["awful", "so strong", "relentless", "bad"], w=EN_WHEN_LOW,
           w2=["on Saturday", "last night", "after 90 days", "this weekend"])
    # Idioms, jokes, lyrics, lessons, support, innocent goodbyes, places and objects: none.
    sample("idiom", ["{x} is killing me", "I'm dying to {f}", "I'd kill for {tr}", "{pp} is going to kill me when {mn}",
                     "I almost died {dd}", "lol I'm dead, {fn}", "{x} is going to be the death of me",
                     "I could murder {tr}", "this {x2} is to die for", "{pp} will murder me if {mn} 😂",
                     "kill me now, {bore}", "I'm so dead if {mn}", "i'm literally dying, {fn} 😂"],
           200, "none", [], x=["This heat", "My back", "The suspense", "This commute", "My new shoes", "This assignment",
                                "The wait", "Revision", "This cold"],
           f=["see the new film", "try that café", "know what happened", "meet your baby", "go on holiday",
              "hear how the date went"],
           tr=["a coffee", "a day off", "a nap", "a pizza", "some sunshine", "a burger"],
           pp=["My mum", "My boss", "My sister", "My coach", "My teacher", "My flatmate"],
           mn=["I'm late again", "she sees the mess", "he finds out I broke it", "I miss the bus",
               "they see my grades"],
           dd=["laughing", "of embarrassment", "of boredom", "of shock"],
           fn=["that video", "your meme", "the dog's face", "that joke"], x2=["cake", "view", "dress", "song"],
           bore=["three more meetings", "it's only Tuesday", "the wifi's down again", "it's raining again"])
    sample("lyrics_fiction", ["Can't stop singing \"{l}\" ♪", "That song that goes \"{l}\" is stuck in my head",
                              "The lyric \"{l}\" hits different at karaoke", "In the book the main character {fb}",
                              "The film where the hero {fb} made me cry", "Writing a story where the villain {fv}",
                              "My character in the game {fg}"],
           70, "none", [], l=["I want to die tonight", "kill me slowly", "I'm going to end it all", "take my life away",
                              "I wish I was dead", "bury me tonight"],
           fb=["takes her own life", "overdoses in the last chapter", "jumps off a bridge", "tries to kill himself"],
           fv=["plans to kill the king", "poisons the village", "stabs his brother"],
           fg=["died again at the same boss", "keeps getting killed in one shot"])
    sample("lesson_support", ["If you {x} {a}, please {r}", "Our {e} on {tp} is {w}",
                              "Reminder: {r2} if you ever {x} {a}", "We talked about {tp} in {e2} today",
                              "Anyone who {x2} deserves support, please {r}",
                              "Great article on {tp}, sharing for the group"],
           110, "none", [], x=["are having thoughts of", "ever think about", "feel like", "are worried about"],
           a=["ending your life", "hurting yourself", "suicide", "taking an overdose", "self harm"],
           r=["call 988", "text SHOUT to 85258", "call Samaritans on 116 123", "message a moderator",
              "reach out to someone you trust", "call the crisis line"],
           r2=["the crisis line is open 24/7", "moderators are online all night", "you can call 988 any time"],
           x2=["thinks about suicide", "is struggling with self harm", "thinks about ending their life",
               "talks about hurting themselves"],
           e=["workshop", "free webinar", "training session", "podcast episode", "awareness week"],
           e2=["class", "the volunteer training", "group", "the first aid course"],
           tp=["suicide prevention", "self-harm awareness", "overdose response", "supporting someone with suicidal thoughts",
               "domestic abuse warning signs", "naloxone", "safety planning"],
           w=["on Thursday", "next week", "this Saturday", "open to everyone"])
    sample("innocent_goodbye", ["{B} everyone, {lv}", "{B} all! {lv}", "Thanks for everything, {lv}",
                                "I'm leaving the group for a while, {lv}"],
           60, "none", [], B=["Bye", "Goodbye", "See ya", "Farewell"],
           lv=["off on holiday for a week", "logging off for tonight", "moving to Leeds so won't be at meetings",
               "taking a break from social media for exams", "see you all at the picnic", "back in a fortnight",
               "I'll miss you all, keep in touch"])
    sample("crisis_goodbye", ["I just want to say goodbye to everyone. {th}. {so}", "{th}. {so}. Goodbye",
                              "This is goodbye. {so}", "{so}. Please look after {pet} for me", "{th}. I won't be back",
                              "Goodbye everyone. {so}"],
           60, "high", [S], th=["Thank you for everything", "Thanks for being kind to me", "You all tried your best"],
           so=["I'm sorry", "It's not your fault", "I love you all", "Please don't be sad",
               "I can't keep going"], pet=["my cat", "my dog", "my plants", "my kids"])
    sample("place_now", ["I'm {pl} right now {tl}", "{Pl} now. {tl}", "sitting {pl}, {tl}"],
           50, "imminent", [S], pl=["on the bridge", "on the roof of my building", "at the edge of the cliff",
                                     "on the ledge", "on the train tracks", "at the top of the car park",
                                     "on the motorway bridge"],
           Pl=["On the bridge", "On the roof", "At the cliff edge", "On the ledge"],
           tl=["and I'm going to jump", "and I can't do this anymore", "goodbye", "I'm ready", "nobody's coming"])
    sample("place_innocent", ["We're {pl} {fn}", "Took the kids {pl2} today", "Lovely evening {pl} {fn}"],
           40, "none", [], pl=["on the roof terrace", "on the bridge taking photos", "at the cliffs for a picnic",
                               "on the station platform"],
           pl2=["over the bridge", "up to the cliffs", "to the train station"],
           fn=["for Priya's birthday", "watching the sunset", "waiting for the fireworks", "with a flask of tea"])
    # The same frames with ordinary acts: none (so that "going to … tonight" alone never counts).
    sample("ordinary_plans", ["I'm going to {x} {t}", "{T} I'm going to {x}", "I've decided to {x} {t}",
                              "I want to {x} {t}", "gonna {x} {t}, wish me luck", "I'm planning to {x} {t}",
                              "It's decided, I {x} {t}", "I'm ready to {x}", "All I want is to {x}",
                              "I just want to {x}", "I can't stop thinking about how I want to {x}",
                              "Part of me wants to {x}", "I keep wanting to {x}", "I think I'm going to {x} soon"],
           200, "none", [], x=["go to the gym", "finish this book", "call my sponsor", "break up with him",
                               "end the call early", "cut the grass", "turn off my phone and sleep",
                               "jump on the trampoline with the kids", "take all the kids to the cinema",
                               "hang the new curtains", "shoot some hoops", "end my shift early", "smash this interview",
                               "cut ties with that toxic friend", "disappear into a good book", "hang out with Tom",
                               "take my meds and go to bed", "quit my job", "move to the countryside", "dye my hair blue",
                               "end things with my landlord", "kill it at the open mic", "drive to the coast",
                               "take the plunge and sign up", "tell my mum the truth", "delete my dating apps",
                               "give my old clothes away", "write my wedding speech", "sleep for a week",
                               "say goodbye to my old flat", "end this chapter of my life and move abroad"],
           t=EN_TIMES, T=[t.capitalize() for t in EN_TIMES])
    sample("ordinary_took", ["I took {x}", "Just took {x}", "I swallowed {y}", "Took {x} {ago}"],
           60, "none", [], x=["20 photos of the sunset", "all the kids swimming", "a bunch of selfies", "two paracetamol for my headache",
                              "my vitamins", "the whole day off", "loads of notes in the lecture", "every chance I got",
                              "the dog for a long walk", "all my old books to the charity shop"],
           y=["my pride and said sorry", "a fly on my bike ride, gross", "my gum by accident", "the whole pizza in ten minutes"],
           ago=["this morning", "an hour ago", "earlier"])
    sample("means_ready", ["{m}. {tl}", "{m} and I'm ready", "{m}, {tl}"],
           50, "imminent", [S], m=["The rope is tied", "I've got the pills lined up", "The knife is next to me",
                                   "The gun is loaded", "The noose is ready", "Everything is ready", "I've got the blade out",
                                   "The note is written"],
           tl=["tonight", "this is it", "goodbye", "nobody can stop me", "it's time"])
    sample("means_innocent", ["Bought {ou}", "Finally got {ou}, {u2}", "Does anyone know where to buy {ou}?"],
           40, "none", [], ou=["a rope for the washing line", "a new knife for the kitchen", "a box of pills for my allergies",
                               "an air rifle for the clay shooting club", "a razor for shaving", "a rope for the climbing wall",
                               "a pocket knife for camping"],
           u2=["can't wait to use it", "cost a fortune", "great quality"])
    return rows


# --- Spanish slots -------------------------------------------------------------------------------
ES_ACTS_SELF = ["morirme", "quitarme la vida", "matarme", "suicidarme", "desaparecer para siempre", "dejar de existir",
                "acabar con todo", "no estar aquí", "dormirme y no despertar", "acabar con mi vida", "no seguir viviendo"]
ES_ACTS_THIRD = ["morirse", "quitarse la vida", "matarse", "suicidarse", "desaparecer para siempre", "acabar con todo"]
ES_RELATIONS = ["mi hermana", "mi mejor amiga", "mi novio", "mi madre", "mi hijo", "mi compañera de piso", "mi padre",
                "mi prima", "un chico de mi clase", "mi pareja"]
ES_TIMES = ["esta noche", "mañana", "este fin de semana", "en una hora", "cuando se duerman", "el viernes",
            "mañana por la mañana", "dentro de un rato", "hoy mismo"]
ES_SOFT = ["solo necesitaba desahogarme", "solo estoy muy cansada", "estoy teniendo una semana dura",
           "solo me siento apagado hoy", "solo estoy triste por la mudanza", "solo estoy agobiada con el dinero"]
ES_PAST = ["Cuando tenía 15 años", "Hace años", "En 2012", "De adolescente", "Hace una década", "Cuando era joven",
           "Hace veinte años", "En el instituto"]
ES_OK = ["hoy estoy mucho mejor", "hoy agradezco seguir aquí", "ahora ayudo a otras personas", "la terapia me ayudó",
         "ahora soy feliz", "hoy soy voluntaria en una línea de ayuda"]
ES_DRUGS = ["paracetamol", "pastillas para dormir", "antidepresivos", "insulina", "calmantes", "tramadol",
            "lorazepam", "diazepam", "pastillas", "orfidal", "mis medicinas"]
ES_SAFE = ["ibuprofeno", "paracetamol", "antihistamínicos", "vitamina D", "melatonina", "aspirina", "omeprazol",
           "el antibiótico"]
ES_AILMENTS = ["el dolor de cabeza", "la regla", "la espalda", "las muelas", "la alergia", "un resfriado", "la fiebre"]
ES_ABUSERS = ["mi marido", "mi novio", "mi padre", "mi padrastro", "mi tío", "mi hermano mayor", "mi pareja", "mi madre",
              "mi ex", "el novio de mi madre"]
ES_ABUSE_ACTS = ["me pega", "me da bofetadas", "me da patadas", "me agarra del cuello", "me empuja", "me encierra en mi cuarto",
                 "me amenaza con matarme", "me toca y no quiero", "me tira cosas", "me insulta y me pega", "me hace daño",
                 "me obliga a hacer cosas sexuales"]
ES_ADJ = ["sola", "solo", "vacía", "vacío", "desanimada", "inútil", "agotada", "agotado", "perdida", "agobiado",
          "triste", "apagada", "rota"]
ES_WHEN = ["últimamente", "desde la ruptura", "desde que perdí el trabajo", "hoy", "estos días", "desde que murió mi madre",
           "esta semana", "por las noches", "desde el diagnóstico"]


def _es_templates(rng: random.Random) -> list[dict]:
    rows: list[dict] = []

    def sample(family, frames, count, level, categories, **slots):
        for _ in range(count):
            frame_id = rng.randrange(len(frames))
            values = {name: rng.choice(options) for name, options in slots.items()}
            rows.append({"text": frames[frame_id].format(**values), "lang": "es", "level": level,
                         "categories": list(categories), "source": f"template:{family}",
                         "group": f"es:{family}:{frame_id}"})

    sample("wish", ["Quiero {a}", "kiero {a}", "Solo quiero {a}", "Una parte de mí quiere {a}", "Necesito {a}",
                    "A veces pienso que debería {a}", "Tengo ganas de {a}", "Llevo semanas queriendo {a}",
                    "Lo único que quiero es {a}", "quiero {a} ya, {s}", "Pienso todo el rato en {a}",
                    "Me gustaría {a}", "No dejo de pensar en {a}"],
           110, "high", [S], a=ES_ACTS_SELF, s=["no puedo más", "estoy harta", "nada ayuda", "nadie me echaría de menos"])
    sample("planned", ["Voy a {a} {t}", "{T} voy a {a}", "He decidido {a} {t}", "Quiero {a} {t}",
                       "{T} lo hago, voy a {a}", "ya está decidido, voy a {a} {t}"],
           80, "imminent", [S], a=ES_ACTS_SELF, t=ES_TIMES, T=[t.capitalize() for t in ES_TIMES])
    sample("negated", ["No quiero {a}, {s}", "No voy a {a}, {s}", "Nunca intentaría {a}, {s}", "Tranquilos, no pienso {a}. {s}"],
           45, "low", [S], a=ES_ACTS_SELF, s=ES_SOFT)
    sample("distant_past", ["{P} quise {a}. {ok}", "{P} intenté {a}; {ok}", "{P} pensaba todos los días en {a}, {ok}"],
           50, "low", [S], a=ES_ACTS_SELF, P=ES_PAST, ok=ES_OK)
    sample("third_wish", ["{R} dice que quiere {a}", "{R} me ha dicho que piensa en {a}", "{r} me escribió que quiere {a}",
                          "Tengo miedo, {r} dice que quiere {a}"],
           45, "high", [S], R=[r.capitalize() for r in ES_RELATIONS], r=ES_RELATIONS, a=ES_ACTS_THIRD)
    sample("third_now", ["{R} me acaba de decir que va a {a} {t}", "{R} dice que va a {a} {t} y no contesta",
                         "Ayuda, {r} va a {a} ahora mismo"],
           35, "imminent", [S], R=[r.capitalize() for r in ES_RELATIONS], r=ES_RELATIONS, a=ES_ACTS_THIRD, t=ES_TIMES)
    sample("sh", ["Tengo muchas ganas de {a}", "No puedo dejar de pensar en {a}", "Las ganas de {a} no se van"],
           40, "high", [SH], a=["cortarme", "hacerme daño", "quemarme", "autolesionarme", "hacerme cortes"])
    sample("sh_recent", ["{w} me {a}", "Me {a} {w2}", "{w} me volví a {b}"],
           40, "high", [SH], a=["corté", "hice daño", "quemé el brazo", "hice cortes en las piernas", "arañé hasta sangrar"],
           b=["cortar", "hacer daño", "quemar"], w=["Anoche", "Ayer", "Esta mañana", "Después de la pelea"],
           w2=["anoche", "otra vez", "ayer", "esta semana"])
    sample("sh_past", ["{P} me autolesionaba; {ok}", "Hace años que no me corto, {ok}"],
           25, "low", [SH], P=ES_PAST, ok=ES_OK)
    sample("sh_now", ["Me estoy desangrando, me corté {b}", "No para de sangrar {b2}, me pasé", "Me estoy cortando {b} ahora mismo"],
           25, "imminent", [SH], b=["el brazo", "la muñeca", "la pierna", "muy hondo"],
           b2=["el brazo", "la muñeca", "la pierna", "el corte"])
    sample("od_wish", ["Pienso en tomarme todo el {d}", "Quiero tragarme todas las {d2}",
                       "Me tomaría todas mis {d2} y a dormir para siempre", "Quiero tomarme la caja entera de {d}"],
           40, "high", [OD], d=ES_DRUGS, d2=["pastillas", "pastillas para dormir", "pastillas de la ansiedad", "medicinas"])
    sample("od_question", ["¿Cuántas pastillas de {d} hacen falta para {x}?", "¿Cuál es la dosis letal de {d}?",
                           "¿Cuánto {d} tendría que tomar para {x}?"],
           30, "high", [OD], d=ES_DRUGS, x=["no despertar", "morir", "no despertarme nunca"])
    sample("od_innocent", ["¿Cuánto {d} puedo tomar para {i}?", "¿Se puede tomar {d} con {w}?",
                           "¿Cuál es la dosis máxima de {d} al día?", "¿Puedo tomar {d} en ayunas?",
                           "Mi médica dice que tome dos de {d} para {i}, ¿es normal?"],
           60, "none", [], d=ES_SAFE, i=ES_AILMENTS, w=["café", "alcohol", "la comida", "mis otras pastillas"])
    sample("od_act", ["Me acabo de tomar {n} {d}", "Me he tomado {n} {d} {ago}", "Me tragué {n} {d}. {bye}",
                      "Ya me he tomado {n} {d}, me siento {f}"],
           55, "imminent", [OD], n=["20", "30", "40", "todas las", "un puñado de", "toda la caja de"],
           d=["pastillas", "pastillas para dormir", "antidepresivos", "paracetamoles", "calmantes"],
           ago=["hace una hora", "hace un rato", "ahora mismo"], bye=["adiós", "buenas noches", "perdón"],
           f=["mareada", "rara", "mal", "muy dormida"])
    sample("abuse", ["{R} {x} {w}", "Tengo miedo porque {r} {x} {w}", "{R} {x} y no sé a quién decírselo"],
           60, "high", [A], R=[r.capitalize() for r in ES_ABUSERS], r=ES_ABUSERS, x=ES_ABUSE_ACTS,
           w=["cuando bebe", "casi todas las noches", "cuando no hay nadie", "", "y dice que es culpa mía"])
    sample("abuse_now", ["{R} me está pegando ahora mismo", "{R} le está pegando a mi madre ahora, estoy escondida",
                         "Ayuda, {r} me está ahogando"],
           25, "imminent", [A], R=[r.capitalize() for r in ES_ABUSERS], r=ES_ABUSERS)
    sample("violence", ["Quiero {h} a {t}", "Un día voy a {h} a {t}", "Te juro que voy a {h} a {t} si {c}"],
           40, "high", [V], h=["hacerle daño", "matar", "darle una paliza", "apuñalar"],
           t=["mi jefe", "mi padrastro", "mi ex", "ese tío", "mi vecino"],
           c=["vuelve a hacerlo", "se acerca a mis hijos", "dice una palabra más"])
    sample("violence_now", ["Voy a {h} a {t} {tm}, tengo {w}", "Llevo {w} y voy a {h} a {t} {tm}"],
           25, "imminent", [V], h=["apuñalar", "matar", "disparar"], t=["mi jefe", "mi padrastro", "mi ex", "ese tío"],
           tm=ES_TIMES, w=["un cuchillo", "una pistola", "un bate", "una navaja"])
    sample("distress", ["Me siento muy {a} {w}", "Estoy {a} {w}", "Todo me pesa {w}", "Me siento {a} y no sé qué hacer"],
           80, "low", [], a=ES_ADJ, w=ES_WHEN)
    sample("cravings", ["Tengo muchas ganas de {s} {w}", "Recaí con {s2} {w2}, pero vuelvo a las reuniones"],
           35, "low", [], s=["beber", "consumir", "fumar porros", "apostar"], s2=["el alcohol", "la coca", "el juego"],
           w=ES_WHEN, w2=["el sábado", "anoche", "después de 90 días"])
    sample("idiom", ["{x} me está matando", "Me muero de ganas de {f}", "Mataría por {tr}",
                     "{pp} me va a matar cuando {mn}", "Casi me muero {dd}", "jajaja me muero, {fn}",
                     "Me muero {dd2}", "{x} me va a matar jaja", "{pp} me mata si {mn} 😂", "Mátame, camión: {bore}"],
           140, "none", [], x=["Este calor", "La espalda", "La espera", "Este examen", "El tráfico", "Este trabajo"],
           f=["ver la película", "ir de vacaciones", "conocer al bebé", "saber qué pasó"],
           tr=["un café", "un día libre", "una siesta", "una pizza"],
           pp=["Mi madre", "Mi jefa", "Mi hermana", "El profe", "Mi compañero de piso"],
           mn=["llegue tarde", "vea el desorden", "se entere", "pierda el autobús"],
           dd=["de risa", "de vergüenza", "del susto", "de aburrimiento"], fn=["qué vídeo", "qué meme", "qué cara"],
           dd2=["de hambre", "de sueño", "de frío", "de calor", "de la risa"],
           bore=["otra vez lunes", "reunión a las ocho", "se ha ido el wifi"])
    sample("lyrics_fiction", ["No paro de cantar \"{l}\" ♪", "La canción dice \"{l}\" y la tengo en la cabeza",
                              "En la novela la protagonista {fb}", "En la película el héroe {fb}, lloré muchísimo"],
           45, "none", [], l=["me quiero morir esta noche", "mátame despacio", "quiero desaparecer",
                              "me muero por ti"], fb=["se quita la vida", "se tira de un puente", "tiene una sobredosis"])
    sample("lesson_support", ["Si alguna vez {x} {a}, {r}", "Nuestro {e} sobre {tp} es {w}",
                              "Hoy en {e2} hablamos de {tp}", "Recordad: {r2} si alguna vez {x} {a}"],
           80, "none", [], x=["piensas en", "tienes ganas de", "sientes ganas de"],
           a=["quitarte la vida", "hacerte daño", "suicidarte", "tomarte una sobredosis"],
           r=["llama al 024", "escríbenos", "habla con alguien de confianza", "llama a la línea de crisis"],
           r2=["el 024 atiende 24 horas", "hay moderadores toda la noche"],
           e=["taller", "seminario", "curso", "pódcast"], e2=["clase", "el grupo", "la formación"],
           tp=["prevención del suicidio", "autolesiones", "sobredosis", "cómo acompañar a alguien con ideas suicidas",
               "violencia de género", "planes de seguridad"], w=["el jueves", "la semana que viene", "abierto a todos"])
    sample("innocent_goodbye", ["{B} a todos, {lv}", "Gracias por todo, {lv}", "Me despido un tiempo del grupo, {lv}"],
           40, "none", [], B=["Adiós", "Chao", "Hasta luego"],
           lv=["me voy de vacaciones una semana", "me desconecto hasta el lunes", "me mudo a Sevilla y no podré venir",
               "vuelvo después de los exámenes", "nos vemos en la merienda"])
    sample("crisis_goodbye", ["Solo quiero despedirme de todos. {th}. {so}", "{th}. {so}. Adiós", "Esto es una despedida. {so}",
                              "{so}. Cuidad de {pet} por mí"],
           40, "high", [S], th=["Gracias por todo", "Gracias por ser buenos conmigo"],
           so=["Lo siento", "No es culpa vuestra", "Os quiero", "No estéis tristes", "No puedo seguir"],
           pet=["mi gato", "mi perro", "mis plantas"])
    sample("place_now", ["Estoy {pl} ahora mismo {tl}", "Sentada {pl}, {tl}"],
           35, "imminent", [S], pl=["en el puente", "en la azotea", "en el borde del acantilado", "en la cornisa",
                                     "en las vías del tren", "en el balcón"],
           tl=["y voy a saltar", "y no puedo más", "adiós", "ya está"])
    sample("place_innocent", ["Estamos {pl} {fn}", "Qué bonito estar {pl} {fn}"],
           25, "none", [], pl=["en la azotea", "en el puente", "en el balcón", "en el acantilado"],
           fn=["viendo el atardecer", "para el cumple de Ana", "esperando los fuegos", "con un café"])
    sample("ordinary_plans", ["Voy a {x} {t}", "{T} voy a {x}", "He decidido {x} {t}", "Quiero {x} {t}",
                              "Ya está decidido, voy a {x} {t}", "Solo quiero {x}", "Tengo ganas de {x}",
                              "Lo único que quiero es {x}", "No dejo de pensar en {x}"],
           140, "none", [], x=["ir al gimnasio", "acabar el libro", "llamar a mi madrina", "cortar con él", "cortar el césped",
                               "tirar la basura", "pedir una pizza", "quitarme el maquillaje y dormir",
                               "matar el rato con una serie", "colgar las cortinas", "dejar el trabajo", "mudarme al campo",
                               "acabar con este proyecto", "dormir una semana entera", "desaparecer a una playa desierta",
                               "tirarme en el sofá", "despedirme de mi piso viejo", "regalar la ropa que no uso",
                               "quemar las fotos de mi ex", "tomarme unas vacaciones"],
           t=ES_TIMES, T=[t.capitalize() for t in ES_TIMES])
    sample("ordinary_took", ["Me tomé {x}", "Me tragué {y}", "Me he tomado {x} {ago}"],
           40, "none", [], x=["toda la botella de agua", "dos paracetamoles para la cabeza", "el día libre", "las vitaminas",
                              "un café con mi hermana", "toda la sopa"],
           y=["el chicle sin querer", "la serie entera en un día", "el orgullo y pedí perdón", "una mosca en la bici"],
           ago=["esta mañana", "hace un rato", "antes de comer"])
    sample("means_ready", ["{m}. {tl}", "{m} y estoy lista", "{m}, {tl}"],
           35, "imminent", [S], m=["La cuerda está atada", "Tengo las pastillas preparadas", "Tengo el cuchillo al lado",
                                   "El arma está cargada", "Ya está todo preparado", "La carta está escrita"],
           tl=["esta noche", "ya está", "adiós", "es el momento"])
    sample("means_innocent", ["Compré {ou}", "¿Dónde compro {ou}?"],
           25, "none", [], ou=["una cuerda para tender la ropa", "un cuchillo nuevo para la cocina",
                               "una caja de pastillas para la alergia", "una navaja para ir de acampada",
                               "una cuerda para escalar"])
    return rows


# --- Variants of written messages --------------------------------------------------------------
_EN_SLANG = [("want to", "wanna"), ("going to", "gonna"), ("tonight", "tn"), ("right now", "rn"), ("I'm", "im"),
             ("don't", "dont"), ("you", "u"), ("because", "bc"), ("kill myself", "kms"), ("I've", "ive"),
             ("can't", "cant"), ("really", "rly"), ("please", "pls"), ("suicide", "sui"), ("to be honest", "tbh")]
_ES_SLANG = [("quiero", "kiero"), ("que", "q"), ("porque", "pq"), ("muy", "mu"), ("para", "pa"), ("estoy", "toy"),
             ("también", "tb"), ("por favor", "porfa")]
_ACCENTS = str.maketrans("áéíóúñÁÉÍÓÚ", "aeiounAEIOU")


def _typo(word: str, rng: random.Random) -> str:
    if len(word) < 5:
        return word
    i = rng.randrange(1, len(word) - 1)
    kind = rng.randrange(3)
    if kind == 0:
        return word[:i] + word[i + 1:]
    if kind == 1:
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    return word[:i] + word[i] * 3 + word[i + 1:]


def variant(text: str, lang: str, rng: random.Random) -> str:
    out = text
    for old, new in (_EN_SLANG if lang == "en" else _ES_SLANG):
        if rng.random() < 0.5:
            out = re.sub(rf"(?<!\w){re.escape(old)}(?!\w)", new, out, flags=re.IGNORECASE)
    if lang == "es" and rng.random() < 0.6:
        out = out.translate(_ACCENTS).replace("¿", "").replace("¡", "")
    if rng.random() < 0.7:
        out = out.lower()
    if rng.random() < 0.6:
        out = re.sub(r"[.,;!]", "", out)
    words = out.split()
    for _ in range(rng.choice((0, 1, 1, 2))):
        if words:
            j = rng.randrange(len(words))
            words[j] = _typo(words[j], rng)
    return " ".join(words)


def build(written: list[dict], seed: int = 20261129) -> list[dict]:
    """Templated rows, then variants of a share of the written rows (the written rows themselves
    are not returned)."""
    rng = random.Random(seed)
    rows = _en_templates(rng) + _es_templates(rng)
    for row in written:
        if rng.random() < 0.45:
            text = variant(row["text"], row["lang"], rng)
            if text and text != row["text"]:
                rows.append({**row, "text": text, "source": "variant", "group": row["group"]})
    return rows
