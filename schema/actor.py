"""The ``Actor`` type (aliases, positions, events, counterparts) and the ``actors`` / ``actor`` entry points."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry

from db.ids import decode_id, encode_id
from db.queries import actors as actor_queries
from db.queries.events import EventParent
from db.queries.pagination import PaginationError
from db.queries.rows import ActorLike
from schema import event as event_types
from schema.connection import Connection, build_connection, page_request
from schema.context import Context
from schema.enums import ActorKind
from schema.inputs import ActorFilterInput, ActorOrder, EventFilterInput, EventOrder
from schema.loaders import EventsOf
from schema.node import Node
from schema.scalars import PartialDate

if TYPE_CHECKING:
    from schema.event import EventConnection

__all__ = ["Actor", "ActorConnection", "ActorQuery", "Counterpart", "Position"]

Info = strawberry.Info[Context, None]


@strawberry.type(description="An office held from `start` to `end` (no end while still held).")
class Position:
    title: str
    country: str | None
    start: PartialDate | None
    end: PartialDate | None


@strawberry.type(description="An actor met in shared events, and how many.")
class Counterpart:
    event_count: int
    actor_pk: strawberry.Private[int]

    @strawberry.field
    async def actor(self, info: Info) -> Actor:
        row = await info.context.loaders.actor.load(self.actor_pk)
        assert row is not None, "a participant's actor is a foreign key"
        return Actor.from_row(row)


@strawberry.type(description="A person, organisation or country.")
class Actor(Node):
    kind: ActorKind
    name: str
    country: str | None = strawberry.field(description="ISO 3166-1 alpha-2.")
    description: str | None
    pk: strawberry.Private[int]

    @classmethod
    def from_row(cls, row: ActorLike) -> Actor:
        return cls(
            id=strawberry.ID(encode_id("Actor", row.id)),
            kind=ActorKind(row.kind),
            name=row.name,
            country=row.country,
            description=row.description,
            pk=row.id,
        )

    @strawberry.field(description="Other spellings this actor goes by, sorted.")
    async def aliases(self, info: Info) -> list[str]:
        rows = await info.context.loaders.aliases.load(self.pk)
        return sorted({row.spelling for row in rows} - {self.name})

    @strawberry.field(description="Offices held, earliest first.")
    async def positions(self, info: Info) -> list[Position]:
        return [
            Position(
                title=row.title,
                country=row.country,
                start=PartialDate.of(row.start_date),
                end=PartialDate.of(row.end_date),
            )
            for row in await info.context.loaders.positions.load(self.pk)
        ]

    @strawberry.field(description="Events this actor took part in that also pass `filter`.")
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
    ) -> Annotated[EventConnection, strawberry.lazy("schema.event")]:
        page = page_request(first, after, last, before, cap=info.context.page_cap)
        # The filter's own actors must have taken part too.
        of = EventsOf.of(EventParent.ACTOR, self.pk, (filter or EventFilterInput()).to_filter())
        return await event_types.nested_events_connection(info, of, order_by, page)

    @strawberry.field(description="The actors met most often, with the number of shared events.")
    async def counterparts(self, info: Info, first: int = 10) -> list[Counterpart]:
        if not 0 <= first <= info.context.page_cap:
            raise PaginationError(f"first must be between 0 and {info.context.page_cap}, not {first}")
        rows = await info.context.loaders.counterparts.load(self.pk)
        return [Counterpart(event_count=row.event_count, actor_pk=row.actor_id) for row in rows[:first]]


@strawberry.type(description="A page of actors.")
class ActorConnection(Connection[Actor]):
    pass


@strawberry.type
class ActorQuery:
    @strawberry.field(description="Actors that pass `filter`, by name unless `orderBy` says otherwise.")
    async def actors(
        self,
        info: Info,
        *,
        filter: ActorFilterInput | None = None,
        order_by: ActorOrder | None = None,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> ActorConnection:
        page = page_request(first, after, last, before, cap=info.context.page_cap)
        actor_filter = (filter or ActorFilterInput()).to_filter()
        order = order_by or ActorOrder()
        db = info.context.db
        rows = await db.run(
            actor_queries.list_actors, actor_filter=actor_filter, page=page, sort=order.field, direction=order.direction
        )

        async def count() -> int:
            return await db.run(actor_queries.count_actors, actor_filter=actor_filter)

        return build_connection(ActorConnection, rows, Actor.from_row, count)

    @strawberry.field(description="The actor with this ID, or null.")
    async def actor(self, info: Info, id: strawberry.ID) -> Actor | None:
        row = await info.context.loaders.actor.load(decode_id(id, expected_type="Actor")[1])
        return Actor.from_row(row) if row else None
