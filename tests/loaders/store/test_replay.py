"""Storing events again in the canonical order: an article arriving in order stores nothing again; one
arriving early has the events of the articles linked to it, and of no others, stored again in its own
transaction (a failure leaves everything as it was); ``rebuild_events`` stores them all again and tells
other writers' caches so; an undated article is dated once the articles dating its events arrive."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import delete, select, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from api.ingestion import IngestionError, ingest_article
from db.models import Article, ArticleReport
from db.services import writers
from loaders.pipeline import REBUILD_SOURCE, load_inputs, reanalysis
from loaders.read import RawArticle
from loaders.store import StoreCache, rebuild_events
from tests.loaders.pipeline.test_arrival_order import events_of
from tests.loaders.pipeline.test_load import MALTA, REFUSE_MALTA, VIENNA, export, write_feed

SEOUL = {"text": "Fumio Kishida met Yoon Suk Yeol in Seoul on Sunday.", "published": "2023-05-08"}
VIENNA_UNDATED = {"text": "Jake Sullivan and Wang Yi held talks in Vienna on Wednesday, officials said."}


async def load_each(
    session_factory: async_sessionmaker[AsyncSession], tmp_path: Path, *records: dict[str, str]
) -> None:
    for number, record in enumerate(records):
        report = await load_inputs(
            session_factory, [write_feed(tmp_path / f"{number}.jsonl", record)], max_bytes=10_000
        )
        assert (report.loaded, report.failed) == (1, [])


async def rebuilt_by_text(session_factory: async_sessionmaker[AsyncSession]) -> dict[str, int]:
    async with session_factory() as session:
        rows = await session.execute(select(Article.text, ArticleReport.rebuilt).join(ArticleReport))
        return {row.text: row.rebuilt for row in rows}


async def test_articles_arriving_in_order_store_nothing_again(
    session_factory: async_sessionmaker[AsyncSession], tmp_path: Path
) -> None:
    await load_each(session_factory, tmp_path, SEOUL, VIENNA, MALTA)
    assert set((await rebuilt_by_text(session_factory)).values()) == {0}


async def test_an_early_article_arriving_late_stores_again_the_articles_linked_to_it_alone(
    session_factory: async_sessionmaker[AsyncSession], tmp_path: Path
) -> None:
    await load_each(session_factory, tmp_path, SEOUL, MALTA, VIENNA)
    assert await rebuilt_by_text(session_factory) == {SEOUL["text"]: 0, MALTA["text"]: 1, VIENNA["text"]: 1}
    events = (await export(session_factory))["events"]
    assert sorted((event["title"], event["start"], len(event["sources"])) for event in events) == [
        ("Fumio Kishida visits Seoul", "2023-05-07", 1),
        ("Meeting of Fumio Kishida and Yoon Suk Yeol in Seoul", "2023-05-07", 1),
        ("Meeting of Wang Yi and Jake Sullivan in Malta", "2023-09-16", 1),
        ("Meeting of Wang Yi and Jake Sullivan in Vienna", "2023-05-10", 1),
    ]


async def test_an_undated_article_is_dated_when_the_articles_dating_its_events_arrive(
    session_factory: async_sessionmaker[AsyncSession], tmp_path: Path
) -> None:
    await load_each(session_factory, tmp_path, VIENNA_UNDATED, VIENNA)
    knowledge = await export(session_factory)
    [meeting] = knowledge["events"]
    assert len(meeting["sources"]) == 2
    async with session_factory() as session:
        undated = await session.scalar(select(Article).where(Article.text == VIENNA_UNDATED["text"]))
    assert undated is not None
    assert undated.reference_date is not None, "dated by the day of the meeting the other article dates"
    assert (undated.reference_date_basis or {}).get("method") != "no usable evidence"


async def refuse_vienna(engine: AsyncEngine) -> None:
    async with engine.begin() as connection:
        for statement in REFUSE_MALTA[engine.dialect.name]:
            await connection.execute(text(statement.replace("Malta", "Vienna")))


async def test_a_failed_rebuild_rolls_back_with_the_article(
    engine: AsyncEngine, session_factory: async_sessionmaker[AsyncSession], tmp_path: Path
) -> None:
    await load_each(session_factory, tmp_path, MALTA)
    before = await export(session_factory)
    await refuse_vienna(engine)
    # Vienna comes before Malta: posted, it has Malta's events deleted and stored again after its own,
    # in its own transaction, which the database refuses halfway through.
    vienna = RawArticle(source="test://vienna", text=VIENNA["text"], published=date(2023, 5, 11))
    with pytest.raises((IngestionError, SQLAlchemyError), match="refused by the test"):
        await ingest_article(session_factory, vienna)
    assert await export(session_factory) == before
    assert await rebuilt_by_text(session_factory) == {MALTA["text"]: 0}


async def test_a_load_whose_rebuild_fails_keeps_its_articles_for_the_next_rebuild(
    engine: AsyncEngine, session_factory: async_sessionmaker[AsyncSession], tmp_path: Path
) -> None:
    await load_each(session_factory, tmp_path, MALTA)
    before = events_of(await export(session_factory))
    await refuse_vienna(engine)
    report = await load_inputs(session_factory, [write_feed(tmp_path / "vienna.jsonl", VIENNA)], max_bytes=10_000)
    assert report.loaded == 1
    [error] = report.failed
    assert error.source == REBUILD_SOURCE
    assert "refused by the test" in error.reason
    assert events_of(await export(session_factory)) == before
    assert await rebuilt_by_text(session_factory) == {MALTA["text"]: 0, VIENNA["text"]: -1}

    async with engine.begin() as connection:
        await connection.execute(
            text("DROP TRIGGER refuse_malta" + (" ON events" if engine.dialect.name == "postgresql" else ""))
        )
    # The next writer stores again what waits, before its own article.
    await load_each(session_factory, tmp_path / "..", SEOUL)
    assert -1 not in (await rebuilt_by_text(session_factory)).values()
    titles = [event["title"] for event in (await export(session_factory))["events"]]
    assert "Meeting of Wang Yi and Jake Sullivan in Vienna" in titles


async def test_rebuilding_every_article_gives_the_same_events_and_moves_the_writers_mark(
    session_factory: async_sessionmaker[AsyncSession], tmp_path: Path
) -> None:
    await load_each(session_factory, tmp_path, MALTA, SEOUL, VIENNA)
    before = events_of(await export(session_factory))
    async with session_factory() as session:
        mark = await writers.writers_mark(session)
    cache = StoreCache()
    cache.catch_up(mark)
    known = cache.events

    rebuilt = await rebuild_events(session_factory, reanalysis())

    assert (rebuilt.articles, rebuilt.events_before, rebuilt.events_after) == (3, len(before), len(before))
    assert events_of(await export(session_factory)) == before
    async with session_factory() as session:
        moved = await writers.writers_mark(session)
    assert moved == (mark[0], mark[1] + 1)
    cache.catch_up(moved)
    assert cache.events is not known, "another writer's cache reads the rebuilt events again"


async def test_articles_stored_before_reports_were_kept_are_analysed_again(
    session_factory: async_sessionmaker[AsyncSession], tmp_path: Path
) -> None:
    await load_each(session_factory, tmp_path, VIENNA, MALTA, SEOUL)
    before = events_of(await export(session_factory))
    async with session_factory() as session:
        await session.execute(delete(ArticleReport))
        await session.commit()
    rebuilt = await rebuild_events(session_factory, reanalysis())
    assert rebuilt.articles == 3
    assert events_of(await export(session_factory)) == before
