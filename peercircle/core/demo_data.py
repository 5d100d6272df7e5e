"""The fixed material the demo network is built from: organizations, programs, places,
names, bios and short stories. Pure data; peercircle.core.demo decides how to combine it."""

DEMO_DOMAIN = "peercircle.example"
DEMO_PASSWORD = "peercircle-demo"
# Public on purpose: it is printed by `peercircle demo` and documented, so anyone trying the
# demo can add it to an authenticator app. `peercircle demo-code` only works with this secret.
DEMO_TOTP_SECRET = "PCDEMOTOTPSECRET234567ABCDEFGHIJ"


# --- Organizations and their programs -------------------------------------------------------
# `places`: (city, weight) where members of this organization live; the first is its seat.
# `cultures`: (name pool, weight) for the people who join it.

ORGANIZATIONS = [
    {
        "slug": "thames-peer-network",
        "name": "Thames Peer Network",
        "kind": "peer_run",
        "country": "GB",
        "languages": ["en"],
        "website": "https://thamespeer.example.org",
        "email": "hello@thamespeer.example.org",
        "description": (
            "We are a peer-run network in London, run **by and for people with lived experience "
            "of mental health problems**. Nobody here is a case or a client: we are neighbours "
            "who have been through hard times and found it helps to talk to someone who gets it.\n\n"
            "- Weekly peer groups across the city and online\n"
            "- 1:1 peer mentoring for veterans and their families\n"
            "- A safe online circle for young people aged 16–25\n\n"
            "Come as you are. A cup of tea is always on."
        ),
        "places": [("London", 8), ("Croydon", 1), ("Brighton", 1), ("Oxford", 1)],
        "cultures": [("en", 6), ("south_asian", 2), ("african", 2), ("slavic", 1), ("arabic", 1)],
        "programs": [
            {
                "name": "Veterans 1:1 peer mentoring",
                "kind": "one_to_one",
                "codes": ["mental_health.ptsd", "mental_health.depression",
                          "substance_use.alcohol", "life.unemployment"],
                "description": (
                    "Matched 1:1 with a trained peer mentor who has served. We meet for coffee, "
                    "a walk or a call, every week or two, for as long as it helps."
                ),
            },
            {
                "name": "Thursday evening peer groups",
                "kind": "group",
                "codes": ["mental_health.depression", "mental_health.anxiety",
                          "mental_health.bipolar", "mental_health.ocd", "mental_health.bpd",
                          "mental_health.eating_disorder"],
                "description": (
                    "Small, facilitated groups that meet every Thursday at 7pm. No need to "
                    "talk if you don't want to: listening is taking part too."
                ),
            },
            {
                "name": "Young people's online circle",
                "kind": "online",
                "codes": ["mental_health.anxiety", "mental_health.self_harm",
                          "mental_health.neurodivergence", "life.loneliness"],
                "accepts_under_18": True,
                "description": (
                    "An online peer space for **16 to 25 year olds**, moderated every evening. "
                    "Chat, share what's helping, and find others who understand."
                ),
            },
        ],
    },
    {
        "slug": "red-de-apoyo-mutuo-madrid",
        "name": "Red de Apoyo Mutuo Madrid",
        "kind": "peer_run",
        "country": "ES",
        "languages": ["es"],
        "website": "https://apoyomutuo.example.org",
        "email": "hola@apoyomutuo.example.org",
        "description": (
            "Somos una red de **apoyo mutuo** en Madrid formada por personas que hemos vivido "
            "malestar psíquico, pérdidas y cambios difíciles. Nos acompañamos de igual a igual, "
            "sin etiquetas y sin juicios.\n\n"
            "- Grupos de duelo en Lavapiés y en línea\n"
            "- Acompañamiento individual entre pares\n"
            "- Un círculo de mujeres que se reúne cada quince días\n\n"
            "Aquí nadie está de más. Ven cuando quieras."
        ),
        "places": [("Madrid", 8), ("Getafe", 1), ("Alcalá de Henares", 1), ("Leganés", 1)],
        "cultures": [("es_ES", 8), ("es_MX", 1), ("arabic", 1), ("slavic", 1)],
        "programs": [
            {
                "name": "Grupo de duelo",
                "kind": "group",
                "codes": ["grief.parent", "grief.partner", "grief.sibling", "grief.friend",
                          "grief.suicide_loss"],
                "description": (
                    "Un espacio para hablar de quien ya no está, a tu ritmo. Nos vemos los "
                    "martes por la tarde, con una persona facilitadora que también ha vivido un duelo."
                ),
            },
            {
                "name": "Acompañamiento entre pares 1:1",
                "kind": "one_to_one",
                "codes": ["mental_health.depression", "mental_health.anxiety",
                          "mental_health.psychosis", "mental_health.bpd"],
                "description": (
                    "Una persona con experiencia propia te acompaña durante unos meses: "
                    "conversaciones, paseos y objetivos pequeños que eliges tú."
                ),
            },
            {
                "name": "Círculo de mujeres",
                "kind": "group",
                "codes": ["life.domestic_abuse", "life.divorce", "life.immigration",
                          "life.loneliness"],
                "description": (
                    "Un grupo de mujeres que se apoyan tras separaciones, violencia o la vida "
                    "lejos de casa. Confidencial y sin prisas."
                ),
            },
        ],
    },
    {
        "slug": "lakeshore-recovery-community",
        "name": "Lakeshore Recovery Community",
        "kind": "recovery_community",
        "country": "CA",
        "languages": ["en", "fr"],
        "website": "https://lakeshorerecovery.example.org",
        "email": "welcome@lakeshorerecovery.example.org",
        "description": (
            "A recovery community organization on Toronto's waterfront. **Every pathway to "
            "recovery is welcome here**: twelve-step, secular, medication-assisted, or still "
            "figuring it out.\n\n"
            "- Recovery coaching, one to one, in English or French\n"
            "- All-recovery meetings most evenings\n"
            "- A circle for families and friends\n\n"
            "Bienvenue à toutes et à tous."
        ),
        "places": [("Toronto", 7), ("Mississauga", 2), ("Brampton", 1), ("Hamilton", 1)],
        "cultures": [("en", 5), ("fr_CA", 2), ("south_asian", 2), ("east_asian", 1), ("african", 1)],
        "programs": [
            {
                "name": "Alcohol recovery 1:1",
                "kind": "one_to_one",
                "codes": ["substance_use.alcohol", "substance_use.tobacco"],
                "description": (
                    "A recovery coach who has been there meets you weekly, in person or by "
                    "video. Bring your own goals; we'll help you keep them."
                ),
            },
            {
                "name": "All Recovery meetings",
                "kind": "group",
                "codes": ["substance_use.alcohol", "substance_use.opioids",
                          "substance_use.stimulants", "substance_use.cannabis",
                          "substance_use.gambling"],
                "description": "Open meetings for anyone in or seeking recovery, from any pathway.",
            },
            {
                "name": "Family & friends circle",
                "kind": "group",
                "codes": ["substance_use.family", "life.caregiving"],
                "description": (
                    "For parents, partners and friends of people who use substances. You "
                    "matter too."
                ),
            },
        ],
    },
    {
        "slug": "southside-recovery-collective",
        "name": "Southside Recovery Collective",
        "kind": "recovery_community",
        "country": "US",
        "languages": ["en", "es"],
        "website": "https://southsiderecovery.example.org",
        "email": "info@southsiderecovery.example.org",
        "description": (
            "Peer recovery support on Chicago's South Side since 2012. Our recovery coaches "
            "are neighbors with lived experience of addiction, incarceration and coming home.\n\n"
            "- Recovery coaching 1:1, *en inglés y en español*\n"
            "- Reentry peer support for people coming home\n"
            "- A bridge from the emergency department to a peer, the same day\n\n"
            "Recovery is possible, and you don't have to do it alone."
        ),
        "places": [("Chicago", 8), ("Evanston", 1), ("Gary", 1), ("Naperville", 1)],
        "cultures": [("en", 5), ("african", 3), ("es_MX", 3), ("slavic", 1)],
        "programs": [
            {
                "name": "Recovery coaching 1:1",
                "kind": "one_to_one",
                "codes": ["substance_use.opioids", "substance_use.stimulants",
                          "substance_use.alcohol", "substance_use.cannabis"],
                "description": "Weekly meetings with a certified peer recovery coach.",
            },
            {
                "name": "Reentry peer support",
                "kind": "group",
                "codes": ["life.reentry", "life.homelessness", "life.unemployment",
                          "substance_use.opioids"],
                "description": (
                    "For people coming home from prison or jail: housing, work, family, and "
                    "staying well, with people who have done it."
                ),
            },
            {
                "name": "Emergency department bridge",
                "kind": "referral",
                "codes": ["substance_use.opioids", "substance_use.stimulants",
                          "mental_health.suicide_survivor"],
                "description": (
                    "Hospital staff refer patients (with their consent) and a peer recovery "
                    "coach reaches out within a day."
                ),
            },
        ],
    },
    {
        "slug": "harbour-cancer-companions",
        "name": "Harbour Cancer Companions",
        "kind": "charity",
        "country": "AU",
        "languages": ["en"],
        "website": "https://harbourcompanions.example.org",
        "email": "hello@harbourcompanions.example.org",
        "description": (
            "A Melbourne charity that pairs people living with cancer and long-term illness "
            "with volunteers who have been through it themselves.\n\n"
            "- **Cancer buddies**: one-to-one support from diagnosis onwards\n"
            "- A caregivers circle for partners, parents and friends\n"
            "- An online space for living well with chronic illness\n\n"
            "You are more than a diagnosis."
        ),
        "places": [("Melbourne", 7), ("Geelong", 2), ("Ballarat", 1)],
        "cultures": [("en", 6), ("east_asian", 2), ("south_asian", 1), ("arabic", 1)],
        "programs": [
            {
                "name": "Cancer buddies 1:1",
                "kind": "one_to_one",
                "codes": ["chronic_illness.cancer"],
                "description": (
                    "A trained volunteer who has had cancer keeps you company through "
                    "treatment and after, by phone or over coffee."
                ),
            },
            {
                "name": "Caregivers circle",
                "kind": "group",
                "codes": ["life.caregiving", "chronic_illness.cancer"],
                "description": "Monthly evening circle for people caring for someone with cancer.",
            },
            {
                "name": "Living well online",
                "kind": "online",
                "codes": ["chronic_illness.chronic_pain", "chronic_illness.autoimmune",
                          "chronic_illness.multiple_sclerosis", "chronic_illness.long_covid",
                          "chronic_illness.heart", "chronic_illness.hiv"],
                "description": "An online community for everyday life with long-term conditions.",
            },
        ],
    },
    {
        "slug": "clinica-comunitaria-norte-pares",
        "name": "Clínica Comunitaria Norte — Pares",
        "kind": "healthcare",
        "country": "MX",
        "languages": ["es"],
        "website": "https://clinicanorte.example.org",
        "email": "pares@clinicanorte.example.org",
        "description": (
            "El programa de **pares** de la Clínica Comunitaria Norte, en la Ciudad de México. "
            "Personas que viven con diabetes, que han sido mamás o papás primerizos o que han "
            "pasado por momentos difíciles acompañan a pacientes de la clínica.\n\n"
            "- Pares para diabetes y enfermedades del corazón y del riñón\n"
            "- Referencia desde consulta al apoyo entre pares\n"
            "- Grupo de mamás y papás primerizos\n\n"
            "Tu equipo de salud y tus pares, trabajando juntos."
        ),
        "places": [("Mexico City", 8), ("Ecatepec de Morelos", 2), ("Toluca", 1)],
        "cultures": [("es_MX", 10), ("en", 1)],
        "programs": [
            {
                "name": "Pares para diabetes",
                "kind": "one_to_one",
                "codes": ["chronic_illness.diabetes", "chronic_illness.heart",
                          "chronic_illness.kidney"],
                "description": (
                    "Una persona que vive con diabetes te acompaña a entender tu tratamiento y "
                    "a hacer cambios pequeños que se sostienen."
                ),
            },
            {
                "name": "Referencia a apoyo entre pares",
                "kind": "referral",
                "codes": ["mental_health.depression", "mental_health.anxiety",
                          "mental_health.perinatal", "substance_use.alcohol"],
                "description": (
                    "Tu médica o médico puede referirte, con tu permiso, a una persona par que "
                    "te llamará en la semana."
                ),
            },
            {
                "name": "Grupo de mamás y papás primerizos",
                "kind": "group",
                "codes": ["life.new_parent", "mental_health.perinatal", "grief.pregnancy_loss"],
                "accepts_under_18": True,
                "description": (
                    "Para madres y padres jóvenes, también menores de edad. Nos reunimos los "
                    "sábados en la clínica; hay espacio para bebés."
                ),
            },
        ],
    },
    {
        "slug": "bereaved-parents-circle-dublin",
        "name": "Bereaved Parents Circle Dublin",
        "kind": "charity",
        "country": "IE",
        "languages": ["en", "ga"],
        "website": "https://bereavedparents.example.org",
        "email": "care@bereavedparents.example.org",
        "description": (
            "Founded by parents who lost children, for parents who have lost children — at any "
            "age, in any way, however long ago.\n\n"
            "- Monthly support groups in Dublin and Cork\n"
            "- An online space for bereaved brothers and sisters\n"
            "- Referrals from maternity and children's hospitals\n\n"
            "You are not alone, and there is no wrong way to grieve."
        ),
        "places": [("Dublin", 7), ("Cork", 2), ("Swords", 1)],
        "cultures": [("ie", 6), ("en", 2), ("slavic", 1), ("african", 1)],
        "programs": [
            {
                "name": "Bereaved parents groups",
                "kind": "group",
                "codes": ["grief.child", "grief.pregnancy_loss", "grief.suicide_loss"],
                "description": "Gentle, facilitated monthly groups. Come to one, or to all of them.",
            },
            {
                "name": "Sibling support online",
                "kind": "online",
                "codes": ["grief.sibling", "grief.parent", "grief.friend"],
                "accepts_under_18": True,
                "description": (
                    "A moderated online space for young people aged 13 and over who have lost "
                    "a brother, sister or friend."
                ),
            },
            {
                "name": "Hospital bereavement referral",
                "kind": "referral",
                "codes": ["grief.child", "grief.pregnancy_loss"],
                "description": (
                    "Maternity and children's hospital staff can refer a family, with their "
                    "consent, to a parent who has walked this road."
                ),
            },
        ],
    },
]

