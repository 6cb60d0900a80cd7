"""What a whole article says of its events' status, given the day it was written."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from loaders.extract import EventCandidate, extract_article
from loaders.kb import KnowledgeBase
from loaders.nlp import load_pipeline
from loaders.resolve import resolve_actors
from tests.loaders.extract.test_events import DateResolver

WRITTEN = date(2024, 10, 8)  # a Tuesday


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline()


def events(nlp: Language, text: str) -> list[EventCandidate]:
    doc = nlp(text)
    mentions = resolve_actors(doc, KnowledgeBase.load(), reference=WRITTEN)
    return extract_article(doc, mentions, dateline=None, resolve_date=DateResolver(WRITTEN), written_on=WRITTEN).events


@pytest.mark.parametrize(
    ("text", "status"),
    [
        pytest.param("Olaf Scholz was due to meet Narendra Modi in Delhi next week.", "postponed", id="was-due"),
        pytest.param("Olaf Scholz is due to meet Narendra Modi in Delhi next week.", "planned", id="is-due"),
        pytest.param(
            "The chancellery said Olaf Scholz was due to meet Narendra Modi in Delhi next week.",
            "planned",
            id="reported-speech",
        ),
        pytest.param("Olaf Scholz meets Narendra Modi in Delhi next week.", "planned", id="timetable"),
    ],
)
def test_a_plan_for_a_day_to_come_told_in_the_past_tense_no_longer_holds(nlp: Language, text: str, status: str) -> None:
    [meeting] = [e for e in events(nlp, text) if e.kind == "meeting"]
    assert meeting.status == status
