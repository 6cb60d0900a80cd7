"""Every entry point besides ``events``: actors, actor (aliases, positions, events, counterparts),
venues (events at a venue and the places inside it), topics (event counts), articles (the events
each supports), search and node/nodes."""

from __future__ import annotations

from tests.schema.conftest import Run, gid
from tests.schema.world import World


async def test_actors_filter_by_search_kind_and_country(run: Run, world: World) -> None:
    query = "query($filter: ActorFilterInput) { actors(filter: $filter) { totalCount nodes { name } } }"
    names = lambda response: [node["name"] for node in response["data"]["actors"]["nodes"]]  # noqa: E731
    assert names(await run(query, filter={"search": "tony"})) == ["Antony Blinken"]
    assert names(await run(query, filter={"kinds": ["COUNTRY"]})) == ["China"]
    assert names(await run(query, filter={"countries": ["CN"], "kinds": ["PERSON"]})) == ["Wang Yi", "Xi Jinping"]
    everyone = await run(query)
    assert everyone["data"]["actors"]["totalCount"] == 6
    assert names(everyone)[0] == "Antony Blinken"


async def test_actor_with_aliases_positions_events_and_counterparts(run: Run, world: World) -> None:
    query = """query($id: ID!) { actor(id: $id) {
      name aliases positions { title country start end }
      events(filter: {kinds: [MEETING]}) { totalCount nodes { title } }
      counterparts { eventCount actor { name } }
      top: counterparts(first: 1) { actor { name } }
    } }"""
    actor = (await run(query, id=gid("Actor", world.actors["blinken"])))["data"]["actor"]
    assert actor["aliases"] == ["Tony Blinken"]
    assert actor["positions"] == [
        {"title": "Secretary of State", "country": "US", "start": "2021-01-26", "end": "2025-01-20"}
    ]
    assert [node["title"] for node in actor["events"]["nodes"]] == [
        "Blinken meets Wang Yi",
        "Blinken meets Xi Jinping",
        "Wang and Blinken to meet again",
    ]
    # Wang: meeting + expected meeting; Xi: meeting + summit; Biden: summit. Ties by actor id.
    assert actor["counterparts"] == [
        {"eventCount": 2, "actor": {"name": "Wang Yi"}},
        {"eventCount": 2, "actor": {"name": "Xi Jinping"}},
        {"eventCount": 1, "actor": {"name": "Joe Biden"}},
    ]
    assert actor["top"] == [{"actor": {"name": "Wang Yi"}}]


async def test_venues_with_events_at_the_venue_and_inside_it(run: Run, world: World) -> None:
    query = """query($filter: VenueFilterInput) { venues(filter: $filter) { nodes {
      name kind parent { name } children { name }
      events { totalCount nodes { title } }
      june: events(filter: {to: "2023-06"}) { nodes { title } }
    } } }"""
    venues = (await run(query, filter={"countries": ["CN"], "kinds": ["CITY"]}))["data"]["venues"]["nodes"]
    assert venues == [
        {
            "name": "Beijing",
            "kind": "CITY",
            "parent": {"name": "China"},
            "children": [{"name": "Great Hall of the People"}],
            "events": {
                "totalCount": 4,
                "nodes": [
                    {"title": "Blinken visits China"},
                    {"title": "Blinken meets Wang Yi"},
                    {"title": "Blinken meets Xi Jinping"},
                    {"title": "Yellen visits Beijing"},
                ],
            },
            "june": {
                "nodes": [
                    {"title": "Blinken visits China"},
                    {"title": "Blinken meets Wang Yi"},
                    {"title": "Blinken meets Xi Jinping"},
                ]
            },
        }
    ]
    everywhere = await run("{ venues { totalCount nodes { name } } }")
    assert everywhere["data"]["venues"]["totalCount"] == 5


async def test_topics_with_event_counts(run: Run, world: World) -> None:
    response = await run("{ topics { totalCount nodes { slug label eventCount events { nodes { title } } } } }")
    topics = response["data"]["topics"]["nodes"]
    assert [(t["slug"], t["eventCount"]) for t in topics] == [("climate", 1), ("taiwan", 2), ("trade", 2)]
    assert [e["title"] for e in topics[2]["events"]["nodes"]] == ["Blinken meets Wang Yi", "Yellen visits Beijing"]


