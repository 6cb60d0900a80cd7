"""``POST /api/v1/articles``: off without a token, refused with a wrong one, and with the right one an
article in, its events stored; the same article again changes nothing."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from starlette.testclient import TestClient

from api.app import create_app
from db import migrations
from db.settings import Settings
from loaders.pipeline import prepare
from loaders.read import RawArticle
from tests.api.seeds import SEEDS, load_seeds
from tests.loaders.pipeline.test_load import endless_talks

TOKEN = "s3cret-token-for-tests"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def with_token(settings: Settings, **changes: object) -> Settings:
    return Settings.model_validate({**settings.model_dump(), "ingest_token": TOKEN, **changes})


@pytest.fixture
def ingesting(migrated_settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(with_token(migrated_settings))) as client:
        yield client


def counts(client: TestClient) -> tuple[int, int]:
    articles = client.get("/api/v1/articles").json()["totalCount"]
    return articles, client.get("/api/v1/events").json()["totalCount"]


def test_without_a_token_configured_ingestion_is_off(migrated_settings: Settings) -> None:
    with TestClient(create_app(migrated_settings)) as client:
        response = client.post("/api/v1/articles", json={"text": SEEDS[0].read_text()}, headers=AUTH)
        assert counts(client) == (0, 0)
    assert response.status_code == 404
    assert response.json()["type"] == "urn:readout:problem:ingestion-disabled"


@pytest.mark.parametrize(
    "headers",
    [
        pytest.param({}, id="no-header"),
        pytest.param({"Authorization": "Bearer wrong"}, id="wrong-token"),
        pytest.param({"Authorization": f"Basic {TOKEN}"}, id="wrong-scheme"),
        pytest.param({"Authorization": f"Bearer {TOKEN}x"}, id="longer-token"),
    ],
)
def test_a_wrong_token_is_refused(ingesting: TestClient, headers: dict[str, str]) -> None:
    response = ingesting.post("/api/v1/articles", json={"text": SEEDS[0].read_text()}, headers=headers)
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == 'Bearer realm="readout"'
    assert response.json()["type"] == "urn:readout:problem:unauthorized"
    assert counts(ingesting) == (0, 0)


def test_the_right_token_stores_the_article_once(ingesting: TestClient) -> None:
    article = {"text": SEEDS[1].read_text(), "title": "Seed one", "url": "https://example.com/1", "outlet": "Wire"}
    first = ingesting.post("/api/v1/articles", json=article, headers=AUTH)
    assert first.status_code == 201, first.text
    body = first.json()
    assert body["created"] is True
    assert body["eventsCreated"] > 0
    assert len(body["events"]) >= body["eventsCreated"]
    assert first.headers["location"] == body["article"]["links"]["self"]
    stored = ingesting.get(first.headers["location"]).json()
    assert (stored["title"], stored["outlet"], stored["sourcePath"]) == ("Seed one", "Wire", "https://example.com/1")
    assert [event["id"] for event in stored["events"]] == [event["id"] for event in body["events"]]
    # The article answered carries the reference date the loaders gave it, and why, as GET does.
    dating = (body["article"]["referenceDate"], body["article"]["referenceDateBasis"])
    assert dating == (stored["referenceDate"], stored["referenceDateBasis"])
    assert isinstance(dating[1]["method"], str)
    before = counts(ingesting)
    assert before == (1, body["eventsCreated"])

    # The same text again (as raw text this time, with other white space) changes nothing.
    again = ingesting.post(
        "/api/v1/articles",
        content="  " + article["text"].replace("\n", "\r\n"),
        headers=AUTH | {"Content-Type": "text/plain"},
    )
    assert again.status_code == 200
    assert again.json()["created"] is False
    assert again.json()["article"]["id"] == body["article"]["id"]
    assert (again.json()["eventsCreated"], again.json()["eventsMerged"]) == (0, 0)
    assert counts(ingesting) == before


def test_posting_the_seeds_builds_what_loading_them_does(ingesting: TestClient, tmp_path: Path) -> None:
    # In the order a load takes them: articles that carry a date of their own that holds first, then those
    # dated by an unlabelled page line alone, then the undated.
    references = {seed: prepare(RawArticle(str(seed), seed.read_text())).reference for seed in SEEDS}
    for seed in sorted(SEEDS, key=lambda s: (references[s].value is None, references[s].tentative)):
        response = ingesting.post(
            "/api/v1/articles", content=seed.read_bytes(), headers=AUTH | {"Content-Type": "text/plain; charset=utf-8"}
        )
        assert response.status_code == 201, response.text
    posted = ingesting.get("/api/v1/events?limit=100&sort=title").json()
    loaded_settings = Settings(database_url=f"sqlite+aiosqlite:///{tmp_path / 'loaded.db'}")
    migrations.upgrade(loaded_settings)
    asyncio.run(load_seeds(loaded_settings))
    with TestClient(create_app(loaded_settings)) as loaded_client:
        loaded = loaded_client.get("/api/v1/events?limit=100&sort=title").json()

    def summary(page: dict[str, Any]) -> list[tuple[str, str, str | None, str]]:
        return [(e["kind"], e["title"], e["start"], e["status"]) for e in page["items"]]

    assert summary(posted) == summary(loaded)
    assert posted["totalCount"] == loaded["totalCount"] > 10


@pytest.mark.parametrize(
    ("body", "names"),
    [
        ({"title": "no text"}, ["text"]),
        ({"text": "   "}, ["text"]),
        ({"text": "x\u0000y"}, ["text"]),
        ({"text": "Talks.", "published": "yesterday"}, ["published"]),
        ({"text": "Talks.", "published": "2023-02-30"}, ["published"]),
        ({"text": "Talks.", "authors": [1]}, ["authors"]),
        ({"text": "Talks.", "outlet": "x" * 201, "title": 5}, ["title", "outlet"]),
        (["not", "an", "object"], ["body"]),
    ],
)
def test_a_bad_body_names_what_is_wrong(ingesting: TestClient, body: object, names: list[str]) -> None:
    response = ingesting.post("/api/v1/articles", json=body, headers=AUTH)
    assert response.status_code == 400, response.text
    assert [p["name"] for p in response.json()["invalid_params"]] == names
    assert counts(ingesting) == (0, 0)


def test_bodies_that_are_not_articles(ingesting: TestClient) -> None:
    post = ingesting.post
    assert (
        post("/api/v1/articles", content=b"{", headers=AUTH | {"Content-Type": "application/json"}).status_code == 400
    )
    assert post("/api/v1/articles", content=b"\xff", headers=AUTH | {"Content-Type": "text/plain"}).status_code == 400
    assert post("/api/v1/articles", content=b"<p>", headers=AUTH | {"Content-Type": "text/html"}).status_code == 415
    latin = AUTH | {"Content-Type": "text/plain; charset=latin-1"}
    assert post("/api/v1/articles", content=b"Talks.", headers=latin).status_code == 415


def test_a_body_over_the_limit_is_refused_unread(migrated_settings: Settings) -> None:
    with TestClient(create_app(with_token(migrated_settings, max_article_bytes=100))) as client:
        response = client.post("/api/v1/articles", content=b"x" * 101, headers=AUTH | {"Content-Type": "text/plain"})
        chunked = client.post(
            "/api/v1/articles",
            content=iter([b"x" * 60, b"x" * 60]),
            headers=AUTH | {"Content-Type": "text/plain"},
        )
    assert response.status_code == chunked.status_code == 413
    assert response.json()["type"] == "urn:readout:problem:too-large"


async def test_analysis_leaves_the_event_loop_free(migrated_settings: Settings) -> None:
    """While spaCy reads a long article, the same event loop goes on answering other requests."""
    app = create_app(with_token(migrated_settings))
    long_article = "\n\n".join(seed.read_text() for seed in SEEDS) * 3
    transport = httpx.ASGITransport(app=app)
    async with app.router.lifespan_context(app), httpx.AsyncClient(transport=transport, base_url="http://t") as client:
        posting = asyncio.create_task(
            client.post("/api/v1/articles", content=long_article, headers=AUTH | {"Content-Type": "text/plain"})
        )
        answered_meanwhile = 0
        while not posting.done():
            assert (await client.get("/healthz")).status_code == 200
            answered_meanwhile += 0 if posting.done() else 1
            await asyncio.sleep(0.01)
        assert (await posting).status_code == 201
    # On a loop blocked by the analysis, a health check would be answered only once the article is
    # stored; one answered while the posting is still open shows the loop was free.
    assert answered_meanwhile >= 1


def test_an_article_over_its_analysis_budget_is_refused_and_the_next_one_stored(migrated_settings: Settings) -> None:
    settings = with_token(migrated_settings, analysis_budget_seconds=2.0)
    with TestClient(create_app(settings)) as client:
        endless = client.post("/api/v1/articles", json={"text": endless_talks(1500)}, headers=AUTH)
        seed = client.post("/api/v1/articles", json={"text": SEEDS[0].read_text()}, headers=AUTH)
        stored = counts(client)[0]
    assert endless.status_code == 422, endless.text
    assert seed.status_code == 201, seed.text
    assert stored == 1
    assert "longer than the 2 s one article may take" in endless.json()["detail"]
