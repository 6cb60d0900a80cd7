"""A knowledge base export with its ids aside: every reference replaced by what it names (an article by
its source, an actor by name and kind, a venue by name, kind and country, an event by what it is), and
every list sorted, so two loads of the same articles compare equal whatever ids they handed out."""

from __future__ import annotations

import json
from typing import Any

__all__ = ["canonical"]


def _key(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def canonical(export: dict[str, list[dict[str, Any]]]) -> dict[str, list[str]]:
    """``export`` (``readout export``) with ids replaced by natural keys, each section sorted."""
    names: dict[str, Any] = {}
    for article in export["articles"]:
        names[article["id"]] = article["source_path"]
    for topic in export["topics"]:
        names[topic["id"]] = topic["slug"]
    for actor in export["actors"]:
        names[actor["id"]] = [actor["name"], actor["kind"], actor["country"]]
    venues = {venue["id"]: venue for venue in export["venues"]}

    def venue_name(venue_id: str | None) -> Any:
        if venue_id is None:
            return None
        venue = venues[venue_id]
        return [venue["name"], venue["kind"], venue["country"], venue["city"], venue_name(venue["parent"])]

    def refer(section: dict[str, Any]) -> dict[str, Any]:
        plain = {key: value for key, value in section.items() if key != "id"}
        for key in ("topics", "articles"):
            if key in plain:
                plain[key] = sorted(_key(names[ref]) for ref in plain[key])
        return plain

    events = {event["id"]: event for event in export["events"]}

    def event_name(event_id: str) -> dict[str, Any]:
        event = refer(events[event_id])
        event["venue"] = venue_name(event["venue"])
        event["parent"] = event_name(event["parent"]) if event["parent"] else None
        event["participants"] = sorted(_key([names[p["actor"]], p["role"]]) for p in event["participants"])
        event["sources"] = sorted(_key({**s, "article": names[s["article"]]}) for s in event["sources"])
        return event

    return {
        "articles": sorted(_key(refer(article)) for article in export["articles"]),
        "actors": sorted(_key(refer(actor)) for actor in export["actors"]),
        "venues": sorted(_key(venue_name(venue_id)) for venue_id in venues),
        "topics": sorted(_key(refer(topic)) for topic in export["topics"]),
        "events": sorted(_key(event_name(event_id)) for event_id in events),
    }
