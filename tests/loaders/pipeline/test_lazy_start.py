"""A load starts spaCy's parser only when a batch holds an article to parse: loading stored files
again starts none, in either mode (parsing in this process or in a second one)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from loaders.nlp import InlineParser, ParserProcess
from loaders.pipeline import load as pipeline
from loaders.pipeline import load_inputs

SEEDS = Path(__file__).resolve().parents[3] / "seeds"


class CountedProcess(ParserProcess):
    """The real parsing process, counting how many a load makes."""

    made = 0

    def __init__(self) -> None:
        type(self).made += 1
        super().__init__()


class CountedInline(InlineParser):
    """The real in-process parser, counting how many a load makes."""

    made = 0

    def __init__(self) -> None:
        type(self).made += 1
        super().__init__()


@pytest.mark.parametrize("in_subprocess", [True, False], ids=["process", "inline"])
async def test_a_reload_starts_no_parser(
    session_factory: async_sessionmaker[AsyncSession], monkeypatch: pytest.MonkeyPatch, in_subprocess: bool
) -> None:
    monkeypatch.setattr(pipeline, "ParserProcess", CountedProcess)
    monkeypatch.setattr(pipeline, "InlineParser", CountedInline)
    counted = CountedProcess if in_subprocess else CountedInline
    counted.made = 0

    first = await load_inputs(session_factory, [SEEDS], max_bytes=1_000_000, parse_in_subprocess=in_subprocess)
    assert (first.loaded, counted.made) == (5, 1)

    again = await load_inputs(session_factory, [SEEDS], max_bytes=1_000_000, parse_in_subprocess=in_subprocess)
    assert (again.loaded, again.skipped, again.failed) == (0, 5, [])
    assert counted.made == 1
