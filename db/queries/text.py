"""Case-insensitive substring matching that behaves alike on SQLite and Postgres.

Both sides are lower-cased by the database's ``lower()``; SQLite folds ASCII letters only, so other
letters match as typed on SQLite. ``%``, ``_`` and ``\\`` in what the user typed match themselves.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func
from sqlalchemy.orm import QueryableAttribute
from sqlalchemy.sql.elements import ColumnElement

__all__ = ["contains", "search_terms"]

LIKE_ESCAPE = "\\"


def search_terms(query: str, *, limit: int = 10) -> list[str]:
    """The distinct lower-cased words of ``query``, at most ``limit`` of them."""
    return list(dict.fromkeys(word.lower() for word in query.split() if word))[:limit]


def contains(column: ColumnElement[Any] | QueryableAttribute[Any], term: str) -> ColumnElement[bool]:
    """``column`` contains ``term``, ignoring case."""
    escaped = term.lower().replace(LIKE_ESCAPE, LIKE_ESCAPE * 2).replace("%", r"\%").replace("_", r"\_")
    return func.lower(column).like(f"%{escaped}%", escape=LIKE_ESCAPE)
