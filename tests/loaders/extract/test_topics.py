"""Topic matching finds what a text discusses, with offsets, and ignores the false friends."""

from __future__ import annotations

import pytest

from loaders.extract.topics import TopicDefinition, TopicMatch, TopicMatcher

TAXONOMY = [
    "taiwan",
    "russia-ukraine-war",
    "middle-east",
    "fentanyl",
    "maritime-disputes",
    "military-communication",
    "trade-economy",
    "human-rights",
    "detained-citizens",
    "korean-peninsula",
    "espionage-surveillance",
    "climate",
    "people-to-people",
    "leadership-politics",
    "alliances",
    "technology",
]

# (slug, a sentence that discusses the topic, the phrase that shows it)
POSITIVES = [
    ("taiwan", "Beijing warned Washington against arms sales to Taiwan.", "Taiwan"),
    ("taiwan", "Both sides pledged to keep the peace in cross-strait relations.", "cross-strait"),
    ("russia-ukraine-war", "The ministers discussed the war in Ukraine at length.", "Ukraine"),
    ("middle-east", "Officials traded views on the fighting between Israel and Hamas.", "Israel"),
    ("middle-east", "Houthi attacks on shipping were raised.", "Houthi"),
    ("fentanyl", "China agreed to curb exports of precursor chemicals.", "precursor chemicals"),
    ("fentanyl", "A working group on counter-narcotics will meet next month.", "counter-narcotics"),
    ("maritime-disputes", "Manila protested new Chinese patrols near Scarborough Shoal.", "Scarborough Shoal"),
    ("military-communication", "The two sides will restore military-to-military channels.", "military-to-military"),
    (
        "military-communication",
        "The Pentagon released footage of an unsafe intercept over the sea.",
        "unsafe intercept",
    ),
    ("trade-economy", "Washington tightened export controls on advanced equipment.", "export controls"),
    ("trade-economy", "The yuan exchange rate fell to a new low.", "exchange rate"),
    ("human-rights", "The senator raised human rights in Tibet.", "human rights"),
    ("detained-citizens", "He pressed for the release of wrongfully detained Americans.", "wrongfully detained"),
    ("korean-peninsula", "Pyongyang fired another missile into the sea.", "Pyongyang"),
    ("espionage-surveillance", "Prosecutors charged two men with spying for a foreign power.", "spying"),
    ("climate", "Envoys met to cut methane and other greenhouse gases.", "methane"),
    ("people-to-people", "Airlines will add passenger flights between the two countries.", "passenger flights"),
    ("people-to-people", "The leaders welcomed more student exchanges.", "student exchanges"),
    ("leadership-politics", "The defence minister was removed from his post after a purge.", "purge"),
    ("alliances", "AUKUS partners will build submarines together.", "AUKUS"),
    ("technology", "New rules limit sales of advanced chips to Chinese firms.", "chips"),
    ("technology", "The countries renewed their science and technology agreement.", "science and technology"),
]

# (slug, a sentence that does not discuss the topic though it looks close)
NEGATIVES = [
    ("taiwan", "Taiwan Semiconductor Manufacturing reported record sales."),
    ("russia-ukraine-war", "The delegation flew on to Moscow."),
    ("middle-east", "The talks took place in Vienna."),
    ("fentanyl", "The drug was approved by regulators."),
    ("maritime-disputes", "The coast guard rescued a fisherman."),
    ("military-communication", "Aides said communication between the leaders was cordial."),
    ("trade-economy", "The leaders traded barbs before the summit."),
    ("trade-economy", "Officials fear a growing arms trade between the two regimes."),
    ("trade-economy", "Treasury Secretary Janet Yellen will attend the Asia-Pacific Economic Cooperation forum."),
    ("human-rights", "Hong Kong's stock market rallied."),
    ("detained-citizens", "The envoy was detained by traffic for an hour."),
    ("korean-peninsula", "The foreign minister flew to Seoul."),
    ("espionage-surveillance", "Jake Sullivan, the national security adviser, met his counterpart."),
    ("espionage-surveillance", "The trip had been delayed by the spy balloon episode."),
    ("espionage-surveillance", "The navies will step up maritime surveillance patrols."),
    ("climate", "The business climate for foreign firms has worsened."),
    ("people-to-people", "A White House official told reporters the two sides had a frank exchange of views."),
    ("leadership-politics", "She was elected to chair the committee."),
    ("alliances", "The Quad bike race was cancelled."),
    ("technology", "Allies agreed to chip in, and Beijing used the issue as a bargaining chip."),
]


