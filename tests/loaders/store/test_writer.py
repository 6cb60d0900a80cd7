"""Storing an article's extraction: candidates become events, merged across reports, with evidence.

Candidates are built by hand, so these tests exercise the store stage alone (no spaCy), on SQLite
and on Postgres. The facts are those of 2023: the Wang Yi–Jake Sullivan channel (Vienna in May, Malta in
September), Wang's visit to Washington in October and the Biden–Xi meeting near San Francisco.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Article, Evidence, Mention, Topic
from db.services import articles, topics
from db.services.export import export_knowledge_base
from loaders.dating import DateRange
from loaders.extract import ArticleExtraction, EventCandidate
from loaders.kb import Gazetteer, Place
from loaders.resolve import ActorMention, ResolvedActor
from loaders.store import StoreCache, StoreLimits, StoreReport, may_share_a_day, store_extraction

WANG = ResolvedActor(slug="wang-yi", kind="person", name="Wang Yi", country="CN")
SULLIVAN = ResolvedActor(slug="jake-sullivan", kind="person", name="Jake Sullivan", country="US")
BLINKEN = ResolvedActor(slug="antony-blinken", kind="person", name="Antony Blinken", country="US")
QIN = ResolvedActor(slug="qin-gang", kind="person", name="Qin Gang", country="CN")
BIDEN = ResolvedActor(slug="joe-biden", kind="person", name="Joe Biden", country="US")
XI = ResolvedActor(slug="xi-jinping", kind="person", name="Xi Jinping", country="CN")

MAY_11 = (date(2023, 5, 11), "day", date(2023, 5, 11), "day")
OCT_26 = (date(2023, 10, 26), "day", date(2023, 10, 26), "day")
OCT_27 = (date(2023, 10, 27), "day", date(2023, 10, 27), "day")
OCT_26_TO_28 = (date(2023, 10, 26), "day", date(2023, 10, 28), "day")


class Story:
    """An article's text built from sentences, so each candidate quotes its sentence at the right offset."""

    def __init__(self, *sentences: str) -> None:
        self.text = " ".join(sentences)
        self.starts = {sentence: self.text.index(sentence) for sentence in sentences}

    def candidate(
        self,
        sentence: str,
        *,
        kind: str = "meeting",
        people: tuple[ResolvedActor, ...] = (WANG, SULLIVAN),
        venue: str | None = None,
        dates: DateRange | None = None,
        status: str = "occurred",
        topic_phrases: dict[str, list[str]] | None = None,
    ) -> EventCandidate:
        role = "traveller" if kind == "visit" else "participant"
        start = self.starts[sentence]
        return EventCandidate(
            kind=kind,
            status=status,
            participants={actor.slug: (actor, role) for actor in people},
            venue=place(venue) if venue else None,
            dates=dates,
            quote=sentence,
            quote_start=start,
            quote_end=start + len(sentence),
            confidence=0.8,
            topics=topic_phrases or {},
        )


def place(name: str) -> Place:
    found = Gazetteer.load().lookup(name)
    assert found is not None, name
    return found


@pytest.fixture
async def taxonomy(session: AsyncSession) -> dict[str, Topic]:
    return await topics.ensure_taxonomy(session, definitions=[("taiwan", "Taiwan", None)])


async def new_article(session: AsyncSession, story: Story) -> Article:
    source = f"test://{articles.content_hash(story.text)[:12]}"
    return await articles.create(session, source=source, raw_text=story.text, text=story.text)


async def store(
    session: AsyncSession, taxonomy: dict[str, Topic], article: Article, *candidates: EventCandidate
) -> StoreReport:
    extraction = ArticleExtraction(events=list(candidates))
    return await store_extraction(session, article=article, extraction=extraction, taxonomy=taxonomy)


async def store_story(
    session: AsyncSession, taxonomy: dict[str, Topic], story: Story, *candidates: EventCandidate
) -> StoreReport:
    return await store(session, taxonomy, await new_article(session, story), *candidates)


async def exported_events(session: AsyncSession) -> list[dict[str, Any]]:
    """The stored events as exported, with venue and parent ids replaced by names and titles."""
    export = await export_knowledge_base(session)
    venues = {venue["id"]: venue["name"] for venue in export["venues"]}
    titles = {event["id"]: event["title"] for event in export["events"]}
    return [
        {**event, "venue": venues.get(event["venue"]), "parent": titles.get(event["parent"])}
        for event in export["events"]
    ]


