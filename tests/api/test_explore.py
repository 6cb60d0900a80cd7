"""``GET /explore``: the explorer's page and its bundle, served from the package with a policy that
lets only its own files run; a checkout where ``make`` has not bundled it gets a page saying how.
(The page at work in a browser: test_explore_browser.py.)"""

from __future__ import annotations

from pathlib import Path

import pytest
from graphql import parse, validate
from starlette.testclient import TestClient

from api import explore
from api.app import create_app
from api.static import missing_assets
from db.settings import Settings
from schema.root import build_schema
from tests.conftest import REPO

QUERIES = REPO / "frontend" / "explore" / "src" / "queries"


@pytest.mark.skipif(bool(missing_assets(pages=("Explore",))), reason="the explorer is not built: run make")
def test_the_page_and_its_files_come_from_the_package() -> None:
    with TestClient(create_app(Settings())) as client:
        page = client.get("/explore?kind=MEETING&actor=anything")
        assert page.status_code == 200
        assert page.headers["content-type"].startswith("text/html")
        policy = page.headers["content-security-policy"]
        assert "script-src 'self'" in policy
        assert "connect-src 'self'" in policy
        assert "unsafe-inline" not in policy.split("style-src-attr")[0]
        assert 'src="/explore/static/explore.js"' in page.text
        for name in ("explore.js", "explore.css", "countries-50m.json"):
            answer = client.get(f"/explore/static/{name}")
            assert answer.status_code == 200, name
            assert answer.content
        assert client.get("/explore/static/nothing.js").status_code == 404
        assert 'href="/explore"' in client.get("/").text


def test_without_the_bundle_the_page_says_how_to_build_it(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(explore, "STATIC_DIR", tmp_path)
    assert not explore.explore_built()
    assert "Run <code>make</code>" in explore.explore_html()


def test_the_queries_beside_the_page_are_valid_for_the_schema() -> None:
    """The .graphql files a frontend team would copy validate against the schema as it is."""
    schema = build_schema(Settings())._schema
    files = sorted(QUERIES.glob("*.graphql"))
    assert len(files) == 5
    for path in files:
        errors = validate(schema, parse(path.read_text(encoding="utf-8")))
        assert errors == [], (path.name, errors)
