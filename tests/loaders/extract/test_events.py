"""Which events a sentence reports: who took part, where, when and whether it happened."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

import pytest
from spacy.language import Language

from loaders.dating import DateRange, ReferenceDate, resolve_relative_date
from loaders.extract import EventCandidate, extract_events
from loaders.extract.during import meetings_during_visits, visits_dated_by_their_meetings, visits_of_guests
from loaders.kb import Gazetteer, KnowledgeBase
from loaders.nlp import load_pipeline
from loaders.resolve import ResolvedActor, resolve_actors


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline()


@dataclass
class DateResolver:
    """Resolves date expressions against a reference day, and remembers which it was asked about."""

    reference: date | None
    asked: list[str] = field(default_factory=list)

    def __call__(self, expression: str, tense: Literal["past", "future"]) -> DateRange | None:
        self.asked.append(expression)
        reference = ReferenceDate(self.reference, "day" if self.reference else None)
        resolved = resolve_relative_date(expression, reference, tense=tense)
        if resolved is None:
            return None
        start, end, precision = resolved
        return start, precision, end, precision


def extract(
    nlp: Language, text: str, reference: date | None, resolver: DateResolver | None = None
) -> list[EventCandidate]:
    doc = nlp(text)
    mentions = resolve_actors(doc, KnowledgeBase.load(), reference=reference)
    events = extract_events(doc, mentions, gazetteer=Gazetteer.load(), resolve_date=resolver or DateResolver(reference))
    meetings_during_visits(events)
    return events


def summary(candidate: EventCandidate) -> tuple[str, str, list[str], str | None]:
    """kind, status, participants and venue of a candidate, in a form easy to compare."""
    venue = candidate.venue.name if candidate.venue else None
    return candidate.kind, candidate.status, sorted(candidate.participants), venue


def day(year: int, month: int, number: int) -> DateRange:
    return date(year, month, number), "day", date(year, month, number), "day"


# Who takes part ----------------------------------------------------------------------------------


def test_a_meeting_of_two_counterparts(nlp: Language) -> None:
    [meeting] = extract(nlp, "Wang Yi met Jake Sullivan in Vienna on Wednesday.", date(2023, 5, 11))
    assert summary(meeting) == ("meeting", "occurred", ["jake-sullivan", "wang-yi"], "Vienna")
    assert meeting.dates == day(2023, 5, 10)
    assert meeting.quote == "Wang Yi met Jake Sullivan in Vienna on Wednesday."


@pytest.mark.parametrize(
    ("text", "reference"),
    [
        pytest.param(
            "Antony Blinken met Jake Sullivan at the White House on Wednesday.",
            date(2023, 5, 11),
            id="two-people-of-one-country",
        ),
        pytest.param("Wang Yi met reporters in Vienna on Wednesday.", date(2023, 5, 11), id="one-person"),
    ],
)
def test_no_meeting_without_two_counterparts(nlp: Language, text: str, reference: date) -> None:
    assert [c for c in extract(nlp, text, reference) if c.kind == "meeting"] == []


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "Antony Blinken held separate talks with Wang Yi, Retno Marsudi and Yoshimasa Hayashi in Jakarta.",
            id="separate-talks",
        ),
        pytest.param(
            "Antony Blinken's meetings with Wang Yi, Retno Marsudi and Yoshimasa Hayashi in Jakarta ran long.",
            id="plural-meetings",
        ),
    ],
)
def test_talks_of_one_with_several_apart_are_meetings_of_pairs(nlp: Language, text: str) -> None:
    meetings = extract(nlp, text, date(2023, 7, 14))
    assert [sorted(m.participants) for m in meetings] == [
        ["antony-blinken", "wang-yi"],
        ["antony-blinken", "retno-marsudi"],
        ["antony-blinken", "yoshimasa-hayashi"],
    ]
    # The host is the participant of the venue's country.
    assert meetings[1].participants["retno-marsudi"][1] == "host"
    assert meetings[1].participants["antony-blinken"][1] == "guest"


@pytest.mark.parametrize(
    ("text", "groups"),
    [
        pytest.param(
            "Recep Tayyip Erdogan met Swedish Prime Minister Ulf Kristersson and NATO Secretary General Jens "
            "Stoltenberg in Vilnius on Monday.",
            [["jens-stoltenberg", "recep-tayyip-erdogan", "ulf-kristersson"]],
            id="one-meeting-of-three",
        ),
        pytest.param(
            "Sergey Lavrov held talks with Wang Yi in Beijing on Tuesday and was later received by Xi Jinping.",
            [["sergei-lavrov", "wang-yi"], ["sergei-lavrov", "xi-jinping"]],
            id="each-in-a-clause-of-their-own",
        ),
    ],
)
def test_one_meeting_several_people_in_one_phrase(nlp: Language, text: str, groups: list[list[str]]) -> None:
    meetings = [m for m in extract(nlp, text, date(2023, 7, 11)) if m.kind == "meeting"]
    assert [sorted(m.participants) for m in meetings] == groups


@pytest.mark.parametrize(
    ("text", "reference", "travellers", "venue"),
    [
        pytest.param(
            "Antony Blinken arrived in Beijing on Sunday.",
            date(2023, 6, 18),
            [["antony-blinken"]],
            "Beijing",
            id="subject",
        ),
        pytest.param(
            "Wang Yi's visit to Washington began on Thursday.",
            date(2023, 10, 27),
            [["wang-yi"]],
            "Washington",
            id="possessor",
        ),
        pytest.param(
            "Recent visits to Beijing by Antony Blinken and Janet Yellen eased tensions.",
            date(2023, 7, 10),
            [["antony-blinken"], ["janet-yellen"]],
            "Beijing",
            id="by-agents",
        ),
    ],
)
def test_a_visit_needs_its_traveller(
    nlp: Language, text: str, reference: date, travellers: list[list[str]], venue: str
) -> None:
    visits = extract(nlp, text, reference)
    assert [sorted(v.participants) for v in visits] == travellers
    assert {summary(v)[3] for v in visits} == {venue}
    assert {role for v in visits for _, role in v.participants.values()} == {"traveller"}


# Where --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "travellers"),
    [
        pytest.param("Spokeswoman Mao Ning described the trip to Beijing as routine.", [], id="described"),
        pytest.param("Xi Jinping hosted the visit to Beijing on Friday.", [], id="hosted"),
        pytest.param("Wang Yi spoke about the visit to Moscow.", [], id="spoke-about"),
        pytest.param("Mao Ning described Wang Yi's trip to Moscow as routine.", ["wang-yi"], id="its-owner"),
        pytest.param(
            "Antony Blinken discussed Taiwan with Wang Yi on the final day of a visit to Beijing.",
            ["antony-blinken"],
            id="a-time-phrase-is-no-object",
        ),
    ],
)
def test_who_speaks_of_a_trip_did_not_make_it(nlp: Language, text: str, travellers: list[str]) -> None:
    visits = [e for e in extract(nlp, text, date(2024, 4, 10)) if e.kind == "visit"]
    assert sorted(slug for visit in visits for slug in visit.participants) == travellers


def test_a_relative_clause_travels_with_the_name_it_hangs_on(nlp: Language) -> None:
    text = (
        "French President Emmanuel Macron, who landed in the Chinese capital on Wednesday afternoon, was greeted "
        "with a military ceremony before sitting down with Xi Jinping."
    )
    visit, meeting = extract(nlp, text, date(2023, 4, 6))
    assert (summary(visit), visit.dates, visit.travel_day) == (
        ("visit", "occurred", ["emmanuel-macron"], "Beijing"),
        day(2023, 4, 5),
        True,
    )
    # The gerund after "before" shares the clause's subject: Macron sat down with Xi, in Beijing.
    assert summary(meeting) == ("meeting", "occurred", ["emmanuel-macron", "xi-jinping"], "Beijing")


@pytest.mark.parametrize(
    ("text", "capital"),
    [
        pytest.param("Joe Biden landed in the Thai capital on Monday.", "Bangkok", id="thai"),
        pytest.param("Olaf Scholz arrived in the Indian capital on Saturday.", "New Delhi", id="indian"),
        # The tagger takes this demonym for part of an organisation's name; it is still the country's.
        pytest.param("Xi Jinping landed in the Kazakh capital on Wednesday.", "Astana", id="demonym-tagged-as-name"),
    ],
)
def test_the_capital_named_by_its_country_is_that_city(nlp: Language, text: str, capital: str) -> None:
    [visit] = extract(nlp, text, date(2023, 4, 6))
    assert summary(visit)[3] == capital


@pytest.mark.parametrize(
    "text", ["Olaf Scholz visited Lima from June 3 to 5.", "Olaf Scholz visited Lima from June 3 to June 5."]
)
def test_a_span_from_one_day_to_another_dates_the_event(nlp: Language, text: str) -> None:
    [visit] = extract(nlp, text, date(2023, 7, 6))
    assert visit.dates == (date(2023, 6, 3), "day", date(2023, 6, 5), "day")


def test_a_day_the_event_is_counted_from_does_not_date_it(nlp: Language) -> None:
    [visit] = extract(nlp, "Olaf Scholz has not visited Lima since June 3.", date(2023, 7, 6))
    assert visit.dates is None


def test_flying_into_a_city_is_a_visit_there_and_money_into_a_country_places_nothing(nlp: Language) -> None:
    [visit] = extract(nlp, "Olaf Scholz flew into Lima on Monday evening.", date(2023, 4, 6))
    assert summary(visit)[3] == "Lima"
    text = "Olaf Scholz held talks with Narendra Modi on Monday to bring more money into Germany."
    assert [summary(c)[3] for c in extract(nlp, text, date(2023, 4, 6)) if c.kind == "meeting"] == [None]


def test_where_a_journey_set_out_from_is_not_the_visit(nlp: Language) -> None:
    text = "Olaf Scholz flew in to Tokyo on Sunday from Seoul, where he had talked with Yoon Suk Yeol."
    visits = [c for c in extract(nlp, text, date(2023, 4, 6)) if c.kind == "visit" and "olaf-scholz" in c.participants]
    assert "Tokyo" in [summary(v)[3] for v in visits]
    assert all(not (summary(v)[3] == "Seoul" and v.dates == day(2023, 4, 2)) for v in visits)


def test_the_person_a_thing_is_of_does_not_take_part(nlp: Language) -> None:
    text = "Olaf Scholz said that he had brought up the 2019 arrest of the reporter Ilya Vostrov early in the meeting."
    # The person arrested is no participant: the meeting has no second one.
    assert [c for c in extract(nlp, text, date(2023, 4, 6)) if c.kind == "meeting"] == []


def test_a_thing_named_by_a_clause_keeps_the_time_of_the_verb_it_is_the_object_of(nlp: Language) -> None:
    text = "Olaf Scholz and Narendra Modi signed what both sides called a green pact on Tuesday."
    [meeting] = [c for c in extract(nlp, text, date(2023, 4, 6)) if c.kind == "meeting"]
    assert meeting.dates == day(2023, 4, 4)


def test_a_year_of_another_thing_does_not_date_the_meeting(nlp: Language) -> None:
    [meeting] = extract(nlp, "Olaf Scholz and Narendra Modi held talks on the 2019 flood.", date(2023, 4, 6))
    assert meeting.dates is None


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        pytest.param(
            "Olaf Scholz met Narendra Modi at the 2023 G20 summit.",
            (date(2023, 1, 1), "year", date(2023, 12, 31), "year"),
            id="year-of-a-summit",
        ),
        pytest.param("Olaf Scholz met Narendra Modi on Monday evening.", day(2023, 4, 3), id="day-of-an-evening"),
    ],
)
def test_a_date_of_a_summit_or_a_time_of_day_dates_the_meeting(nlp: Language, text: str, dates: DateRange) -> None:
    meeting = next(c for c in extract(nlp, text, date(2023, 4, 6)) if c.kind == "meeting")
    assert meeting.dates == dates


def test_places_listed_together_are_one_venue_each(nlp: Language) -> None:
    text = "Wang Yi and Jake Sullivan have met in Vienna and Malta this year."
    assert [summary(c)[3] for c in extract(nlp, text, date(2023, 9, 18))] == ["Vienna", "Malta"]


def test_a_place_of_something_else_is_no_venue(nlp: Language) -> None:
    [meeting] = extract(nlp, "Wang Yi met Jake Sullivan on Wednesday to discuss the war in Ukraine.", date(2023, 5, 11))
    assert meeting.venue is None


def test_a_building_the_gazetteer_knows_is_the_venue(nlp: Language) -> None:
    text = "On Monday, Antony Blinken met Xi Jinping at the Great Hall of the People."
    [meeting] = extract(nlp, text, date(2023, 6, 19))
    assert meeting.venue is not None
    assert (meeting.venue.slug, meeting.venue.kind) == ("building-cn-great-hall-of-the-people", "building")
    assert meeting.venue.parent is not None
    assert meeting.venue.parent.name == "Beijing"
    # Xi is at home in Beijing: the host.
    assert {slug: role for slug, (_, role) in meeting.participants.items()} == {
        "antony-blinken": "guest",
        "xi-jinping": "host",
    }


def test_a_building_followed_by_a_date_is_the_gazetteer_building(nlp: Language) -> None:
    text = "Antony Blinken met Xi Jinping at the Great Hall of the People on Monday."
    [meeting] = extract(nlp, text, date(2023, 6, 19))
    assert meeting.venue is not None
    assert meeting.venue.slug == "building-cn-great-hall-of-the-people"


@pytest.mark.parametrize(
    ("text", "chain"),
    [
        pytest.param(
            "Joe Biden met Andrzej Duda at the Presidential Palace in Warsaw on Tuesday.",
            ["Presidential Palace", "Warsaw", "Poland"],
            id="in-a-city",
        ),
        pytest.param(
            "Vladimir Putin met Kim Jong Un at the Vostochny Cosmodrome in eastern Russia.",
            ["Vostochny Cosmodrome", "Russia"],
            id="in-a-country",
        ),
        pytest.param(
            "Lloyd Austin met Dong Jun at the Shangri-La Dialogue, trading sharp words over Taiwan.",
            ["Shangri-La Dialogue"],
            id="a-country-it-only-names",
        ),
    ],
)
def test_a_building_the_gazetteer_does_not_list_lies_where_its_sentence_puts_it(
    nlp: Language, text: str, chain: list[str]
) -> None:
    [meeting] = extract(nlp, text, date(2023, 9, 14))
    assert meeting.venue is not None
    assert [meeting.venue.name, *(place.name for place in Gazetteer.ancestors(meeting.venue))] == chain


def test_the_estate_the_gazetteer_lists_beats_the_city_near_it(nlp: Language) -> None:
    text = "Joe Biden and Xi Jinping met at the Filoli estate outside San Francisco on Wednesday."
    [meeting] = extract(nlp, text, date(2023, 11, 16))
    assert meeting.dates == day(2023, 11, 15)
    assert summary(meeting)[3] == "Filoli"


@pytest.mark.parametrize(
    ("text", "venue"),
    [
        pytest.param(
            "Angela Merkel and Emmanuel Macron held talks in a lakeside villa near Geneva on Monday.",
            "Geneva",
            id="a place near which is the only place named",
        ),
        pytest.param(
            "Narendra Modi and Sheikh Hasina met at Hyderabad House, outside the old city of Delhi, on Friday.",
            "Hyderabad House",
            id="a building beats the city it is outside",
        ),
    ],
)
def test_a_place_named_to_locate_another_yields_to_it(nlp: Language, text: str, venue: str) -> None:
    [meeting] = extract(nlp, text, date(2023, 6, 14))
    assert summary(meeting)[3] == venue


def test_a_settlement_named_by_an_of_phrase_is_the_venue_not_its_region(nlp: Language) -> None:
    text = "Vladimir Putin and Recep Tayyip Erdogan held talks at the Black Sea resort of Sochi on Monday."
    [meeting] = extract(nlp, text, date(2023, 9, 5))
    assert summary(meeting)[3] == "Sochi"


def test_a_settlement_described_by_its_region_is_the_city_named_before(nlp: Language) -> None:
    text = (
        "Shinzo Abe arrived in Sochi on Friday. Vladimir Putin and Shinzo Abe met on Saturday in the Black Sea resort."
    )
    [_, meeting] = extract(nlp, text, date(2023, 6, 14))
    assert summary(meeting)[3] == "Sochi"


def test_a_city_named_as_a_government_is_not_the_one_a_description_refers_to(nlp: Language) -> None:
    text = "Ankara's hopes were dashed. Vladimir Putin and Recep Tayyip Erdogan met on Monday in the Black Sea resort."
    [meeting] = extract(nlp, text, date(2023, 9, 5))
    assert summary(meeting)[3] == "Black Sea"


def test_a_place_of_the_next_leg_of_a_trip_is_not_the_meeting_s(nlp: Language) -> None:
    text = "Narendra Modi will hold talks with Sheikh Hasina on Friday before flying on to Nepal for a regional forum."
    meeting, visit = extract(nlp, text, date(2023, 6, 14))
    assert summary(meeting) == ("meeting", "planned", ["narendra-modi", "sheikh-hasina"], None)
    assert summary(visit) == ("visit", "planned", ["narendra-modi"], "Nepal")


# When ---------------------------------------------------------------------------------------------


def test_dates_come_only_from_expressions_the_resolver_resolves(nlp: Language) -> None:
    resolver = DateResolver(reference=None)
    [meeting] = extract(nlp, "Wang Yi met Jake Sullivan in Vienna on Wednesday.", None, resolver)
    assert set(resolver.asked) == {"Wednesday"}
    assert meeting.dates is None


def test_the_start_of_another_period_is_no_date(nlp: Language) -> None:
    resolver = DateResolver(reference=date(2023, 9, 18))
    [meeting] = extract(nlp, "Xi Jinping has met Vladimir Putin regularly since 2013.", resolver.reference, resolver)
    assert resolver.asked == []
    assert meeting.dates is None


def test_a_duration_is_no_date(nlp: Language) -> None:
    resolver = DateResolver(reference=date(2023, 6, 19))
    text = "Antony Blinken and Qin Gang held talks for more than seven hours on Sunday."
    [meeting] = extract(nlp, text, resolver.reference, resolver)
    assert set(resolver.asked) == {"Sunday"}  # never the duration
    assert meeting.dates == day(2023, 6, 18)


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        pytest.param(
            "Joe Biden and Xi Jinping are expected to meet in San Francisco in November.",
            date(2023, 9, 18),
            (date(2023, 11, 1), "month", date(2023, 11, 30), "month"),
            id="expected-looks-ahead",
        ),
        pytest.param(
            "Wang Yi and Jake Sullivan met in Vienna in May.",
            date(2023, 9, 18),
            (date(2023, 5, 1), "month", date(2023, 5, 31), "month"),
            id="held-looks-back",
        ),
    ],
)
def test_the_status_gives_the_tense_of_a_month_without_a_year(
    nlp: Language, text: str, reference: date, expected: DateRange
) -> None:
    [meeting] = extract(nlp, text, reference)
    assert meeting.dates == expected


def test_a_meeting_over_two_days_spans_both(nlp: Language) -> None:
    [meeting] = extract(nlp, "Jake Sullivan and Wang Yi met in Bangkok on Friday and Saturday.", date(2024, 1, 28))
    assert meeting.dates == (date(2024, 1, 26), "day", date(2024, 1, 27), "day")


# Whether it happened ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "reference", "kind", "status"),
    [
        pytest.param(
            "Antony Blinken met Wang Yi in Jakarta on Thursday.", date(2023, 7, 14), "meeting", "occurred", id="met"
        ),
        pytest.param(
            "Antony Blinken will meet Wang Yi in Jakarta next week.", date(2023, 7, 7), "meeting", "planned", id="will"
        ),
        pytest.param(
            "Joe Biden and Xi Jinping are expected to meet in San Francisco.",
            date(2023, 9, 18),
            "meeting",
            "expected",
            id="expected",
        ),
        pytest.param(
            "Li Shangfu declined to meet Lloyd Austin in Singapore.",
            date(2023, 6, 2),
            "meeting",
            "cancelled",
            id="declined",
        ),
        pytest.param(
            "Antony Blinken postponed a planned trip to Beijing.",
            date(2023, 2, 4),
            "visit",
            "postponed",
            id="postponed",
        ),
        pytest.param(
            "Vladimir Putin told Xi Jinping that he was looking forward to receiving him in Moscow.",
            date(2023, 2, 22),
            "meeting",
            "expected",
            id="looking forward to",
        ),
        pytest.param(
            "Olaf Scholz is keen to meet Narendra Modi in Delhi.", date(2023, 2, 1), "meeting", "expected", id="keen to"
        ),
        pytest.param(
            "Lula da Silva intends to visit Beijing in April.", date(2023, 2, 1), "visit", "expected", id="intends to"
        ),
        pytest.param(
            "Shinzo Abe and Vladimir Putin held long-awaited talks in Sochi on Friday.",
            date(2016, 5, 7),
            "meeting",
            "occurred",
            id="long-awaited talks were held",
        ),
    ],
)
def test_status_from_tense_and_modality(nlp: Language, text: str, reference: date, kind: str, status: str) -> None:
    assert [(c.kind, c.status) for c in extract(nlp, text, reference)] == [(kind, status)]


def test_a_trip_postponed_by_its_traveller(nlp: Language) -> None:
    visits = extract(nlp, "Antony Blinken postponed his trip to Beijing on Friday.", date(2023, 2, 4))
    assert [summary(v) for v in visits] == [("visit", "postponed", ["antony-blinken"], "Beijing")]


@pytest.mark.parametrize(
    ("text", "day_of_the_trip"),
    [
        # The day the trip was to happen, reported ahead of it: forward from the day of writing (a Saturday).
        ("Antony Blinken had been due to fly to Beijing on Sunday, but the trip was postponed.", date(2023, 2, 5)),
        ("Antony Blinken had been scheduled to travel to Beijing on Wednesday. The trip is off.", date(2023, 2, 8)),
        # The day of the putting off: back from the day of writing.
        ("Antony Blinken postponed his trip to Beijing on Friday.", date(2023, 2, 3)),
    ],
)
def test_a_trip_put_off_is_dated_by_the_day_it_was_to_happen(nlp: Language, text: str, day_of_the_trip: date) -> None:
    [visit] = extract(nlp, text, date(2023, 2, 4))
    assert visit.status == "postponed"
    assert visit.dates == day(day_of_the_trip.year, day_of_the_trip.month, day_of_the_trip.day)


# Meetings during visits --------------------------------------------------------------------------


def test_an_unplaced_meeting_happened_where_its_participant_travelled(nlp: Language) -> None:
    text = "Wang Yi flew to Washington on Thursday. Wang held talks with Antony Blinken."
    visit, meeting = extract(nlp, text, date(2023, 10, 28))
    assert summary(visit) == ("visit", "occurred", ["wang-yi"], "Washington")
    assert summary(meeting)[2:] == (["antony-blinken", "wang-yi"], "Washington")
    assert meeting.dates is None  # Thursday is the day of the flight, not the days of the stay
    assert meeting.confidence == 0.4  # placed by inference, so trusted less than a stated place


def test_a_meeting_is_not_placed_by_a_visit_that_has_not_happened(nlp: Language) -> None:
    text = "Wang Yi is expected to visit Washington next week. Wang will hold talks with Antony Blinken."
    visit, meeting = extract(nlp, text, date(2023, 10, 20))
    assert (visit.kind, visit.status, meeting.kind, meeting.venue) == ("visit", "expected", "meeting", None)


WANG = ResolvedActor(slug="wang-yi", kind="person", name="Wang Yi", country="CN")
BLINKEN = ResolvedActor(slug="antony-blinken", kind="person", name="Antony Blinken", country="US")


def hand_made(kind: str, people: tuple[ResolvedActor, ...], venue: str | None) -> EventCandidate:
    return EventCandidate(
        kind=kind,
        status="occurred",
        participants={p.slug: (p, "participant") for p in people},
        venue=Gazetteer.load().lookup(venue) if venue else None,
        dates=None,
        quote="",
        quote_start=0,
        quote_end=0,
        confidence=0.5,
    )


def test_a_meeting_is_not_placed_when_its_participant_travelled_to_two_places() -> None:
    new_york, washington = hand_made("visit", (WANG,), "New York"), hand_made("visit", (WANG,), "Washington")
    meeting = hand_made("meeting", (WANG, BLINKEN), None)
    meetings_during_visits([new_york, washington, meeting])
    assert (meeting.venue, meeting.confidence) == (None, 0.5)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Fumio Kishida traveled to Kyiv on March 21, 2023.", id="tagged-a-person"),
        pytest.param("Fumio Kishida made an unannounced trip to Kyiv on March 21, 2023.", id="not-tagged"),
    ],
)
def test_a_city_the_tagger_misses_is_still_the_place_of_a_trip(nlp: Language, text: str) -> None:
    [visit] = extract(nlp, text, date(2023, 3, 22))
    assert summary(visit) == ("visit", "occurred", ["fumio-kishida"], "Kyiv")


def test_a_date_in_a_while_clause_dates_the_event_of_its_sentence(nlp: Language) -> None:
    text = "And while Mr. Xi was at the Kremlin on Tuesday, Japan's prime minister, Fumio Kishida, made a trip to Kyiv."
    [visit] = extract(nlp, text, date(2023, 3, 23))
    assert summary(visit) == ("visit", "occurred", ["fumio-kishida"], "Kyiv")
    assert visit.dates == day(2023, 3, 21)


def test_a_when_clause_dates_the_event_named_after_its_copula(nlp: Language) -> None:
    text = "When Emmanuel Macron landed in Ulaanbaatar on Sunday, it was his first visit to Mongolia."
    visits = extract(nlp, text, date(2023, 5, 23))
    assert {v.venue.name if v.venue else None: v.dates for v in visits}.get("Mongolia") == day(2023, 5, 21)


@pytest.mark.parametrize("opening", ["On Friday", "Earlier on Friday"])
def test_a_where_clause_takes_the_day_of_a_sentence_opening_with_it(nlp: Language, opening: str) -> None:
    # The parser hangs "Friday" on the name after it and leaves "on" without its object.
    text = f"{opening} William Ruto had been in Pretoria, where he met President Cyril Ramaphosa."
    [meeting] = [c for c in extract(nlp, text, date(2024, 3, 10)) if c.kind == "meeting"]
    assert meeting.dates == day(2024, 3, 8)


def test_a_host_welcoming_a_titled_guest_holds_a_meeting(nlp: Language) -> None:
    text = "President Joe Biden welcomed Kenya's President William Ruto to the White House on Thursday."
    [meeting] = extract(nlp, text, date(2024, 5, 23))
    assert summary(meeting) == ("meeting", "occurred", ["joe-biden", "william-ruto"], "White House")
    assert meeting.dates == day(2024, 5, 23)


def test_going_home_is_no_visit(nlp: Language) -> None:
    text = "Prime Minister Narendra Modi flew to Kyiv on Friday, and returned to India on Saturday."
    assert [summary(c) for c in extract(nlp, text, date(2024, 8, 24))] == [
        ("visit", "occurred", ["narendra-modi"], "Kyiv")
    ]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "Recep Tayyip Erdogan laid a wreath in Athens on Thursday, during a visit that both sides hailed.",
            id="on-the-verb",
        ),
        pytest.param(
            "Recep Tayyip Erdogan and Kyriakos Mitsotakis signed a declaration on trade and energy in Athens on "
            "Thursday, in a visit that both sides hailed.",
            id="hung-on-the-object",
        ),
    ],
)
def test_the_time_and_place_of_the_clause_date_and_place_the_event_named_in_it(nlp: Language, text: str) -> None:
    # Signing together is also a meeting of the two; the visit is the one the clause names.
    [visit] = [e for e in extract(nlp, text, date(2023, 12, 8)) if e.kind == "visit"]
    assert summary(visit) == ("visit", "occurred", ["recep-tayyip-erdogan"], "Athens")
    assert visit.dates == day(2023, 12, 7)


def test_a_where_clause_places_its_event_at_the_place_it_refers_to(nlp: Language) -> None:
    text = "Joe Biden flew in on Sunday from Seoul, where he had held talks with Yoon Suk Yeol."
    [meeting] = [e for e in extract(nlp, text, date(2022, 5, 24)) if e.kind == "meeting"]
    assert summary(meeting) == ("meeting", "occurred", ["joe-biden", "yoon-suk-yeol"], "Seoul")
    assert meeting.told_as_earlier


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Recep Tayyip Erdogan arrived in Athens on Thursday. Kyriakos Mitsotakis hosted him at the Maximos "
            "Mansion.",
            ("meeting", "occurred", ["kyriakos-mitsotakis", "recep-tayyip-erdogan"], "Athens"),
            id="hosted-him",
        ),
        pytest.param(
            "Olaf Scholz spoke with Emmanuel Macron in Berlin on Tuesday.",
            ("meeting", "occurred", ["emmanuel-macron", "olaf-scholz"], "Berlin"),
            id="spoke-with",
        ),
        pytest.param(
            "Olaf Scholz sat down for dinner with Emmanuel Macron in Berlin on Tuesday.",
            ("meeting", "occurred", ["emmanuel-macron", "olaf-scholz"], "Berlin"),
            id="a-dinner",
        ),
        pytest.param(
            "Olaf Scholz is due to meet Emmanuel Macron in Berlin.",
            ("meeting", "planned", ["emmanuel-macron", "olaf-scholz"], "Berlin"),
            id="due-to",
        ),
    ],
)
def test_meetings_phrased_otherwise(nlp: Language, text: str, expected: tuple[object, ...]) -> None:
    meetings = [summary(c) for c in extract(nlp, text, date(2023, 12, 8)) if c.kind == "meeting"]
    assert meetings == [expected]


MODI = ResolvedActor(slug="narendra-modi", kind="person", name="Narendra Modi", country="IN")
ZELENSKY = ResolvedActor(slug="volodymyr-zelensky", kind="person", name="Volodymyr Zelensky", country="UA")
TUSK = ResolvedActor(slug="donald-tusk", kind="person", name="Donald Tusk", country="PL")


def travelled(candidate: EventCandidate) -> EventCandidate:
    candidate.travel_day = True
    return candidate


def dated(candidate: EventCandidate, days: DateRange) -> EventCandidate:
    candidate.dates = days
    return candidate


THURSDAY = day(2023, 12, 7)


def test_a_meeting_in_a_story_of_a_trip_happened_on_it(nlp: Language) -> None:
    text = (
        "Recep Tayyip Erdogan paid a one-day visit to Athens on Thursday. "
        "He then went to the Maximos Mansion, where he and Kyriakos Mitsotakis held talks."
    )
    *visits, meeting = extract(nlp, text, date(2023, 12, 8))
    assert (summary(visits[0]), visits[0].dates) == (
        ("visit", "occurred", ["recep-tayyip-erdogan"], "Athens"),
        THURSDAY,
    )
    people = ["kyriakos-mitsotakis", "recep-tayyip-erdogan"]
    assert (summary(meeting), meeting.dates) == (("meeting", "occurred", people, "Athens"), THURSDAY)


def test_an_unplaced_meeting_takes_the_days_of_the_trip_to_its_host() -> None:
    warsaw = dated(hand_made("visit", (MODI,), "Warsaw"), (date(2024, 8, 21), "day", date(2024, 8, 22), "day"))
    kyiv = dated(hand_made("visit", (MODI,), "Kyiv"), day(2024, 8, 23))
    with_zelensky, with_tusk = hand_made("meeting", (MODI, ZELENSKY), None), hand_made("meeting", (MODI, TUSK), None)
    meetings_during_visits([warsaw, kyiv, with_zelensky, with_tusk])
    assert with_zelensky.dates == day(2024, 8, 23)
    # Held on one of the two days of the stay, not stated which: in August 2024.
    assert with_tusk.dates == (date(2024, 8, 1), "month", date(2024, 8, 31), "month")
    assert (with_zelensky.venue, with_tusk.venue) == (None, None)  # two trips: the place is not stated


def test_a_meeting_is_dated_by_the_days_all_its_travellers_were_there() -> None:
    wang = dated(hand_made("visit", (WANG,), "Washington"), (date(2023, 10, 26), "day", date(2023, 10, 28), "day"))
    modi = dated(hand_made("visit", (MODI,), "Washington"), (date(2023, 10, 27), "day", date(2023, 10, 29), "day"))
    meeting = hand_made("meeting", (WANG, MODI), "Washington")
    meetings_during_visits([wang, modi, meeting])
    assert meeting.dates == (date(2023, 10, 1), "month", date(2023, 10, 31), "month")  # the 27th or the 28th


def test_a_one_day_overlap_of_two_stays_is_the_day_of_the_meeting() -> None:
    wang = dated(hand_made("visit", (WANG,), "Washington"), (date(2023, 10, 26), "day", date(2023, 10, 28), "day"))
    modi = dated(hand_made("visit", (MODI,), "Washington"), (date(2023, 10, 28), "day", date(2023, 10, 30), "day"))
    meeting = hand_made("meeting", (WANG, MODI), "Washington")
    meetings_during_visits([wang, modi, meeting])
    assert meeting.dates == day(2023, 10, 28)


@pytest.mark.parametrize(
    ("visits", "meeting"),
    [
        pytest.param(
            [hand_made("visit", (WANG,), "Washington")],
            hand_made("meeting", (WANG, BLINKEN), "Washington"),
            id="undated-visit",
        ),
        pytest.param(
            [dated(hand_made("visit", (WANG,), "Washington"), day(2023, 10, 26))],
            hand_made("meeting", (WANG, MODI), None),
            id="unplaced-without-a-host",
        ),
        pytest.param(
            [dated(hand_made("visit", (WANG,), "Washington"), day(2023, 10, 26))],
            hand_made("meeting", (WANG, BLINKEN), "Beijing"),
            id="held-elsewhere",
        ),
        pytest.param(
            [
                dated(hand_made("visit", (WANG,), "Washington"), day(2023, 10, 26)),
                dated(hand_made("visit", (WANG,), "New York"), day(2023, 10, 28)),
            ],
            hand_made("meeting", (WANG, BLINKEN), "United States"),
            id="two-trips-there",
        ),
        pytest.param(
            [
                dated(hand_made("visit", (WANG,), "Washington"), day(2023, 10, 26)),
                dated(hand_made("visit", (MODI,), "Washington"), day(2023, 10, 28)),
            ],
            hand_made("meeting", (WANG, MODI), "Washington"),
            id="stays-apart",
        ),
        pytest.param(
            [travelled(dated(hand_made("visit", (WANG,), "Washington"), day(2023, 10, 26)))],
            hand_made("meeting", (WANG, BLINKEN), "Washington"),
            id="only-the-journey-dated",
        ),
    ],
)
def test_a_meeting_the_trips_do_not_date_stays_undated(visits: list[EventCandidate], meeting: EventCandidate) -> None:
    meetings_during_visits([*visits, meeting])
    assert meeting.dates is None


RUTO = ResolvedActor(slug="william-ruto", kind="person", name="William Ruto", country="KE")
BIDEN = ResolvedActor(slug="joe-biden", kind="person", name="Joe Biden", country="US")


def hosted(candidate: EventCandidate) -> EventCandidate:
    """The candidate with its participants' roles as the extractor gives them at its venue."""
    venue = candidate.venue
    for slug, (actor, _) in candidate.participants.items():
        role = "host" if venue is not None and actor.country == venue.country else "guest"
        candidate.participants[slug] = (actor, role)
    return candidate


