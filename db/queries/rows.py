"""Plain rows the read side returns where nothing needs an ORM instance: events, their venues, the
actors taking part, the topics, and the articles (without their texts) quoted as sources. A row is
read by a Core select of the table's columns and unpacked into a slotted dataclass, rather than built
as an ORM instance with its identity-map state and attribute instrumentation, which was most of what
reading them cost. Each dataclass has the attribute names of its model, so the APIs read either alike.

    >>> select(*EVENT_COLUMNS)  # doctest: +SKIP
    >>> EventRow(*row)  # doctest: +SKIP
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any

from sqlalchemy import Column

from db.models import Actor, Article, Event, Topic, Venue

__all__ = [
    "ACTOR_COLUMNS",
    "ARTICLE_COLUMNS",
    "EVENT_COLUMNS",
    "TOPIC_COLUMNS",
    "VENUE_COLUMNS",
    "ActorLike",
    "ActorRow",
    "ArticleLike",
    "ArticleRow",
    "EventLike",
    "EventRow",
    "EvidenceRow",
    "ParticipantRow",
    "TopicLike",
    "TopicRow",
    "VenueLike",
    "VenueRow",
]


@dataclass(frozen=True, slots=True)
class EventRow:
    """An event's own columns (``db.models.Event`` without its relationships)."""

    id: int
    kind: str
    title: str
    start_date: date | None
    start_precision: str | None
    end_date: date | None
    end_precision: str | None
    status: str
    venue_id: int | None
    parent_id: int | None
    confidence: float
    # Read with the event by a join when ``joined`` (a list's page): its venue, its parent event and the
    # place its venue is inside, so that neither API looks them up again. A row read alone leaves them
    # to a look-up.
    joined: bool = False
    joined_venue: VenueRow | None = None
    joined_parent: EventRow | None = None
    joined_venue_parent: VenueRow | None = None


@dataclass(frozen=True, slots=True)
class VenueRow:
    """A venue's columns the APIs show."""

    id: int
    kind: str
    name: str
    city: str | None
    country: str | None
    latitude: float | None
    longitude: float | None
    parent_id: int | None


@dataclass(frozen=True, slots=True)
class ActorRow:
    """An actor's columns the APIs show."""

    id: int
    kind: str
    name: str
    country: str | None
    description: str | None


@dataclass(frozen=True, slots=True)
class TopicRow:
    """A topic's columns the APIs show."""

    id: int
    slug: str
    label: str
    description: str | None


@dataclass(frozen=True, slots=True)
class ArticleRow:
    """An article without its texts (``raw_text`` and ``text`` are never read with it)."""

    id: int
    source: str
    outlet: str | None
    title: str | None
    published: date | None
    authors: list[str]
    dateline: str | None
    reference_date: date | None
    reference_date_precision: str | None
    encoding: str | None
    reference_date_basis: Any = field(repr=False)
    opening: str | None = field(default=None, repr=False)
    """The start of the text when there is no title (``Article.opening``)."""


def _columns(row_type: type[Any], model: type[Any]) -> tuple[Column[Any], ...]:
    """The table columns of ``model`` named by the fields of ``row_type``, in their order (the fields
    that are not columns, such as what a join fills, left out)."""
    table = model.__table__
    return tuple(table.c[one.name] for one in fields(row_type) if one.name in table.c)


# Table columns, not ORM attributes: selecting them builds plain rows, with no ORM loading.
EVENT_COLUMNS = _columns(EventRow, Event)
VENUE_COLUMNS = _columns(VenueRow, Venue)
ACTOR_COLUMNS = _columns(ActorRow, Actor)
TOPIC_COLUMNS = _columns(TopicRow, Topic)
# The opening is an expression, not a column: last, as it is last in ArticleRow.
ARTICLE_COLUMNS = (*_columns(ArticleRow, Article), Article.opening.expression.label("opening"))


# What the read side may hand either API: an ORM instance (where a query still loads one: lists of
# actors, venues, topics and articles, search) or a plain row; both have the same attributes.
EventLike = Event | EventRow
VenueLike = Venue | VenueRow
ActorLike = Actor | ActorRow
TopicLike = Topic | TopicRow
ArticleLike = Article | ArticleRow


@dataclass(frozen=True, slots=True)
class ParticipantRow:
    """An actor taking part in an event, in a role."""

    event_id: int
    actor_id: int
    role: str
    actor: ActorRow


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
    article: ArticleRow = field(repr=False)
