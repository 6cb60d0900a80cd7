"""The shipped knowledge base: who held which office when, and how news spellings resolve."""

from __future__ import annotations

from datetime import date
from importlib.resources import files

import pytest

from loaders.kb import KnowledgeBase, Person, Position


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.load()


def names(people: tuple[Person, ...]) -> list[str]:
    return [person.name for person in people]


def test_load_reads_the_package_data_once() -> None:
    assert KnowledgeBase.load() is KnowledgeBase.load()


def test_the_data_folder_is_read_through_importlib_resources() -> None:
    data = files("loaders.kb") / "data"
    for name in ("people.yaml", "organizations.yaml", "countries.yaml", "titles.yaml"):
        assert (data / name).is_file()


def test_a_fresh_parse_of_the_shipped_files_gives_the_loaded_knowledge_base(kb: KnowledgeBase) -> None:
    fresh = KnowledgeBase.from_directory(files("loaders.kb") / "data")
    assert (len(fresh.people), len(fresh.role_phrases())) == (len(kb.people), len(kb.role_phrases()))


def test_sizes(kb: KnowledgeBase) -> None:
    assert len(kb.people) >= 250
    assert len(kb.countries) == 193 + 6  # UN members, Taiwan, Hong Kong, Macau, Palestine, Kosovo, Vatican
    assert len(kb.organizations) >= 100


@pytest.mark.parametrize(
    ("role", "country", "day", "expected"),
    [
        pytest.param("foreign-minister", "CN", date(2023, 6, 18), ["Qin Gang"], id="cn-fm-qin"),
        pytest.param("foreign-minister", "CN", date(2023, 9, 1), ["Wang Yi"], id="cn-fm-wang-again"),
        pytest.param("foreign-minister", "CN", date(2019, 5, 1), ["Wang Yi"], id="cn-fm-wang-first-term"),
        pytest.param("top-diplomat", "CN", date(2022, 6, 1), ["Yang Jiechi"], id="cn-top-diplomat-yang"),
        pytest.param("top-diplomat", "CN", date(2024, 3, 1), ["Wang Yi"], id="cn-top-diplomat-wang"),
        pytest.param("national-security-adviser", "US", date(2023, 9, 16), ["Jake Sullivan"], id="us-nsa"),
        pytest.param("head-of-state", "US", date(2019, 1, 1), ["Donald Trump"], id="us-president-2019"),
        pytest.param("head-of-government", "US", date(2023, 6, 18), ["Joe Biden"], id="us-president-is-hog"),
        pytest.param("head-of-state", "US", date(2025, 6, 1), ["Donald Trump"], id="us-president-2025"),
        pytest.param("foreign-minister", "US", date(2023, 6, 18), ["Antony Blinken"], id="us-secstate"),
        pytest.param("finance-minister", "US", date(2023, 7, 7), ["Janet Yellen"], id="us-treasury"),
        pytest.param("defense-minister", "US", date(2023, 6, 3), ["Lloyd Austin"], id="us-defense"),
        pytest.param("commerce-minister", "US", date(2023, 8, 29), ["Gina Raimondo"], id="us-commerce"),
        pytest.param("climate-envoy", "US", date(2023, 6, 1), ["John Kerry"], id="us-climate-envoy"),
        pytest.param("climate-envoy", "CN", date(2023, 6, 1), ["Xie Zhenhua"], id="cn-climate-envoy"),
        pytest.param("defense-minister", "CN", date(2023, 6, 3), ["Li Shangfu"], id="cn-defense"),
        pytest.param("head-of-government", "CN", date(2023, 7, 1), ["Li Qiang"], id="cn-premier"),
        pytest.param("party-leader", "CN", date(2020, 1, 1), ["Xi Jinping"], id="cn-party"),
        pytest.param("head-of-state", "TW", date(2023, 1, 1), ["Tsai Ing-wen"], id="tw-president"),
        pytest.param("head-of-state", "TW", date(2024, 6, 1), ["Lai Ching-te"], id="tw-president-lai"),
        pytest.param("head-of-government", "GB", date(2022, 10, 1), ["Liz Truss"], id="uk-truss"),
        pytest.param("head-of-state", "CA", date(2023, 1, 1), ["Charles III"], id="canada-king"),
        pytest.param("head-of-state", "JP", date(2019, 4, 30), ["Akihito"], id="jp-emperor-last-day"),
        pytest.param("head-of-state", "JP", date(2019, 5, 1), ["Naruhito"], id="jp-emperor-first-day"),
        pytest.param("head-of-state", "IR", date(2022, 1, 1), ["Ali Khamenei"], id="iran-supreme-leader"),
        pytest.param("head-of-government", "IR", date(2022, 1, 1), ["Ebrahim Raisi"], id="iran-president"),
    ],
)
def test_holders_on_a_day(kb: KnowledgeBase, role: str, country: str, day: date, expected: list[str]) -> None:
    assert names(kb.holders(role, country=country, on=day)) == expected