def test_a_guest_met_by_a_host_at_home_was_visiting() -> None:
    meeting = hosted(dated(hand_made("meeting", (BIDEN, RUTO), "White House"), day(2024, 5, 23)))
    events = [meeting]
    visits_of_guests(events)
    [visit] = [e for e in events if e.kind == "visit"]
    assert (list(visit.participants), visit.venue.name if visit.venue else None, visit.dates) == (
        ["william-ruto"],
        "Washington",
        day(2024, 5, 23),
    )


@pytest.mark.parametrize(
    "events",
    [
        pytest.param([hand_made("meeting", (WANG, MODI), "Washington")], id="no-host"),
        pytest.param([hand_made("meeting", (BIDEN, RUTO), None)], id="no-place"),
        pytest.param(
            [hand_made("visit", (RUTO,), "Washington"), hand_made("meeting", (BIDEN, RUTO), "White House")],
            id="the-trip-is-told",
        ),
    ],
)
def test_no_visit_is_added_where_the_meeting_implies_none_or_the_trip_is_told(events: list[EventCandidate]) -> None:
    for event in events:
        hosted(event)
    before = sum(e.kind == "visit" for e in events)
    visits_of_guests(events)
    assert sum(e.kind == "visit" for e in events) == before


def test_a_building_named_after_a_city_of_a_country_the_story_names_lies_in_it(nlp: Language) -> None:
    text = (
        "Joe Biden spent a day in Britain, where he met King Charles III at Windsor Castle on Monday, before "
        "flying to Vilnius."
    )
    [meeting] = [m for m in extract(nlp, text, date(2023, 7, 11)) if m.kind == "meeting"]
    assert meeting.venue is not None
    assert (meeting.venue.name, meeting.venue.city, meeting.venue.country) == ("Windsor Castle", "Windsor", "GB")


