"""The GraphiQL explorer page: GraphiQL and React served from ``api/static/graphiql`` (built by
``make`` from the npm registry), never from a CDN, opening on the Timeline query."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

__all__ = ["STATIC_DIR", "STATIC_URL", "TIMELINE_QUERY", "explorer_built", "explorer_html"]

from api.static import STATIC_ROOT

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


@cache
def explorer_html() -> str:
    """The explorer page, or a page saying how to build it."""
    if not explorer_built():
        return MISSING
    # "</" inside a script element would end it early; JSON allows "<\/".
    default_query = json.dumps(TIMELINE_QUERY).replace("</", "<\\/")
    template = (HERE / "explorer.html").read_text(encoding="utf-8")
    return template.format(static=STATIC_URL, default_query=default_query)
