"""The era of a story: when the offices it gives known people were held."""

from __future__ import annotations

from datetime import date

import pytest

from loaders.dating.era import Era, story_era
from loaders.kb import KnowledgeBase

TODAY = date(2026, 12, 1)


def era_of(text: str) -> Era:
    return story_era(text, KnowledgeBase.load(), today=TODAY)


def test_offices_before_and_after_the_name_narrow_the_era() -> None:
    era = era_of("Prime Minister Fumio Kishida met Joe Biden, the US president, in Hiroshima.")
    assert era.known
    assert era.contains(date(2023, 5, 19))
    assert not era.contains(date(2019, 5, 19))  # Kishida was not prime minister, nor Biden president
    assert not era.contains(date(2025, 5, 19))
    assert era.years() == range(2021, 2025)
    assert era.reasons == ("Fumio Kishida as head-of-government", "Joe Biden as head-of-state")


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Former Prime Minister Fumio Kishida spoke in Tokyo.", id="former"),
        pytest.param("Then-Prime Minister Fumio Kishida spoke in Tokyo.", id="then"),
        pytest.param("Fumio Kishida spoke in Tokyo.", id="no-office"),
        pytest.param("President-elect Donald Trump spoke in Florida.", id="elect"),
        pytest.param("The prime minister's envoy met Fumio Kishida.", id="office-of-someone-else"),
    ],
)
def test_mentions_that_say_nothing_of_the_present(text: str) -> None:
    era = era_of(text)
    assert not era.known
    assert era.contains(date(1990, 1, 1))


def test_pairings_that_never_held_together_leave_the_era_unknown() -> None:
    # Theresa May and Joe Biden were never in these offices at once: the story or the knowledge base errs.
    era = era_of("Prime Minister Theresa May met President Joe Biden.")
    assert not era.known


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Prime Minister Fumio Kishida flew to Kyiv in March 2023.", id="month-and-year"),
        pytest.param("Prime Minister Fumio Kishida hosted the summit in 2023.", id="year"),
        pytest.param("On 21 March 2023 Prime Minister Fumio Kishida was in Kyiv.", id="full-date"),
    ],
)
def test_an_office_in_a_sentence_dated_in_the_past_bounds_the_era_from_below_only(text: str) -> None:
    era = era_of(text)
    assert era.known
    assert era.contains(date(2025, 5, 19))  # written later, when Kishida no longer held the office
    assert not era.contains(date(2019, 5, 19))  # but not before his term began
    assert era.reasons == ("Fumio Kishida as head-of-government (at a time the sentence dates: or after)",)


def test_a_term_running_since_a_year_still_dates_the_present() -> None:
    era = era_of("Prime Minister Fumio Kishida, in office since 2021, spoke in Tokyo.")
    assert not era.contains(date(2025, 5, 19))
