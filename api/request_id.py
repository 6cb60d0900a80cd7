"""A request id for every HTTP request: the client's ``X-Request-ID`` when it sent a sane one (up to
128 visible ASCII characters), else a new random one. It is answered in the ``X-Request-ID`` header,
put in problem+json bodies (``api.problems``) and in every log line written while the request is
served (``api.logs``), so one failing request can be found in the logs from what the client saw.

    >>> current_request_id()  # inside a request  # doctest: +SKIP
    '5f0c2b9a47d64c1e9a0f6b1d3e2c7a88'
"""

from __future__ import annotations

import re
import uuid
from contextvars import ContextVar

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["REQUEST_ID_HEADER", "RequestIdMiddleware", "current_request_id"]

REQUEST_ID_HEADER = "X-Request-ID"
_SANE = re.compile(r"[\x21-\x7e]{1,128}")
_current: ContextVar[str | None] = ContextVar("request_id", default=None)


def current_request_id() -> str | None:
    """The id of the request being served in this context, or ``None`` outside one."""
    return _current.get()


class RequestIdMiddleware:
    """ASGI middleware giving each HTTP request its id (outermost, so every answer carries it)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        given = Headers(scope=scope).get(REQUEST_ID_HEADER)
        request_id = given if given is not None and _SANE.fullmatch(given) else uuid.uuid4().hex
        scope.setdefault("state", {})["request_id"] = request_id
        token = _current.set(request_id)

        async def identified(message: Message) -> None:
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message)[REQUEST_ID_HEADER] = request_id
            await send(message)

        try:
            await self.app(scope, receive, identified)
        finally:
            _current.reset(token)
