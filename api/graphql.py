"""GraphQL over HTTP at ``/graphql``: a session per request, the per-request timeout, GET for queries
only, the explorer page and its static files; and every refusal a 4xx with a GraphQL error body.

What a request must be (else 4xx, ``{"errors": [{"message", "extensions": {"code"}}]}``, never a 500):
``POST`` with ``Content-Type: application/json`` (UTF-8) holding one JSON object, nested at most
``MAX_JSON_DEPTH`` deep, whose ``query`` is a string and whose ``variables`` and ``extensions`` are
objects (or absent); or ``GET`` with the same as query parameters. Bodies are bounded by
``api.body_limit``.

Statuses (the ``extensions.code`` of the errors decides, ``schema.errors``): 400 when nothing was
answered because the request was wrong (parse, validation, bad input, over a limit: every error is a
request error and the data holds nothing but nulls); 429 with
``Retry-After`` when the client's cost points are spent; 503 with ``Retry-After`` when the database
cannot be reached; 200 otherwise, errors of single fields included. Every answer carries the
client's ``RateLimit`` fields and, in ``extensions.cost``, what the query cost.

>>> routes(Settings())  # doctest: +SKIP
"""

from __future__ import annotations

import asyncio
import json
import math
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any, cast

import orjson
from cross_web import AsyncHTTPRequestAdapter, HTTPException
from graphql import GraphQLError
from sqlalchemy.exc import SQLAlchemyError
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.extensions import SchemaExtension
from strawberry.http import GraphQLHTTPResponse, GraphQLRequestData
from strawberry.types import ExecutionResult
from strawberry.types.unset import UNSET

from api.explorer import STATIC_DIR, STATIC_URL, explorer_html
from api.graphql_media import GraphQLMedia, negotiate
from api.persisted import PersistedQueries, PersistedQueryNotFoundError
from api.rate_limit import CLIENT_STATE, QUOTA_STATE, Quota, RateLimiter
from api.refusals import graphql_error_response
from api.rest.responses import session_of
from api.security import page_response
from api.static import AssetFiles
from db.availability import RETRY_AFTER_SECONDS
from db.ids import encode_id
from db.queries.actors import busiest_actor
from db.settings import Settings
from schema.context import Context
from schema.errors import REQUEST_ERROR_CODES, PublicError, RateLimitedError, with_code
from schema.responses import ResponseCache
from schema.root import build_schema

__all__ = ["MAX_JSON_DEPTH", "GraphQLView", "routes"]

# Deeper than any variables of this schema need (a filter holds lists of scalars: depth 3).
MAX_JSON_DEPTH = 32
USAGE = 'send {"query": "…", "variables": {…}} as application/json'
# Where the view leaves the status and headers process_result decided, for run to apply.
_ANSWER_STATE = "graphql_answer"


