"""Loading stores each article once, in its own transaction, and reports what it did."""

from __future__ import annotations

import asyncio
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from db import migrations
from db.services import articles
from db.services.export import export_knowledge_base
from db.session import create_engine, create_session_factory
from db.settings import Settings
from loaders.dating import PreparedArticle
from loaders.extract import ArticleExtraction, EventCandidate
from loaders.nlp import annotate
from loaders.pipeline import analyse, load_inputs, prepare
from loaders.pipeline import load as pipeline
from loaders.read import RawArticle

REPO = Path(__file__).resolve().parents[3]
SEEDS = REPO / "seeds"
EXTRACTION_CORPUS = REPO / "tests" / "extraction" / "articles"


async def test_loading_twice_adds_nothing(session_factory: async_sessionmaker[AsyncSession]) -> None:
    first = await load_inputs(session_factory, [SEEDS], max_bytes=1_000_000)
    second = await load_inputs(session_factory, [SEEDS], max_bytes=1_000_000)
    assert (first.loaded, first.skipped, first.failed) == (5, 0, [])
    assert (second.loaded, second.skipped, second.failed) == (0, 5, [])
    async with session_factory() as session:
        assert await articles.count(session) == 5


async def test_same_story_with_other_white_space_is_the_same_article(
    session_factory: async_sessionmaker[AsyncSession], tmp_path: Path
) -> None:
    (tmp_path / "a.txt").write_text("Wang met Sullivan.\n\nIn Malta.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Wang met Sullivan.\r\n\r\nIn  Malta.\r\n", encoding="utf-8")
    report = await load_inputs(session_factory, [tmp_path], max_bytes=1_000_000)
    assert (report.loaded, report.skipped) == (1, 1)


