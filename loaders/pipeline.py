"""The loading pipeline: inputs in, stored articles out, one transaction per article.

An article already stored (same content hash) is skipped; an article whose storing fails is rolled
back alone and reported, and the rest go on.

    >>> report = await load_inputs(session_factory, [Path("seeds/")], max_bytes=10_000_000)  # doctest: +SKIP
    >>> report.loaded, report.skipped, report.failed
    (5, 0, [])
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.services import articles
from loaders.read import InputError, RawArticle, read_inputs

__all__ = ["LoadReport", "load_inputs", "store_article"]


@dataclass
class LoadReport:
    """What a load did: counts, and one error per input that could not be loaded."""

    loaded: int = 0
    skipped: int = 0
    failed: list[InputError] = field(default_factory=list)

    @property
    def seen(self) -> int:
        return self.loaded + self.skipped + len(self.failed)


async def store_article(session: AsyncSession, raw: RawArticle) -> bool:
    """Store ``raw`` unless an article with the same content is there; True when it was new."""
    existing = await articles.get_by_hash(session, content_hash=articles.content_hash(raw.text))
    if existing is not None:
        return False
    await articles.create(
        session,
        source=raw.source,
        raw_text=raw.text,
        text=raw.text.strip(),
        title=raw.title,
        outlet=raw.outlet,
        published=raw.published,
        authors=raw.authors,
    )
    return True


async def load_inputs(
    session_factory: async_sessionmaker[AsyncSession],
    paths: Iterable[Path],
    *,
    max_bytes: int,
    on_item: Callable[[RawArticle | InputError], None] | None = None,
) -> LoadReport:
    """Read every input under ``paths`` and store each article in its own transaction."""
    report = LoadReport()
    for item in read_inputs(paths, max_bytes=max_bytes):
        if isinstance(item, InputError):
            report.failed.append(item)
        else:
            try:
                async with session_factory() as session, session.begin():
                    is_new = await store_article(session, item)
            except SQLAlchemyError as exc:
                report.failed.append(InputError(item.source, f"could not be stored: {type(exc).__name__}"))
            else:
                if is_new:
                    report.loaded += 1
                else:
                    report.skipped += 1
        if on_item is not None:
            on_item(item)
    return report
