"""Rate limits per client, with the ``limits`` library's sliding-window counters (a window of the
rate's period that slides continuously, so a client's quota refills as its old hits age out, much as a
token bucket refills, and no burst at a window's edge doubles it).

* **REST** (``/api/…``): one unit a request, ``Settings.rate_limit_requests`` (policy ``"requests"``);
* **GraphQL**: the cost points of each query (``schema.limits``), ``Settings.rate_limit_graphql_points``
  (policy ``"graphql"``); a client with no point left is refused before its document is parsed;
* **wrong tokens** (ingestion, metrics): ``Settings.rate_limit_auth_failures`` per IP address; past it,
  every token check from that address is refused (429) until failures age out, so tokens cannot be
  guessed at speed.

A client is its IP address (an IPv6 address by its /64 network, which one subscriber holds), or the
token it presents when that token is valid. Behind a reverse proxy, uvicorn takes the address from
``X-Forwarded-For`` when the proxy's address is in ``FORWARDED_ALLOW_IPS`` (uvicorn's setting).

Answers carry the fields of the IETF draft (draft-ietf-httpapi-ratelimit-headers):
``RateLimit-Policy: "requests";q=600;w=60`` and ``RateLimit: "requests";r=599;t=60`` (``r`` what
remains, ``t`` the seconds until all of it is back); a refusal is 429 with ``Retry-After``, the seconds
until the refused request would fit.

Health checks, metrics, the documents and static files are not limited.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import math
from dataclasses import dataclass
from typing import Literal, cast

from limits import RateLimitItem
from limits.aio.storage import SlidingWindowCounterSupport, Storage
from limits.aio.strategies import SlidingWindowCounterRateLimiter
from limits.storage import storage_from_string
from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.problems import RATE_LIMITED
from api.refusals import GRAPHQL_PATH, refusal
from db.settings import Settings

__all__ = ["POLICIES", "Quota", "RateLimitMiddleware", "RateLimiter", "bearer_token"]

Policy = Literal["requests", "graphql_points", "auth_failures"]
# The names clients read in the RateLimit fields.
POLICIES: dict[Policy, str] = {"requests": "requests", "graphql_points": "graphql", "auth_failures": "auth-failures"}
# Paths under the REST rate limit.
LIMITED_PREFIX = "/api/"
# Scope state keys the GraphQL view reads: the client, and its quota as the middleware saw it.
CLIENT_STATE = "rate_limit_client"
QUOTA_STATE = "rate_limit_quota"


@dataclass(frozen=True)
class Quota:
    """A client's standing in one policy: ``allowed`` says whether the hit just made fitted;
    ``retry_after`` is the seconds until it would (0 when it did)."""

    policy: str
    limit: int
    window: int
    remaining: int
    reset: int
    allowed: bool = True
    retry_after: int = 0

    def headers(self) -> dict[str, str]:
        """The draft's ``RateLimit-Policy`` and ``RateLimit`` fields (plus ``Retry-After`` when refused)."""
        fields = {
            "RateLimit-Policy": f'"{self.policy}";q={self.limit};w={self.window}',
            "RateLimit": f'"{self.policy}";r={self.remaining};t={self.reset}',
        }
        if not self.allowed:
            fields["Retry-After"] = str(self.retry_after)
        return fields


def bearer_token(headers: Headers) -> str | None:
    """The token of an ``Authorization: Bearer …`` header, or None."""
    scheme, _, token = headers.get("authorization", "").partition(" ")
    return token.strip() or None if scheme.lower() == "bearer" else None


