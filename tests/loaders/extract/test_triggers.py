"""Which words report events, and what status their tense and modality give."""

from __future__ import annotations

import pytest
from spacy.tokens import Token

from loaders.extract.triggers import asked_for, event_kind, event_status, plan_told_in_past
from loaders.nlp import load_pipeline


def word_of(sentence: str, word: str) -> Token:
    """The token ``word`` of ``sentence``, parsed."""
    return next(t for t in load_pipeline()(sentence) if t.text == word)


def trigger(sentence: str, word: str) -> tuple[str | None, str]:
    token = word_of(sentence, word)
    return event_kind(token), event_status(token)


@pytest.mark.parametrize(
    ("sentence", "word", "kind", "status"),
    [
        ("The two ministers met in Geneva on Tuesday.", "met", "meeting", "occurred"),
        ("The envoy will meet the prime minister next week.", "meet", "meeting", "planned"),
        ("The chancellor is scheduled to meet the president in Paris.", "meet", "meeting", "planned"),
        ("Officials are expected to meet before the summit.", "meet", "meeting", "expected"),
        ("The envoy is predicted to travel to Hanoi within weeks.", "travel", "visit", "expected"),
        ("They held talks for three hours.", "talks", "meeting", "occurred"),
        ("The two leaders spoke by phone on Monday.", "spoke", "call", "occurred"),
        ("The president traveled to Tokyo for the summit.", "traveled", "visit", "occurred"),
        ("Her trip was postponed after the crisis.", "trip", "visit", "postponed"),
        ("The minister declined to meet his counterpart.", "meet", "meeting", "cancelled"),
        ("The secretary visited Nairobi last week.", "visited", "visit", "occurred"),
        ("The envoy was to travel to Hanoi on Wednesday.", "travel", "visit", "planned"),
        ("Narendra Modi is slated to meet Joe Biden next week.", "meet", "meeting", "planned"),
        ("Xi Jinping is poised to visit Moscow next week.", "visit", "visit", "planned"),
        ("The leaders had been scheduled to meet on Monday.", "meet", "meeting", "postponed"),
        ("They said they had agreed to meet next week.", "meet", "meeting", "planned"),
        ("President Joe Biden welcomed Kenya's President William Ruto.", "welcomed", "meeting", "occurred"),
        ("Blinken told Wang in a phone call that the balloon was unacceptable.", "call", "call", "occurred"),
        ("Sergei Lavrov was later acquired by President Xi Jinping.", "acquired", "meeting", "occurred"),
        ("Olaf Scholz and Narendra Modi signed a climate pact in Berlin.", "signed", "meeting", "occurred"),
        ("The chancellor signed the accord with President Lula in Brasilia.", "signed", "meeting", "occurred"),
        ("Olaf Scholz and his Indian counterpart signed a pact.", "signed", "meeting", "occurred"),
        ("The king hosted his Spanish counterpart.", "hosted", "meeting", "occurred"),
        ("The premier called off her visit to Oslo.", "visit", "visit", "cancelled"),
        ("The premier put off her visit to Oslo.", "visit", "visit", "postponed"),
        ("The premier headed to Oslo on Monday.", "headed", "visit", "occurred"),
        ("The premier made a stopover in Oslo.", "stopover", "visit", "occurred"),
        ("The premier was received by Jonas Gahr Store in Oslo.", "received", "meeting", "occurred"),
        ("The premier paid a courtesy call on the king.", "call", "meeting", "occurred"),
        ("The premier called on Jonas Gahr Store in Oslo.", "called", "meeting", "occurred"),
        ("The premier had a bilateral with the king.", "bilateral", "meeting", "occurred"),
        ("The premier left for Paris on Monday.", "left", "visit", "occurred"),
        ("The premier spoke to Jonas Gahr Store in Oslo.", "spoke", "meeting", "occurred"),
        ("The premier leaves for Paris on Monday.", "leaves", "visit", "occurred"),
    ],
)
def test_triggers(sentence: str, word: str, kind: str, status: str) -> None:
    assert trigger(sentence, word) == (kind, status)


@pytest.mark.parametrize(
    ("sentence", "word"),
    [
        ("Critics called the plan reckless.", "called"),
        ("The ministry said the talks were useful.", "said"),
        ("At the end of the joint news conference, Erdogan left.", "conference"),
        ("Sunak held a press conference in Belfast.", "conference"),
        ("Blinken told Wang in a phone call that the balloon was unacceptable.", "phone"),  # the call is
        ("Austin met Dong on the sidelines of the Shangri-La Dialogue in Singapore.", "Dialogue"),  # a forum
        ("Olaf Scholz signed the decree on Monday.", "signed"),  # signed alone
        ("The premier headed the delegation.", "headed"),  # led it, went nowhere
        ("The premier called on Jonas Gahr Store to resign.", "called"),  # a request
        ("The premier left for work early.", "left"),  # no place
        ("Olaf Scholz and Narendra Modi signed the pact by video link.", "signed"),  # apart
        ("Japan and India signed a pact on Monday.", "signed"),  # countries, not people
    ],
)
def test_non_triggers(sentence: str, word: str) -> None:
    assert trigger(sentence, word)[0] is None


@pytest.mark.parametrize(
    ("sentence", "word"),
    [
        pytest.param("Russia will not return until the West met its demands.", "met", id="demands"),
        pytest.param("The government failed to meet the deadline.", "meet", id="deadline"),
    ],
)
def test_another_sense_of_meet_is_no_meeting(sentence: str, word: str) -> None:
    assert trigger(sentence, word)[0] is None


@pytest.mark.parametrize(
    ("sentence", "word", "requested"),
    [
        pytest.param(
            "She urged the general to pull back and to open talks with the rebels.", "talks", True, id="urged"
        ),
        pytest.param("He called on the two rivals to meet in Geneva.", "meet", True, id="called-on"),
        pytest.param("The envoy asked the king to visit Lisbon.", "visit", True, id="asked-to"),
        pytest.param("The envoy was asked about the talks in Lisbon.", "talks", False, id="asked-about"),
        pytest.param("The envoy called the king on Friday.", "called", False, id="a-call"),
        pytest.param("The two ministers met in Geneva on Tuesday.", "met", False, id="held"),
    ],
)
def test_what_someone_asks_another_to_do_is_a_request(sentence: str, word: str, requested: bool) -> None:
    assert asked_for(word_of(sentence, word)) is requested


@pytest.mark.parametrize(
    ("sentence", "word", "told_in_past"),
    [
        pytest.param("From Lima she was to fly on to Quito for talks.", "fly", True, id="was-to"),
        pytest.param("The two were due to meet in Oslo.", "meet", True, id="were-due"),
        pytest.param("The two are due to meet in Oslo.", "meet", False, id="are-due"),
        pytest.param("The ministry said she was to fly on to Quito.", "fly", False, id="reported-speech"),
        pytest.param("The two had been due to meet in Oslo.", "meet", False, id="had-been-due"),
    ],
)
def test_a_plan_told_in_the_past_tense_by_the_story(sentence: str, word: str, told_in_past: bool) -> None:
    assert plan_told_in_past(word_of(sentence, word)) is told_in_past
