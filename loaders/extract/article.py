"""What the extract stage finds in one article: its actor mentions, event candidates and topics, and
the wire convention that a foreigner's unplaced arrival was at the dateline's city."""

from __future__ import annotations

from dataclasses import dataclass, field

from db.enums import EventKind
from loaders.extract.events import EventCandidate
from loaders.resolve import ActorMention, Place

__all__ = ["ArticleExtraction", "place_arrivals_at_the_dateline"]


@dataclass
class ArticleExtraction:
    """Everything the earlier stages found in one article."""

    mentions: list[ActorMention] = field(default_factory=list)
    events: list[EventCandidate] = field(default_factory=list)
    topics: dict[str, list[str]] = field(default_factory=dict)
    dateline_country: str | None = None
    """ISO code of the dateline's place ("BEIJING —"), where the story was filed."""


def place_arrivals_at_the_dateline(events: list[EventCandidate], dateline: Place) -> None:
    """A visit the story names no place for, by a foreigner, in a story filed from a city ("SEOUL —
    Kishida, who arrived on Sunday …"), was to that city: the wire convention of the dateline."""
    if dateline.kind != "city" or dateline.country is None:
        return
    for event in events:
        travellers = [actor for actor, _ in event.participants.values()]
        foreign = travellers and all(a.country is not None and a.country != dateline.country for a in travellers)
        if event.kind == EventKind.VISIT and event.venue is None and foreign:
            event.venue = dateline
            event.confidence = round(event.confidence - 0.1, 2)
