"""Cursors of keyset pagination: an ordering on one or more sort keys ending in the primary key, the
opaque cursor that holds a row's sort values (base64 of a JSON list naming the ordering), and the SQL
condition that selects the rows beyond one, its values bound by name.

A cursor decoded is checked against its ordering: a cursor of another list or order, or a forged one
(a string for an integer key, a NUL byte, a number out of range), is a ``PaginationError``, a bad
request, never an error of the database.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, bindparam, false, or_
from sqlalchemy.orm import QueryableAttribute
from sqlalchemy.sql.elements import BindParameter, ColumnElement

__all__ = [
    "Ordering",
    "PaginationError",
    "SortKey",
    "SqlExpression",
    "beyond",
    "cursor_params",
    "decode_cursor",
    "encode_cursor",
]

JSONScalar = str | int | float | bool | None
SqlExpression = ColumnElement[Any] | QueryableAttribute[Any]


class PaginationError(ValueError):
    """A page request the APIs refuse; the message says why and is safe to show to clients."""


@dataclass(frozen=True)
class SortKey:
    """One key of an ordering: its SQL expression (never NULL) and how its value travels in a cursor."""

    expression: SqlExpression
    descending: bool = False
    to_json: Callable[[Any], JSONScalar] = lambda value: value
    from_json: Callable[[Any], Any] = lambda value: value


@dataclass(frozen=True)
class Ordering:
    """Sort keys, the last of them unique (the primary key). ``name`` goes into cursors, so a cursor
    made for one ordering is refused by another."""

    name: str
    keys: tuple[SortKey, ...]


def encode_cursor(ordering: Ordering, values: Sequence[Any]) -> str:
    """The cursor of the row whose sort values in ``ordering`` are ``values``."""
    payload = [ordering.name, *(key.to_json(value) for key, value in zip(ordering.keys, values, strict=True))]
    raw = json.dumps(payload, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def decode_cursor(ordering: Ordering, cursor: str) -> list[Any]:
    """The sort values ``cursor`` holds, checked against ``ordering`` (else ``PaginationError``)."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        payload = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
        if not isinstance(payload, list) or payload[0] != ordering.name or len(payload) != len(ordering.keys) + 1:
            raise ValueError(cursor)
        return [_checked(key, key.from_json(value)) for key, value in zip(ordering.keys, payload[1:], strict=True)]
    except (binascii.Error, UnicodeError, ValueError, TypeError, IndexError) as exc:
        raise PaginationError(f"not a cursor of this list in this order: {cursor[:80]!r}") from exc


def _checked(key: SortKey, value: Any) -> Any:
    """``value`` when it can be compared with ``key`` in SQL; a forged cursor could otherwise hold a
    string for an integer key, a NUL byte or a number beyond the column's range, which the database
    refuses with an error rather than as a bad request."""
    expected = key.expression.type.python_type
    if isinstance(value, bool) or not isinstance(value, expected):
        raise TypeError(f"a cursor value of type {type(value).__name__}, not {expected.__name__}")
    if isinstance(value, str) and "\x00" in value:
        raise ValueError("a NUL character in a cursor")
    if isinstance(value, int) and not -(2**31) <= value < 2**31:
        raise ValueError("a cursor value out of range")
    return value


def beyond(ordering: Ordering, values: Sequence[Any], *, forwards: bool) -> ColumnElement[bool]:
    """Rows strictly after (``forwards``) or before the row whose sort values are ``values``."""
    alternatives: list[ColumnElement[bool]] = []
    for index, key in enumerate(ordering.keys):
        ties = [earlier.expression == values[j] for j, earlier in enumerate(ordering.keys[:index])]
        later = forwards != key.descending
        step = key.expression > values[index] if later else key.expression < values[index]
        alternatives.append(and_(*ties, step))
    return or_(*alternatives) if alternatives else false()


def cursor_params(ordering: Ordering, name: str) -> list[BindParameter[Any]]:
    """Bound parameters ``{name}_0``… for the sort values of a cursor in ``ordering`` (for ``beyond``)."""
    return [bindparam(f"{name}_{index}", type_=key.expression.type) for index, key in enumerate(ordering.keys)]
