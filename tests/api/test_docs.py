"""The OpenAPI document: valid OpenAPI 3.1, served as JSON and YAML exactly as checked in, in step
with the app's routes (both ways), and its reference page working from files in the package."""

from __future__ import annotations

import re
from typing import Any

import pytest
import yaml
from openapi_spec_validator import validate
from starlette.routing import Mount, Route
from starlette.testclient import TestClient

from api.app import create_app
from api.docs import STATIC_DIR, document_path
from api.rest.params import EVENT_PARAMETERS
from db.settings import Settings
from tests.conftest import REPO

DOCUMENT = REPO / "openapi" / "openapi.yaml"
METHODS = {"get", "post", "put", "patch", "delete"}
# Routes the document does not describe, and why: GraphQL has its own schema (schema/schema.graphql),
# and static files are the assets of the browser pages.
UNDOCUMENTED = {"/graphql", "/graphql/static", "/docs/static", "/explore/static"}


def document() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(DOCUMENT.read_text(encoding="utf-8"))
    return loaded


def test_the_document_is_valid_openapi_3_1() -> None:
    validate(document())
    assert document()["openapi"].startswith("3.1")


def test_the_app_serves_the_checked_in_document() -> None:
    assert document_path() == DOCUMENT
    with TestClient(create_app(Settings())) as client:
        assert client.get("/openapi.json").json() == document()
        as_yaml = client.get("/openapi.yaml")
    assert as_yaml.text == DOCUMENT.read_text(encoding="utf-8")
    assert as_yaml.headers["content-type"].startswith("application/yaml")


def app_operations(settings: Settings) -> set[tuple[str, str]]:
    """(method, path) of each route of the app, with starlette's implicit HEAD left out."""
    operations = set()
    for route in create_app(settings).routes:
        if isinstance(route, Mount) or route.path in UNDOCUMENTED:
            continue
        assert isinstance(route, Route)
        operations |= {(method.lower(), route.path) for method in route.methods or () if method != "HEAD"}
    return operations


def documented_operations() -> set[tuple[str, str]]:
    return {(method, path) for path, item in document()["paths"].items() for method in item if method in METHODS}


def test_routes_and_document_agree() -> None:
    routes = app_operations(Settings())
    documented = documented_operations()
    assert routes - documented == set(), "routes missing from openapi/openapi.yaml"
    assert documented - routes == set(), "operations in openapi/openapi.yaml that the app does not serve"


def test_undocumented_routes_are_only_the_known_ones() -> None:
    paths = {getattr(route, "path", None) for route in create_app(Settings()).routes}
    assert paths >= UNDOCUMENTED


def test_every_parameter_the_views_read_is_documented() -> None:
    """The views' parameter names (``api.rest.params``) and the document's, per list endpoint."""
    for path in ("/api/v1/events", "/api/v1/actors/{id}/events"):
        parameters = document()["paths"][path]["get"]["parameters"]
        names = {resolve(parameter)["name"] for parameter in parameters} - {"id", "If-None-Match"}
        assert names == set(EVENT_PARAMETERS)


def resolve(node: dict[str, Any]) -> dict[str, Any]:
    if "$ref" not in node:
        return node
    target: Any = document()
    for part in node["$ref"].removeprefix("#/").split("/"):
        target = target[part]
    return resolve(target)


@pytest.mark.skipif(not (STATIC_DIR / "swagger-ui-bundle.js").is_file(), reason="Swagger UI not built: run make")
def test_the_reference_page_uses_files_of_the_package() -> None:
    with TestClient(create_app(Settings())) as client:
        page = client.get("/docs")
        assert page.status_code == 200
        assert page.headers["content-type"].startswith("text/html")
        assets = re.findall(r'(?:src|href)="([^"]+)"', page.text)
        assert assets
        assert all(asset.startswith("/docs/static/") for asset in assets)
        for asset in assets:
            assert client.get(asset).status_code == 200
    assert "https://" not in page.text
    assert "http://" not in page.text
    assert "validatorUrl: null" in page.text


def test_each_list_accepts_the_cursor_its_document_shows(client: TestClient) -> None:
    """Schemathesis sends the document's examples as they are: each list's cursor example must be one
    that list accepts (a cursor of one list is refused by the others)."""
    checked = set()
    for path, item in document()["paths"].items():
        parameters = [resolve(parameter) for parameter in item.get("get", {}).get("parameters", [])]
        for parameter in parameters:
            if parameter["name"] == "cursor" and "{" not in path:
                answer = client.get(path, params={"cursor": parameter["example"]})
                assert answer.status_code == 200, (path, answer.text)
                checked.add(path)
    assert checked == {f"/api/v1/{name}" for name in ("events", "actors", "venues", "topics", "articles")}