async def test_one_meeting_reported_by_two_articles_is_one_event_with_two_sources(
    session: AsyncSession, taxonomy: dict[str, Topic]
) -> None:
    wire = Story("Wang Yi met Jake Sullivan in Vienna on Thursday.")
    paper = Story("China's top diplomat and the US national security adviser met in Vienna on May 11.")
    first = await store_story(session, taxonomy, wire, wire.candidate(wire.text, venue="Vienna", dates=MAY_11))
    second = await store_story(session, taxonomy, paper, paper.candidate(paper.text, venue="Vienna", dates=MAY_11))

    assert (first.events_created, first.events_merged) == (1, 0)
    assert (second.events_created, second.events_merged) == (0, 1)
    [event] = await exported_events(session)
    assert (event["venue"], event["start"]) == ("Vienna", "2023-05-11")
    assert [source["quote"] for source in event["sources"]] == [wire.text, paper.text]


@pytest.mark.parametrize(
    "second_people", [pytest.param((), id="naming-no-one"), pytest.param((BIDEN,), id="naming-one")]
)
async def test_a_summit_two_articles_place_alike_is_one_event_whoever_they_name(
    session: AsyncSession, taxonomy: dict[str, Topic], second_people: tuple[ResolvedActor, ...]
) -> None:
    wire = Story("Leaders gathered for the APEC summit in San Francisco.")
    paper = Story("The summit in San Francisco drew leaders from around the Pacific.")
    await store_story(
        session, taxonomy, wire, wire.candidate(wire.text, kind="summit", people=(), venue="San Francisco")
    )
    await store_story(
        session,
        taxonomy,
        paper,
        paper.candidate(paper.text, kind="summit", people=second_people, venue="San Francisco"),
    )
    [event] = await exported_events(session)
    assert (event["kind"], event["venue"], len(event["sources"])) == ("summit", "San Francisco", 2)


async def test_summits_in_two_cities_stay_apart(session: AsyncSession, taxonomy: dict[str, Topic]) -> None:
    wire = Story("Leaders gathered for the summit in San Francisco.")
    paper = Story("Leaders gathered for the summit in Vienna.")
    await store_story(
        session, taxonomy, wire, wire.candidate(wire.text, kind="summit", people=(), venue="San Francisco")
    )
    await store_story(session, taxonomy, paper, paper.candidate(paper.text, kind="summit", people=(), venue="Vienna"))
    assert sorted(event["venue"] for event in await exported_events(session)) == ["San Francisco", "Vienna"]


async def test_a_planned_meeting_later_reported_as_held_is_one_occurred_event(
    session: AsyncSession, taxonomy: dict[str, Topic]
) -> None:
    before = Story("Joe Biden will meet Xi Jinping in San Francisco.")
    after = Story("Joe Biden and Xi Jinping held talks in San Francisco.")
    leaders = (BIDEN, XI)
    await store_story(
        session,
        taxonomy,
        before,
        before.candidate(before.text, people=leaders, venue="San Francisco", status="planned"),
    )
    report = await store_story(
        session, taxonomy, after, after.candidate(after.text, people=leaders, venue="San Francisco")
    )

    assert (report.events_created, report.events_merged) == (0, 1)
    [event] = await exported_events(session)
    assert event["status"] == "occurred"
    assert len(event["sources"]) == 2


async def test_the_same_pair_meeting_in_two_places_is_two_events(
    session: AsyncSession, taxonomy: dict[str, Topic]
) -> None:
    vienna = Story("Wang Yi met Jake Sullivan in Vienna.")
    malta = Story("Wang Yi met Jake Sullivan in Malta.")
    await store_story(session, taxonomy, vienna, vienna.candidate(vienna.text, venue="Vienna"))
    await store_story(session, taxonomy, malta, malta.candidate(malta.text, venue="Malta"))

    assert sorted(event["venue"] for event in await exported_events(session)) == ["Malta", "Vienna"]


async def test_a_vague_report_joins_the_event_its_own_article_placed(
    session: AsyncSession, taxonomy: dict[str, Topic]
) -> None:
    placed, vague = "Wang Yi met Jake Sullivan in Vienna on Thursday.", "The talks were candid, Wang said."
    story = Story(placed, vague)
    # The vague report comes first; the store still reads the specific one first.
    report = await store_story(
        session, taxonomy, story, story.candidate(vague), story.candidate(placed, venue="Vienna", dates=MAY_11)
    )

    assert (report.events_created, report.events_merged) == (1, 0)
    [event] = await exported_events(session)
    assert [source["quote"] for source in event["sources"]] == [placed, vague]


async def test_a_meeting_during_a_visit_is_its_child_and_dates_the_undated_visit(
    session: AsyncSession, taxonomy: dict[str, Topic]
) -> None:
    trip = "Wang Yi travelled to Washington."
    talks = "On Friday he held talks with Antony Blinken at the State Department."
    story = Story(trip, talks)
    await store_story(
        session,
        taxonomy,
        story,
        story.candidate(trip, kind="visit", people=(WANG,), venue="Washington"),
        story.candidate(talks, people=(WANG, BLINKEN), venue="Washington", dates=OCT_27),
    )

    events = {event["kind"]: event for event in await exported_events(session)}
    assert events["meeting"]["parent"] == events["visit"]["title"] == "Wang Yi visits Washington"
    assert (events["visit"]["start"], events["visit"]["end"]) == ("2023-10-27", "2023-10-27")


