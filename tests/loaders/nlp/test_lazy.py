"""A lazy parser starts its parser at the first batch holding a text, once, and keeps the order of
the tickets, with what its start hook submits coming first."""

from __future__ import annotations

from loaders.nlp import InlineParser, LazyParser, ParserProcess


def test_empty_batches_start_nothing() -> None:
    with LazyParser(ParserProcess) as parser:
        tickets = [parser.submit([]), parser.submit([])]
        assert [parser.collect(ticket) for ticket in tickets] == [[], []]
        assert parser.starts == 0


def test_the_first_batch_with_a_text_starts_the_parser_once_after_its_hook() -> None:
    hooked: list[int] = []

    def warm(lazy: LazyParser) -> None:
        hooked.append(lazy.submit(["Talks were held in Oslo."]))

    with LazyParser(ParserProcess, on_start=warm) as parser:
        empty = parser.submit([])
        first = parser.submit(["Wang Yi met Antony Blinken in Beijing."])
        second = parser.submit(["Rishi Sunak flew to Kigali.", "Nothing else."])
        assert parser.starts == 1
        assert len(hooked) == 1
        assert parser.collect(empty) == []
        assert [doc.text for doc in parser.collect(hooked[0])] == ["Talks were held in Oslo."]
        assert [doc.text for doc in parser.collect(first)] == ["Wang Yi met Antony Blinken in Beijing."]
        assert [doc.text for doc in parser.collect(second)] == ["Rishi Sunak flew to Kigali.", "Nothing else."]


def test_a_parser_that_is_no_context_manager_is_used_as_it_is() -> None:
    with LazyParser(InlineParser) as parser:
        ticket = parser.submit(["Lavrov arrived in Ankara."])
        assert [doc.text for doc in parser.collect(ticket, timeout=5.0)] == ["Lavrov arrived in Ankara."]
        assert parser.starts == 1