class RateLimiter:
    """The counters of one app, in the storage of ``Settings.rate_limit_storage``."""

    def __init__(self, settings: Settings) -> None:
        uri = settings.rate_limit_storage
        # An async+ URI always gives an async storage; the factory's type says either kind.
        self.storage = cast(Storage, storage_from_string(uri if uri.startswith("async+") else f"async+{uri}"))
        self.strategy = SlidingWindowCounterRateLimiter(self.storage)
        self.items: dict[Policy, RateLimitItem] = {
            "requests": settings.rate("requests"),
            "graphql_points": settings.rate("graphql_points"),
            "auth_failures": settings.rate("auth_failures"),
        }
        self.tokens = [
            secret.get_secret_value().encode()
            for secret in (settings.ingest_token, settings.metrics_token)
            if secret is not None
        ]

    def client(self, scope: Scope, *, by_token: bool = True) -> str:
        """Who is asking: a valid token's fingerprint (when ``by_token``), else the address."""
        token = bearer_token(Headers(scope=scope)) if by_token else None
        if token is not None:
            given = token.encode()
            # Every configured token is compared, in constant time, so timing tells nothing.
            if any([hmac.compare_digest(given, known) for known in self.tokens]):  # noqa: C419
                return "token:" + hashlib.sha256(given).hexdigest()[:16]
        host = scope["client"][0] if scope.get("client") else "unknown"
        try:
            address = ipaddress.ip_address(host)
        except ValueError:
            return f"host:{host}"
        if isinstance(address, ipaddress.IPv6Address):
            if address.ipv4_mapped is not None:
                return str(address.ipv4_mapped)
            return str(ipaddress.ip_network(f"{address}/64", strict=False))
        return str(address)

    async def hit(self, policy: Policy, client: str, cost: int = 1) -> Quota:
        """Spend ``cost`` units of ``policy`` for ``client`` if they fit; the quota after."""
        item = self.items[policy]
        allowed = await self.strategy.hit(item, client, cost=cost)
        return await self._quota(policy, client, allowed=allowed, cost=cost)

    async def peek(self, policy: Policy, client: str) -> Quota:
        """The quota of ``client`` without spending any (``allowed`` when one unit is left)."""
        quota = await self._quota(policy, client, allowed=True, cost=1)
        return quota if quota.remaining > 0 else await self._quota(policy, client, allowed=False, cost=1)

    async def _quota(self, policy: Policy, client: str, *, allowed: bool, cost: int) -> Quota:
        item = self.items[policy]
        window = item.get_expiry()
        storage = cast(SlidingWindowCounterSupport, self.storage)
        previous, previous_ttl, current, current_ttl = await storage.get_sliding_window(item.key_for(client), window)
        weighted = previous * previous_ttl / window + current
        remaining = max(0, item.amount - math.floor(weighted))
        # The current window ends in `current_ttl - window` seconds; the previous one's weight reaches 0 then.
        window_end = max(0.0, current_ttl - window)
        reset = window_end + window if current else previous_ttl if previous else 0.0
        retry_after = (
            0.0
            if allowed
            else _wait(
                item.amount, window, previous=previous, current=current, window_end=window_end, cost=cost, reset=reset
            )
        )
        return Quota(
            policy=POLICIES[policy],
            limit=item.amount,
            window=window,
            remaining=remaining,
            reset=math.ceil(reset),
            allowed=allowed,
            retry_after=max(1, math.ceil(retry_after)) if not allowed else 0,
        )

    async def close(self) -> None:
        """Forget every counter (and stop the memory storage's expiry task)."""
        await self.storage.reset()
        timer = getattr(self.storage, "timer", None)
        if timer is not None and not timer.done():
            timer.cancel()


def _wait(limit: int, window: int, *, previous: int, current: int, window_end: float, cost: int, reset: float) -> float:
    """Seconds until ``cost`` more units fit under ``limit``: the previous window's weight decays
    linearly to nothing at ``window_end``, when the current window becomes the previous one."""
    if cost > limit:
        return reset
    room = limit - cost
    if current <= room:
        if previous == 0:
            return 0.0
        return max(0.0, window_end - (room - current) * window / previous)
    return window_end + window * (1 - room / current)


class RateLimitMiddleware:
    """ASGI middleware applying the REST limit, and refusing GraphQL clients with no point left (the
    view spends the points once it knows the cost)."""

    def __init__(self, app: ASGIApp, limiter: RateLimiter) -> None:
        self.app = app
        self.limiter = limiter

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if scope["type"] != "http" or not (path == GRAPHQL_PATH or path.startswith(LIMITED_PREFIX)):
            await self.app(scope, receive, send)
            return
        client = self.limiter.client(scope)
        if path == GRAPHQL_PATH:
            quota = await self.limiter.peek("graphql_points", client)
            message = f"No GraphQL cost points are left ({quota.limit:,} per {quota.window} s)"
        else:
            quota = await self.limiter.hit("requests", client)
            message = f"Too many requests ({quota.limit:,} per {quota.window} s)"
        if not quota.allowed:
            response = refusal(
                path,
                429,
                f"{message}; retry in {quota.retry_after} s.",
                code="RATE_LIMITED",
                problem_type=RATE_LIMITED,
                headers=quota.headers(),
            )
            await response(scope, receive, send)
            return
        state = scope.setdefault("state", {})
        state[CLIENT_STATE] = client
        state[QUOTA_STATE] = quota
        if path == GRAPHQL_PATH:
            # The view sets the fields itself, after it spent the query's points.
            await self.app(scope, receive, send)
            return

        async def with_fields(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in quota.headers().items():
                    headers[name] = value
            await send(message)

        await self.app(scope, receive, with_fields)
