"""The REST API under ``/api/v1``: one module per resource, parameters read in ``params``,
representations built in ``representations``, errors as problem details in ``problems``."""

from __future__ import annotations

from starlette.routing import BaseRoute

from api.exports import http as exports
from api.rest import actors, articles, events, jobs, topics, venues

__all__ = ["routes"]

routes: list[BaseRoute] = [
    *exports.routes,
    *events.routes,
    *actors.routes,
    *venues.routes,
    *topics.routes,
    *articles.routes,
    *jobs.routes,
]