def test_both_terms_end_inclusive_on_a_same_day_handover(kb: KnowledgeBase) -> None:
    assert names(kb.holders("foreign-minister", country="CN", on=date(2023, 7, 25))) == ["Qin Gang", "Wang Yi"]


def test_holders_without_a_day_lists_everyone_in_order_of_first_term(kb: KnowledgeBase) -> None:
    assert names(kb.holders("foreign-minister", country="CN")) == ["Yang Jiechi", "Wang Yi", "Qin Gang"]
    assert names(kb.holders("national-security-adviser", country="US"))[-6:] == [
        "H. R. McMaster",
        "John Bolton",
        "Robert O'Brien",
        "Jake Sullivan",
        "Mike Waltz",
        "Marco Rubio",
    ]


def test_holders_accepts_a_country_name_and_an_organization(kb: KnowledgeBase) -> None:
    assert names(kb.holders("head-of-state", country="China", on=date(2020, 1, 1))) == ["Xi Jinping"]
    assert names(kb.holders("secretary-general", organization="NATO", on=date(2023, 7, 11))) == ["Jens Stoltenberg"]
    assert names(kb.holders("secretary-general", organization="UN", on=date(2023, 7, 11))) == ["António Guterres"]


def test_holders_refuses_an_unknown_role_or_country(kb: KnowledgeBase) -> None:
    with pytest.raises(ValueError, match="unknown role 'foreign-secretary'"):
        kb.holders("foreign-secretary")
    with pytest.raises(ValueError, match="unknown country 'Atlantis'"):
        kb.holders("head-of-state", country="Atlantis")


def test_a_list_of_roles_becomes_one_position_per_role(kb: KnowledgeBase) -> None:
    biden = kb.person_by_name("Joe Biden")
    assert biden is not None
    terms = biden.positions_on(date(2022, 1, 1))
    assert {position.role for position in terms} == {"head-of-state", "head-of-government"}
    assert {position.title for position in terms} == {"President of the United States"}


def test_reduced_precision_dates_widen_to_the_whole_period(kb: KnowledgeBase) -> None:
    wang = kb.person_by_name("Wang Yi")
    assert wang is not None
    [office] = [position for position in wang.positions if position.role == "top-diplomat"]
    assert (office.start, office.start_precision, office.end) == (date(2023, 1, 1), "month", None)
    assert office.held_on(date(2023, 1, 1))
    assert not office.held_on(date(2022, 12, 31))


@pytest.mark.parametrize(
    ("spelling", "expected"),
    [
        pytest.param("Antony J. Blinken", "Antony Blinken", id="middle-initial"),
        pytest.param("Tony Blinken", "Antony Blinken", id="short-form"),
        pytest.param("Joseph R. Biden Jr.", "Joe Biden", id="full-name"),
        pytest.param("Lai Ching-de", "Lai Ching-te", id="romanisation"),
        pytest.param("William Lai", "Lai Ching-te", id="english-name"),
        pytest.param("Volodymyr Zelenskyy", "Volodymyr Zelensky", id="transliteration"),
        pytest.param("RECEP TAYYIP ERDOGAN", "Recep Tayyip Erdoğan", id="case-and-accents"),
        pytest.param("Kim Jong-un", "Kim Jong Un", id="korean-hyphen"),
        pytest.param("Lula", "Luiz Inácio Lula da Silva", id="known-single-name"),
    ],
)
def test_person_by_name(kb: KnowledgeBase, spelling: str, expected: str) -> None:
    person = kb.person_by_name(spelling)
    assert person is not None
    assert person.name == expected


def test_person_by_name_is_exact(kb: KnowledgeBase) -> None:
    assert kb.person_by_name("Chen Gang") is None
    assert kb.person_by_name("Blinken") is None


