"""The dates a JSON Lines record declares, under whatever key and in whatever form feeds print them."""

from __future__ import annotations

from datetime import date

import pytest

from loaders.read.declared_dates import declared_dates, read_declared_date


@pytest.mark.parametrize(
    ("value", "readings"),
    [
        ("2024-03-07T18:40:00-05:00", (date(2024, 3, 7),)),
        ("Thu, 07 Mar 2024 23:40:00 GMT", (date(2024, 3, 7),)),
        ("March 7, 2024 6:40 PM EST", (date(2024, 3, 7),)),
        ("7 de marzo de 2024", (date(2024, 3, 7),)),
        ("2024年3月7日", (date(2024, 3, 7),)),
        (1709849700, (date(2024, 3, 7),)),
        ("1709849700000", (date(2024, 3, 7),)),
        # Either way round: both readings, for the story's evidence to settle.
        ("07/03/2024 18:40", (date(2024, 3, 7), date(2024, 7, 3))),
        # A day over twelve settles the order by itself.
        ("03/27/2024", (date(2024, 3, 27),)),
        # No date: relative phrases depend on the day of loading, bare numbers are no time.
        ("last week", ()),
        ("2 hours ago", ()),
        ("12", ()),
        (True, ()),
        ({"nested": 1}, ()),
    ],
)
def test_values_are_read_in_the_forms_feeds_print(value: object, readings: tuple[date, ...]) -> None:
    assert read_declared_date("published", value).readings == readings


def test_dateparser_reads_what_the_grammar_does_not() -> None:
    # Hungarian prints the year first and the day last, an order the grammar's patterns do not hold.
    assert read_declared_date("datum", "2024. március 7.", "hu").readings == (date(2024, 3, 7),)


@pytest.mark.parametrize(
    ("record", "key"),
    [
        ({"published": "2023-05-11"}, "published"),
        ({"datePublished": "2023-05-11"}, "datePublished"),
        ({"pubDate": "Thu, 11 May 2023 09:00:00 +0000"}, "pubDate"),
        ({"published_at": "2023-05-11 09:00"}, "published_at"),
        ({"dc:date": "2023-05-11"}, "dc:date"),
        ({"fecha": "11/05/2023"}, "fecha"),
        ({"Datum": "11.05.2023"}, "Datum"),
        ({"time": 1683795600}, "time"),
    ],
)
def test_publication_keys_in_many_spellings(record: dict[str, object], key: str) -> None:
    published = declared_dates({"text": "story", **record}).published
    assert published is not None
    assert published.key == key
    assert date(2023, 5, 11) in published.readings


def test_a_readable_key_wins_over_an_unreadable_one_and_modified_is_kept_apart() -> None:
    dates = declared_dates(
        {"text": "story", "published": "soon", "date": "2023-05-11", "dateModified": "2023-05-12T08:00:00Z"}
    )
    assert dates.published is not None
    assert dates.published.value == date(2023, 5, 11)
    assert dates.modified is not None
    assert dates.modified.value == date(2023, 5, 12)


def test_a_record_without_dates_declares_none() -> None:
    assert declared_dates({"text": "story", "title": "Talks"}).published is None
