"""Which actors a parsed article names: people from the knowledge base (however garbled or shortened),
new people, bare offices, countries and organisations, and never the byline."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import pytest
from spacy.language import Language

from loaders.kb import KnowledgeBase
from loaders.nlp import load_pipeline
from loaders.resolve import ActorMention, resolve_actors


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline()


def resolve(nlp: Language, text: str, reference: date | None, excluded_names: Iterable[str] = ()) -> list[ActorMention]:
    return resolve_actors(nlp(text), KnowledgeBase.load(), reference=reference, excluded_names=excluded_names)


def people(mentions: list[ActorMention]) -> list[tuple[str, str]]:
    """(spelling, actor slug) of every person mention, in text order."""
    return [(m.spelling, m.actor.slug) for m in mentions if m.actor.kind == "person"]


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        pytest.param(
            "Antony Blinken met Wang Yi in Jakarta on Thursday.",
            date(2023, 7, 13),
            [("Antony Blinken", "antony-blinken"), ("Wang Yi", "wang-yi")],
            id="full-names",
        ),
        pytest.param(
            "Foreign Minister Wang Yi met Jake Sullivan in Vienna. Mr. Wang called the talks candid.",
            date(2023, 5, 11),
            [("Wang Yi", "wang-yi"), ("Jake Sullivan", "jake-sullivan"), ("Wang", "wang-yi")],
            id="honorific-and-surname-after-full-name",
        ),
        pytest.param(
            "Wang Yi held talks with Jake Sullivan, officials said, and Sullivan later briefed Antony Blinken.",
            date(2023, 9, 17),
            [
                ("Wang Yi", "wang-yi"),
                ("Jake Sullivan", "jake-sullivan"),
                ("Sullivan", "jake-sullivan"),
                ("Antony Blinken", "antony-blinken"),
            ],
            id="surname-after-full-name",
        ),
        pytest.param(
            "Mr. Blinken arrived in Beijing on Sunday.",
            date(2023, 6, 18),
            [("Blinken", "antony-blinken")],
            id="surname-of-the-one-office-holder",
        ),
        pytest.param(
            "Mr. Blinken said the tariffs would hurt American farmers.",
            date(2019, 6, 16),
            [],
            id="surname-of-no-office-holder-then",
        ),
        pytest.param(
            "Chinese Foreign Minister Chen Gang met Secretary of State Antony Blinken in Beijing on Sunday.",
            date(2023, 6, 18),
            [("Chen Gang", "qin-gang"), ("Antony Blinken", "antony-blinken")],
            id="garbled-name-next-to-office",
        ),
        pytest.param(
            "Secretary of State Anthony Blinkin arrived in Beijing on Sunday.",
            date(2023, 6, 18),
            [("Anthony Blinkin", "antony-blinken")],
            id="misspelled-name-next-to-office",
        ),
        pytest.param(
            "Philanthropist Invoice Gates, co-founder of Microsoft, met Xi Jinping on Friday.",
            date(2023, 6, 16),
            [("Invoice Gates", "bill-gates"), ("Xi Jinping", "xi-jinping")],
            id="surname-with-supporting-context",
        ),
        pytest.param(
            "Officials said Smith attended the talks in Geneva.",
            date(2023, 9, 17),
            [],
            id="unknown-surname-alone-dropped",
        ),
    ],
)
def test_people(nlp: Language, text: str, reference: date, expected: list[tuple[str, str]]) -> None:
    assert people(resolve(nlp, text, reference)) == expected


@pytest.mark.parametrize(
    ("reference", "holder"),
    [
        pytest.param(date(2023, 6, 18), "qin-gang", id="qin-gang-in-office"),
        pytest.param(date(2024, 3, 7), "wang-yi", id="wang-yi-back-in-office"),
    ],
)
def test_a_garbled_name_goes_to_whoever_held_the_office_on_the_reference_date(
    nlp: Language, reference: date, holder: str
) -> None:
    # "Qin Yi" shares a word with both foreign ministers of 2023; the article's date decides.
    mentions = resolve(nlp, "Chinese Foreign Minister Qin Yi met Antony Blinken in Beijing.", reference)
    assert people(mentions)[0] == ("Qin Yi", holder)


def test_a_garbled_spelling_resolved_once_means_that_person_throughout(nlp: Language) -> None:
    # Qin Gang was China's foreign minister in June 2023; the rewritten text calls him "Chen Gang".
    text = (
        "Antony Blinken met Chinese Foreign Minister Chen Gang in Beijing. "
        '"Taiwan is the core of core interests," Chen Gang said. Chen will visit Washington.'
    )
    found = people(resolve(nlp, text, date(2023, 6, 19)))
    assert [slug for spelling, slug in found if spelling.startswith("Chen")] == ["qin-gang"] * 3


def test_an_unknown_full_name_becomes_a_new_actor_with_what_the_text_says(nlp: Language) -> None:
    mentions = resolve(
        nlp, "Maltese Foreign Minister Ian Borg hosted Wang Yi and Jake Sullivan in Valletta.", date(2023, 9, 17)
    )
    [borg] = [m.actor for m in mentions if m.spelling == "Ian Borg"]
    assert (borg.slug, borg.known, borg.country, borg.description) == (
        "person-ian-borg",
        False,
        "MT",
        "foreign minister",
    )


def test_a_surname_without_supporting_context_is_not_the_famous_namesake(nlp: Language) -> None:
    mentions = resolve(nlp, "Philanthropist Invoice Gates met Xi Jinping on Friday.", date(2023, 6, 16))
    assert "bill-gates" not in {m.actor.slug for m in mentions}


def test_a_bare_office_is_the_holder_the_article_names(nlp: Language) -> None:
    text = "China's top diplomat met Jake Sullivan in Malta. Wang Yi later flew home."
    [office] = [m for m in resolve(nlp, text, date(2023, 9, 17)) if not m.named]
    assert (office.spelling, office.actor.slug) == ("China's top diplomat", "wang-yi")


@pytest.mark.parametrize(
    ("reference", "expected"),
    [
        pytest.param(date(2023, 9, 17), [("China's top diplomat", "wang-yi")], id="holder-on-the-date"),
        pytest.param(None, [], id="undated-article-guesses-no-one"),
    ],
)
def test_a_bare_office_alone_needs_the_article_date(
    nlp: Language, reference: date | None, expected: list[tuple[str, str]]
) -> None:
    text = "China's top diplomat held talks with Jake Sullivan in Malta over the weekend."
    assert [(m.spelling, m.actor.slug) for m in resolve(nlp, text, reference) if not m.named] == expected


def test_a_byline_is_never_an_actor(nlp: Language) -> None:
    text = "By Laura Zhou. Antony Blinken met Wang Yi in Jakarta, Laura Zhou reported."
    mentions = resolve(nlp, text, date(2023, 7, 13), excluded_names=["Laura Zhou"])
    assert people(mentions) == [("Antony Blinken", "antony-blinken"), ("Wang Yi", "wang-yi")]


def test_countries_and_organisations(nlp: Language) -> None:
    mentions = resolve(
        nlp, "NATO leaders met in Vilnius as the European Union and Ukraine looked on.", date(2023, 7, 12)
    )
    assert [(m.spelling, m.actor.kind, m.actor.slug) for m in mentions] == [
        ("NATO", "organization", "north-atlantic-treaty-organization"),
        ("the European Union", "organization", "european-union"),
        ("Ukraine", "country", "country-ua"),
    ]


def test_a_demonym_names_its_country(nlp: Language) -> None:
    mentions = resolve(nlp, "Chinese Foreign Minister Qin Gang met Antony Blinken.", date(2023, 6, 18))
    assert (mentions[0].spelling, mentions[0].actor.slug, mentions[0].actor.country) == ("Chinese", "country-cn", "CN")


def test_the_united_states_with_its_article_is_a_country(nlp: Language) -> None:
    mentions = resolve(nlp, "Relations between the United States and China have been strained.", date(2023, 6, 16))
    assert [m.actor.slug for m in mentions] == ["country-us", "country-cn"]


def test_a_garbled_name_after_a_description_resolves_by_context(nlp: Language) -> None:
    mentions = resolve(nlp, "Microsoft co-founder Invoice Gates met Xi Jinping in Beijing.", date(2023, 6, 16))
    assert ("Invoice Gates", "bill-gates") in people(mentions)


def test_president_xi_is_xi_jinping(nlp: Language) -> None:
    mentions = resolve(nlp, "President Xi met President Joe Biden near San Francisco on Wednesday.", date(2023, 11, 15))
    assert people(mentions) == [("Xi", "xi-jinping"), ("Joe Biden", "joe-biden")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Vladimir Putin told Recep Tayyip Erdogan on Monday that the deal was off. The two leaders held talks.",
            [("The two leaders", "recep-tayyip-erdogan"), ("The two leaders", "vladimir-putin")],
            id="the-two-leaders",
        ),
        pytest.param(
            "Olaf Scholz greeted Emmanuel Macron in Berlin. Both men then spoke to reporters.",
            [("Both men", "emmanuel-macron"), ("Both men", "olaf-scholz")],
            id="both-men",
        ),
    ],
)
def test_a_group_refers_to_as_many_people_named_just_before(
    nlp: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    found = [(m.spelling, m.actor.slug) for m in resolve(nlp, text, date(2023, 9, 4)) if not m.named]
    assert sorted(found) == expected


def test_a_group_with_more_people_named_before_it_refers_to_no_one(nlp: Language) -> None:
    text = "Vladimir Putin, Recep Tayyip Erdogan and Olaf Scholz met. The two leaders held talks."
    assert [m for m in resolve(nlp, text, date(2023, 9, 4)) if not m.named and "two" in m.spelling] == []


def test_an_object_pronoun_is_the_latest_person_named_who_is_not_the_subject(nlp: Language) -> None:
    text = "Recep Tayyip Erdogan arrived in Athens on Thursday. Kyriakos Mitsotakis hosted him at the Maximos Mansion."
    found = [(m.spelling, m.actor.slug) for m in resolve(nlp, text, date(2023, 12, 7)) if not m.named]
    assert found == [("him", "recep-tayyip-erdogan")]


@pytest.mark.parametrize(
    ("text", "antecedent"),
    [
        pytest.param(
            "While Xi Jinping was in Moscow, Olaf Scholz flew to Warsaw, where he met Andrzej Duda.",
            "olaf-scholz",
            id="the subject of the clause holding it, not of an earlier clause",
        ),
        pytest.param(
            "Lula da Silva, who flew in from Lisbon, where he had met Antonio Costa, landed in Madrid.",
            "luiz-inacio-lula-da-silva",
            id="through relative clauses to the subject they describe",
        ),
        pytest.param(
            "Antony Blinken is the first official to visit since Joe Biden took office and his trip comes late.",
            "antony-blinken",
            id="not the subject of a clause joined beside it",
        ),
    ],
)
def test_a_subject_pronoun_refers_to_the_subject_of_a_clause_above_it(
    nlp: Language, text: str, antecedent: str
) -> None:
    found = [m.actor.slug for m in resolve(nlp, text, date(2023, 6, 14)) if not m.named]
    assert found == [antecedent]


def test_a_pronoun_skips_people_of_the_other_gender(nlp: Language) -> None:
    text = "Giorgia Meloni flew to Tokyo on Sunday. Fumio Kishida greeted her at the airport. She then met Naruhito."
    found = [(m.spelling, m.actor.slug) for m in resolve(nlp, text, date(2023, 6, 14)) if not m.named]
    assert found == [("her", "giorgia-meloni"), ("She", "giorgia-meloni")]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "Narendra Modi is on his way home. Rahul Mehta, set the scene for us. He went to Kyiv first.",
            id="the person spoken to",
        ),
        pytest.param(
            "Narendra Modi is on his way home. [00:00:31] RAHUL MEHTA: He went to Kyiv first.",
            id="a transcript's speaker",
        ),
    ],
)
def test_a_pronoun_does_not_refer_to_the_person_spoken_to_or_speaking(nlp: Language, text: str) -> None:
    found = [(m.spelling, m.actor.slug) for m in resolve(nlp, text, date(2024, 8, 24)) if not m.named]
    assert ("He", "narendra-modi") in found


def test_a_name_in_quotation_marks_is_a_title_not_a_person(nlp: Language) -> None:
    text = 'The rally "Salaam Modi" is over. Vinay Kwatra said the visit went well.'
    assert [slug for _, slug in people(resolve(nlp, text, date(2024, 2, 13)))] == ["person-vinay-kwatra"]


def test_a_surname_names_the_person_the_article_names_by_office(nlp: Language) -> None:
    text = "The Indian prime minister arrived in Abu Dhabi. Modi and Sheikh Mohamed bin Zayed then held talks."
    found = people(resolve(nlp, text, date(2024, 2, 13)))
    assert ("Modi", "narendra-modi") in found


def test_a_city_the_tagger_takes_for_a_person_is_no_person_where_a_place_goes(nlp: Language) -> None:
    text = "Alberto Fernández, who flew to São Paulo to congratulate Lula, called it a reunion."
    assert "person-sao-paulo" not in [slug for _, slug in people(resolve(nlp, text, date(2022, 11, 1)))]


def test_an_office_before_a_name_the_tagger_missed_is_that_name_s_title(nlp: Language) -> None:
    text = (
        "Antony Blinken leaves next week. He'll meet Prime Minister Hu'akavameiliku Siaosi Sovaleni and will also "
        "have an audience with the king. Then he will meet Prime Minister Chris Hipkins."
    )
    mentions = resolve_actors(nlp(text), KnowledgeBase.load(), reference=date(2023, 7, 26))
    first_title = text.index("Prime Minister")
    assert [m.actor.slug for m in mentions if m.start == first_title] == []  # not the prime minister named later
