"""CORS: off unless origins are configured; then answers name the origin and expose ``ETag``,
``Link`` and ``Retry-After`` to scripts, and preflights allow conditional and authorised calls."""

from __future__ import annotations

from starlette.testclient import TestClient

from api.app import create_app
from db.settings import Settings

ORIGIN = "https://timeline.example"


def test_no_cors_headers_unless_configured(migrated_settings: Settings) -> None:
    with TestClient(create_app(migrated_settings)) as client:
        response = client.get("/api/v1/events", headers={"Origin": ORIGIN})
    assert response.status_code == 200
    assert "access-control-allow-origin" not in response.headers


def test_configured_origins_may_read_tags_and_links(migrated_settings: Settings) -> None:
    settings = Settings.model_validate({**migrated_settings.model_dump(), "cors_allowed_origins": [ORIGIN]})
    with TestClient(create_app(settings)) as client:
        simple = client.get("/api/v1/events", headers={"Origin": ORIGIN})
        other = client.get("/api/v1/events", headers={"Origin": "https://elsewhere.example"})
        preflight = client.options(
            "/api/v1/articles",
            headers={
                "Origin": ORIGIN,
                "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "authorization, content-type",
            },
        )
        conditional = client.options(
            "/api/v1/events",
            headers={
                "Origin": ORIGIN,
                "Access-Control-Request-Method": "GET",
                "Access-Control-Request-Headers": "if-none-match",
            },
        )
    assert simple.headers["access-control-allow-origin"] == ORIGIN
    exposed = {name.strip().lower() for name in simple.headers["access-control-expose-headers"].split(",")}
    assert {"etag", "link", "retry-after"} <= exposed
    assert "access-control-allow-origin" not in other.headers
    assert preflight.status_code == conditional.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == ORIGIN
    assert "POST" in preflight.headers["access-control-allow-methods"]
