"""``node(id:)`` and ``nodes(ids:)``: any object by its global ID, loaded in batches."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

import strawberry

from db.ids import InvalidIdError, decode_id
from schema.actor import Actor
from schema.article import Article
from schema.context import Context
from schema.event import Event, events_from_rows
from schema.loaders import Loaders
from schema.lookahead import selections_of
from schema.node import Node
from schema.topic import Topic
from schema.venue import Venue

__all__ = ["NodeQuery", "load_node"]

Info = strawberry.Info[Context, None]
MAX_NODES = 100

_BY_TYPE: dict[str, tuple[Callable[[Loaders, int], Awaitable[Any]], Callable[[Any], Node]]] = {
    # Events are built by events_from_rows, with what the query asks of them.
    "Event": (lambda loaders, pk: loaders.event.load(pk), Event.from_row),
    "Actor": (lambda loaders, pk: loaders.actor.load(pk), Actor.from_row),
    "Venue": (lambda loaders, pk: loaders.venue.load(pk), Venue.from_row),
    "Topic": (lambda loaders, pk: loaders.topic.load(pk), Topic.from_row),
    "Article": (lambda loaders, pk: loaders.article.load(pk), Article.from_row),
}


async def load_node(info: Info, global_id: str) -> Node | None:
    """The object ``global_id`` names, or None when it no longer exists; a malformed ID is refused.
    An event comes with the fields the query asks of it filled in."""
    type_name, pk = decode_id(global_id)
    if type_name not in _BY_TYPE:
        raise InvalidIdError(f"not a valid ID: {global_id!r}")
    load, convert = _BY_TYPE[type_name]
    row = await load(info.context.loaders, pk)
    if row is None:
        return None
    if type_name == "Event":
        return (await events_from_rows(info, [row], selections_of(info.selected_fields)))[0]
    return convert(row)


@strawberry.type
class NodeQuery:
    @strawberry.field(description="The object with this global ID, or null.")
    async def node(self, info: Info, id: strawberry.ID) -> Node | None:
        return await load_node(info, id)

    @strawberry.field(description=f"The objects with these IDs, in order (null where gone); at most {MAX_NODES}.")
    async def nodes(self, info: Info, ids: list[strawberry.ID]) -> list[Node | None]:
        if len(ids) > MAX_NODES:
            raise InvalidIdError(f"at most {MAX_NODES} ids at once, not {len(ids)}")
        return list(await asyncio.gather(*(load_node(info, global_id) for global_id in ids)))