async def test_an_undated_meeting_during_a_dated_visit_is_of_a_day_of_the_visit(
    session: AsyncSession, taxonomy: dict[str, Topic]
) -> None:
    trip, talks = "Wang Yi visited Washington from Thursday to Saturday.", "He met Antony Blinken there."
    story = Story(trip, talks)
    await store_story(
        session,
        taxonomy,
        story,
        story.candidate(trip, kind="visit", people=(WANG,), venue="Washington", dates=OCT_26_TO_28),
        story.candidate(talks, people=(WANG, BLINKEN), venue="Washington"),
    )

    events = {event["kind"]: event for event in await exported_events(session)}
    assert events["meeting"]["parent"] == events["visit"]["title"]
    # One of the three days, not stated which: October 2023, not a meeting lasting three days.
    assert (events["meeting"]["start"], events["meeting"]["end"]) == ("2023-10", "2023-10")


async def test_a_meeting_elsewhere_is_not_part_of_the_visit(session: AsyncSession, taxonomy: dict[str, Topic]) -> None:
    trip, earlier = "Wang Yi visited Washington on Thursday.", "In May he had met Jake Sullivan in Vienna."
    story = Story(trip, earlier)
    await store_story(
        session,
        taxonomy,
        story,
        story.candidate(trip, kind="visit", people=(WANG,), venue="Washington", dates=OCT_26),
        story.candidate(earlier, venue="Vienna", dates=MAY_11),
    )

    assert {event["kind"]: event["parent"] for event in await exported_events(session)} == {
        "visit": None,
        "meeting": None,
    }


async def test_a_visit_reported_in_a_later_article_adopts_the_meeting_stored_before(
    session: AsyncSession, taxonomy: dict[str, Topic]
) -> None:
    talks = Story("Wang Yi held talks with Antony Blinken in Washington on Friday.")
    trip = Story("Wang Yi visited Washington from Thursday to Saturday.")
    await store_story(
        session, taxonomy, talks, talks.candidate(talks.text, people=(WANG, BLINKEN), venue="Washington", dates=OCT_27)
    )
    await store_story(
        session,
        taxonomy,
        trip,
        trip.candidate(trip.text, kind="visit", people=(WANG,), venue="Washington", dates=OCT_26_TO_28),
    )

    events = {event["kind"]: event for event in await exported_events(session)}
    assert events["meeting"]["parent"] == events["visit"]["title"]


async def test_storing_the_same_report_again_adds_no_evidence_or_participants(
    session: AsyncSession, taxonomy: dict[str, Topic]
) -> None:
    story = Story("Wang Yi met Jake Sullivan in Vienna on Thursday.")
    article = await new_article(session, story)
    await store(session, taxonomy, article, story.candidate(story.text, venue="Vienna", dates=MAY_11))
    again = await store(session, taxonomy, article, story.candidate(story.text, venue="Vienna", dates=MAY_11))

    assert (again.events_created, again.events_merged) == (0, 1)
    assert await session.scalar(select(func.count()).select_from(Evidence)) == 1
    [event] = await exported_events(session)
    assert len(event["participants"]) == 2


async def test_storing_a_whole_extraction_again_changes_nothing(
    session: AsyncSession, taxonomy: dict[str, Topic]
) -> None:
    story = Story("Wang Yi met Jake Sullivan in Malta and raised Taiwan.")
    extraction = ArticleExtraction(
        mentions=[ActorMention(WANG, "Wang Yi", 0, 7)],
        events=[story.candidate(story.text, venue="Malta")],
        topics={"taiwan": ["Taiwan"]},
    )
    article = await new_article(session, story)
    await store_extraction(session, article=article, extraction=extraction, taxonomy=taxonomy)
    before = await export_knowledge_base(session)
    await store_extraction(session, article=article, extraction=extraction, taxonomy=taxonomy)

    assert await export_knowledge_base(session) == before


async def test_two_candidates_from_one_sentence_do_not_raise_the_confidence(
    session: AsyncSession, taxonomy: dict[str, Topic]
) -> None:
    once = Story("Wang Yi spoke by phone with Antony Blinken on Monday.")
    twice = Story("Qin Gang spoke by phone with Antony Blinken on Sunday.")
    await store_story(session, taxonomy, once, once.candidate(once.text, kind="call", people=(WANG, BLINKEN)))
    await store_story(
        session,
        taxonomy,
        twice,
        twice.candidate(twice.text, kind="call", people=(QIN, BLINKEN)),
        twice.candidate(twice.text, kind="call", people=(QIN, BLINKEN)),
    )

    by_article = [(len(event["sources"]), event["confidence"]) for event in await exported_events(session)]
    assert by_article == [(1, 0.8), (1, 0.8)]


