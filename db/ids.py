"""Public identifiers: opaque, stable strings naming a type and a primary key. GraphQL's ``Node`` IDs,
the REST API's and the export's are the same.

    >>> encode_id("Event", 42)
    'RXZlbnQ6NDI'
    >>> decode_id("RXZlbnQ6NDI")
    ('Event', 42)
"""

from __future__ import annotations

import base64
import binascii
from functools import lru_cache

__all__ = ["MAX_PK", "InvalidIdError", "decode_id", "encode_id"]

# Primary keys are 32-bit integers on Postgres: a larger number names no row and would fail in SQL.
MAX_PK = 2**31 - 1


class InvalidIdError(ValueError):
    """The string is not an ID this API issued."""


# A Timeline page names a few hundred rows, most of them more than once (the same actors, articles
# and venues): the IDs of the rows read lately are kept.
@lru_cache(maxsize=65_536)
def encode_id(type_name: str, pk: int) -> str:
    """The opaque ID of row ``pk`` of ``type_name``."""
    raw = f"{type_name}:{pk}".encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def decode_id(value: str, *, expected_type: str | None = None) -> tuple[str, int]:
    """The ``(type_name, pk)`` inside ``value``; raises ``InvalidIdError`` for anything else."""
    if not value or len(value) > 64:
        raise InvalidIdError(f"not a valid ID: {value[:64]!r}")
    try:
        padded = value + "=" * (-len(value) % 4)
        type_name, _, pk_text = base64.urlsafe_b64decode(padded.encode("ascii")).decode("utf-8").partition(":")
        pk = int(pk_text)
    except (binascii.Error, UnicodeError, ValueError) as exc:
        raise InvalidIdError(f"not a valid ID: {value!r}") from exc
    if not type_name.isalpha() or not 1 <= pk <= MAX_PK or encode_id(type_name, pk) != value:
        raise InvalidIdError(f"not a valid ID: {value!r}")
    if expected_type is not None and type_name != expected_type:
        raise InvalidIdError(f"ID {value!r} names a {type_name}, not a {expected_type}")
    return type_name, pk
