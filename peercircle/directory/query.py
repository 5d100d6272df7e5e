"""Understand what someone typed into the directory's search box, in English or Spanish.

"grupo de duelo en Madrid los martes por la tarde" becomes: experience `grief`, the city of
Madrid, Tuesdays, afternoon and evening hours, and nothing left over to match against names.
Pure and fast: word tables, the taxonomy lexicon and the offline gazetteer, no database
query once the lexicon is built. Both languages are understood whatever the page's language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from django.utils.translation import get_language, gettext, pgettext

from peercircle.core import places
from peercircle.core.languages import LANGUAGE_NAMES
from peercircle.core.places import Place
from peercircle.directory.words import NEVER_PLACES, PLACES_AFTER_PREPOSITION_ONLY, STOPWORDS
from peercircle.experiences import lexicon

# Local hours [start, end) for each time of day.
TIMES_OF_DAY = {
    "morning": (6, 12),
    "midday": (11, 14),
    "afternoon": (12, 17),
    "evening": (17, 21),
    "night": (20, 24),
}
# "tarde" runs from lunch to dinner and "noche" from dusk, so each spans two English periods.
_TARDE = ("afternoon", "evening")
_NOCHE = ("evening", "night")

# A fact is (what, value); a phrase may carry several ("tonight": today, evening, night).
_PHRASES: dict[tuple[str, ...], tuple[tuple[str, object], ...]] = {}


def _add(phrases: str, *facts: tuple[str, object]) -> None:
    for phrase in phrases.split(","):
        key = tuple(lexicon.tokenize(phrase))
        _PHRASES[key] = _PHRASES.get(key, ()) + facts


def _times(*names: str) -> tuple[str, object]:
    return ("times", names)


_EN_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_ES_DAYS = ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo")
_EN_SHORT = ("mon", "tue,tues", "wed", "thu,thur,thurs", "fri", "", "")
for _n, (_en, _es, _short) in enumerate(zip(_EN_DAYS, _ES_DAYS, _EN_SHORT, strict=True), start=1):
    _add(f"{_en},{_en}s,on {_en},on {_en}s,{_es},{_es}s,los {_es},el {_es}", ("days", (_n,)))
    if _short:
        _add(_short, ("days", (_n,)))
_add("weekday,weekdays,week day,week days,during the week,monday to friday,"
     "entre semana,días laborables,día laborable,días de semana,de lunes a viernes", ("days", (1, 2, 3, 4, 5)))
_add("weeknight,weeknights,week night,week nights", ("days", (1, 2, 3, 4, 5)), _times("evening"))
_add("weekend,weekends,at the weekend,on weekends,on the weekend,"
     "fin de semana,fines de semana,el fin de semana,los fines de semana,finde,findes", ("days", (6, 7)))
_add("every day,daily,todos los días,cada día,a diario", ("ignore", None))

_add("morning,mornings,in the morning,in the mornings,"
     # "mañana" alone is "tomorrow"; it is the morning only in these turns of phrase.
     "por la mañana,en la mañana,de la mañana,a la mañana,de mañana,"
     "mañanas,las mañanas,por las mañanas,en las mañanas", _times("morning"))
_add("midday,noon,lunchtime,lunch time,at lunch,mediodía,al mediodía,a mediodía,hora de comer",
     _times("midday"))
_add("afternoon,afternoons,in the afternoon,in the afternoons", _times("afternoon"))
_add("evening,evenings,in the evening,in the evenings,after work", _times("evening"))
_add("night,nights,at night,nighttime,late night", _times("night"))
_add("tarde,tardes,por la tarde,en la tarde,de tarde,a la tarde,de la tarde,"
     "las tardes,por las tardes,en las tardes", _times(*_TARDE))
_add("noche,noches,por la noche,en la noche,de noche,a la noche,de la noche,"
     "las noches,por las noches,en las noches", _times(*_NOCHE))

_add("today,hoy", ("relative", 0))
_add("tonight,esta noche", ("relative", 0), _times(*_NOCHE))
_add("this morning,esta mañana", ("relative", 0), _times("morning"))
_add("this afternoon", ("relative", 0), _times("afternoon"))
_add("this evening", ("relative", 0), _times("evening"))
_add("esta tarde", ("relative", 0), _times(*_TARDE))
_add("tomorrow,mañana", ("relative", 1))
_add("day after tomorrow,the day after tomorrow,pasado mañana", ("relative", 2))

_add("online,on line,virtual,virtuales,zoom,on zoom,via zoom,by zoom,por zoom,en zoom,"
     "video call,videocall,videollamada,videoconferencia,remote,remotely,remoto,remota,"
     "a distancia,en línea,en linea", ("format", "online"))
_add("in person,face to face,f2f,irl,presencial,presenciales,cara a cara,en persona",
     ("format", "in_person"))
_add("hybrid,híbrido,híbrida,híbridos,híbridas,semipresencial", ("format", "hybrid"))

_add("near me,nearby,near by,close to me,close by,around me,near here,around here,"
     "cerca de mí,cerca de mi,cerca de aquí,cerca de casa,cerca de mi casa,por aquí,cerca de donde vivo",
     ("near_me", True))
_add("open,open to all,open to everyone,open to new members,abierto,abierta,abiertos,abiertas,"
     "abierto a todos,abierto a todo el mundo", ("open", True))

_LANGUAGE_WORDS = {
    "en": ("english", "inglés"), "es": ("spanish", "español", "castellano"),
    "fr": ("french", "francés"), "pt": ("portuguese", "portugués"), "de": ("german", "alemán"),
    "it": ("italian", "italiano"), "ar": ("arabic", "árabe"),
    "zh": ("chinese", "mandarin", "cantonese", "chino", "mandarín"), "pl": ("polish", "polaco"),
    "uk": ("ukrainian", "ucraniano"), "ru": ("russian", "ruso"), "ca": ("catalan", "catalán", "català"),
    "ro": ("romanian", "rumano"), "tl": ("tagalog",), "vi": ("vietnamese", "vietnamita"),
    "hi": ("hindi",), "ur": ("urdu",), "so": ("somali",), "cy": ("welsh", "galés"),
    "tr": ("turkish", "turco"),
}
for _code, _names in _LANGUAGE_WORDS.items():
    for _name in _names:
        _add(f"in {_name},en {_name},{_name} speaking,{_name} speakers,{_name} speaker,"
             f"{_name} language,{_name} spoken,habla {_name},de habla {_name},hablan {_name},"
             f"que hablen {_name},en idioma {_name},en lengua {_name}", ("language", _code))
_add("hispanohablante,hispanohablantes,hispanoparlante,hispanoparlantes", ("language", "es"))
_add("angloparlante,angloparlantes,anglohablante,anglohablantes", ("language", "en"))
_add("francófono,francófona,francófonos,francófonas", ("language", "fr"))

# Recovery fellowships by their initials; the two-letter ones only when written in capitals.
_FELLOWSHIPS = {
    "aa": ("alcoholics anonymous", False),
    "na": ("narcotics anonymous", True),
    "ga": ("gamblers anonymous", True),
    "aca": ("adult children of alcoholics", True),
}

_STRONG_PREPOSITIONS = {
    ("in",), ("near",), ("around",), ("nearby",), ("close", "to"), ("near", "to"), ("en",),
    ("cerca", "de"), ("cerca", "del"), ("alrededor", "de"), ("within",), ("at",),
}
_WEAK_PREPOSITIONS = {("de",), ("del",), ("from",), ("desde",)}
_ARTICLES = frozenset({"the", "el", "la", "los", "las"})
_NEAR_WORDS = frozenset({"near", "nearby", "cerca", "close"})
_MAX_PHRASE = max(len(key) for key in _PHRASES)

_CLOCK_RE = re.compile(
    r"(?<![\d:])(\d{1,2})(?:[:.h](\d{2}))?\s*(a\.?\s?m\.?|p\.?\s?m\.?|h(?:rs)?\b)"
    r"|(?<![\d:])(\d{1,2})[:.](\d{2})(?![\d:])",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class ParsedQuery:
    text: str
    lang: str = "en"
    experiences: tuple[str, ...] = ()
    communities: tuple[str, ...] = ()
    place: Place | None = None
    country: str | None = None  # ISO 3166 code
    near_me: bool = False  # use the browser's location
    formats: tuple[str, ...] = ()  # "online", "in_person", "hybrid"
    weekdays: tuple[int, ...] = ()  # ISO: Monday 1 … Sunday 7
    times_of_day: tuple[str, ...] = ()  # keys of TIMES_OF_DAY
    starts_at: tuple[int, ...] = ()  # hours named on a clock ("7pm" → 19)
    hours: tuple[tuple[int, int], ...] = ()  # local hours [start, end), merged
    relative_day: int | None = None  # 0 today, 1 tomorrow, 2 the day after
    languages: tuple[str, ...] = ()
    open_to_join: bool = False
    terms: tuple[str, ...] = ()  # what is left, for names and descriptions

    @property
    def codes(self) -> tuple[str, ...]:
        return self.experiences + self.communities

    @property
    def is_empty(self) -> bool:
        return not any((
            self.codes, self.place, self.country, self.near_me, self.formats, self.weekdays,
            self.hours, self.relative_day is not None, self.languages, self.open_to_join, self.terms,
        ))

    def to_dict(self) -> dict:
        place = self.place
        return {
            "text": self.text,
            "lang": self.lang,
            "experiences": list(self.experiences),
            "communities": list(self.communities),
            "place": None if place is None else {
                "geoname_id": place.geoname_id, "name": place.name, "country": place.country,
                "label": place.label, "latitude": place.latitude, "longitude": place.longitude,
                "timezone": place.timezone,
            },
            "country": self.country,
            "near_me": self.near_me,
            "formats": list(self.formats),
            "weekdays": list(self.weekdays),
            "times_of_day": list(self.times_of_day),
            "starts_at": list(self.starts_at),
            "hours": [list(span) for span in self.hours],
            "relative_day": self.relative_day,
            "languages": list(self.languages),
            "open_to_join": self.open_to_join,
            "terms": list(self.terms),
            "explanation": self.explanation,
        }

    @property
    def explanation(self) -> str:
        """What was understood, in plain words and in the active language:
        "Looking for: Grief · near Madrid, Spain · Tuesday evenings"."""
        return _explain(self)


def parse_query(text: str, *, lang: str = "en") -> ParsedQuery:
    text = (text or "")[:500]
    raw = lexicon.raw_tokens(text)
    tokens = [lexicon.fold_token(token) for token in raw]
    used = [False] * len(tokens)
    facts: dict[str, list] = {}
    codes: list[lexicon.Match] = []

    starts_at = _clock_times(text, used)
    _phrases_and_needs(tokens, raw, used, facts, codes)
    place, country = _find_place(tokens, raw, used)
    if place is None and country is None and any(
        not used[i] and token in _NEAR_WORDS for i, token in enumerate(tokens)
    ):
        facts.setdefault("near_me", []).append(True)

    times = _unique(name for names in facts.get("times", []) for name in names)
    spans = [TIMES_OF_DAY[name] for name in times] + [(hour, hour + 1) for hour in starts_at]
    relative = facts.get("relative", [])
    experiences = _unique(m.code for m in codes if m.kind == "experience")
    communities = _unique(m.code for m in codes if m.kind == "community")
    terms = _unique(
        token for i, token in enumerate(tokens)
        if not used[i] and token not in STOPWORDS and len(token) > 1 and not token.isdigit()
    )
    return ParsedQuery(
        text=text,
        lang=(lang or "en")[:2],
        experiences=experiences,
        communities=communities,
        place=place,
        country=country,
        near_me=bool(facts.get("near_me")) and place is None and country is None,
        formats=_unique(facts.get("format", [])),
        weekdays=tuple(sorted({day for days in facts.get("days", []) for day in days})),
        times_of_day=tuple(sorted(times, key=list(TIMES_OF_DAY).index)),
        starts_at=starts_at,
        hours=_merge(spans),
        relative_day=max(relative) if relative else None,
        languages=_unique(facts.get("language", [])),
        open_to_join=bool(facts.get("open")),
        terms=terms,
    )


def _unique(items) -> tuple:
    return tuple(dict.fromkeys(items))


def _merge(spans: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return tuple((start, end) for start, end in merged)


def _clock_times(text: str, used: list[bool]) -> tuple[int, ...]:
    """"7pm", "7:30 pm", "19:00", "19h" → hours; their tokens are used up."""
    hours: list[int] = []
    spans = lexicon.token_spans(text)
    for match in _CLOCK_RE.finditer(text):
        if match.group(1):
            hour, suffix = int(match.group(1)), match.group(3).lower().replace(".", "").replace(" ", "")
            if suffix.startswith("p") and hour < 12:
                hour += 12
            elif suffix.startswith("a") and hour == 12:
                hour = 0
        else:
            hour = int(match.group(4))
        if hour > 23:
            continue
        hours.append(hour)
        for i, (start, end) in enumerate(spans):
            if start < match.end() and end > match.start():
                used[i] = True
    return _unique(hours)


def _phrases_and_needs(tokens, raw, used, facts, codes) -> None:
    """Word-table phrases, fellowship initials and taxonomy phrases compete for the tokens:
    the longest wins, and on a tie the word tables do (they were written for this box)."""
    candidates: list[tuple[int, int, int, object]] = []  # (length, priority, start, payload)
    for start in range(len(tokens)):
        if used[start]:
            continue
        for length in range(min(_MAX_PHRASE, len(tokens) - start), 0, -1):
            key = tuple(tokens[start:start + length])
            if key in _PHRASES and not any(used[start:start + length]):
                candidates.append((length, 0, start, _PHRASES[key]))
        alias = _FELLOWSHIPS.get(tokens[start])
        if alias and (not alias[1] or raw[start].isupper()):
            for match in lexicon.find_phrases(alias[0]):
                candidates.append((1, 1, start, match))
    for match in lexicon.find_phrases_in_tokens(tokens):
        node = lexicon.node_info(match.code)
        # "community", "people like me": the root of communities narrows nothing.
        is_vague = match.kind == "community" and node is not None and node.parent is None
        candidates.append((match.end - match.start, 2, match.start, None if is_vague else match))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    for length, _priority, start, payload in candidates:
        span = range(start, start + length)
        if any(used[i] for i in span):
            # A taxonomy phrase that names two codes arrives as two matches over one span.
            if isinstance(payload, lexicon.Match) and codes and (codes[-1].start, codes[-1].end) == (
                payload.start, payload.end
            ):
                codes.append(payload)
            continue
        for i in span:
            used[i] = True
        if isinstance(payload, lexicon.Match):
            codes.append(payload if length == payload.end - payload.start else _at(payload, start))
        elif payload:
            for kind, value in payload:
                facts.setdefault(kind, []).append(value)


def _at(match: lexicon.Match, start: int) -> lexicon.Match:
    return lexicon.Match(match.code, match.kind, start, start + 1, match.phrase, match.weight)


# -- places ---------------------------------------------------------------------------------

_COUNTRIES_ES = {
    "españa": "ES", "méxico": "MX", "mejico": "MX", "estados unidos": "US", "eeuu": "US", "ee uu": "US",
    "reino unido": "GB", "inglaterra": "GB", "escocia": "GB", "gales": "GB", "irlanda": "IE",
    "perú": "PE", "canadá": "CA", "brasil": "BR", "francia": "FR", "alemania": "DE",
    "italia": "IT", "países bajos": "NL", "holanda": "NL", "bélgica": "BE", "suiza": "CH",
    "panamá": "PA", "república dominicana": "DO", "haití": "HT", "nueva zelanda": "NZ",
    "sudáfrica": "ZA", "japón": "JP", "marruecos": "MA", "filipinas": "PH",
}
_COUNTRIES_EN = {
    "uk": "GB", "u k": "GB", "england": "GB", "scotland": "GB", "wales": "GB", "northern ireland": "GB",
    "great britain": "GB", "britain": "GB", "usa": "US", "u s a": "US", "united states of america": "US",
    "the us": "US", "the usa": "US", "holland": "NL",
}
# Country names that are also everyday words, taken as a country only after a preposition.
_COUNTRIES_AFTER_PREPOSITION_ONLY = frozenset({
    "georgia", "jordan", "chad", "turkey", "guinea", "niger", "china", "chile", "togo", "mali",
    "oman", "gales", "wales",
})


@lru_cache(maxsize=1)
def _countries() -> dict[tuple[str, ...], str]:
    table = {}
    for lang in ("en", "es"):
        for code, name in places.countries(lang).items():
            table.setdefault(tuple(lexicon.tokenize(name)), code)
    for name, code in {**_COUNTRIES_ES, **_COUNTRIES_EN}.items():
        table[tuple(lexicon.tokenize(name))] = code
    return table


def _find_place(tokens, raw, used) -> tuple[Place | None, str | None]:
    """A city, a country, or both ("Valencia, Spain"). After "in/near/en/cerca de" almost any
    name counts; elsewhere only a big city whose name is not an everyday word."""
    found: list[tuple[int, int, str, object]] = []  # (start, end, "city"|"country", value)
    n = len(tokens)
    for i in range(n):
        if used[i]:
            continue
        for context, table in (("strong", _STRONG_PREPOSITIONS), ("weak", _WEAK_PREPOSITIONS)):
            for prep in table:
                end = i + len(prep)
                if tuple(tokens[i:end]) != prep or any(used[i:end]):
                    continue
                hit = _name_at(tokens, raw, used, end, context)
                if hit is None and end < n and tokens[end] in _ARTICLES:
                    hit = _name_at(tokens, raw, used, end + 1, context)
                if hit:
                    found.append(hit)
                    for j in range(i, hit[1]):
                        used[j] = True
    if not any(kind == "city" for _s, _e, kind, _v in found):
        for i in range(n):
            hit = _name_at(tokens, raw, used, i, "none")
            if hit:
                found.append(hit)
                for j in range(hit[0], hit[1]):
                    used[j] = True
                if hit[2] == "city":
                    break
    city = next(((s, e, v) for s, e, kind, v in found if kind == "city"), None)
    country = next((v for _s, _e, kind, v in found if kind == "country"), None)
    if city and country is None:
        # "London Ontario" is beyond us, but "Valencia, Spain" / "Valencia España" is not.
        country = _country_at(tokens, used, city[1])
    if city is None:
        return None, country
    place = city[2]
    if country and place.country != country:
        in_country = [p for p in _named(place, tokens[city[0]:city[1]]) if p.country == country]
        if in_country:
            place = in_country[0]
        else:
            return None, country
    return place, country


def _country_at(tokens, used, start) -> str | None:
    for length in (3, 2, 1):
        key = tuple(tokens[start:start + length])
        if len(key) == length and not any(used[start:start + length]) and key in _countries():
            for j in range(start, start + length):
                used[j] = True
            return _countries()[key]
    return None


def _name_at(tokens, raw, used, start, context):
    """The country or city named by the tokens from `start` (longest first), if acceptable."""
    for length in (3, 2, 1):
        end = start + length
        if end > len(tokens) or any(used[start:end]):
            continue
        key = tuple(tokens[start:end])
        if key[0] in STOPWORDS and length == 1:
            continue
        code = _countries().get(key)
        if code and (context == "strong" or " ".join(key) not in _COUNTRIES_AFTER_PREPOSITION_ONLY):
            return (start, end, "country", code)
        place = _acceptable_city(key, raw[start:end], context)
        if place:
            return (start, end, "city", place)
    return None


def _acceptable_city(key: tuple[str, ...], raw: list[str], context: str) -> Place | None:
    name = " ".join(key)
    if len(key) == 1 and (name in NEVER_PLACES or name in STOPWORDS or name.isdigit()):
        return None
    candidates = places.cities_named(name)
    if not candidates:
        return None
    named = [p for p in candidates if _is_named(p, name)]
    place = named[0] if named else candidates[0]
    # An alternate name is trusted when it is several words ("nueva york") or initials
    # written in capitals ("NYC", "CDMX", "LA"): single alternate words are often junk.
    by_initials = len(key) == 1 and raw[0].isupper() and len(raw[0]) >= 2
    if not named and len(key) == 1 and not by_initials and (context != "strong" or len(name) < 4):
        return None
    if context == "strong":
        return place
    if len(key) == 1 and name in PLACES_AFTER_PREPOSITION_ONLY:
        return None
    return place if place.population >= (20_000 if context == "weak" else 100_000) else None


def _is_named(place: Place, name: str) -> bool:
    own = places.fold(place.name)
    return own == name or own.startswith(name + " ")


def _named(place: Place, key) -> list[Place]:
    name = " ".join(key)
    candidates = places.cities_named(name)
    named = [p for p in candidates if _is_named(p, name)]
    return named or candidates


# -- explanation ----------------------------------------------------------------------------

def _explain(query: ParsedQuery) -> str:
    lang = get_language() or query.lang
    parts: list[str] = []
    needs = []
    for code in query.codes:
        node = lexicon.node_info(code)
        needs.append(node.label(lang) if node else code)
    needs.extend(f"“{term}”" for term in query.terms)
    if needs:
        parts.append(", ".join(needs))
    if query.place:
        parts.append(gettext("near %(place)s") % {"place": query.place.label})
    elif query.country:
        parts.append(gettext("in %(country)s") % {"country": places.country_name(query.country)})
    elif query.near_me:
        parts.append(gettext("near you"))
    if query.formats:
        parts.append(gettext(" or ").join(_format_name(f) for f in query.formats))
    when = _when(query)
    if when:
        parts.append(when)
    if query.languages:
        names = gettext(" or ").join(str(LANGUAGE_NAMES.get(c, c)) for c in query.languages)
        parts.append(gettext("in %(languages)s") % {"languages": names})
    if query.open_to_join:
        parts.append(gettext("open to join"))
    if not parts:
        return ""
    return gettext("Looking for: %(what)s") % {"what": " · ".join(parts)}


def _format_name(code: str) -> str:
    return {"online": gettext("online"), "in_person": gettext("in person"),
            "hybrid": gettext("hybrid")}.get(code, code)


def _day_names(weekdays: tuple[int, ...], *, before_time: bool) -> str:
    days = set(weekdays)
    if days == {1, 2, 3, 4, 5}:
        return pgettext("before a time of day", "weekday") if before_time else gettext("weekdays")
    if days == {6, 7}:
        return pgettext("before a time of day", "weekend") if before_time else gettext("weekends")
    single = (
        pgettext("before a time of day", "Monday"), pgettext("before a time of day", "Tuesday"),
        pgettext("before a time of day", "Wednesday"), pgettext("before a time of day", "Thursday"),
        pgettext("before a time of day", "Friday"), pgettext("before a time of day", "Saturday"),
        pgettext("before a time of day", "Sunday"),
    )
    plural = (
        gettext("Mondays"), gettext("Tuesdays"), gettext("Wednesdays"), gettext("Thursdays"),
        gettext("Fridays"), gettext("Saturdays"), gettext("Sundays"),
    )
    names = single if before_time else plural
    return ", ".join(names[day - 1] for day in sorted(days))


def _time_names(times: tuple[str, ...], *, recurring: bool) -> str:
    if recurring:
        names = {"morning": gettext("mornings"), "midday": gettext("around midday"),
                 "afternoon": gettext("afternoons"), "evening": gettext("evenings"),
                 "night": gettext("nights")}
    else:
        names = {"morning": pgettext("one day", "morning"), "midday": pgettext("one day", "around midday"),
                 "afternoon": pgettext("one day", "afternoon"), "evening": pgettext("one day", "evening"),
                 "night": pgettext("one day", "night")}
    return gettext(" or ").join(names[t] for t in times)


def _tonight(times: tuple[str, ...]) -> str:
    if "night" in times:
        return gettext("tonight")
    names = {"morning": gettext("this morning"), "midday": gettext("today around midday"),
             "afternoon": gettext("this afternoon"), "evening": gettext("this evening")}
    return gettext(" or ").join(names[t] for t in times)


def _when(query: ParsedQuery) -> str:
    times = _time_names(query.times_of_day, recurring=query.relative_day is None)
    clock = ", ".join(f"{hour:02d}:00" for hour in query.starts_at)
    if clock:
        clock = gettext("at about %(time)s") % {"time": clock}
    if query.relative_day == 0 and query.times_of_day:
        day = ""
        times = _tonight(query.times_of_day)
    elif query.relative_day is not None:
        day = (gettext("today"), gettext("tomorrow"), gettext("the day after tomorrow"))[query.relative_day]
    elif query.weekdays:
        day = _day_names(query.weekdays, before_time=bool(times))
    else:
        day = ""
    return " ".join(part for part in (day, times, clock) if part)
