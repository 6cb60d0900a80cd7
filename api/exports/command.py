"""``readout export --format json|ndjson|csv|geojson --kind events|actors|venues|articles``: one
list of the knowledge base written to a text stream as it is read, a batch at a time.

    >>> await write_export(session_factory, Format.CSV, Kind.EVENTS, EventFilter(), sys.stdout)  # doctest: +SKIP
    0
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from enum import StrEnum
from typing import TextIO

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api.exports.formats import Format, Kind, write
from api.exports.rows import export_rows
from api.rest.representations import API_PREFIX
from db.dates import last_day, parse_partial_date
from db.ids import InvalidIdError
from db.queries.event_filter import EventFilter
from db.queries.exports import count_unplaced_events
from db.slugs import ids_or_slugs

__all__ = ["cli_event_filter", "write_export"]


def cli_event_filter(
    *,
    topics: Sequence[str] | None,
    countries: Sequence[str] | None,
    kinds: Sequence[StrEnum] | None,
    statuses: Sequence[StrEnum] | None,
    since: str | None,
    until: str | None,
) -> EventFilter:
    """The filter of the command's options; ``ValueError`` saying which option is wrong."""
    try:
        topic_ids, topic_slugs = ids_or_slugs(topics or (), "Topic")
    except InvalidIdError as exc:
        raise ValueError(f"--topic: {exc}") from exc
    for code in countries or ():
        if len(code) != 2 or not code.isalpha():
            raise ValueError(f"--country: an ISO 3166-1 alpha-2 code such as 'CN', not {code!r}")
    return EventFilter(
        topic_ids=topic_ids,
        topic_slugs=topic_slugs,
        countries=[code.upper() for code in countries or ()],
        kinds=[kind.value for kind in kinds or ()],
        statuses=[status.value for status in statuses or ()],
        date_from=_day("--from", since, last=False),
        date_to=_day("--to", until, last=True),
    )


def _day(option: str, value: str | None, *, last: bool) -> date | None:
    if value is None:
        return None
    try:
        day, precision = parse_partial_date(value)
    except ValueError as exc:
        raise ValueError(f"{option}: a date such as '2023', '2023-06' or '2023-06-18', not {value!r}") from exc
    return last_day(day, precision) if last else day


async def write_export(
    session_factory: async_sessionmaker[AsyncSession],
    fmt: Format,
    kind: Kind,
    event_filter: EventFilter,
    out: TextIO,
    *,
    base_url: str = "",
) -> int:
    """Write the ``kind`` list (events passing ``event_filter``) in ``fmt`` to ``out``; returns how
    many events a GeoJSON export left out for want of a place (0 otherwise). ``ValueError`` for
    GeoJSON of actors or articles, before anything is written."""
    async with session_factory() as session:
        unplaced = 0
        if fmt is Format.GEOJSON and kind is Kind.EVENTS:
            unplaced = await count_unplaced_events(session, event_filter=event_filter)
        async for chunk in write(fmt, kind, export_rows(session, kind, event_filter, base_url + API_PREFIX)):
            out.write(chunk)
    return unplaced