@pytest.mark.parametrize(
    ("surname", "included"),
    [
        pytest.param("Blinken", {"Antony Blinken"}, id="western"),
        pytest.param("wang", {"Wang Yi", "Wang Wentao", "Wang Huning", "Wang Xiaohong"}, id="chinese-family-name"),
        pytest.param("Lai", {"Lai Ching-te"}, id="taiwan"),
        pytest.param("Zelenskyy", {"Volodymyr Zelensky"}, id="alias-spelling"),
        pytest.param("von der Leyen", {"Ursula von der Leyen"}, id="particles"),
        pytest.param("Marcos", {"Ferdinand Marcos Jr."}, id="suffix-dropped"),
        pytest.param("López Obrador", {"Andrés Manuel López Obrador"}, id="explicit-double-surname"),
        pytest.param("Kim", {"Kim Jong Un", "Kim Yo Jong"}, id="korean"),
        pytest.param("Duterte", {"Rodrigo Duterte", "Sara Duterte"}, id="shared-surname"),
    ],
)
def test_people_by_surname(kb: KnowledgeBase, surname: str, included: set[str]) -> None:
    assert included <= set(names(kb.people_by_surname(surname)))


def test_hyphenated_given_names_are_not_surnames(kb: KnowledgeBase) -> None:
    assert kb.people_by_surname("te") == ()
    assert kb.people_by_surname("William") == ()


@pytest.mark.parametrize(
    ("phrase", "country", "role"),
    [
        pytest.param("foreign minister", None, "foreign-minister", id="foreign-minister"),
        pytest.param("China's foreign minister", None, "foreign-minister", id="inside-longer-text"),
        pytest.param("Secretary of State", None, "foreign-minister", id="us-secretary-of-state"),
        pytest.param("Foreign Secretary", None, "foreign-minister", id="uk-foreign-secretary"),
        pytest.param("the top diplomat", None, "foreign-minister", id="top-diplomat-in-general"),
        pytest.param("the top diplomat", "CN", "top-diplomat", id="top-diplomat-of-china"),
        pytest.param("China's top diplomat", None, "top-diplomat", id="china-s-top-diplomat"),
        pytest.param("Defense Secretary", None, "defense-minister", id="defense-secretary"),
        pytest.param("national security advisor", None, "national-security-adviser", id="nsa-spelling"),
        pytest.param("Premier", None, "head-of-government", id="premier"),
        pytest.param("Vice Premier", None, "deputy-head-of-government", id="longest-wins"),
        pytest.param("Chinese leader", None, "party-leader", id="chinese-leader"),
        pytest.param("Treasury Secretary", None, "finance-minister", id="treasury"),
        pytest.param("the U.S. president", None, "head-of-state", id="us-president"),
        pytest.param("Vice President", None, "vice-president", id="vice-president"),
        pytest.param("Chancellor of the Exchequer", None, "finance-minister", id="exchequer"),
        pytest.param("chief executive", "HK", "head-of-government", id="hong-kong-chief-executive"),
        pytest.param("President-elect", None, "designate", id="not-yet-in-office"),
        pytest.param("Kremlin leader", "RU", "head-of-state", id="kremlin-leader"),
    ],
)
def test_role_for_phrase(kb: KnowledgeBase, phrase: str, country: str | None, role: str) -> None:
    assert kb.role_for_phrase(phrase, country=country) == role


def test_role_for_phrase_without_a_role(kb: KnowledgeBase) -> None:
    assert kb.role_for_phrase("reporters") is None


def test_role_phrases_are_longest_first_and_normalised(kb: KnowledgeBase) -> None:
    pairs = kb.role_phrases()
    lengths = [len(phrase) for phrase, _ in pairs]
    assert lengths == sorted(lengths, reverse=True)
    assert ("secretary of state", "foreign-minister") in pairs
    assert ("u s trade representative", "trade-representative") in pairs
    assert ("top diplomat", "top-diplomat") in kb.role_phrases(country="CN")


@pytest.mark.parametrize(
    ("text", "code"),
    [
        pytest.param("Chinese", "CN", id="demonym"),
        pytest.param("U.S.", "US", id="abbreviation"),
        pytest.param("United States of America", "US", id="long-name"),
        pytest.param("PRC", "CN", id="prc"),
        pytest.param("People's Republic of China", "CN", id="official-name"),
        pytest.param("Britain", "GB", id="britain"),
        pytest.param("British", "GB", id="british"),
        pytest.param("South Korean", "KR", id="south-korean"),
        pytest.param("North Korea", "KP", id="north-korea"),
        pytest.param("China's", "CN", id="possessive"),
        pytest.param("Türkiye", "TR", id="turkiye"),
        pytest.param("Côte d'Ivoire", "CI", id="accents"),
        pytest.param("Taiwanese", "TW", id="taiwan"),
        pytest.param("Palestinian", "PS", id="palestine"),
        pytest.param("Holy See", "VA", id="vatican"),
    ],
)
def test_country_by_name(kb: KnowledgeBase, text: str, code: str) -> None:
    country = kb.country_by_name(text)
    assert country is not None
    assert country.code == code


