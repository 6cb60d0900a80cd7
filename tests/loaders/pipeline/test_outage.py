"""A database lost in the middle of a load, on a real Postgres reached through a relay the test switches
off (``tests.api.test_outage``): the article in flight is retried with backoff; when the database comes
back in time the load completes, and when it stays away the load stops with one line, keeps what it
stored, and the next run completes the corpus."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from db.services import articles
from db.session import create_engine, create_session_factory
from db.settings import Settings
from loaders.pipeline import LoadReport, load_inputs
from loaders.pipeline import load as pipeline
from loaders.read import InputError, RawArticle
from tests.api.test_outage import Relay, relayed_schema, terminate_sessions
from tests.cli.test_load_processes import compose

pytestmark = pytest.mark.postgres
ARTICLES = 12


@pytest.fixture
def relayed(postgres_available: None) -> Iterator[tuple[Settings, Relay]]:
    """Settings of an empty, migrated Postgres schema reached through a relay, and the relay."""
    with relayed_schema(seeded=False) as pair:
        yield pair


def cut_off(relay: Relay, *, back_after: float | None) -> None:
    """Refuse new connections, end the load's sessions, and open again ``back_after`` seconds later."""
    relay.refuse()
    ended = threading.Thread(target=lambda: asyncio.run(terminate_sessions(relay.client_ports())))
    ended.start()
    ended.join()
    if back_after is not None:
        threading.Timer(back_after, relay.accept_again).start()


async def load(settings: Settings, corpus: Path, relay: Relay, *, back_after: float | None = None) -> LoadReport:
    """Load ``corpus``, cutting the database off once the first batch is stored."""
    seen: list[RawArticle | InputError] = []

    def after_each(item: RawArticle | InputError) -> None:
        seen.append(item)
        if len(seen) == pipeline.BATCH_SIZE:
            cut_off(relay, back_after=back_after)

    engine = create_engine(settings)
    try:
        return await load_inputs(
            create_session_factory(engine),
            [corpus],
            max_bytes=1_000_000,
            on_item=after_each,
            retry_delays=(0.5, 1, 2, 4),
        )
    finally:
        await engine.dispose()


async def stored(settings: Settings) -> int:
    engine = create_engine(settings)
    try:
        async with create_session_factory(engine)() as session:
            return await articles.count(session)
    finally:
        await engine.dispose()


async def test_a_database_back_within_the_retries_costs_no_article(
    relayed: tuple[Settings, Relay], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings, relay = relayed
    monkeypatch.setattr(pipeline, "BATCH_SIZE", 4)
    report = await load(settings, compose(tmp_path / "corpus", ARTICLES), relay, back_after=1.0)
    assert (report.loaded, report.failed, report.stopped) == (ARTICLES, [], None)
    assert await stored(settings) == ARTICLES


async def test_a_database_that_stays_away_stops_the_load_and_the_next_run_goes_on(
    relayed: tuple[Settings, Relay], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings, relay = relayed
    monkeypatch.setattr(pipeline, "BATCH_SIZE", 4)
    corpus = compose(tmp_path / "corpus", ARTICLES)
    first = await load(settings, corpus, relay)
    assert first.stopped is not None
    assert first.stopped.startswith("the database is unavailable (")
    assert first.stopped.endswith("); run the load again to go on")
    assert first.failed == []
    assert 0 < first.loaded < ARTICLES

    relay.accept_again()
    second = await load(settings, corpus, relay, back_after=0.0)
    assert (second.skipped, second.failed) == (first.loaded, [])
    assert first.loaded + second.loaded == ARTICLES
    assert await stored(settings) == ARTICLES
