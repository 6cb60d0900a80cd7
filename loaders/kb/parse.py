"""Reading and checking the YAML files: a data folder in, validated records out, or a ``ValueError`` naming the entry.

Each file is checked on its own shape (keys, types, dates, lowercase phrases) and then against the others
(every role key, country code and organisation a person names must exist; no spelling may point at two
entries).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib.resources.abc import Traversable
from typing import Any

import yaml

from loaders.kb.dates import parse_date
from loaders.kb.models import Country, Organization, Person, Position, Role
from loaders.kb.names import normalize_name

__all__ = ["ORGANIZATION_KINDS", "ParsedData", "parse_directory"]

FILES = ("countries.yaml", "titles.yaml", "organizations.yaml", "people.yaml")
ORGANIZATION_KINDS = frozenset(
    {"government-body", "legislature", "party", "military", "international", "armed-group", "company", "ngo"}
)
_CODE = re.compile(r"[A-Z]{2}")
_ROLE_KEY = re.compile(r"[a-z]+(?:-[a-z]+)*")

_PERSON_KEYS = frozenset({"name", "country", "gender", "aliases", "description", "positions", "surnames"})
# How the press refers to a person ("she", "he"): what a pronoun resolved to them must agree with.
_GENDERS = frozenset({"female", "male"})
_POSITION_KEYS = frozenset({"title", "role", "country", "organization", "start", "end"})
_ORGANIZATION_KEYS = frozenset({"name", "aliases", "country", "kind", "description"})
_COUNTRY_KEYS = frozenset({"code", "name", "aliases", "demonyms", "capital"})
_ROLE_KEYS = frozenset({"label", "phrases", "country_phrases"})

# Both are safe loaders; the C one (when PyYAML was built with libyaml) reads the files about 10x faster.
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class ParsedData:
    """Everything the four files hold, checked. ``surnames`` maps a person's name to explicit surname spellings."""

    countries: tuple[Country, ...]
    roles: tuple[Role, ...]
    organizations: tuple[Organization, ...]
    people: tuple[Person, ...]
    surnames: Mapping[str, tuple[str, ...]]


def parse_directory(directory: Traversable) -> ParsedData:
    """A folder holding countries.yaml, titles.yaml, organizations.yaml and people.yaml in; checked records out."""
    documents = {name: _read(directory, name) for name in FILES}
    countries = _parse_countries(_list_of(documents["countries.yaml"], "countries.yaml"))
    codes = frozenset(country.code for country in countries)
    roles = _parse_roles(documents["titles.yaml"], codes)
    organizations = _parse_organizations(_list_of(documents["organizations.yaml"], "organizations.yaml"), codes)
    people, surnames = _parse_people(
        _list_of(documents["people.yaml"], "people.yaml"),
        codes=codes,
        roles=frozenset(role.key for role in roles),
        organizations=frozenset(organization.name for organization in organizations),
    )
    return ParsedData(countries, roles, organizations, people, surnames)


def _read(directory: Traversable, name: str) -> object:
    path = directory / name
    if not path.is_file():
        raise ValueError(f"{name}: file missing from the knowledge base folder {directory}")
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506
    except yaml.YAMLError as exc:
        raise ValueError(f"{name}: not valid YAML: {exc}") from exc


def _list_of(document: object, where: str) -> list[object]:
    if document is None:
        return []
    if not isinstance(document, list):
        raise ValueError(f"{where}: expected a list of entries at the top level")
    return document


def _entry(raw: object, where: str, allowed: frozenset[str], required: Iterable[str]) -> Mapping[str, object]:
    if not isinstance(raw, dict):
        raise ValueError(f"{where}: expected a mapping, got {type(raw).__name__}")
    if unknown := sorted(set(raw) - allowed):
        raise ValueError(f"{where}: unknown key(s) {', '.join(map(str, unknown))}")
    if missing := [key for key in required if key not in raw]:
        raise ValueError(f"{where}: missing key(s) {', '.join(missing)}")
    return raw


def _text(raw: Mapping[str, object], key: str, where: str, *, optional: bool = False) -> str | None:
    value = raw.get(key)
    if value is None and optional:
        return None
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{where}: {key} must be a non-empty string, got {value!r}")
    return value.strip()


def _required_text(raw: Mapping[str, object], key: str, where: str) -> str:
    value = _text(raw, key, where)
    assert value is not None
    return value


def _texts(raw: Mapping[str, object], key: str, where: str) -> tuple[str, ...]:
    value = raw.get(key)
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
        raise ValueError(f"{where}: {key} must be a list of non-empty strings, got {value!r}")
    return tuple(item.strip() for item in value)