def test_country_by_code(kb: KnowledgeBase) -> None:
    norway = kb.country_by_code("no")
    assert norway is not None
    assert (norway.name, norway.capital) == ("Norway", "Oslo")
    assert kb.country_by_name("Narnia") is None


@pytest.mark.parametrize(
    ("text", "name"),
    [
        pytest.param("CCP", "Communist Party of China", id="ccp"),
        pytest.param("Chinese Communist Party", "Communist Party of China", id="chinese-communist-party"),
        pytest.param("the State Department", "United States Department of State", id="state-department"),
        pytest.param("Pentagon", "United States Department of Defense", id="pentagon"),
        pytest.param("Chinese Foreign Ministry", "Ministry of Foreign Affairs of China", id="chinese-mfa"),
        pytest.param("PLA", "People's Liberation Army", id="pla"),
        pytest.param("U.N.", "United Nations", id="un"),
        pytest.param("NATO", "North Atlantic Treaty Organization", id="nato"),
        pytest.param("Ansar Allah", "Houthis", id="houthis"),
        pytest.param("the Kremlin", "Kremlin", id="kremlin"),
        pytest.param("SCO", "Shanghai Cooperation Organisation", id="sco"),
    ],
)
def test_organization_by_name(kb: KnowledgeBase, text: str, name: str) -> None:
    organization = kb.organization_by_name(text)
    assert organization is not None
    assert organization.name == name


def test_news_outlets_are_not_actors(kb: KnowledgeBase) -> None:
    for outlet in ("Reuters", "Associated Press", "AP", "Xinhua", "AFP", "Bloomberg"):
        assert kb.organization_by_name(outlet) is None


# Offices one person holds at a time (per country, or per organisation for international posts).
SINGLE_HOLDER_ROLES = frozenset(
    {
        "head-of-state",
        "head-of-government",
        "vice-president",
        "foreign-minister",
        "defense-minister",
        "finance-minister",
        "national-security-adviser",
        "central-bank-governor",
        "top-diplomat",
        "international-department-head",
        "secretary-general",
        "commission-president",
        "council-president",
        "high-representative",
        "chief-of-staff",
        "commerce-minister",
        "interior-minister",
        "military-chief",
        "legislative-speaker",
        "trade-representative",
        "party-leader",
    }
)
# A suspended president stays in office while an acting one exercises the powers.
ALLOWED_OVERLAPS = frozenset(
    {
        ("Yoon Suk Yeol", "Han Duck-soo"),
        ("Yoon Suk Yeol", "Choi Sang-mok"),
    }
)


def _narrowest(position: Position) -> tuple[date, date]:
    """The term's surest days: a start known to the month counts from its end, an end from its start."""
    start = position.start or date.min
    end = position.end or date.max
    if position.start is not None and position.start_precision == "month":
        start = date(start.year, start.month, 28)
    if position.start is not None and position.start_precision == "year":
        start = date(start.year, 12, 31)
    if position.end is not None and position.end_precision == "month":
        end = date(end.year, end.month, 1)
    if position.end is not None and position.end_precision == "year":
        end = date(end.year, 1, 1)
    return start, end


def test_no_two_people_hold_a_single_holder_office_at_once(kb: KnowledgeBase) -> None:
    terms: dict[tuple[str, str | None, str | None], list[tuple[Person, Position]]] = {}
    for person in kb.people:
        for position in person.positions:
            if position.role in SINGLE_HOLDER_ROLES:
                terms.setdefault((position.role, position.country, position.organization), []).append(
                    (person, position)
                )
    clashes = []
    for key, held in terms.items():
        for index, (first, first_term) in enumerate(held):
            for second, second_term in held[index + 1 :]:
                if first is second or (first.name, second.name) in ALLOWED_OVERLAPS:
                    continue
                if (second.name, first.name) in ALLOWED_OVERLAPS:
                    continue
                a_start, a_end = _narrowest(first_term)
                b_start, b_end = _narrowest(second_term)
                overlap = (min(a_end, b_end) - max(a_start, b_start)).days
                if overlap > 0:  # a handover day belongs to both terms
                    clashes.append(f"{key}: {first.name} and {second.name} overlap by {overlap + 1} days")
    assert clashes == []


def test_positions_never_end_before_they_start(kb: KnowledgeBase) -> None:
    for person in kb.people:
        for position in person.positions:
            if position.start is not None and position.end is not None:
                assert position.start <= position.end, person.name