# How many of every hundred members join each organization.
ORGANIZATION_WEIGHTS = {
    "thames-peer-network": 20,
    "red-de-apoyo-mutuo-madrid": 15,
    "lakeshore-recovery-community": 15,
    "southside-recovery-collective": 17,
    "harbour-cancer-companions": 11,
    "clinica-comunitaria-norte-pares": 12,
    "bereaved-parents-circle-dublin": 10,
}


# --- Names ----------------------------------------------------------------------------------
# Each pool: first names, and the languages its people speak (first one is the main one;
# `extra_languages` are added for some of them). Pools with no languages of their own are
# people who speak the language of the place they live in, and often a heritage language.

CULTURES = {
    "en": {
        "names": ["Sam", "Olivia", "Jack", "Emily", "Tom", "Hannah", "Daniel", "Grace", "Ben",
                  "Chloe", "Luke", "Megan", "Ryan", "Sophie", "Josh", "Lauren", "Nathan", "Holly",
                  "Chris", "Rebecca", "Kyle", "Jess", "Matt", "Amber", "Liam", "Zoe", "Harvey",
                  "Ellie", "Darren", "Kerry", "Tyler", "Brooke", "Evan", "Maddie", "Jamie",
                  "Riley", "Taylor", "Casey", "Frankie", "Robin"],
        "languages": ["en"],
        "extra_languages": ["fr", "es", "de"],
    },
    "ie": {
        "names": ["Aoife", "Cian", "Niamh", "Oisín", "Siobhán", "Darragh", "Caoimhe", "Eoin",
                  "Saoirse", "Ciarán", "Róisín", "Seán", "Orla", "Pádraig", "Clodagh", "Fiachra",
                  "Sinéad", "Colm", "Gráinne", "Tadhg"],
        "languages": ["en"],
        "extra_languages": ["ga"],
    },
    "es_ES": {
        "names": ["Lucía", "Javier", "Carmen", "Alejandro", "Marta", "Pablo", "Elena", "Sergio",
                  "Paula", "Álvaro", "Nuria", "Iñaki", "Montse", "Jorge", "Pilar", "Raúl",
                  "Irene", "Hugo", "Rocío", "Adrián", "Ainhoa", "Manu", "Begoña", "Íker",
                  "Consuelo", "Dani"],
        "languages": ["es"],
        "extra_languages": ["ca", "en"],
    },
    "es_MX": {
        "names": ["Guadalupe", "José Luis", "Itzel", "Mateo", "Ximena", "Santiago", "Fernanda",
                  "Diego", "Valeria", "Emiliano", "Alejandra", "Luis", "Mariana", "Carlos",
                  "Yolanda", "Ricardo", "Brenda", "Arturo", "Citlali", "Héctor", "Rosa",
                  "Joaquín", "Araceli", "Memo"],
        "languages": ["es"],
        "extra_languages": ["en"],
    },
    "fr_CA": {
        "names": ["Émilie", "Mathieu", "Geneviève", "Olivier", "Camille", "Étienne", "Marie-Ève",
                  "Félix", "Chloé", "Gabriel", "Maude", "Samuel"],
        "languages": ["fr", "en"],
        "extra_languages": [],
    },
    "south_asian": {
        "names": ["Priya", "Arjun", "Aisha", "Rohan", "Fatima", "Imran", "Anjali", "Harpreet",
                  "Sanjay", "Nadia", "Ravi", "Meera", "Zain", "Simran"],
        "languages": [],
        "extra_languages": ["hi", "pa", "ur", "gu", "bn", "ta"],
    },
    "african": {
        "names": ["Kwame", "Amara", "Chidi", "Nia", "Tunde", "Adaeze", "Kofi", "Zainab", "Malik",
                  "Imani", "Jamal", "Abena", "Darnell", "Keisha", "Marcus", "Tanisha"],
        "languages": [],
        "extra_languages": ["yo", "sw", "so", "fr"],
    },
    "east_asian": {
        "names": ["Mei", "Linh", "Minh", "Jun", "Hana", "Wei", "Thao", "Kenji", "Yuki", "Duc",
                  "Su-jin", "Bao"],
        "languages": [],
        "extra_languages": ["vi", "zh", "ko", "ja", "tl"],
    },
    "slavic": {
        "names": ["Kasia", "Piotr", "Oksana", "Tomasz", "Agnieszka", "Dmytro", "Ania", "Marek",
                  "Iryna", "Bartek"],
        "languages": [],
        "extra_languages": ["pl", "uk", "ru", "ro"],
    },
    "arabic": {
        "names": ["Omar", "Layla", "Yusuf", "Mariam", "Karim", "Noor", "Samir", "Rania", "Hassan",
                  "Leila"],
        "languages": [],
        "extra_languages": ["ar", "fa", "tr"],
    },
}

