"""The knowledge base in memory: records from ``parse`` in, look-ups by spelling, surname, role and date out."""

from __future__ import annotations

import functools
import os
from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import date
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import TypeVar

from loaders.kb.models import Country, Organization, Person, Position, Role
from loaders.kb.names import FAMILY_NAME_FIRST, normalize_name, surname_keys
from loaders.kb.parse import parse_directory

__all__ = ["KnowledgeBase"]

_T = TypeVar("_T")


class KnowledgeBase:
    """People, organisations, countries and role vocabulary, indexed by normalised spelling."""

    def __init__(
        self,
        *,
        people: Iterable[Person],
        organizations: Iterable[Organization],
        countries: Iterable[Country],
        roles: Iterable[Role],
        surnames: Mapping[str, tuple[str, ...]] | None = None,
    ) -> None:
        """Already-checked records in (use ``load`` or ``from_directory`` for the YAML files)."""
        self.people: tuple[Person, ...] = tuple(people)
        self.organizations: tuple[Organization, ...] = tuple(organizations)
        self.countries: tuple[Country, ...] = tuple(countries)
        self.roles: tuple[Role, ...] = tuple(roles)
        self._role_keys = frozenset(role.key for role in self.roles)
        self._people_by_spelling = _index((spelling, person) for person in self.people for spelling in person.spellings)
        self._organizations_by_spelling = _index(
            (spelling, organization) for organization in self.organizations for spelling in organization.spellings
        )
        self._countries_by_code = {country.code: country for country in self.countries}
        self._countries_by_spelling = _index(
            (spelling, country) for country in self.countries for spelling in (*country.spellings, *country.demonyms)
        )
        by_surname: defaultdict[str, list[Person]] = defaultdict(list)
        explicit = surnames or {}
        for person in self.people:
            for key in sorted(_person_surname_keys(person, explicit.get(person.name, ()))):
                by_surname[key].append(person)
        self._people_by_surname = {key: tuple(people) for key, people in by_surname.items()}
        general = {normalize_name(phrase): role.key for role in self.roles for phrase in role.phrases}
        local: defaultdict[str, dict[str, str]] = defaultdict(dict)
        for role in self.roles:
            for code, phrase in role.country_phrases:
                local[code][normalize_name(phrase)] = role.key
        self._phrases = _PhraseTable(general)
        self._phrases_by_country = {code: _PhraseTable(general | phrases) for code, phrases in local.items()}

    @classmethod
    def load(cls) -> KnowledgeBase:
        """The knowledge base shipped in ``loaders/kb/data``, read once per process."""
        return _load_packaged()

    @classmethod
    def from_directory(cls, directory: Traversable | os.PathLike[str] | str) -> KnowledgeBase:
        """A folder with countries.yaml, titles.yaml, organizations.yaml and people.yaml in; a checked base out.

        Raises ``ValueError`` naming the file and entry when the data is inconsistent.
        """
        folder = directory if isinstance(directory, Traversable) else Path(directory)
        data = parse_directory(folder)
        return cls(
            people=data.people,
            organizations=data.organizations,
            countries=data.countries,
            roles=data.roles,
            surnames=data.surnames,
        )

    def person_by_name(self, spelling: str) -> Person | None:
        """A full spelling in (any case, accents, punctuation); the person whose name or alias it is, else None."""
        return self._people_by_spelling.get(normalize_name(spelling))

    def people_by_surname(self, surname: str) -> tuple[Person, ...]:
        """A surname ("Blinken", "von der Leyen", "Wang") in; everyone known by it, in file order."""
        return self._people_by_surname.get(normalize_name(surname), ())

    def holders(
        self,
        role: str,
        *,
        country: str | None = None,
        on: date | None = None,
        organization: str | None = None,
    ) -> tuple[Person, ...]:
        """Who held ``role`` (of ``country`` and/or ``organization``) on ``on``, or ever when ``on`` is None.

        ``country`` is an ISO code or any name ``country_by_name`` knows. People come in order of the start of
        their first matching term. Raises ``ValueError`` for an unknown role or country.
        """
        if role not in self._role_keys:
            raise ValueError(f"unknown role {role!r}; known roles: {', '.join(sorted(self._role_keys))}")
        code = self._country_code(country) if country is not None else None
        organization_name = self._organization_name(organization) if organization is not None else None
        found: dict[str, tuple[date, Person]] = {}
        for person in self.people:
            for position in person.positions:
                if (
                    position.role == role
                    and (code is None or position.country == code)
                    and (organization_name is None or position.organization == organization_name)
                    and (on is None or position.held_on(on))
                ):
                    start = position.start or date.min
                    if person.name not in found or start < found[person.name][0]:
                        found[person.name] = (start, person)
        return tuple(person for _, person in sorted(found.values(), key=lambda item: (item[0], item[1].name)))

    def positions(self, role: str, *, country: str | None = None) -> tuple[tuple[Person, Position], ...]:
        """Every (person, term) of ``role`` (of ``country``), ordered by the term's start."""
        code = self._country_code(country) if country is not None else None
        pairs = [
            (person, position)
            for person in self.people
            for position in person.positions
            if position.role == role and (code is None or position.country == code)
        ]
        return tuple(sorted(pairs, key=lambda pair: (pair[1].start or date.min, pair[0].name)))

    def role_for_phrase(self, phrase: str, *, country: str | None = None) -> str | None:
        """A title phrase ("Foreign Minister", "China's top diplomat") in; its role key out, else None.

        An exact phrase wins; otherwise the longest known phrase found inside ``phrase`` on word boundaries.
        With ``country`` (ISO code), that country's own phrases take precedence over the general ones.
        """
        return self._phrase_table(country).role_for(normalize_name(phrase))

    def role_phrases(self, *, country: str | None = None) -> tuple[tuple[str, str], ...]:
        """(normalised phrase, role key) pairs, longest phrase first, for scanning ``normalize_name(text)``."""
        return self._phrase_table(country).pairs

    def role(self, key: str) -> Role | None:
        """A role key in; its label and phrases out, else None."""
        return next((role for role in self.roles if role.key == key), None)

    def country_by_code(self, code: str) -> Country | None:
        """An ISO 3166-1 alpha-2 code (any case) in; the country, else None."""
        return self._countries_by_code.get(code.strip().upper())

    def country_by_name(self, text: str) -> Country | None:
        """A name, alias or demonym ("China", "U.S.", "Chinese", "China's") in; the country, else None."""
        return _lookup(self._countries_by_spelling, text)

    def organization_by_name(self, text: str) -> Organization | None:
        """A name or alias ("NATO", "the State Department", "Pentagon's") in; the organisation, else None."""
        found = _lookup(self._organizations_by_spelling, text)
        if found is None and normalize_name(text).startswith("the "):
            found = _lookup(self._organizations_by_spelling, normalize_name(text)[4:])
        return found

    def _phrase_table(self, country: str | None) -> _PhraseTable:
        if country is None:
            return self._phrases
        return self._phrases_by_country.get(country.strip().upper(), self._phrases)

    def _country_code(self, country: str) -> str:
        found = self.country_by_code(country) if len(country.strip()) == 2 else None
        found = found or self.country_by_name(country)
        if found is None:
            raise ValueError(f"unknown country {country!r}")
        return found.code

    def _organization_name(self, organization: str) -> str:
        found = self.organization_by_name(organization)
        if found is None:
            raise ValueError(f"unknown organization {organization!r}")
        return found.name