def _code(value: object, codes: frozenset[str] | None, where: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError(f"{where}: country code read as {value}: quote it (YAML takes a bare NO for false)")
    if not isinstance(value, str) or not _CODE.fullmatch(value):
        raise ValueError(f"{where}: {value!r} is not an ISO 3166-1 alpha-2 code (two capital letters)")
    if codes is not None and value not in codes:
        raise ValueError(f"{where}: country code {value!r} is not in countries.yaml")
    return value


class _Spellings:
    """Normalised spelling → owner, so one spelling never names two entries of the same file."""

    def __init__(self, file: str) -> None:
        self._file = file
        self._owners: dict[str, str] = {}

    def claim(self, spelling: str, owner: str) -> None:
        key = normalize_name(spelling)
        if not key:
            raise ValueError(f"{self._file}: {owner}: spelling {spelling!r} has no letters or digits")
        holder = self._owners.setdefault(key, owner)
        if holder != owner:
            raise ValueError(f"{self._file}: {owner}: spelling {spelling!r} already names {holder}")


def _parse_countries(entries: list[object]) -> tuple[Country, ...]:
    countries: list[Country] = []
    seen_codes: set[str] = set()
    spellings = _Spellings("countries.yaml")
    for index, raw in enumerate(entries, start=1):
        where = f"countries.yaml: entry {index}"
        entry = _entry(raw, where, _COUNTRY_KEYS, ("code", "name"))
        name = _required_text(entry, "name", where)
        where = f"countries.yaml: {name}"
        code = _code(entry["code"], None, where)
        assert code is not None
        if code in seen_codes:
            raise ValueError(f"{where}: code {code} is listed twice")
        seen_codes.add(code)
        country = Country(
            code=code,
            name=name,
            aliases=_texts(entry, "aliases", where),
            demonyms=_texts(entry, "demonyms", where),
            capital=_text(entry, "capital", where, optional=True),
        )
        for spelling in (*country.spellings, *country.demonyms):
            spellings.claim(spelling, name)
        countries.append(country)
    return tuple(countries)


def _parse_roles(document: object, codes: frozenset[str]) -> tuple[Role, ...]:
    if not isinstance(document, dict) or not isinstance(document.get("roles"), dict):
        raise ValueError("titles.yaml: expected a mapping with a 'roles' mapping of role key → role")
    roles: list[Role] = []
    general: dict[str, str] = {}
    local: dict[tuple[str, str], str] = {}
    for key, raw in document["roles"].items():
        where = f"titles.yaml: role {key!r}"
        if not isinstance(key, str) or not _ROLE_KEY.fullmatch(key):
            raise ValueError(f"{where}: a role key is lowercase words joined by hyphens")
        entry = _entry(raw, where, _ROLE_KEYS, ("label", "phrases"))
        phrases = _phrases(_texts(entry, "phrases", where), where)
        for phrase in phrases:
            if (other := general.setdefault(normalize_name(phrase), key)) != key:
                raise ValueError(f"{where}: phrase {phrase!r} already belongs to role {other!r}")
        by_country = entry.get("country_phrases") or {}
        if not isinstance(by_country, dict):
            raise ValueError(f"{where}: country_phrases must map an ISO code to a list of phrases")
        pairs: list[tuple[str, str]] = []
        for code, _ in by_country.items():
            country = _code(code, codes, f"{where}: country_phrases")
            assert country is not None
            for phrase in _phrases(_texts(by_country, code, f"{where}: country_phrases"), where):
                if (other := local.setdefault((country, normalize_name(phrase)), key)) != key:
                    raise ValueError(f"{where}: phrase {phrase!r} for {country} already belongs to role {other!r}")
                pairs.append((country, phrase))
        roles.append(Role(key, _required_text(entry, "label", where), phrases, tuple(pairs)))
    return tuple(roles)


def _phrases(phrases: tuple[str, ...], where: str) -> tuple[str, ...]:
    for phrase in phrases:
        if phrase != phrase.lower():
            raise ValueError(f"{where}: phrase {phrase!r} must be lowercase")
    return phrases


def _parse_organizations(entries: list[object], codes: frozenset[str]) -> tuple[Organization, ...]:
    organizations: list[Organization] = []
    spellings = _Spellings("organizations.yaml")
    for index, raw in enumerate(entries, start=1):
        where = f"organizations.yaml: entry {index}"
        entry = _entry(raw, where, _ORGANIZATION_KEYS, ("name", "country", "kind"))
        name = _required_text(entry, "name", where)
        where = f"organizations.yaml: {name}"
        kind = _required_text(entry, "kind", where)
        if kind not in ORGANIZATION_KINDS:
            raise ValueError(f"{where}: kind {kind!r} is not one of {', '.join(sorted(ORGANIZATION_KINDS))}")
        organization = Organization(
            name=name,
            aliases=_texts(entry, "aliases", where),
            country=_code(entry["country"], codes, where),
            kind=kind,
            description=_text(entry, "description", where, optional=True),
        )
        for spelling in organization.spellings:
            spellings.claim(spelling, name)
        organizations.append(organization)
    return tuple(organizations)


def _parse_people(
    entries: list[object], *, codes: frozenset[str], roles: frozenset[str], organizations: frozenset[str]
) -> tuple[tuple[Person, ...], dict[str, tuple[str, ...]]]:
    people: list[Person] = []
    surnames: dict[str, tuple[str, ...]] = {}
    canonical: dict[str, str] = {}
    for index, raw in enumerate(entries, start=1):
        where = f"people.yaml: entry {index}"
        entry = _entry(raw, where, _PERSON_KEYS, ("name", "country"))
        name = _required_text(entry, "name", where)
        where = f"people.yaml: {name}"
        if (first := canonical.get(normalize_name(name))) is not None:
            raise ValueError(f"{where}: canonical name listed twice (also as {first!r})")
        canonical[normalize_name(name)] = name
        country = _code(entry["country"], codes, where)
        raw_positions = entry.get("positions") or []
        if not isinstance(raw_positions, list):
            raise ValueError(f"{where}: positions must be a list")
        positions = tuple(
            position
            for number, raw_position in enumerate(raw_positions, start=1)
            for position in _parse_position(
                raw_position,
                f"{where}: position {number}",
                person_country=country,
                codes=codes,
                roles=roles,
                organizations=organizations,
            )
        )
        people.append(
            Person(
                name=name,
                country=country,
                gender=_gender(entry, where),
                aliases=_texts(entry, "aliases", where),
                description=_text(entry, "description", where, optional=True),
                positions=positions,
            )
        )
        if explicit := _texts(entry, "surnames", where):
            surnames[name] = explicit
    _check_person_spellings(people, canonical)
    return tuple(people), surnames


def _gender(raw: Mapping[str, object], where: str) -> str | None:
    value = raw.get("gender")
    if value is not None and value not in _GENDERS:
        raise ValueError(f"{where}: gender must be one of {sorted(_GENDERS)} or left out, got {value!r}")
    return value if isinstance(value, str) else None


def _check_person_spellings(people: list[Person], canonical: Mapping[str, str]) -> None:
    spellings = _Spellings("people.yaml")
    for person in people:
        for alias in person.aliases:
            if (other := canonical.get(normalize_name(alias))) is not None and other != person.name:
                raise ValueError(f"people.yaml: {person.name}: alias {alias!r} is the canonical name of {other}")
        for spelling in person.spellings:
            spellings.claim(spelling, person.name)


def _parse_position(
    raw: object,
    where: str,
    *,
    person_country: str | None,
    codes: frozenset[str],
    roles: frozenset[str],
    organizations: frozenset[str],
) -> tuple[Position, ...]:
    entry = _entry(raw, where, _POSITION_KEYS, ("title", "role", "start", "end"))
    title = _required_text(entry, "title", where)
    where = f"{where} ({title})"
    role_value = entry["role"]
    role_keys = role_value if isinstance(role_value, list) else [role_value]
    for role in role_keys:
        if role not in roles:
            raise ValueError(f"{where}: role {role!r} is not a role key of titles.yaml")
    # An omitted country means the office is of the person's own country; international posts say null.
    country = _code(entry["country"], codes, where) if "country" in entry else person_country
    organization = _text(entry, "organization", where, optional=True)
    if organization is not None and organization not in organizations:
        raise ValueError(f"{where}: organization {organization!r} is not a canonical name in organizations.yaml")
    try:
        start, start_precision = parse_date(entry["start"], end=False)
        end, end_precision = parse_date(entry["end"], end=True)
    except ValueError as exc:
        raise ValueError(f"{where}: {exc}") from exc
    if start is not None and end is not None and end < start:
        raise ValueError(f"{where}: end {entry['end']} is before start {entry['start']}")
    return tuple(
        Position(title, str(role), country, organization, start, end, start_precision, end_precision)
        for role in role_keys
    )
