"""Search across events, actors, venues and articles, ranked the same way on SQLite and Postgres.

The ranking is plain arithmetic over case-insensitive substring matches, computed in SQL:

* each word of the query found in the main text (an event's title, an actor's or venue's name, an
  article's title) adds 3; a word found only in the secondary text (an event's quotes, an actor's
  aliases, a venue's city, an article's outlet or body) adds 1;
* the whole query equal to the main text adds 5;
* a row matching no word is left out. Ties go to actors, then events, venues, articles, then the
  lower id, so equal scores come back in the same order every time.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, case, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Actor, ActorAlias, Article, Event, Evidence, Venue
from db.queries.articles import without_texts
from db.queries.pagination import SqlExpression
from db.queries.text import contains, search_terms

__all__ = ["MAX_SEARCH_RESULTS", "SearchHit", "search"]

MAX_SEARCH_RESULTS = 100
MAIN_WEIGHT = 3
SECONDARY_WEIGHT = 1
EXACT_BONUS = 5

Entity = Actor | Event | Venue | Article


@dataclass(frozen=True)
class SearchHit:
    """One result: the row and its score (higher is more relevant)."""

    entity: Entity
    score: int


def _score(
    main: SqlExpression, secondary: Sequence[ColumnElement[bool]], terms: Sequence[str], query: str
) -> ColumnElement[int]:
    """The score of a row whose main text is ``main``; ``secondary`` holds, per term, whether the
    secondary text matches it."""
    parts: list[ColumnElement[int]] = [
        case(
            (contains(main, term), MAIN_WEIGHT),
            (matched, SECONDARY_WEIGHT),
            else_=0,
        )
        for term, matched in zip(terms, secondary, strict=True)
    ]
    parts.append(case((func.lower(main) == query.lower(), EXACT_BONUS), else_=0))
    total = parts[0]
    for part in parts[1:]:
        total = total + part
    return total


def _ranked(model: type[Entity], score: ColumnElement[int], limit: int) -> Select[Any, int]:
    labelled = score.label("score")
    return select(model, labelled).where(labelled > 0).order_by(labelled.desc(), model.id).limit(limit)


def _actor_query(terms: Sequence[str], query: str, limit: int) -> Select[Any, int]:
    by_alias = [Actor.id.in_(select(ActorAlias.actor_id).where(contains(ActorAlias.spelling, t))) for t in terms]
    return _ranked(Actor, _score(Actor.name, by_alias, terms, query), limit)


def _event_query(terms: Sequence[str], query: str, limit: int) -> Select[Any, int]:
    by_quote = [Event.id.in_(select(Evidence.event_id).where(contains(Evidence.quote, t))) for t in terms]
    return _ranked(Event, _score(Event.title, by_quote, terms, query), limit)


def _venue_query(terms: Sequence[str], query: str, limit: int) -> Select[Any, int]:
    by_city = [func.coalesce(contains(Venue.city, t), False) for t in terms]
    return _ranked(Venue, _score(Venue.name, by_city, terms, query), limit)


def _article_query(terms: Sequence[str], query: str, limit: int) -> Select[Any, int]:
    by_body = [or_(contains(func.coalesce(Article.outlet, ""), t), contains(Article.text, t)) for t in terms]
    ranked = _ranked(Article, _score(func.coalesce(Article.title, ""), by_body, terms, query), limit)
    return ranked.options(*without_texts())


async def search(session: AsyncSession, *, query: str, limit: int = 20) -> list[SearchHit]:
    """The ``limit`` (at most ``MAX_SEARCH_RESULTS``) best hits for ``query``, best first."""
    terms = search_terms(query)
    if not terms or limit <= 0:
        return []
    limit = min(limit, MAX_SEARCH_RESULTS)
    normalised = " ".join(query.split())
    hits: list[tuple[int, int, int, SearchHit]] = []
    builders = (_actor_query, _event_query, _venue_query, _article_query)
    for rank, build in enumerate(builders):
        for entity, score in await session.execute(build(terms, normalised, limit)):
            hits.append((-int(score), rank, entity.id, SearchHit(entity=entity, score=int(score))))
    hits.sort(key=lambda hit: hit[:3])
    return [hit for *_, hit in hits[:limit]]