async def test_bad_inputs_are_reported_and_the_rest_load(
    session_factory: async_sessionmaker[AsyncSession], tmp_path: Path
) -> None:
    (tmp_path / "bad.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    feed = '{"text": "Wang Yi met Jake Sullivan in Vienna on Wednesday."}\n{"text": \n'
    (tmp_path / "feed.jsonl").write_text(feed, encoding="utf-8")
    report = await load_inputs(session_factory, [tmp_path, SEEDS / "000_0c6c6a7bd5f4bea7.txt"], max_bytes=1_000_000)
    assert report.loaded == 2
    assert [error.source for error in report.failed] == [str(tmp_path / "bad.txt"), f"{tmp_path / 'feed.jsonl'}:2"]
    async with session_factory() as session:
        stored = await articles.list_all(session)
    assert [a.source for a in stored] == [str(tmp_path / "feed.jsonl:1"), str(SEEDS / "000_0c6c6a7bd5f4bea7.txt")]


def endless_talks(sentences: int) -> str:
    """A story of ``sentences`` distinct sentences, each a meeting: thousands of mentions and reports to
    resolve and match, seconds of analysis where a news story takes a fraction of one."""
    people = ["Antony Blinken", "Jake Sullivan", "Qin Gang", "Xi Jinping", "Joe Biden", "Sergey Lavrov"]
    cities = ["Beijing", "Vienna", "Malta", "Washington", "Geneva", "Moscow"]
    lines = (
        f"On day {n} of the talks, Wang Yi met {people[n % 6]} in {cities[n // 6 % 6]} to discuss item {n}."
        for n in range(sentences)
    )
    return "Talks without end\n\n" + " ".join(lines)


@pytest.mark.parametrize(
    ("sentences", "budget", "line"),
    [
        # Thousands of meetings to resolve and match: seconds of analysis where a story takes a fraction
        # (about 3.5 s on a quiet machine here).
        pytest.param(1500, 2.0, "longer than the 2 s one article may take", id="analysis"),
        # Three quarters of a million characters of them: cleaning, reading and dating them takes seconds
        # before spaCy sees a word (about 2.5 s on a quiet machine here; a story, a third of one).
        pytest.param(9000, 1.0, "its preparation took longer than the 1 s one article may take", id="preparation"),
    ],
)
async def test_an_article_over_its_budget_fails_with_one_line_and_the_load_goes_on(
    session_factory: async_sessionmaker[AsyncSession], tmp_path: Path, sentences: int, budget: float, line: str
) -> None:
    (tmp_path / "endless.txt").write_text(endless_talks(sentences), encoding="utf-8")
    seed = SEEDS / "000_0c6c6a7bd5f4bea7.txt"
    report = await load_inputs(session_factory, [tmp_path, seed], max_bytes=1_000_000, budget_seconds=budget)
    assert report.loaded == 1
    [error] = report.failed
    assert error.source == str(tmp_path / "endless.txt")
    assert line in error.reason
    async with session_factory() as session:
        assert [a.source for a in await articles.list_all(session)] == [str(seed)]


async def test_an_article_over_its_budget_in_the_parsing_process_fails_and_the_load_goes_on(
    session_factory: async_sessionmaker[AsyncSession], tmp_path: Path
) -> None:
    # Half a million characters: prepared within the 6 s given (about 2 s on a quiet machine), but far
    # longer for spaCy (about 18 s, beyond the 12 s the batch of two articles may take), where a news story
    # takes a fraction of one. The parsing process is replaced; the seed is parsed by the new one.
    (tmp_path / "endless.txt").write_text(endless_talks(6000), encoding="utf-8")
    seed = SEEDS / "000_0c6c6a7bd5f4bea7.txt"
    report = await load_inputs(
        session_factory, [tmp_path, seed], max_bytes=1_000_000, budget_seconds=6.0, parse_in_subprocess=True
    )
    assert report.stopped is None
    assert report.loaded == 1
    [error] = report.failed
    assert error.source == str(tmp_path / "endless.txt")
    assert "its parsing took longer than the 6 s one article may take" in error.reason


def write_feed(path: Path, *records: dict[str, str]) -> Path:
    path.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    return path


async def export(session_factory: async_sessionmaker[AsyncSession]) -> dict[str, list[dict[str, Any]]]:
    async with session_factory() as session:
        return await export_knowledge_base(session)


VIENNA = {"text": "Wang Yi met Jake Sullivan in Vienna on Wednesday.", "published": "2023-05-11"}
VIENNA_AGAIN = {
    "text": "Wang Yi and Jake Sullivan met in Vienna on Wednesday, the White House said.",
    "published": "2023-05-12",
}
MALTA = {"text": "Wang Yi and Jake Sullivan held talks in Malta on Saturday.", "published": "2023-09-17"}
BEIJING = {"text": "Antony Blinken met Wang Yi in Beijing on Monday.", "published": "2023-06-19"}


async def test_the_report_counts_events_created_and_merged(
    session_factory: async_sessionmaker[AsyncSession], tmp_path: Path
) -> None:
    feed = write_feed(tmp_path / "feed.jsonl", VIENNA, VIENNA_AGAIN, MALTA)
    report = await load_inputs(session_factory, [feed], max_bytes=1_000_000)

    assert (report.loaded, report.events_created, report.events_merged) == (3, 2, 1)
    events = (await export(session_factory))["events"]
    assert [(event["title"], event["start"], len(event["sources"])) for event in events] == [
        ("Meeting of Wang Yi and Jake Sullivan in Vienna", "2023-05-10", 2),
        ("Meeting of Wang Yi and Jake Sullivan in Malta", "2023-09-16", 1),
    ]


async def test_loading_a_corpus_again_changes_nothing(
    session_factory: async_sessionmaker[AsyncSession], tmp_path: Path
) -> None:
    corpus = [SEEDS, write_feed(tmp_path / "feed.jsonl", VIENNA, VIENNA_AGAIN, MALTA)]
    await load_inputs(session_factory, corpus, max_bytes=1_000_000)
    first = await export(session_factory)
    again = await load_inputs(session_factory, corpus, max_bytes=1_000_000)

    assert (again.loaded, again.skipped, again.events_created, again.events_merged) == (0, 8, 0, 0)
    assert await export(session_factory) == first


# Words run together where a scraper lost the spaces: after "Foreign Minister Qin", one token of some 330
# letters. It is no part of a name, so the article loads.
RUN_ON = (
    (
        "Gang told reporters in the Chinese capital after more than seven hours of talks at the Diaoyutai State "
        "Guest House that the two sides had agreed to keep channels of communication open and to work toward "
        "stabilising relations while managing their differences over export controls and the future of the "
        "island in a spirit of mutual respect and peaceful coexistence"
    )
    .title()
    .replace(" ", "")
)
RUN_ON_ARTICLE = {
    "text": f"Antony Blinken met Chinese Foreign Minister Qin {RUN_ON} in Beijing on Sunday.",
    "published": "2023-06-18",
}


async def test_a_run_on_token_is_no_name(session_factory: async_sessionmaker[AsyncSession], tmp_path: Path) -> None:
    feed = write_feed(tmp_path / "feed.jsonl", RUN_ON_ARTICLE)
    report = await load_inputs(session_factory, [feed], max_bytes=1_000_000)
    assert (report.loaded, report.failed) == (1, [])
    knowledge = await export(session_factory)
    assert all(len(alias) < 100 for actor in knowledge["actors"] for alias in [actor["name"], *actor["aliases"]])


REFUSE_MALTA = {
    # The database itself refuses one event, as a constraint would: a real failure halfway through an
    # article, after its row, actors and venues were written.
    "sqlite": [
        "CREATE TRIGGER refuse_malta BEFORE INSERT ON events WHEN NEW.title LIKE '%Malta%' "
        "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END"
    ],
    "postgresql": [
        "CREATE FUNCTION refuse_malta() RETURNS trigger LANGUAGE plpgsql AS "
        "$$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$",
        "CREATE TRIGGER refuse_malta BEFORE INSERT ON events FOR EACH ROW "
        "WHEN (NEW.title LIKE '%Malta%') EXECUTE FUNCTION refuse_malta()",
    ],
}


async def test_an_article_whose_storing_fails_leaves_no_rows(
    engine: AsyncEngine, session_factory: async_sessionmaker[AsyncSession], tmp_path: Path
) -> None:
    async with engine.begin() as connection:
        for statement in REFUSE_MALTA[engine.dialect.name]:
            await connection.execute(text(statement))
    feed = write_feed(tmp_path / "feed.jsonl", VIENNA, MALTA, BEIJING)
    report = await load_inputs(session_factory, [feed], max_bytes=1_000_000)

    assert report.loaded == 2
    [error] = report.failed
    assert error.source == f"{feed}:2"
    assert error.reason.startswith("could not be stored: ")
    assert "refused by the test" in error.reason
    assert "\n" not in error.reason, "one line, without the SQL statement"
    knowledge = await export(session_factory)
    assert [article["source_path"] for article in knowledge["articles"]] == [f"{feed}:1", f"{feed}:3"]
    assert "Malta" not in {actor["name"] for actor in knowledge["actors"]}
    assert "Malta" not in {venue["name"] for venue in knowledge["venues"]}
    assert all("Malta" not in event["title"] for event in knowledge["events"])


async def test_a_json_line_with_a_lone_surrogate_is_reported_and_the_rest_load(
    session_factory: async_sessionmaker[AsyncSession], tmp_path: Path
) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        json.dumps(VIENNA) + "\n" + '{"text": "Antony Blinken met Qin Gang in Beijing \\ud83c on Sunday."}\n',
        encoding="utf-8",
    )
    report = await load_inputs(session_factory, [feed], max_bytes=1_000_000)

    assert report.loaded == 1
    assert [error.source for error in report.failed] == [f"{feed}:2"]


