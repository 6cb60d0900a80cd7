"""Errors as RFC 9457 problem details (``application/problem+json``): the ``ProblemError`` exception views
raise, and the handlers that turn it, starlette's HTTP errors (unknown route, wrong method), a database
that cannot be reached (503) and any unexpected fault into one.

    >>> raise ProblemError.bad_parameters([("limit", "must be at most 100")])  # doctest: +SKIP
    HTTP/1.1 400
    {"type": "urn:readout:problem:invalid-parameters", "title": "Invalid parameters", "status": 400,
     "detail": "1 parameter is invalid: limit.", "invalid_params": [{"name": "limit", "reason": "…"}]}
"""

from __future__ import annotations

import http
import logging
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy.exc import SQLAlchemyError
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from api.request_id import current_request_id
from db.availability import RETRY_AFTER_SECONDS, is_unavailable

__all__ = [
    "INVALID_PARAMETERS",
    "PROBLEM_MEDIA_TYPE",
    "RATE_LIMITED",
    "TOO_LARGE",
    "UNAUTHORIZED",
    "UNAVAILABLE",
    "ProblemError",
    "exception_handlers",
    "problem_response",
]

PROBLEM_MEDIA_TYPE = "application/problem+json"
# ProblemError types are URNs: stable names that promise no page to fetch. Plain HTTP failures (no such
# resource, wrong method) use "about:blank", whose title is the status phrase (RFC 9457, 4.2.1).
INVALID_PARAMETERS = "urn:readout:problem:invalid-parameters"
UNAUTHORIZED = "urn:readout:problem:unauthorized"
INGESTION_DISABLED = "urn:readout:problem:ingestion-disabled"
TOO_LARGE = "urn:readout:problem:too-large"
UNSUPPORTED_MEDIA_TYPE = "urn:readout:problem:unsupported-media-type"
NOT_INGESTED = "urn:readout:problem:not-ingested"
UNAVAILABLE = "urn:readout:problem:unavailable"
RATE_LIMITED = "urn:readout:problem:rate-limited"
INTERNAL = "urn:readout:problem:internal"

logger = logging.getLogger(__name__)


class ProblemError(Exception):
    """A refusal to send as problem details; ``detail`` and ``invalid_params`` are for the client."""

    def __init__(
        self,
        status: int,
        detail: str,
        *,
        type_: str = "about:blank",
        title: str | None = None,
        invalid_params: Sequence[tuple[str, str]] = (),
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.type = type_
        self.title = title or http.HTTPStatus(status).phrase
        self.invalid_params = list(invalid_params)
        self.headers = dict(headers or {})

    @classmethod
    def bad_parameters(cls, errors: Sequence[tuple[str, str]]) -> ProblemError:
        """A 400 naming each bad parameter (``(name, reason)`` pairs) and why."""
        names = ", ".join(dict.fromkeys(name for name, _ in errors))
        count = len({name for name, _ in errors})
        noun = "parameter is" if count == 1 else "parameters are"
        return cls(
            400,
            f"{count} {noun} invalid: {names}.",
            type_=INVALID_PARAMETERS,
            title="Invalid parameters",
            invalid_params=errors,
        )

    @classmethod
    def not_found(cls, detail: str) -> ProblemError:
        return cls(404, detail)

    def body(self) -> dict[str, Any]:
        document: dict[str, Any] = {
            "type": self.type,
            "title": self.title,
            "status": self.status,
            "detail": self.detail,
        }
        if self.invalid_params:
            document["invalid_params"] = [{"name": name, "reason": reason} for name, reason in self.invalid_params]
        return document


def problem_response(problem: ProblemError) -> Response:
    """The problem as ``application/problem+json``, with the id of the request it answers, if any."""
    body = problem.body()
    request_id = current_request_id()
    if request_id is not None:
        body["request_id"] = request_id
    return JSONResponse(body, problem.status, headers=problem.headers, media_type=PROBLEM_MEDIA_TYPE)


async def _on_problem(_request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ProblemError)
    return problem_response(exc)


async def _on_http_exception(request: Request, exc: Exception) -> Response:
    """Starlette's own refusals: no route matches (404), the route takes other methods (405)."""
    assert isinstance(exc, HTTPException)
    if exc.status_code == 404:
        detail = f"No resource at {request.url.path}."
    elif exc.status_code == 405:
        detail = f"{request.method} is not allowed on {request.url.path}; allowed: {(exc.headers or {}).get('Allow')}."
    else:
        detail = str(exc.detail)
    return problem_response(ProblemError(exc.status_code, detail, headers=exc.headers))


async def _on_database_error(request: Request, exc: Exception) -> Response:
    """Errors of the database and of sockets, answered here rather than by starlette's outermost
    handler, which re-raises (an outage would fill the server's log with tracebacks)."""
    return await _on_unexpected(request, exc)


async def _on_unexpected(request: Request, exc: Exception) -> Response:
    """A database that cannot be reached: 503 with ``Retry-After``. Any other fault is ours: logged
    with its trace, answered without one (no SQL, paths or stack)."""
    if is_unavailable(exc):
        logger.warning("database unavailable serving %s %s: %s", request.method, request.url.path, exc)
        return problem_response(
            ProblemError(
                503,
                f"The database is unavailable; try again in {RETRY_AFTER_SECONDS} s.",
                type_=UNAVAILABLE,
                headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
            )
        )
    logger.error("unexpected error serving %s %s", request.method, request.url.path, exc_info=exc)
    return problem_response(ProblemError(500, "The request could not be completed.", type_=INTERNAL))


exception_handlers: dict[Any, Any] = {
    ProblemError: _on_problem,
    HTTPException: _on_http_exception,
    SQLAlchemyError: _on_database_error,
    OSError: _on_database_error,
    Exception: _on_unexpected,
}
