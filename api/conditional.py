"""Conditional GET for the whole app: every successful GET (and HEAD) answer gets an ``ETag``, the
hash of its body, and a request whose ``If-None-Match`` names that tag gets ``304 Not Modified``
with no body. Answers that bring their own ``ETag`` (static files) pass through untouched, and so do
streamed ones (exports), which could only be tagged once wholly held in memory.

Those answers (REST, GraphQL queries over GET) also say ``Cache-Control: no-cache`` unless they set
their own: a browser, proxy or CDN may keep them but asks again with the tag before reusing one, so
no client is ever served data older than the database's, and an unchanged answer costs a 304.

The tag is computed from the body, so it changes exactly when the representation does, whatever
changed underneath; the cost is reading the page first, which a 304 still saves sending.
"""

from __future__ import annotations

import base64
import hashlib

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["ConditionalGetMiddleware", "entity_tag", "matches"]

# Headers a 304 must not carry: they describe a body it does not have (RFC 9110, 15.4.5).
_BODY_HEADERS = ("content-length", "content-type", "content-encoding")


def entity_tag(body: bytes) -> str:
    """A strong tag: the first 128 bits of the body's SHA-256, URL-safe base64, quoted."""
    digest = hashlib.sha256(body).digest()[:16]
    return '"' + base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii") + '"'


def matches(if_none_match: str, tag: str) -> bool:
    """Whether ``If-None-Match`` names ``tag`` (weak comparison, as RFC 9110 asks for this header)."""
    candidates = [candidate.strip() for candidate in if_none_match.split(",")]
    return "*" in candidates or tag in (candidate.removeprefix("W/") for candidate in candidates)


class ConditionalGetMiddleware:
    """ASGI middleware adding ``ETag`` and answering ``If-None-Match`` for GET and HEAD."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        if_none_match = Headers(scope=scope).get("if-none-match")
        start: Message | None = None
        chunks: list[bytes] = []

        async def buffered(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                headers = Headers(raw=message["headers"])
                # A streamed answer (an export, with no Content-Length) goes out as it is written.
                if message["status"] == 200 and "etag" not in headers and "content-length" in headers:
                    start = message
                    return
                await send(message)
            elif start is None:
                await send(message)
            else:
                chunks.append(message.get("body", b""))
                if not message.get("more_body", False):
                    await self._send_tagged(start, b"".join(chunks), if_none_match, send)

        await self.app(scope, receive, buffered)

    @staticmethod
    async def _send_tagged(start: Message, body: bytes, if_none_match: str | None, send: Send) -> None:
        tag = entity_tag(body)
        headers = MutableHeaders(raw=list(start["headers"]))
        headers["ETag"] = tag
        if "cache-control" not in headers:
            headers["Cache-Control"] = "no-cache"
        if if_none_match is not None and matches(if_none_match, tag):
            for name in _BODY_HEADERS:
                del headers[name]
            await send({"type": "http.response.start", "status": 304, "headers": headers.raw})
            await send({"type": "http.response.body", "body": b""})
            return
        await send({**start, "headers": headers.raw})
        await send({"type": "http.response.body", "body": body})
