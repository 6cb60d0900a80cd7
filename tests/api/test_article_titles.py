"""Every article has a title on both APIs, one ``String!`` beside ``Event.title``: a search selects
``title`` in its ``Event`` and ``Article`` fragments without aliases, and an article printed without a
headline is named by the opening words of its story, the same in GraphQL and REST."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from graphql import build_schema, parse, validate
from starlette.applications import Starlette
from starlette.testclient import TestClient

from db.titles import MAX_CHARS, article_title

SDL = Path(__file__).resolve().parents[2] / "schema" / "schema.graphql"  # equal to the code's (test_sdl.py)

SEARCH = """query($q: String!) { search(query: $q, first: 50) {
  __typename
  ... on Event { id title } ... on Article { id title text }
  ... on Actor { id name country } ... on Venue { id name country }
} }"""


@pytest.fixture(scope="module")
def client(seeded_app: Starlette) -> Iterator[TestClient]:
    with TestClient(seeded_app) as test_client:
        yield test_client


def test_the_union_shares_title_name_and_country_without_aliases() -> None:
    assert validate(build_schema(SDL.read_text(encoding="utf-8")), parse(SEARCH)) == []


def test_search_titles_every_article_as_rest_does(client: TestClient) -> None:
    response = client.post("/graphql", json={"query": SEARCH, "variables": {"q": "Sullivan"}})
    assert response.status_code == 200
    body = response.json()
    assert "errors" not in body, body
    hits = body["data"]["search"]
    assert {hit["__typename"] for hit in hits} >= {"Event", "Article"}
    articles = [hit for hit in hits if hit["__typename"] == "Article"]
    untitled = 0
    for article in articles:
        assert article["title"]
        rest = client.get(f"/api/v1/articles/{article['id']}")
        assert rest.status_code == 200
        assert rest.json()["title"] == article["title"]
        opening = article_title(None, article["text"])
        if article["title"] == opening:
            untitled += 1
            assert len(opening) <= MAX_CHARS + 1
            assert opening.endswith("…")
            assert article["text"].startswith(opening.removesuffix("…"))
    # Two seeds carry no headline, and both tell of Sullivan: the check above met them.
    assert untitled == 2
