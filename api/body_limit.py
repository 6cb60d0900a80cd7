"""Request bodies bounded while they are read: a body that declares a ``Content-Length`` over the
limit is refused with 413 before a byte of it is read; one sent without (chunked) is refused as soon
as what was read passes the limit, so no request holds more than the limit in memory.

The limit is ``Settings.max_request_bytes`` (1 MiB: a GraphQL document and its variables), except
for ``POST /api/v1/articles``, which takes an article of up to ``Settings.max_article_bytes``.
"""

from __future__ import annotations

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.problems import TOO_LARGE
from api.refusals import refusal

__all__ = ["BodyLimitMiddleware", "BodyTooLargeError"]


class BodyTooLargeError(Exception):
    """Raised out of ``receive`` once a body passes its limit; caught by the middleware."""


class BodyLimitMiddleware:
    """ASGI middleware refusing request bodies over ``limit`` bytes (``exceptions``: other limits by
    ``(method, path)``)."""

    def __init__(self, app: ASGIApp, limit: int, exceptions: dict[tuple[str, str], int] | None = None) -> None:
        self.app = app
        self.limit = limit
        self.exceptions = exceptions or {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.exceptions.get((scope["method"], scope["path"]), self.limit)
        declared = Headers(scope=scope).get("content-length", "")
        if declared.strip().isdigit() and int(declared) > limit:
            await self._refuse(scope, receive, send, limit)
            return
        size = 0
        started = False

        async def bounded_receive() -> Message:
            nonlocal size
            message = await receive()
            if message["type"] == "http.request":
                size += len(message.get("body", b""))
                if size > limit:
                    raise BodyTooLargeError
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, bounded_receive, tracking_send)
        except BodyTooLargeError:
            if started:
                raise
            await self._refuse(scope, receive, send, limit)

    @staticmethod
    async def _refuse(scope: Scope, receive: Receive, send: Send, limit: int) -> None:
        # `Connection: close`: the rest of the body is never read, so the connection cannot be reused.
        response = refusal(
            scope["path"],
            413,
            f"The request body is over the limit of {limit:,} bytes.",
            code="PAYLOAD_TOO_LARGE",
            problem_type=TOO_LARGE,
            headers={"Connection": "close"},
        )
        await response(scope, receive, send)
