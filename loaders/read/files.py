"""Reading inputs: files and folders in, ``RawArticle``s (or one ``InputError`` per bad input) out.

Every input is untrusted. Each is checked on its own (what kind of file it is, size before reading,
binary content, encoding, emptiness, JSON syntax), so one bad file or line yields one clear error
and the rest still load. In a folder, FIFOs, sockets, devices, symbolic link loops and dangling
links each give a line; links to files are read, links to folders are not followed.

Plain text (``.txt``) is one article per file; JSON Lines (``.jsonl``) one per line
(``loaders.read.json_lines``); HTML pages (``.html``) one per page (``loaders.read.html``). Text
files are decoded by ``loaders.read.decode``: a byte order mark, else UTF-8, else a detected encoding.

    >>> for item in read_inputs([Path("seeds/")], max_bytes=10_000_000):  # doctest: +SKIP
    ...     print(item.source)
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from loaders.read.article import InputError, RawArticle
from loaders.read.decode import decode_text
from loaders.read.html import read_html
from loaders.read.json_lines import read_json_lines

__all__ = ["HTML_SUFFIXES", "JSONL_SUFFIXES", "SUPPORTED_SUFFIXES", "TEXT_SUFFIXES", "read_inputs"]

TEXT_SUFFIXES = frozenset({".txt", ".text"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | JSONL_SUFFIXES | HTML_SUFFIXES

_SPECIAL_KINDS = (
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def read_inputs(paths: Iterable[Path], *, max_bytes: int) -> Iterator[RawArticle | InputError]:
    """Each article in ``paths`` (files, or folders searched recursively), in a stable order."""
    for path in paths:
        mode = _mode(path)
        if isinstance(mode, InputError):
            yield mode
        elif stat.S_ISDIR(mode):
            entries = sorted(_walk(path))
            if not entries:
                yield InputError(str(path), "folder holds no .txt or .jsonl files (nor .html pages)")
            for entry, problem in entries:
                if problem is not None:
                    yield problem
                else:
                    yield from _read_safely(entry, max_bytes=max_bytes)
        elif stat.S_ISREG(mode):
            yield from _read_safely(path, max_bytes=max_bytes)
        else:
            yield _not_regular(path, mode)


def _mode(path: Path) -> int | InputError:
    """The mode of what ``path`` leads to, following links, or why it leads nowhere."""
    try:
        return path.stat().st_mode
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return InputError(str(path), "symbolic link loop")
        if exc.errno == errno.ENOENT and path.is_symlink():
            return InputError(str(path), f"dangling symbolic link (to {os.readlink(path)}, which does not exist)")
        if exc.errno == errno.ENOENT:
            return InputError(str(path), "no such file or folder")
        return InputError(str(path), f"cannot read: {exc.strerror or exc}")


def _not_regular(path: Path, mode: int) -> InputError:
    kind = next((name for test, name in _SPECIAL_KINDS if test(mode)), "not a regular file")
    return InputError(str(path), f"{kind}, not a file of articles")


def _walk(folder: Path) -> Iterator[tuple[Path, InputError | None]]:
    """Files of a supported kind under ``folder``, and a problem for each entry that is no file at all
    (special files, broken links). Links to folders are not followed, so no loop is walked."""
    try:
        entries = list(os.scandir(folder))
    except OSError as exc:
        yield folder, InputError(str(folder), f"cannot list folder: {exc.strerror or exc}")
        return
    for entry in entries:
        path = Path(entry.path)
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(path)
            continue
        mode = _mode(path)
        if isinstance(mode, InputError):
            yield path, mode
        elif stat.S_ISREG(mode):
            if path.suffix.lower() in SUPPORTED_SUFFIXES:
                yield path, None
        elif not stat.S_ISDIR(mode):
            yield path, _not_regular(path, mode)


def _read_safely(path: Path, *, max_bytes: int) -> Iterator[RawArticle | InputError]:
    """``_read_file``, with whatever else a hostile file makes a reader raise reported as its error."""
    try:
        yield from _read_file(path, max_bytes=max_bytes)
    except Exception as exc:  # one odd file must not stop the others: it is reported and the rest go on
        yield InputError(str(path), f"could not be read: {type(exc).__name__}: {str(exc)[:200]}")


def _read_file(path: Path, *, max_bytes: int) -> Iterator[RawArticle | InputError]:
    source = str(path)
    data = _read_bytes(path, max_bytes)
    if isinstance(data, InputError):
        yield data
        return
    if path.suffix.lower() in HTML_SUFFIXES:
        yield read_html(source, data)
        return
    decoded = decode_text(data)
    if isinstance(decoded, str):
        yield InputError(source, decoded)
    elif path.suffix.lower() in JSONL_SUFFIXES:
        for item in read_json_lines(source, decoded.text):
            yield replace(item, encoding=decoded.encoding) if isinstance(item, RawArticle) else item
    elif not decoded.text.strip():
        yield InputError(source, "file is empty")
    else:
        yield RawArticle(source=source, text=decoded.text, encoding=decoded.encoding)


def _read_bytes(path: Path, max_bytes: int) -> bytes | InputError:
    """The file's bytes, checked to be a regular file of at most ``max_bytes`` once it is open (it
    may have been swapped for a FIFO since it was listed: opened without blocking, it cannot hang)."""
    source = str(path)
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as exc:
        vanished = _mode(path) if exc.errno in (errno.ELOOP, errno.ENOENT) else None
        return vanished if isinstance(vanished, InputError) else InputError(source, f"cannot read: {exc.strerror}")
    with os.fdopen(descriptor, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            return _not_regular(path, info.st_mode)
        if info.st_size > max_bytes:
            return InputError(source, f"file is {info.st_size:,} bytes, over the limit of {max_bytes:,}")
        try:
            data = handle.read(max_bytes + 1)
        except OSError as exc:
            return InputError(source, f"cannot read file: {exc.strerror or exc}")
    if len(data) > max_bytes:
        return InputError(source, f"file grew past the limit of {max_bytes:,} bytes while it was read")
    return data