def test_a_listed_building_the_tagger_missed_is_the_venue_where_at_puts_it(nlp: Language) -> None:
    [meeting] = extract(nlp, "Olaf Scholz received Li Qiang at the Chancellery on Tuesday.", date(2023, 6, 21))
    assert meeting.venue is not None
    assert (meeting.venue.name, meeting.venue.city) == ("Federal Chancellery", "Berlin")


def test_the_subject_of_a_copula_takes_part_in_the_event_of_its_complement(nlp: Language) -> None:
    text = "Joe Biden and Xi Jinping had been due to hold talks in Bali on Monday."
    [meeting] = extract(nlp, text, date(2022, 11, 10))
    assert summary(meeting) == ("meeting", "postponed", ["joe-biden", "xi-jinping"], "Bali")


def test_the_agent_of_another_verb_is_not_the_traveller(nlp: Language) -> None:
    text = (
        "Sergey Lavrov held talks in Beijing on Tuesday with his counterpart Wang Yi, "
        "and was later received by Xi Jinping, on a two-day visit."
    )
    found = [summary(c)[:3] for c in extract(nlp, text, date(2024, 4, 10))]
    assert ("visit", "occurred", ["sergei-lavrov"]) in found
    assert ("visit", "occurred", ["xi-jinping"]) not in found
    # Wang Yi is in the company of the talks, not of the reception beside them.
    assert ("meeting", "occurred", ["sergei-lavrov", "xi-jinping"]) in found
    assert [people for kind, _, people in found if kind == "meeting"].count(["sergei-lavrov", "wang-yi"]) == 1


