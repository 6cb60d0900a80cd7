"""The wheel's build hook: a wheel without GraphiQL, Swagger UI and the explorer's bundle would install
pages that cannot load, so the build fails, saying what is missing and how to build it.

The files are what ``make`` copies from the npm registry into ``api/static/`` (``api.static.ASSETS``
lists the same; a test compares them). Editable installs (``pip install -e .``, which ``make`` runs
before it builds the files) are not checked.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

REQUIRED = (
    "api/static/graphiql/graphiql.min.js",
    "api/static/graphiql/graphiql.min.css",
    "api/static/graphiql/react.production.min.js",
    "api/static/graphiql/react-dom.production.min.js",
    "api/static/graphiql/plugin-explorer.umd.js",
    "api/static/graphiql/plugin-explorer.css",
    "api/static/swagger-ui/swagger-ui-bundle.js",
    "api/static/swagger-ui/swagger-ui.css",
    "api/static/explore/explore.js",
    "api/static/explore/explore.css",
    "api/static/explore/countries-50m.json",
)


def missing(root: Path) -> list[str]:
    """The required files absent under the project ``root``."""
    return [path for path in REQUIRED if not (root / path).is_file()]


class AssetsBuildHook(BuildHookInterface):
    """Refuses to build a wheel without the browser pages' files."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if version == "editable":
            return
        absent = missing(Path(self.root))
        if absent:
            raise RuntimeError(
                "the wheel would lack the files of GraphiQL, Swagger UI or the explorer: "
                + ", ".join(absent)
                + ". Run `make` first (it builds them with npm from explorer/, apidocs/ and frontend/explore/)."
            )
