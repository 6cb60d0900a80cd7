"""What a load of files would find, read before anything heavy is imported: how many inputs there are,
which cannot be read, and how many of the readable ones the database stores already.

``readout load`` surveys its inputs first: the total sizes its progress bar, and when nothing is new
(a reload of stored files) the load ends there, without importing the pipeline, spaCy or the
knowledge base, nor starting a parsing process. Reading the files and one look-up of their content
hashes per ``CHUNK`` inputs is all a reload costs.

    >>> survey = await survey_inputs(session_factory, [Path("seeds/")], max_bytes=10_000_000)  # doctest: +SKIP
    >>> survey.total, survey.new, survey.skipped, survey.failed
    (5, 0, 5, [])
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.services import articles
from loaders.read import InputError, read_inputs

__all__ = ["CHUNK", "InputSurvey", "survey_inputs"]

CHUNK = 500
"""Content hashes looked up at once: well under any database's limit on bound parameters."""


@dataclass
class InputSurvey:
    """Inputs counted: ``new`` articles the database does not hold, ``skipped`` ones it holds (the
    name ``LoadReport`` gives them), one error per input that cannot be read. ``loaded``, the event
    counts and ``stopped`` are those of a load that had nothing to do, so a survey that finds nothing
    new reads as that load's report."""

    total: int = 0
    new: int = 0
    skipped: int = 0
    failed: list[InputError] = field(default_factory=list)
    loaded: int = 0
    events_created: int = 0
    events_merged: int = 0
    stopped: str | None = None


async def survey_inputs(
    session_factory: async_sessionmaker[AsyncSession], paths: Iterable[Path], *, max_bytes: int
) -> InputSurvey:
    """Read every input under ``paths`` (as ``readout load`` reads them) and count what it holds; the
    texts are not kept, so memory stays that of one ``CHUNK`` whatever the number of inputs."""
    survey = InputSurvey()
    hashes: list[str] = []
    for item in read_inputs(paths, max_bytes=max_bytes):
        survey.total += 1
        if isinstance(item, InputError):
            survey.failed.append(item)
            continue
        hashes.append(articles.content_hash(item.text))
        if len(hashes) == CHUNK:
            await _count_stored(session_factory, hashes, survey)
            hashes = []
    await _count_stored(session_factory, hashes, survey)
    return survey


async def _count_stored(
    session_factory: async_sessionmaker[AsyncSession], hashes: Sequence[str], survey: InputSurvey
) -> None:
    if not hashes:
        return
    async with session_factory() as session:
        stored = await articles.stored_hashes(session, content_hashes=hashes)
    for content_hash in hashes:
        if content_hash in stored:
            survey.skipped += 1
        else:
            survey.new += 1
