"""One way to refuse a request before it reaches a view, in the error format of where it was going:
``/graphql`` answers GraphQL's ``{"errors": [{"message", "extensions": {"code"}}]}``, everything else
RFC 9457 problem details (``api.problems``).

    >>> refusal("/graphql", 413, "The body is over the limit.", code="PAYLOAD_TOO_LARGE", problem_type=TOO_LARGE)
    ... # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Mapping

from starlette.responses import JSONResponse, Response

from api.problems import ProblemError, problem_response

__all__ = ["GRAPHQL_PATH", "graphql_error_response", "refusal"]

GRAPHQL_PATH = "/graphql"


def graphql_error_response(
    status: int, message: str, *, code: str, headers: Mapping[str, str] | None = None, **extensions: object
) -> Response:
    """A GraphQL response holding one request error and no data."""
    body = {"errors": [{"message": message, "extensions": {"code": code, **extensions}}]}
    return JSONResponse(body, status, headers=dict(headers or {}))


def refusal(
    path: str,
    status: int,
    message: str,
    *,
    code: str,
    problem_type: str,
    headers: Mapping[str, str] | None = None,
) -> Response:
    """``status`` with ``message``, as a GraphQL error (``code``) on ``/graphql``, else a problem
    (``problem_type``)."""
    if path == GRAPHQL_PATH:
        return graphql_error_response(status, message, code=code, headers=headers)
    return problem_response(ProblemError(status, message, type_=problem_type, headers=headers))
