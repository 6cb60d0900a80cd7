"""The starlette application.

>>> from api.app import create_app
>>> app = create_app(Settings(database_url="sqlite+aiosqlite:///kb.db"))  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware

from api import graphql, health
from db.session import create_engine, create_session_factory
from db.settings import Settings, get_settings

__all__ = ["create_app"]


def create_app(settings: Settings | None = None) -> Starlette:
    """An app serving the database of ``settings`` (default: read from the environment)."""
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        engine = create_engine(settings)
        app.state.engine = engine
        app.state.session_factory = create_session_factory(engine)
        try:
            yield
        finally:
            await engine.dispose()

    middleware = []
    if settings.cors_allowed_origins:
        middleware.append(
            Middleware(
                CORSMiddleware,
                allow_origins=settings.cors_allowed_origins,
                allow_methods=["GET", "POST"],
                allow_headers=["Content-Type", "Authorization"],
            )
        )
    app = Starlette(routes=[*health.routes, *graphql.routes(settings)], middleware=middleware, lifespan=lifespan)
    app.state.settings = settings
    return app
