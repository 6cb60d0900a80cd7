"""JSON Lines: one article per line, ``{"text": …, "title": …, "url": …, "published": …, "outlet": …,
"authors": […]}``; only ``text`` is required. The dates may sit under other keys and be printed in other
forms (``loaders.read.declared_dates``); a date that cannot be read dates nothing but keeps the line. Each
line is checked on its own: a bad line is one ``InputError`` and the other lines still load."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from loaders.read.article import InputError, RawArticle, encodable
from loaders.read.declared_dates import declared_dates

__all__ = ["read_json_lines"]


def read_json_lines(source: str, text: str) -> Iterator[RawArticle | InputError]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(where, f"invalid JSON at column {exc.colno}: {exc.msg}")
            continue
        except RecursionError:
            # The decoder gives up on nesting deeper than the interpreter's recursion limit.
            yield InputError(where, "JSON nested too deeply to be an article")
            continue
        yield _article_from_record(where, record)


def _article_from_record(source: str, record: Any) -> RawArticle | InputError:
    if not isinstance(record, dict):
        return InputError(source, "a JSON Lines article must be an object")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        return InputError(source, "'text' is missing or empty")
    for key, value in record.items():
        if isinstance(value, str) and not encodable(value):
            return InputError(source, f"'{key}' holds an unpaired surrogate escape, not text")
    strings = {key: record.get(key) for key in ("title", "outlet", "url")}
    for key, value in strings.items():
        if value is not None and not isinstance(value, str):
            return InputError(source, f"'{key}' must be a string")
    authors = record.get("authors") or []
    if isinstance(authors, str):
        authors = [authors]
    if not isinstance(authors, list) or not all(isinstance(a, str) and encodable(a) for a in authors):
        return InputError(source, "'authors' must be a list of strings")
    dates = declared_dates(record)
    published, modified = dates.published, dates.modified
    return RawArticle(
        source=strings["url"] or source,
        text=text,
        title=strings["title"],
        outlet=strings["outlet"],
        published=published.value if published else None,
        authors=tuple(authors),
        modified=modified.value if modified else None,
        origin="jsonl",
        url=strings["url"],
        declared_date=f"{published.key}: {published.text}" if published and published.value is None else None,
    )
