"""The ``Event`` type (with its participants and sources) and the ``events`` / ``event`` entry points."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.types.nodes import Selection

from db.ids import decode_id, encode_id
from db.queries import events as event_queries
from db.queries.events import EventFilter
from db.queries.pagination import PageRequest
from db.queries.rows import EventLike
from schema import actor as actor_types
from schema import article as article_types
from schema import topic as topic_types
from schema import venue as venue_types
from schema.connection import Connection, connection_of, page_request
from schema.context import Context
from schema.enums import DatePrecision, EventKind, EventStatus
from schema.inputs import EventFilterInput, EventOrder
from schema.loaders import EventPageKey, EventsOf
from schema.lookahead import LOOKUP, Fields, connection_nodes, selections_of
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
    "events_from_rows",
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
    """Every field is a plain attribute, filled by ``events_from_rows`` for the fields the query asks
    for (the others stay empty and are never read)."""

    kind: EventKind
    title: str
    start: PartialDate | None = strawberry.field(description="First day, as precise as the evidence.")
    end: PartialDate | None = strawberry.field(description="Last day when it lasted longer than its start.")
    date_precision: DatePrecision | None = strawberry.field(description="The precision of `start`.")
    status: EventStatus
    confidence: float = strawberry.field(description="How sure extraction is that this happened so (0 to 1).")
    venue: Annotated[Venue, strawberry.lazy("schema.venue")] | None = strawberry.field(default=None, metadata=LOOKUP)
    participants: list[Participant] = strawberry.field(default_factory=list, metadata=LOOKUP)
    topics: list[Annotated[Topic, strawberry.lazy("schema.topic")]] = strawberry.field(
        default_factory=list, metadata=LOOKUP
    )
    parent: Event | None = strawberry.field(
        default=None, description="The event this one was held during (a visit holds its meetings).", metadata=LOOKUP
    )
    children: list[Event] = strawberry.field(
        default_factory=list, description="The events held during this one, in timeline order.", metadata=LOOKUP
    )
    sources: list[Source] = strawberry.field(
        default_factory=list, description="The quotes that support this event, by article.", metadata=LOOKUP
    )
    pk: strawberry.Private[int]

    @classmethod
    def from_row(cls, row: EventLike) -> Event:
        """The event's own fields; what hangs off it is left empty (``events_from_rows`` fills it)."""
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
        )


# The types whose fragments apply to an event.
_EVENT_TYPES = frozenset({"Event", "Node", "SearchResult"})


