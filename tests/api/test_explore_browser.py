"""The explorer (``/explore``) in a real headless Chromium (Debian's, driven by playwright) against a
real ``readout serve`` over the seeds, on SQLite and on Postgres: the map holds one marker per event the
API places (``located: true``) for the same filters, the timeline one bar per dated event; a filter
change redraws both and writes the URL; brushing the timeline sets the date range; an event's panel
shows each source with its quote marked in the article's text; the actor page fits a phone. Nothing is
fetched beyond the server and the page's policy refuses nothing. Screenshots at 1,280 px and at phone
size are left in test-artifacts/."""

from __future__ import annotations

import asyncio
import re
import uuid
from collections.abc import AsyncIterator, Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from playwright.async_api import Browser, Page, async_playwright, expect

from api.static import missing_assets
from db import migrations
from db.settings import Settings
from tests.api.seeds import load_seeds
from tests.conftest import POSTGRES_URL, run_on_postgres
from tests.schema.test_explorer_browser import ARTIFACTS, CHROMIUM_ARGS, POLICY, find_chromium
from tests.serving import serving

COUNT = "query($filter: EventFilterInput) { events(filter: $filter) { totalCount } }"
DATED = """query($filter: EventFilterInput, $after: String) {
  events(filter: $filter, first: 100, after: $after) { pageInfo { hasNextPage endCursor } nodes { start } }
}"""
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(
    scope="module",
    params=[
        pytest.param("sqlite", marks=pytest.mark.sqlite),
        pytest.param("postgres", marks=pytest.mark.postgres),
    ],
)
def seeded(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Settings]:
    """A migrated database of each backend holding the five seeds, shared by the module."""
    if request.param == "sqlite":
        path = tmp_path_factory.mktemp("explore") / "readout.db"
        settings = Settings(database_url=f"sqlite+aiosqlite:///{path}")
        migrations.upgrade(settings)
        asyncio.run(load_seeds(settings))
        yield settings
        return
    request.getfixturevalue("postgres_available")
    schema = f"test_{uuid.uuid4().hex[:16]}"
    asyncio.run(run_on_postgres(f'CREATE SCHEMA "{schema}"'))
    try:
        settings = Settings(database_url=POSTGRES_URL, database_schema=schema)
        migrations.upgrade(settings)
        asyncio.run(load_seeds(settings))
        yield settings
    finally:
        asyncio.run(run_on_postgres(f'DROP SCHEMA "{schema}" CASCADE'))


@pytest.fixture
def chromium() -> str:
    found = find_chromium()
    if found is None:
        pytest.fail("no Chromium found (apt-get install chromium, or set READOUT_CHROMIUM)")
    if missing_assets(pages=("Explore",)):
        pytest.fail("the explorer is not built into api/static/explore: run `make` (npm ci and esbuild)")
    return found


@pytest.fixture
async def server(seeded: Settings) -> AsyncIterator[str]:
    """A real ``readout serve`` on a free port over the seeded database; its base URL."""
    async with serving(seeded) as base:
        yield base


async def graphql(server: str, query: str, **variables: Any) -> dict[str, Any]:
    async with httpx.AsyncClient() as client:
        answer = (await client.post(f"{server}/graphql", json={"query": query, "variables": variables})).json()
    assert "errors" not in answer, answer
    data: dict[str, Any] = answer["data"]
    return data


async def located(server: str, **criteria: Any) -> int:
    """How many events the API places on a map for ``criteria``."""
    return int((await graphql(server, COUNT, filter={**criteria, "located": True}))["events"]["totalCount"])


async def dated(server: str, **criteria: Any) -> int:
    """How many events of ``criteria`` have a date (the timeline draws those), page by page."""
    count, after = 0, None
    while True:
        page = (await graphql(server, DATED, filter=criteria, after=after))["events"]
        count += sum(node["start"] is not None for node in page["nodes"])
        if not page["pageInfo"]["hasNextPage"]:
            return count
        after = page["pageInfo"]["endCursor"]


class Watch:
    """What a page asked beyond the server and what its policy refused."""

    def __init__(self, page: Page, server: str) -> None:
        self.outside: list[str] = []
        self.refused: list[str] = []
        page.on("request", lambda sent: None if sent.url.startswith(server) else self.outside.append(sent.url))
        page.on("console", lambda message: self.refused.append(message.text) if POLICY in message.text else None)

    def check(self) -> None:
        assert self.outside == [], f"the explorer reached beyond the server: {self.outside}"
        assert self.refused == [], f"the page's policy refused: {self.refused}"


@pytest.fixture
async def browser(chromium: str) -> AsyncIterator[Browser]:
    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            await launched.close()


