"""Bearer tokens (ingestion, metrics): compared in constant time, and slowed down when wrong: past
``Settings.rate_limit_auth_failures`` wrong tokens from one address, its token checks are refused
with 429 until the failures age out (``api.rate_limit``)."""

from __future__ import annotations

import hmac

from pydantic import SecretStr
from starlette.requests import Request

from api.problems import INGESTION_DISABLED, RATE_LIMITED, UNAUTHORIZED, ProblemError
from api.rate_limit import RateLimiter, bearer_token
from db.settings import Settings

__all__ = ["authorise_ingestion", "require_token"]


async def require_token(request: Request, expected: SecretStr) -> None:
    """Return when the request carries ``Authorization: Bearer <expected>``; raise a 401 problem (a
    429 while its address has failed too often) otherwise."""
    limiter: RateLimiter | None = getattr(request.app.state, "rate_limiter", None)
    client = limiter.client(request.scope, by_token=False) if limiter is not None else ""
    if limiter is not None:
        quota = await limiter.peek("auth_failures", client)
        if not quota.allowed:
            raise ProblemError(
                429,
                f"Too many wrong tokens from this address; retry in {quota.retry_after} s.",
                type_=RATE_LIMITED,
                headers=quota.headers(),
            )
    given = bearer_token(request.headers)
    if given is not None and hmac.compare_digest(given.encode(), expected.get_secret_value().encode()):
        return
    if limiter is not None:
        await limiter.hit("auth_failures", client)
    raise ProblemError(
        401,
        "A valid bearer token is required (Authorization: Bearer …).",
        type_=UNAUTHORIZED,
        headers={"WWW-Authenticate": 'Bearer realm="readout"'},
    )


async def authorise_ingestion(request: Request, settings: Settings) -> None:
    """For ingestion and its jobs: a 404 while ingestion is off (no ``READOUT_INGEST_TOKEN``), else
    ``require_token`` with that token."""
    if settings.ingest_token is None:
        raise ProblemError(
            404, "Ingestion is off: no token is configured (READOUT_INGEST_TOKEN).", type_=INGESTION_DISABLED
        )
    await require_token(request, settings.ingest_token)
