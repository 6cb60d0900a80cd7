"""Lists of other stories' headlines after the story: the lines a "See also", "Related" or "More from
World" heading introduces, and bulleted headline lines ("• Rand slides as …", "→ Minister: …").

Pieces in, the same pieces out with those lines cut as ``related-headline``. A heading is cut on its
own (``loaders.clean.furniture``); the headlines under it read like short sentences, so without this
they would be kept as story and their people counted as the article's.

    >>> cut_headline_lists(pieces)  # doctest: +SKIP
"""

from __future__ import annotations

import re

from loaders.clean.pieces import Piece
from loaders.text import words

__all__ = ["cut_headline_lists"]

# A list item's mark at the start of a line: bullets, arrows and dashes.
_BULLET = re.compile(r"^[•·▪▸►›»→■◆○●\-–—*]\s*")
# A headline is short and does not end like a sentence ("Israel says talks to resume in Cairo").
_MAX_HEADLINE_WORDS = 20


def _headline_like(text: str) -> bool:
    return len(words(text)) <= _MAX_HEADLINE_WORDS and not text.rstrip("\"'”’ )").endswith((".", ":", ";"))


def cut_headline_lists(pieces: list[Piece]) -> None:
    """Cut, in place, the headline-like lines right after a related-headline heading, and bulleted
    headline-like lines after the story has begun."""
    under_heading = False
    story_begun = False
    for piece in sorted(pieces, key=lambda p: p.start):
        if piece.reason == "related-headline":
            under_heading = True
            continue
        if piece.reason is not None:
            continue  # an ad or a share button between headlines keeps the list going
        bulleted = _BULLET.match(piece.text) is not None
        if (under_heading or (bulleted and story_begun)) and _headline_like(_BULLET.sub("", piece.text)):
            piece.reason = "related-headline"
            continue
        under_heading = False
        story_begun = story_begun or piece.role == "prose"