async def settled(page: Page) -> None:
    """Wait until the page has drawn its view (it marks the body busy while it loads)."""
    await expect(page.locator("body[data-mapped]:not([aria-busy])")).to_have_count(1, timeout=15_000)


async def test_the_seeds_on_the_map_and_the_timeline(
    browser: Browser, server: str, request: pytest.FixtureRequest
) -> None:
    page = await browser.new_page(viewport=DESKTOP)
    watch = Watch(page, server)
    await page.goto(f"{server}/")
    await page.get_by_role("link", name="Explore").click()
    await settled(page)
    markers = await located(server)
    assert markers > 0
    await expect(page.locator(".event-marker")).to_have_count(markers)
    # The same events the GeoJSON export places.
    async with httpx.AsyncClient() as client:
        exported = (await client.get(f"{server}/api/v1/events.geojson")).json()
    assert len(exported["features"]) == markers
    await expect(page.locator(".timeline-event")).to_have_count(await dated(server))
    await expect(page.locator(".leaflet-overlay-pane path.country").first).to_be_attached()
    ARTIFACTS.mkdir(exist_ok=True)
    await page.screenshot(path=ARTIFACTS / f"explore-1280-{request.node.callspec.id}.png")
    watch.check()


async def test_a_filter_change_redraws_map_and_timeline_and_writes_the_url(browser: Browser, server: str) -> None:
    page = await browser.new_page(viewport=DESKTOP)
    watch = Watch(page, server)
    await page.goto(f"{server}/explore")
    await settled(page)
    everything = await page.locator(".event-marker").count()
    await page.get_by_role("checkbox", name="meeting", exact=True).check()
    await expect(page).to_have_url(f"{server}/explore?kind=MEETING")
    await settled(page)
    meetings = await located(server, kinds=["MEETING"])
    assert 0 < meetings < everything
    await expect(page.locator(".event-marker")).to_have_count(meetings)
    await expect(page.locator(".event-marker:not(.kind-MEETING)")).to_have_count(0)
    await expect(page.locator(".timeline-event")).to_have_count(await dated(server, kinds=["MEETING"]))
    await expect(page.locator(".timeline-event:not(.kind-MEETING)")).to_have_count(0)

    # Brushing the left half of the timeline: the URL holds the range, the map what the API gives for it.
    timeline = page.locator(".timeline-svg")
    box = await timeline.bounding_box()
    assert box is not None
    await page.mouse.move(box["x"] + 2, box["y"] + box["height"] - 3)
    await page.mouse.down()
    await page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] - 3, steps=5)
    await page.mouse.up()
    await expect(page).to_have_url(re.compile(r"\?kind=MEETING&from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}$"))
    await settled(page)
    chosen = parse_qs(urlsplit(page.url).query)
    brushed = {"kinds": ["MEETING"], "from": chosen["from"][0], "to": chosen["to"][0]}
    assert await located(server, **brushed) < meetings
    await expect(page.locator(".event-marker")).to_have_count(await located(server, **brushed))
    await expect(page.locator(".timeline-event:not(.outside)")).to_have_count(await dated(server, **brushed))
    await expect(page.get_by_label("From", exact=True)).to_have_value(brushed["from"])

    # The same from the keyboard: the range's inputs, then back through the browser's history.
    await page.get_by_label("To", exact=True).fill("2099-12-31")
    await expect(page).to_have_url(re.compile(r"&to=2099-12-31$"))
    await settled(page)
    widened = {**brushed, "to": "2099-12-31"}
    await expect(page.locator(".event-marker")).to_have_count(await located(server, **widened))
    await page.go_back()
    await expect(page.get_by_label("To", exact=True)).to_have_value(brushed["to"])
    await expect(page.locator(".event-marker")).to_have_count(await located(server, **brushed))
    watch.check()


SOURCES = """{ events(first: 100, filter: {located: true}) { nodes { id title sources {
  quote article { id title } } } } }"""
ACTOR = """query($id: ID!) { actor(id: $id) { name positions { title } counterparts { actor { name } } } }"""
BUSIEST = """{ actors(first: 100) { nodes { id name events { totalCount } } } }"""