async def events_from_rows(info: Info, rows: Sequence[EventLike], selections: Sequence[Selection]) -> list[Event]:
    """The GraphQL events of ``rows``, with what ``selections`` (the selection set they are answered
    with) asks of them filled in: venue, participants, topics, parent, children and sources, through
    the request's DataLoaders, so that sibling lists (the pages of many parents) share one statement
    per look-up; parent and children get their own selections the same way."""
    fields = Fields.of(selections, _EVENT_TYPES)
    loaders = info.context.loaders
    ids = [row.id for row in rows]

    def wanted(name: str, keys: list[int]) -> list[int]:
        return keys if name in fields else []

    venue_ids = wanted("venue", [row.venue_id for row in rows if row.venue_id is not None])
    parent_ids = wanted("parent", [row.parent_id for row in rows if row.parent_id is not None])
    # Every look-up asked for at once, so that the DataLoaders dispatch them in one round.
    venues, participants, topics, parents, children, evidence = await asyncio.gather(
        loaders.venue.load_many(venue_ids),
        loaders.participants.load_many(wanted("participants", ids)),
        loaders.event_topics.load_many(wanted("topics", ids)),
        loaders.event.load_many(parent_ids),
        loaders.event_children.load_many(wanted("children", ids)),
        loaders.evidence.load_many(wanted("sources", ids)),
    )
    parent_rows = [row for row in parents if row is not None]
    child_rows = [child for group in children for child in group]
    parent_events, child_events = await asyncio.gather(
        events_from_rows(info, parent_rows, fields.below("parent")) if parent_rows else _no_events(),
        events_from_rows(info, child_rows, fields.below("children")) if child_rows else _no_events(),
    )
    venue_of = {pk: venue_types.Venue.from_row(row) for pk, row in zip(venue_ids, venues, strict=True) if row}
    parent_of = {event.pk: event for event in parent_events}
    participants_of = dict(zip(wanted("participants", ids), participants, strict=True))
    topics_of = dict(zip(wanted("topics", ids), topics, strict=True))
    evidence_of = dict(zip(wanted("sources", ids), evidence, strict=True))
    children_left = iter(child_events)
    events = []
    for index, row in enumerate(rows):
        event = Event.from_row(row)
        event.venue = venue_of.get(row.venue_id) if row.venue_id is not None else None
        event.parent = parent_of.get(row.parent_id) if row.parent_id is not None else None
        event.participants = [
            Participant(role=one.role, actor=actor_types.Actor.from_row(one.actor))
            for one in participants_of.get(row.id, ())
        ]
        event.topics = [topic_types.Topic.from_row(topic) for topic in topics_of.get(row.id, ())]
        event.children = [next(children_left) for _ in children[index]] if "children" in fields else []
        event.sources = [
            Source(
                quote=one.quote,
                start_offset=one.start_offset,
                end_offset=one.end_offset,
                article=article_types.Article.from_row(one.article),
            )
            for one in evidence_of.get(row.id, ())
        ]
        events.append(event)
    return events


async def _no_events() -> list[Event]:
    return []


@strawberry.type(description="A page of events.")
class EventConnection(Connection[Event]):
    pass


async def events_connection(
    info: Info, event_filter: EventFilter, order: EventOrder | None, page: PageRequest
) -> EventConnection:
    """A page of events; the rows also fill the request's event cache (parents often repeat). Asked for,
    ``totalCount`` is read by the page's statement."""
    order = order or EventOrder()
    db = info.context.db
    selections = selections_of(info.selected_fields)
    rows = await db.run(
        event_queries.list_events,
        event_filter=event_filter,
        page=page,
        sort=order.field,
        direction=order.direction,
        counted="totalCount" in Fields.of(selections),
    )
    loaders = info.context.loaders
    loaders.event.prime_many({row.id: row for row in rows.items})
    # Each event's venue, parent and venue's parent came with it (a join): their look-ups find them
    # without a query.
    loaders.venue.prime_many({row.joined_venue.id: row.joined_venue for row in rows.items if row.joined_venue})
    loaders.venue.prime_many(
        {row.joined_venue_parent.id: row.joined_venue_parent for row in rows.items if row.joined_venue_parent}
    )
    loaders.event.prime_many({row.joined_parent.id: row.joined_parent for row in rows.items if row.joined_parent})
    nodes = await events_from_rows(info, rows.items, connection_nodes(selections))

    async def count() -> int:
        if rows.total is not None:
            return rows.total
        return await db.run(event_queries.count_events, event_filter=event_filter)

    return connection_of(EventConnection, rows, nodes, count)


async def nested_events_connection(
    info: Info, of: EventsOf, order: EventOrder | None, page: PageRequest
) -> EventConnection:
    """A page of one parent's events, fetched with the same page of every other parent in the
    response (``Loaders.event_pages``); so is ``totalCount``."""
    order = order or EventOrder()
    loaders = info.context.loaders
    rows = await loaders.event_pages.load(EventPageKey(of, order.field, order.direction, page))
    loaders.event.prime_many({row.id: row for row in rows.items})
    nodes = await events_from_rows(info, rows.items, connection_nodes(selections_of(info.selected_fields)))

    async def count() -> int:
        return await loaders.event_counts.load(of)

    return connection_of(EventConnection, rows, nodes, count)


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
        if row is None:
            return None
        return (await events_from_rows(info, [row], selections_of(info.selected_fields)))[0]