def test_travellers_named_by_an_including_phrase(nlp: Language) -> None:
    text = "A series of visits to Beijing this year, including by Janet Yellen and Gina Raimondo, eased tensions."
    travellers = sorted(p for c in extract(nlp, text, date(2023, 9, 1)) if c.kind == "visit" for p in c.participants)
    assert travellers == ["gina-raimondo", "janet-yellen"]


def test_who_says_a_meeting_will_happen_takes_no_part_in_it(nlp: Language) -> None:
    text = "Vinay Kwatra confirmed that Narendra Modi will hold talks with Sheikh Tamim bin Hamad Al Thani on Thursday."
    [meeting] = extract(nlp, text, date(2024, 2, 13))
    assert summary(meeting)[2] == ["narendra-modi", "tamim-bin-hamad-al-thani"]


def test_a_meeting_in_a_where_clause_is_at_the_place_it_refers_to(nlp: Language) -> None:
    text = "Narendra Modi arrived in Doha from Abu Dhabi, where on Tuesday he was received by Mohamed bin Zayed."
    meeting = next(c for c in extract(nlp, text, date(2024, 2, 15)) if c.kind == "meeting")
    assert summary(meeting)[2:] == (["mohamed-bin-zayed", "narendra-modi"], "Abu Dhabi")