# Nicknames some people choose instead of a first name.
PSEUDONYMS = {
    "en": ["QuietRiver", "MorningWalker", "tea_and_toast", "NorthernLights", "SlowAndSteady",
           "Wren", "BlueHeron", "OneDayAtATime", "Sunflower22", "PaperBoats", "Lighthouse",
           "Foxglove", "RainyDayReader", "Marigold", "StillHere", "KiteFlyer", "Juniper",
           "ThePatientGardener", "Pebble", "NightOwl"],
    "es": ["Caminante", "Sol de Tarde", "Girasol", "Luna Nueva", "PasoAPaso", "Colibrí",
           "Brisa", "Mar en Calma", "Semilla", "Alborada", "Golondrina", "Café con Leche",
           "Tortuga Sabia", "Estrella Fugaz"],
    "fr": ["Hirondelle", "PetitPas", "Lumière", "Érable"],
}

PRONOUNS = {
    "en": [("she/her", 4), ("he/him", 4), ("they/them", 2), ("she/they", 1), ("he/they", 1)],
    "es": [("ella", 4), ("él", 4), ("elle", 1)],
    "fr": [("elle", 4), ("il", 4), ("iel", 1)],
}


# --- Words people wrote ---------------------------------------------------------------------

BIOS = {
    "en": [
        "Dog walker, tea drinker, slowly learning to be kind to myself.",
        "Two years into recovery and still surprised by ordinary good days.",
        "Mum of two. Here to listen as much as to talk.",
        "I like gardening, terrible films and long walks by the water.",
        "Night-shift worker, so I'm often around late.",
        "New here. Taking it one day at a time.",
        "Trying to be the person I needed a few years ago.",
        "Carer for my dad. Big fan of crosswords and quiet mornings.",
        "Football on Saturdays, meetings on Tuesdays.",
        "Learning that asking for help is a strength, not a weakness.",
        "Retired teacher. I knit, I bake, I listen.",
        "Amateur photographer. Finding my way back to the things I used to love.",
        "I play bass in a very average band. Happy to chat music.",
        "Dad, cyclist, recovering perfectionist.",
        "Quiet at first, chatty once I know you.",
    ],
    "es": [
        "Me gusta caminar, cocinar para mis amigos y las tardes tranquilas.",
        "Llevo un tiempo en recuperación y aquí sigo, un día a la vez.",
        "Madre de dos, aprendiendo a pedir ayuda.",
        "Nueva por aquí. Vengo a escuchar y a compartir.",
        "Me ayuda mucho hablar con gente que entiende.",
        "Trabajo de noche, así que suelo conectarme tarde.",
        "Aficionado al fútbol, al café y a las conversaciones largas.",
        "Jubilada, lectora y abuela a tiempo completo.",
        "Toco la guitarra fatal, pero me hace feliz.",
        "Aprendiendo a cuidarme igual que cuido a los demás.",
    ],
    "fr": [
        "J'aime la marche, le café et les longues conversations.",
        "Un jour à la fois, et c'est déjà beaucoup.",
    ],
}