class GraphQLView(GraphQL[Context, None]):
    """Strawberry's ASGI view with readout's context, time limit, offline explorer, strict request
    parsing, statuses by error code and the rate limit by cost."""

    def __init__(self, settings: Settings, extensions: Sequence[Callable[[], SchemaExtension]] = ()) -> None:
        super().__init__(
            build_schema(settings, extensions=extensions),
            graphql_ide="graphiql" if settings.graphql_explorer else None,
            # Strawberry refuses mutations over GET whatever this says; queries may use it.
            allow_queries_via_get=True,
        )
        self.settings = settings
        self.responses = ResponseCache(settings.graphql_response_cache_size)
        self.persisted = PersistedQueries(settings.graphql_cache_size)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Strawberry answers its own refusals as plain text; GraphQL clients read JSON errors."""
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        request = Request(scope=scope, receive=receive)
        try:
            response = await self.run(request)
            assert isinstance(response, Response), "an HTTP request is answered with a response"
        except HTTPException as exc:
            response = graphql_error_response(exc.status_code, _sentence(exc.reason), code=_http_code(exc.status_code))
        except PersistedQueryNotFoundError:
            # Apollo's clients read this error of a 200 as "send the document with its hash".
            response = graphql_error_response(200, "PersistedQueryNotFound", code="PERSISTED_QUERY_NOT_FOUND")
        await response(scope, receive, send)

    async def run(  # type: ignore[override]
        self, request: Request | WebSocket, context: Context = UNSET, root_value: None = UNSET
    ) -> Response | WebSocket:
        """Serve one request inside its own session, closed when the response is ready."""
        if not isinstance(request, Request):
            return await super().run(request, context, root_value)
        quotas: list[Quota] = []
        charge = self._charge(request, quotas)
        # The schema only reads: a read session (no transaction of its own on Postgres).
        async with request.app.state.read_session_factory() as session:
            context = Context.for_session(
                session, page_cap=self.settings.graphql_max_page_size, charge=charge, responses=self.responses
            )
            response = await super().run(request, context, root_value)
        assert isinstance(response, Response)
        status, headers = request.scope.get("state", {}).get(_ANSWER_STATE, (None, {}))
        if status is not None:
            response.status_code = status
        quota = quotas[-1] if quotas else request.scope.get("state", {}).get(QUOTA_STATE)
        fields = {**(quota.headers() if quota is not None else {}), **headers}
        for name, value in fields.items():
            response.headers[name] = value
        return response

    def _charge(self, request: Request, quotas: list[Quota]) -> Callable[[int], Awaitable[PublicError | None]] | None:
        """What spends a query's points from the client's rate limit (None when there is none)."""
        limiter: RateLimiter | None = getattr(request.app.state, "rate_limiter", None)
        client: str | None = request.scope.get("state", {}).get(CLIENT_STATE)
        if limiter is None or client is None:
            return None

        async def charge(points: int) -> PublicError | None:
            quota = await limiter.hit("graphql_points", client, cost=points)
            quotas.append(quota)
            if quota.allowed:
                return None
            return RateLimitedError(
                f"The query costs {points:,} points and {quota.remaining:,} of {quota.limit:,} are left in "
                f"this {quota.window} s window; retry in {quota.retry_after} s.",
                retry_after=quota.retry_after,
            )

        return charge

    async def parse_http_body(self, request: AsyncHTTPRequestAdapter) -> GraphQLRequestData:
        """The operation of the request, or a 4xx saying what is wrong with it."""
        if request.method == "GET":
            params = request.query_params
            data: dict[str, Any] = {name: params.get(name) for name in ("query", "operationName")}
            for name in ("variables", "extensions"):
                text = params.get(name)
                data[name] = _decode(text.encode(), name) if text else None
        else:
            media_type, _, parameters = (request.content_type or "").partition(";")
            charset = parameters.partition("charset=")[2].strip().strip('"').lower()
            if media_type.strip().lower() != "application/json" or charset not in ("", "utf-8"):
                raise HTTPException(415, f"Unsupported content type {media_type.strip() or 'none'!r}: {USAGE}")
            decoded = _decode(await request.get_body(), "the body")
            if not isinstance(decoded, dict):
                raise HTTPException(400, f"The body must be a JSON object, not {_json_kind(decoded)}: {USAGE}")
            data = decoded
        request_data = _request_data(data)
        request_data.query = self.persisted.resolve(request_data.query, request_data.extensions)
        if request_data.query is None:
            raise HTTPException(400, f"`query` must be a string holding a GraphQL document: {USAGE}")
        return request_data

    async def process_result(self, request: Request, result: ExecutionResult) -> GraphQLHTTPResponse:
        """The response body; the status and headers its errors call for are left for ``run``, as
        the media type ``Accept`` asks for has them (``api.graphql_media``)."""
        if result.errors:
            result.errors = [with_code(error) for error in result.errors]
        body = await super().process_result(request, result)
        status, headers = _answer(body)
        media = negotiate(request.headers.get("accept"))
        if media is not GraphQLMedia.DEFAULT:
            headers = {**headers, "Content-Type": media.value}
        if status == 400 and media is GraphQLMedia.RESPONSE:
            # Nothing was executed, so there is no data, not even null.
            body.pop("data", None)
        elif status == 400 and media is GraphQLMedia.LEGACY:
            status = None
        request.scope.setdefault("state", {})[_ANSWER_STATE] = (status, headers)
        return body

    async def execute_single(self, *args: Any, **kwargs: Any) -> ExecutionResult:
        """Execute one operation, stopped with an error once it runs past the time limit."""
        limit = self.settings.graphql_timeout_seconds
        try:
            async with asyncio.timeout(limit):
                return await super().execute_single(*args, **kwargs)
        except TimeoutError:
            return ExecutionResult(data=None, errors=[GraphQLError(f"The request took longer than {limit:g} s.")])

    def encode_json(self, data: object) -> bytes:
        """Answers written by orjson (compact UTF-8, as strawberry's own encoder writes them)."""
        return orjson.dumps(data)

    async def render_graphql_ide(self, request: Request) -> Response:
        try:
            async with session_of(request) as session:
                busiest = await busiest_actor(session)
        except (SQLAlchemyError, OSError):
            busiest = None  # the explorer still opens, on every event, while the database is away
        return page_response(explorer_html(encode_id("Actor", busiest[0]) if busiest is not None else None))


def _decode(data: bytes, what: str) -> Any:
    """``data`` as JSON (UTF-8, nested at most ``MAX_JSON_DEPTH`` deep), or a 400 naming ``what``."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise HTTPException(400, f"{what.capitalize()} is not valid UTF-8 (byte {exc.start}).") from exc
    try:
        value = json.loads(text, parse_constant=_no_constant, parse_float=_finite)
    except json.JSONDecodeError as exc:
        raise HTTPException(400, f"{what.capitalize()} is not valid JSON: {exc.msg} at character {exc.pos}.") from exc
    except _NotJsonError as exc:
        raise HTTPException(400, f"{what.capitalize()} is not valid JSON: {exc}.") from exc
    except RecursionError as exc:
        # The decoder gives up on nesting deeper than the interpreter's recursion limit.
        raise HTTPException(400, f"{what.capitalize()} nests JSON deeper than {MAX_JSON_DEPTH} levels.") from exc
    if _depth_exceeds(value, MAX_JSON_DEPTH):
        raise HTTPException(400, f"{what.capitalize()} nests JSON deeper than {MAX_JSON_DEPTH} levels.")
    return value


class _NotJsonError(ValueError):
    """What Python's decoder reads but JSON does not have: NaN, Infinity, numbers beyond a float."""


def _no_constant(name: str) -> Any:
    raise _NotJsonError(f"{name} is not a JSON number")


def _finite(text: str) -> float:
    number = float(text)
    if not math.isfinite(number):
        raise _NotJsonError(f"{text[:20]} is beyond the range of numbers")
    return number


def _json_kind(value: Any) -> str:
    if isinstance(value, list):
        return "a list (batches are not accepted)"
    if value is None:
        return "null"
    return {bool: "a boolean", str: "a string"}.get(type(value), "a number")


def _depth_exceeds(value: Any, limit: int) -> bool:
    """Whether containers in ``value`` nest more than ``limit`` deep (walked without recursion)."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        children = item.values() if isinstance(item, dict) else item if isinstance(item, list) else None
        if children is None:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return False


def _request_data(data: Mapping[str, Any]) -> GraphQLRequestData:
    query = data.get("query")
    persisted = isinstance(data.get("extensions"), dict) and "persistedQuery" in data["extensions"]
    # With a persisted query's hash the document may be left out (api.persisted).
    if not (persisted and query is None) and (not isinstance(query, str) or not query.strip()):
        raise HTTPException(400, f"`query` must be a string holding a GraphQL document: {USAGE}")
    for name in ("variables", "extensions"):
        if not isinstance(data.get(name), dict | None):
            raise HTTPException(400, f"`{name}` must be a JSON object or null.")
    operation_name = data.get("operationName")
    if not isinstance(operation_name, str | None):
        raise HTTPException(400, "`operationName` must be a string or null.")
    return GraphQLRequestData(
        query=query,
        variables=data.get("variables"),
        operation_name=operation_name,
        extensions=data.get("extensions"),
        protocol="http",
    )


def _answer(body: GraphQLHTTPResponse) -> tuple[int | None, dict[str, str]]:
    """The status and headers a response body calls for (see the module's docstring)."""
    errors = cast(list[dict[str, Any]], body.get("errors") or [])
    extensions: list[dict[str, Any]] = [error.get("extensions") or {} for error in errors]
    codes = [extension.get("code") for extension in extensions]
    for code, status in (("RATE_LIMITED", 429), ("DATABASE_UNAVAILABLE", 503)):
        if code in codes:
            wait = next(extension.get("retryAfter") for extension in extensions if extension.get("code") == code)
            return status, {"Retry-After": str(wait or RETRY_AFTER_SECONDS)}
    data = body.get("data")
    nothing = data is None or (isinstance(data, dict) and all(value is None for value in data.values()))
    if errors and nothing and all(code in REQUEST_ERROR_CODES for code in codes):
        return 400, {}
    return None, {}


def _sentence(reason: str) -> str:
    return reason if reason.endswith((".", "?", "!", "}")) else f"{reason}."


def _http_code(status: int) -> str:
    return {415: "UNSUPPORTED_MEDIA_TYPE", 404: "NOT_FOUND", 405: "METHOD_NOT_ALLOWED"}.get(status, "BAD_REQUEST")


def routes(settings: Settings, extensions: Sequence[Callable[[], SchemaExtension]] = ()) -> list[BaseRoute]:
    """``/graphql`` and, when the explorer is on, its static files under ``/graphql/static``;
    ``extensions`` run around each operation besides the schema's own (metrics)."""
    view = GraphQLView(settings, extensions)
    served: list[BaseRoute] = [Route("/graphql", view, methods=["GET", "POST"])]
    if settings.graphql_explorer:
        served.insert(0, Mount(STATIC_URL, AssetFiles(directory=STATIC_DIR, check_dir=False), name="graphiql"))
    return served
