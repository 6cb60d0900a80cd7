"""The lazy parser: nothing started for empty batches (a reload of stored files), the real parser
started once at the first text, its documents collected in order."""

from __future__ import annotations

from collections.abc import Sequence
from types import TracebackType

from spacy.tokens import Doc
from spacy.vocab import Vocab

from loaders.nlp.lazy import LazyParser


class Recording:
    """A parser that makes a one-word document of each text, and records what happened to it."""

    made = 0
    entered = 0
    exited = 0

    def __init__(self) -> None:
        Recording.made += 1
        self.batches: dict[int, list[str]] = {}

    def __enter__(self) -> Recording:
        Recording.entered += 1
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        Recording.exited += 1

    def submit(self, texts: Sequence[str]) -> int:
        self.batches[len(self.batches)] = list(texts)
        return len(self.batches) - 1

    def collect(self, ticket: int) -> list[Doc]:
        return [Doc(Vocab(), words=[text], spaces=[False]) for text in self.batches[ticket]]


def test_empty_batches_start_nothing() -> None:
    Recording.made = Recording.entered = Recording.exited = 0
    with LazyParser(Recording) as parser:
        tickets = [parser.submit([]) for _ in range(3)]
        assert [parser.collect(ticket) for ticket in tickets] == [[], [], []]
        assert not parser.started
    assert (Recording.made, Recording.entered, Recording.exited) == (0, 0, 0)


def test_the_parser_starts_once_at_the_first_text() -> None:
    Recording.made = Recording.entered = Recording.exited = 0
    with LazyParser(Recording) as parser:
        first = parser.submit([])
        second = parser.submit(["Blinken"])
        third = parser.submit(["Wang", "Xi"])
        fourth = parser.submit([])
        assert parser.collect(first) == []
        assert [doc.text for doc in parser.collect(second)] == ["Blinken"]
        assert [doc.text for doc in parser.collect(third)] == ["Wang", "Xi"]
        assert parser.collect(fourth) == []
    assert (Recording.made, Recording.entered, Recording.exited) == (1, 1, 1)
