"""``GET /``: the links and the counts of what is loaded; ``GET /schema.graphql``: the checked-in SDL.
(The page in a browser: tests/schema/test_explorer_browser.py.)"""

from __future__ import annotations

import re

from starlette.testclient import TestClient

from api.app import create_app
from api.landing import links
from db.settings import Settings
from tests.conftest import REPO
from tests.schema.world import World


def test_the_page_counts_what_is_loaded(client: TestClient, world: World) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert "script-src 'self'" in page.headers["content-security-policy"]
    counts = dict(re.findall(r'<th scope="row">(\w+)</th><td class="count">([\d,]+)</td>', page.text))
    assert counts["events"] == str(len(world.events))
    assert counts["articles"] == str(len(world.articles))
    assert counts["actors"] == str(len(world.actors))
    assert counts["topics"] == str(len(world.topics))
    assert set(counts) == {"articles", "events", "actors", "venues", "topics"}
    for path, _, _ in links(client.app.state.settings):  # type: ignore[attr-defined]
        assert f'href="{path}"' in page.text


def test_links_follow_the_settings(migrated_settings: Settings) -> None:
    quiet = migrated_settings.model_copy(update={"api_docs": False, "graphql_explorer": False, "env": "production"})
    paths = [path for path, _, _ in links(quiet)]
    assert "/docs" not in paths
    assert "/metrics" not in paths
    with TestClient(create_app(quiet)) as client:
        assert 'href="/docs"' not in client.get("/").text


def test_the_sdl_is_the_checked_in_schema(client: TestClient) -> None:
    answer = client.get("/schema.graphql")
    assert answer.status_code == 200
    assert answer.text == (REPO / "schema" / "schema.graphql").read_text(encoding="utf-8")
