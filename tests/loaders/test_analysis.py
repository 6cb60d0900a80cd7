"""The per-article stages around spaCy: ``prepare`` (clean, metadata, reference date) and ``analyse``
(actors, events, topics), and the periods that end on the reference day."""

from __future__ import annotations

from datetime import date

import pytest

from loaders.dating import PreparedArticle, ReferenceDate, resolve_recent_period
from loaders.extract import ArticleExtraction, EventCandidate
from loaders.nlp import annotate
from loaders.pipeline import analyse, prepare
from loaders.read import RawArticle

JUNE_18 = ReferenceDate(date(2023, 6, 18), "day")


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        pytest.param(
            "over the past six months",
            (date(2022, 12, 1), "month", date(2023, 6, 1), "month"),
            id="months-at-month-precision",
        ),
        pytest.param(
            "the last 6 months", (date(2022, 12, 1), "month", date(2023, 6, 1), "month"), id="months-in-digits"
        ),
        pytest.param(
            "in the last two weeks", (date(2023, 6, 4), "day", date(2023, 6, 18), "day"), id="weeks-at-day-precision"
        ),
        pytest.param("over the past three years", (date(2020, 1, 1), "year", date(2023, 1, 1), "year"), id="years"),
        pytest.param("later in the day", (date(2023, 6, 18), "day", date(2023, 6, 18), "day"), id="later-in-the-day"),
        pytest.param("Earlier that day", (date(2023, 6, 18), "day", date(2023, 6, 18), "day"), id="earlier-that-day"),
        pytest.param("over the past few years", None, id="vague-count"),
        pytest.param("recently", None, id="no-period"),
    ],
)
def test_recent_periods_end_on_the_reference_day(expression: str, expected: tuple[date, str, date, str] | None) -> None:
    assert resolve_recent_period(expression, JUNE_18) == expected


@pytest.mark.parametrize(
    "reference",
    [
        pytest.param(ReferenceDate(date(2023, 6, 1), "month"), id="reference-known-to-the-month"),
        pytest.param(ReferenceDate(None, None), id="no-reference"),
    ],
)
def test_recent_periods_need_a_reference_day(reference: ReferenceDate) -> None:
    assert resolve_recent_period("later in the day", reference) is None
    assert resolve_recent_period("over the past six months", reference) is None


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
