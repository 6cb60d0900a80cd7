"""A parser started only when there is something to parse: a load whose batches hold no new article
(every input stored already, or refused) never loads spaCy's model nor starts the parsing process.

In: ``start``, which makes the parser (``InlineParser``, ``ParserProcess``), and ``on_start``, called
with this ``LazyParser`` once that parser runs, before the batch that started it is submitted (what it
submits, such as a load's warm-up text, comes first). Out: the same ``submit``/``collect``; an empty
batch gets a ticket answered here, with no documents.

    >>> with LazyParser(ParserProcess) as parser:  # doctest: +SKIP
    ...     parser.collect(parser.submit([]))  # nothing started
    []
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager, ExitStack
from types import TracebackType
from typing import TYPE_CHECKING, Protocol, Self

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["LazyParser"]


class _Parser(Protocol):
    def submit(self, texts: Sequence[str]) -> int: ...

    def collect(self, ticket: int, *, timeout: float | None = None) -> list[Doc]: ...


class LazyParser:
    """The ``submit``/``collect`` of the parser ``start`` makes, made (and, when it is a context
    manager, entered) at the first batch that holds a text; ``starts`` counts how often that happened
    (0 or 1)."""

    def __init__(self, start: Callable[[], _Parser], *, on_start: Callable[[LazyParser], None] | None = None) -> None:
        self._start = start
        self._on_start = on_start
        self._parser: _Parser | None = None
        self._stack = ExitStack()
        self._tickets: dict[int, int | None] = {}
        """Our ticket -> the started parser's, or None for an empty batch."""
        self._sent = 0
        self.starts = 0

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
            self.starts += 1
            if self._on_start is not None:
                self._on_start(self)
        return self._parser

    def submit(self, texts: Sequence[str]) -> int:
        """A ticket for ``texts``; the parser is started first if this is the first batch with any."""
        parser = self._started() if texts else None
        ticket = self._sent
        self._sent += 1
        self._tickets[ticket] = parser.submit(texts) if parser is not None else None
        return ticket

    def collect(self, ticket: int, *, timeout: float | None = None) -> list[Doc]:
        """The documents of ``ticket`` (none for an empty batch), as the started parser's ``collect``."""
        inner = self._tickets.pop(ticket)
        if inner is None:
            return []
        return self._started().collect(inner, timeout=timeout)
