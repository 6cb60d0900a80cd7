"""Reading and writing articles.

>>> article = await create(session, source="seeds/a.txt", raw_text=raw, text=clean)  # doctest: +SKIP
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Article

__all__ = ["content_hash", "count", "create", "get", "get_by_hash", "list_all", "stored_hashes"]

_WHITESPACE = re.compile(r"\s+")


def content_hash(text: str) -> str:
    """SHA-256 of ``text`` normalised (Unicode NFC, runs of white space folded, ends stripped), so the
    same story saved with other line endings or indentation is recognised as the same article."""
    normalised = _WHITESPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


async def get(session: AsyncSession, *, article_id: int) -> Article | None:
    return await session.get(Article, article_id)


async def get_by_hash(session: AsyncSession, *, content_hash: str) -> Article | None:
    return await session.scalar(select(Article).where(Article.content_hash == content_hash))


async def stored_hashes(session: AsyncSession, *, content_hashes: Iterable[str]) -> set[str]:
    """Which of ``content_hashes`` belong to stored articles."""
    wanted = list(set(content_hashes))
    if not wanted:
        return set()
    return set(await session.scalars(select(Article.content_hash).where(Article.content_hash.in_(wanted))))


async def list_all(session: AsyncSession) -> Sequence[Article]:
    """Every article, oldest first."""
    return (await session.scalars(select(Article).order_by(Article.id))).all()


async def count(session: AsyncSession) -> int:
    return await session.scalar(select(func.count()).select_from(Article)) or 0


async def create(
    session: AsyncSession,
    *,
    source: str,
    raw_text: str,
    text: str,
    title: str | None = None,
    outlet: str | None = None,
    published: date | None = None,
    authors: Sequence[str] = (),
    dateline: str | None = None,
    reference_date: date | None = None,
    reference_date_precision: str | None = None,
    reference_date_basis: dict[str, Any] | None = None,
    encoding: str | None = None,
) -> Article:
    """Add a new article (flushed, not committed), identified by the hash of ``raw_text``.

    ``reference_date`` is the first day at ``reference_date_precision`` ('day', 'month' or 'year'; None
    beside a date is read as a day); ``reference_date_basis`` is its audit trail, in the shape that
    ``db.reference_date.read_basis`` reads. The database refuses another precision, or a precision
    without a date, when the session flushes (``IntegrityError``). ``encoding`` is the one the input was
    decoded from."""
    article = Article(
        source=source,
        raw_text=raw_text,
        text=text,
        content_hash=content_hash(raw_text),
        title=title,
        outlet=outlet,
        published=published,
        authors=list(authors),
        dateline=dateline,
        reference_date=reference_date,
        reference_date_precision=reference_date_precision,
        reference_date_basis=reference_date_basis,
        encoding=encoding,
    )
    session.add(article)
    await session.flush()
    return article
