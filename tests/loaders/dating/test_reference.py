"""The reference date is the day the story was written, from the evidence the page gives, or None."""

from __future__ import annotations

from datetime import date

import pytest

from loaders.clean import ArticleMetadata, Caption, PageDate, clean_text, extract_metadata
from loaders.dating import ReferenceDate, resolve_reference_date
from loaders.read import RawArticle
from loaders.text import find_dates


def reference_of(raw: str, **declared: object) -> ReferenceDate:
    article = RawArticle(source="test.txt", text=raw, **declared)  # type: ignore[arg-type]
    cleaned = clean_text(raw)
    meta = extract_metadata(raw, cleaned)
    return resolve_reference_date(article, cleaned.text, meta)


def verdicts(reference: ReferenceDate) -> list[tuple[str, str, str | None]]:
    """(verdict, kind, date) of every candidate in the audit trail."""
    candidates = reference.basis["candidates"]
    assert isinstance(candidates, list)
    return [(c["verdict"], c["kind"], c["date"]) for c in candidates]


def why(reference: ReferenceDate, kind: str) -> str:
    candidates = reference.basis["candidates"]
    assert isinstance(candidates, list)
    return str(next(c["why"] for c in candidates if c["kind"] == kind))


CAPTION_SUNDAY = "The envoy meets the foreign minister at a guest house in Hanoi, Vietnam, April 2, 2023. AFP/Pool"


def test_caption_date_moved_to_the_weekday_the_story_reports() -> None:
    # The photo is of Sunday; the story reports Monday's meeting too: written on Monday.
    raw = (
        "HANOI (AFP) - The envoy held a second day of talks in a meeting on Monday, officials said.\n\n"
        f"{CAPTION_SUNDAY}\n\n"
        "On Sunday, the envoy met the foreign minister for five hours, a spokesperson said.\n"
    )
    ref = reference_of(raw)
    assert (ref.value, ref.precision) == (date(2023, 4, 3), "day")
    assert ref.basis["method"] == "latest anchor refined by weekdays"


def test_caption_date_stays_when_the_weekdays_fit_it() -> None:
    # A Friday photo; "on Thursday" and "on Friday" both lie up to that Friday.
    raw = (
        "Envoys agreed to keep talking, officials said on Friday, after meetings in the capital.\n\n"
        "The two envoys meet at the ministry in Ottawa, Canada on March 10, 2023. Reuters\n\n"
        "On Thursday, the envoys spent six hours on a draft text, an official said.\n"
    )
    assert reference_of(raw).value == date(2023, 3, 10)


def test_a_header_date_alone_is_the_publication_date_until_something_contradicts_it() -> None:
    raw = "Wed. Jan 10th, 2024\n\nThe two ministers met on Monday in Rabat, officials said.\n"
    ref = reference_of(raw)
    assert (ref.value, ref.precision, ref.basis["method"]) == (date(2024, 1, 10), "day", "publication date")
    assert ref.tentative  # nothing in the story backs it: events other articles date may still overrule it
    assert verdicts(ref) == [("chosen", "header-date", "2024-01-10")]


def test_offices_not_held_on_the_page_date_contradict_it() -> None:
    raw = "Wed. Jan 10th, 2024\n\nPrime Minister Theresa May met Chancellor Angela Merkel in Berlin on Monday.\n"
    ref = reference_of(raw)
    assert ref.value is None
    assert "not when the story's offices were held" in why(ref, "header-date")


def test_a_year_the_story_speaks_of_in_the_past_contradicts_an_earlier_page_date() -> None:
    raw = "Published: March 3, 2021\n\nThe ministers, who first met in 2023, held talks on Monday, officials said.\n"
    ref = reference_of(raw)
    assert ref.value is None
    assert "2023 in the past tense" in why(ref, "published-date")


