"""``among(column, ids)``: the column is one of ``ids``, written so that the statement's SQL is the
same for any number of ids. ``column.in_(ids)`` renders one placeholder per id, so each page whose
look-ups hold a different number of ids makes new SQL, which SQLAlchemy renders and Postgres parses,
plans and prepares again (asyncpg keeps a bounded cache of prepared statements per connection).

* Postgres: ``column = ANY($1)`` with one ``integer[]`` parameter;
* SQLite: ``column IN (SELECT value FROM json_each(?))`` with one JSON text parameter.

>>> str(among(Event.id, [1, 2]).compile(dialect=postgresql.dialect()))  # doctest: +SKIP
'events.id = ANY(%(ids_1)s::INTEGER[])'
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Integer, String, bindparam
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import QueryableAttribute
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import BindParameter, ColumnElement
from sqlalchemy.sql.type_api import TypeEngine
from sqlalchemy.sql.visitors import InternalTraversal
from sqlalchemy.types import Boolean, TypeDecorator

from db.queries.pagination import SqlExpression

__all__ = ["among", "among_ids", "id_list"]


class _IdList(TypeDecorator[list[int]]):
    """A list of integers: an ``integer[]`` on Postgres, a JSON array in text elsewhere."""

    impl = String
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "postgresql":
            return dialect.type_descriptor(ARRAY(Integer()))
        return dialect.type_descriptor(String())

    def process_bind_param(self, value: list[int] | None, dialect: Dialect) -> Any:
        if dialect.name == "postgresql" or value is None:
            return value
        return json.dumps(value)


class _Among(ColumnElement[bool]):
    inherit_cache = True
    type = Boolean()
    # A condition in itself: SQLite needs no "= 1" after it.
    _is_implicitly_boolean = True
    _traverse_internals = [  # noqa: RUF012 - SQLAlchemy reads this class attribute as it is
        ("column", InternalTraversal.dp_clauseelement),
        ("ids", InternalTraversal.dp_clauseelement),
    ]

    def __init__(self, column: ColumnElement[Any], ids: BindParameter[list[int]]) -> None:
        self.column = column
        self.ids = ids


@compiles(_Among)
def _compile_elsewhere(element: _Among, compiler: SQLCompiler, **kw: Any) -> str:
    column = compiler.process(element.column, **kw)
    ids = compiler.process(element.ids, **kw)
    # Compiled elements only: the ids travel as one bound parameter.
    return f"{column} IN (SELECT value FROM json_each({ids}))"  # noqa: S608


@compiles(_Among, "postgresql")
def _compile_postgres(element: _Among, compiler: SQLCompiler, **kw: Any) -> str:
    return f"{compiler.process(element.column, **kw)} = ANY({compiler.process(element.ids, **kw)})"


def among(column: SqlExpression, ids: Iterable[int]) -> ColumnElement[bool]:
    """``column`` is one of ``ids`` (none: no row)."""
    expression = column.__clause_element__() if isinstance(column, QueryableAttribute) else column
    return _Among(expression, bindparam(None, [int(value) for value in ids], type_=_IdList()))


def among_ids(column: SqlExpression, name: str = "ids") -> ColumnElement[bool]:
    """``column`` is one of the ids bound at execution as ``{name: id_list(ids)}``: for a statement
    built once, at import, whose SQL and cache key are then computed once too."""
    expression = column.__clause_element__() if isinstance(column, QueryableAttribute) else column
    return _Among(expression, bindparam(name, type_=_IdList()))


def id_list(ids: Iterable[int]) -> list[int]:
    """``ids`` as the parameter of ``among_ids``."""
    return [int(value) for value in ids]
