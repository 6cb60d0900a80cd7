"""``GET /explore``: the explorer, a map, a timeline and actor pages over the public GraphQL API (the
page calls ``/graphql`` like any frontend would). Its files are bundled by ``make`` with esbuild from
``frontend/explore/`` (Leaflet and world-atlas from the npm registry) into ``api/static/explore`` and
served from the package under ``/explore/static``, never from a CDN; the page needs no network beyond
this server.

    >>> page = explore_html()  # doctest: +SKIP
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Mount, Route

from api.security import page_response
from api.static import STATIC_ROOT, AssetFiles

__all__ = ["STATIC_DIR", "STATIC_URL", "explore_built", "explore_html", "routes"]

HERE = Path(__file__).resolve().parent
STATIC_DIR = STATIC_ROOT / "explore"
STATIC_URL = "/explore/static"
MISSING = (
    "<!doctype html><title>readout · explorer missing</title>"
    "<p>The explorer is not built. Run <code>make</code> "
    "(it runs <code>npm ci</code> and esbuild in frontend/explore/).</p>"
)


def explore_built() -> bool:
    """Whether ``make`` has bundled the explorer into the package."""
    return (STATIC_DIR / "explore.js").is_file()


@cache
def _template() -> str:
    return (HERE / "explore.html").read_text(encoding="utf-8")


def explore_html() -> str:
    """The explorer's page, or a page saying how to build it."""
    if not explore_built():
        return MISSING
    return _template().format(static=STATIC_URL)


async def explore_page(_request: Request) -> Response:
    return page_response(explore_html())


routes: list[BaseRoute] = [
    Route("/explore", explore_page, methods=["GET"]),
    Mount(STATIC_URL, AssetFiles(directory=STATIC_DIR, check_dir=False), name="explore"),
]
