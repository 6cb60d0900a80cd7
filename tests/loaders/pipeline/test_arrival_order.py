"""Any arrival order gives the same knowledge base: the seeds and our own corpus loaded in one load, one
article at a time in several orders (seeded, so a failure can be run again), and posted one by one
through ``POST /api/v1/articles`` give the same events (kind, participants, venue, dates, status and
sources), on SQLite and on Postgres."""

from __future__ import annotations

import asyncio
import json
import random
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from api.app import create_app
from db import migrations
from db.services.export import export_knowledge_base
from db.session import create_engine, create_session_factory
from db.settings import Settings
from loaders.pipeline import load_inputs
from tests.conftest import POSTGRES_URL, REPO, run_on_postgres

SEEDS = sorted((REPO / "seeds").glob("*.txt"))
OWN_CORPUS = REPO / "tests" / "extraction" / "articles"
TOKEN = "arrival-order-token"

Event = tuple[object, ...]


@pytest.fixture(
    params=[
        pytest.param("sqlite", marks=pytest.mark.sqlite),
        pytest.param("postgres", marks=pytest.mark.postgres),
    ]
)
def new_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Callable[[], Settings]]:
    """Makes empty, migrated databases of one backend, as many as a test asks for."""
    schemas: list[str] = []

    def make() -> Settings:
        if request.param == "sqlite":
            settings = Settings(database_url=f"sqlite+aiosqlite:///{tmp_path / f'{uuid.uuid4().hex}.db'}")
        else:
            request.getfixturevalue("postgres_available")
            schemas.append(f"test_{uuid.uuid4().hex[:16]}")
            asyncio.run(run_on_postgres(f'CREATE SCHEMA "{schemas[-1]}"'))
            settings = Settings(database_url=POSTGRES_URL, database_schema=schemas[-1])
        migrations.upgrade(settings)
        return settings

    yield make
    for schema in schemas:
        asyncio.run(run_on_postgres(f'DROP SCHEMA "{schema}" CASCADE'))


def one_article_each(folder: Path, into: Path) -> list[Path]:
    """The inputs of ``folder``, a JSON Lines file cut into one file per line (each line names its
    article by its ``url``), so that articles can arrive one at a time."""
    inputs = []
    for path in sorted(folder.iterdir()):
        if path.suffix != ".jsonl":
            inputs.append(path)
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
            assert json.loads(line)["url"], "a line's source must not depend on the file it is in"
            inputs.append(into / f"{path.stem}-{number}.jsonl")
            inputs[-1].write_text(line + "\n", encoding="utf-8")
    return inputs


def events_of(export: dict[str, list[dict[str, Any]]]) -> list[Event]:
    """The events of an export by what they say, not by their ids (which follow arrival order); sorted,
    so that two alike events stay two."""
    names = {actor["id"]: actor["name"] for actor in export["actors"]}
    venues = {venue["id"]: venue["name"] for venue in export["venues"]}
    return sorted(
        (
            (
                event["kind"],
                tuple(sorted(names[p["actor"]] for p in event["participants"])),
                venues.get(event["venue"]),
                event["start"],
                event["end"],
                event["status"],
                tuple(sorted((s["quote"], s["start"]) for s in event["sources"])),
            )
            for event in export["events"]
        ),
        key=repr,
    )


async def _loaded(settings: Settings, batches: list[list[Path]]) -> list[Event]:
    """The events after one load of each batch in turn."""
    engine = create_engine(settings)
    try:
        factory = create_session_factory(engine)
        for batch in batches:
            report = await load_inputs(factory, batch, max_bytes=1_000_000)
            assert (report.failed, report.stopped) == ([], None)
        async with factory() as session:
            return events_of(await export_knowledge_base(session))
    finally:
        await engine.dispose()


def loaded(settings: Settings, batches: list[list[Path]]) -> list[Event]:
    return asyncio.run(_loaded(settings, batches))


def posted(settings: Settings, paths: list[Path]) -> list[Event]:
    """The events after posting each article in turn, as a client of the HTTP API would."""
    with_token = Settings.model_validate({**settings.model_dump(), "ingest_token": TOKEN})
    with TestClient(create_app(with_token)) as client:
        for path in paths:
            response = client.post(
                "/api/v1/articles",
                content=path.read_bytes(),
                headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "text/plain; charset=utf-8"},
            )
            assert response.status_code == 201, response.text
    return asyncio.run(_exported(settings))


async def _exported(settings: Settings) -> list[Event]:
    engine = create_engine(settings)
    try:
        async with create_session_factory(engine)() as session:
            return events_of(await export_knowledge_base(session))
    finally:
        await engine.dispose()


def shuffled(paths: list[Path], seed: int) -> list[Path]:
    order = list(paths)
    random.Random(seed).shuffle(order)  # noqa: S311 - an order to test, no secret
    return order


def test_the_seeds_in_any_order_give_the_same_events(new_database: Callable[[], Settings]) -> None:
    in_one_load = loaded(new_database(), [SEEDS])
    assert len(in_one_load) > 15
    orders = {
        "forward": SEEDS,
        "backward": SEEDS[::-1],
        "shuffled 1": shuffled(SEEDS, 1),
        "shuffled 2": shuffled(SEEDS, 2),
    }
    for name, order in orders.items():
        assert loaded(new_database(), [[path] for path in order]) == in_one_load, name
    assert posted(new_database(), shuffled(SEEDS, 3)) == in_one_load, "posted"


def test_our_corpus_in_any_order_gives_the_same_events(new_database: Callable[[], Settings], tmp_path: Path) -> None:
    articles = [*SEEDS, *one_article_each(OWN_CORPUS, tmp_path)]
    in_one_load = loaded(new_database(), [[*SEEDS, OWN_CORPUS]])
    assert len(in_one_load) > 150
    assert loaded(new_database(), [[path] for path in shuffled(articles, 4)]) == in_one_load
