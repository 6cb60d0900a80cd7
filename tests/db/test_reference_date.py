"""Reading the stored audit trail of a reference date: the candidates shape whole, and anything else
(the older used/rejected shape, a malformed candidate, not JSON of the shape at all) as its method and
no candidates, never an exception."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from db.enums import DateCandidateVerdict, DatePrecision
from db.reference_date import UNREADABLE_METHOD, DateCandidate, ReferenceDateBasis, read_basis

CHOSEN = {
    "kind": "caption-date",
    "date": "2023-03-21",
    "precision": "day",
    "text": "Xi and Putin in Moscow, March 21, 2023",
    "verdict": "chosen",
    "why": "the latest explicit date of the story",
}
CHOSEN_READ = DateCandidate(
    "caption-date",
    date(2023, 3, 21),
    DatePrecision.DAY,
    "Xi and Putin in Moscow, March 21, 2023",
    DateCandidateVerdict.CHOSEN,
    "the latest explicit date of the story",
)
REJECTED = {
    "kind": "header-date",
    "date": "2024-05-14",
    "precision": "day",
    "text": "Tuesday 14 May 2024",
    "verdict": "rejected",
    "why": "more than a week after the story's own dates: a republication",
}


def test_the_candidates_shape_is_read_whole_in_order() -> None:
    month = {"kind": "published-date", "date": "2023-03-01", "precision": "month", "text": "March 2023"}
    year = {"kind": "text-date", "date": "2023-01-01", "precision": "year", "text": "in 2023"}
    undated = {"kind": "dateline-date", "date": None, "precision": None, "text": "", "verdict": "rejected"}
    stored = {
        "method": "latest anchor",
        "candidates": [
            CHOSEN,
            {**month, "verdict": "consistent", "why": "the month of the story"},
            {**year, "verdict": "consistent", "why": "its year"},
            REJECTED,
            {**undated, "why": "no year for the dateline's day"},
        ],
    }
    assert read_basis(stored) == ReferenceDateBasis(
        "latest anchor",
        (
            CHOSEN_READ,
            DateCandidate(
                "published-date",
                date(2023, 3, 1),
                DatePrecision.MONTH,
                "March 2023",
                DateCandidateVerdict.CONSISTENT,
                "the month of the story",
            ),
            DateCandidate(
                "text-date",
                date(2023, 1, 1),
                DatePrecision.YEAR,
                "in 2023",
                DateCandidateVerdict.CONSISTENT,
                "its year",
            ),
            DateCandidate(
                "header-date",
                date(2024, 5, 14),
                DatePrecision.DAY,
                "Tuesday 14 May 2024",
                DateCandidateVerdict.REJECTED,
                "more than a week after the story's own dates: a republication",
            ),
            DateCandidate(
                "dateline-date", None, None, "", DateCandidateVerdict.REJECTED, "no year for the dateline's day"
            ),
        ),
    )


def test_no_evidence_and_unknown_keys() -> None:
    assert read_basis({"method": "no usable evidence", "candidates": []}) == ReferenceDateBasis(
        "no usable evidence", ()
    )
    # Keys a later writer may add are ignored, on the trail and on a candidate.
    extended = {"method": "m", "version": 2, "candidates": [{**CHOSEN, "score": 0.9}]}
    assert read_basis(extended) == ReferenceDateBasis("m", (CHOSEN_READ,))


def test_no_stored_trail_is_none() -> None:
    assert read_basis(None) is None


def test_the_older_shape_keeps_its_method_only() -> None:
    old = {
        "method": "publication date",
        "used": [{"evidence": "page-date", "date": "2023-06-18", "text": "", "why": "the publication date"}],
        "rejected": [{"evidence": "dateline", "why": "no year for the dateline's day in the other evidence"}],
    }
    assert read_basis(old) == ReferenceDateBasis("publication date", ())


@pytest.mark.parametrize(
    "stored",
    [
        pytest.param(["not", "an", "object"], id="a-list"),
        pytest.param("publication date", id="a-string"),
        pytest.param(42, id="a-number"),
    ],
)
def test_what_is_not_an_object_is_unreadable(stored: Any) -> None:
    assert read_basis(stored) == ReferenceDateBasis(UNREADABLE_METHOD, ())


@pytest.mark.parametrize(
    "stored",
    [
        pytest.param({"candidates": [CHOSEN]}, id="no-method"),
        pytest.param({"method": 7, "candidates": [CHOSEN]}, id="method-not-text"),
        pytest.param({"method": "\ud800", "candidates": [CHOSEN]}, id="method-lone-surrogate"),
    ],
)
def test_a_trail_without_a_method_keeps_its_candidates(stored: Any) -> None:
    assert read_basis(stored) == ReferenceDateBasis(UNREADABLE_METHOD, (CHOSEN_READ,))


@pytest.mark.parametrize(
    "broken",
    [
        pytest.param("caption-date", id="not-an-object"),
        pytest.param({**CHOSEN, "verdict": "maybe"}, id="unknown-verdict"),
        pytest.param({**CHOSEN, "verdict": ["chosen"]}, id="unhashable-verdict"),
        pytest.param({**CHOSEN, "precision": {"day": 1}}, id="unhashable-precision"),
        pytest.param({**CHOSEN, "precision": "week"}, id="unknown-precision"),
        pytest.param({**CHOSEN, "precision": None}, id="date-without-precision"),
        pytest.param({**CHOSEN, "date": None}, id="precision-without-date"),
        pytest.param({**CHOSEN, "date": "2023-02-30"}, id="no-such-day"),
        pytest.param({**CHOSEN, "date": "20230321"}, id="basic-iso-format"),
        pytest.param({**CHOSEN, "date": "2023-03"}, id="reduced-date"),
        pytest.param({**CHOSEN, "date": 20230321}, id="date-not-text"),
        pytest.param({**CHOSEN, "precision": "month"}, id="month-not-its-first-day"),
        pytest.param({**CHOSEN, "date": "2023-03-01", "precision": "year"}, id="year-not-its-first-day"),
        pytest.param({key: value for key, value in CHOSEN.items() if key != "text"}, id="no-text"),
        pytest.param({**CHOSEN, "kind": None}, id="kind-not-text"),
        pytest.param({**CHOSEN, "why": ["a", "reason"]}, id="why-not-text"),
        pytest.param({**CHOSEN, "text": "caption \udc80"}, id="text-lone-surrogate"),
    ],
)
def test_one_malformed_candidate_drops_them_all(broken: object) -> None:
    basis = read_basis({"method": "latest anchor", "candidates": [REJECTED, broken]})
    assert basis == ReferenceDateBasis("latest anchor", ())


def test_candidates_that_are_not_a_list() -> None:
    assert read_basis({"method": "m", "candidates": {"0": CHOSEN}}) == ReferenceDateBasis("m", ())
