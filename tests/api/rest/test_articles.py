"""``GET /api/v1/articles`` and ``/articles/{id}``: an article's ``referenceDate`` and
``referenceDateBasis``, the same answers as GraphQL's (verdicts as stored, and each candidate's
precision), whatever shape its stored audit trail has; and the encoding each was decoded from."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from starlette.testclient import TestClient

from api.app import create_app
from db.ids import encode_id
from db.settings import Settings
from loaders.pipeline import load_inputs
from tests.schema.dated_articles import EXPECTED, TITLES, add_dated_articles, rest_basis


@pytest.fixture
async def dated(session_factory: async_sessionmaker[AsyncSession]) -> dict[str, int]:
    async with session_factory() as session:
        return await add_dated_articles(session)


@pytest.fixture
def client(migrated_settings: Settings, dated: dict[str, int]) -> Iterator[TestClient]:
    with TestClient(create_app(migrated_settings)) as test_client:
        yield test_client


def expected(key: str) -> tuple[str | None, object]:
    reference_date, basis = EXPECTED[key]
    return reference_date, rest_basis(basis)


def test_each_article_answers_its_reference_date_and_basis(client: TestClient, dated: dict[str, int]) -> None:
    for key, pk in dated.items():
        response = client.get(f"/api/v1/articles/{encode_id('Article', pk)}")
        assert response.status_code == 200, response.text
        article = response.json()
        assert (article["referenceDate"], article["referenceDateBasis"]) == expected(key), key


def test_a_list_answers_them_all(client: TestClient) -> None:
    items = client.get("/api/v1/articles", params={"limit": 100}).json()["items"]
    by_title = {item["title"]: item for item in items}
    assert {
        key: (by_title[title]["referenceDate"], by_title[title]["referenceDateBasis"]) for key, title in TITLES.items()
    } == {key: expected(key) for key in TITLES}


def test_a_candidate_in_full(client: TestClient, dated: dict[str, int]) -> None:
    article = client.get(f"/api/v1/articles/{encode_id('Article', dated['caption'])}").json()
    assert article["referenceDateBasis"]["candidates"][1] == {
        "kind": "published-date",
        "date": "2023-03",
        "precision": "month",
        "text": "March 2023",
        "verdict": "consistent",
        "why": "the month the page gives",
    }


STORY = (
    "Ministers meet in Geneva\n\nThe French minister met Wang Yi in Genève on Monday, March 4, 2024; the talks "
    "turned to trade, the ministry said.\n"
)


async def test_the_encoding_an_article_was_decoded_from_is_answered_by_both_apis(
    migrated_settings: Settings, session_factory: async_sessionmaker[AsyncSession], tmp_path: Path
) -> None:
    (tmp_path / "windows.txt").write_bytes(STORY.encode("cp1252"))
    (tmp_path / "bom.txt").write_bytes(STORY.replace("Geneva", "Bern").encode("utf-16"))
    (tmp_path / "plain.txt").write_bytes(STORY.replace("Geneva", "Basel").encode("utf-8"))
    report = await load_inputs(session_factory, [tmp_path], max_bytes=1_000_000)
    assert (report.loaded, report.failed) == (3, [])
    query = "{ articles(first: 10) { nodes { id sourcePath encoding } } }"
    with TestClient(create_app(migrated_settings)) as client:
        rest = client.get("/api/v1/articles", params={"limit": 10}).json()["items"]
        graphql = client.post("/graphql", json={"query": query}).json()["data"]["articles"]["nodes"]
        one = client.get(f"/api/v1/articles/{rest[0]['id']}").json()
    expected = {"windows.txt": "cp1252", "bom.txt": "utf-16", "plain.txt": "utf-8"}
    assert {Path(item["sourcePath"]).name: item["encoding"] for item in rest} == expected
    assert {Path(node["sourcePath"]).name: node["encoding"] for node in graphql} == expected
    assert one["encoding"] == expected[Path(one["sourcePath"]).name]
