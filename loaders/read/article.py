"""What reading makes of an input: a ``RawArticle``, or an ``InputError`` saying why it cannot be read."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

__all__ = ["InputError", "RawArticle", "encodable"]


@dataclass(frozen=True)
class RawArticle:
    """One article as read, before cleaning: its text and whatever metadata the input declared.

    ``origin`` says where declared metadata came from: "text" (none), "jsonl" (the record's fields) or
    "html" (the page's own metadata, where ``modified`` is the date it was last changed)."""

    source: str
    text: str
    title: str | None = None
    outlet: str | None = None
    published: date | None = None
    authors: tuple[str, ...] = field(default=())
    modified: date | None = None
    origin: str = "text"
    encoding: str = "utf-8"
    """The encoding the input was read in (``loaders.read.decode``); HTML pages declare their own."""
    url: str | None = None
    """The story's web address, when the input gives one (a JSON Lines ``url``, an HTML page's canonical
    link): its path often prints the day of publication (``/2023/07/11/``)."""
    declared_date: str | None = None
    """A publication date the input declares but that is not one certain day, as ``key: value`` (a JSON
    Lines ``fecha: 10/12/2023``, day or month first; or no date at all): the dating stage settles it by
    the story's evidence, or records it as unreadable."""


@dataclass(frozen=True)
class InputError:
    """An input that cannot be loaded, and why, in words for the person who gave it."""

    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


def encodable(text: str) -> bool:
    """JSON can escape half of a UTF-16 pair ("\\ud83c"), which is no character and cannot be stored."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
