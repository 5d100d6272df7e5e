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
                "accepts_under_18": True,  # teenagers with type 1 diabetes, with a youth-trained peer
                "description": (
                    "Una persona que vive con diabetes te acompaña a entender tu tratamiento y "
                    "a hacer cambios pequeños que se sostienen. También para adolescentes."
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


# --- Support groups and their meetings --------------------------------------------------------
# Organizations that ask to approve the groups started under them (by people who are not
# their facilitators or admins).
REQUIRES_GROUP_APPROVAL = {"harbour-cancer-companions", "clinica-comunitaria-norte-pares"}

# Where in-person groups meet, by town: (venue, street address). A group without a venue of
# its own gets one of these.
VENUES = {
    "London": [("St Mark's Community Hall", "74 Mare Street, London E8 4RT"),
               ("The Mill Community Centre", "7–11 Coppermill Lane, London E17 7HA"),
               ("Bromley by Bow Centre", "St Leonard's Street, London E3 3BT"),
               ("Brixton Library, meeting room 2", "Brixton Oval, London SW2 1JQ"),
               ("Islington Mind Wellbeing Hub", "25 Highbury Grove, London N5 2AD")],
    "Croydon": [("Croydon Friends Meeting House", "60 Park Lane, Croydon CR0 1JE"),
                ("Thornton Heath Community Café", "4 High Street, Thornton Heath CR7 8LF")],
    "Brighton": [("Brighton Youth Centre", "64 Edward Street, Brighton BN2 0JR")],
    "Madrid": [("Centro Social de Lavapiés", "Calle del Ave María 24, 28012 Madrid"),
               ("Biblioteca Pública Pablo Neruda", "Calle de Villalobos 88, 28018 Madrid"),
               ("Centro Cultural Casino de la Reina", "Calle del Casino 3, 28005 Madrid"),
               ("Asociación Vecinal de Chamberí", "Calle de Trafalgar 12, 28010 Madrid")],
    "Getafe": [("Centro Cívico Juan de la Cierva", "Calle Leganés 64, 28901 Getafe")],
    "Toronto": [("Lakeshore Recovery Hub", "2110 Lake Shore Blvd W, Toronto ON M8V 4B1"),
                ("Parkdale Community Room", "1499 Queen St W, Toronto ON M6R 1A3"),
                ("St. Paul's Church basement", "227 Bloor St E, Toronto ON M4W 1C8")],
    "Mississauga": [("Port Credit Community Centre", "20 Lakeshore Rd E, Mississauga ON L5G 1C8")],
    "Chicago": [("Southside Recovery Collective", "6120 S Cottage Grove Ave, Chicago IL 60637"),
                ("Woodlawn Community Church hall", "6400 S Kimbark Ave, Chicago IL 60637"),
                ("Pilsen Wellness Room", "1850 S Blue Island Ave, Chicago IL 60608"),
                ("Bronzeville Library, community room", "3530 S Martin Luther King Dr, Chicago IL 60653")],
    "Melbourne": [("Harbour Companions Wellbeing Centre", "112 Rathdowne St, Carlton VIC 3053"),
                  ("Collingwood Neighbourhood House", "253 Hoddle St, Collingwood VIC 3066"),
                  ("St Kilda Town Hall, Carlisle room", "99a Carlisle St, St Kilda VIC 3182")],
    "Mexico City": [("Clínica Comunitaria Norte, aula 3", "Av. Instituto Politécnico Nacional 1520, "
                                                           "Lindavista, 07300 CDMX"),
                    ("Casa de Cultura Tlatelolco", "Ricardo Flores Magón 90, Tlatelolco, 06900 CDMX"),
                    ("Centro Comunitario Lindavista", "Calle Otavalo 25, Lindavista, 07300 CDMX")],
    "Dublin": [("The Quiet Room, Bereaved Parents Circle", "14 Leeson Park, Dublin 6, D06 T2Y3"),
               ("Phibsborough Community Centre", "Library Road, Phibsborough, Dublin 7, D07 P2R9"),
               ("Rathmines Parish Centre", "Lower Rathmines Road, Dublin 6, D06 W276")],
    "Cork": [("Cork Parents' Support Centre", "8 Grand Parade, Cork, T12 X8Y2")],
    "Manchester": [("The Sober Social Club", "41 Oldham Street, Manchester M1 1JG")],
    "Barcelona": [("Casal de Barri de Gràcia", "Carrer de Sant Domènec 7, 08012 Barcelona")],
    "Seville": [("Centro Cívico La Buhaira", "Avenida de la Buhaira 29, 41018 Sevilla")],
    "Vancouver": [("Britannia Community Centre, room 3", "1661 Napier St, Vancouver BC V5L 4X4")],
    "New York": [("Park Slope Commons", "357 9th St, Brooklyn NY 11215")],
    "Sydney": [("Newtown Neighbourhood Centre", "1 Bedford St, Newtown NSW 2042")],
    "Bogotá": [("Casa Comunitaria Chapinero", "Carrera 13 #54-25, Chapinero, Bogotá")],
    "Buenos Aires": [("Centro Cultural de Palermo", "Av. Scalabrini Ortiz 1950, C1425 CABA")],
    "Glasgow": [("Partick Burgh Hall, café room", "9 Burgh Hall St, Glasgow G11 5LW")],
    "Leeds": [("Chapeltown Enterprise Centre", "231–235 Chapeltown Road, Leeds LS7 3DX")],
}

# Each group: name, org (None: self-led), city (None: online, then `timezone`), format,
# languages, codes (experiences and communities), description; optional: join ("open"),
# capacity, access (accessibility codes), notes, venue (venue, address), leadership, status
# ("pending_approval" or "temporarily_closed"), proposed (started by a peer supporter, so an
# organization that approves groups has to), cancel (a note: the next-but-one meeting is off),
# move (note, days later), and `meets`: (title, RRULE or "" for a one-off next month, "HH:MM",
# minutes[, day of next month for a one-off]).
GROUPS = [
    # Thames Peer Network — London and around
    {"name": "Evening grief circle", "org": "thames-peer-network", "city": "London",
     "codes": ["grief.parent", "grief.partner", "grief.friend", "grief.sibling"],
     "description": "A gentle circle for anyone grieving someone close. We light a candle, go round "
                    "once, and then it's tea and biscuits. **You don't have to speak**: listening is "
                    "taking part too.",
     "access": ["step_free", "accessible_toilet"], "capacity": 16,
     "meets": [("Weekly circle", "FREQ=WEEKLY;BYDAY=TU", "19:00", 90),
               ("Remembering together: an afternoon workshop", "", "14:00", 180, 15)],
     "cancel": "No circle this week: the hall is being used as a polling station. See you next Tuesday."},
    {"name": "Thursday evening anxiety group", "org": "thames-peer-network", "city": "London",
     "format": "hybrid", "codes": ["mental_health.anxiety"],
     "description": "For anyone whose anxiety gets in the way: panic, worry, social anxiety. Join us in "
                    "the room or on screen; cameras optional. We share what's helping and what isn't.",
     "access": ["step_free", "captions", "quiet_space"],
     "notes": "There is a quiet room next door if you need a break. Captions are on for everyone online.",
     "meets": [("Thursday group", "FREQ=WEEKLY;BYDAY=TH", "19:00", 90)]},
    {"name": "Carers' coffee morning", "org": "thames-peer-network", "city": "Croydon",
     "codes": ["life.caregiving"], "join": "by_request", "capacity": 14,
     "description": "A fortnightly coffee morning for people looking after a partner, parent or child. "
                    "An hour and a half that is about **you**, with people who understand the juggling.",
     "access": ["step_free", "hearing_loop", "accessible_toilet"],
     "notes": "Parking at the back of the meeting house. Bring the person you care for if you need to.",
     "meets": [("Coffee morning", "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE", "10:30", 90)]},
    {"name": "Veterans' breakfast club", "org": "thames-peer-network", "city": "London",
     "codes": ["mental_health.ptsd", "substance_use.alcohol", "community.veterans"],
     "description": "Ex-forces and their partners, over a fry-up. No war stories required, no rank, "
                    "just people who've served and know what coming home can be like.",
     "venue": ("Rosie's Café, upstairs room", "118 Roman Road, London E2 0RN"),
     "meets": [("Breakfast club", "FREQ=WEEKLY;INTERVAL=2;BYDAY=SA", "09:30", 120)]},
    {"name": "Hearing Voices café", "org": "thames-peer-network", "city": "London",
     "codes": ["mental_health.psychosis"], "leadership": "self_led",
     "description": "A relaxed drop-in for people who hear voices, see visions or have other unusual "
                    "experiences. Every explanation is welcome here, and nobody will try to fix you.",
     "access": ["step_free", "quiet_space"],
     "meets": [("Café", "FREQ=WEEKLY;BYDAY=MO", "14:00", 120),
               ("First-timers' welcome session", "FREQ=MONTHLY;BYDAY=1MO", "13:30", 30)]},
    {"name": "Bipolar peer support, Islington", "org": "thames-peer-network", "city": "London",
     "codes": ["mental_health.bipolar"], "status": "temporarily_closed",
     "description": "Monthly evening group for people living with bipolar. We talk about moods, meds, "
                    "work and relationships. *Paused over the summer while we find a new facilitator.*",
     "venue": ("Islington Mind Wellbeing Hub", "25 Highbury Grove, London N5 2AD"),
     "meets": [("Monthly meeting", "FREQ=MONTHLY;BYDAY=1WE", "18:30", 120)]},
    {"name": "Walk and talk for men", "org": "thames-peer-network", "city": "London",
     "codes": ["mental_health.depression", "mental_health.anxiety"],
     "description": "A Sunday morning walk round Victoria Park. Side by side is easier than face to "
                    "face. Rain or shine, about 5 km at an easy pace, coffee after.",
     "venue": ("Victoria Park, by the Pavilion Café", "Old Ford Road, London E9 7DE"),
     "notes": "Flat, paved paths. We wait for everyone.",
     "meets": [("Sunday walk", "FREQ=WEEKLY;BYDAY=SU", "10:00", 90),
               ("Midweek evening walk", "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE", "18:30", 60)]},
    {"name": "Eating disorder recovery circle", "org": "thames-peer-network", "city": "London",
     "codes": ["mental_health.eating_disorder"], "join": "by_request", "capacity": 10,
     "description": "A small, closed-door group for adults in recovery from an eating disorder. We "
                    "don't talk numbers. A facilitator will say hello before your first time.",
     "meets": [("Circle", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO", "18:30", 90)]},
    {"name": "OCD peer group", "org": "thames-peer-network", "city": "London", "format": "hybrid",
     "codes": ["mental_health.ocd"],
     "description": "For people living with OCD, whatever shape it takes. We share tools, swap "
                    "stories and celebrate the small wins against the loops.",
     "meets": [("Monthly meeting", "FREQ=MONTHLY;BYDAY=-1TH", "19:00", 90)]},
    {"name": "Rainbow peer support evening", "org": "thames-peer-network", "city": "London",
     "codes": ["mental_health.depression", "mental_health.anxiety", "community.lgbtq"],
     "description": "LGBTQ+ people supporting each other's mental health. A warm, queer, sober space; "
                    "come as you are, with whatever name and pronouns feel right.",
     "access": ["step_free", "accessible_toilet"],
     "meets": [("Evening meet-up", "FREQ=MONTHLY;BYDAY=2FR,4FR", "18:30", 120)]},
    {"name": "Neurodivergent adults meet-up", "org": "thames-peer-network", "city": "London",
     "codes": ["mental_health.neurodivergence", "community.disabled"],
     "description": "Autistic, ADHD, dyslexic or wondering? A low-sensory afternoon with fidget toys, "
                    "dimmed lights and no pressure to make eye contact or small talk.",
     "access": ["quiet_space", "step_free", "large_print"],
     "notes": "Lights are kept low and there is no background music. Ear defenders to borrow.",
     "meets": [("Afternoon meet-up", "FREQ=MONTHLY;BYDAY=3SA", "14:00", 150)]},
    {"name": "Young people's drop-in (16–25)", "org": "thames-peer-network", "city": "Brighton",
     "codes": ["mental_health.anxiety", "mental_health.self_harm", "community.youth"],
     "description": "A safe after-college drop-in for 16 to 25 year olds. Pizza, games and a chance to "
                    "talk with people your age who get it.",
     "meets": [("Drop-in", "FREQ=WEEKLY;BYDAY=WE", "17:00", 120)]},
    # Red de Apoyo Mutuo Madrid
    {"name": "Grupo de duelo de los martes", "org": "red-de-apoyo-mutuo-madrid", "city": "Madrid",
     "languages": ["es"], "codes": ["grief.parent", "grief.partner", "grief.sibling", "grief.friend"],
     "description": "Un espacio para hablar de quien ya no está, a tu ritmo. Nos sentamos en círculo, "
                    "con un café, y cada cual comparte lo que quiere. **No hace falta hablar.**",
     "venue": ("Centro Social de Lavapiés", "Calle del Ave María 24, 28012 Madrid"),
     "access": ["step_free"],
     "meets": [("Grupo semanal", "FREQ=WEEKLY;BYDAY=TU", "18:30", 90),
               ("Encuentro de recuerdo", "FREQ=MONTHLY;BYDAY=-1SA", "11:00", 120)],
     "cancel": "Esta semana no nos vemos por el puente. ¡Hasta el martes siguiente!"},
    {"name": "Grupo de ansiedad de los miércoles", "org": "red-de-apoyo-mutuo-madrid", "city": "Madrid",
     "format": "hybrid", "languages": ["es"], "codes": ["mental_health.anxiety", "mental_health.depression"],
     "description": "Para quienes conviven con la ansiedad: ataques de pánico, preocupación constante, "
                    "insomnio. Puedes venir en persona o conectarte desde casa.",
     "access": ["step_free", "captions"],
     "meets": [("Encuentro semanal", "FREQ=WEEKLY;BYDAY=WE", "19:00", 90),
               ("Taller de respiración y autocuidado", "", "11:00", 150, 9)]},
    {"name": "Círculo de mujeres supervivientes", "org": "red-de-apoyo-mutuo-madrid", "city": "Madrid",
     "languages": ["es"], "codes": ["life.domestic_abuse", "life.divorce"], "join": "closed",
     "capacity": 12,
     "description": "Un grupo de mujeres que han vivido violencia o separaciones difíciles. Confidencial "
                    "y sin prisas. *El ciclo actual está completo; abriremos plazas en otoño.*",
     "access": ["step_free", "quiet_space"],
     "meets": [("Círculo", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH", "18:00", 120)]},
    {"name": "Café de personas migrantes", "org": "red-de-apoyo-mutuo-madrid", "city": "Madrid",
     "languages": ["es", "ar", "en"], "codes": ["life.immigration", "life.loneliness"],
     "description": "Para quienes hemos llegado de lejos y a veces nos sentimos solas. Compartimos café, "
                    "trámites, nostalgia y risas. Se habla español, árabe e inglés.",
     "meets": [("Café", "FREQ=WEEKLY;INTERVAL=2;BYDAY=SA", "11:00", 120)]},
    {"name": "Escuchar voces Madrid", "org": "red-de-apoyo-mutuo-madrid", "city": "Madrid",
     "languages": ["es"], "codes": ["mental_health.psychosis"], "leadership": "self_led",
     "description": "Grupo de apoyo mutuo para personas que escuchan voces o tienen experiencias "
                    "inusuales. Aquí todas las explicaciones son válidas.",
     "meets": [("Reunión", "FREQ=WEEKLY;BYDAY=MO", "17:30", 90)]},
    {"name": "Familiares que cuidan", "org": "red-de-apoyo-mutuo-madrid", "city": "Madrid",
     "languages": ["es"], "codes": ["life.caregiving"],
     "description": "Para madres, padres, parejas e hijas que cuidan de alguien con malestar psíquico. "
                    "Cuidar también cansa, y aquí se puede decir.",
     "meets": [("Reunión mensual", "FREQ=MONTHLY;BYDAY=1TU", "11:00", 120)]},
    {"name": "Supervivientes de suicidio: grupo de duelo", "org": "red-de-apoyo-mutuo-madrid",
     "city": "Madrid", "languages": ["es"], "codes": ["grief.suicide_loss"], "join": "by_request",
     "capacity": 12,
     "description": "Para quienes han perdido a alguien por suicidio. Antes de venir por primera vez, "
                    "una de las facilitadoras te llamará para conocerte.",
     "meets": [("Grupo mensual", "FREQ=MONTHLY;BYDAY=-1TH", "19:00", 120)]},
    {"name": "Paseos por el Retiro", "org": "red-de-apoyo-mutuo-madrid", "city": "Madrid",
     "languages": ["es"], "codes": ["mental_health.depression", "life.loneliness"],
     "description": "Caminamos juntas los domingos por la mañana. Hablar andando es más fácil, y el "
                    "parque hace el resto.",
     "venue": ("Parque del Retiro, Puerta de Alcalá", "Plaza de la Independencia, 28001 Madrid"),
     "meets": [("Paseo", "FREQ=WEEKLY;BYDAY=SU", "10:30", 90)]},
    {"name": "Grupo de madres y padres separados", "org": "red-de-apoyo-mutuo-madrid", "city": "Getafe",
     "languages": ["es"], "codes": ["life.divorce", "community.parents"],
     "description": "Separarse con hijos pequeños da vértigo. Compartimos cómo lo llevamos, sin juicios "
                    "y con mucho sentido del humor.",
     "meets": [("Reunión", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO", "19:00", 90)]},
    # Lakeshore Recovery Community — Toronto
    {"name": "All Recovery evening meeting", "org": "lakeshore-recovery-community", "city": "Toronto",
     "format": "hybrid", "codes": ["substance_use.alcohol", "substance_use.opioids",
                                   "substance_use.stimulants", "substance_use.cannabis"],
     "description": "An open meeting for anyone in or seeking recovery, whatever your pathway: "
                    "twelve-step, secular, medication-assisted or still figuring it out.",
     "access": ["step_free", "captions", "accessible_toilet"],
     "meets": [("Evening meeting", "FREQ=WEEKLY;BYDAY=MO,WE", "19:00", 60),
               ("Newcomers' orientation", "FREQ=MONTHLY;BYDAY=1SA", "11:00", 60)],
     "move": ("Moved a day later this week: the room is booked for the community AGM.", 1)},
    {"name": "Recovery Dharma Lakeshore", "org": "lakeshore-recovery-community", "city": "Toronto",
     "codes": ["substance_use.alcohol", "substance_use.opioids", "substance_use.stimulants"],
     "leadership": "self_led",
     "description": "Meditation, a reading and sharing, using Buddhist practice to recover from "
                    "addiction. Cushions and chairs both available; no experience needed.",
     "meets": [("Saturday sit", "FREQ=WEEKLY;BYDAY=SA", "10:00", 75)]},
    {"name": "Secular recovery circle", "org": "lakeshore-recovery-community", "city": "Toronto",
     "codes": ["substance_use.alcohol", "substance_use.cannabis"],
     "description": "A science-based, non-religious recovery group. We work on motivation, urges and "
                    "balance, one practical tool at a time.",
     "meets": [("Tuesday circle", "FREQ=WEEKLY;BYDAY=TU", "18:30", 90)]},
    {"name": "Family & friends circle", "org": "lakeshore-recovery-community", "city": "Toronto",
     "codes": ["substance_use.family", "life.caregiving"],
     "description": "For parents, partners and friends of someone who uses substances. You matter too, "
                    "and you don't have to carry it alone.",
     "meets": [("Circle", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH", "19:00", 90)]},
    {"name": "Cercle de rétablissement francophone", "org": "lakeshore-recovery-community",
     "city": "Toronto", "languages": ["fr"], "codes": ["substance_use.alcohol", "substance_use.opioids"],
     "description": "Un groupe d'entraide en français pour les personnes en rétablissement. Toutes les "
                    "voies sont les bienvenues. Bienvenue à toutes et à tous!",
     "meets": [("Rencontre hebdomadaire", "FREQ=WEEKLY;BYDAY=WE", "18:00", 90)]},
    {"name": "Gambling peer support", "org": "lakeshore-recovery-community", "city": "Toronto",
     "codes": ["substance_use.gambling"],
     "description": "For people whose betting, slots or online casinos have taken over. We talk money, "
                    "shame and the relief of being honest, without judgement.",
     "meets": [("Friday group", "FREQ=WEEKLY;BYDAY=FR", "19:00", 90)]},
    {"name": "Quit smoking together", "org": "lakeshore-recovery-community", "city": "Toronto",
     "format": "hybrid", "codes": ["substance_use.tobacco"],
     "description": "A lunchtime group for people quitting smoking or vaping. Bring your lunch and "
                    "your cravings; we'll bring encouragement.",
     "meets": [("Lunchtime group", "FREQ=MONTHLY;BYDAY=1MO,3MO", "12:00", 60)]},
    {"name": "Opioid recovery peer group", "org": "lakeshore-recovery-community", "city": "Mississauga",
     "codes": ["substance_use.opioids"],
     "description": "Peer support for people recovering from opioid use, including people on "
                    "methadone or buprenorphine. Every pathway is respected here.",
     "access": ["step_free"],
     "meets": [("Thursday group", "FREQ=WEEKLY;BYDAY=TH", "18:00", 90)]},
    # Southside Recovery Collective — Chicago
    {"name": "Recovery Dharma Southside", "org": "southside-recovery-collective", "city": "Chicago",
     "codes": ["substance_use.alcohol", "substance_use.opioids", "substance_use.stimulants"],
     "leadership": "self_led",
     "description": "Meditation and mutual support for recovery from addiction of every kind. "
                    "Sunday evenings, chairs in a circle, all welcome.",
     "access": ["step_free", "accessible_toilet"],
     "meets": [("Sunday meeting", "FREQ=WEEKLY;BYDAY=SU", "17:00", 75),
               ("Wednesday noon sit", "FREQ=WEEKLY;BYDAY=WE", "12:00", 45)]},
    {"name": "Coming Home reentry circle", "org": "southside-recovery-collective", "city": "Chicago",
     "codes": ["life.reentry", "life.unemployment", "life.homelessness"],
     "description": "For people coming home from prison or jail. Housing, work, family, parole, staying "
                    "well: we've done it, and we'll walk it with you.",
     "meets": [("Weekly circle", "FREQ=WEEKLY;BYDAY=TU", "18:00", 90),
               ("Record sealing clinic with volunteer lawyers", "", "10:00", 180, 20),
               ("Family night", "FREQ=MONTHLY;BYDAY=2FR", "18:00", 120)]},
    {"name": "Grupo de recuperación en español", "org": "southside-recovery-collective",
     "city": "Chicago", "languages": ["es", "en"], "codes": ["substance_use.alcohol"],
     "description": "Un grupo de recuperación en español en Pilsen. Compartimos la lucha y las "
                    "victorias, en familia.",
     "venue": ("Pilsen Wellness Room", "1850 S Blue Island Ave, Chicago IL 60608"),
     "meets": [("Reunión de los jueves", "FREQ=WEEKLY;BYDAY=TH", "19:00", 90)],
     "cancel": "Cancelado por el Día de Acción de Gracias. ¡Nos vemos la próxima semana!"},
    {"name": "Moms in recovery", "org": "southside-recovery-collective", "city": "Chicago",
     "codes": ["substance_use.opioids", "substance_use.alcohol", "community.parents"],
     "description": "Mothers supporting mothers in recovery. Babies and toddlers are welcome; there is "
                    "a play corner and a volunteer to help.",
     "notes": "Stroller access through the side door. Childcare on site.",
     "access": ["step_free", "accessible_toilet"],
     "meets": [("Wednesday morning", "FREQ=WEEKLY;BYDAY=WE", "10:00", 90),
               ("Family picnic in Washington Park", "", "11:00", 180, 13)]},
    {"name": "Housing and hope peer group", "org": "southside-recovery-collective", "city": "Chicago",
     "codes": ["life.homelessness"],
     "description": "A lunchtime group for people who are unhoused or were recently. Hot food, "
                    "information about shelters and housing lists, and company.",
     "meets": [("Lunch group", "FREQ=WEEKLY;BYDAY=MO", "13:00", 90)]},
    {"name": "Veterans recovery circle", "org": "southside-recovery-collective", "city": "Chicago",
     "codes": ["substance_use.alcohol", "mental_health.ptsd", "community.veterans"],
     "description": "Veterans in recovery from alcohol and drugs, and the stuff underneath. Every other "
                    "Saturday, coffee's on.",
     "meets": [("Saturday circle", "FREQ=WEEKLY;INTERVAL=2;BYDAY=SA", "10:00", 90)]},
    {"name": "Stimulant recovery group", "org": "southside-recovery-collective", "city": "Chicago",
     "codes": ["substance_use.stimulants"],
     "description": "For people recovering from cocaine, crack or meth. Honest talk about cravings, "
                    "sleep and getting your life back.",
     "meets": [("Friday group", "FREQ=WEEKLY;BYDAY=FR", "18:30", 90)]},
    {"name": "Job club for people in recovery", "org": "southside-recovery-collective",
     "city": "Chicago", "codes": ["life.unemployment", "life.reentry"],
     "description": "CVs, interviews, explaining the gaps. Peers who've been through it help each other "
                    "back into work.",
     "meets": [("Job club", "FREQ=MONTHLY;BYDAY=1WE,3WE", "11:00", 120)]},
    {"name": "Families of people who use drugs", "org": "southside-recovery-collective",
     "city": "Chicago", "languages": ["en", "es"], "codes": ["substance_use.family"],
     "description": "For families who love someone who uses drugs. Bilingual, English and Spanish. "
                    "*Para familias que quieren a alguien que consume.*",
     "meets": [("Monthly meeting", "FREQ=MONTHLY;BYDAY=-1TU", "18:30", 120)]},
    # Harbour Cancer Companions — Melbourne (groups need approval)
    {"name": "Cancer caregivers circle", "org": "harbour-cancer-companions", "city": "Melbourne",
     "codes": ["life.caregiving", "chronic_illness.cancer"],
     "description": "A monthly evening for partners, parents and friends caring for someone with "
                    "cancer. Dinner is provided, and the conversation is about you.",
     "access": ["step_free", "hearing_loop", "accessible_toilet"],
     "meets": [("Monthly circle", "FREQ=MONTHLY;BYDAY=1WE", "18:30", 120),
               ("Online catch-up for carers in the regions", "FREQ=MONTHLY;BYDAY=3WE", "19:30", 60)]},
    {"name": "Breast cancer peer coffee", "org": "harbour-cancer-companions", "city": "Melbourne",
     "codes": ["chronic_illness.cancer"], "proposed": True,
     "description": "Coffee and honest conversation with women who've had breast cancer, whether "
                    "you're newly diagnosed or years on.",
     "meets": [("Coffee morning", "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR", "10:30", 90)]},
    {"name": "Living with chronic pain", "org": "harbour-cancer-companions", "city": "Melbourne",
     "format": "hybrid", "codes": ["chronic_illness.chronic_pain", "chronic_illness.autoimmune"],
     "description": "Pacing, flare plans, and being believed. Comfy chairs, a place to lie down, and "
                    "you can leave your camera off if you join online.",
     "access": ["step_free", "captions", "quiet_space", "accessible_toilet"],
     "notes": "Recliner chairs and a day bed are available. Leave or stretch whenever you need.",
     "meets": [("Tuesday group", "FREQ=WEEKLY;BYDAY=TU", "13:00", 90)]},
    {"name": "Long COVID peer group", "org": "harbour-cancer-companions", "city": "Melbourne",
     "format": "hybrid", "codes": ["chronic_illness.long_covid"], "capacity": 20,
     "description": "For people living with long COVID. Short sessions, because energy is precious; "
                    "most of us join from the couch.",
     "access": ["captions", "step_free"],
     "meets": [("Fortnightly check-in", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH", "11:00", 60)]},
    {"name": "MS peer group Melbourne", "org": "harbour-cancer-companions", "city": "Melbourne",
     "codes": ["chronic_illness.multiple_sclerosis"],
     "description": "A Saturday morning group for people with multiple sclerosis and their partners. "
                    "Fatigue-friendly, with plenty of breaks.",
     "access": ["step_free", "accessible_toilet", "large_print"],
     "meets": [("Monthly meeting", "FREQ=MONTHLY;BYDAY=2SA", "10:30", 120)]},
    {"name": "Young adults with cancer", "org": "harbour-cancer-companions", "city": "Melbourne",
     "codes": ["chronic_illness.cancer", "community.youth"], "proposed": True,
     "status": "pending_approval",
     "description": "For people in their twenties and thirties with cancer: dating, fertility, work, "
                    "and friends who don't know what to say.",
     "meets": [("Sunday catch-up", "FREQ=MONTHLY;BYDAY=-1SU", "14:00", 120)]},
    {"name": "HIV positive peer lunch", "org": "harbour-cancer-companions", "city": "Melbourne",
     "codes": ["chronic_illness.hiv", "community.lgbtq"], "join": "by_request", "proposed": True,
     "description": "A confidential monthly lunch for people living with HIV. Newly diagnosed or "
                    "long-term survivors, all welcome.",
     "meets": [("Monthly lunch", "FREQ=MONTHLY;BYDAY=3FR", "12:30", 90)]},
    # Clínica Comunitaria Norte — Mexico City (groups need approval)
    {"name": "Dulce vida: grupo de diabetes", "org": "clinica-comunitaria-norte-pares",
     "city": "Mexico City", "languages": ["es"], "codes": ["chronic_illness.diabetes"],
     "description": "Para personas que viven con diabetes y sus familias. Compartimos recetas, dudas y "
                    "trucos para el día a día. Medimos la glucosa juntas si quieres.",
     "access": ["step_free", "large_print"],
     "meets": [("Grupo de los martes", "FREQ=WEEKLY;BYDAY=TU", "10:00", 90),
               ("Taller de cocina saludable", "", "10:00", 180, 6)]},
    {"name": "Grupo de mamás y papás primerizos", "org": "clinica-comunitaria-norte-pares",
     "city": "Mexico City", "languages": ["es"],
     "codes": ["life.new_parent", "mental_health.perinatal", "community.parents"],
     "description": "Para madres y padres jóvenes, también menores de edad. Hay espacio para bebés, "
                    "cambiador y mucha paciencia.",
     "notes": "Hay cambiador y rincón de lactancia. Se puede entrar con carriola.",
     "access": ["step_free"],
     "meets": [("Reunión de los sábados", "FREQ=WEEKLY;BYDAY=SA", "11:00", 90),
               ("Círculo de papás", "FREQ=MONTHLY;BYDAY=2TH", "18:30", 90)],
     "cancel": "Este sábado no hay grupo por la jornada de vacunación en la clínica."},
    {"name": "Corazón contento", "org": "clinica-comunitaria-norte-pares", "city": "Mexico City",
     "languages": ["es"], "codes": ["chronic_illness.heart"],
     "description": "Grupo de apoyo para personas que han tenido un infarto o viven con una enfermedad "
                    "del corazón. Caminamos un rato y luego platicamos.",
     "meets": [("Reunión mensual", "FREQ=MONTHLY;BYDAY=1TH", "17:00", 90)]},
    {"name": "Riñón y vida", "org": "clinica-comunitaria-norte-pares", "city": "Mexico City",
     "languages": ["es"], "codes": ["chronic_illness.kidney", "chronic_illness.diabetes"],
     "description": "Para personas en diálisis o con enfermedad renal, y quienes las acompañan. "
                    "Nos adaptamos a los horarios de tratamiento.",
     "meets": [("Reunión", "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE", "16:00", 90)]},
    {"name": "Alas de mariposa: duelo perinatal", "org": "clinica-comunitaria-norte-pares",
     "city": "Mexico City", "languages": ["es"], "codes": ["grief.pregnancy_loss"],
     "join": "by_request",
     "description": "Para madres y padres que han perdido un bebé durante el embarazo o al nacer. "
                    "Tu bebé importa, y aquí se le nombra.",
     "meets": [("Círculo mensual", "FREQ=MONTHLY;BYDAY=-1MO", "19:00", 120)]},
    {"name": "Ansiedad y depresión: grupo de los jueves", "org": "clinica-comunitaria-norte-pares",
     "city": "Mexico City", "format": "hybrid", "languages": ["es"], "proposed": True,
     "codes": ["mental_health.anxiety", "mental_health.depression"],
     "description": "Un espacio entre pares para hablar de lo que pesa. Puedes venir a la clínica o "
                    "conectarte desde tu celular.",
     "meets": [("Grupo de los jueves", "FREQ=WEEKLY;BYDAY=TH", "18:00", 90)]},
    {"name": "Jóvenes en confianza", "org": "clinica-comunitaria-norte-pares", "city": "Mexico City",
     "languages": ["es"], "codes": ["mental_health.anxiety", "community.youth"], "proposed": True,
     "status": "pending_approval",
     "description": "Para chavas y chavos de 15 a 24 años: escuela, familia, ansiedad y todo lo que "
                    "no se platica en casa.",
     "meets": [("Reunión", "FREQ=WEEKLY;BYDAY=FR", "17:00", 90)]},
    {"name": "Grupo Renacer", "org": "clinica-comunitaria-norte-pares", "city": "Toluca",
     "languages": ["es"], "codes": ["substance_use.alcohol"],
     "description": "Apoyo entre pares para dejar el alcohol o beber menos. Sin sermones: cada quien "
                    "a su paso, con el grupo al lado.",
     "venue": ("Casa de Cultura de Toluca", "Av. Independencia Pte. 105, Centro, 50000 Toluca"),
     "meets": [("Reunión de los viernes", "FREQ=WEEKLY;BYDAY=FR", "19:00", 90)]},
    # Bereaved Parents Circle Dublin
    {"name": "Bereaved parents evening group", "org": "bereaved-parents-circle-dublin",
     "city": "Dublin", "codes": ["grief.child", "community.parents"],
     "description": "A monthly evening for parents whose child has died, at any age and however long "
                    "ago. Come to one, or to all of them.",
     "access": ["step_free", "hearing_loop"],
     "meets": [("Monthly group", "FREQ=MONTHLY;BYDAY=2TU", "19:30", 120),
               ("Remembrance evening", "", "19:00", 120, 18)]},
    {"name": "Pregnancy and infant loss support", "org": "bereaved-parents-circle-dublin",
     "city": "Dublin", "codes": ["grief.pregnancy_loss"], "join": "by_request", "capacity": 14,
     "description": "For parents who lost a baby in pregnancy, at birth or in infancy. Partners are "
                    "welcome too. We'll ring you before your first evening.",
     "meets": [("Monthly evening", "FREQ=MONTHLY;BYDAY=-1WE", "19:30", 120)]},
    {"name": "Cork bereaved parents group", "org": "bereaved-parents-circle-dublin", "city": "Cork",
     "codes": ["grief.child"],
     "description": "Our Cork group meets on the first Thursday of the month. Tea, a quiet room, and "
                    "parents who understand.",
     "meets": [("Monthly group", "FREQ=MONTHLY;BYDAY=1TH", "19:30", 120)]},
    {"name": "After suicide: a circle for parents", "org": "bereaved-parents-circle-dublin",
     "city": "Dublin", "codes": ["grief.suicide_loss", "grief.child"], "join": "by_request",
     "capacity": 10,
     "description": "For parents bereaved by suicide. A small group with two facilitators who have "
                    "lost a child in the same way.",
     "access": ["quiet_space"],
     "meets": [("Monthly circle", "FREQ=MONTHLY;BYDAY=3MO", "19:00", 120)]},
    {"name": "Dads' grief walk", "org": "bereaved-parents-circle-dublin", "city": "Dublin",
     "codes": ["grief.child", "community.parents"],
     "description": "Bereaved fathers walking together in the Phoenix Park. Talk if you want to; walk "
                    "if you don't.",
     "venue": ("Phoenix Park, Visitor Centre car park", "Phoenix Park, Dublin 8, D08 E1W3"),
     "meets": [("Saturday walk", "FREQ=WEEKLY;INTERVAL=2;BYDAY=SA", "10:00", 90)]},
    {"name": "Ciorcal caillteanais", "org": "bereaved-parents-circle-dublin", "city": "Dublin",
     "languages": ["ga", "en"], "codes": ["grief.child", "grief.parent"],
     "description": "Grúpa tacaíochta do thuismitheoirí faoi bhrón, trí Ghaeilge. *A bereavement "
                    "circle through Irish; English spoken too.*",
     "meets": [("Cruinniú míosúil", "FREQ=MONTHLY;BYDAY=4TH", "19:00", 90)]},
    {"name": "Grandparents' grief group", "org": "bereaved-parents-circle-dublin", "city": "Dublin",
     "codes": ["grief.child", "community.older_adults"],
     "description": "Grandparents grieve twice: for the grandchild, and for their own child's pain. "
                    "A morning group with tea and time.",
     "access": ["step_free", "hearing_loop", "large_print"],
     "meets": [("Monthly morning", "FREQ=MONTHLY;BYDAY=1FR", "11:00", 90)]},
    # Self-led groups, no organization
    {"name": "Sober social Manchester", "org": None, "city": "Manchester",
     "codes": ["substance_use.alcohol"],
     "description": "Friday nights without the pub. Board games, alcohol-free beer and people who get "
                    "why you're not drinking.",
     "meets": [("Friday social", "FREQ=WEEKLY;BYDAY=FR", "19:00", 150),
               ("Sunday brunch", "FREQ=MONTHLY;BYDAY=-1SU", "11:00", 120)]},
    {"name": "Cercle de suport mutu de Gràcia", "org": None, "city": "Barcelona",
     "languages": ["ca", "es"], "codes": ["mental_health.anxiety", "mental_health.depression"],
     "description": "Un grup de suport mutu al barri de Gràcia. *Un grupo de apoyo mutuo en Gràcia: "
                    "hablamos en catalán y en castellano.*",
     "meets": [("Trobada setmanal", "FREQ=WEEKLY;BYDAY=TH", "19:00", 90)]},
    {"name": "Grupo de duelo de los martes (Sevilla)", "org": None, "city": "Seville",
     "languages": ["es"], "codes": ["grief.parent", "grief.partner"],
     "description": "Nos reunimos los martes por la tarde para acompañarnos en el duelo. Somos un grupo "
                    "autogestionado, sin cuotas y sin prisas.",
     "meets": [("Grupo semanal", "FREQ=WEEKLY;BYDAY=TU", "18:00", 90)]},
    {"name": "East Van chronic pain circle", "org": None, "city": "Vancouver",
     "codes": ["chronic_illness.chronic_pain"],
     "description": "A peer-run circle for people living with chronic pain. We meet in a ground-floor "
                    "room with comfy chairs and lots of tea.",
     "access": ["step_free", "accessible_toilet"],
     "meets": [("Monthly circle", "FREQ=MONTHLY;BYDAY=2WE", "18:30", 90)]},
    {"name": "Brooklyn bipolar peer support", "org": None, "city": "New York",
     "codes": ["mental_health.bipolar"],
     "description": "Weekly peer support for people living with bipolar in Brooklyn. Ups, downs and "
                    "the in-between.",
     "meets": [("Thursday group", "FREQ=WEEKLY;BYDAY=TH", "19:00", 90)]},
    {"name": "Inner West anxiety support group", "org": None, "city": "Sydney",
     "codes": ["mental_health.anxiety"],
     "description": "A friendly, self-run group for people living with anxiety in Sydney's Inner West. "
                    "First timers always welcome.",
     "meets": [("Monday group", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO", "18:30", 90)]},
    {"name": "Cuidadores de Chapinero", "org": None, "city": "Bogotá", "languages": ["es"],
     "codes": ["life.caregiving", "community.older_adults"],
     "description": "Para quienes cuidan de un papá, una mamá o una pareja con demencia u otra "
                    "enfermedad larga. Un tinto y un rato para nosotros.",
     "meets": [("Reunión", "FREQ=MONTHLY;BYDAY=-1SA", "10:00", 120)]},
    {"name": "Grupo de autoayuda para la depresión — Palermo", "org": None, "city": "Buenos Aires",
     "languages": ["es"], "codes": ["mental_health.depression"],
     "description": "Grupo de ayuda mutua para personas que atraviesan una depresión. Mate, escucha y "
                    "ninguna obligación de hablar.",
     "meets": [("Encuentro semanal", "FREQ=WEEKLY;BYDAY=WE", "19:30", 90)]},
    {"name": "Carers' coffee morning, Partick", "org": None, "city": "Glasgow",
     "codes": ["life.caregiving"],
     "description": "A cuppa, a scone and an hour off. For unpaid carers in the West End, run by carers "
                    "ourselves.",
     "access": ["step_free", "accessible_toilet"],
     "meets": [("Coffee morning", "FREQ=MONTHLY;BYDAY=-1SA", "10:30", 90)]},
    {"name": "Leeds gambling recovery group", "org": None, "city": "Leeds",
     "codes": ["substance_use.gambling"], "join": "closed",
     "description": "Peer support for people recovering from gambling harm. *We are full for now; "
                    "GamCare's national line can point you to another group.*",
     "meets": [("Wednesday group", "FREQ=WEEKLY;BYDAY=WE", "18:30", 90)]},
    # Online groups
    {"name": "Online depression peer group", "org": "thames-peer-network", "city": None,
     "timezone": "Europe/London", "format": "online", "codes": ["mental_health.depression"],
     "description": "A Wednesday evening video call for people living with depression. Cameras "
                    "optional, chat box welcome, pyjamas encouraged.",
     "access": ["captions"],
     "meets": [("Wednesday call", "FREQ=WEEKLY;BYDAY=WE", "20:00", 60),
               ("Saturday morning check-in", "FREQ=WEEKLY;INTERVAL=2;BYDAY=SA", "10:00", 45)]},
    {"name": "Young people's evening chat", "org": "thames-peer-network", "city": None,
     "timezone": "Europe/London", "format": "online",
     "codes": ["mental_health.anxiety", "life.loneliness", "community.youth"],
     "description": "An online hangout for 16 to 25 year olds, with two trained peer facilitators. "
                    "Talk, type or just listen.",
     "access": ["captions"],
     "meets": [("Sunday chat", "FREQ=WEEKLY;BYDAY=SU", "19:00", 60)]},
    {"name": "Duelo en línea: grupo de los domingos", "org": "red-de-apoyo-mutuo-madrid", "city": None,
     "timezone": "Europe/Madrid", "format": "online", "languages": ["es"],
     "codes": ["grief.parent", "grief.partner", "grief.friend"],
     "description": "Para quienes no pueden venir a Lavapiés: el mismo grupo de duelo, por "
                    "videollamada, cada dos domingos.",
     "meets": [("Videollamada", "FREQ=WEEKLY;INTERVAL=2;BYDAY=SU", "18:00", 75)]},
    {"name": "Lunchtime all-recovery meeting online", "org": "lakeshore-recovery-community",
     "city": None, "timezone": "America/Toronto", "format": "online",
     "codes": ["substance_use.alcohol", "substance_use.opioids", "substance_use.cannabis"],
     "description": "Thirty minutes of recovery on your lunch break, every weekday. Drop in from work, "
                    "your car or the kitchen table.",
     "meets": [("Weekday meeting", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", "12:30", 30)]},
    {"name": "Living well online: chronic illness café", "org": "harbour-cancer-companions",
     "city": None, "timezone": "Australia/Melbourne", "format": "online",
     "codes": ["chronic_illness.autoimmune", "chronic_illness.heart", "chronic_illness.long_covid"],
     "description": "An online café for everyday life with long-term conditions. Short, gentle, and "
                    "you can lie down the whole time.",
     "access": ["captions"],
     "meets": [("Online café", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU", "19:30", 60)]},
    {"name": "Sibling loss online", "org": "bereaved-parents-circle-dublin", "city": None,
     "timezone": "Europe/Dublin", "format": "online", "join": "by_request",
     "codes": ["grief.sibling", "community.youth"],
     "description": "A moderated video group for young people who have lost a brother or sister. "
                    "We'll have a quick chat with you before your first time.",
     "meets": [("Monthly call", "FREQ=MONTHLY;BYDAY=2SU", "18:00", 60)]},
    {"name": "Red latinoamericana de ansiedad", "org": None, "city": None,
     "timezone": "America/Bogota", "format": "online", "languages": ["es"],
     "codes": ["mental_health.anxiety", "mental_health.ocd"],
     "description": "Un grupo en línea para toda Latinoamérica. Nos conectamos desde Bogotá, Lima, "
                    "Guadalajara y más, los jueves por la noche.",
     "meets": [("Encuentro en línea", "FREQ=WEEKLY;BYDAY=TH", "20:00", 75)]},
    {"name": "Sober curious online", "org": None, "city": None, "timezone": "America/New_York",
     "format": "online", "codes": ["substance_use.alcohol"],
     "description": "Wondering about your drinking? No labels, no pressure. A Monday night check-in "
                    "for the curious, the cutting-back and the newly sober.",
     "meets": [("Monday check-in", "FREQ=WEEKLY;BYDAY=MO", "20:00", 60)]},
]

# The named demo accounts' places in groups: (email, group name, role).
GROUP_PLACES = [
    ("facilitator@peercircle.example", "Thursday evening anxiety group", "facilitator"),
    ("facilitator@peercircle.example", "Carers' coffee morning", "facilitator"),
    ("member@peercircle.example", "Evening grief circle", "member"),
    ("member@peercircle.example", "Online depression peer group", "member"),
    ("member.es@peercircle.example", "Grupo de ansiedad de los miércoles", "member"),
    ("supporter@peercircle.example", "Veterans' breakfast club", "member"),
]
# Meetings with a limited number of places: (group, places, full?). Priya's group's next
# meeting is full with people waiting; the demo member's circle has places left.
MEETINGS_WITH_PLACES = [
    ("Thursday evening anxiety group", 6, True),
    ("Evening grief circle", 10, False),
]
BOOK_THEMSELVES = {"member@peercircle.example", "facilitator@peercircle.example"}
# Corrections suggested to Priya's listings: (group, who — "" for a visitor —, kind, text).
LISTING_SUGGESTIONS = [
    ("Thursday evening anxiety group", "", "place",
     "The community centre moved the group to room 4 on the first floor; the sign downstairs still says room 2."),
    ("Carers' coffee morning", "supporter@peercircle.example", "meeting_time",
     "I think the café opens at 10:30 on Saturdays now, so the 10:00 start might need to change."),
]
# People asking to join Priya's group, left for her to answer.
PENDING_REQUESTS = {"Carers' coffee morning": 2}


# --- 1:1 peer support -------------------------------------------------------------------------
# What peer supporters tell the people they may be matched with, in their own language: a line
# about what they lived (by the top of their first experience), how they support, and something
# practical. Combined at random, so no two read alike.

SUPPORTER_ABOUT = {
    "en": {
        "mental_health": [
            "Depression took a few years of my life, and the way back started with someone who simply listened.",
            "I've lived with anxiety since my teens. These days it's a passenger, not the driver.",
            "A breakdown in my thirties taught me more than I ever wanted to know about getting well again.",
        ],
        "substance_use": [
            "I stopped drinking six years ago, one awkward evening at a time.",
            "I'm in recovery, and I remember exactly how heavy the first months felt.",
            "Addiction turned my family upside down; I learned a lot about looking after myself along the way.",
        ],
        "chronic_illness": [
            "I've lived with a long-term condition for twenty years and I still have days when I'm fed up with it.",
            "Cancer came out of nowhere when I was 41. The 'after' was harder than I expected.",
            "Living with chronic pain means learning to pace everything, and forgiving yourself when you can't.",
        ],
        "grief": [
            "My dad died when I was 30, and for a long time I thought I was grieving wrong.",
            "I lost someone I loved suddenly. Nobody tells you how tiring grief is.",
        ],
        "life": [
            "I came to a new country with one suitcase and nobody to call, so I know how lonely the first year is.",
            "I cared for my mum for seven years, and I know how easy it is to disappear behind someone else's needs.",
            "Losing my job at 50 knocked the floor out from under me.",
        ],
        "how": [
            "I won't tell you what to do. I'll listen, ask the odd question, and share what helped me if you want.",
            "We can go at your pace: some weeks that's a long chat, some weeks it's five minutes to check in.",
            "Peer support isn't advice. It's two people who get it, working out the next small step together.",
            "Nothing you say will shock me. I've probably felt it too.",
            "I'm a good listener and a terrible cook, and I'm happy to talk about either.",
        ],
        "practical": [
            "Evenings are usually best for me.",
            "I like walking while we talk, if you're nearby.",
            "A call, a video chat or a cup of tea: whatever feels easiest for you.",
            "Looking forward to meeting you.",
            "It does get lighter. I'd be glad to walk alongside you for a while.",
        ],
    },
    "es": {
        "mental_health": [
            "La depresión me quitó unos cuantos años, y la salida empezó cuando alguien simplemente me escuchó.",
            "Vivo con ansiedad desde la adolescencia. Hoy viaja conmigo, pero ya no conduce ella.",
            "Pasé por una crisis fuerte a los treinta y aprendí, a mi ritmo, a volver a estar bien.",
        ],
        "substance_use": [
            "Dejé de beber hace seis años, una tarde difícil detrás de otra.",
            "Estoy en recuperación y recuerdo muy bien lo que pesan los primeros meses.",
        ],
        "chronic_illness": [
            "Vivo con diabetes desde hace quince años y todavía hay días en que me harta.",
            "Tuve cáncer a los 41. El «después» fue más difícil de lo que esperaba.",
        ],
        "grief": [
            "Mi padre murió cuando yo tenía treinta años y durante mucho tiempo pensé que estaba haciendo mal el duelo.",
            "Perdí de golpe a alguien a quien quería. Nadie te cuenta lo que cansa un duelo.",
        ],
        "life": [
            "Llegué a este país con una maleta y sin nadie a quien llamar; sé lo que se nota la soledad al principio.",
            "Cuidé de mi madre durante siete años y sé lo fácil que es desaparecer detrás de lo que necesita otra persona.",
        ],
        "how": [
            "No te voy a decir qué hacer. Te escucharé, te preguntaré alguna cosa y, si quieres, te contaré lo que a mí me sirvió.",
            "Vamos a tu ritmo: unas semanas será una charla larga y otras, cinco minutos para saber cómo estás.",
            "El apoyo entre pares no son consejos: somos dos personas que se entienden buscando juntas el siguiente paso.",
            "Nada de lo que me cuentes me va a asustar. Seguramente yo también lo he sentido.",
        ],
        "practical": [
            "Las tardes suelen venirme mejor.",
            "Si vives cerca, me gusta hablar paseando.",
            "Un café, una llamada o una videollamada: lo que te resulte más fácil.",
            "Tengo muchas ganas de conocerte.",
            "Se hace más llevadero, de verdad. Me encantaría acompañarte un tiempo.",
        ],
    },
    "fr": {
        "any": [
            "Je suis en rétablissement depuis huit ans et je me souviens très bien des premiers mois.",
            "L'anxiété a longtemps pris toute la place dans ma vie; aujourd'hui, elle m'accompagne sans décider.",
            "J'ai arrêté de boire il y a cinq ans, une soirée difficile à la fois.",
        ],
        "how": [
            "Je ne vais pas te dire quoi faire : je t'écoute, à ton rythme.",
            "Le soutien entre pairs, c'est deux personnes qui se comprennent et qui cherchent ensemble le prochain petit pas.",
        ],
        "practical": [
            "Un café, un appel ou une vidéo : comme tu préfères.",
            "Au plaisir de te rencontrer.",
        ],
    },
}

# What people waiting for a peer supporter hope for, in their words.
REQUEST_GOALS = {
    "en": [
        "Someone to talk to on the bad evenings.",
        "To feel less alone with it.",
        "Small steps: sleeping better, getting out of the house more.",
        "To get back to work without it all falling apart again.",
        "Talking to someone who has come out the other side.",
    ],
    "es": [
        "Alguien con quien hablar las tardes malas.",
        "Sentirme menos sola con esto.",
        "Pasos pequeños: dormir mejor y salir más de casa.",
        "Hablar con alguien que ya haya pasado por esto.",
    ],
}

# The named accounts' part in 1:1 peer support (see demo_matching).
JORDAN_ABOUT = (
    "Served twelve years, then had a rough few after: the drink, the nightmares, the lot. Peer mentor "
    "since 2021. I'll listen first and I won't judge, and if you're in London I'm happy to walk and talk."
)
SAM_REQUEST = {
    "experiences": ["mental_health.depression"],
    "story": ("Since Mum died the low days have come back. I'm managing, but I'd like to talk to someone who "
              "has been there and come out the other side."),
    "goals": "Get my evenings back, and stop cancelling on my friends.",
}
LUCIA_REQUEST = {
    "experiences": ["mental_health.anxiety"],
    "story": ("Trabajo de noche y la ansiedad se me dispara al llegar a casa. Me gustaría hablar con alguien "
              "que haya pasado por algo parecido y sepa cómo se sale."),
    "goals": "Aprender a bajar el ritmo cuando llego a casa y dormir mejor.",
}
