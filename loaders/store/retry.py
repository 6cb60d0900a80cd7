"""Retrying database work through an outage: an async step in, its result out, or ``DatabaseUnavailableError``
once the database has stayed out of reach through every retry.

Only unavailability is retried (a refused or dropped connection, a server shutting down or starting:
``db.availability.is_unavailable``); any other error is the step's own and is raised at once. Each
attempt is a whole transaction, so a retried article is written once or not at all.

    >>> stored = await with_retries(lambda: store_article(factory, article, extraction, cache))  # doctest: +SKIP
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from typing import TypeVar

from db.availability import is_unavailable

__all__ = ["RETRY_DELAYS", "DatabaseUnavailableError", "with_retries"]

T = TypeVar("T")

RETRY_DELAYS: tuple[float, ...] = (1.0, 2.0, 4.0, 8.0, 16.0, 30.0)
"""Seconds to wait before each retry: about a minute in all. A restart of a busy server takes a good
part of that (22 s measured here: its shutdown checkpoint, then recovery); a longer outage stops the
load, which the next run resumes."""


class DatabaseUnavailableError(RuntimeError):
    """The database stayed out of reach through every retry; the message says what it answered last."""


async def with_retries(
    attempt: Callable[[], Awaitable[T]],
    *,
    delays: Sequence[float] = RETRY_DELAYS,
    on_retry: Callable[[BaseException], None] | None = None,
) -> T:
    """``attempt()``, tried again after each of ``delays`` while the database is unavailable."""
    for delay in (*delays, None):
        try:
            return await attempt()
        except Exception as exc:
            if not is_unavailable(exc):
                raise
            if delay is None:
                raise DatabaseUnavailableError(_summary(exc)) from exc
            if on_retry is not None:
                on_retry(exc)
            await asyncio.sleep(delay)
    raise AssertionError("unreachable: the last delay is None")  # pragma: no cover


def _summary(exc: BaseException) -> str:
    origin = getattr(exc, "orig", None) or exc
    first = next(iter(str(origin).strip().splitlines()), "") or type(origin).__name__
    return f"{type(origin).__name__}: {first[:200]}"
