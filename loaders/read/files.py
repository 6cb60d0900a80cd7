"""Reading inputs: files and folders in, ``RawArticle``s (or one ``InputError`` per bad input) out.

Every input is untrusted. Each is checked on its own (size before reading, binary content, encoding,
emptiness, JSON syntax), so one bad file or line yields one clear error and the rest still load.

Plain text (``.txt``) is one article per file; JSON Lines (``.jsonl``) one per line
(``loaders.read.json_lines``); HTML pages (``.html``) one per page (``loaders.read.html``).

    >>> for item in read_inputs([Path("seeds/")], max_bytes=10_000_000):  # doctest: +SKIP
    ...     print(item.source)
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from loaders.read.article import InputError, RawArticle
from loaders.read.html import read_html
from loaders.read.json_lines import read_json_lines

__all__ = ["HTML_SUFFIXES", "JSONL_SUFFIXES", "SUPPORTED_SUFFIXES", "TEXT_SUFFIXES", "read_inputs"]

TEXT_SUFFIXES = frozenset({".txt", ".text"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | JSONL_SUFFIXES | HTML_SUFFIXES


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
        yield read_html(source, data)
        return
    text = _decode(source, data)
    if isinstance(text, InputError):
        yield text
    elif path.suffix.lower() in JSONL_SUFFIXES:
        yield from read_json_lines(source, text)
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
