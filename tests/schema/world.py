"""A small knowledge base written through the db services, with every fact the schema tests expect.

Blinken visits China (18–19 June 2023, Beijing) and meets Wang Yi and Xi Jinping at the Great Hall
during the visit; Yellen visits Beijing in July 2023 (month precision); Biden and Xi speak by phone
some time in 2023 (year precision); a Biden–Xi summit with Blinken is planned in Washington on
15 November 2023; Blinken and Wang are expected to meet again, undated.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from db.services import actors, articles, events, topics, venues


@dataclass(frozen=True)
class Place:
    """A venue as the services take it (``db.services.venues.VenueSpec``)."""

    slug: str
    kind: str
    name: str
    city: str | None = None
    country: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geonames_id: int | None = None
    parent: Place | None = None


CHINA = Place("country-cn", "country", "China", country="CN")
BEIJING = Place("city-cn-beijing", "city", "Beijing", "Beijing", "CN", 39.9042, 116.4074, 1816670, CHINA)
GREAT_HALL = Place(
    "building-great-hall", "building", "Great Hall of the People", "Beijing", "CN", 39.9, 116.39, None, BEIJING
)
USA = Place("country-us", "country", "United States", country="US")
WASHINGTON = Place("city-us-washington", "city", "Washington", "Washington", "US", 38.9, -77.04, 4140963, USA)


@dataclass(frozen=True)
class World:
    """Primary keys of what was written, by name."""

    actors: dict[str, int]
    venues: dict[str, int]
    topics: dict[str, int]
    articles: dict[str, int]
    events: dict[str, int]


async def _article(session: AsyncSession, title: str, outlet: str, published: date, text: str) -> int:
    article = await articles.create(
        session,
        source=f"tests/{title.lower().replace(' ', '-')}.txt",
        raw_text=text,
        text=text,
        title=title,
        outlet=outlet,
        published=published,
        authors=["A. Writer"],
    )
    return article.id


async def build_world(session: AsyncSession) -> World:
    """Write the world and commit it."""
    people = {
        "blinken": ("antony-blinken", "person", "Antony Blinken", "US"),
        "wang": ("wang-yi", "person", "Wang Yi", "CN"),
        "xi": ("xi-jinping", "person", "Xi Jinping", "CN"),
        "biden": ("joe-biden", "person", "Joe Biden", "US"),
        "yellen": ("janet-yellen", "person", "Janet Yellen", "US"),
        "china": ("china", "country", "China", "CN"),
    }
    actor_ids: dict[str, int] = {}
    for key, (slug, kind, name, country) in people.items():
        positions = [actors.PositionSpec("Secretary of State", "US", date(2021, 1, 26), date(2025, 1, 20))]
        actor = await actors.get_or_create(
            session,
            slug=slug,
            kind=kind,
            name=name,
            country=country,
            positions=positions if key == "blinken" else (),
        )
        actor_ids[key] = actor.id
    blinken = await actors.get(session, actor_id=actor_ids["blinken"])
    assert blinken is not None
    await actors.add_aliases(session, actor=blinken, spellings=[("Tony Blinken", "tony blinken")])

    venue_ids = {
        key: (await venues.get_or_create(session, spec=place)).id
        for key, place in {"great_hall": GREAT_HALL, "washington": WASHINGTON}.items()
    }
    for key, slug in {"beijing": BEIJING.slug, "china": CHINA.slug, "usa": USA.slug}.items():
        venue = await venues.get_by_slug(session, slug=slug)
        assert venue is not None
        venue_ids[key] = venue.id

    taxonomy = await topics.ensure_taxonomy(
        session, definitions=[("taiwan", "Taiwan", None), ("trade", "Trade", None), ("climate", "Climate", None)]
    )
    topic_ids = {slug: topic.id for slug, topic in taxonomy.items()}

    beijing_text = "Blinken met Wang Yi at the Great Hall. Later Blinken met Xi Jinping."
    yellen_text = "Treasury Secretary Janet Yellen held talks in Beijing in July."
    article_ids = {
        "beijing": await _article(session, "Blinken arrives in Beijing", "Wire", date(2023, 6, 18), beijing_text),
        "yellen": await _article(session, "Yellen in Beijing", "Daily", date(2023, 7, 9), yellen_text),
        "call": await _article(session, "Leaders talk", "Wire", date(2023, 8, 1), "Biden and Xi spoke by phone."),
    }

    specs = [
        # key, kind, title, status, confidence, start, precision, end, venue, parent, participants, topics
        (
            "visit",
            "visit",
            "Blinken visits China",
            "occurred",
            0.9,
            date(2023, 6, 18),
            "day",
            date(2023, 6, 19),
            "beijing",
            None,
            [("blinken", "traveller")],
            ["taiwan"],
        ),
        (
            "meet_wang",
            "meeting",
            "Blinken meets Wang Yi",
            "occurred",
            0.85,
            date(2023, 6, 18),
            "day",
            None,
            "great_hall",
            "visit",
            [("blinken", "guest"), ("wang", "host")],
            ["taiwan", "trade"],
        ),
        (
            "meet_xi",
            "meeting",
            "Blinken meets Xi Jinping",
            "occurred",
            0.8,
            date(2023, 6, 19),
            "day",
            None,
            "great_hall",
            "visit",
            [("blinken", "guest"), ("xi", "host")],
            [],
        ),
        (
            "yellen",
            "visit",
            "Yellen visits Beijing",
            "occurred",
            0.6,
            date(2023, 7, 1),
            "month",
            None,
            "beijing",
            None,
            [("yellen", "traveller")],
            ["trade"],
        ),
        (
            "call",
            "call",
            "Biden and Xi speak by phone",
            "occurred",
            0.4,
            date(2023, 1, 1),
            "year",
            None,
            None,
            None,
            [("biden", "participant"), ("xi", "participant")],
            ["climate"],
        ),
        (
            "summit",
            "summit",
            "Biden-Xi summit",
            "planned",
            0.7,
            date(2023, 11, 15),
            "day",
            None,
            "washington",
            None,
            [("biden", "host"), ("xi", "guest"), ("blinken", "participant")],
            [],
        ),
        (
            "again",
            "meeting",
            "Wang and Blinken to meet again",
            "expected",
            0.3,
            None,
            None,
            None,
            None,
            None,
            [("blinken", "participant"), ("wang", "participant")],
            [],
        ),
    ]
    event_ids: dict[str, int] = {}
    for key, kind, title, status, confidence, start, precision, end, venue, parent, people_in, slugs in specs:
        event = await events.create(
            session,
            kind=kind,
            title=title,
            status=status,
            confidence=confidence,
            start=start,
            start_precision=precision,
            end=end,
            end_precision="day" if end else None,
            venue_id=venue_ids[venue] if venue else None,
            parent_id=event_ids[parent] if parent else None,
        )
        event_ids[key] = event.id
        await events.add_participants(
            session, event_id=event.id, participants=[(actor_ids[a], r) for a, r in people_in]
        )
        await topics.link_event(session, event_id=event.id, topics={s: [s] for s in slugs}, taxonomy=taxonomy)

    quotes = [
        ("meet_wang", "beijing", "Blinken met Wang Yi at the Great Hall."),
        ("meet_xi", "beijing", "Later Blinken met Xi Jinping."),
        ("yellen", "yellen", "Treasury Secretary Janet Yellen held talks in Beijing in July."),
        ("call", "call", "Biden and Xi spoke by phone."),
    ]
    texts = {"beijing": beijing_text, "yellen": yellen_text, "call": "Biden and Xi spoke by phone."}
    for event_key, article_key, quote in quotes:
        start = texts[article_key].index(quote)
        await events.add_evidence(
            session,
            event_id=event_ids[event_key],
            article_id=article_ids[article_key],
            quote=quote,
            start=start,
            end=start + len(quote),
        )
    await session.commit()
    return World(actor_ids, venue_ids, topic_ids, article_ids, event_ids)