def test_a_caption_under_a_later_header_date_wins() -> None:
    raw = (
        "Daily Harbour TV\n\nThursday, February 1, 2024\n\nMinisters agree to new talks\n\n"
        "The two ministers shake hands in Lima, Peru on September 8, 2023. Reuters\n\n"
        "The ministers agreed on Friday to hold new talks, officials said.\n"
    )
    assert reference_of(raw).value == date(2023, 9, 8)


def test_publication_date_is_the_reference_when_the_story_agrees() -> None:
    raw = "Talks resume\n\nPublished: May 9, 2023\n\nThe delegations met on Tuesday in Doha, officials said.\n"
    ref = reference_of(raw)
    assert (ref.value, ref.precision, ref.basis["method"]) == (date(2023, 5, 9), "day", "publication date")


def test_a_republication_yields_to_the_story_own_dates() -> None:
    raw = (
        "The two leaders greet each other at the palace in Cairo, Egypt on June 4, 2022. AFP\n\n"
        "The leaders met on Saturday for talks on water, officials said.\n"
    )
    ref = reference_of(raw, published=date(2024, 1, 15), origin="jsonl")
    assert ref.value == date(2022, 6, 4)
    assert "republication" in why(ref, "declared-date")
    assert ref.published == date(2024, 1, 15)  # the date the page was published: as a republication


def test_a_dated_dateline_takes_its_year_from_the_other_evidence() -> None:
    raw = "Ministers meet\n\nPublished: Oct 5, 2023\n\nWASHINGTON, Oct 4 (Reuters) - The two sides met.\n"
    raw = raw.replace("The two sides met.", "The two sides held talks on Wednesday, officials said.")
    assert reference_of(raw).value == date(2023, 10, 4)


def test_a_past_tense_date_in_the_lead_is_an_anchor() -> None:
    raw = "On July 12, 2023, the foreign ministers met in Jakarta and agreed to hold further talks.\n"
    ref = reference_of(raw)
    assert (ref.value, ref.basis["method"]) == (date(2023, 7, 12), "latest anchor")


@pytest.mark.parametrize(
    "raw",
    [
        pytest.param("The ministers will meet on July 12, 2023 in Jakarta, officials said.\n", id="future"),
        pytest.param(
            "Ministers met in Jakarta, officials said.\n\nThe talks went well.\n\nBoth sides were pleased.\n\n"
            "The two countries first signed a treaty on May 2, 1995, in the same city.\n",
            id="background",
        ),
        pytest.param("Ministers met on Monday in Jakarta, officials said.\n", id="weekday-only"),
        pytest.param(
            "Five years after the June 12, 2018 summit, the two leaders met again on Monday, officials said.\n",
            id="adjectival",
        ),
        pytest.param(
            "FILE PHOTO: The two ministers meet in Jakarta, Indonesia, July 12, 2019. REUTERS/Jo Example\n\n"
            "The ministers met on Monday, officials said.\n",
            id="file-photo",
        ),
        pytest.param(
            "The ministers shake hands in Jakarta, Indonesia, July 12, 2019. AFP\n\n"
            "The ministers, who first met in 2022, held talks on Monday, officials said.\n",
            id="story-names-a-later-year",
        ),
    ],
)
def test_no_usable_evidence_gives_none(raw: str) -> None:
    assert reference_of(raw).value is None


def test_month_precision_publication_with_a_day_from_the_story() -> None:
    (june,) = find_dates("June 2023")
    page_dates = (PageDate(june, "page", "Published", "Published June 2023"),)
    raw = RawArticle(source="test.txt", text="x")
    meta = ArticleMetadata(page_dates=page_dates, captions=(Caption(0, 10, "x", date(2023, 6, 18)),))
    assert resolve_reference_date(raw, "Caption...\n\nThe two met.", meta).value == date(2023, 6, 18)
    ref = resolve_reference_date(raw, "The two met.", ArticleMetadata(page_dates=page_dates))
    assert (ref.value, ref.precision) == (date(2023, 6, 1), "month")


