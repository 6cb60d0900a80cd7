"""Counterparts: the holder, in the country named beside the word, of the office the possessor held."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from loaders.nlp import load_pipeline
from tests.loaders.resolve.test_actors import people, resolve


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline()


@pytest.mark.parametrize(
    ("text", "on", "counterpart"),
    [
        pytest.param("Narendra Modi met his German counterpart.", date(2023, 4, 3), "olaf-scholz", id="adjective"),
        pytest.param(
            "Narendra Modi talked with his counterpart from Germany.", date(2023, 4, 3), "olaf-scholz", id="from"
        ),
        # The same words name whoever held the office that day.
        pytest.param("Antony Blinken met his Chinese counterpart.", date(2023, 4, 3), "qin-gang", id="then"),
        pytest.param("Antony Blinken met his Chinese counterpart.", date(2024, 4, 3), "wang-yi", id="later"),
    ],
)
def test_a_counterpart_is_who_held_the_same_office_there_that_day(
    nlp: Language, text: str, on: date, counterpart: str
) -> None:
    assert counterpart in [slug for _, slug in people(resolve(nlp, text, on))]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Narendra Modi met his counterpart.", id="no-country"),
        pytest.param("The minister met his German counterpart.", id="no-known-possessor"),
    ],
)
def test_no_counterpart_without_a_country_and_a_known_possessor(nlp: Language, text: str) -> None:
    # Only the possessor, named or by "his", is anyone.
    assert {slug for _, slug in people(resolve(nlp, text, date(2023, 4, 3)))} <= {"narendra-modi"}
