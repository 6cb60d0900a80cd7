"""The closed vocabularies of the model. Stored as plain strings with CHECK constraints, so the
database refuses a value the code does not know, on SQLite and Postgres alike."""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy import CheckConstraint

__all__ = [
    "ActorKind",
    "DateCandidateVerdict",
    "DatePrecision",
    "EventKind",
    "EventStatus",
    "VenueKind",
    "check_in",
]


class ActorKind(StrEnum):
    PERSON = "person"
    ORGANIZATION = "organization"
    COUNTRY = "country"


class VenueKind(StrEnum):
    BUILDING = "building"
    CITY = "city"
    REGION = "region"
    COUNTRY = "country"


class EventKind(StrEnum):
    MEETING = "meeting"
    CALL = "call"
    VISIT = "visit"
    SUMMIT = "summit"


class EventStatus(StrEnum):
    OCCURRED = "occurred"
    PLANNED = "planned"
    EXPECTED = "expected"
    POSTPONED = "postponed"
    CANCELLED = "cancelled"


class DatePrecision(StrEnum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"


class DateCandidateVerdict(StrEnum):
    """What became of one candidate for an article's reference date (``articles.reference_date_basis``)."""

    CHOSEN = "chosen"
    CONSISTENT = "consistent"
    REJECTED = "rejected"


def check_in(column: str, enum: type[StrEnum], *, name: str | None = None) -> CheckConstraint:
    """A CHECK constraint that ``column`` holds one of ``enum``'s values.

    >>> str(check_in("kind", ActorKind).sqltext)
    "kind IN ('person', 'organization', 'country')"
    """
    values = ", ".join(f"'{member.value}'" for member in enum)
    return CheckConstraint(f"{column} IN ({values})", name=name or f"{column}_valid")
