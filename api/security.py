"""Security headers on every answer, and the Content-Security-Policy of the two browser pages.

Every response gets ``X-Content-Type-Options: nosniff``, ``Referrer-Policy: no-referrer``,
``X-Frame-Options: DENY`` and, unless it brings its own, the policy of an API that serves no page:
``default-src 'none'`` (a JSON body opened in a browser can run nothing). In production,
``Strict-Transport-Security`` as well (browsers heed it only over HTTPS).

GraphiQL (``/graphql``) and Swagger UI (``/docs``) are pages whose scripts and styles come from the
package (``'self'``) plus one inline boot script and style each, allowed by their SHA-256 hashes, never
by ``'unsafe-inline'`` for scripts. Both pages draw inline style attributes and data: images, which
their policy allows.
"""

from __future__ import annotations

import base64
import hashlib
import re

from starlette.datastructures import MutableHeaders
from starlette.responses import HTMLResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["API_POLICY", "SecurityHeadersMiddleware", "page_policy", "page_response"]

API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)
_INLINE_STYLE = re.compile(r"<style>(.*?)</style>", re.DOTALL)
HSTS = "max-age=31536000; includeSubDomains"


def _hashes(pattern: re.Pattern[str], html: str) -> str:
    return " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'"
        for body in pattern.findall(html)
    )


def page_policy(html: str) -> str:
    """The policy of a page of ours: its own files, and the inline scripts and styles it holds by hash."""
    return (
        f"default-src 'none'; script-src 'self' {_hashes(_INLINE_SCRIPT, html)}; "
        # The explorers set style attributes as they draw; style attributes cannot run code.
        f"style-src 'self' {_hashes(_INLINE_STYLE, html)}; style-src-attr 'unsafe-inline'; "
        "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
        "frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
    )


def page_response(html: str) -> HTMLResponse:
    """``html`` as a page, with the policy that lets exactly its own scripts and styles run."""
    return HTMLResponse(html, headers={"Content-Security-Policy": page_policy(html)})


class SecurityHeadersMiddleware:
    """ASGI middleware adding the headers above to every HTTP response."""

    def __init__(self, app: ASGIApp, *, hsts: bool = False) -> None:
        self.app = app
        self.hsts = hsts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def secured(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault("X-Content-Type-Options", "nosniff")
                headers.setdefault("Referrer-Policy", "no-referrer")
                headers.setdefault("X-Frame-Options", "DENY")
                headers.setdefault("Content-Security-Policy", API_POLICY)
                if self.hsts:
                    headers.setdefault("Strict-Transport-Security", HSTS)
            await send(message)

        await self.app(scope, receive, secured)
