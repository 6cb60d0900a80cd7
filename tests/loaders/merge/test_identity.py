"""When two reports are one event."""

from __future__ import annotations

from datetime import date

import pytest

from loaders.merge import EventFacts, merge_dates, merge_status, merge_trip_dates, same_happening, same_trip

JUNE_18 = (date(2023, 6, 18), "day", date(2023, 6, 18), "day")
JUNE = (date(2023, 6, 1), "month", date(2023, 6, 1), "month")
MAY = (date(2023, 5, 1), "month", date(2023, 5, 1), "month")
VIENNA, MALTA, BEIJING, CHINA = (10, 1), (20,), (30, 3), (3,)


def day(year: int, month: int, number: int) -> tuple[date, str, date, str]:
    return date(year, month, number), "day", date(year, month, number), "day"


def facts(
    *,
    kind: str = "meeting",
    actors: tuple[int, ...] = (1, 2),
    venue: tuple[int, ...] = (),
    dates: tuple[date, str, date, str] | None = None,
    status: str = "occurred",
    reported_on: date | None = None,
    reported: tuple[date, date] | None = None,
    weekday: int | None = None,
    apart: bool = False,
) -> EventFacts:
    return EventFacts(
        kind=kind,
        actor_ids=frozenset(actors),
        venue_chain=venue,
        dates=dates,
        status=status,
        reported_on=reported_on,
        reported=reported,
        weekday=weekday,
        apart=apart,
    )


@pytest.mark.parametrize(
    ("new", "stored"),
    [
        pytest.param(facts(dates=JUNE_18), facts(dates=JUNE), id="day-within-month"),
        pytest.param(facts(venue=BEIJING), facts(venue=CHINA), id="city-within-country"),
        pytest.param(
            facts(status="planned", venue=BEIJING), facts(status="occurred", venue=BEIJING), id="planned-then-held"
        ),
        pytest.param(
            facts(actors=(1, 2), dates=JUNE_18), facts(actors=(1, 2, 3), dates=JUNE_18), id="part-of-the-people-dated"
        ),
        pytest.param(
            facts(kind="visit", actors=(1,), reported_on=date(2023, 6, 20)),
            facts(kind="visit", actors=(1,), venue=BEIJING, reported=(date(2023, 6, 18), date(2023, 6, 19))),
            id="written-within-a-week",
        ),
        pytest.param(facts(reported_on=date(2023, 6, 25)), facts(dates=JUNE_18), id="written-within-a-week-of-its-day"),
        pytest.param(facts(weekday=6), facts(dates=JUNE_18), id="names-the-weekday-of-its-day"),
    ],
)
def test_same_happening(new: EventFacts, stored: EventFacts) -> None:
    assert same_happening(new, stored) is not None


@pytest.mark.parametrize(
    ("new", "stored"),
    [
        pytest.param(facts(), facts(), id="nothing-but-the-people"),
        pytest.param(facts(venue=BEIJING), facts(dates=JUNE_18), id="each-knows-what-the-other-does-not"),
        pytest.param(
            facts(reported_on=date(2024, 3, 1)),
            facts(reported=(date(2023, 6, 18), date(2023, 6, 20))),
            id="a-year-apart",
        ),
        pytest.param(facts(weekday=0), facts(dates=JUNE_18), id="another-weekday"),
        pytest.param(facts(actors=(1, 2, 3), dates=JUNE_18), facts(dates=JUNE_18), id="more-people-is-another-meeting"),
        pytest.param(facts(actors=(1, 2)), facts(actors=(1, 2, 3), venue=BEIJING), id="part-of-the-people-undated"),
    ],
)
def test_across_articles_an_agreement_must_be_positive(new: EventFacts, stored: EventFacts) -> None:
    assert same_happening(new, stored) is None


def test_within_one_article_the_people_and_no_disagreement_suffice() -> None:
    assert same_happening(facts(), facts(), same_article=True) is not None
    assert same_happening(facts(actors=(1, 2, 3)), facts(), same_article=True) is not None


