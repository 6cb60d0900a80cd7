"""The dates a JSON Lines record declares: a record in, its publication and modification dates out.

Feeds name the date of publication in many ways: ``published`` (ISO, or as a feed reader copies it from
RSS), ``datePublished`` (schema.org), ``pubDate`` (RSS), ``published_at``, ``date``, ``time`` (seconds
since 1970), or a key in the site's own language (``fecha``, ``datum``, ``data``, ``date_publication``).
Keys are compared without case, separators or a namespace (``dc:date``). A value is read, in order, as an
ISO date, a number of seconds (or milliseconds) since 1970, an RFC 822 date (``Sun, 21 May 2023 16:20:00
+0000``), a date of the loaders' own grammar (``loaders.text.find_dates``), and last with ``dateparser``
in the key's language and English. A numeric date either way round ("10/12/2023") is not decided here:
``DeclaredDate.readings`` holds both, for the dating stage to settle with the story's evidence. A value
that is no date at all is kept as text (for the audit trail) and dates nothing; it never refuses the line.

    >>> declared_dates({"text": "…", "pubDate": "Tue, 05 Sep 2023 08:00:00 GMT"}).published.readings
    (datetime.date(2023, 9, 5),)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from loaders.text import find_dates

__all__ = ["DeclaredDate", "DeclaredDates", "declared_dates", "read_declared_date"]

# Normalised key -> the language its word is in (for dateparser), publication keys first by preference.
PUBLISHED_KEYS: dict[str, str] = {
    "published": "en",
    "datepublished": "en",
    "publisheddate": "en",
    "publishedat": "en",
    "publishedon": "en",
    "publicationdate": "en",
    "pubdate": "en",
    "issued": "en",
    "date": "en",
    "created": "en",
    "createdat": "en",
    "time": "en",
    "timestamp": "en",
    "fecha": "es",
    "fechapublicacion": "es",
    "fechadepublicacion": "es",
    "publicado": "es",
    "data": "pt",
    "datapublicacao": "pt",
    "datadepublicacao": "pt",
    "publicadoem": "pt",
    "datapubblicazione": "it",
    "pubblicato": "it",
    "datum": "de",
    "veroffentlicht": "de",
    "veröffentlicht": "de",
    "datepublication": "fr",
    "datedepublication": "fr",
    "publiele": "fr",
    "publiéle": "fr",
    "tarih": "tr",
    "yayintarihi": "tr",
    "yayıntarihi": "tr",
}
MODIFIED_KEYS: dict[str, str] = {
    "modified": "en",
    "datemodified": "en",
    "updated": "en",
    "updatedat": "en",
    "lastmodified": "en",
    "lastupdated": "en",
    "actualizado": "es",
    "atualizado": "pt",
    "aktualisiert": "de",
    "misajour": "fr",
}
_NOT_KEY = re.compile(r"[\W_]+")
# Seconds since 1970 between 1990 and 2100; more digits are milliseconds.
_EPOCH_SECONDS = (631_152_000, 4_102_444_800)


@dataclass(frozen=True)
class DeclaredDate:
    """A date a record declares: its key, its value as printed, and the days it can be (none: not a
    date; two: a numeric date either way round, day-first first)."""

    key: str
    text: str
    readings: tuple[date, ...]

    @property
    def value(self) -> date | None:
        """The one day it names, or None while it is none or two."""
        return self.readings[0] if len(self.readings) == 1 else None


@dataclass(frozen=True)
class DeclaredDates:
    """The record's publication and modification dates, each None when it declares none."""

    published: DeclaredDate | None = None
    modified: DeclaredDate | None = None


def declared_dates(record: dict[str, Any]) -> DeclaredDates:
    """The publication and modification dates ``record`` declares, by the first key of each list it has
    with a value that is a date (or, failing that, the first such key at all)."""
    keys = {_key(k): k for k in record}
    return DeclaredDates(_first(record, keys, PUBLISHED_KEYS), _first(record, keys, MODIFIED_KEYS))


def _key(name: str) -> str:
    return _NOT_KEY.sub("", name.rsplit(":", 1)[-1].lower())


def _first(record: dict[str, Any], keys: dict[str, str], wanted: dict[str, str]) -> DeclaredDate | None:
    found = [
        read_declared_date(keys[key], record[keys[key]], language)
        for key, language in wanted.items()
        if key in keys and record[keys[key]] not in (None, "")
    ]
    return next((d for d in found if d.readings), found[0] if found else None)


def read_declared_date(key: str, value: object, language: str = "en") -> DeclaredDate:
    """The days ``value`` (a string or a number) can be; see the module docstring."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return DeclaredDate(key, repr(value), ())
    text = str(value).strip()
    return DeclaredDate(key, text, _readings(text, language))


def _readings(text: str, language: str) -> tuple[date, ...]:
    try:
        return (date.fromisoformat(text[:10]),)
    except ValueError:
        pass
    if re.fullmatch(r"\d{9,13}(?:\.\d+)?", text):
        return _epoch(float(text))
    try:
        return (parsedate_to_datetime(text).date(),)
    except (TypeError, ValueError, IndexError):
        pass
    found = [d for d in find_dates(text, foreign=True) if d.year is not None and d.day is not None]
    if len(found) == 1:
        return found[0].readings
    return _by_dateparser(text, language)


def _epoch(seconds: float) -> tuple[date, ...]:
    if seconds > _EPOCH_SECONDS[1]:
        seconds /= 1000
    if not _EPOCH_SECONDS[0] <= seconds <= _EPOCH_SECONDS[1]:
        return ()
    return (datetime.fromtimestamp(seconds, tz=UTC).date(),)


def _by_dateparser(text: str, language: str) -> tuple[date, ...]:
    """A second opinion on forms the grammar does not read; relative phrases ("2 hours ago") are refused,
    as a record's date must not depend on when it is loaded."""
    import dateparser  # noqa: PLC0415 - slow to import, and needed only for rare values

    languages = list(dict.fromkeys([language, "en"]))
    settings = {
        "STRICT_PARSING": True,
        "REQUIRE_PARTS": ["day", "month", "year"],
        "PARSERS": ["absolute-time", "custom-formats"],
    }
    parsed = dateparser.parse(text, languages=languages, settings=settings)
    return (parsed.date(),) if parsed is not None else ()