async def test_an_event_panel_shows_its_sources(browser: Browser, server: str, request: pytest.FixtureRequest) -> None:
    nodes = (await graphql(server, SOURCES))["events"]["nodes"]
    # The placed event with the most quotes, so that the marker's popup leads to it.
    event = max(nodes, key=lambda node: (len(node["sources"]), node["id"]))
    assert event["sources"]
    page = await browser.new_page(viewport=DESKTOP)
    watch = Watch(page, server)
    await page.goto(f"{server}/explore")
    await settled(page)
    # From the marker of its venue, by its popup's list.
    marker = page.locator(".venue-cluster", has=page.locator(f'[data-event="{event["id"]}"]'))
    await marker.click()
    await page.locator(".leaflet-popup").get_by_role("button", name=event["title"], exact=True).first.click()
    await expect(page).to_have_url(f"{server}/explore?event={event['id']}")
    panel = page.locator("#panel")
    await expect(panel.locator("h2")).to_have_text(event["title"])
    await expect(panel.locator("h3", has_text="Sources")).to_have_text(f"Sources ({len(event['sources'])})")
    articles = {source["article"]["id"] for source in event["sources"]}
    await expect(panel.locator(".source")).to_have_count(len(articles))
    await expect(panel.locator("blockquote.quote")).to_have_count(len(event["sources"]))
    # Each quote is marked in its article's text, at its offsets.
    for details in await panel.locator(".source details").all():
        await details.locator("summary").click()
    marks = await panel.locator(".article-text mark").all_text_contents()
    assert sorted(marks) == sorted(source["quote"] for source in event["sources"])
    for participant in await panel.locator("h3:has-text('Participants') + ul li").all():
        await expect(participant.get_by_role("link")).to_be_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    await panel.evaluate("element => element.scrollTo(0, 0)")
    await page.screenshot(path=ARTIFACTS / f"explore-event-1280-{request.node.callspec.id}.png")
    watch.check()


async def test_an_actor_page_at_phone_width(browser: Browser, server: str, request: pytest.FixtureRequest) -> None:
    actors = (await graphql(server, BUSIEST))["actors"]["nodes"]
    busiest = max(actors, key=lambda actor: (actor["events"]["totalCount"], actor["name"]))
    actor = (await graphql(server, ACTOR, id=busiest["id"]))["actor"]
    page = await browser.new_page(viewport=PHONE)
    watch = Watch(page, server)
    await page.goto(f"{server}/explore?actor={busiest['id']}")
    await settled(page)
    panel = page.locator("#panel")
    await expect(panel.locator("h2")).to_have_text(actor["name"])
    await expect(panel.locator(".positions li")).to_have_count(len(actor["positions"]))
    await expect(panel.locator("h3:has-text('Met most often') + ol li")).to_have_count(len(actor["counterparts"]))
    await expect(page.locator(".event-marker")).to_have_count(await located(server, actors=[busiest["id"]]))
    await expect(page.locator(".timeline-event")).to_have_count(await dated(server, actors=[busiest["id"]]))
    await expect(page.get_by_label("Actor", exact=True)).to_have_value(busiest["id"])
    # Nothing wider than the phone: the page scrolls down, never sideways.
    assert await page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    # A counterpart's name leads to its own page.
    if actor["counterparts"]:
        other = actor["counterparts"][0]["actor"]["name"]
        await panel.get_by_role("link", name=other, exact=True).click()
        await expect(panel.locator("h2")).to_have_text(other)
        await expect(page).not_to_have_url(re.compile(busiest["id"]))
        await page.go_back()
        await expect(panel.locator("h2")).to_have_text(actor["name"])
    ARTIFACTS.mkdir(exist_ok=True)
    await page.screenshot(path=ARTIFACTS / f"explore-phone-{request.node.callspec.id}.png", full_page=True)
    watch.check()


async def test_the_keyboard_reaches_markers_bars_and_the_panel(browser: Browser, server: str) -> None:
    page = await browser.new_page(viewport=DESKTOP)
    await page.goto(f"{server}/explore")
    await settled(page)
    # A timeline bar: focused and opened with Enter; the panel's title takes the focus.
    bar = page.locator(".timeline-event").first
    event_id = await bar.get_attribute("data-event")
    await bar.focus()
    await page.keyboard.press("Enter")
    await expect(page).to_have_url(f"{server}/explore?event={event_id}")
    await expect(page.locator("#panel-title")).to_be_focused()
    # A marker: Enter opens its list, which takes the focus.
    marker = page.locator(".venue-cluster").first
    await marker.focus()
    await page.keyboard.press("Enter")
    popup = page.locator(".leaflet-popup")
    await expect(popup).to_be_visible()
    first = popup.get_by_role("button").first
    await expect(first).to_be_focused()
    await page.keyboard.press("Enter")
    await expect(page.locator("#panel-title")).to_have_text((await first.text_content()) or "")
    # Every control of the filters has a label.
    for control in await page.locator("#filters select, #filters input").all():
        assert await control.evaluate("element => element.labels.length") > 0