def test_a_where_clause_completing_a_verb_is_at_the_place_it_refers_to(nlp: Language) -> None:
    text = "Olaf Scholz travels on to Lagos, where he is expected to hold talks with Bola Tinubu on Thursday."
    meeting = next(c for c in extract(nlp, text, date(2023, 10, 30)) if c.kind == "meeting")
    assert (summary(meeting)[3], meeting.dates) == ("Lagos", day(2023, 11, 2))


@pytest.mark.parametrize(
    ("text", "meeting_day"),
    [
        pytest.param(
            "His trip concludes on Sunday in Lagos, where Olaf Scholz will meet Bola Tinubu.",
            day(2023, 11, 5),
            id="the-day-of-the-clause-it-hangs-on",
        ),
        pytest.param(
            "His trip concludes on Sunday in Lagos, where Olaf Scholz will meet Bola Tinubu on Saturday evening.",
            day(2023, 11, 4),
            id="its-own-day-first",
        ),
        pytest.param(
            "Olaf Scholz flew home on Sunday after three days in Lagos, where he had met Bola Tinubu.",
            None,
            id="not-across-a-bound",
        ),
    ],
)
def test_a_where_clause_without_a_day_shares_the_day_of_its_place(
    nlp: Language, text: str, meeting_day: DateRange | None
) -> None:
    meeting = next(c for c in extract(nlp, text, date(2023, 11, 1)) if c.kind == "meeting")
    assert summary(meeting)[2:] == (["bola-tinubu", "olaf-scholz"], "Lagos")
    assert meeting.dates == meeting_day


