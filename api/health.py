"""Health checks: ``/healthz`` says the process is up; ``/readyz`` that the database answers and is
migrated to the revision this code expects."""

from __future__ import annotations

from sqlalchemy.exc import SQLAlchemyError
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from db import migrations

__all__ = ["routes"]


async def healthz(_request: Request) -> JSONResponse:
    return JSONResponse({"status": "ok"})


async def readyz(request: Request) -> JSONResponse:
    expected = migrations.head()
    try:
        revision = await migrations.current_revision(request.app.state.engine)
    except (SQLAlchemyError, OSError) as exc:
        return JSONResponse({"status": "unavailable", "detail": f"database unreachable: {type(exc).__name__}"}, 503)
    if revision != expected:
        detail = f"database at revision {revision or 'none'}, expected {expected}; run `readout db upgrade`"
        return JSONResponse({"status": "unavailable", "detail": detail}, 503)
    return JSONResponse({"status": "ok", "revision": revision})


routes = [
    Route("/healthz", healthz, methods=["GET"]),
    Route("/readyz", readyz, methods=["GET"]),
]