def test_a_declared_date_the_story_does_not_contradict_is_the_reference() -> None:
    ref = reference_of("The ministers met on Monday in Doha, officials said.\n", published=date(2023, 5, 9))
    assert (ref.value, ref.published, ref.basis["method"]) == (date(2023, 5, 9), date(2023, 5, 9), "publication date")


def test_the_date_of_the_last_change_when_the_page_gives_no_other() -> None:
    raw = "Talks resume\n\nUpdated: Tuesday, July 9, 2024, 21:40 IST\n\nThe ministers met on Tuesday, officials said.\n"
    ref = reference_of(raw)
    assert (ref.value, ref.basis["method"]) == (date(2024, 7, 9), "date of the last change")


@pytest.mark.parametrize(
    ("raw", "source", "expected", "reason"),
    [
        pytest.param(
            "NEW DELHI, June 3 (PTI) - Ministers met on Monday.\n\nPublished: 04/06/2023\n",
            "test.txt",
            date(2023, 6, 4),
            "within a month of the dateline's day",
            id="by-the-dateline-day",
        ),
        pytest.param(
            "CHICAGO (AP) - Ministers met on Monday, officials said.\n\nPublished: 05/06/2023\n",
            "test.txt",
            date(2023, 6, 5),
            "the only reading on a weekday the story names (Monday)",
            id="by-a-weekday-the-story-names",
        ),
        pytest.param(
            "Ministers met in the capital, officials said.\n\nPublished: 05/06/2023\n",
            "https://news.example.in/world/talks",
            date(2023, 6, 5),
            "day first, as in IN, the country of the outlet's address (.in)",
            id="by-the-outlet-s-country",
        ),
        pytest.param(
            "Ministers met in the capital, officials said.\n\nPublished: 05/06/2023\n",
            "https://news.example.ph/world/talks",
            date(2023, 5, 6),
            "month first, as in PH",
            id="by-a-month-first-outlet",
        ),
        pytest.param(
            "Talks resume\n\nPublished: 04/07/2023\n\nMinisters met again after the talks broke off in May, "
            "officials said.\n",
            "test.txt",
            date(2023, 7, 4),
            "after the months the story names as past",
            id="after-a-month-named-as-past",
        ),
    ],
)
def test_a_numeric_date_either_way_round_is_settled_by_evidence(
    raw: str, source: str, expected: date, reason: str
) -> None:
    cleaned = clean_text(raw)
    ref = resolve_reference_date(RawArticle(source=source, text=raw), cleaned.text, extract_metadata(raw, cleaned))
    assert ref.published == expected
    candidates = ref.basis["candidates"]
    assert isinstance(candidates, list)
    assert any(reason in str(c["text"]) for c in candidates)


@pytest.mark.parametrize(
    "raw",
    [
        pytest.param(
            "Talks resume\n\nPublished: 05/06/2023\n\nMinisters met in the capital, officials said.\n", id="plain"
        ),
        # Foreign outlets file from Washington in their own order: the dateline's country is no evidence.
        pytest.param("WASHINGTON (AFP) - Ministers met, officials said.\n\nPublished: 05/06/2023\n", id="us-dateline"),
    ],
)
def test_a_numeric_date_nothing_settles_gives_its_year(raw: str) -> None:
    ref = reference_of(raw)
    assert (ref.value, ref.precision) == (date(2023, 1, 1), "year")


@pytest.mark.parametrize(
    "sentence",
    [
        pytest.param("The summit is in Lima in May, officials said.", id="a-month-of-a-timetable"),
        pytest.param("Ministers will meet in May, officials said.", id="a-month-in-the-future"),
        pytest.param("Ministers met in May 2022, officials said.", id="a-month-with-its-year"),
    ],
)
def test_months_not_named_as_past_settle_nothing(sentence: str) -> None:
    raw = f"Talks resume\n\nPublished: 04/07/2023\n\n{sentence}\n"
    ref = reference_of(raw)
    assert (ref.value, ref.precision) == (date(2023, 1, 1), "year")


