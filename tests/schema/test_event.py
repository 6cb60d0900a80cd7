"""The ``events`` and ``event`` entry points: the Timeline query of the issue as written, each filter
and each ordering, on SQLite and Postgres."""

from __future__ import annotations

from typing import Any

import pytest

from api.explorer import TIMELINE_QUERY
from tests.schema.conftest import Run, gid
from tests.schema.world import World

TITLES = """query($filter: EventFilterInput, $order: EventOrder) {
  events(filter: $filter, orderBy: $order) { totalCount nodes { title } }
}"""


async def titles(run: Run, filter: dict[str, Any] | None = None, order: dict[str, str] | None = None) -> list[str]:
    response = await run(TITLES, filter=filter, order=order)
    assert "errors" not in response, response
    connection = response["data"]["events"]
    assert connection["totalCount"] == len(connection["nodes"])
    return [node["title"] for node in connection["nodes"]]


async def test_timeline_query_as_written(run: Run, world: World) -> None:
    response = await run(
        TIMELINE_QUERY, actor=gid("Actor", world.actors["blinken"]), **{"from": "2023-06", "to": "2023-06"}
    )
    assert "errors" not in response, response
    events = response["data"]["events"]
    assert events["totalCount"] == 3
    assert events["pageInfo"] == {"hasNextPage": False, "endCursor": events["edges"][-1]["cursor"]}
    visit, meet_wang, meet_xi = (edge["node"] for edge in events["edges"])
    assert visit == {
        "id": gid("Event", world.events["visit"]),
        "kind": "VISIT",
        "title": "Blinken visits China",
        "start": "2023-06-18",
        "end": "2023-06-19",
        "datePrecision": "DAY",
        "status": "OCCURRED",
        "confidence": 0.9,
        "venue": {
            "id": gid("Venue", world.venues["beijing"]),
            "name": "Beijing",
            "kind": "CITY",
            "city": "Beijing",
            "country": "CN",
            "latitude": 39.9042,
            "longitude": 116.4074,
            "parent": {"name": "China"},
        },
        "participants": [
            {
                "role": "traveller",
                "actor": {
                    "id": gid("Actor", world.actors["blinken"]),
                    "name": "Antony Blinken",
                    "kind": "PERSON",
                    "country": "US",
                },
            }
        ],
        "topics": [{"slug": "taiwan", "label": "Taiwan"}],
        "parent": None,
        "children": [
            {"id": gid("Event", world.events["meet_wang"]), "title": "Blinken meets Wang Yi", "start": "2023-06-18"},
            {"id": gid("Event", world.events["meet_xi"]), "title": "Blinken meets Xi Jinping", "start": "2023-06-19"},
        ],
        "sources": [],
    }
    assert meet_wang["parent"] == {"id": visit["id"], "title": "Blinken visits China"}
    assert meet_wang["venue"]["parent"] == {"name": "Beijing"}
    assert [p["actor"]["name"] for p in meet_wang["participants"]] == ["Antony Blinken", "Wang Yi"]
    assert [t["slug"] for t in meet_wang["topics"]] == ["taiwan", "trade"]
    assert meet_wang["sources"] == [
        {
            "quote": "Blinken met Wang Yi at the Great Hall.",
            "article": {
                "id": gid("Article", world.articles["beijing"]),
                "title": "Blinken arrives in Beijing",
                "outlet": "Wire",
                "published": "2023-06-18",
                "sourcePath": "tests/blinken-arrives-in-beijing.txt",
            },
        }
    ]
    assert meet_xi["title"] == "Blinken meets Xi Jinping"


async def test_timeline_without_variables_lists_every_event_undated_last(run: Run, world: World) -> None:
    response = await run(TIMELINE_QUERY)
    nodes = [edge["node"] for edge in response["data"]["events"]["edges"]]
    assert [node["title"] for node in nodes] == [
        "Biden and Xi speak by phone",
        "Blinken visits China",
        "Blinken meets Wang Yi",
        "Blinken meets Xi Jinping",
        "Yellen visits Beijing",
        "Biden-Xi summit",
        "Wang and Blinken to meet again",
    ]
    assert [(node["start"], node["datePrecision"]) for node in nodes if node["kind"] != "MEETING"][:3] == [
        ("2023", "YEAR"),
        ("2023-06-18", "DAY"),
        ("2023-07", "MONTH"),
    ]
    assert nodes[-1]["start"] is None
    assert nodes[-1]["datePrecision"] is None