SUPPORTER_BIOS = {
    "en": [
        "Peer supporter since 2019. I've been where you are, and it does get lighter.",
        "I know what the first weeks feel like. Happy to walk alongside you.",
        "Trained peer mentor. I'll never tell you what to do, but I will listen.",
        "Recovery gave me my life back. Helping others keep theirs is the best job I've had.",
        "Lived it, learned from it, still learning. Ask me anything.",
    ],
    "es": [
        "Acompaño como par desde 2020. He estado donde tú estás y se puede salir adelante.",
        "Sé lo que se siente al principio. Aquí estoy para acompañarte.",
        "No te diré qué hacer, pero sí te escucharé sin juzgar.",
    ],
    "fr": ["Pair aidante depuis 2018. On avance ensemble, à ton rythme."],
}

# Short notes in a person's own words, by top-level experience. Stored encrypted.
STORIES = {
    "en": {
        "mental_health": [
            "Some mornings are still heavy, but I know the pattern now and I have people to text.",
            "It crept up on me after I changed jobs. Talking to others made it feel less strange.",
            "Medication helped a bit, but the groups are what got me out of the house again.",
        ],
        "substance_use": [
            "Stopped drinking last spring. Evenings were the hardest part, so I fill them with meetings and cooking.",
            "My brother has been using for years. I'm learning what I can and can't change.",
            "Eighteen months clean. I keep my coin in my pocket on bad days.",
        ],
        "chronic_illness": [
            "Diagnosed three years ago. I'm learning to pace myself and to say no without guilt.",
            "Finished treatment in March. Everyone expects me to be back to normal, and I'm not yet.",
        ],
        "grief": [
            "Mum died in the winter. I keep her recipes on the fridge and cook one every Sunday.",
            "It has been four years and some days it still feels like last week.",
        ],
        "life": [
            "Looking after my partner full time. I need somewhere to be myself for an hour.",
            "Moved here for work and didn't know a soul. It is getting easier, slowly.",
            "Out of work since the factory closed. The groups keep my week in shape.",
        ],
    },
    "es": {
        "mental_health": [
            "Hay mañanas que pesan, pero ya reconozco las señales y tengo a quién escribir.",
            "Empezó después de mudarme. Hablar con otras personas me ayudó a no sentirme rara.",
        ],
        "substance_use": [
            "Dejé de beber hace un año. Las tardes eran lo peor; ahora voy al grupo y cocino.",
            "Mi hijo consume desde hace años. Estoy aprendiendo qué puedo cambiar y qué no.",
        ],
        "chronic_illness": [
            "Me diagnosticaron diabetes hace dos años. Poco a poco voy entendiendo mi cuerpo.",
        ],
        "grief": [
            "Mi padre murió en otoño. Sigo poniendo su música los domingos.",
            "Han pasado tres años y algunos días parece que fue ayer.",
        ],
        "life": [
            "Llegué sola a esta ciudad. Poco a poco voy haciendo red.",
            "Cuido de mi madre todos los días y necesito un rato para mí.",
        ],
    },
}