def test_a_meeting_held_apart_is_no_part_of_a_larger_one() -> None:
    larger = facts(actors=(1, 2, 3), venue=BEIJING, dates=JUNE_18)
    assert same_happening(facts(venue=BEIJING, dates=JUNE_18, apart=True), larger, same_article=True) is None
    assert same_happening(facts(venue=BEIJING, dates=JUNE_18, apart=True), facts(venue=BEIJING)) is not None


@pytest.mark.parametrize(
    ("new", "stored"),
    [
        pytest.param(facts(venue=VIENNA), facts(venue=MALTA), id="other-venue"),
        pytest.param(facts(dates=MAY), facts(dates=JUNE), id="other-month"),
        pytest.param(facts(actors=(1, 3)), facts(actors=(1, 2)), id="other-pair"),
        pytest.param(facts(kind="call"), facts(kind="meeting"), id="call-is-not-meeting"),
        pytest.param(facts(status="cancelled"), facts(status="occurred"), id="called-off-undated"),
        pytest.param(facts(status="planned"), facts(status="occurred"), id="planned-and-held-without-anchor"),
        pytest.param(facts(actors=(1, 2, 3)), facts(actors=(1, 2, 4)), id="different-groups"),
    ],
)
def test_another_happening(new: EventFacts, stored: EventFacts) -> None:
    assert same_happening(new, stored) is None


def test_the_closer_match_scores_higher() -> None:
    stored = facts(venue=BEIJING, dates=JUNE_18)
    closer = same_happening(facts(venue=BEIJING, dates=JUNE_18), stored)
    vaguer = same_happening(facts(), stored, same_article=True)
    assert closer is not None
    assert vaguer is not None
    assert closer > vaguer


def test_held_beats_announced() -> None:
    assert merge_status("planned", "occurred") == "occurred"
    assert merge_status("occurred", "expected") == "occurred"
    assert merge_status("expected", "planned") == "planned"


def test_more_precise_date_wins() -> None:
    assert merge_dates(JUNE, JUNE_18) == JUNE_18
    assert merge_dates(None, JUNE) == JUNE
    assert merge_dates(JUNE_18, None) == JUNE_18


SHANGHAI, GUANGZHOU, TOKYO = (40, 3), (50, 3), (60, 6)


@pytest.mark.parametrize(
    ("new", "stored", "expected"),
    [
        pytest.param(
            facts(kind="visit", actors=(1,), venue=BEIJING, dates=day(2023, 4, 14)),
            facts(kind="visit", actors=(1,), venue=SHANGHAI, dates=day(2023, 4, 12)),
            True,
            id="two-cities-of-one-country-in-a-week",
        ),
        pytest.param(
            facts(kind="visit", actors=(1,), venue=TOKYO, dates=day(2023, 4, 14)),
            facts(kind="visit", actors=(1,), venue=SHANGHAI, dates=day(2023, 4, 12)),
            False,
            id="another-country",
        ),
        pytest.param(
            facts(kind="visit", actors=(1,), venue=BEIJING, dates=day(2019, 4, 14)),
            facts(kind="visit", actors=(1,), venue=SHANGHAI, dates=day(2023, 4, 12)),
            False,
            id="years-apart",
        ),
        pytest.param(
            facts(kind="visit", actors=(1,), venue=BEIJING, status="postponed"),
            facts(kind="visit", actors=(1,), venue=SHANGHAI, dates=day(2023, 4, 12)),
            False,
            id="called-off",
        ),
    ],
)
def test_legs_of_one_trip_in_one_article(new: EventFacts, stored: EventFacts, expected: bool) -> None:
    assert same_trip(new, stored) is expected


def test_a_trip_spans_its_legs() -> None:
    assert merge_trip_dates(day(2023, 4, 14), day(2023, 4, 12)) == (
        date(2023, 4, 12),
        "day",
        date(2023, 4, 14),
        "day",
    )