@pytest.mark.parametrize(
    ("bounds", "expected"),
    [
        # July 15–20 falls inside "July 2023" and inside "2023".
        ({"from": "2023-07-15", "to": "2023-07-20"}, ["Biden and Xi speak by phone", "Yellen visits Beijing"]),
        # A visit that ends on the 19th overlaps a range that starts then.
        (
            {"from": "2023-06-19", "to": "2023-06-19"},
            ["Biden and Xi speak by phone", "Blinken visits China", "Blinken meets Xi Jinping"],
        ),
        ({"from": "2023-08"}, ["Biden and Xi speak by phone", "Biden-Xi summit"]),
        ({"to": "2022"}, []),
        ({"from": "2024"}, []),
    ],
)
async def test_date_range_overlaps_at_each_events_precision(
    run: Run, world: World, bounds: dict[str, str], expected: list[str]
) -> None:
    assert await titles(run, bounds) == expected


async def test_filters(run: Run, world: World) -> None:
    blinken, xi = gid("Actor", world.actors["blinken"]), gid("Actor", world.actors["xi"])
    assert await titles(run, {"actors": [blinken, xi]}) == ["Blinken meets Xi Jinping", "Biden-Xi summit"]
    assert await titles(run, {"venues": [gid("Venue", world.venues["beijing"])]}) == [
        "Blinken visits China",
        "Blinken meets Wang Yi",
        "Blinken meets Xi Jinping",
        "Yellen visits Beijing",
    ]
    assert await titles(run, {"venues": [gid("Venue", world.venues["great_hall"])]}) == [
        "Blinken meets Wang Yi",
        "Blinken meets Xi Jinping",
    ]
    assert await titles(run, {"countries": ["us"]}) == ["Biden-Xi summit"]
    assert await titles(run, {"topics": [gid("Topic", world.topics["trade"])]}) == [
        "Blinken meets Wang Yi",
        "Yellen visits Beijing",
    ]
    assert await titles(run, {"kinds": ["CALL", "SUMMIT"]}) == ["Biden and Xi speak by phone", "Biden-Xi summit"]
    assert await titles(run, {"statuses": ["EXPECTED"]}) == ["Wang and Blinken to meet again"]
    assert await titles(run, {"minConfidence": 0.8}) == [
        "Blinken visits China",
        "Blinken meets Wang Yi",
        "Blinken meets Xi Jinping",
    ]
    # Text matches titles and supporting quotes alike, ignoring case.
    assert await titles(run, {"text": "PHONE"}) == ["Biden and Xi speak by phone"]
    assert await titles(run, {"text": "treasury"}) == ["Yellen visits Beijing"]
    assert await titles(run, {"actors": [blinken], "kinds": ["MEETING"], "from": "2023-06-19"}) == [
        "Blinken meets Xi Jinping"
    ]


async def test_orderings(run: Run, world: World) -> None:
    by_confidence = await titles(run, order={"field": "CONFIDENCE", "direction": "DESC"})
    assert by_confidence[:2] == ["Blinken visits China", "Blinken meets Wang Yi"]
    assert by_confidence[-1] == "Wang and Blinken to meet again"
    assert await titles(run, {"kinds": ["VISIT", "CALL"]}, {"field": "TITLE", "direction": "ASC"}) == [
        "Biden and Xi speak by phone",
        "Blinken visits China",
        "Yellen visits Beijing",
    ]
    # Undated events come last whichever way dates run.
    newest_first = await titles(run, order={"field": "START", "direction": "DESC"})
    assert newest_first[0] == "Biden-Xi summit"
    assert newest_first[-2:] == ["Biden and Xi speak by phone", "Wang and Blinken to meet again"]


async def test_event_by_id(run: Run, world: World) -> None:
    query = "query($id: ID!) { event(id: $id) { title venue { name } parent { title } } }"
    response = await run(query, id=gid("Event", world.events["meet_xi"]))
    assert response["data"]["event"] == {
        "title": "Blinken meets Xi Jinping",
        "venue": {"name": "Great Hall of the People"},
        "parent": {"title": "Blinken visits China"},
    }
    assert (await run(query, id=gid("Event", 999_999)))["data"]["event"] is None
    refused = await run(query, id=gid("Actor", world.actors["xi"]))
    assert refused["errors"] == [f"ID {gid('Actor', world.actors['xi'])!r} names a Actor, not a Event"]


async def test_bad_filter_values_are_refused_with_the_reason(run: Run, world: World) -> None:
    response = await run(TITLES, filter={"from": "June 2023"})
    assert len(response["errors"]) == 1
    assert "not a Date" in response["errors"][0]
    response = await run(TITLES, filter={"actors": ["not-an-id"]})
    assert response["errors"] == ["not a valid ID: 'not-an-id'"]
