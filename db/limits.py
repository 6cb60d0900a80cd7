"""Limits on what one request may ask of the read side, shared by the REST API and GraphQL so that
both refuse the same input the same way.

>>> text_problem("Blinken\\x00")
'must not hold NUL characters'
>>> text_problem("\\ud800") is not None
True
"""

from __future__ import annotations

__all__ = ["MAX_FILTER_VALUES", "MAX_STRING_LENGTH", "MAX_TEXT_LENGTH", "text_problem"]

# Values one filter list may hold (actors, venues, countries, topics, kinds, …): REST refuses a
# parameter repeated more often, GraphQL a longer list.
MAX_FILTER_VALUES = 20
# Characters of a search text (`q`, `text`, `search`): longer ones only make LIKE patterns dearer.
MAX_TEXT_LENGTH = 200
# Characters of any other string a client passes (IDs, cursors, dates, outlet names, …).
MAX_STRING_LENGTH = 1000


def text_problem(value: str) -> str | None:
    """Why ``value`` cannot be passed on to the database, or None when it can: neither Postgres nor
    the drivers accept a NUL character, and a lone surrogate cannot be encoded as UTF-8 at all."""
    if "\x00" in value:
        return "must not hold NUL characters"
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return "must not hold unpaired surrogates (not valid Unicode text)"
    return None
