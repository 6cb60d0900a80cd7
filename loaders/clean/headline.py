"""The headline's slot: the headline is the line just above the story and its byline, whatever else
the page header holds.

Pages put their name, a tagline, menus, section labels, an archive or editor's note, dates and a
byline around the headline, in any order. What does not vary is where the headline sits: it is the
headline-like line nearest above the story's first paragraph, once bylines, date lines, datelines,
credits, captions and notes between them are passed over; when two headline-like lines stand together,
the upper is the headline and the lower its standfirst. A headline-like line is a phrase of a few
words to a few dozen, in mixed case, naming someone or somewhere; not a menu, a label or a sentence
that ends with a full stop.

The slot is asked only when the line the header rules took (``loaders.clean.story``) does not read as
a headline (a menu, a masthead in capitals, a desk byline), and only lines around the story are moved:
a line the story kept stays in it, since dating and extraction read the story's text.

    >>> headline_like("Envoys reopen talks on Nile dam in Addis Ababa")
    True
    >>> headline_like("Home | World | Africa"), headline_like("LIVE UPDATES"), headline_like("By Jane Roe")
    (False, False, False)

In: the pieces of a page as ``loaders.clean.story`` has judged them. Out: the same pieces, the
headline found (if any) cut as "title" and any other line taken for the title before set back to the
header's furniture.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from loaders.clean import furniture as f
from loaders.clean.pieces import Piece
from loaders.text import words

__all__ = ["TITLE_SEPARATOR", "choose_headline", "headline_like", "title_key"]

# "Headline | Outlet", "Headline - Outlet": the headline is before the last separator.
TITLE_SEPARATOR = re.compile(r"\s[|•]\s|\s[-–—]\s(?=[^-–—]+$)")

# Decisions a headline may have been given by a rule that judged it alone or by its first position.
_MAY_BE_HEADLINE = frozenset({None, "title", "related-headline", "page-header", "masthead"})
# Bars, bullets and arrows that set menu items and breadcrumbs apart ("World | Asia | Business").
_ITEM_SEPARATORS = re.compile(r"\s[|•·›»/>]\s")
# Labels of notes and sections above a story: "Editor's note:", "Updated:", "Opinion:".
_LABEL = re.compile(r"^[\w'’ ]{1,25}:\s*$|^(?:editor'?s note|note|update|correction|clarification)\b", re.I)


def headline_like(text: str) -> bool:
    """Whether ``text`` reads as a headline: 3 to 30 words in mixed case that name someone or somewhere
    (a capitalised word after the first), without a sentence's full stop, and not a menu, a section label,
    a byline or a label ("Read time: 7 min", "Hear this story")."""
    found = words(text)
    if not 3 <= len(found) <= 30 or not any(c.islower() for c in text):
        return False
    if not any(word[0].isupper() for word in found[1:]):
        return False
    if text.rstrip("\"'”’)").endswith(".") or _LABEL.match(text) or text.lower().startswith("by "):
        return False
    if len(_ITEM_SEPARATORS.findall(text)) >= 2 or f.is_section_label(text):
        return False
    return not (f.is_masthead_like(text) and len(found) <= 3)


def choose_headline(pieces: Sequence[Piece]) -> None:
    """Cut the headline of ``pieces`` as "title" when its slot holds one (see the module docstring)."""
    for piece in pieces:
        if piece.reason == "title" and _is_menu(piece.text):
            piece.reason = "page-header"  # "Top | Japan | Politics | Opinion" was taken for "Headline | Outlet"
    start = _story_start(pieces)
    if start is None:
        return
    taken = [piece for piece in pieces[:start] if piece.reason == "title"]
    if taken and all(headline_like(piece.text) for piece in taken):
        return  # the line taken by its position reads as a headline: the slot has nothing better to say
    block = _block_above(pieces, start)
    if not block:
        return
    headline = block[-1]
    key = title_key(headline.text)
    for piece in pieces[:start]:
        if piece.reason == "title" and piece is not headline and title_key(piece.text) != key:
            piece.reason = "page-header"
    headline.reason, headline.role = "title", "other"


def _block_above(pieces: Sequence[Piece], end: int) -> list[Piece]:
    """The nearest run of headline-like pieces above ``pieces[end]``, lowest first."""
    block: list[Piece] = []
    for piece in reversed(pieces[:end]):
        if piece.reason in _MAY_BE_HEADLINE and piece.role == "other" and headline_like(piece.text):
            block.append(piece)
        elif block:
            break  # the run ends at the first line that is not headline-like
    return block


def _story_start(pieces: Sequence[Piece]) -> int | None:
    """The index of the story's first paragraph: the first prose piece another prose piece follows, or
    that follows its dateline; None when no piece is."""
    for i, piece in enumerate(pieces):
        if piece.reason is not None or piece.role != "prose":
            continue
        after = pieces[i + 1] if i + 1 < len(pieces) else None
        before = pieces[i - 1] if i > 0 else None
        continued = after is not None and after.reason is None and after.role == "prose"
        if continued or (before is not None and before.reason == "dateline"):
            return i
    return None


def _is_menu(text: str) -> bool:
    """Three or more short items set apart by bars or bullets, each with a capital or in a script without
    case ("Top | Politics | ePaper | 日本語"): a menu, not a headline."""
    items = _ITEM_SEPARATORS.split(text)
    return len(items) >= 3 and all(
        len(words(item)) <= 3 and (any(c.isupper() for c in item) or not any(c.islower() for c in item))
        for item in items
    )


def title_key(text: str) -> str:
    """The headline of a title line in lower case, without "| Outlet": a bare repeat has the same key."""
    head = TITLE_SEPARATOR.split(text)[0]
    return " ".join(words(head)).lower()
