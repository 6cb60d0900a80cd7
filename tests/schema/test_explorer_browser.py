"""The explorer in a real headless Chromium (Debian's, driven by playwright): a real uvicorn server on
a free port serves the seeded world; the page loads with no network beyond it, runs its default
(Timeline) query and shows events in the result pane, with no breach of its Content-Security-Policy. The
REST reference page (Swagger UI) loads its operations the same way. Screenshots are left in
test-artifacts/."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from playwright.async_api import async_playwright, expect

from api.static import missing_assets
from db.settings import Settings
from tests.conftest import IN_CI, REPO
from tests.schema.world import World
from tests.serving import serving

ARTIFACTS = REPO / "test-artifacts"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
# What Chromium's console says when a Content-Security-Policy refuses a script, style or request.
POLICY = "Content Security Policy"


def find_chromium() -> str | None:
    for candidate in (os.environ.get("READOUT_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).is_file():
            return candidate
    return None


@pytest.fixture
def chromium() -> str:
    found = find_chromium()
    if found is None:
        reason = "no Chromium found (apt-get install chromium, or set READOUT_CHROMIUM)"
        if IN_CI:
            pytest.fail(f"{reason}; CI=true: the explorer test may not be skipped")
        pytest.skip(reason)
    if missing_assets():
        pytest.fail("GraphiQL or Swagger UI is not built into api/static: run `make` (npm ci in explorer/, apidocs/)")
    return found


@pytest.fixture
async def server(migrated_settings: Settings, world: World) -> AsyncIterator[str]:
    """A real ``readout serve`` on a free port, over the seeded database; its base URL."""
    async with serving(migrated_settings) as base:
        yield base


# The text of GraphiQL's variables editor (CodeMirror 5 keeps it on the editor's element).
VARIABLES_TEXT = "document.querySelector('.graphiql-editor-tool .CodeMirror').CodeMirror.getValue()"


async def test_explorer_runs_the_timeline_query(chromium: str, server: str, request: pytest.FixtureRequest) -> None:
    # The person in most events (ties: by name), found through the REST API.
    async with httpx.AsyncClient() as client:
        people = (await client.get(f"{server}/api/v1/actors", params={"kind": "person", "limit": 100})).json()
        ranked = [
            (-(await client.get(f"{server}/api/v1/actors/{p['id']}/events")).json()["totalCount"], p["name"], p["id"])
            for p in people["items"]
        ]
    busiest = min(ranked)[2]
    ARTIFACTS.mkdir(exist_ok=True)
    screenshot = ARTIFACTS / f"explorer-{request.node.callspec.id}.png"
    outside: list[str] = []
    refused: list[str] = []
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            page = await browser.new_page(viewport={"width": 1400, "height": 900})
            page.on("request", lambda sent: None if sent.url.startswith(server) else outside.append(sent.url))
            page.on("console", lambda message: refused.append(message.text) if POLICY in message.text else None)
            await page.goto(f"{server}/graphql")
            editor = page.locator(".graphiql-query-editor")
            await expect(editor).to_contain_text("query Timeline", timeout=15_000)
            # The explorer plugin is open beside the editors: the schema's root fields, as a tree, with
            # the Timeline query's arguments ticked.
            plugin = page.locator(".graphiql-plugin")
            await expect(plugin).to_contain_text("Explorer", timeout=15_000)
            await expect(plugin.get_by_role("textbox", name="Query Name")).to_have_value("Timeline")
            await expect(plugin).to_contain_text("after: $after")
            for root_field in ("actors", "events", "search", "venues"):
                await expect(plugin.get_by_text(root_field, exact=True).first).to_be_visible()
            # The variables name the actor in most events, as the knowledge base says.
            variables = page.locator(".graphiql-editor-tool .graphiql-editor").first
            await expect(variables).to_contain_text('"actor"')
            actor_id = json.loads(await page.evaluate(VARIABLES_TEXT))["actor"]
            await page.locator(".graphiql-execute-button").click()
            result = page.locator(".result-window")
            async with httpx.AsyncClient() as client:
                events = (await client.get(f"{server}/api/v1/actors/{actor_id}/events")).json()
            assert events["totalCount"] > 0
            await expect(result).to_contain_text(f'"totalCount": {events["totalCount"]}', timeout=15_000)
            await expect(result).to_contain_text(events["items"][0]["title"])
            await page.screenshot(path=screenshot)
        finally:
            await browser.close()
    assert actor_id == busiest
    assert screenshot.stat().st_size > 0
    assert outside == [], f"the explorer reached beyond the server: {outside}"
    assert refused == [], f"the page's policy refused: {refused}"


async def test_the_reference_page_shows_the_operations(
    chromium: str, server: str, request: pytest.FixtureRequest
) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    screenshot = ARTIFACTS / f"docs-{request.node.callspec.id}.png"
    outside: list[str] = []
    refused: list[str] = []
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            page = await browser.new_page(viewport={"width": 1400, "height": 900})
            page.on("request", lambda sent: None if sent.url.startswith(server) else outside.append(sent.url))
            page.on("console", lambda message: refused.append(message.text) if POLICY in message.text else None)
            await page.goto(f"{server}/docs")
            await expect(page.locator(".opblock-summary-description").first).to_be_visible(timeout=15_000)
            await expect(page.locator("#reference")).to_contain_text("List events")
            await page.screenshot(path=screenshot)
        finally:
            await browser.close()
    assert screenshot.stat().st_size > 0
    assert outside == [], f"the reference page reached beyond the server: {outside}"
    assert refused == [], f"the page's policy refused: {refused}"


async def test_try_it_out_starts_with_empty_parameters(
    chromium: str, server: str, request: pytest.FixtureRequest
) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    screenshot = ARTIFACTS / f"docs-try-it-out-{request.node.callspec.id}.png"
    refused: list[str] = []
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            page = await browser.new_page(viewport={"width": 1400, "height": 1400})
            page.on("console", lambda message: refused.append(message.text) if POLICY in message.text else None)
            await page.goto(f"{server}/docs#/events/listEvents")
            operation = page.locator("#operations-events-listEvents")
            await expect(operation.locator(".try-out__btn")).to_be_visible(timeout=15_000)
            await operation.locator(".try-out__btn").click()
            search = operation.locator('tr[data-param-name="q"] input')
            await expect(search).to_be_visible()
            assert await search.input_value() == ""
            assert await operation.locator('tr[data-param-name="If-None-Match"] input').input_value() == ""
            assert await operation.locator('tr[data-param-name="cursor"] input').input_value() == ""
            # The example is still shown, in the parameter's description.
            await expect(operation.locator('tr[data-param-name="q"]')).to_contain_text("Example: Blinken")
            await operation.locator(".execute").click()
            # The whole first page: no search, cursor or tag was sent.
            status = operation.locator(".live-responses-table tbody .response-col_status").first
            await expect(status).to_contain_text("200", timeout=15_000)
            await expect(operation.locator(".live-responses-table tbody")).to_contain_text('"totalCount": 7')
            await page.screenshot(path=screenshot, full_page=False)
        finally:
            await browser.close()
    assert screenshot.stat().st_size > 0
    assert refused == [], f"the page's policy refused: {refused}"


async def test_the_landing_page_links_everything(chromium: str, server: str, request: pytest.FixtureRequest) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    screenshot = ARTIFACTS / f"landing-{request.node.callspec.id}.png"
    outside: list[str] = []
    refused: list[str] = []
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            page = await browser.new_page(viewport={"width": 1000, "height": 900})
            page.on("request", lambda sent: None if sent.url.startswith(server) else outside.append(sent.url))
            page.on("console", lambda message: refused.append(message.text) if POLICY in message.text else None)
            answer = await page.goto(f"{server}/")
            assert answer is not None
            assert answer.status == 200
            await expect(page.locator("h1")).to_have_text("readout")
            await expect(page.locator("#holdings")).to_contain_text("events")
            links = page.locator("#links a")
            hrefs = [await links.nth(index).get_attribute("href") for index in range(await links.count())]
            assert set(hrefs) >= {"/graphql", "/docs", "/openapi.json", "/schema.graphql", "/healthz", "/metrics"}
            await page.screenshot(path=screenshot, full_page=True)
            async with httpx.AsyncClient() as client:
                for href in hrefs:
                    assert href is not None
                    status = (await client.get(f"{server}{href}", headers={"Accept": "text/html"})).status_code
                    assert status == 200, href
        finally:
            await browser.close()
    assert screenshot.stat().st_size > 0
    assert outside == [], f"the landing page reached beyond the server: {outside}"
    assert refused == [], f"the page's policy refused: {refused}"
