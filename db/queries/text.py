"""Case-insensitive substring matching that behaves alike on SQLite and Postgres.

Both sides are lower-cased by the database's ``lower()``; SQLite folds ASCII letters only, so other
letters match as typed on SQLite. ``%``, ``_`` and ``\\`` in what the user typed match themselves.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func
from sqlalchemy.orm import QueryableAttribute
from sqlalchemy.sql.elements import BindParameter, ColumnElement

__all__ = ["contains", "contains_bound", "like_pattern", "search_terms"]

LIKE_ESCAPE = "\\"


def search_terms(query: str, *, limit: int = 10) -> list[str]:
    """The distinct lower-cased words of ``query``, at most ``limit`` of them."""
    return list(dict.fromkeys(word.lower() for word in query.split() if word))[:limit]


def like_pattern(term: str) -> str:
    """The LIKE pattern that finds ``term`` anywhere in a lower-cased text."""
    escaped = term.lower().replace(LIKE_ESCAPE, LIKE_ESCAPE * 2).replace("%", r"\%").replace("_", r"\_")
    return f"%{escaped}%"


def contains(column: ColumnElement[Any] | QueryableAttribute[Any], term: str) -> ColumnElement[bool]:
    """``column`` contains ``term``, ignoring case."""
    return func.lower(column).like(like_pattern(term), escape=LIKE_ESCAPE)


def contains_bound(column: ColumnElement[Any], pattern: BindParameter[str]) -> ColumnElement[bool]:
    """``column`` contains the term whose ``like_pattern`` is bound to ``pattern`` at execution, ignoring
    case: for conditions built once."""
    return func.lower(column).like(pattern, escape=LIKE_ESCAPE)
