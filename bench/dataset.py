"""A realistic knowledge base for the API benchmark, written through readout's own services layer into
a migrated database: ``events`` events (visits holding meetings, meetings, calls) among 400 actors
whose frequencies follow a Zipf law (a few ministers in most events), at buildings inside cities
inside countries, each about a topic or two and supported by several quotes from articles.

    build(settings, events_wanted=20_000)  # -> Dataset (ids to draw request variables from)

Everything is drawn from a ``random.Random`` with a fixed seed, so the same ``events`` gives the same
data. Every dated event is dated to the day, so the date-range semantics of readout (which reads each
date at its precision) and of the peers' plain SQL agree on every row.
"""

from __future__ import annotations

import asyncio
import random
from dataclasses import dataclass
from datetime import date, timedelta

from db import migrations
from db.services import actors, articles, events, topics, venues
from db.session import create_engine, create_session_factory
from db.settings import Settings

__all__ = ["Dataset", "build"]

ACTORS = 400
COUNTRIES = 24
CITIES_EACH = 4
BUILDINGS_EACH = 3
TOPICS = 30
FIRST_DAY = date(2014, 1, 1)
DAYS = 11 * 365
BATCH = 500


@dataclass(frozen=True)
class Dataset:
    """What the benchmark draws its request variables from: actor ids, most frequent first."""

    events: int
    actor_ids: list[int]


@dataclass(frozen=True)
class _Place:
    slug: str
    kind: str
    name: str
    city: str | None
    country: str | None
    latitude: float | None
    longitude: float | None
    parent: _Place | None
    geonames_id: int | None = None


def _places(rng: random.Random) -> list[_Place]:
    buildings = []
    for c in range(COUNTRIES):
        code = f"{chr(65 + c // 26)}{chr(65 + c % 26)}"
        country = _Place(f"country-{c}", "country", f"Country {c}", None, code, None, None, None)
        for t in range(CITIES_EACH):
            name = f"City {c}.{t}"
            lat, lon = rng.uniform(-60, 60), rng.uniform(-180, 180)
            city = _Place(f"city-{c}-{t}", "city", name, name, code, lat, lon, country)
            buildings += [
                _Place(f"building-{c}-{t}-{b}", "building", f"Hall {c}.{t}.{b}", name, code, lat, lon, city)
                for b in range(BUILDINGS_EACH)
            ]
    return buildings


def build(settings: Settings, *, events_wanted: int, seed: int = 13) -> Dataset:
    """Migrate the database of ``settings`` and fill it (it should be empty)."""
    migrations.upgrade(settings)
    return asyncio.run(_fill(settings, events_wanted, seed))


async def _fill(settings: Settings, events_wanted: int, seed: int) -> Dataset:
    rng = random.Random(seed)  # noqa: S311 - reproducible data, not a secret
    engine = create_engine(settings)
    session_factory = create_session_factory(engine)
    try:
        async with session_factory() as session:
            people = [
                await actors.get_or_create(
                    session, slug=f"actor-{n}", kind="person", name=f"Minister {n}", country="AA"
                )
                for n in range(ACTORS)
            ]
            for person in people[:100]:
                await actors.add_aliases(session, actor=person, spellings=[(f"M. {person.id}", f"m. {person.id}")])
            halls = [await venues.get_or_create(session, spec=place) for place in _places(rng)]
            taxonomy = await topics.ensure_taxonomy(
                session, definitions=[(f"topic-{n}", f"Topic {n}", None) for n in range(TOPICS)]
            )
            await session.commit()
            weights = [1 / (rank + 1) ** 1.1 for rank in range(ACTORS)]
            written = 0
            article_ids: list[int] = []
            while written < events_wanted:
                for _ in range(BATCH // 10):
                    text = f"Report {len(article_ids)}. " + " ".join(rng.choice(["talks", "visit", "call"]) * 20)
                    article = await articles.create(
                        session,
                        source=f"bench/{len(article_ids)}.txt",
                        raw_text=text,
                        text=text,
                        title=f"Report {len(article_ids)}",
                        outlet=rng.choice(["Wire", "Daily", "Post"]),
                        published=FIRST_DAY + timedelta(days=rng.randrange(DAYS)),
                    )
                    article_ids.append(article.id)
                batch_topics: dict[int, dict[str, list[str]]] = {}
                batch_end = min(events_wanted, written + BATCH)
                while written < batch_end:
                    day = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
                    travellers = {people[i] for i in rng.choices(range(ACTORS), weights=weights, k=rng.randint(2, 4))}
                    is_visit = rng.random() < 0.15
                    parent = await events.create(
                        session,
                        kind="visit" if is_visit else rng.choice(["meeting", "call"]),
                        title=f"Event {written}",
                        status="occurred",
                        confidence=round(rng.uniform(0.4, 1), 2),
                        start=day,
                        start_precision="day",
                        end=day + timedelta(days=2) if is_visit else None,
                        end_precision="day" if is_visit else None,
                        venue_id=rng.choice(halls).id,
                    )
                    group = [parent]
                    for number in range(min(rng.randint(1, 4), batch_end - written - 1) if is_visit else 0):
                        group.append(
                            await events.create(
                                session,
                                kind="meeting",
                                title=f"Event {written} meeting {number}",
                                status="occurred",
                                confidence=0.8,
                                start=day + timedelta(days=number % 3),
                                start_precision="day",
                                venue_id=rng.choice(halls).id,
                                parent_id=parent.id,
                            )
                        )
                    for event in group:
                        await events.add_participants(
                            session,
                            event_id=event.id,
                            participants=[(p.id, "participant") for p in travellers],
                            known=(),
                        )
                        batch_topics[event.id] = {f"topic-{rng.randrange(TOPICS)}": ["talks"]}
                        for article_id in rng.sample(article_ids, k=min(len(article_ids), rng.randint(2, 4))):
                            events.create_evidence(
                                session,
                                event_id=event.id,
                                article_id=article_id,
                                quote=f"{event.title} was held.",
                                start=0,
                                end=10,
                            )
                    written += len(group)
                await topics.link_events(session, topics_by_event=batch_topics, taxonomy=taxonomy)
                await session.commit()
        return Dataset(events=written, actor_ids=[person.id for person in people])
    finally:
        await engine.dispose()
