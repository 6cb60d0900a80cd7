"""The knowledge base's records: frozen dataclasses, built by ``loaders.kb.parse`` from the YAML files."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

__all__ = ["Country", "Organization", "Person", "Position", "Precision", "Role"]

Precision = Literal["day", "month", "year"]


@dataclass(frozen=True)
class Position:
    """One term in one office; a start known only to the month or year is its first day, an end its last."""

    title: str
    role: str
    country: str | None
    organization: str | None
    start: date | None
    end: date | None
    start_precision: Precision = "day"
    end_precision: Precision = "day"

    def held_on(self, day: date) -> bool:
        """True when ``day`` falls in the term, both ends included; a missing end is open."""
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Person:
    """A real person: canonical name, nationality (ISO alpha-2), legitimate spelling variants and offices held."""

    name: str
    country: str | None
    aliases: tuple[str, ...] = ()
    description: str | None = None
    positions: tuple[Position, ...] = ()
    gender: str | None = None
    """"female" or "male" as the press refers to them; None when the knowledge base does not say."""

    @property
    def spellings(self) -> tuple[str, ...]:
        """The canonical name, then every alias."""
        return (self.name, *self.aliases)

    def positions_on(self, day: date) -> tuple[Position, ...]:
        """The terms this person was serving on ``day``."""
        return tuple(position for position in self.positions if position.held_on(day))


@dataclass(frozen=True)
class Organization:
    """A government body, party, armed force, armed group, company or international organisation."""

    name: str
    aliases: tuple[str, ...]
    country: str | None
    kind: str
    description: str | None = None

    @property
    def spellings(self) -> tuple[str, ...]:
        """The canonical name, then every alias."""
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Country:
    """A country or territory: ISO 3166-1 alpha-2 code, short English name, other names, demonyms, capital."""

    code: str
    name: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    capital: str | None

    @property
    def spellings(self) -> tuple[str, ...]:
        """The short name, then every alias (demonyms excluded)."""
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Role:
    """A kind of office and the lowercase phrases news uses for it.

    ``country_phrases`` holds (ISO code, phrase) pairs whose meaning holds only for that country's offices
    ("top diplomat" of China is the party's foreign-affairs chief, elsewhere the foreign minister).
    """

    key: str
    label: str
    phrases: tuple[str, ...]
    country_phrases: tuple[tuple[str, str], ...] = ()
