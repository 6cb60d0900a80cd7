"""Loading stores each article once, in its own transaction, and reports what it did."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.services import articles
from loaders.pipeline import load_inputs

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


async def test_loading_twice_adds_nothing(session_factory: async_sessionmaker[AsyncSession]) -> None:
    first = await load_inputs(session_factory, [SEEDS], max_bytes=1_000_000)
    second = await load_inputs(session_factory, [SEEDS], max_bytes=1_000_000)
    assert (first.loaded, first.skipped, first.failed) == (5, 0, [])
    assert (second.loaded, second.skipped, second.failed) == (0, 5, [])
    async with session_factory() as session:
        assert await articles.count(session) == 5


async def test_same_story_with_other_white_space_is_the_same_article(
    session_factory: async_sessionmaker[AsyncSession], tmp_path: Path
) -> None:
    (tmp_path / "a.txt").write_text("Wang met Sullivan.\n\nIn Malta.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Wang met Sullivan.\r\n\r\nIn  Malta.\r\n", encoding="utf-8")
    report = await load_inputs(session_factory, [tmp_path], max_bytes=1_000_000)
    assert (report.loaded, report.skipped) == (1, 1)


async def test_bad_inputs_are_reported_and_the_rest_load(
    session_factory: async_sessionmaker[AsyncSession], tmp_path: Path
) -> None:
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00b\x00a\x00d")
    (tmp_path / "feed.jsonl").write_text('{"text": "One story."}\n{"text": \n', encoding="utf-8")
    report = await load_inputs(session_factory, [tmp_path, SEEDS / "000_0c6c6a7bd5f4bea7.txt"], max_bytes=1_000_000)
    assert report.loaded == 2
    assert [error.source for error in report.failed] == [str(tmp_path / "bad.txt"), f"{tmp_path / 'feed.jsonl'}:2"]
    async with session_factory() as session:
        stored = await articles.list_all(session)
    assert [a.source for a in stored] == [str(tmp_path / "feed.jsonl:1"), str(SEEDS / "000_0c6c6a7bd5f4bea7.txt")]
