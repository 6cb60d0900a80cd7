"""Pieces of a raw page: its logical lines with their raw offsets, and parts of them cut out exactly.

A ``Piece`` is ``raw[start:end]`` with its text normalised (spaces squeezed, invisible characters
dropped); ``sub_piece`` maps a part of that text back to raw offsets, so every cut cleaning makes
can be recorded against the raw input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from loaders.clean import furniture as f

__all__ = ["Piece", "split_pieces", "sub_piece"]

# Spaces squeezed to one, and invisible characters dropped, so that the text is deterministic.
_SPACE_CHARS = " \t\r\n\u00a0\u202f\u205f\u3000" + "".join(map(chr, range(0x2000, 0x200B)))
_ZERO_WIDTH_CHARS = "\u200b\u200c\u200d\u2060\ufeff"
_SPACES = re.compile(f"[{_SPACE_CHARS}]+")
_ZERO_WIDTH = re.compile(f"[{_ZERO_WIDTH_CHARS}]")


@dataclass
class Piece:
    """``raw[start:end]`` as normalised ``text``, with what cleaning decided about it."""

    start: int  # raw offsets
    end: int
    text: str  # normalised text
    reason: str | None = None  # set when cut
    role: str = "other"  # "prose" | "caption" | "other" (not yet decided) | "kept" (heading, standfirst)
    printed: str = ""  # raw[start:end] as printed: gaps between menu items are lost in ``text``


def _normalise(text: str) -> str:
    return _SPACES.sub(" ", _ZERO_WIDTH.sub("", text)).strip(" ")


def _piece(raw: str, start: int, end: int) -> Piece | None:
    """The piece of ``raw[start:end]`` without its surrounding whitespace, or None when blank."""
    text = raw[start:end]
    blank = _SPACE_CHARS + _ZERO_WIDTH_CHARS
    stripped = text.strip(blank)
    if not stripped:
        return None
    start += len(text) - len(text.lstrip(blank))
    return Piece(start, start + len(stripped), _normalise(stripped), printed=stripped)


def split_pieces(raw: str) -> list[Piece]:
    """Logical lines of ``raw`` (hard wraps joined), with glued furniture phrases split off."""
    width = _wrap_width(raw)
    lines: list[Piece] = []
    previous_blank, previous_length = True, 0
    position = 0
    for line in raw.split("\n"):
        piece = _piece(raw, position, position + len(line))
        position += len(line) + 1
        if piece is None:
            previous_blank = True
            continue
        if lines and not previous_blank and _continues(lines[-1].text, piece.text, previous_length, width):
            last = lines[-1]
            lines[-1] = Piece(last.start, piece.end, f"{last.text} {piece.text}")
        else:
            lines.append(piece)
        previous_blank, previous_length = False, len(line.rstrip())
    return [part for line in lines for part in _split_glued(raw, line)]


def _wrap_width(raw: str) -> int | None:
    """The column a hard-wrapped text breaks at, or None when lines are paragraphs.

    Wrapped text has many lines of nearly the same length, none much longer.
    """
    lengths = sorted(len(line.rstrip()) for line in raw.split("\n") if line.strip())
    if len(lengths) < 5:
        return None
    width = lengths[int(len(lengths) * 0.9) - 1]
    near = sum(1 for n in lengths if width - 20 <= n <= width + 5)
    return width if 40 <= width <= 100 and near >= 0.5 * len(lengths) else None


def _continues(previous: str, line: str, previous_length: int, width: int | None) -> bool:
    """Whether ``line`` goes on with the paragraph of ``previous`` (a hard wrap, not a new line)."""
    if previous[-1] not in '.!?:;"”’*' and line[0].islower():
        return True  # a sentence broken mid-way, going on in lower case
    # In wrapped text a line that reached the margin was broken there, whatever comes next.
    return width is not None and previous_length >= width - 15


def _split_glued(raw: str, line: Piece) -> list[Piece]:
    cuts: list[tuple[int, int, str]] = []
    text = raw[line.start : line.end]
    for reason, pattern in f.GLUED:
        cuts.extend((m.start(), m.end(), reason) for m in pattern.finditer(text))
    if not cuts:
        return [line]
    cuts.sort()
    parts: list[Piece] = []
    cursor = 0
    for start, end, reason in cuts:
        if start < cursor:
            continue
        before = _piece(raw, line.start + cursor, line.start + start)
        if before is not None:
            parts.append(before)
        cut = _piece(raw, line.start + start, line.start + end)
        if cut is not None:
            cut.reason = reason
            parts.append(cut)
        cursor = end
    rest = _piece(raw, line.start + cursor, line.end)
    if rest is not None:
        parts.append(rest)
    return parts


def sub_piece(raw: str, piece: Piece, start: int, end: int) -> Piece:
    """The part ``piece.text[start:end]`` as a piece of its own, its offsets mapped back to ``raw``."""
    positions = _raw_positions(raw, piece)
    first, last = start, end
    while first < last and piece.text[first] == " ":
        first += 1
    while last > first and piece.text[last - 1] == " ":
        last -= 1
    if first == last:
        return Piece(piece.end, piece.end, "")
    return Piece(positions[first], positions[last - 1] + 1, piece.text[first:last])


def _raw_positions(raw: str, piece: Piece) -> list[int]:
    """For each character of ``piece.text``, its offset in ``raw`` (a space stands for a whole run)."""
    positions: list[int] = []
    i = piece.start
    for char in piece.text:
        while i < piece.end and raw[i] in _ZERO_WIDTH_CHARS:
            i += 1
        positions.append(i)
        i += 1
        if char == " ":
            while i < piece.end and (raw[i] in _SPACE_CHARS or raw[i] in _ZERO_WIDTH_CHARS):
                i += 1
    return positions
