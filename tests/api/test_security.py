"""Security headers on every answer, page policies that let exactly the pages' own scripts run, and the
production profile: no introspection, explorer, field suggestions or /docs, HSTS, and /metrics only
behind a token or on its own port."""

from __future__ import annotations

import base64
import hashlib
import re
import socket
from typing import Any

import httpx
import pytest
from starlette.testclient import TestClient

from api.app import create_app
from api.security import API_POLICY
from db.settings import Settings

INTROSPECTION = "{ __schema { queryType { name } } }"


def production(settings: Settings, **more: Any) -> Settings:
    return Settings.model_validate({**settings.model_dump(exclude=_PROFILED), "env": "production", **more})


# Settings the profile decides: left out of the copy, so the profile gives their production values.
_PROFILED = {"graphql_introspection", "graphql_explorer", "graphql_field_suggestions", "api_docs"}


def test_every_answer_carries_the_headers(migrated_settings: Settings) -> None:
    with TestClient(create_app(migrated_settings)) as client:
        answers = [
            client.get("/api/v1/events"),
            client.get("/api/v1/nowhere"),
            client.post("/graphql", json={"query": "{ __typename }"}),
            client.post("/graphql", content=b"[", headers={"content-type": "application/json"}),
            client.get("/healthz"),
            client.get("/openapi.json"),
        ]
    for answer in answers:
        assert answer.headers["x-content-type-options"] == "nosniff"
        assert answer.headers["referrer-policy"] == "no-referrer"
        assert answer.headers["x-frame-options"] == "DENY"
        assert answer.headers["content-security-policy"] == API_POLICY
        assert "strict-transport-security" not in answer.headers


@pytest.mark.parametrize(("path", "headers"), [("/graphql", {"accept": "text/html"}), ("/docs", {})])
def test_pages_allow_their_own_inline_script_by_hash(
    migrated_settings: Settings, path: str, headers: dict[str, str]
) -> None:
    with TestClient(create_app(migrated_settings)) as client:
        page = client.get(path, headers=headers)
    assert page.status_code == 200
    policy = page.headers["content-security-policy"]
    inline = re.findall(r"<script>(.*?)</script>", page.text, re.DOTALL)
    if inline:  # the page saying how to build the files has no script
        digest = base64.b64encode(hashlib.sha256(inline[0].encode()).digest()).decode()
        assert f"'sha256-{digest}'" in policy
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    assert "frame-ancestors 'none'" in policy


def test_development_serves_what_helps_a_developer(migrated_settings: Settings) -> None:
    with TestClient(create_app(migrated_settings)) as client:
        assert client.post("/graphql", json={"query": INTROSPECTION}).status_code == 200
        suggestion = client.post("/graphql", json={"query": "{ evnts { totalCount } }"}).json()["errors"][0]["message"]
        assert client.get("/docs").status_code == 200
        assert client.get("/metrics").status_code == 200
    assert "Did you mean" in suggestion


def test_production_hides_introspection_the_explorer_suggestions_and_docs(migrated_settings: Settings) -> None:
    with TestClient(create_app(production(migrated_settings))) as client:
        introspection = client.post("/graphql", json={"query": INTROSPECTION})
        misspelt = client.post("/graphql", json={"query": "{ evnts { totalCount } }"})
        explorer = client.get("/graphql", headers={"accept": "text/html"})
        explorer_files = client.get("/graphql/static/graphiql.min.js")
        docs, docs_files = client.get("/docs"), client.get("/docs/static/swagger-ui-bundle.js")
        metrics = client.get("/metrics")
        api = client.get("/api/v1/events")
    assert introspection.status_code == 400
    assert "introspection has been disabled" in introspection.json()["errors"][0]["message"].lower()
    assert misspelt.status_code == 400
    assert "Did you mean" not in misspelt.text
    assert [explorer.status_code, explorer_files.status_code, docs.status_code, docs_files.status_code] == [404] * 4
    assert metrics.status_code == 404
    assert api.status_code == 200
    assert api.headers["strict-transport-security"].startswith("max-age=")


def test_production_settings_can_be_chosen_one_by_one(migrated_settings: Settings) -> None:
    settings = production(migrated_settings, graphql_introspection=True)
    assert settings.graphql_introspection
    assert not settings.graphql_explorer
    with TestClient(create_app(settings)) as client:
        assert client.post("/graphql", json={"query": INTROSPECTION}).status_code == 200


def test_metrics_behind_a_token(migrated_settings: Settings) -> None:
    with TestClient(create_app(production(migrated_settings, metrics_token="m3trics"))) as client:
        anonymous = client.get("/metrics")
        wrong = client.get("/metrics", headers={"authorization": "Bearer nope"})
        right = client.get("/metrics", headers={"authorization": "Bearer m3trics"})
    assert anonymous.status_code == wrong.status_code == 401
    assert anonymous.headers["www-authenticate"] == 'Bearer realm="readout"'
    assert right.status_code == 200
    assert "readout_http_requests_total" in right.text


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_metrics_on_their_own_port(migrated_settings: Settings) -> None:
    port = free_port()
    with TestClient(create_app(production(migrated_settings, metrics_port=port))) as client:
        assert client.get("/api/v1/events").status_code == 200
        assert client.get("/metrics").status_code == 404
        served = httpx.get(f"http://127.0.0.1:{port}/metrics", timeout=10)
        elsewhere = httpx.get(f"http://127.0.0.1:{port}/api/v1/events", timeout=10)
    assert served.status_code == 200
    assert 'route="/api/v1/events",status="200"' in served.text
    assert "server" not in served.headers
    assert elsewhere.status_code == 404
    # Stopped with the app.
    with pytest.raises(httpx.TransportError):
        httpx.get(f"http://127.0.0.1:{port}/metrics", timeout=2)