class _PhraseTable:
    """Normalised phrase → role key, with the pairs kept longest first for substring search."""

    def __init__(self, table: Mapping[str, str]) -> None:
        self._exact = dict(table)
        self.pairs = tuple(sorted(table.items(), key=lambda item: (-len(item[0]), item[0])))

    def role_for(self, text: str) -> str | None:
        exact = self._exact.get(text)
        if exact is not None:
            return exact
        padded = f" {text} "
        return next((role for known, role in self.pairs if f" {known} " in padded), None)


@functools.cache
def _load_packaged() -> KnowledgeBase:
    return KnowledgeBase.from_directory(files("loaders.kb") / "data")


def _index(pairs: Iterable[tuple[str, _T]]) -> dict[str, _T]:
    index: dict[str, _T] = {}
    for spelling, record in pairs:
        index.setdefault(normalize_name(spelling), record)
    return index


def _lookup(index: Mapping[str, _T], text: str) -> _T | None:
    key = normalize_name(text)
    found = index.get(key)
    # A possessive ("China's") normalises to a trailing " s".
    if found is None and key.endswith(" s"):
        found = index.get(key[:-2])
    return found


def _person_surname_keys(person: Person, explicit: tuple[str, ...]) -> frozenset[str]:
    if explicit:
        return frozenset(normalize_name(surname) for surname in explicit)
    family_first = person.country in FAMILY_NAME_FIRST
    keys: set[str] = set()
    for spelling in person.spellings:
        keys |= surname_keys(spelling, family_name_first=family_first)
    return frozenset(keys)