def test_a_meeting_planned_with_a_host_at_home_implies_a_planned_visit(nlp: Language) -> None:
    text = "The tour ends in Abu Dhabi, where Recep Tayyip Erdogan is scheduled to meet Mohamed bin Zayed."
    doc = nlp(text)
    mentions = resolve_actors(doc, KnowledgeBase.load(), reference=date(2023, 7, 17))
    events = extract_events(doc, mentions, gazetteer=Gazetteer.load(), resolve_date=DateResolver(date(2023, 7, 17)))
    visits_of_guests(events)
    visits = [summary(c) for c in events if c.kind == "visit"]
    assert visits == [("visit", "planned", ["recep-tayyip-erdogan"], "Abu Dhabi")]


def test_a_kind_of_place_is_no_venue(nlp: Language) -> None:
    text = "Narendra Modi arrived in Kyiv on Friday for his first visit to a European country since the war began."
    assert {summary(c)[3] for c in extract(nlp, text, date(2024, 8, 24))} == {"Kyiv"}


@pytest.mark.parametrize(
    ("text", "meeting_day"),
    [
        pytest.param(
            "Cyril Ramaphosa arrived in Nairobi on Tuesday and was received by William Ruto at State House.",
            day(2023, 10, 31),
            id="a verb joined to a dated one shares its day",
        ),
        pytest.param(
            "Cyril Ramaphosa arrived in Nairobi on Tuesday and will meet William Ruto on Thursday.",
            day(2023, 11, 2),
            id="a joined verb with its own day keeps it",
        ),
    ],
)
def test_the_day_of_a_joined_verb(nlp: Language, text: str, meeting_day: DateRange) -> None:
    meeting = next(c for c in extract(nlp, text, date(2023, 11, 1)) if c.kind == "meeting")
    assert meeting.dates == meeting_day