def test_a_year_less_dateline_takes_the_one_year_its_weekday_and_the_offices_allow() -> None:
    raw = (
        "JAKARTA, Sept 4 (Reuters) - Indonesian President Joko Widodo met Prime Minister Fumio Kishida on Monday "
        "to discuss maritime security, officials said.\n"
    )
    ref = reference_of(raw)
    # September 4 fell on a Monday in 2017 and 2023; only in 2023 were both men in those offices.
    assert (ref.value, ref.basis["method"]) == (date(2023, 9, 4), "dated dateline")


def test_a_year_less_dateline_without_a_single_fitting_year_gives_none() -> None:
    raw = "JAKARTA, Sept 4 (Reuters) - Indonesian President Joko Widodo met visiting envoys on Monday.\n"
    assert reference_of(raw).value is None


def test_a_year_less_date_in_the_lead_takes_the_one_year_its_weekday_and_the_offices_allow() -> None:
    raw = (
        "President Joe Biden met Prime Minister Rishi Sunak in Belfast on Wednesday, April 12, and praised "
        "the 1998 agreement.\n\nBiden will travel to Dublin on Thursday.\n"
    )
    ref = reference_of(raw)
    # Biden and Sunak held those offices together from October 2022 to July 2024; April 12 was a
    # Wednesday in 2023 only.
    assert (ref.value, verdicts(ref)) == (date(2023, 4, 12), [("chosen", "text-date", "2023-04-12")])


@pytest.mark.parametrize(
    "lead",
    [
        pytest.param(
            "President Joe Biden met Prime Minister Rishi Sunak in Belfast on Thursday, April 12.",
            id="no-year-fits-the-weekday",
        ),
        pytest.param("Envoys met in Belfast on Wednesday, April 12.", id="no-offices-no-era"),
        pytest.param(
            "President Joe Biden will meet Prime Minister Rishi Sunak in Belfast on Wednesday, April 12.",
            id="future-tense",
        ),
    ],
)
def test_a_year_less_date_no_single_year_fits_gives_none(lead: str) -> None:
    assert (
        reference_of(
            f"Biden praises the peace deal on a visit to Northern Ireland\n\n{lead}\n\nThe talks were about trade.\n"
        ).value
        is None
    )


def test_a_year_less_date_in_the_lead_fits_the_year_its_weekday_names() -> None:
    lead = "President Joe Biden met Prime Minister Rishi Sunak in Belfast on Friday, April 12."
    assert reference_of(
        f"Biden praises the peace deal on a visit to Northern Ireland\n\n{lead}\n\nThe talks were about trade.\n"
    ).value == date(2024, 4, 12)


def test_a_dateline_with_its_year_is_the_day_of_writing() -> None:
    raw = "Ministers meet\n\nPune, October 4, 2023 — The two sides held talks on Wednesday, officials said.\n"
    reference = reference_of(raw)
    assert (reference.value, reference.basis["method"]) == (date(2023, 10, 4), "dated dateline")


@pytest.mark.parametrize(
    ("declared", "expected"),
    [
        # Either way round: the weekday the story names settles it (4 October 2023 was a Wednesday).
        ("fecha: 04/10/2023 21:30", date(2023, 10, 4)),
        ("fecha: 10/04/2023 21:30", date(2023, 10, 4)),
    ],
)
def test_a_declared_date_either_way_round_is_settled_by_the_story(declared: str, expected: date) -> None:
    raw = "The two sides held talks on Wednesday, officials said.\n"
    assert reference_of(raw, declared_date=declared, origin="jsonl").value == expected


def test_a_declared_value_that_is_no_date_is_in_the_audit_trail() -> None:
    reference = reference_of("The two sides held talks, officials said.\n", declared_date="published: soon")
    assert reference.value is None
    assert "no date" in why(reference, "declared-date")
