"""``GET /``: what this server is, links to everything it serves for people and tools (GraphiQL, the
API reference, the OpenAPI document, the SDL, health and metrics; only those switched on) and how
much the knowledge base holds. ``GET /schema.graphql``: the GraphQL schema as SDL.

The page has no script; its one inline style is allowed by hash, like the other pages'.
"""

from __future__ import annotations

import html
from functools import cache
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from api import metrics
from api.rest.responses import session_of
from api.security import page_response
from db.queries.stats import holdings
from db.settings import Settings
from schema.sdl import schema_sdl

__all__ = ["links", "routes"]

HERE = Path(__file__).resolve().parent


def links(settings: Settings) -> list[tuple[str, str, str]]:
    """``(path, name, what it is)`` of each thing this server serves, given ``settings``."""
    found = [("/explore", "Explore", "the events on a map and a timeline, with their sources and actors")]
    if settings.graphql_explorer:
        found.append(("/graphql", "GraphiQL", "the GraphQL explorer, opening on a timeline query"))
    else:
        found.append(("/graphql", "GraphQL", "the GraphQL endpoint (POST, or GET for queries)"))
    if settings.api_docs:
        found.append(("/docs", "API reference", "the REST API under /api/v1, in Swagger UI"))
    found += [
        ("/openapi.json", "OpenAPI document", "the REST API's contract (also as /openapi.yaml)"),
        ("/schema.graphql", "GraphQL SDL", "the GraphQL schema, in its own language"),
        ("/api/v1/events", "Events", "the REST list of events, filtered and paginated"),
        ("/healthz", "Health", "the process is up (/readyz: the database answers, migrated)"),
    ]
    if metrics.served_on_api_port(settings):
        found.append(("/metrics", "Metrics", "Prometheus metrics of requests and queries"))
    return found


@cache
def _template() -> str:
    return (HERE / "landing.html").read_text(encoding="utf-8")


async def landing(request: Request) -> Response:
    settings: Settings = request.app.state.settings
    try:
        async with session_of(request) as session:
            counts = await holdings(session)
        rows = "".join(
            f'<tr><th scope="row">{name}</th><td class="count">{count:,}</td></tr>' for name, count in counts.items()
        )
        held = f'<table id="holdings">{rows}</table>'
    except (SQLAlchemyError, OSError):
        # The page is also what someone opens when things go wrong: it still answers, and says so.
        held = '<p id="holdings">The database does not answer now; see <a href="/readyz">/readyz</a>.</p>'
    items = "\n    ".join(
        f'<li><a href="{path}">{html.escape(name)}</a> — {html.escape(what)}</li>'
        for path, name, what in links(settings)
    )
    return page_response(_template().format(holdings=held, links=items))


async def sdl(_request: Request) -> Response:
    return PlainTextResponse(_sdl())


@cache
def _sdl() -> str:
    return schema_sdl()


routes = [Route("/", landing, methods=["GET"]), Route("/schema.graphql", sdl, methods=["GET"])]
