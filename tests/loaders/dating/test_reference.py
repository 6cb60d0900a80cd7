"""The reference date is the day the story was written, from the evidence the page gives, or None."""

from __future__ import annotations

from datetime import date

import pytest

from loaders.clean import ArticleMetadata, Caption, clean_text, extract_metadata
from loaders.dating import ReferenceDate, resolve_reference_date


def reference_of(raw: str, **declared: object) -> ReferenceDate:
    cleaned = clean_text(raw)
    meta = extract_metadata(raw, cleaned, **declared)  # type: ignore[arg-type]
    return resolve_reference_date(cleaned.text, meta)


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


def test_a_header_date_alone_is_only_an_upper_bound() -> None:
    raw = "Wed. Jan 10th, 2024\n\nThe two ministers met on Monday in Rabat, officials said.\n"
    ref = reference_of(raw)
    assert (ref.value, ref.precision) == (None, None)
    rejected = ref.basis["rejected"]
    assert isinstance(rejected, list)
    assert rejected[0]["evidence"] == "header-date"


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
    ref = reference_of(raw, declared_published=date(2024, 1, 15))
    assert ref.value == date(2022, 6, 4)
    rejected = ref.basis["rejected"]
    assert isinstance(rejected, list)
    assert "republication" in rejected[0]["why"]


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
    meta = ArticleMetadata(
        page_date=date(2023, 6, 1),
        page_date_kind="published",
        page_date_precision="month",
        captions=(Caption(0, 10, "x", date(2023, 6, 18)),),
    )
    assert resolve_reference_date("Caption...\n\nThe two met.", meta).value == date(2023, 6, 18)
    alone = ArticleMetadata(page_date=date(2023, 6, 1), page_date_kind="published", page_date_precision="month")
    ref = resolve_reference_date("The two met.", alone)
    assert (ref.value, ref.precision) == (date(2023, 6, 1), "month")
