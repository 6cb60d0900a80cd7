"""The story's lead: the day, people and place of its first dated sentence, and the meetings the rest
of the story tells of that episode without their day."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from loaders.extract import EventCandidate, extract_article
from loaders.extract.lead import find_lead
from loaders.extract.narrative import LEAD_SENTENCES
from loaders.kb import Gazetteer, KnowledgeBase
from loaders.nlp import load_pipeline
from loaders.resolve import resolve_actors
from tests.loaders.extract.test_events import DateResolver, day

WRITTEN = date(2024, 4, 17)  # a Wednesday
TUESDAY = day(2024, 4, 16)


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline()


def meetings(nlp: Language, text: str, dateline: str | None = None) -> list[EventCandidate]:
    doc = nlp(text)
    mentions = resolve_actors(doc, KnowledgeBase.load(), reference=WRITTEN)
    extraction = extract_article(
        doc, mentions, dateline=dateline, resolve_date=DateResolver(WRITTEN), written_on=WRITTEN
    )
    return [e for e in extraction.events if e.kind == "meeting"]


LEAD = "Chancellor Olaf Scholz urged President Xi Jinping in Beijing on Tuesday to help end the war in Ukraine. "


def test_the_lead_names_its_day_people_and_place(nlp: Language) -> None:
    doc = nlp(LEAD + "Both sides spoke of trade.")
    mentions = resolve_actors(doc, KnowledgeBase.load(), reference=WRITTEN)
    first = list(doc.sents)[:LEAD_SENTENCES]
    lead = find_lead(first, mentions, resolve_date=DateResolver(WRITTEN), gazetteer=Gazetteer.load(), dateline=None)
    assert lead is not None
    assert (lead.day, sorted(lead.people), lead.place.name if lead.place else None) == (
        TUESDAY,
        ["olaf-scholz", "xi-jinping"],
        "Beijing",
    )


@pytest.mark.parametrize(
    "rest",
    [
        pytest.param("The two leaders held talks at the Diaoyutai State Guesthouse.", id="at-a-building-there"),
        pytest.param("Scholz and Xi then held talks.", id="unplaced"),
    ],
)
def test_a_meeting_of_the_lead_told_without_its_day_is_of_the_lead_day(nlp: Language, rest: str) -> None:
    [meeting] = [m for m in meetings(nlp, LEAD + rest) if m.quote == rest]
    assert (sorted(meeting.participants), meeting.dates) == (["olaf-scholz", "xi-jinping"], TUESDAY)


@pytest.mark.parametrize(
    "rest",
    [
        pytest.param("Scholz and Xi last held talks in Bali.", id="placed-elsewhere"),
        pytest.param("Scholz and Xi held talks in November 2022.", id="dated-otherwise"),
        pytest.param("Scholz also held talks with Premier Li Qiang.", id="not-the-lead-people"),
        pytest.param("Scholz and Xi had held talks before.", id="told-as-earlier"),
    ],
)
def test_a_meeting_of_another_episode_keeps_its_own_date(nlp: Language, rest: str) -> None:
    [meeting] = [m for m in meetings(nlp, LEAD + rest) if m.quote == rest]
    assert meeting.dates != TUESDAY


def test_a_lead_of_two_days_dates_nothing(nlp: Language) -> None:
    text = (
        "Olaf Scholz arrived in Chongqing on Sunday and urged Xi Jinping in Beijing on Tuesday to help end the war. "
        "The two leaders held talks at the Diaoyutai State Guesthouse."
    )
    assert [m.dates for m in meetings(nlp, text)] == [None]


def test_the_dateline_places_a_lead_that_names_no_place(nlp: Language) -> None:
    text = (
        "Vladimir Putin told Recep Tayyip Erdogan on Tuesday that Russia would not return to the grain deal. "
        "The two presidents met for hours at a villa in the Black Sea resort. "
        "Putin and Erdogan had held talks in Astana before."
    )
    found = meetings(nlp, text, dateline="Sochi")
    # "The Black Sea resort" names no new place: it is the city the story was filed from.
    assert [(m.venue.name if m.venue else None, m.dates) for m in found] == [("Sochi", TUESDAY), ("Astana", None)]


def test_a_meeting_of_the_lead_told_without_a_place_is_at_the_lead_place(nlp: Language) -> None:
    rest = "Scholz and Xi then held talks."
    [meeting] = [m for m in meetings(nlp, LEAD + rest) if m.quote == rest]
    assert (meeting.venue.name if meeting.venue else None, meeting.dates) == ("Beijing", TUESDAY)
