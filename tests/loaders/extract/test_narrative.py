"""Days told relative to the story's own last day: "the next day", "the same day", "the day before"."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from loaders.extract import EventCandidate
from loaders.nlp import load_pipeline
from tests.loaders.extract.test_events import day, extract

WRITTEN = date(2023, 3, 24)  # a Friday


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline()


def meetings(nlp: Language, text: str) -> list[EventCandidate]:
    return [e for e in extract(nlp, text, WRITTEN) if e.kind == "meeting"]


@pytest.mark.parametrize(
    ("second", "expected"),
    [
        pytest.param("Formal talks between Xi and Putin followed the next day.", day(2023, 3, 21), id="next-day"),
        pytest.param("A day later Xi held talks with Mikhail Mishustin.", day(2023, 3, 21), id="a-day-later"),
        pytest.param("The same day Xi also met Mikhail Mishustin.", day(2023, 3, 20), id="same-day-opening"),
        pytest.param("Xi also met Mikhail Mishustin that evening.", day(2023, 3, 20), id="that-evening"),
        pytest.param("The day before, Xi had met Mikhail Mishustin.", day(2023, 3, 19), id="day-before-alone"),
        pytest.param("The day ended with a dinner of Xi and Mikhail Mishustin.", day(2023, 3, 20), id="the-day-ended"),
        pytest.param("In the evening Xi also met Mikhail Mishustin.", day(2023, 3, 20), id="in-the-evening"),
        pytest.param("Xi met Mikhail Mishustin later in the day.", day(2023, 3, 20), id="later-in-the-day"),
    ],
)
def test_a_day_told_from_the_story_day(nlp: Language, second: str, expected: tuple[object, ...]) -> None:
    first = "Xi Jinping held informal talks with Vladimir Putin on Monday. "
    *_, meeting = meetings(nlp, first + second)
    assert meeting.dates == expected


@pytest.mark.parametrize(
    "second",
    [
        pytest.param("Xi had met Mikhail Mishustin the day before the summit.", id="the-day-before-something"),
        pytest.param("Xi met Mikhail Mishustin on the same day a missile hit Kyiv.", id="the-same-day-as-something"),
        pytest.param("Xi met Mikhail Mishustin in the morning of the next day.", id="a-part-of-another-day"),
    ],
)
def test_a_day_counted_from_another_event_is_not_the_story_day(nlp: Language, second: str) -> None:
    first = "Xi Jinping held informal talks with Vladimir Putin on Monday. "
    *_, meeting = meetings(nlp, first + second)
    assert meeting.dates not in {day(2023, 3, 19), day(2023, 3, 20)}


def test_a_day_counted_in_a_clause_about_something_else_is_not_the_event_day(nlp: Language) -> None:
    first = "Xi Jinping held informal talks with Vladimir Putin on Monday. "
    second = "Mikhail Mishustin, who was appointed to his post only the day before, also met Xi."
    *_, meeting = meetings(nlp, first + second)
    assert meeting.dates != day(2023, 3, 19)  # the day before is the appointment's


def test_without_a_story_day_the_phrase_dates_nothing(nlp: Language) -> None:
    [meeting] = meetings(nlp, "Formal talks between Xi Jinping and Vladimir Putin followed the next day.")
    assert meeting.dates is None
