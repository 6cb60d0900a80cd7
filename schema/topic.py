"""The ``Topic`` type (with its event count and events) and the ``topics`` / ``topic`` entry points."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Annotated

import strawberry

from db.ids import decode_id, encode_id
from db.queries import topics as topic_queries
from db.queries.events import EventParent
from db.queries.rows import TopicLike
from schema import event as event_types
from schema.connection import Connection, build_connection, page_request
from schema.context import Context
from schema.inputs import EventFilterInput, EventOrder, TopicFilterInput, TopicOrder
from schema.loaders import EventsOf
from schema.node import Node

if TYPE_CHECKING:
    from schema.event import EventConnection

__all__ = ["Topic", "TopicConnection", "TopicQuery"]

Info = strawberry.Info[Context, None]


@strawberry.type(description="A subject of the taxonomy that events and articles are about.")
class Topic(Node):
    slug: str
    label: str
    description: str | None
    pk: strawberry.Private[int]

    @classmethod
    def from_row(cls, row: TopicLike) -> Topic:
        return cls(
            id=strawberry.ID(encode_id("Topic", row.id)),
            slug=row.slug,
            label=row.label,
            description=row.description,
            pk=row.id,
        )

    @strawberry.field(description="How many events are about this topic.")
    async def event_count(self, info: Info) -> int:
        return await info.context.loaders.topic_event_count.load(self.pk)

    @strawberry.field(description="Events about this topic that pass `filter` (whose `topics` is replaced).")
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
        # The topic takes the place of the filter's topics.
        of = EventsOf.of(EventParent.TOPIC, self.pk, replace((filter or EventFilterInput()).to_filter(), topic_ids=()))
        return await event_types.nested_events_connection(info, of, order_by, page)


@strawberry.type(description="A page of topics.")
class TopicConnection(Connection[Topic]):
    pass


@strawberry.type
class TopicQuery:
    @strawberry.field(description="Topics that pass `filter`, by label unless `orderBy` says otherwise.")
    async def topics(
        self,
        info: Info,
        *,
        filter: TopicFilterInput | None = None,
        order_by: TopicOrder | None = None,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> TopicConnection:
        page = page_request(first, after, last, before, cap=info.context.page_cap)
        topic_filter = (filter or TopicFilterInput()).to_filter()
        order = order_by or TopicOrder()
        db = info.context.db
        rows = await db.run(
            topic_queries.list_topics, topic_filter=topic_filter, page=page, sort=order.field, direction=order.direction
        )

        async def count() -> int:
            return await db.run(topic_queries.count_topics, topic_filter=topic_filter)

        return build_connection(TopicConnection, rows, Topic.from_row, count)

    @strawberry.field(description="The topic with this ID, or null.")
    async def topic(self, info: Info, id: strawberry.ID) -> Topic | None:
        row = await info.context.loaders.topic.load(decode_id(id, expected_type="Topic")[1])
        return Topic.from_row(row) if row else None
