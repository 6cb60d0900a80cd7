"""The ``Date`` scalar: an ISO 8601 date no more precise than its evidence ('2023', '2023-06' or
'2023-06-18'), read into and written from ``PartialDate``.

>>> parse_date_value("2023-06")
PartialDate(value=datetime.date(2023, 6, 1), precision=<DatePrecision.MONTH: 'month'>)
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

import strawberry
from strawberry.types.scalar import ScalarDefinition

from db.dates import format_partial_date, last_day, parse_partial_date
from db.enums import DatePrecision
from schema.errors import PublicError

__all__ = ["DATE_SCALAR", "InvalidDateError", "PartialDate", "parse_date_value", "serialize_date"]


class InvalidDateError(PublicError, ValueError):
    """A Date value that is not ISO 8601 of year, month or day precision."""


class PartialDate(NamedTuple):
    """The first day a date covers and how precise it is."""

    value: date
    precision: DatePrecision

    @classmethod
    def of(cls, value: date | None, precision: str | None = DatePrecision.DAY) -> PartialDate | None:
        """The partial date of a stored column pair, or None when there is no date."""
        if value is None:
            return None
        return cls(value, DatePrecision(precision or DatePrecision.DAY))

    @property
    def first_day(self) -> date:
        return self.value

    @property
    def last_day(self) -> date:
        return last_day(self.value, self.precision)


def serialize_date(value: PartialDate) -> str:
    text = format_partial_date(value.value, value.precision)
    assert text is not None
    return text


def parse_date_value(value: object) -> PartialDate:
    if not isinstance(value, str):
        raise InvalidDateError(f"a Date is a string such as '2023', '2023-06' or '2023-06-18', not {value!r}")
    try:
        day, precision = parse_partial_date(value)
    except ValueError as exc:
        raise InvalidDateError(f"not a Date ('2023', '2023-06' or '2023-06-18'): {value[:40]!r}") from exc
    return PartialDate(day, precision)


DATE_SCALAR: ScalarDefinition = strawberry.scalar(
    name="Date",
    description=(
        "A calendar date no more precise than its evidence: '2023' (a year), '2023-06' (a month) or "
        "'2023-06-18' (a day), ISO 8601. As a filter bound, a year or month stands for all its days."
    ),
    serialize=serialize_date,
    parse_value=parse_date_value,
)
