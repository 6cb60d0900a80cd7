"""A survey of a load's inputs counts the inputs, the ones that cannot be read, and the readable ones
the database holds, chunk by chunk, the way a load would find them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api import survey as survey_module
from api.survey import survey_inputs
from loaders.pipeline import load_inputs


def feed(stories: list[str]) -> str:
    return "".join(json.dumps({"text": story}) + "\n" for story in stories)


async def test_new_stored_and_unreadable_inputs_are_counted(
    session_factory: async_sessionmaker[AsyncSession], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(survey_module, "CHUNK", 2)  # several look-ups, and a short one at the end
    stories = [f"Talks resumed\n\nThe envoys met in Lisbon for round {n} of the talks." for n in range(5)]
    (tmp_path / "first.jsonl").write_text(feed(stories[:3]))
    assert (await load_inputs(session_factory, [tmp_path], max_bytes=1_000_000)).loaded == 3

    (tmp_path / "more.jsonl").write_text(feed(stories[3:]) + "{not json\n")
    (tmp_path / "same-again.txt").write_text(stories[0].replace("\n\n", "\n\n\n"))
    survey = await survey_inputs(session_factory, [tmp_path], max_bytes=1_000_000)
    assert (survey.total, survey.new, survey.skipped) == (7, 2, 4)
    assert [error.source for error in survey.failed] == [f"{tmp_path / 'more.jsonl'}:3"]
    assert (survey.loaded, survey.events_created, survey.events_merged, survey.stopped) == (0, 0, 0, None)
