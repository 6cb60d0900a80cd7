"""Articles with a reference date and an audit trail of each shape, written through
``db.services.articles.create``, and what both APIs answer for them (GraphQL's verdicts are enum names,
REST's the stored words; REST's candidates also carry their ``precision``).

- ``caption``: dated to the day, its trail of the candidates shape (a day, a month, an undated one);
- ``monthly``: dated to a month;
- ``old``: the older used/rejected shape, stored without a precision as the older loaders did;
- ``garbled``: a trail that is not an object; ``half``: one with a malformed candidate;
- ``bare``: no date and no trail.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from db.reference_date import UNREADABLE_METHOD
from db.services import articles

__all__ = ["ARTICLES", "DATING", "EXPECTED", "TITLES", "add_dated_articles", "rest_basis"]

# The GraphQL fields of an article's dating, all of them.
DATING = "referenceDate referenceDateBasis { method candidates { kind date text verdict why } }"

CAPTION = {
    "kind": "caption-date",
    "date": "2023-03-21",
    "precision": "day",
    "text": "Xi and Putin in Moscow, March 21, 2023",
    "verdict": "chosen",
    "why": "the latest explicit date of the story",
}
PUBLISHED_MONTH = {
    "kind": "published-date",
    "date": "2023-03-01",
    "precision": "month",
    "text": "March 2023",
    "verdict": "consistent",
    "why": "the month the page gives",
}
HEADER = {
    "kind": "header-date",
    "date": "2024-05-14",
    "precision": "day",
    "text": "Tuesday 14 May 2024",
    "verdict": "rejected",
    "why": "more than a week after the story's own dates: a republication",
}
DATELINE = {
    "kind": "dateline-date",
    "date": None,
    "precision": None,
    "text": "MOSCOW, March 21",
    "verdict": "rejected",
    "why": "no year for the dateline's day in the other evidence",
}
JUNE = {
    "kind": "published-date",
    "date": "2023-06-01",
    "precision": "month",
    "text": "June 2023",
    "verdict": "chosen",
    "why": "the page gives only its month",
}
OLD = {
    "method": "publication date",
    "used": [{"evidence": "page-date", "date": "2023-06-18", "text": "", "why": "the publication date"}],
    "rejected": [{"evidence": "dateline", "why": "no year for the dateline's day in the other evidence"}],
}

# key: (title, reference date, precision, stored trail)
ARTICLES: dict[str, tuple[str, date | None, str | None, Any]] = {
    "caption": (
        "Xi in Moscow",
        date(2023, 3, 21),
        "day",
        {"method": "latest anchor", "candidates": [CAPTION, PUBLISHED_MONTH, HEADER, DATELINE]},
    ),
    "monthly": ("Talks in June", date(2023, 6, 1), "month", {"method": "publication date", "candidates": [JUNE]}),
    "old": ("Blinken in Beijing", date(2023, 6, 18), None, OLD),
    "garbled": ("Garbled trail", date(2023, 1, 5), "day", ["not", "an", "object"]),
    "half": ("Half a trail", None, None, {"method": "latest anchor", "candidates": [CAPTION, {"kind": "text-date"}]}),
    "bare": ("Undated", None, None, None),
}
TITLES = {key: title for key, (title, *_rest) in ARTICLES.items()}


def _graphql_candidate(stored: dict[str, Any], date_text: str | None) -> dict[str, Any]:
    return {
        "kind": stored["kind"],
        "date": date_text,
        "text": stored["text"],
        "verdict": stored["verdict"].upper(),
        "why": stored["why"],
    }


# key: (referenceDate, referenceDateBasis) as GraphQL answers them.
EXPECTED: dict[str, tuple[str | None, dict[str, Any] | None]] = {
    "caption": (
        "2023-03-21",
        {
            "method": "latest anchor",
            "candidates": [
                _graphql_candidate(CAPTION, "2023-03-21"),
                _graphql_candidate(PUBLISHED_MONTH, "2023-03"),
                _graphql_candidate(HEADER, "2024-05-14"),
                _graphql_candidate(DATELINE, None),
            ],
        },
    ),
    "monthly": ("2023-06", {"method": "publication date", "candidates": [_graphql_candidate(JUNE, "2023-06")]}),
    "old": ("2023-06-18", {"method": "publication date", "candidates": []}),
    "garbled": ("2023-01-05", {"method": UNREADABLE_METHOD, "candidates": []}),
    "half": (None, {"method": "latest anchor", "candidates": []}),
    "bare": (None, None),
}


def rest_basis(graphql_basis: dict[str, Any] | None) -> dict[str, Any] | None:
    """The REST form of a GraphQL answer of ``EXPECTED``: verdicts as stored, and each candidate's precision."""
    if graphql_basis is None:
        return None
    precisions = {None: None, 4: "year", 7: "month", 10: "day"}
    return {
        "method": graphql_basis["method"],
        "candidates": [
            {
                **candidate,
                "verdict": candidate["verdict"].lower(),
                "precision": precisions[len(candidate["date"]) if candidate["date"] else None],
            }
            for candidate in graphql_basis["candidates"]
        ],
    }


async def add_dated_articles(session: AsyncSession) -> dict[str, int]:
    """Write ``ARTICLES`` and commit; their primary keys by key."""
    ids = {}
    for key, (title, reference_date, precision, basis) in ARTICLES.items():
        article = await articles.create(
            session,
            source=f"tests/{key}.txt",
            raw_text=f"{title}: the story.",
            text=f"{title}: the story.",
            title=title,
            reference_date=reference_date,
            reference_date_precision=precision,
            reference_date_basis=basis,
        )
        ids[key] = article.id
    await session.commit()
    return ids
