"""What an article reported, kept beside it: written as JSON and read back equal, placed in the
canonical order, and linked to the articles its reports can meet."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

from loaders.dating import ReferenceDate
from loaders.extract import ArticleExtraction
from loaders.nlp import annotate
from loaders.pipeline import analyse, prepare
from loaders.read import RawArticle, read_inputs
from loaders.store import ArticleReports
from loaders.store.codec import decode_extraction, encode_extraction
from loaders.store.replay import _component
from tests.loaders.store.test_writer import SULLIVAN, WANG, Story, place

SEEDS = Path(__file__).resolve().parents[3] / "seeds"


def test_an_extraction_reads_back_equal_from_its_json() -> None:
    raws = list(read_inputs([SEEDS], max_bytes=1_000_000))
    prepared = [prepare(raw) for raw in raws if isinstance(raw, RawArticle)]
    docs = annotate([article.text for article in prepared])
    for article, doc in zip(prepared, docs, strict=True):
        extraction = analyse(article, doc)
        read_back = decode_extraction(json.loads(json.dumps(encode_extraction(extraction))))
        assert read_back == extraction
        # What equality leaves out: an actor's offices and gender.
        assert [(m.actor.positions, m.actor.gender) for m in read_back.mentions] == [
            (m.actor.positions, m.actor.gender) for m in extraction.mentions
        ]


STORY = (
    "Talks in Vienna\n\nChina's top diplomat Wang Yi met US national security adviser Jake Sullivan in "
    "Vienna on Wednesday for two days of talks, officials said."
)


def reports_written(on: date | None, *, tentative: bool = False) -> ArticleReports:
    raw = RawArticle(source="test://story", text=STORY, published=on)
    reference = ReferenceDate(on, "day" if on else None, {}, tentative=tentative)
    return ArticleReports.of(replace(prepare(raw), reference=reference), own=ArticleExtraction())


def test_the_canonical_order_puts_the_dated_first_by_date_then_the_tentative_then_the_undated() -> None:
    keys = [
        reports_written(None).canonical_key("a" * 64),
        reports_written(date(2023, 5, 1), tentative=True).canonical_key("b" * 64),
        reports_written(date(2023, 6, 1)).canonical_key("c" * 64),
        reports_written(date(2023, 5, 1)).canonical_key("d" * 64),
        reports_written(date(2023, 5, 1)).canonical_key("0" * 64),
    ]
    assert sorted(keys) == [keys[4], keys[3], keys[2], keys[1], keys[0]]


def test_the_reports_read_back_from_their_document() -> None:
    story = Story("Wang Yi met Jake Sullivan in Vienna.")
    kept = reports_written(date(2023, 5, 11))
    kept.own = ArticleExtraction(events=[story.candidate(story.text, venue="Vienna")])
    kept.days = [(date(2023, 5, 10), "a shared day")]
    kept.dated = kept.own
    read_back = ArticleReports.from_document(json.loads(json.dumps(kept.document())), kept.raw.text)
    assert read_back == kept


def test_reports_link_their_people_and_the_places_of_summits() -> None:
    story = Story("Wang Yi met Jake Sullivan in Vienna.", "Leaders met at a summit in Bali.")
    kept = reports_written(date(2023, 5, 11))
    kept.own = ArticleExtraction(
        events=[
            story.candidate(story.text.split(" Leaders")[0], venue="Vienna"),
            story.candidate("Leaders met at a summit in Bali.", kind="summit", people=(), venue="Bali"),
        ]
    )
    bali, chain = place("Bali"), []
    while bali is not None:
        chain.append(f"place:{bali.slug}")
        bali = bali.parent
    assert len(chain) > 1, "Bali lies in Indonesia"
    assert kept.links() == {f"actor:{WANG.slug}", f"actor:{SULLIVAN.slug}", *chain}


def test_the_articles_linked_to_one_are_those_reached_through_shared_links() -> None:
    rows = [
        (1, "k1", ["actor:a", "actor:b"]),
        (2, "k2", ["actor:b", "actor:c"]),
        (3, "k3", ["actor:c"]),
        (4, "k4", ["actor:d"]),
        (5, "k5", []),
    ]
    assert _component([1], rows) == {1, 2, 3}
    assert _component([4], rows) == {4}
    assert _component([5], rows) == {5}
    assert _component([3, 4], rows) == {1, 2, 3, 4}