@pytest.fixture(scope="module")
def matcher() -> TopicMatcher:
    return TopicMatcher.load()


def test_taxonomy_has_the_sixteen_topics_with_labels_and_descriptions(matcher: TopicMatcher) -> None:
    assert [d.slug for d in matcher.definitions] == TAXONOMY
    for definition in matcher.definitions:
        assert isinstance(definition, TopicDefinition)
        assert definition.label
        assert definition.description


def test_every_topic_has_a_positive_and_a_negative_example() -> None:
    assert {slug for slug, *_ in POSITIVES} == set(TAXONOMY)
    assert {slug for slug, _ in NEGATIVES} == set(TAXONOMY)


@pytest.mark.parametrize(("slug", "text", "phrase"), POSITIVES, ids=[f"{s}:{p}" for s, _, p in POSITIVES])
def test_positive_example_has_topic_and_offsets_point_at_phrase(
    matcher: TopicMatcher, slug: str, text: str, phrase: str
) -> None:
    assert phrase in matcher.topics_of(text).get(slug, [])
    matches = [m for m in matcher.find(text) if m.slug == slug and m.phrase == phrase]
    assert matches, matcher.find(text)
    for match in matches:
        assert text[match.start : match.end] == phrase


@pytest.mark.parametrize(("slug", "text"), NEGATIVES, ids=[f"{s}:{t[:30]}" for s, t in NEGATIVES])
def test_negative_example_lacks_topic(matcher: TopicMatcher, slug: str, text: str) -> None:
    assert slug not in matcher.topics_of(text)


def test_one_weak_mention_is_not_enough_two_are(matcher: TopicMatcher) -> None:
    assert "russia-ukraine-war" not in matcher.topics_of("Putin spoke briefly.")
    assert matcher.topics_of("Putin said Russia would not back down.")["russia-ukraine-war"] == ["Putin", "Russia"]


def test_min_mentions_raises_the_bar(matcher: TopicMatcher) -> None:
    text = "Fentanyl was discussed. Later, more on fentanyl."
    assert matcher.topics_of(text, min_mentions=2) == {"fentanyl": ["Fentanyl"]}
    assert matcher.topics_of(text, min_mentions=3) == {}


def test_phrases_are_deduplicated_in_text_order(matcher: TopicMatcher) -> None:
    text = "Taiwan, Taiwan and again TAIWAN; also Taipei and the Taiwan Strait."
    assert matcher.topics_of(text)["taiwan"] == ["Taiwan", "Taipei", "Taiwan Strait"]


def test_find_returns_every_match_in_order_with_offsets(matcher: TopicMatcher) -> None:
    text = "Tariffs on chips and fentanyl."
    found = matcher.find(text)
    assert [(m.slug, m.phrase) for m in found] == [
        ("trade-economy", "Tariffs"),
        ("technology", "chips"),
        ("fentanyl", "fentanyl"),
    ]
    assert found[2] == TopicMatch("fentanyl", "fentanyl", 21, 29, strong=True)
    assert [text[m.start : m.end] for m in found] == [m.phrase for m in found]


def test_whole_words_only(matcher: TopicMatcher) -> None:
    assert matcher.topics_of("Spyware and microchips and Iranophiles.") == {}


def test_topics_come_in_taxonomy_order(matcher: TopicMatcher) -> None:
    assert list(matcher.topics_of("AUKUS, then fentanyl, then Taiwan.")) == ["taiwan", "fentanyl", "alliances"]


def test_load_is_cached(matcher: TopicMatcher) -> None:
    assert TopicMatcher.load() is matcher


def test_from_data_rejects_bad_patterns_and_duplicate_slugs() -> None:
    entry = {"slug": "x", "label": "X", "description": "d", "strong": ["ok"]}
    assert [d.slug for d in TopicMatcher.from_data({"topics": [entry]}).definitions] == ["x"]
    with pytest.raises(ValueError, match="bad pattern"):
        TopicMatcher.from_data({"topics": [{**entry, "strong": ["(unclosed"]}]})
    with pytest.raises(ValueError, match="listed twice"):
        TopicMatcher.from_data({"topics": [entry, entry]})
    with pytest.raises(ValueError, match="no strong pattern"):
        TopicMatcher.from_data({"topics": [{**entry, "strong": []}]})
