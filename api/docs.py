"""The OpenAPI document of the REST API, served as ``/openapi.json`` and ``/openapi.yaml``, and its
reference page at ``/docs`` (unless ``Settings.api_docs`` is off, as in production): Swagger UI from
``api/static/swagger-ui`` (built by ``make`` from the npm registry), never from a CDN.

The document is ``openapi/openapi.yaml`` in a source checkout; the wheel carries it as
``api/openapi.yaml``.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Mount, Route

from api.security import page_response
from api.static import STATIC_ROOT, AssetFiles

__all__ = ["STATIC_DIR", "document_path", "openapi_document", "routes"]

HERE = Path(__file__).resolve().parent
STATIC_DIR = STATIC_ROOT / "swagger-ui"
STATIC_URL = "/docs/static"
MISSING = (
    "<!doctype html><title>readout · API reference missing</title>"
    "<p>The Swagger UI files are not built. Run <code>make</code> (it runs <code>npm ci</code> in apidocs/).</p>"
)


def document_path() -> Path:
    """``openapi.yaml``: inside the installed package, or in ``openapi/`` of a source checkout."""
    for candidate in (HERE / "openapi.yaml", HERE.parent / "openapi" / "openapi.yaml"):
        if candidate.is_file():
            return candidate
    raise FileNotFoundError("the OpenAPI document openapi.yaml is missing from this installation")


@cache
def document_text() -> str:
    return document_path().read_text(encoding="utf-8")


@cache
def openapi_document() -> dict[str, Any]:
    """The document, parsed."""
    document: dict[str, Any] = yaml.safe_load(document_text())
    return document


async def openapi_json(_request: Request) -> Response:
    return JSONResponse(openapi_document())


async def openapi_yaml(_request: Request) -> Response:
    return Response(document_text(), media_type="application/yaml")


@cache
def _page() -> str:
    if not (STATIC_DIR / "swagger-ui-bundle.js").is_file():
        return MISSING
    return (HERE / "docs.html").read_text(encoding="utf-8").format(static=STATIC_URL, document="/openapi.json")


async def docs_page(_request: Request) -> Response:
    return page_response(_page())


def routes(*, page: bool = True) -> list[BaseRoute]:
    """The document as JSON and YAML, and, when ``page``, the reference page and its files."""
    served: list[BaseRoute] = [
        Route("/openapi.json", openapi_json, methods=["GET"]),
        Route("/openapi.yaml", openapi_yaml, methods=["GET"]),
    ]
    if page:
        served += [
            Route("/docs", docs_page, methods=["GET"]),
            Mount(STATIC_URL, AssetFiles(directory=STATIC_DIR, check_dir=False), name="swagger-ui"),
        ]
    return served
