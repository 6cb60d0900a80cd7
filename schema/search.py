"""``search(query:)``: events, actors, venues and articles in one list, most relevant first (the
ranking is described in ``db.queries.search``)."""

from __future__ import annotations

from typing import Annotated

import strawberry

from db import models
from db.queries import search as search_queries
from db.queries.pagination import PaginationError
from schema.actor import Actor
from schema.article import Article
from schema.context import Context
from schema.event import Event, events_from_rows
from schema.lookahead import selections_of
from schema.venue import Venue

__all__ = ["SearchQuery", "SearchResult"]

Info = strawberry.Info[Context, None]

SearchResult = Annotated[
    Event | Actor | Venue | Article,
    strawberry.union(
        "SearchResult",
        description="An event, actor, venue or article found by `search`. A field its members share has one type "
        "across them where it can, so fragments select it without aliases: `id`, `title` (events and articles), "
        "`name` and `country` (actors and venues). `kind` (each member's own enum) and `events` (a connection of "
        "an actor or venue, a list of an article) differ and need aliases.",
    ),
]


def _result(entity: models.Actor | models.Venue | models.Article) -> Actor | Venue | Article:
    """The GraphQL object of a hit that is not an event (events are built together, with what the
    query asks of them)."""
    if isinstance(entity, models.Actor):
        return Actor.from_row(entity)
    if isinstance(entity, models.Venue):
        return Venue.from_row(entity)
    return Article.from_row(entity)


@strawberry.type
class SearchQuery:
    @strawberry.field(
        description="Events, actors, venues and articles matching the words of `query`, most relevant first: "
        "a word in the title or name counts 3, in an alias, quote, city, outlet or body 1, the whole query "
        "equal to the title or name 5 more."
    )
    async def search(self, info: Info, query: str, first: int = 20) -> list[SearchResult]:
        if not 0 <= first <= info.context.page_cap:
            raise PaginationError(f"first must be between 0 and {info.context.page_cap}, not {first}")
        hits = await info.context.db.run(search_queries.search, query=query, limit=first)
        found = [hit.entity for hit in hits if isinstance(hit.entity, models.Event)]
        events = iter(await events_from_rows(info, found, selections_of(info.selected_fields)))
        results: list[Event | Actor | Venue | Article] = []
        for hit in hits:
            results.append(next(events) if isinstance(hit.entity, models.Event) else _result(hit.entity))
        return results
