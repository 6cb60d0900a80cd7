"""The GraphiQL explorer page: GraphiQL, its explorer plugin (``@graphiql/plugin-explorer``: a tree of
the schema's fields to tick) and React, served from ``api/static/graphiql`` (built by ``make`` from the
npm registry), never from a CDN. It opens on the Timeline query, its variables naming a real actor of
the knowledge base (the one taking part in most events, ``db.queries.actors.busiest_actor``).

    >>> page = explorer_html(("QWN0b3I6MQ==", "Antony Blinken"))  # doctest: +SKIP
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from api.static import STATIC_ROOT

__all__ = ["STATIC_DIR", "STATIC_URL", "TIMELINE_QUERY", "explorer_built", "explorer_html", "timeline_variables"]

HERE = Path(__file__).resolve().parent
STATIC_DIR = STATIC_ROOT / "graphiql"
STATIC_URL = "/graphql/static"
TIMELINE_QUERY = (HERE / "timeline.graphql").read_text(encoding="utf-8")
MISSING = (
    "<!doctype html><title>readout · explorer missing</title>"
    "<p>The GraphiQL files are not built. Run <code>make</code> (it runs <code>npm ci</code> in explorer/).</p>"
)


def explorer_built() -> bool:
    """Whether ``make`` has copied GraphiQL into the package."""
    return (STATIC_DIR / "graphiql.min.js").is_file()


def timeline_variables(actor_id: str | None) -> str:
    """The Timeline query's variables as GraphiQL shows them: ``actor`` set to ``actor_id`` (a Node
    ID), or left out when the knowledge base holds no actor yet (the query then lists every event)."""
    return json.dumps({"actor": actor_id} if actor_id is not None else {}, indent=2)


@cache
def _template() -> str:
    return (HERE / "explorer.html").read_text(encoding="utf-8")


def explorer_html(actor_id: str | None) -> str:
    """The explorer page, opening on the Timeline query of ``actor_id`` (see ``timeline_variables``),
    or a page saying how to build it."""
    if not explorer_built():
        return MISSING
    timeline = {"query": TIMELINE_QUERY, "variables": timeline_variables(actor_id)}
    # "</" inside a script element would end it early; JSON allows "<\/".
    return _template().format(static=STATIC_URL, timeline=json.dumps(timeline).replace("</", "<\\/"))
