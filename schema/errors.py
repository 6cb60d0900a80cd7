"""Which errors a client may read, and the code each carries in ``extensions.code`` (Apollo's names,
which GraphQL clients and tools such as schemathesis know).

Messages of ``PublicError`` (and of the data layer's refusals of a bad page request or ID) are written
for clients; a database that cannot be reached is said so, with the seconds to wait; anything else is
an internal fault and is masked, so no stack trace, SQL or file path reaches a response.

=============================  =====================================================================
``GRAPHQL_PARSE_FAILED``       the document is not GraphQL
``GRAPHQL_VALIDATION_FAILED``  it does not fit the schema or a limit of its shape (depth, aliases, …)
``BAD_USER_INPUT``             an argument or variable the API refuses (an ID, a page size, a date, …)
``QUERY_TOO_COMPLEX``          over the limit of objects or cost points (``schema.limits``)
``RATE_LIMITED``               the client spent its points; ``retryAfter`` says when to come back
``DATABASE_UNAVAILABLE``       the database cannot be reached now; ``retryAfter`` as well
``INTERNAL_SERVER_ERROR``      a fault of ours, masked
=============================  =====================================================================

The first four are **request errors**: nothing was executed, and the HTTP view answers them 400.
"""

from __future__ import annotations

from graphql import GraphQLError, GraphQLSyntaxError
from strawberry.extensions import MaskErrors

from db.availability import RETRY_AFTER_SECONDS, is_unavailable
from db.ids import InvalidIdError
from db.queries.pagination import PaginationError

__all__ = [
    "INTERNAL_ERROR_MESSAGE",
    "REQUEST_ERROR_CODES",
    "UNAVAILABLE_MESSAGE",
    "PublicError",
    "PublicErrors",
    "RateLimitedError",
    "error_code",
    "is_internal",
    "with_code",
]

INTERNAL_ERROR_MESSAGE = "Internal error: the request could not be completed."
UNAVAILABLE_MESSAGE = f"The database is unavailable; try again in {RETRY_AFTER_SECONDS} s."
REQUEST_ERROR_CODES = frozenset(
    {"GRAPHQL_PARSE_FAILED", "GRAPHQL_VALIDATION_FAILED", "BAD_USER_INPUT", "QUERY_TOO_COMPLEX"}
)
_CLIENT_FAULTS = (InvalidIdError, PaginationError)


class PublicError(Exception):
    """A refusal whose message is meant for the client (a bad argument, a time limit)."""

    code = "BAD_USER_INPUT"


class RateLimitedError(PublicError):
    """The client has spent its rate limit; ``retry_after`` is in whole seconds."""

    code = "RATE_LIMITED"

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


def is_internal(error: GraphQLError) -> bool:
    """True when ``error`` comes from a fault of ours rather than from the request: those are masked.
    Errors found by parsing and validation carry no original error and are the client's."""
    original = error.original_error
    if original is None or isinstance(original, GraphQLError):
        return False
    return not isinstance(original, (PublicError, *_CLIENT_FAULTS))


def error_code(error: GraphQLError) -> str:
    """The code of an error that is not masked (see the table of the module)."""
    given = (error.extensions or {}).get("code")
    if isinstance(given, str):
        return given
    original = error.original_error
    if isinstance(original, PublicError):
        return original.code
    if isinstance(original, _CLIENT_FAULTS):
        return "BAD_USER_INPUT"
    if isinstance(error, GraphQLSyntaxError):
        return "GRAPHQL_PARSE_FAILED"
    if original is None and not error.path and error.locations:
        # Found before execution, at a place in the document: validation, or a variable that does not
        # fit its type. (The view's time limit, say, has no place.)
        return "GRAPHQL_VALIDATION_FAILED"
    return "INTERNAL_SERVER_ERROR"


def with_code(error: GraphQLError) -> GraphQLError:
    """``error`` as a client may see it: with its code in ``extensions``, and masked when it is a fault of
    ours. Errors raised while the document is parsed, or by an extension's own hook, skip ``PublicErrors``
    (strawberry turns the hook's exception into an error after the extensions have run), so the HTTP view
    passes every error through this: no SQL or stack trace escapes that way either."""
    if isinstance((error.extensions or {}).get("code"), str):
        return error
    if error.original_error is not None and is_internal(error):
        return _public(error, INTERNAL_ERROR_MESSAGE)
    return _rewritten(error, error.message, {**(error.extensions or {}), "code": error_code(error)})


def _rewritten(error: GraphQLError, message: str, extensions: dict[str, object]) -> GraphQLError:
    return GraphQLError(
        message=message,
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        original_error=None,
        extensions=extensions,
    )


class PublicErrors(MaskErrors):
    """``MaskErrors`` that also gives every error its code, and says "unavailable" rather than
    "internal" when the database cannot be reached."""

    def __init__(self) -> None:
        super().__init__(should_mask_error=is_internal, error_message=INTERNAL_ERROR_MESSAGE)

    def _process_errors(self, errors: list[GraphQLError]) -> list[GraphQLError]:
        return [self._public(error) for error in errors]

    def _public(self, error: GraphQLError) -> GraphQLError:
        return _public(error, self.error_message if self.should_mask_error(error) else None)


def _public(error: GraphQLError, mask: str | None) -> GraphQLError:
    """``error`` rewritten for a client: "unavailable" when the database cannot be reached, ``mask`` in
    place of the message when one is given, else its own message; with its code either way."""
    original = error.original_error
    if original is not None and is_unavailable(original):
        return _rewritten(
            error, UNAVAILABLE_MESSAGE, {"code": "DATABASE_UNAVAILABLE", "retryAfter": RETRY_AFTER_SECONDS}
        )
    if mask is not None:
        return _rewritten(error, mask, {"code": "INTERNAL_SERVER_ERROR"})
    extensions: dict[str, object] = {**(error.extensions or {}), "code": error_code(error)}
    if isinstance(original, RateLimitedError):
        extensions["retryAfter"] = original.retry_after
    return _rewritten(error, error.message, extensions)
