"""A parser started only when there is something to parse: a load whose articles are all stored
already (a reload of the same files) never loads spaCy nor starts the parsing process, so it ends in
about the time it takes to read the files and ask the database which it holds.

    >>> with LazyParser(ParserProcess) as parser:  # doctest: +SKIP
    ...     parser.collect(parser.submit([]))  # nothing started
    []
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager, ExitStack
from types import TracebackType
from typing import Protocol, Self

from spacy.tokens import Doc

__all__ = ["LazyParser"]


class _Parser(Protocol):
    def submit(self, texts: Sequence[str]) -> int: ...

    def collect(self, ticket: int) -> list[Doc]: ...


class LazyParser:
    """The ``submit``/``collect`` of the parser ``start`` makes, made (and, if it is a context
    manager, entered) at the first batch holding a text; empty batches are answered here."""

    def __init__(self, start: Callable[[], _Parser]) -> None:
        self._start = start
        self._parser: _Parser | None = None
        self._stack = ExitStack()
        # Our ticket -> the parser's, or None for an empty batch.
        self._tickets: dict[int, int | None] = {}
        self._sent = 0

    @property
    def started(self) -> bool:
        return self._parser is not None

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self._stack.close()

    def _started(self) -> _Parser:
        if self._parser is None:
            parser = self._start()
            if isinstance(parser, AbstractContextManager):
                parser = self._stack.enter_context(parser)
            self._parser = parser
        return self._parser

    def submit(self, texts: Sequence[str]) -> int:
        ticket = self._sent
        self._sent += 1
        self._tickets[ticket] = self._started().submit(texts) if texts else None
        return ticket

    def collect(self, ticket: int) -> list[Doc]:
        inner = self._tickets.pop(ticket)
        if inner is None:
            return []
        return self._started().collect(inner)
