"""The ``Event`` type (with its participants and sources) and the ``events`` / ``event`` entry points."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry

from db import models
from db.ids import decode_id, encode_id
from db.queries import events as event_queries
from db.queries.events import EventFilter
from db.queries.pagination import PageRequest
from schema import actor as actor_types
from schema import article as article_types
from schema import topic as topic_types
from schema import venue as venue_types
from schema.connection import Connection, build_connection, page_request
from schema.context import Context
from schema.enums import DatePrecision, EventKind, EventStatus
from schema.inputs import EventFilterInput, EventOrder
from schema.loaders import EventPageKey, EventsOf
from schema.node import Node
from schema.scalars import PartialDate

if TYPE_CHECKING:
    from schema.actor import Actor
    from schema.article import Article
    from schema.topic import Topic
    from schema.venue import Venue

__all__ = [
    "Event",
    "EventConnection",
    "EventQuery",
    "Participant",
    "Source",
    "events_connection",
    "nested_events_connection",
]

Info = strawberry.Info[Context, None]


@strawberry.type(description="An actor taking part in an event, in a role (host, guest, traveller, participant…).")
class Participant:
    role: str
    # Read with the participation, by a join: no look-up of its own.
    actor: Annotated[Actor, strawberry.lazy("schema.actor")]


@strawberry.type(description="A quote from an article that supports an event, at [startOffset, endOffset) of its text.")
class Source:
    quote: str
    start_offset: int
    end_offset: int
    # Read with the quote, by a join: no look-up of its own.
    article: Annotated[Article, strawberry.lazy("schema.article")]


@strawberry.type(description="One real-world meeting, call, visit or summit, however many articles report it.")
class Event(Node):
    kind: EventKind
    title: str
    start: PartialDate | None = strawberry.field(description="First day, as precise as the evidence.")
    end: PartialDate | None = strawberry.field(description="Last day when it lasted longer than its start.")
    date_precision: DatePrecision | None = strawberry.field(description="The precision of `start`.")
    status: EventStatus
    confidence: float = strawberry.field(description="How sure extraction is that this happened so (0 to 1).")
    pk: strawberry.Private[int]
    venue_pk: strawberry.Private[int | None]
    parent_pk: strawberry.Private[int | None]

    @classmethod
    def from_row(cls, row: models.Event) -> Event:
        return cls(
            id=strawberry.ID(encode_id("Event", row.id)),
            kind=EventKind(row.kind),
            title=row.title,
            start=PartialDate.of(row.start_date, row.start_precision),
            end=PartialDate.of(row.end_date, row.end_precision),
            date_precision=DatePrecision(row.start_precision) if row.start_precision else None,
            status=EventStatus(row.status),
            confidence=row.confidence,
            pk=row.id,
            venue_pk=row.venue_id,
            parent_pk=row.parent_id,
        )

    @strawberry.field
    async def venue(self, info: Info) -> Annotated[Venue, strawberry.lazy("schema.venue")] | None:
        if self.venue_pk is None:
            return None
        row = await info.context.loaders.venue.load(self.venue_pk)
        return venue_types.Venue.from_row(row) if row else None

    @strawberry.field
    async def participants(self, info: Info) -> list[Participant]:
        rows = await info.context.loaders.participants.load(self.pk)
        return [Participant(role=row.role, actor=actor_types.Actor.from_row(row.actor)) for row in rows]

    @strawberry.field
    async def topics(self, info: Info) -> list[Annotated[Topic, strawberry.lazy("schema.topic")]]:
        return [topic_types.Topic.from_row(row) for row in await info.context.loaders.event_topics.load(self.pk)]

    @strawberry.field(description="The event this one was held during (a visit holds its meetings).")
    async def parent(self, info: Info) -> Event | None:
        if self.parent_pk is None:
            return None
        row = await info.context.loaders.event.load(self.parent_pk)
        return Event.from_row(row) if row else None

    @strawberry.field(description="The events held during this one, in timeline order.")
    async def children(self, info: Info) -> list[Event]:
        return [Event.from_row(row) for row in await info.context.loaders.event_children.load(self.pk)]

    @strawberry.field(description="The quotes that support this event, by article.")
    async def sources(self, info: Info) -> list[Source]:
        rows = await info.context.loaders.evidence.load(self.pk)
        return [
            Source(
                quote=row.quote,
                start_offset=row.start_offset,
                end_offset=row.end_offset,
                article=article_types.Article.from_row(row.article),
            )
            for row in rows
        ]


@strawberry.type(description="A page of events.")
class EventConnection(Connection[Event]):
    pass


async def events_connection(
    info: Info, event_filter: EventFilter, order: EventOrder | None, page: PageRequest
) -> EventConnection:
    """A page of events; the rows also fill the request's event cache (parents often repeat)."""
    order = order or EventOrder()
    db = info.context.db
    rows = await db.run(
        event_queries.list_events, event_filter=event_filter, page=page, sort=order.field, direction=order.direction
    )
    info.context.loaders.event.prime_many({row.id: row for row in rows.items})

    async def count() -> int:
        return await db.run(event_queries.count_events, event_filter=event_filter)

    return build_connection(EventConnection, rows, Event.from_row, count)


async def nested_events_connection(
    info: Info, of: EventsOf, order: EventOrder | None, page: PageRequest
) -> EventConnection:
    """A page of one parent's events, fetched with the same page of every other parent in the
    response (``Loaders.event_pages``); so is ``totalCount``."""
    order = order or EventOrder()
    loaders = info.context.loaders
    rows = await loaders.event_pages.load(EventPageKey(of, order.field, order.direction, page))
    loaders.event.prime_many({row.id: row for row in rows.items})

    async def count() -> int:
        return await loaders.event_counts.load(of)

    return build_connection(EventConnection, rows, Event.from_row, count)


@strawberry.type
class EventQuery:
    @strawberry.field(description="Events that pass `filter`, in `orderBy` order (default: by start, ascending).")
    async def events(
        self,
        info: Info,
        *,
        filter: EventFilterInput | None = None,
        order_by: EventOrder | None = None,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> EventConnection:
        page = page_request(first, after, last, before, cap=info.context.page_cap)
        return await events_connection(info, (filter or EventFilterInput()).to_filter(), order_by, page)

    @strawberry.field(description="The event with this ID, or null.")
    async def event(self, info: Info, id: strawberry.ID) -> Event | None:
        row = await info.context.loaders.event.load(decode_id(id, expected_type="Event")[1])
        return Event.from_row(row) if row else None
