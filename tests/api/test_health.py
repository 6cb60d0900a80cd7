from __future__ import annotations

from starlette.testclient import TestClient

from api.app import create_app
from db import migrations
from db.settings import Settings


def test_healthz(settings: Settings) -> None:
    with TestClient(create_app(settings)) as client:
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_readyz_when_migrated(migrated_settings: Settings) -> None:
    with TestClient(create_app(migrated_settings)) as client:
        response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "revision": migrations.head()}


def test_readyz_when_not_migrated(settings: Settings) -> None:
    with TestClient(create_app(settings)) as client:
        response = client.get("/readyz")
    assert response.status_code == 503
    assert "run `readout db upgrade`" in response.json()["detail"]


def test_readyz_when_database_unreachable() -> None:
    settings = Settings(database_url="postgresql+asyncpg://nobody@127.0.0.1:1/none")
    with TestClient(create_app(settings)) as client:
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["detail"].startswith("database unreachable")