# --- The people you can sign in as ------------------------------------------------------------
# Everything not given here is filled in like any other demo person.

NAMED_ACCOUNTS = [
    {
        "email": "staff@peercircle.example", "name": "Casey", "culture": "en",
        "org": "thames-peer-network", "roles": [], "staff": True,
        "about": "site staff (Django admin, /admin/)", "experiences": [],
    },
    {
        "email": "admin@peercircle.example", "name": "Alex", "culture": "en",
        "org": "thames-peer-network", "roles": [("thames-peer-network", "org_admin")],
        "city": "London", "pronouns": "he/him",
        "about": "organization admin, Thames Peer Network",
        "experiences": [("mental_health.anxiety", "self", "past", "peers")],
    },
    {
        "email": "member@peercircle.example", "name": "Sam", "culture": "en",
        "org": "thames-peer-network", "roles": [("thames-peer-network", "member")],
        "city": "London", "pronouns": "they/them", "languages": ["en"],
        "bio": "Bookshop assistant and long-distance walker. New to groups, a bit nervous, glad to be here.",
        "about": "member, Thames Peer Network (London)",
        "experiences": [("mental_health.depression", "self", "current", "peers"),
                        ("grief.parent", "self", "past", "matching")],
        "communities": [("community.lgbtq", "matching")],
        "research": True,
    },
    {
        "email": "member.es@peercircle.example", "name": "Lucía", "culture": "es_ES",
        "org": "red-de-apoyo-mutuo-madrid", "roles": [("red-de-apoyo-mutuo-madrid", "member")],
        "city": "Madrid", "pronouns": "ella", "languages": ["es", "en"],
        "bio": "Enfermera de noche, madrileña de adopción. Me gusta pasear por el Retiro y "
               "estoy aprendiendo a pedir ayuda cuando la necesito.",
        "about": "member, Red de Apoyo Mutuo Madrid (Spanish interface)",
        "experiences": [("mental_health.anxiety", "self", "current", "matching"),
                        ("life.immigration", "self", "current", "peers")],
    },
    {
        "email": "supporter@peercircle.example", "name": "Jordan", "culture": "en",
        "org": "thames-peer-network", "roles": [("thames-peer-network", "peer_supporter")],
        "city": "London", "pronouns": "he/him",
        "bio": "Served twelve years, then had a rough few after. Peer mentor since 2021. "
               "I'll listen first and I won't judge.",
        "about": "peer supporter, Thames Peer Network",
        "experiences": [("mental_health.ptsd", "self", "in_recovery", "peers"),
                        ("substance_use.alcohol", "self", "past", "peers")],
        "communities": [("community.veterans", "peers")],
    },
    {
        "email": "facilitator@peercircle.example", "name": "Priya", "culture": "south_asian",
        "org": "thames-peer-network", "roles": [("thames-peer-network", "facilitator")],
        "city": "Croydon", "pronouns": "she/her", "languages": ["en", "gu"],
        "bio": "I run the Thursday evening groups. Anxiety used to run my life; now it just "
               "comes along for the ride.",
        "about": "facilitator, Thames Peer Network",
        "experiences": [("mental_health.anxiety", "self", "in_recovery", "peers"),
                        ("life.caregiving", "self", "current", "peers")],
    },
    {
        "email": "moderator@peercircle.example", "name": "Morgan", "culture": "en",
        "org": "thames-peer-network",
        "roles": [("thames-peer-network", "moderator"), ("lakeshore-recovery-community", "moderator")],
        "city": "London", "pronouns": "they/them",
        "about": "moderator, Thames Peer Network and Lakeshore Recovery Community",
        "experiences": [("mental_health.bipolar", "self", "in_recovery", "peers")],
    },
    {
        "email": "clinician@peercircle.example", "name": "Dr. Rivera", "culture": "es_MX",
        "org": "southside-recovery-collective",
        "roles": [("southside-recovery-collective", "clinician")],
        "city": "Chicago", "languages": ["en", "es"], "ui_language": "en",
        "about": "clinician / referrer, Southside Recovery Collective", "experiences": [],
    },
]

