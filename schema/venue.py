"""The ``Venue`` type (parent, children, events held there) and the ``venues`` / ``venue`` entry points."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Annotated

import strawberry

from db.ids import decode_id, encode_id
from db.queries import venues as venue_queries
from db.queries.events import EventParent
from db.queries.rows import VenueLike
from schema import event as event_types
from schema.connection import Connection, build_connection, page_request
from schema.context import Context
from schema.enums import VenueKind
from schema.inputs import EventFilterInput, EventOrder, VenueFilterInput, VenueOrder
from schema.loaders import EventsOf
from schema.lookahead import LOOKUP
from schema.node import Node

if TYPE_CHECKING:
    from schema.event import EventConnection

__all__ = ["Venue", "VenueConnection", "VenueQuery"]

Info = strawberry.Info[Context, None]


@strawberry.type(description="A building, city, region or country; each sits inside its parent.")
class Venue(Node):
    kind: VenueKind
    name: str
    city: str | None
    country: str | None = strawberry.field(description="ISO 3166-1 alpha-2.")
    latitude: float | None
    longitude: float | None
    pk: strawberry.Private[int]
    parent_pk: strawberry.Private[int | None]

    @classmethod
    def from_row(cls, row: VenueLike) -> Venue:
        return cls(
            id=strawberry.ID(encode_id("Venue", row.id)),
            kind=VenueKind(row.kind),
            name=row.name,
            city=row.city,
            country=row.country,
            latitude=row.latitude,
            longitude=row.longitude,
            pk=row.id,
            parent_pk=row.parent_id,
        )

    # A look-up in the query's cost (schema.limits), as when it always awaited one.
    @strawberry.field(description="The place this venue is inside (a building's city).", metadata=LOOKUP)
    def parent(self, info: Info) -> Venue | None:
        """At once when the request has read the parent already (a page of events reads its venues'
        parents with it): no task or future of graphql-core's is spent on it. Else the look-up, which
        graphql-core awaits (it awaits whatever awaitable a resolver returns)."""
        if self.parent_pk is None:
            return None
        known = info.context.loaders.venue.cache_map.get(self.parent_pk)
        if known is not None and known.done() and not known.cancelled() and known.exception() is None:
            row = known.result()
            return Venue.from_row(row) if row else None
        # An awaitable in place of the value, which graphql-core resolves (see above).
        return self._looked_up_parent(info)  # type: ignore[return-value]

    async def _looked_up_parent(self, info: Info) -> Venue | None:
        assert self.parent_pk is not None
        row = await info.context.loaders.venue.load(self.parent_pk)
        return Venue.from_row(row) if row else None

    @strawberry.field(description="The places directly inside this one, by name.")
    async def children(self, info: Info) -> list[Venue]:
        return [Venue.from_row(row) for row in await info.context.loaders.venue_children.load(self.pk)]

    @strawberry.field(
        description="Events held here or at a place inside (a city's buildings) that pass `filter`; "
        "the filter's `venues` is replaced by this venue."
    )
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
        # The venue takes the place of the filter's venues.
        of = EventsOf.of(EventParent.VENUE, self.pk, replace((filter or EventFilterInput()).to_filter(), venue_ids=()))
        return await event_types.nested_events_connection(info, of, order_by, page)


@strawberry.type(description="A page of venues.")
class VenueConnection(Connection[Venue]):
    pass


@strawberry.type
class VenueQuery:
    @strawberry.field(description="Venues that pass `filter`, by name unless `orderBy` says otherwise.")
    async def venues(
        self,
        info: Info,
        *,
        filter: VenueFilterInput | None = None,
        order_by: VenueOrder | None = None,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> VenueConnection:
        page = page_request(first, after, last, before, cap=info.context.page_cap)
        venue_filter = (filter or VenueFilterInput()).to_filter()
        order = order_by or VenueOrder()
        db = info.context.db
        rows = await db.run(
            venue_queries.list_venues, venue_filter=venue_filter, page=page, sort=order.field, direction=order.direction
        )

        async def count() -> int:
            return await db.run(venue_queries.count_venues, venue_filter=venue_filter)

        return build_connection(VenueConnection, rows, Venue.from_row, count)

    @strawberry.field(description="The venue with this ID, or null.")
    async def venue(self, info: Info, id: strawberry.ID) -> Venue | None:
        row = await info.context.loaders.venue.load(decode_id(id, expected_type="Venue")[1])
        return Venue.from_row(row) if row else None
