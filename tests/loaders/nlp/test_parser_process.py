"""Parsing in a second process gives the documents parsing here gives, and fails loudly."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from spacy.tokens import Doc

from loaders.nlp import InlineParser, ParserProcess, ParserProcessError, ParserTimeoutError

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
TEXTS = [
    "Wang Yi met Antony Blinken in Beijing on Sunday. They discussed Taiwan and fentanyl.",
    "",
    "President Joe Biden will meet Xi Jinping at the Filoli estate in November.",
]


def annotation(doc: Doc) -> tuple[object, ...]:
    """What the loaders read of a document, token by token and span by span."""
    tokens = [
        (t.text, t.idx, t.whitespace_, t.tag_, t.pos_, t.dep_, t.head.i, t.lemma_, str(t.morph), t.is_stop, t.like_num)
        for t in doc
    ]
    entities = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
    sentences = [(s.start, s.end) for s in doc.sents]
    return doc.text, tokens, entities, sentences, [(c.start, c.end) for c in doc.noun_chunks]


@pytest.fixture(scope="module")
def parser() -> Iterator[ParserProcess]:
    with ParserProcess() as started:
        yield started


def test_documents_from_the_process_equal_documents_parsed_here(parser: ParserProcess) -> None:
    texts = [*TEXTS, *(path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt")))]
    here = InlineParser()
    expected = [annotation(doc) for doc in here.collect(here.submit(texts))]
    first, second = parser.submit(texts[:3]), parser.submit(texts[3:])
    assert [annotation(doc) for doc in parser.collect(first) + parser.collect(second)] == expected


def test_batches_are_collected_in_the_order_they_were_sent(parser: ParserProcess) -> None:
    first, second = parser.submit(["One."]), parser.submit(["Two."])
    with pytest.raises(ValueError, match="before batch"):
        parser.collect(second)
    assert [doc.text for doc in parser.collect(first)] == ["One."]
    assert [doc.text for doc in parser.collect(second)] == ["Two."]


def test_a_dead_process_is_an_error_not_a_hang() -> None:
    with ParserProcess() as parser:
        parser._process.kill()  # what an out-of-memory kill does
        ticket = parser.submit(["Wang Yi met Antony Blinken."])
        with pytest.raises(ParserProcessError, match="stopped"):
            parser.collect(ticket)


def test_a_batch_over_its_time_is_given_up_and_a_fresh_process_parses_the_next() -> None:
    # Far more text than spaCy parses in the second it is given; the batch after it is short.
    long = " ".join(f"Delegation {n} met delegation {n + 1} in Geneva on day {n}." for n in range(8_000))
    with ParserProcess() as parser:
        parser.wait_ready()
        first_process = parser._process.pid
        slow, quick = parser.submit([long]), parser.submit(["Wang Yi met Antony Blinken."])
        with pytest.raises(ParserTimeoutError, match="longer than 1 s"):
            parser.collect(slow, timeout=1.0)
        assert parser._process.pid != first_process
        assert [doc.text for doc in parser.collect(quick)] == ["Wang Yi met Antony Blinken."]
