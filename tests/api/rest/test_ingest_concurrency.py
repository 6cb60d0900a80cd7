"""Ten reports of one meeting posted at once make one event with ten sources: each article's transaction
takes the writers' lock before it matches (without it, Postgres answered 500 to racing requests)."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx

from api.app import create_app
from db.services.export import export_knowledge_base
from db.session import create_engine, create_session_factory
from db.settings import Settings

TOKEN = "s3cret-token-for-tests"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
OPENINGS = [
    "Chinese Foreign Minister Wang Yi met U.S. Secretary of State Antony Blinken in Beijing on Monday.",
    "Antony Blinken held talks with Wang Yi in Beijing on Monday, officials said.",
    "Wang Yi and Antony Blinken met in Beijing on Monday for talks on trade and Taiwan.",
    "U.S. Secretary of State Antony Blinken met China's top diplomat Wang Yi in Beijing on Monday.",
    "In Beijing on Monday, Wang Yi met Antony Blinken, the State Department said.",
    "Antony Blinken met Wang Yi in Beijing on Monday, the Chinese foreign ministry said.",
    "Wang Yi held talks with Antony Blinken in Beijing on Monday, state media reported.",
    "Antony Blinken and Wang Yi met in Beijing on Monday, a U.S. official said.",
    "Wang Yi received Antony Blinken in Beijing on Monday, according to a statement.",
    "On Monday in Beijing, Antony Blinken held talks with Wang Yi, diplomats said.",
]
CLOSING = "The two sides described the talks as candid and constructive, and agreed to keep channels open."


def reports() -> list[dict[str, str]]:
    return [
        {
            "text": f"{opening}\n\n{CLOSING} Report {number}.",
            "published": "2023-06-19",
            "url": f"https://example.com/{number}",
        }
        for number, opening in enumerate(OPENINGS)
    ]


async def post_all(settings: Settings) -> list[dict[str, Any]]:
    """Post every report at once; the events stored after."""
    changes = {"ingest_token": TOKEN, "rate_limit_enabled": False}
    app = create_app(Settings.model_validate({**settings.model_dump(), **changes}))
    transport = httpx.ASGITransport(app=app)
    async with app.router.lifespan_context(app), httpx.AsyncClient(transport=transport, base_url="http://t") as client:
        answers = await asyncio.gather(
            *(client.post("/api/v1/articles", json=report, headers=AUTH) for report in reports())
        )
    assert [answer.status_code for answer in answers] == [201] * len(OPENINGS), [a.text for a in answers]
    engine = create_engine(settings)
    try:
        async with create_session_factory(engine)() as session:
            return (await export_knowledge_base(session))["events"]
    finally:
        await engine.dispose()


async def test_ten_reports_of_one_meeting_posted_at_once_make_one_event(migrated_settings: Settings) -> None:
    events = await post_all(migrated_settings)
    meetings = [event for event in events if event["kind"] == "meeting"]
    assert len(meetings) == 1, [event["title"] for event in events]
    assert len({source["article"] for source in meetings[0]["sources"]}) == len(OPENINGS)