@pytest.mark.parametrize(
    ("text", "status", "visit_day"),
    [
        pytest.param("On Sunday William Ruto flies to Pretoria.", "planned", day(2024, 3, 10), id="a-timetable"),
        pytest.param("William Ruto flew to Pretoria on Sunday.", "occurred", day(2024, 3, 3), id="the-past-tense"),
        pytest.param(
            "William Ruto flies to Pretoria on March 3, 2024.",
            "occurred",
            day(2024, 3, 3),
            id="a-day-either-tense-names",
        ),
        pytest.param("William Ruto flies to Pretoria every Sunday.", "occurred", None, id="a-habit"),
    ],
)
def test_the_present_tense_with_a_day_is_a_timetable(
    nlp: Language, text: str, status: str, visit_day: DateRange | None
) -> None:
    [visit] = [c for c in extract(nlp, text, date(2024, 3, 6)) if c.kind == "visit"]
    assert (visit.status, visit.dates) == (status, visit_day)


def test_an_itinerary_runs_forward(nlp: Language) -> None:
    text = (
        "William Ruto leaves for southern Africa next week. On Thursday he will meet Cyril Ramaphosa in Pretoria. "
        "On Tuesday he will hold talks with Bola Tinubu in Abuja."
    )
    meetings = [c for c in extract(nlp, text, date(2024, 3, 6)) if c.kind == "meeting"]
    assert [(sorted(m.participants), m.dates) for m in meetings] == [
        (["cyril-ramaphosa", "william-ruto"], day(2024, 3, 7)),
        (["bola-tinubu", "william-ruto"], day(2024, 3, 12)),  # the Tuesday after that Thursday
    ]


