"""The files of the browser pages (GraphiQL and Swagger UI from the npm registry, and the explorer
bundled from it), put into ``api/static/`` by ``make`` and shipped in the wheel (whose build fails
without them, ``hatch_build.py``).

A checkout or an install without them still serves the API: each page says how to build it, a request
for a missing file is a 404, and ``readout serve`` logs one warning at start.
"""

from __future__ import annotations

import os
from pathlib import Path

import anyio
from starlette.staticfiles import StaticFiles

__all__ = ["ASSETS", "STATIC_ROOT", "AssetFiles", "missing_assets"]

STATIC_ROOT = Path(__file__).resolve().parent / "static"
# What `make` copies, by page (the same list as hatch_build.py's, which a test compares).
ASSETS: dict[str, tuple[str, ...]] = {
    "GraphiQL": (
        "graphiql/graphiql.min.js",
        "graphiql/graphiql.min.css",
        "graphiql/react.production.min.js",
        "graphiql/react-dom.production.min.js",
        "graphiql/plugin-explorer.umd.js",
        "graphiql/plugin-explorer.css",
    ),
    "Swagger UI": ("swagger-ui/swagger-ui-bundle.js", "swagger-ui/swagger-ui.css"),
    "Explore": ("explore/explore.js", "explore/explore.css", "explore/countries-50m.json"),
}


class AssetFiles(StaticFiles):
    """Static files whose folder may be missing: then each request for a file is a 404, not a fault."""

    async def check_config(self) -> None:
        if self.directory is not None and not await anyio.to_thread.run_sync(os.path.isdir, self.directory):
            return
        await super().check_config()


def missing_assets(root: Path = STATIC_ROOT, pages: tuple[str, ...] = tuple(ASSETS)) -> list[str]:
    """The files of ``pages`` missing under ``root``, as paths relative to it."""
    return [path for page in pages for path in ASSETS[page] if not (root / path).is_file()]
