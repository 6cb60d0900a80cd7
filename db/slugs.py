"""Names people type: a topic or an actor given by its slug (``taiwan``, ``antony-blinken``) where an
ID is taken, told apart from an ID by decoding it.

    >>> ids_or_slugs(["VG9waWM6MQ", "taiwan"], "Topic")
    ([1], ['taiwan'])
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db.ids import InvalidIdError, decode_id
from db.queries.tables import ACTORS

__all__ = ["SLUG", "actor_pk", "ids_or_slugs", "is_slug"]

# What the loaders write: lower-case words of letters and digits joined by hyphens.
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_MAX_SLUG = 300


def is_slug(value: str) -> bool:
    return len(value) <= _MAX_SLUG and SLUG.fullmatch(value) is not None


def ids_or_slugs(values: Iterable[str], type_name: str) -> tuple[list[int], list[str]]:
    """The primary keys of the values that are IDs of a ``type_name`` and the values that are slugs;
    ``InvalidIdError`` for a value that is neither."""
    ids: list[int] = []
    slugs: list[str] = []
    for value in values:
        try:
            ids.append(decode_id(value, expected_type=type_name)[1])
        except InvalidIdError:
            if not is_slug(value):
                raise InvalidIdError(f"neither the ID nor the slug of a {type_name}: {value[:64]!r}") from None
            slugs.append(value)
    return ids, slugs


async def actor_pk(session: AsyncSession, value: str) -> int | None:
    """The primary key of the actor ``value`` names, by ID or by slug (``antony-blinken``); ``None``
    when it names none (whether the row of an ID exists is left to the caller)."""
    try:
        return decode_id(value, expected_type="Actor")[1]
    except InvalidIdError:
        if not is_slug(value):
            return None
    found = await session.scalar(select(ACTORS.c.id).where(ACTORS.c.slug == value))
    return int(found) if found is not None else None
