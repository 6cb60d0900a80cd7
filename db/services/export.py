"""The export: the whole knowledge base as one JSON-ready object, built from the database alone, in
the format of the public contract (``shared/eval/README.md``). Identifiers are the public IDs, so
they are stable across exports of the same database."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from db.dates import format_partial_date
from db.ids import encode_id
from db.models import Actor, Article, ArticleTopic, Event, EventTopic, Mention, Topic, Venue

__all__ = ["export_knowledge_base"]


async def export_knowledge_base(session: AsyncSession) -> dict[str, list[dict[str, Any]]]:
    """Articles, actors, venues, topics and events, each list in primary-key order."""
    return {
        "articles": await _articles(session),
        "actors": await _actors(session),
        "venues": await _venues(session),
        "topics": await _topics(session),
        "events": await _events(session),
    }


async def _articles(session: AsyncSession) -> list[dict[str, Any]]:
    query = select(Article).options(selectinload(Article.topic_links)).order_by(Article.id)
    return [
        {
            "id": encode_id("Article", article.id),
            "source_path": article.source,
            "title": article.title,
            "outlet": article.outlet,
            "published": article.published.isoformat() if article.published else None,
            "authors": list(article.authors),
            "topics": _topic_ids(article.topic_links),
        }
        for article in await session.scalars(query)
    ]


async def _actors(session: AsyncSession) -> list[dict[str, Any]]:
    mentioned_in: dict[int, set[int]] = defaultdict(set)
    for actor_id, article_id in await session.execute(select(Mention.actor_id, Mention.article_id)):
        mentioned_in[actor_id].add(article_id)
    query = select(Actor).options(selectinload(Actor.aliases)).order_by(Actor.id)
    return [
        {
            "id": encode_id("Actor", actor.id),
            "name": actor.name,
            "kind": actor.kind,
            "aliases": sorted({alias.spelling for alias in actor.aliases} - {actor.name}),
            "country": actor.country,
            "articles": [encode_id("Article", pk) for pk in sorted(mentioned_in[actor.id])],
        }
        for actor in await session.scalars(query)
    ]


async def _venues(session: AsyncSession) -> list[dict[str, Any]]:
    return [
        {
            "id": encode_id("Venue", venue.id),
            "name": venue.name,
            "kind": venue.kind,
            "city": venue.city,
            "country": venue.country,
            "latitude": venue.latitude,
            "longitude": venue.longitude,
            "parent": encode_id("Venue", venue.parent_id) if venue.parent_id else None,
        }
        for venue in await session.scalars(select(Venue).order_by(Venue.id))
    ]


async def _topics(session: AsyncSession) -> list[dict[str, Any]]:
    return [
        {"id": encode_id("Topic", topic.id), "slug": topic.slug, "label": topic.label}
        for topic in await session.scalars(select(Topic).order_by(Topic.id))
    ]


async def _events(session: AsyncSession) -> list[dict[str, Any]]:
    query = (
        select(Event)
        .options(selectinload(Event.participants), selectinload(Event.topic_links), selectinload(Event.evidence))
        .order_by(Event.id)
    )
    return [
        {
            "id": encode_id("Event", event.id),
            "kind": event.kind,
            "title": event.title,
            "start": format_partial_date(event.start_date, event.start_precision),
            "end": format_partial_date(event.end_date, event.end_precision),
            "status": event.status,
            "venue": encode_id("Venue", event.venue_id) if event.venue_id else None,
            "parent": encode_id("Event", event.parent_id) if event.parent_id else None,
            "confidence": event.confidence,
            "participants": [
                {"actor": encode_id("Actor", part.actor_id), "role": part.role}
                for part in sorted(event.participants, key=lambda part: part.actor_id)
            ],
            "topics": _topic_ids(event.topic_links),
            "sources": [
                {
                    "article": encode_id("Article", evidence.article_id),
                    "quote": evidence.quote,
                    "start": evidence.start_offset,
                    "end": evidence.end_offset,
                }
                for evidence in sorted(event.evidence, key=lambda ev: (ev.article_id, ev.start_offset))
            ],
        }
        for event in await session.scalars(query)
    ]


def _topic_ids(links: Iterable[ArticleTopic | EventTopic]) -> list[str]:
    return [encode_id("Topic", topic_id) for topic_id in sorted(link.topic_id for link in links)]