async def _load_and_export(settings: Settings, *, parse_in_subprocess: bool) -> dict[str, Any]:
    engine = create_engine(settings)
    try:
        factory = create_session_factory(engine)
        inputs = [SEEDS, EXTRACTION_CORPUS]
        report = await load_inputs(factory, inputs, max_bytes=1_000_000, parse_in_subprocess=parse_in_subprocess)
        assert report.failed == []
        async with factory() as session:
            return await export_knowledge_base(session)
    finally:
        await engine.dispose()


def test_parsing_in_a_second_process_stores_the_same_knowledge_base(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Several batches, so parsing the next one overlaps storing the last.
    monkeypatch.setattr(pipeline, "BATCH_SIZE", 4)
    exports = []
    for in_subprocess in (False, True):
        settings = Settings(database_url=f"sqlite+aiosqlite:///{tmp_path / f'{in_subprocess}.db'}")
        migrations.upgrade(settings)
        exports.append(asyncio.run(_load_and_export(settings, parse_in_subprocess=in_subprocess)))
    inline, in_subprocess = exports
    assert inline["events"]
    assert inline == in_subprocess


def analysed(text: str, published: date) -> tuple[PreparedArticle, ArticleExtraction]:
    article = prepare(RawArticle(source="test://story", text=text, published=published))
    [doc] = annotate([article.text])
    return article, analyse(article, doc)


def meeting_of(extraction: ArticleExtraction, *slugs: str) -> EventCandidate:
    [found] = [e for e in extraction.events if e.kind == "meeting" and sorted(e.participants) == sorted(slugs)]
    return found


BEIJING_STORY = """Blinken meets Xi in Beijing

By Dana Whitcombe

BEIJING — US Secretary of State Antony Blinken met China's top diplomat Wang Yi in Beijing on Monday, \
the second day of his visit.

Later in the day, Blinken met President Xi Jinping at the Great Hall of the People. The two sides agreed \
to stabilise relations and to discuss fentanyl and Taiwan.
"""


def test_prepare_cleans_and_dates_the_article() -> None:
    article = prepare(RawArticle(source="test://story", text=BEIJING_STORY, published=date(2023, 6, 19)))
    assert article.text.startswith("US Secretary of State Antony Blinken met")
    assert (article.metadata.title, article.metadata.authors) == ("Blinken meets Xi in Beijing", ("Dana Whitcombe",))
    assert (article.reference.value, article.reference.precision) == (date(2023, 6, 19), "day")
    fields = article.article_fields()
    assert (fields["reference_date"], fields["reference_date_basis"]["method"]) == (
        date(2023, 6, 19),
        "publication date",
    )


def test_analyse_finds_actors_events_and_topics() -> None:
    _, extraction = analysed(BEIJING_STORY, date(2023, 6, 19))

    people = {m.actor.slug for m in extraction.mentions if m.actor.kind == "person"}
    assert people == {"antony-blinken", "wang-yi", "xi-jinping"}  # never the byline
    talks = meeting_of(extraction, "antony-blinken", "wang-yi")
    assert (talks.status, talks.venue and talks.venue.name) == ("occurred", "Beijing")
    assert talks.dates == (date(2023, 6, 19), "day", date(2023, 6, 19), "day")
    audience = meeting_of(extraction, "antony-blinken", "xi-jinping")
    assert audience.venue is not None
    assert audience.venue.name == "Great Hall of the People"
    assert set(audience.topics) == {"fentanyl", "taiwan"}
    assert set(extraction.topics) == {"fentanyl", "taiwan"}


def test_a_meeting_later_in_the_day_is_dated_to_the_reference_day() -> None:
    _, extraction = analysed(BEIJING_STORY, date(2023, 6, 19))
    audience = meeting_of(extraction, "antony-blinken", "xi-jinping")
    assert audience.dates == (date(2023, 6, 19), "day", date(2023, 6, 19), "day")


CHANNEL_STORY = """Wang and Sullivan keep talking

WASHINGTON — China's top diplomat Wang Yi and US national security adviser Jake Sullivan have met in \
Vienna and Malta over the past six months.

Joe Biden and Xi Jinping are expected to meet in San Francisco in November, officials said.
"""


def test_meetings_over_a_recent_period_are_dated_to_that_period() -> None:
    _, extraction = analysed(CHANNEL_STORY, date(2023, 9, 18))
    channel = [e for e in extraction.events if sorted(e.participants) == ["jake-sullivan", "wang-yi"]]
    assert [e.venue.name if e.venue else None for e in channel] == ["Vienna", "Malta"]
    assert {e.dates for e in channel} == {(date(2023, 3, 1), "month", date(2023, 9, 1), "month")}


def test_an_expected_meeting_in_november_is_dated_ahead() -> None:
    _, extraction = analysed(CHANNEL_STORY, date(2023, 9, 18))
    summit = meeting_of(extraction, "joe-biden", "xi-jinping")
    assert summit.status == "expected"
    assert summit.dates == (date(2023, 11, 1), "month", date(2023, 11, 30), "month")


SEOUL_STORY = """Kishida in Seoul

SEOUL — Japanese Prime Minister Fumio Kishida arrived on Sunday for a two-day trip and laid flowers at \
the national cemetery.

Yoon Suk Yeol arrived on Sunday from a tour of the provinces.
"""


def test_a_foreigner_arriving_where_the_story_is_filed_visits_the_dateline_city() -> None:
    _, extraction = analysed(SEOUL_STORY, date(2023, 5, 8))
    visits = {tuple(e.participants): e.venue.name if e.venue else None for e in extraction.events if e.kind == "visit"}
    assert visits[("fumio-kishida",)] == "Seoul"
    assert visits.get(("yoon-suk-yeol",)) is None  # at home: the dateline says nothing of where he went


def test_what_a_dated_lead_tells_of_as_held_in_the_dateline_city_happened_that_day() -> None:
    text = (
        "SOCHI, Russia (Wire) — Vladimir Putin told Recep Tayyip Erdogan on Monday that Russia would not return "
        "to the grain deal.\n\nThe two leaders held talks in Sochi, their first meeting in a year, officials said."
    )
    article, extraction = analysed(text, date(2023, 9, 4))
    meeting = meeting_of(extraction, "recep-tayyip-erdogan", "vladimir-putin")
    assert meeting.dates == (date(2023, 9, 4), "day", date(2023, 9, 4), "day")
    assert article.reference.value == date(2023, 9, 4)


async def test_the_encoding_an_input_was_decoded_from_is_stored(
    session_factory: async_sessionmaker[AsyncSession], tmp_path: Path
) -> None:
    story = "Le ministre a rencontré Wang Yi à Genève lundi ; les entretiens ont porté sur le commerce et la sécurité."
    (tmp_path / "a-utf8.txt").write_text(f"Talks in Geneva\n\n{story}", encoding="utf-8")
    (tmp_path / "b-utf16.txt").write_bytes(f"Talks in Geneva again\n\n{story} Both sides spoke.".encode("utf-16"))
    (tmp_path / "c-cp1252.txt").write_bytes(
        f"Talks in Geneva once more\n\n{story} Nothing was agreed.".encode("cp1252")
    )
    report = await load_inputs(session_factory, [tmp_path], max_bytes=1_000_000)
    assert (report.loaded, report.failed) == (3, [])
    async with session_factory() as session:
        stored = {Path(a.source).name: a.encoding for a in await articles.list_all(session)}
    assert stored == {"a-utf8.txt": "utf-8", "b-utf16.txt": "utf-16", "c-cp1252.txt": "cp1252"}