# (email local part, display name, culture, [(organization, role), …]) — a fixed roster,
# the same whatever the size of the demo.
MODERATORS = [
    ("moderator001", "Beatriz", "es_ES",
     [("red-de-apoyo-mutuo-madrid", "moderator"), ("clinica-comunitaria-norte-pares", "moderator")]),
    ("moderator002", "Marcus", "african", [("southside-recovery-collective", "moderator")]),
    ("moderator003", "Linh", "east_asian", [("harbour-cancer-companions", "moderator")]),
    ("moderator004", "Orla", "ie", [("bereaved-parents-circle-dublin", "moderator")]),
    ("moderator005", "Tom", "en",
     [("thames-peer-network", "moderator"), ("bereaved-parents-circle-dublin", "moderator")]),
]

ORG_ADMINS = [
    ("orgadmin001", "Carmen", "es_ES", [("red-de-apoyo-mutuo-madrid", "org_admin")]),
    ("orgadmin002", "Pablo", "es_ES", [("red-de-apoyo-mutuo-madrid", "org_admin")]),
    ("orgadmin003", "Geneviève", "fr_CA", [("lakeshore-recovery-community", "org_admin")]),
    ("orgadmin004", "Denise", "african",
     [("southside-recovery-collective", "org_admin"), ("southside-recovery-collective", "facilitator")]),
    ("orgadmin005", "Luis", "es_MX", [("southside-recovery-collective", "org_admin")]),
    ("orgadmin006", "Helen", "en", [("harbour-cancer-companions", "org_admin")]),
    ("orgadmin007", "Alejandra", "es_MX", [("clinica-comunitaria-norte-pares", "org_admin")]),
    ("orgadmin008", "Siobhán", "ie", [("bereaved-parents-circle-dublin", "org_admin")]),
]

