"""Asynchronous ingestion over HTTP: ``Prefer: respond-async`` answers 202 with a job a real
``readout worker`` runs, ``GET /api/v1/jobs/{id}`` follows it to done (with the article and its events)
or failed (with the reason); unknown or malformed job ids are 404, never 5xx; on SQLite the preference
is ignored and the article is ingested at once."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from api.app import create_app
from db import migrations
from db.settings import Settings
from tests.conftest import REPO
from tests.queue.processes import postgres_schema, start_worker, stop

TOKEN = "jobs-test-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
ASYNC = {**AUTH, "Prefer": "respond-async", "Content-Type": "text/plain"}
ARTICLE = (REPO / "seeds" / "000_0c6c6a7bd5f4bea7.txt").read_text(encoding="utf-8")
NO_STORY = "Leaders meet in Paris\n\nBy Staff Reporter\n\nShare this article"


def with_token(settings: Settings) -> Settings:
    return Settings.model_validate({**settings.model_dump(), "ingest_token": TOKEN, "rate_limit_enabled": False})


@pytest.fixture
def queued(request: pytest.FixtureRequest) -> Iterator[Settings]:
    yield from postgres_schema(request)


def follow(client: TestClient, location: str) -> dict[str, Any]:
    """Look at the job until it is done or failed (a bound on waiting, not a measurement)."""
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        answer = client.get(location, headers=AUTH)
        assert answer.status_code == 200, answer.text
        job: dict[str, Any] = answer.json()
        if job["state"] in ("done", "failed"):
            assert "Retry-After" not in answer.headers
            return job
        assert answer.headers["Retry-After"] == "1"
        time.sleep(0.3)
    pytest.fail(f"gave up waiting for {location}")


@pytest.mark.postgres
def test_respond_async_queues_the_article_and_the_job_tells_what_became_of_it(queued: Settings) -> None:
    with TestClient(create_app(with_token(queued))) as client:
        accepted = client.post("/api/v1/articles", content=ARTICLE.encode(), headers=ASYNC)
        assert accepted.status_code == 202, accepted.text
        assert accepted.headers["Preference-Applied"] == "respond-async"
        location = accepted.headers["Location"]
        job = accepted.json()
        assert location == job["links"]["self"] == f"/api/v1/jobs/{job['id']}"
        assert (job["state"], job["attempts"], job["article"], job["events"], job["reason"]) == (
            "queued",
            0,
            None,
            [],
            None,
        )
        # The same text again while its job waits: the same job, no second one.
        again = client.post("/api/v1/articles", content=ARTICLE.encode(), headers=ASYNC)
        assert (again.status_code, again.headers["Location"]) == (202, location)
        refused = client.post("/api/v1/articles", content=NO_STORY.encode(), headers=ASYNC)
        assert refused.status_code == 202, refused.text

        worker = start_worker(queued)
        try:
            done = follow(client, location)
            failed = follow(client, refused.headers["Location"])
        finally:
            code, stderr = stop(worker)
        assert code == 0, stderr

        assert (done["state"], done["attempts"], done["reason"]) == ("done", 1, None)
        assert done["events"], done
        article = client.get(done["article"]["links"]["self"])
        assert article.status_code == 200
        assert {event["id"] for event in article.json()["events"]} == {event["id"] for event in done["events"]}
        assert failed["state"] == "failed"
        assert failed["article"] is None
        assert "no story" in failed["reason"], failed

        # Stored now: asking again is answered at once, synchronously, with the stored article.
        stored = client.post("/api/v1/articles", content=ARTICLE.encode(), headers=ASYNC)
        assert stored.status_code == 200, stored.text
        assert "Preference-Applied" not in stored.headers
        assert stored.json()["article"]["id"] == done["article"]["id"]


@pytest.mark.postgres
@pytest.mark.parametrize(
    "job_id", ["999999", "0", "-1", "abc", "1.5", "99999999999999999999", "9223372036854775808", "١٢", "%00", "1%20"]
)
def test_a_job_id_that_names_no_job_is_404(queued: Settings, job_id: str) -> None:
    with TestClient(create_app(with_token(queued))) as client:
        answer = client.get(f"/api/v1/jobs/{job_id}", headers=AUTH)
    assert answer.status_code == 404, answer.text
    assert answer.headers["Content-Type"] == "application/problem+json"


@pytest.mark.postgres
def test_jobs_take_the_ingestion_token(queued: Settings) -> None:
    with TestClient(create_app(with_token(queued))) as client:
        assert client.get("/api/v1/jobs/1").status_code == 401
        assert client.get("/api/v1/jobs/1", headers={"Authorization": "Bearer wrong"}).status_code == 401
    with TestClient(create_app(queued)) as client:
        off = client.get("/api/v1/jobs/1", headers=AUTH)
    assert off.status_code == 404
    assert "Ingestion is off" in off.json()["detail"]


@pytest.mark.sqlite
def test_on_sqlite_the_preference_is_ignored_and_the_article_ingested_at_once(tmp_path: Path) -> None:
    settings = Settings(database_url=f"sqlite+aiosqlite:///{tmp_path / 'readout.db'}")
    migrations.upgrade(settings)
    with TestClient(create_app(with_token(settings))) as client:
        answer = client.post("/api/v1/articles", content=ARTICLE.encode(), headers=ASYNC)
        assert answer.status_code == 201, answer.text
        assert "Preference-Applied" not in answer.headers
        assert answer.json()["events"]
        assert client.get("/api/v1/jobs/1", headers=AUTH).status_code == 404
