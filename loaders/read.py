"""Reading inputs: files and folders in, ``RawArticle``s (or one ``InputError`` per bad input) out.

Every input is untrusted. Each is checked on its own (size before reading, binary content, encoding,
emptiness, JSON syntax), so one bad file or line yields one clear error and the rest still load.

HTML pages (``.html``, ``.htm``) are read with trafilatura, offline: the main text becomes the
article's text, and the page's title, site name, date and authors become its declared metadata.

    >>> for item in read_inputs([Path("seeds/")], max_bytes=10_000_000):  # doctest: +SKIP
    ...     print(item.source)
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import trafilatura
from trafilatura.settings import Document

from loaders.furniture import is_prose

__all__ = ["HTML_SUFFIXES", "TEXT_SUFFIXES", "InputError", "RawArticle", "read_inputs"]

TEXT_SUFFIXES = frozenset({".txt", ".text"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | JSONL_SUFFIXES | HTML_SUFFIXES


@dataclass(frozen=True)
class RawArticle:
    """One article as read, before cleaning: its text and whatever metadata the input declared."""

    source: str
    text: str
    title: str | None = None
    outlet: str | None = None
    published: date | None = None
    authors: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class InputError:
    """An input that cannot be loaded, and why, in words for the person who gave it."""

    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


def read_inputs(paths: Iterable[Path], *, max_bytes: int) -> Iterator[RawArticle | InputError]:
    """Each article in ``paths`` (files, or folders searched recursively), in a stable order."""
    for path in paths:
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES)
            if not files:
                yield InputError(str(path), "folder holds no .txt or .jsonl files (nor .html pages)")
            for file in files:
                yield from _read_file(file, max_bytes=max_bytes)
        elif path.is_file():
            yield from _read_file(path, max_bytes=max_bytes)
        else:
            yield InputError(str(path), "no such file or folder")


def _read_file(path: Path, *, max_bytes: int) -> Iterator[RawArticle | InputError]:
    source = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            yield InputError(source, f"file is {size:,} bytes, over the limit of {max_bytes:,}")
            return
        data = path.read_bytes()
    except OSError as exc:
        yield InputError(source, f"cannot read file: {exc.strerror or exc}")
        return
    if path.suffix.lower() in HTML_SUFFIXES:
        yield _read_html(source, data)
        return
    text = _decode(source, data)
    if isinstance(text, InputError):
        yield text
    elif path.suffix.lower() in JSONL_SUFFIXES:
        yield from _read_json_lines(source, text)
    elif not text.strip():
        yield InputError(source, "file is empty")
    else:
        yield RawArticle(source=source, text=text)


def _decode(source: str, data: bytes) -> str | InputError:
    if b"\x00" in data[:8192]:
        return InputError(source, "binary file (NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return InputError(source, f"not valid UTF-8: byte 0x{data[exc.start]:02x} at offset {exc.start}")


def _read_json_lines(source: str, text: str) -> Iterator[RawArticle | InputError]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(where, f"invalid JSON at column {exc.colno}: {exc.msg}")
            continue
        yield _article_from_record(where, record)


def _article_from_record(source: str, record: Any) -> RawArticle | InputError:
    if not isinstance(record, dict):
        return InputError(source, "a JSON Lines article must be an object")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        return InputError(source, "'text' is missing or empty")
    for key, value in record.items():
        if isinstance(value, str) and not _encodable(value):
            return InputError(source, f"'{key}' holds an unpaired surrogate escape, not text")
    strings = {key: record.get(key) for key in ("title", "outlet", "url")}
    for key, value in strings.items():
        if value is not None and not isinstance(value, str):
            return InputError(source, f"'{key}' must be a string")
    authors = record.get("authors") or []
    if isinstance(authors, str):
        authors = [authors]
    if not isinstance(authors, list) or not all(isinstance(a, str) and _encodable(a) for a in authors):
        return InputError(source, "'authors' must be a list of strings")
    published = record.get("published")
    try:
        published_date = date.fromisoformat(published[:10]) if published else None
    except (TypeError, ValueError):
        return InputError(source, f"'published' is not an ISO date: {published!r}")
    return RawArticle(
        source=strings["url"] or source,
        text=text,
        title=strings["title"],
        outlet=strings["outlet"],
        published=published_date,
        authors=tuple(authors),
    )


def _read_html(source: str, data: bytes) -> RawArticle | InputError:
    """The main text of an HTML page and its metadata; trafilatura decodes by the page's own charset."""
    if b"\x00" in data[:8192]:
        return InputError(source, "binary file (NUL bytes), not HTML")
    if not data.strip():
        return InputError(source, "file is empty")
    document = trafilatura.bare_extraction(
        data,
        with_metadata=True,
        include_comments=False,
        include_images=False,
        # The page's own publication date, from its metadata and markup only (no guessing from URLs).
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    # Without an article, trafilatura falls back to whatever text there is (a menu, a footer): a page
    # counts as an article only when some line of it reads as a sentence.
    text = document.text if isinstance(document, Document) else None
    if not isinstance(document, Document) or not text or not any(is_prose(line) for line in text.splitlines()):
        return InputError(source, "no article text found in the HTML page")
    outlet = _clean_field(document.sitename)
    return RawArticle(
        source=source,
        text=text,
        title=_strip_site_name(_clean_field(document.title), outlet),
        outlet=outlet,
        published=_iso_date(document.date),
        # trafilatura joins several authors with "; ".
        authors=tuple(a.strip() for a in (document.author or "").split(";") if a.strip()),
    )


def _clean_field(value: str | None) -> str | None:
    cleaned = " ".join((value or "").split())
    return cleaned or None


def _strip_site_name(title: str | None, outlet: str | None) -> str | None:
    """The title without a trailing "| Outlet" (or "- Outlet") when the outlet is the page's site name."""
    if title is None or outlet is None:
        return title
    for separator in (" | ", " - ", " – ", " — ", " :: "):
        suffix = separator + outlet
        if title.lower().endswith(suffix.lower()) and len(title) > len(suffix):
            return title[: -len(suffix)].strip()
    return title


def _iso_date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _encodable(text: str) -> bool:
    """JSON can escape half of a UTF-16 pair ("\\ud83c"), which is no character and cannot be stored."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
