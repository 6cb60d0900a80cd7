"""One event as one sentence of one article reports it: what the extract stage gives the later ones."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from db.enums import EventKind
from loaders.dating import DateRange
from loaders.kb import Place
from loaders.resolve import ResolvedActor

__all__ = ["EventCandidate"]


@dataclass
class EventCandidate:
    """One event as one sentence of one article reports it."""

    kind: str
    status: str
    participants: dict[str, tuple[ResolvedActor, str]]
    venue: Place | None
    dates: DateRange | None
    quote: str
    quote_start: int
    quote_end: int
    confidence: float
    topics: dict[str, list[str]] = field(default_factory=dict)
    status_is_stated: bool = True
    """False when nothing but the default gave the status ("the talks", without tense or modality)."""
    date_phrase: str | None = None
    """The date expression nearest the trigger, resolved or not ("on Sunday" with no reference date)."""
    travel_day: bool = False
    """A visit told by the journey ("arrived in Budapest on Wednesday", "flew to Washington on Thursday"):
    its day is the day of travel, the first of the stay, not the days the stay lasted."""
    told_as_earlier: bool = False
    """Told in the past perfect ("where he had held talks"): before the time the story is telling of."""
    apart: bool = False
    """A meeting told as one of several held apart ("separate talks with A and with B", "a bilateral on
    the sidelines"): never a part of a larger meeting of the same day."""
    plan_told_in_past: bool = False
    """A plan the story tells in the past tense in its own voice ("she was to fly on to Lima"): one that,
    for a day still to come, no longer holds."""

    @property
    def people(self) -> frozenset[str]:
        return frozenset(self.participants)

    def title(self) -> str:
        names = [actor.name for actor, _ in self.participants.values()]
        where = f" in {self.venue.name}" if self.venue else ""
        if self.kind == EventKind.VISIT and names:
            return f"{names[0]} visits {self.venue.name if self.venue else 'an undisclosed place'}"
        label = {"meeting": "Meeting", "call": "Call", "summit": "Summit"}.get(self.kind, self.kind.title())
        return f"{label} of {_join(names)}{where}" if names else f"{label}{where}"


def _join(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