async def test_named_mentions_and_known_topics_are_stored(session: AsyncSession, taxonomy: dict[str, Topic]) -> None:
    story = Story("China's top diplomat met Jake Sullivan in Malta and raised Taiwan.")
    title, name = "China's top diplomat", "Jake Sullivan"
    extraction = ArticleExtraction(
        mentions=[
            ActorMention(WANG, title, 0, len(title), named=False),
            ActorMention(SULLIVAN, name, story.text.index(name), story.text.index(name) + len(name)),
        ],
        events=[story.candidate(story.text, venue="Malta", topic_phrases={"taiwan": ["Taiwan"], "not-a-topic": ["x"]})],
        topics={"taiwan": ["Taiwan"], "not-a-topic": ["x"]},
    )
    await store_extraction(session, article=await new_article(session, story), extraction=extraction, taxonomy=taxonomy)

    export = await export_knowledge_base(session)
    [taiwan] = [topic["id"] for topic in export["topics"]]
    # Wang Yi is stored as a participant, but a bare title is no mention of his name.
    assert {actor["name"]: len(actor["articles"]) for actor in export["actors"]} == {"Wang Yi": 0, "Jake Sullivan": 1}
    assert export["events"][0]["topics"] == export["articles"][0]["topics"] == [taiwan]


@pytest.mark.parametrize(
    ("people", "phrase", "expected"),
    [
        pytest.param((WANG, SULLIVAN), "on Thursday", True, id="same-people-same-weekday"),
        pytest.param((WANG, SULLIVAN), "on Friday", False, id="another-weekday"),
        pytest.param((BIDEN, XI), "on Thursday", False, id="other-people"),
    ],
)
async def test_a_trial_store_is_called_for_only_by_a_weekday_of_a_stored_event_of_the_same_people(
    session: AsyncSession,
    taxonomy: dict[str, Topic],
    people: tuple[ResolvedActor, ...],
    phrase: str,
    expected: bool,
) -> None:
    wire = Story("Wang Yi met Jake Sullivan in Vienna on May 11.")  # a Thursday
    await store_story(session, taxonomy, wire, wire.candidate(wire.text, venue="Vienna", dates=MAY_11))
    undated = Story(f"They met in Vienna {phrase}.")
    report = undated.candidate(undated.text, people=people, venue="Vienna")
    report.date_phrase = phrase

    extraction = ArticleExtraction(events=[report])
    assert await may_share_a_day(session, extraction=extraction, cache=StoreCache()) is expected


async def test_an_article_stores_at_most_its_caps_of_mentions_and_reports_and_records_what_was_cut(
    session: AsyncSession, taxonomy: dict[str, Topic]
) -> None:
    pairs = [(WANG, SULLIVAN), (WANG, BLINKEN), (QIN, BLINKEN), (BIDEN, XI), (QIN, SULLIVAN)]
    story = Story(*(f"{a.name} met {b.name} in Vienna." for a, b in pairs))
    # The most specific reports are kept: the two that carry a date.
    candidates = [
        story.candidate(f"{a.name} met {b.name} in Vienna.", people=(a, b), dates=MAY_11 if n < 2 else None)
        for n, (a, b) in enumerate(pairs)
    ]
    mentions = [
        ActorMention(actor, actor.name, start, start + len(actor.name))
        for sentence, (a, b) in zip(story.starts, pairs, strict=True)
        for actor in (a, b)
        for start in [story.starts[sentence] + sentence.index(actor.name)]
    ]
    article = await new_article(session, story)
    extraction = ArticleExtraction(events=candidates[::-1], mentions=mentions)
    report = await store_extraction(
        session,
        article=article,
        extraction=extraction,
        taxonomy=taxonomy,
        limits=StoreLimits(mentions=3, event_reports=2),
    )

    assert report.capped == {"mentions": [10, 3], "event_reports": [5, 2]}
    assert article.capped == report.capped
    assert await session.scalar(select(func.count()).select_from(Mention)) == 3
    assert await session.scalar(select(func.count()).select_from(Evidence)) == 2
    assert sorted(event["title"] for event in await exported_events(session)) == sorted(
        candidates[n].title() for n in (0, 1)
    )


async def test_an_article_within_its_caps_records_no_cut(session: AsyncSession, taxonomy: dict[str, Topic]) -> None:
    story = Story("Wang Yi met Jake Sullivan in Vienna.")
    article = await new_article(session, story)
    report = await store(session, taxonomy, article, story.candidate(story.text, venue="Vienna", dates=MAY_11))
    assert report.capped == {}
    assert article.capped is None