def test_a_timetable_goes_on_in_the_present_tense(nlp: Language) -> None:
    text = "On Thursday William Ruto will meet Cyril Ramaphosa in Pretoria. He then flies to Abuja."
    [visit] = [
        c for c in extract(nlp, text, date(2024, 3, 6)) if c.kind == "visit" and c.venue and c.venue.name == "Abuja"
    ]
    assert visit.status == "planned"


def test_a_visit_is_dated_by_the_meeting_its_sentence_holds_there(nlp: Language) -> None:
    text = "William Ruto will travel to Abuja, where he will hold talks with Bola Tinubu on Thursday."
    doc = nlp(text)
    mentions = resolve_actors(doc, KnowledgeBase.load(), reference=date(2024, 3, 6))
    events = extract_events(doc, mentions, gazetteer=Gazetteer.load(), resolve_date=DateResolver(date(2024, 3, 6)))
    visits_dated_by_their_meetings(events)
    [visit] = [c for c in events if c.kind == "visit"]
    assert (visit.status, visit.venue and visit.venue.name, visit.dates) == ("planned", "Abuja", day(2024, 3, 7))


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("William Ruto flew home on Sunday.", id="home"),
        pytest.param("William Ruto will fly back home from Pretoria on Sunday.", id="back-home"),
    ],
)
def test_flying_home_is_no_visit(nlp: Language, text: str) -> None:
    assert [c for c in extract(nlp, text, date(2024, 3, 6)) if c.kind == "visit"] == []


def test_a_trip_to_a_continent_is_no_visit_of_its_own(nlp: Language) -> None:
    text = "It was William Ruto's first trip to Europe since 2022."
    assert [c for c in extract(nlp, text, date(2024, 3, 6)) if c.kind == "visit"] == []


def test_an_entry_of_a_timeline_dates_what_it_tells(nlp: Language) -> None:
    text = (
        "Relations in brief\n\n"
        "- 4–6 March 2021 – William Ruto visits Pretoria. On 5 March he meets Cyril Ramaphosa.\n\n"
        "- 2 May 2022: Cyril Ramaphosa hosts Bola Tinubu in Pretoria."
    )
    found = {(c.kind, tuple(sorted(c.participants))): c.dates for c in extract(nlp, text, date(2024, 3, 6))}
    assert found[("visit", ("william-ruto",))] == (date(2021, 3, 4), "day", date(2021, 3, 6), "day")
    assert found[("meeting", ("cyril-ramaphosa", "william-ruto"))] == day(2021, 3, 5)  # read from the entry's day
    assert found[("meeting", ("bola-tinubu", "cyril-ramaphosa"))] == day(2022, 5, 2)


@pytest.mark.parametrize("stamp", ["14:05 GMT", "2 hours ago", "45 min ago", "an hour ago"])
def test_an_entry_of_a_live_report_is_of_the_day_it_is_written(nlp: Language, stamp: str) -> None:
    text = f"Live: talks in Pretoria\n\n{stamp}\n\nWilliam Ruto and Cyril Ramaphosa sit down for talks in Pretoria."
    [meeting] = [c for c in extract(nlp, text, date(2024, 3, 6)) if c.kind == "meeting"]
    assert meeting.dates == day(2024, 3, 6)


def test_an_entry_stamped_days_ago_is_not_of_the_day_of_writing(nlp: Language) -> None:
    text = "Live: talks in Pretoria\n\n2 days ago\n\nWilliam Ruto and Cyril Ramaphosa sit down for talks in Pretoria."
    [meeting] = [c for c in extract(nlp, text, date(2024, 3, 6)) if c.kind == "meeting"]
    assert meeting.dates is None


def test_a_group_met_where_its_place_is_set_off_by_commas(nlp: Language) -> None:
    text = (
        "William Ruto and Cyril Ramaphosa signed a trade accord on Monday. The presidents met in Pretoria, "
        "Mr Ramaphosa's seat of government, and agreed to open a rail corridor."
    )
    meetings = [summary(c) for c in extract(nlp, text, date(2024, 3, 6)) if c.kind == "meeting"]
    assert ("meeting", "occurred", ["cyril-ramaphosa", "william-ruto"], "Pretoria") in meetings
