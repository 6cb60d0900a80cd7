"""The export is built from the database alone, in the shape of the evaluation contract."""

from __future__ import annotations

from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from db.ids import encode_id
from db.models import (
    Actor,
    ActorAlias,
    ArticleTopic,
    Event,
    EventParticipant,
    EventTopic,
    Evidence,
    Mention,
    Topic,
    Venue,
)
from db.services import articles
from db.services.export import export_knowledge_base


async def test_empty_database_exports_empty_lists(session: AsyncSession) -> None:
    assert await export_knowledge_base(session) == {
        "articles": [],
        "actors": [],
        "venues": [],
        "topics": [],
        "events": [],
    }


async def test_export_holds_every_link(session: AsyncSession) -> None:
    text = "Blinken met Wang Yi in Beijing on Monday."
    article = await articles.create(
        session,
        source="seeds/a.txt",
        raw_text=text,
        text=text,
        title="T",
        outlet="Wire",
        published=date(2023, 6, 19),
        authors=["A. Writer"],
    )
    blinken = Actor(kind="person", name="Antony Blinken", slug="antony-blinken", country="US")
    wang = Actor(kind="person", name="Wang Yi", slug="wang-yi", country="CN")
    city = Venue(
        kind="city",
        name="Beijing",
        slug="city-cn-beijing",
        city="Beijing",
        country="CN",
        latitude=39.9,
        longitude=116.4,
    )
    topic = Topic(slug="taiwan", label="Taiwan")
    session.add_all([blinken, wang, city, topic])
    await session.flush()
    session.add(ActorAlias(actor_id=blinken.id, spelling="Tony Blinken", normalized="tony blinken"))
    event = Event(
        kind="meeting",
        title="Blinken meets Wang",
        status="occurred",
        confidence=0.9,
        start_date=date(2023, 6, 1),
        start_precision="month",
        venue_id=city.id,
    )
    session.add(event)
    await session.flush()
    session.add_all(
        [
            EventParticipant(event_id=event.id, actor_id=blinken.id, role="guest"),
            EventParticipant(event_id=event.id, actor_id=wang.id, role="host"),
            EventTopic(event_id=event.id, topic_id=topic.id, phrases=["Taiwan"]),
            ArticleTopic(article_id=article.id, topic_id=topic.id, phrases=["Taiwan"]),
            Mention(article_id=article.id, actor_id=blinken.id, spelling="Blinken", start_offset=0, end_offset=7),
            Mention(article_id=article.id, actor_id=wang.id, spelling="Wang Yi", start_offset=12, end_offset=19),
            Evidence(event_id=event.id, article_id=article.id, quote=text, start_offset=0, end_offset=len(text)),
        ]
    )
    await session.flush()

    exported = await export_knowledge_base(session)

    article_id, topic_id = encode_id("Article", article.id), encode_id("Topic", topic.id)
    assert exported["articles"] == [
        {
            "id": article_id,
            "source_path": "seeds/a.txt",
            "title": "T",
            "outlet": "Wire",
            "published": "2023-06-19",
            "authors": ["A. Writer"],
            "topics": [topic_id],
        }
    ]
    assert exported["actors"][0] == {
        "id": encode_id("Actor", blinken.id),
        "name": "Antony Blinken",
        "kind": "person",
        "aliases": ["Tony Blinken"],
        "country": "US",
        "articles": [article_id],
    }
    assert exported["venues"][0]["name"] == "Beijing"
    assert exported["venues"][0]["latitude"] == 39.9
    assert exported["topics"] == [{"id": topic_id, "slug": "taiwan", "label": "Taiwan"}]
    [exported_event] = exported["events"]
    assert exported_event["start"] == "2023-06", "a month-precision date must not gain a day"
    assert exported_event["end"] is None
    assert exported_event["venue"] == encode_id("Venue", city.id)
    assert {p["role"] for p in exported_event["participants"]} == {"guest", "host"}
    assert exported_event["topics"] == [topic_id]
    assert exported_event["sources"] == [{"article": article_id, "quote": text, "start": 0, "end": len(text)}]


async def test_ids_are_stable_across_exports(session: AsyncSession) -> None:
    await articles.create(session, source="a.txt", raw_text="Story.", text="Story.")
    assert await export_knowledge_base(session) == await export_knowledge_base(session)
