"""The export formats: JSON (one array), NDJSON (a JSON object a line), CSV (a header and a row each)
and GeoJSON (an RFC 7946 ``FeatureCollection`` of points), each written from batches of flat rows as
they come, so nothing holds more than one batch.

Rows are dicts whose values are text, numbers, ``None`` or lists of text; ``COLUMNS`` names each
kind's in order (the CSV header). A list becomes one cell of its items joined by ``"; "`` in CSV. In
GeoJSON, a row with ``latitude`` and ``longitude`` is a ``Point`` feature carrying the other fields
as its properties; a row without them is left out (the caller counts those beforehand).

    >>> async for chunk in write(Format.CSV, Kind.EVENTS, batches):  # doctest: +SKIP
    ...     sys.stdout.write(chunk)
"""

from __future__ import annotations

import csv
import io
from collections.abc import AsyncIterator, Sequence
from enum import StrEnum
from typing import Any

import orjson

__all__ = ["COLUMNS", "MEDIA_TYPES", "Format", "Kind", "Row", "write"]

Row = dict[str, Any]


class Format(StrEnum):
    JSON = "json"
    NDJSON = "ndjson"
    CSV = "csv"
    GEOJSON = "geojson"


class Kind(StrEnum):
    EVENTS = "events"
    ACTORS = "actors"
    VENUES = "venues"
    ARTICLES = "articles"


MEDIA_TYPES = {
    Format.JSON: "application/json",
    Format.NDJSON: "application/x-ndjson",
    Format.CSV: "text/csv; charset=utf-8",
    Format.GEOJSON: "application/geo+json",
}

COLUMNS: dict[Kind, tuple[str, ...]] = {
    Kind.EVENTS: (
        "id",
        "title",
        "kind",
        "status",
        "start",
        "end",
        "confidence",
        "participants",
        "topics",
        "venue",
        "venue_name",
        "country",
        "latitude",
        "longitude",
        "url",
    ),
    Kind.ACTORS: ("id", "name", "slug", "kind", "country", "url"),
    Kind.VENUES: ("id", "name", "slug", "kind", "city", "country", "latitude", "longitude", "parent", "url"),
    Kind.ARTICLES: ("id", "title", "outlet", "published", "source", "authors", "url"),
}

# The kinds that have points on a map.
GEOGRAPHIC = frozenset({Kind.EVENTS, Kind.VENUES})


def _json(value: Any) -> str:
    return orjson.dumps(value).decode()


def _cell(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return "; ".join(str(item) for item in value)
    return "" if value is None else value


def _csv_line(values: Sequence[Any]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow(values)
    return buffer.getvalue()


def _feature(row: Row) -> str | None:
    latitude, longitude = row.get("latitude"), row.get("longitude")
    if latitude is None or longitude is None:
        return None
    properties = {name: value for name, value in row.items() if name not in ("latitude", "longitude")}
    # RFC 7946, 3.1.1: a position is longitude, then latitude.
    geometry = {"type": "Point", "coordinates": [longitude, latitude]}
    return _json({"type": "Feature", "id": row["id"], "geometry": geometry, "properties": properties})


_OPENING = {Format.JSON: "[", Format.GEOJSON: '{"type":"FeatureCollection","features":[', Format.NDJSON: ""}
_CLOSING = {Format.JSON: "\n]\n", Format.GEOJSON: "\n]}\n", Format.NDJSON: "", Format.CSV: ""}


def _item(fmt: Format, kind: Kind, row: Row) -> str | None:
    if fmt is Format.CSV:
        return _csv_line([_cell(row.get(name)) for name in COLUMNS[kind]])
    if fmt is Format.GEOJSON:
        return _feature(row)
    return _json(row)


async def write(fmt: Format, kind: Kind, batches: AsyncIterator[list[Row]]) -> AsyncIterator[str]:
    """The text of ``batches`` in ``fmt``, a batch's worth at a time. GeoJSON is for events and venues
    only (``ValueError`` before anything is written otherwise)."""
    if fmt is Format.GEOJSON and kind not in GEOGRAPHIC:
        raise ValueError(f"GeoJSON holds events and venues, which have places, not {kind.value}")
    opening = _csv_line(COLUMNS[kind]) if fmt is Format.CSV else _OPENING[fmt]
    if opening:
        yield opening
    # JSON and GeoJSON separate their items by commas; NDJSON and CSV end each with a line break.
    separated = fmt in (Format.JSON, Format.GEOJSON)
    first = True
    async for batch in batches:
        lines: list[str] = []
        for row in batch:
            item = _item(fmt, kind, row)
            if item is None:
                continue
            if separated:
                lines.append(("\n" if first else ",\n") + item)
                first = False
            else:
                lines.append(item if fmt is Format.CSV else item + "\n")
        if lines:
            yield "".join(lines)
    if _CLOSING[fmt]:
        yield _CLOSING[fmt]
