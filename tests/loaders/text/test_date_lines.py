"""Date lines: a date with only page furniture around it."""

from __future__ import annotations

from datetime import date

import pytest

from loaders.text import read_date_line


@pytest.mark.parametrize(
    ("line", "value", "label", "byline"),
    [
        pytest.param("Wednesday, February 28, 2024", date(2024, 2, 28), None, None, id="alone"),
        pytest.param("Mon. Apr 29th, 2024", date(2024, 4, 29), None, None, id="abbreviated"),
        pytest.param("Published: June 19, 2023 10:02 AM GMT", date(2023, 6, 19), "Published", None, id="label-time"),
        pytest.param("Updated 2023-06-20", date(2023, 6, 20), "Updated", None, id="iso"),
        pytest.param("World | Asia | 2 June 2022", date(2022, 6, 2), None, None, id="sections"),
        pytest.param(
            "Published 2 June 2022 | Updated 3 hours ago", date(2022, 6, 2), "Published", None, id="relative-stamp"
        ),
        pytest.param(
            "This story was first published on 2 June 2022.", date(2022, 6, 2), "First published", None, id="note"
        ),
        pytest.param("Canberra edition · Wednesday 17 May 2023", date(2023, 5, 17), None, None, id="edition"),
        pytest.param("By the Asia Desk — June 2, 2022", date(2022, 6, 2), None, "By the Asia Desk", id="desk"),
        pytest.param("Posted on June 2, 2022 by Jane Roe", date(2022, 6, 2), "Posted", "by Jane Roe", id="posted-by"),
        pytest.param(
            "Posted on 19/06/2023 21:30 by Jane Roe", date(2023, 6, 19), "Posted", "by Jane Roe", id="posted-time-by"
        ),
        pytest.param("Published: 19/06/2023 – 21:40", date(2023, 6, 19), "Published", None, id="numeric-dash-time"),
        pytest.param("Updated 9:05 AM EDT, Thu June 6, 2024", date(2024, 6, 6), "Updated", None, id="time-first"),
        pytest.param("Friday 14 March 2025 07.30 GMT", date(2025, 3, 14), None, None, id="uk-clock"),
        pytest.param("2 June 2022, 16:40 AEST", date(2022, 6, 2), None, None, id="zone"),
        pytest.param(
            "By Jane Roe, John Doe | June 2, 2022", date(2022, 6, 2), None, "By Jane Roe, John Doe", id="two-names"
        ),
        pytest.param("Diplomacy | Sept. 4, 2023 | 5 min read", date(2023, 9, 4), None, None, id="reading-time"),
        pytest.param("2023/09/13 10:00 JST", date(2023, 9, 13), None, None, id="year-first"),
        pytest.param(
            "Press release 21.4.2022 09.15 (Swedish time)", date(2022, 4, 21), "Press release", None, id="press-release"
        ),
        pytest.param("Saturday, 9 April 2022 | Issue 12 | Print edition", date(2022, 4, 9), None, None, id="issue"),
        pytest.param("Morning briefing · Tuesday 3 May 2022 · No. 88", date(2022, 5, 3), None, None, id="newsletter"),
        pytest.param("Date: Tue, 4 Jun 2024 10:12:00 +0200", date(2024, 6, 4), "Date", None, id="mail-header"),
        pytest.param("Sent: Tuesday, June 4, 2024 9:40 AM", date(2024, 6, 4), "Sent", None, id="mail-sent"),
        pytest.param("27 Dhu al-Qadah 1445 AH | 4 June 2024", date(2024, 6, 4), None, None, id="two-calendars"),
        pytest.param("Aired: 28/03/2021 | Running time 41:07", date(2021, 3, 28), "Aired", None, id="recording"),
        pytest.param("Publié le mardi 7 mars 2023 à 18h05", date(2023, 3, 7), "Publié", None, id="french"),
        pytest.param("Publicado el 9 de octubre de 2023", date(2023, 10, 9), "Publicado", None, id="spanish"),
        pytest.param(
            "Veröffentlicht am 12. Januar 2024 um 9:30", date(2024, 1, 12), "Veröffentlicht", None, id="german"
        ),
        pytest.param("14 Şubat 2024 Çarşamba, 10:12", date(2024, 2, 14), None, None, id="turkish-weekday-after"),
        pytest.param("Atualizado em 14 de abril de 2023", date(2023, 4, 14), "Updated", None, id="portuguese-update"),
    ],
)
def test_date_lines(line: str, value: date, label: str | None, byline: str | None) -> None:
    parsed = read_date_line(line)
    assert parsed is not None
    assert parsed.found is not None
    assert (parsed.found.value, parsed.label) == (value, label)
    assert (line[parsed.byline[0] : parsed.byline[1]] if parsed.byline else None) == byline


def test_a_change_printed_in_another_language_beside_the_first_date() -> None:
    line = read_date_line("Publié le lundi 6 mars 2023 à 9h12 · Mis à jour le mardi 7 mars 2023 à 10h00")
    assert line is not None
    assert line.found is not None
    assert (line.found.value, line.label) == (date(2023, 3, 6), "Publié")
    assert [(d.found.value if d.found else None, d.modified) for d in line.also] == [(date(2023, 3, 7), True)]


@pytest.mark.parametrize("line", ["Page printed: 05.06.2024 10:00", "Printed on 5 June 2024", "Last edited 5 Jun 2024"])
def test_a_day_of_printing_or_editing_bounds_the_day_of_writing(line: str) -> None:
    parsed = read_date_line(line)
    assert parsed is not None
    assert parsed.modified


def test_a_modification_date_says_so() -> None:
    line = read_date_line("Last updated: 05.10.2023 14:02 IST")
    assert line is not None
    assert line.found is not None
    assert line.modified
    assert line.found.readings == (date(2023, 10, 5), date(2023, 5, 10))


@pytest.mark.parametrize(
    "line",
    [
        pytest.param("Talks on June 19, 2023 went well", id="a-sentence"),
        pytest.param("Xi visits Paris | 6 May 2024", id="a-headline-beside-a-date"),
        pytest.param("Updated 3 hours ago", id="no-date"),
        pytest.param("Talks ended 3 ago 2023", id="no-foreign-month-in-english"),
        pytest.param("Xi landed 2 hours ago in Paris, on 6 May 2024", id="a-sentence-with-ago"),
    ],
)
def test_lines_that_are_not_date_lines(line: str) -> None:
    assert read_date_line(line) is None


@pytest.mark.parametrize("line", ["Monday 19 June", "Posted on June 2 by Jane Roe", "World | Asia | 2 June"])
def test_a_day_without_a_year_is_a_date_line_with_its_year_left_open(line: str) -> None:
    """A line of its own, never a headline; which year it means is for dating to settle from the story."""
    parsed = read_date_line(line)
    assert parsed is not None
    assert parsed.found is not None
    assert (parsed.found.year, parsed.found.day is not None) == (None, True)


def test_a_date_in_another_calendar_is_a_date_line_without_a_date() -> None:
    other = read_date_line("17 Shaban 1445")
    assert other is not None
    assert other.found is None
