"""Days printed without a year, settled in one year by the rest of the article, or left unsettled; and the
other evidence of a year: the web address's date and an anniversary the story marks."""

from __future__ import annotations

from datetime import date

import pytest

from loaders.clean import ArticleMetadata
from loaders.dating.anniversary import anniversary_year
from loaders.dating.era import Era
from loaders.dating.year_less import in_one_year
from tests.loaders.dating.test_reference import reference_of, verdicts

# Rishi Sunak was prime minister from 25 October 2022 to 5 July 2024 (with the era's slack).
SUNAK = Era(((date(2022, 10, 18), date(2024, 7, 12)),), ("Prime Minister Rishi Sunak as prime minister",))


@pytest.mark.parametrize(
    ("month", "day", "weekday", "expected"),
    [
        pytest.param(5, 18, 3, date(2023, 5, 18), id="thursday-18-may-only-in-2023"),
        pytest.param(11, 3, 4, date(2023, 11, 3), id="friday-3-november-only-in-2023"),
        pytest.param(5, 18, 4, None, id="friday-18-may-in-no-year-of-the-era"),
        pytest.param(5, 18, None, None, id="no-weekday-no-year"),
    ],
)
def test_the_era_and_the_printed_weekday_settle_the_year(
    month: int, day: int, weekday: int | None, expected: date | None
) -> None:
    assert in_one_year(month, day, weekday=weekday, era=SUNAK).day == expected


def test_a_date_of_the_same_article_settles_the_year_first() -> None:
    settled = in_one_year(1, 2, weekday=None, era=Era(), near=[date(2023, 12, 28)])
    assert settled.day == date(2024, 1, 2)
    assert "within two weeks of 2023-12-28" in settled.why


def test_without_an_era_the_weekday_alone_settles_nothing() -> None:
    assert in_one_year(5, 18, weekday=3, era=Era()).day is None


def test_an_anniversary_gives_the_year_unless_the_printed_weekday_says_otherwise() -> None:
    marked = (2023, "25th anniversary of the 1998 agreement")
    assert in_one_year(4, 12, weekday=None, era=Era(), anniversary=marked).day == date(2023, 4, 12)
    assert in_one_year(4, 12, weekday=2, era=Era(), anniversary=marked).day == date(2023, 4, 12)
    assert in_one_year(4, 12, weekday=4, era=Era(), anniversary=marked).day is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("The trip marks the 50th anniversary of the first visit by a premier in 1973.", 2023, id="50th"),
        pytest.param("It fell on the fifth anniversary of the 2019 accord.", 2024, id="fifth-in-words"),
        pytest.param("Next year's 75th anniversary of the 1949 treaty looms.", None, id="next-year-is-another-year"),
        pytest.param(
            "The 10th anniversary of the 2010 deal, the 5th of 2016 and the 6th anniversary of the 2016 deal.",
            None,
            id="two-years-disagree",
        ),
        pytest.param("The anniversary of the 2010 deal passed quietly.", None, id="no-ordinal"),
        pytest.param("It is 25 years since the 1998 agreement was signed.", 2023, id="years-since"),
        pytest.param("Crowds marked the twenty-fifth anniversary of the 1998 accord.", 2023, id="ordinal-compound"),
        pytest.param("The accord, signed in 1998, twenty-five years ago, holds.", 2023, id="a-compound-number-word"),
        pytest.param("The accord was signed in 1998, 25 years ago.", 2023, id="years-ago"),
        pytest.param("In 1975, 25 years after the 1950 war, they met again.", None, id="years-after-is-history"),
    ],
)
def test_the_year_an_anniversary_gives(text: str, expected: int | None) -> None:
    found = anniversary_year(text, ArticleMetadata())
    assert (found[0] if found else None) == expected


STORY = (
    "Prime Minister Rishi Sunak met the Japanese prime minister in Hiroshima on Thursday and signed an "
    "accord on defence and trade, officials said.\n\n"
    "The two leaders also agreed to cooperate on semiconductors, the government said.\n"
)


@pytest.mark.parametrize(
    "line",
    [
        pytest.param("Thu 18 May 21.10 BST", id="uk-clock"),
        pytest.param("Thursday 18 May", id="weekday-day-month"),
        pytest.param("Published: Thursday, May 18", id="labelled"),
    ],
)
def test_a_year_less_date_line_is_a_claim_in_the_one_year_that_fits(line: str) -> None:
    ref = reference_of(f"THE ISLAND POST\n\n{line}\n\nSunak signs accord in Hiroshima\n\n{STORY}")
    assert (ref.value, ref.precision) == (date(2023, 5, 18), "day")
    assert ref.basis["method"] == "publication date"


def test_a_year_less_date_line_no_year_fits_is_rejected_with_its_reason() -> None:
    ref = reference_of(f"THE ISLAND POST\n\nFri 18 May\n\nSunak signs accord in Hiroshima\n\n{STORY}")
    assert ref.value is None
    assert [(v, kind) for v, kind, _ in verdicts(ref)] == [("rejected", "header-date")]


def test_a_year_less_caption_date_anchors_the_story() -> None:
    raw = (
        "Sunak signs accord in Hiroshima\n\n"
        f"{STORY}\n"
        "Photo: Sunak and Kishida shake hands in Hiroshima on Thursday, May 18. (Pool)\n"
    )
    ref = reference_of(raw)
    assert (ref.value, ref.precision) == (date(2023, 5, 18), "day")
    assert ("chosen", "caption-date", "2023-05-18") in verdicts(ref)


@pytest.mark.parametrize(
    ("url", "expected", "precision"),
    [
        pytest.param("https://news.example/world/2023/07/11/talks-in-vilnius", date(2023, 7, 11), "day", id="slashes"),
        pytest.param("https://news.example/world/talks-in-vilnius-2023-07-11/", date(2023, 7, 11), "day", id="dashes"),
        pytest.param("https://news.example/20230711/talks", date(2023, 7, 11), "day", id="compact"),
        pytest.param("https://news.example/2023/07/talks-in-vilnius", date(2023, 7, 1), "month", id="month"),
        pytest.param("https://news.example/world/talks-in-vilnius", None, None, id="no-date"),
        pytest.param("https://news.example/2023/13/45/talks", None, None, id="no-such-day"),
    ],
)
def test_the_web_address_dates_the_story(url: str, expected: date | None, precision: str | None) -> None:
    raw = "VILNIUS - Leaders of the alliance met on Tuesday to discuss the war, officials said.\n"
    ref = reference_of(raw, url=url, origin="jsonl")
    assert (ref.value, ref.precision) == (expected, precision)
