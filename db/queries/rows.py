"""Plain rows the read side returns where nothing needs an ORM instance: the many small rows hanging
off each event of a page (who took part, the quotes that support it). Building one costs a tuple
unpacked into a slotted dataclass rather than an instance with its identity-map state, which is most
of what reading them cost. Each carries the row it points to (the actor, the article, read in the
same statement by a join), so neither API looks them up again.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from db.models import Actor, Article

__all__ = ["EvidenceRow", "ParticipantRow"]


@dataclass(frozen=True, slots=True)
class ParticipantRow:
    """An actor taking part in an event, in a role."""

    event_id: int
    actor_id: int
    role: str
    actor: Actor


@dataclass(frozen=True, slots=True)
class EvidenceRow:
    """A quote of an article supporting an event, at ``[start_offset, end_offset)`` of its text; the
    article without its texts."""

    id: int
    event_id: int
    article_id: int
    quote: str
    start_offset: int
    end_offset: int
    article: Article = field(repr=False)
