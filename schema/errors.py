"""Which errors a client may read. Messages of ``PublicError`` (and of the data layer's refusals of a
bad page request or ID) are written for clients; anything else is an internal fault and is masked,
so no stack trace, SQL or file path reaches a response."""

from __future__ import annotations

from graphql import GraphQLError

from db.ids import InvalidIdError
from db.queries.pagination import PaginationError

__all__ = ["INTERNAL_ERROR_MESSAGE", "PublicError", "is_internal"]

INTERNAL_ERROR_MESSAGE = "Internal error: the request could not be completed."
_CLIENT_FAULTS = (InvalidIdError, PaginationError)


class PublicError(Exception):
    """A refusal whose message is meant for the client (a bad argument, a time limit)."""


def is_internal(error: GraphQLError) -> bool:
    """True when ``error`` comes from a fault of ours rather than from the request: those are masked.
    Errors found by parsing and validation carry no original error and are the client's."""
    original = error.original_error
    if original is None or isinstance(original, GraphQLError):
        return False
    return not isinstance(original, (PublicError, *_CLIENT_FAULTS))
