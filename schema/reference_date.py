"""The ``ReferenceDateBasis`` type and its ``DateCandidate`` type: how an article's reference date was
chosen, read from the stored audit trail by ``db.reference_date`` (no SQL: the trail is on the row)."""

from __future__ import annotations

import strawberry

from db import reference_date
from schema.enums import DateCandidateVerdict
from schema.scalars import PartialDate

__all__ = ["DateCandidate", "ReferenceDateBasis"]


@strawberry.type(description="One date the evidence offered for an article's reference date, and the verdict on it.")
class DateCandidate:
    kind: str = strawberry.field(
        description="What the date was read from: declared-date, html-published, html-modified, published-date, "
        "header-date, byline-date, dateline-date, caption-date, text-date, weekdays, shared-event… (an open list)."
    )
    date: PartialDate | None = strawberry.field(
        description="The date this evidence gives, as precise as it is; null when it gives none."
    )
    text: str = strawberry.field(description="The words it was read from; may be empty.")
    verdict: DateCandidateVerdict = strawberry.field(description="Whether it was chosen, agrees, or was rejected.")
    why: str = strawberry.field(description="The reason for the verdict, in one sentence.")

    @classmethod
    def of(cls, candidate: reference_date.DateCandidate) -> DateCandidate:
        """The GraphQL value of a candidate read by ``db.reference_date``."""
        return cls(
            kind=candidate.kind,
            date=PartialDate.of(candidate.date, candidate.precision),
            text=candidate.text,
            verdict=candidate.verdict,
            why=candidate.why,
        )


@strawberry.type(
    description="How an article's reference date was chosen: the rule that decided, and every candidate date "
    "with its verdict."
)
class ReferenceDateBasis:
    method: str = strawberry.field(
        description="The rule that decided, a short phrase ('publication date', 'no usable evidence' when "
        f"there is no date); '{reference_date.UNREADABLE_METHOD}' when the stored trail names none."
    )
    candidates: list[DateCandidate] = strawberry.field(
        description="Every candidate date the evidence offered, with its verdict, in the order the trail lists "
        "them; empty when the stored trail is of an older shape or cannot be read whole."
    )

    @classmethod
    def of(cls, basis: reference_date.ReferenceDateBasis) -> ReferenceDateBasis:
        """The GraphQL value of a trail read by ``db.reference_date``."""
        return cls(method=basis.method, candidates=[DateCandidate.of(candidate) for candidate in basis.candidates])