CLINICIANS = [
    ("clinician001", "Dra. Hernández", "es_MX", [("clinica-comunitaria-norte-pares", "clinician")]),
    ("clinician002", "Dr. Castillo", "es_MX", [("clinica-comunitaria-norte-pares", "clinician")]),
    ("clinician003", "Dr. Nguyen", "east_asian", [("harbour-cancer-companions", "clinician")]),
    ("clinician004", "Dr. Okafor", "african", [("lakeshore-recovery-community", "clinician")]),
    ("clinician005", "Dr. Walsh", "ie", [("bereaved-parents-circle-dublin", "clinician")]),
]

# Communities people identify with, and how often, with some organizations drawing more of one.
COMMUNITY_WEIGHTS = {
    "community.veterans": 2, "community.lgbtq": 4, "community.youth": 3,
    "community.older_adults": 3, "community.parents": 4, "community.bipoc": 3,
    "community.disabled": 2, "community.rural": 1,
}
COMMUNITY_BOOSTS = {
    "thames-peer-network": {"community.veterans": 5, "community.youth": 3},
    "southside-recovery-collective": {"community.bipoc": 5, "community.veterans": 2},
    "bereaved-parents-circle-dublin": {"community.parents": 8},
    "clinica-comunitaria-norte-pares": {"community.parents": 4, "community.youth": 2},
    "harbour-cancer-companions": {"community.older_adults": 4, "community.rural": 2},
}