async def test_articles_by_outlet_and_published_range_with_the_events_they_support(run: Run, world: World) -> None:
    query = """query($filter: ArticleFilterInput) { articles(filter: $filter) {
      totalCount nodes { id title outlet published authors events { title } }
    } }"""
    response = await run(query, filter={"outlets": ["Wire"], "publishedFrom": "2023-06", "publishedTo": "2023-06"})
    assert response["data"]["articles"] == {
        "totalCount": 1,
        "nodes": [
            {
                "id": gid("Article", world.articles["beijing"]),
                "title": "Blinken arrives in Beijing",
                "outlet": "Wire",
                "published": "2023-06-18",
                "authors": ["A. Writer"],
                "events": [{"title": "Blinken meets Wang Yi"}, {"title": "Blinken meets Xi Jinping"}],
            }
        ],
    }
    newest_first = await run("{ articles { nodes { title } } }")
    assert [n["title"] for n in newest_first["data"]["articles"]["nodes"]] == [
        "Leaders talk",
        "Yellen in Beijing",
        "Blinken arrives in Beijing",
    ]


SEARCH = """query($q: String!) { search(query: $q) {
  __typename
  ... on Event { title } ... on Actor { name } ... on Venue { name } ... on Article { title }
} }"""


def labels(response: dict) -> list[tuple[str, str]]:
    assert "errors" not in response, response
    return [(hit["__typename"], hit.get("title") or hit.get("name")) for hit in response["data"]["search"]]


async def test_search_ranks_events_actors_venues_and_articles(run: Run, world: World) -> None:
    # Venue "Beijing": name 3 + exact 5. Titles with the word: 3 each (events before articles).
    # The Great Hall's city, Blinken's and Yellen's article bodies and Yellen's quote: 1 each.
    assert labels(await run(SEARCH, q="beijing")) == [
        ("Venue", "Beijing"),
        ("Event", "Yellen visits Beijing"),
        ("Article", "Blinken arrives in Beijing"),
        ("Article", "Yellen in Beijing"),
        ("Venue", "Great Hall of the People"),
    ]
    # Two words in the name and the whole name: 3 + 3 + 5; the alias-only actor match counts less.
    hits = labels(await run(SEARCH, q="Antony Blinken"))
    assert hits[0] == ("Actor", "Antony Blinken")
    assert ("Event", "Blinken visits China") in hits
    assert labels(await run(SEARCH, q="   ")) == []
    assert (await run('{ search(query: "x", first: 101) { __typename } }'))["errors"] == [
        "first must be between 0 and 100, not 101"
    ]


async def test_node_and_nodes_fetch_any_object_by_id(run: Run, world: World) -> None:
    query = """query($ids: [ID!]!) { nodes(ids: $ids) { __typename id
      ... on Event { title } ... on Actor { name } ... on Venue { name } ... on Topic { slug }
      ... on Article { headline: title }
    } }"""
    ids = [
        gid("Event", world.events["call"]),
        gid("Actor", world.actors["xi"]),
        gid("Venue", world.venues["washington"]),
        gid("Topic", world.topics["climate"]),
        gid("Article", world.articles["yellen"]),
        gid("Event", 999_999),
    ]
    nodes = (await run(query, ids=ids))["data"]["nodes"]
    assert nodes == [
        {"__typename": "Event", "id": ids[0], "title": "Biden and Xi speak by phone"},
        {"__typename": "Actor", "id": ids[1], "name": "Xi Jinping"},
        {"__typename": "Venue", "id": ids[2], "name": "Washington"},
        {"__typename": "Topic", "id": ids[3], "slug": "climate"},
        {"__typename": "Article", "id": ids[4], "headline": "Yellen in Beijing"},
        None,
    ]
    single = await run("query($id: ID!) { node(id: $id) { id } }", id=ids[1])
    assert single["data"]["node"] == {"id": ids[1]}
    assert (await run('{ node(id: "bm9wZTox") { id } }'))["errors"] == ["not a valid ID: 'bm9wZTox'"]
