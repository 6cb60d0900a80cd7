"""Bytes of a text file in, its text and the encoding it was read in out, or why it is not text.

A byte order mark says the encoding outright (UTF-8, UTF-16 or UTF-32, either byte order). Without
one, text that is valid UTF-8 is UTF-8; anything else is given to ``charset-normalizer``, and its
answer is taken only when it decodes the whole file without mess (no control characters, a low
chaos score) and no other encoding decodes it as cleanly into other text (``_confident_guess``).
NUL bytes without a byte order mark mean a binary file.

    >>> decode_text("Genève".encode("cp1252") + b" talks resumed on Monday.")  # doctest: +SKIP
    Decoded(text='Genève talks resumed on Monday.', encoding='cp1252')
"""

from __future__ import annotations

import codecs
import unicodedata
from dataclasses import dataclass

import charset_normalizer

__all__ = ["Decoded", "decode_text"]

# Longest first: the UTF-32 little-endian mark begins with the UTF-16 one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# charset-normalizer's "chaos" is the share of the text that looks like mojibake; it drops candidates
# above 0.2 itself. News text decoded in the right single-byte code page scores 0.
_MAX_CHAOS = 0.1
# Controls a text file may hold (tab, line feed, form feed, carriage return); any other means a
# detector's guess turned binary data into characters.
_ALLOWED_CONTROLS = frozenset("\t\n\x0b\x0c\r")


@dataclass(frozen=True)
class Decoded:
    """The text of a file and the encoding it was read in (``utf-8`` for plain UTF-8)."""

    text: str
    encoding: str


def decode_text(data: bytes) -> Decoded | str:
    """The text of ``data``, or the reason it is not text (one line, for the person who gave the file)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                # The UTF-16/32 codecs read the mark themselves (and drop it); utf-8-sig drops it too.
                return Decoded(data.decode(encoding), encoding.removesuffix("-sig"))
            except UnicodeDecodeError as exc:
                name = encoding.removesuffix("-sig").upper()
                return f"starts with a {name} byte order mark but is not valid {name}: byte {exc.start}"
    if b"\x00" in data[:8192]:
        return "binary file (NUL bytes), not text"
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        not_utf8 = f"not valid UTF-8: byte 0x{data[exc.start]:02x} at offset {exc.start}"
    guess = _confident_guess(data)
    if guess is None:
        return f"{not_utf8}, and no other encoding fits it for certain"
    encoding, text = guess
    if any(unicodedata.category(c) == "Cc" and c not in _ALLOWED_CONTROLS for c in text):
        return f"{not_utf8}, and no other encoding fits it for certain"
    return Decoded(text, encoding)


def _confident_guess(data: bytes) -> tuple[str, str] | None:
    """The encoding charset-normalizer finds cleanest and the text it gives, when it is the one answer.

    Short texts often decode equally cleanly in several code pages. Then the answer is certain when
    they all give the same text; else Windows-1252, when it is among them (for the English news read
    here, by far the likeliest, and a superset of Latin-1's letters); else when one is the more
    coherent; else there is no answer."""
    matches = [m for m in charset_normalizer.from_bytes(data) if m.chaos <= _MAX_CHAOS]
    if not matches:
        return None
    cleanest = min(m.chaos for m in matches)
    tied = sorted((m for m in matches if m.chaos == cleanest), key=lambda m: -m.coherence)
    texts = {m.encoding: str(m) for m in tied}
    if len(set(texts.values())) == 1:
        return tied[0].encoding, texts[tied[0].encoding]
    if "cp1252" in texts:
        return "cp1252", texts["cp1252"]
    if tied[0].coherence > tied[1].coherence:
        return tied[0].encoding, texts[tied[0].encoding]
    return None
