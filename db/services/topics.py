"""The topic taxonomy and the links from articles and events to it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import ArticleTopic, EventTopic, Topic

__all__ = ["ensure_taxonomy", "get_by_slug", "link_article", "link_event", "link_events"]


async def get_by_slug(session: AsyncSession, *, slug: str) -> Topic | None:
    return await session.scalar(select(Topic).where(Topic.slug == slug))


async def ensure_taxonomy(
    session: AsyncSession, *, definitions: Iterable[tuple[str, str, str | None]]
) -> dict[str, Topic]:
    """Every ``(slug, label, description)`` present as a topic; returns them by slug."""
    existing = {topic.slug: topic for topic in await session.scalars(select(Topic))}
    for slug, label, description in definitions:
        if slug not in existing:
            topic = Topic(slug=slug, label=label, description=description)
            session.add(topic)
            existing[slug] = topic
    await session.flush()
    return existing


async def link_article(
    session: AsyncSession, *, article_id: int, topics: Mapping[str, list[str]], taxonomy: Mapping[str, Topic]
) -> None:
    """Tie the article to each topic slug, keeping the phrases that matched; known links are kept."""
    linked = set(await session.scalars(select(ArticleTopic.topic_id).where(ArticleTopic.article_id == article_id)))
    for slug, phrases in topics.items():
        if slug in taxonomy and taxonomy[slug].id not in linked:
            session.add(ArticleTopic(article_id=article_id, topic_id=taxonomy[slug].id, phrases=list(phrases)))


async def link_events(
    session: AsyncSession,
    *,
    topics_by_event: Mapping[int, Mapping[str, list[str]]],
    taxonomy: Mapping[str, Topic],
) -> None:
    """Add topics to events, ``{event_id: {slug: phrases}}``; phrases of a topic an event already has
    are appended. One query for all the events."""
    wanted = [event_id for event_id, topics in topics_by_event.items() if topics]
    if not wanted:
        return
    query = select(EventTopic).where(EventTopic.event_id.in_(wanted))
    links = {(link.event_id, link.topic_id): link for link in await session.scalars(query)}
    for event_id in wanted:
        for slug, phrases in topics_by_event[event_id].items():
            if slug not in taxonomy:
                continue
            known = links.get((event_id, taxonomy[slug].id))
            if known is not None:
                known.phrases = list(dict.fromkeys([*known.phrases, *phrases]))
            else:
                link = EventTopic(event_id=event_id, topic_id=taxonomy[slug].id, phrases=list(phrases))
                session.add(link)
                links[(event_id, link.topic_id)] = link


async def link_event(
    session: AsyncSession, *, event_id: int, topics: Mapping[str, list[str]], taxonomy: Mapping[str, Topic]
) -> None:
    """Add topics to one event, ``{slug: phrases}``; phrases of a topic it already has are appended."""
    await link_events(session, topics_by_event={event_id: topics}, taxonomy=taxonomy)
