"""Bad data fails loudly: each inconsistency in the YAML raises a ValueError naming the file and the entry."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from loaders.kb import KnowledgeBase

COUNTRIES = """\
- code: CN
  name: China
  aliases: [PRC]
  demonyms: [Chinese]
  capital: Beijing
- code: US
  name: United States
  aliases: [U.S.]
  demonyms: [American]
  capital: Washington
- code: "NO"
  name: Norway
  aliases: []
  demonyms: [Norwegian]
  capital: Oslo
"""
TITLES = """\
roles:
  foreign-minister:
    label: Foreign minister
    phrases: [foreign minister, secretary of state, top diplomat]
  top-diplomat:
    label: Party foreign-affairs chief
    phrases: [foreign affairs commission office director]
    country_phrases:
      CN: [top diplomat]
  head-of-state:
    label: Head of state
    phrases: [president]
  secretary-general:
    label: Secretary-general
    phrases: [secretary-general]
"""
ORGANIZATIONS = """\
- name: United Nations
  aliases: [UN]
  country: null
  kind: international
"""
PEOPLE = """\
- name: Qin Gang
  country: CN
  aliases: []
  description: Chinese diplomat
  positions:
    - title: Minister of Foreign Affairs
      role: foreign-minister
      country: CN
      organization: null
      start: 2022-12-30
      end: 2023-07-25
- name: Wang Yi
  country: CN
  aliases: []
  positions:
    - title: Director of the Office of the Central Foreign Affairs Commission
      role: top-diplomat
      start: 2023-01
      end: null
    - title: Minister of Foreign Affairs
      role: foreign-minister
      start: 2023-07-25
      end: null
- name: Joe Biden
  country: US
  aliases: [Joseph R. Biden Jr.]
  positions:
    - title: President of the United States
      role: [head-of-state, secretary-general]
      start: 2021-01-20
      end: 2025
- name: António Guterres
  country: null
  aliases: []
  positions:
    - title: Secretary-General of the United Nations
      role: secretary-general
      country: null
      organization: United Nations
      start: 2017
      end: null
"""


def write(folder: Path, **files: str) -> Path:
    contents = {
        "countries.yaml": COUNTRIES,
        "titles.yaml": TITLES,
        "organizations.yaml": ORGANIZATIONS,
        "people.yaml": PEOPLE,
    }
    contents.update({f"{name}.yaml": text for name, text in files.items()})
    for name, text in contents.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_a_small_valid_folder_loads(tmp_path: Path) -> None:
    kb = KnowledgeBase.from_directory(write(tmp_path))
    assert [person.name for person in kb.holders("foreign-minister", country="CN", on=date(2023, 6, 18))] == [
        "Qin Gang"
    ]
    assert kb.role_for_phrase("top diplomat") == "foreign-minister"
    assert kb.role_for_phrase("top diplomat", country="CN") == "top-diplomat"
    assert kb.country_by_code("NO") is not None


def test_a_path_given_as_text_loads(tmp_path: Path) -> None:
    assert len(KnowledgeBase.from_directory(str(write(tmp_path))).people) == 4


def test_dates_of_reduced_precision(tmp_path: Path) -> None:
    kb = KnowledgeBase.from_directory(write(tmp_path))
    wang, biden, guterres = (kb.person_by_name(name) for name in ("Wang Yi", "Joe Biden", "António Guterres"))
    assert wang is not None
    assert biden is not None
    assert guterres is not None
    office = wang.positions[0]
    assert (office.start, office.start_precision, office.end, office.end_precision) == (
        date(2023, 1, 1),
        "month",
        None,
        "day",
    )
    assert (biden.positions[0].end, biden.positions[0].end_precision) == (date(2025, 12, 31), "year")
    assert (guterres.positions[0].start, guterres.positions[0].start_precision) == (date(2017, 1, 1), "year")
    assert guterres.positions[0].organization == "United Nations"
    assert guterres.positions[0].country is None


def test_an_omitted_position_country_is_the_person_s(tmp_path: Path) -> None:
    wang = KnowledgeBase.from_directory(write(tmp_path)).person_by_name("Wang Yi")
    assert wang is not None
    assert {position.country for position in wang.positions} == {"CN"}


def test_a_month_end_is_its_last_day(tmp_path: Path) -> None:
    people = PEOPLE.replace(
        "      start: 2022-12-30\n      end: 2023-07-25", '      start: 2023-01\n      end: "2024-02"'
    )
    qin = KnowledgeBase.from_directory(write(tmp_path, people=people)).person_by_name("Qin Gang")
    assert qin is not None
    assert (qin.positions[0].start, qin.positions[0].end) == (date(2023, 1, 1), date(2024, 2, 29))


PERSON_TEMPLATE = """\
- name: {name}
  country: {country}
  aliases: [{aliases}]
  positions:
    - title: Some office
      role: {role}
      organization: {organization}
      start: {start}
      end: {end}
"""


def person(
    name: str = "Li Qiang",
    *,
    country: str = "CN",
    aliases: str = "",
    role: str = "head-of-state",
    organization: str = "null",
    start: str = "2023-03-11",
    end: str = "null",
) -> str:
    return PERSON_TEMPLATE.format(
        name=name, country=country, aliases=aliases, role=role, organization=organization, start=start, end=end
    )


@pytest.mark.parametrize(
    ("files", "message"),
    [
        pytest.param(
            {"people": PEOPLE + person(role="premier")},
            "people.yaml: Li Qiang: position 1 (Some office): role 'premier' is not a role key of titles.yaml",
            id="unknown-role",
        ),
        pytest.param(
            {"people": PEOPLE + person(country="XX")},
            "people.yaml: Li Qiang: country code 'XX' is not in countries.yaml",
            id="unknown-country-code",
        ),
        pytest.param(
            {"people": PEOPLE + person(country="China")},
            "people.yaml: Li Qiang: 'China' is not an ISO 3166-1 alpha-2 code",
            id="not-an-iso-code",
        ),
        pytest.param(
            {"people": PEOPLE + person(country="NO")},
            "people.yaml: Li Qiang: country code read as False: quote it",
            id="norway-problem",
        ),
        pytest.param(
            {"people": PEOPLE + person(start="2023-03-11", end="2023-03-10")},
            "people.yaml: Li Qiang: position 1 (Some office): end 2023-03-10 is before start 2023-03-11",
            id="end-before-start",
        ),
        pytest.param(
            {"people": PEOPLE + person(start="2023-13")},
            "people.yaml: Li Qiang: position 1 (Some office): date '2023-13' does not exist",
            id="impossible-month",
        ),
        pytest.param(
            {"people": PEOPLE + person(start="last spring")},
            "is not YYYY, YYYY-MM or YYYY-MM-DD",
            id="not-a-date",
        ),
        pytest.param(
            {"people": PEOPLE + person(name="Qin Gang")},
            "people.yaml: Qin Gang: canonical name listed twice",
            id="duplicate-canonical-name",
        ),
        pytest.param(
            {"people": PEOPLE + person(name="QIN  GANG")},
            "people.yaml: QIN  GANG: canonical name listed twice (also as 'Qin Gang')",
            id="duplicate-after-normalising",
        ),
        pytest.param(
            {"people": PEOPLE + person(aliases="Wang Yi")},
            "people.yaml: Li Qiang: alias 'Wang Yi' is the canonical name of Wang Yi",
            id="alias-is-another-canonical-name",
        ),
        pytest.param(
            {"people": PEOPLE + person(aliases="Joseph R. Biden Jr.")},
            "people.yaml: Li Qiang: spelling 'Joseph R. Biden Jr.' already names Joe Biden",
            id="alias-shared-by-two-people",
        ),
        pytest.param(
            {"people": PEOPLE + person(organization="World Bank")},
            "organization 'World Bank' is not a canonical name in organizations.yaml",
            id="unknown-organization",
        ),
        pytest.param(
            {"people": PEOPLE + "- name: Li Qiang\n  country: CN\n  alias: [Li]\n"},
            "people.yaml: entry 5: unknown key(s) alias",
            id="misspelt-key",
        ),
        pytest.param(
            {"people": PEOPLE + "- name: Li Qiang\n"},
            "people.yaml: entry 5: missing key(s) country",
            id="missing-key",
        ),
        pytest.param(
            {"titles": TITLES + "  Defence-Minister:\n    label: x\n    phrases: [defence minister]\n"},
            "titles.yaml: role 'Defence-Minister': a role key is lowercase words joined by hyphens",
            id="bad-role-key",
        ),
        pytest.param(
            {"titles": TITLES + "  defense-minister:\n    label: x\n    phrases: [Defence Minister]\n"},
            "titles.yaml: role 'defense-minister': phrase 'Defence Minister' must be lowercase",
            id="uppercase-phrase",
        ),
        pytest.param(
            {"titles": TITLES + "  defense-minister:\n    label: x\n    phrases: [foreign minister]\n"},
            "phrase 'foreign minister' already belongs to role 'foreign-minister'",
            id="phrase-in-two-roles",
        ),
        pytest.param(
            {"countries": COUNTRIES + "- code: TW\n  name: Taiwan\n  aliases: [China]\n  demonyms: []\n"},
            "countries.yaml: Taiwan: spelling 'China' already names China",
            id="country-spelling-twice",
        ),
        pytest.param(
            {"countries": COUNTRIES + "- code: CN\n  name: Cathay\n  aliases: []\n  demonyms: []\n"},
            "countries.yaml: Cathay: code CN is listed twice",
            id="country-code-twice",
        ),
        pytest.param(
            {"organizations": ORGANIZATIONS + "- name: Hamas\n  aliases: []\n  country: PS\n  kind: armed-group\n"},
            "organizations.yaml: Hamas: country code 'PS' is not in countries.yaml",
            id="organization-country",
        ),
        pytest.param(
            {"organizations": ORGANIZATIONS + "- name: Reuters\n  aliases: []\n  country: null\n  kind: outlet\n"},
            "organizations.yaml: Reuters: kind 'outlet' is not one of",
            id="organization-kind",
        ),
        pytest.param(
            {"people": "name: Qin Gang\n"},
            "people.yaml: expected a list of entries at the top level",
            id="not-a-list",
        ),
        pytest.param(
            {"people": "- name: [unclosed\n"},
            "people.yaml: not valid YAML",
            id="yaml-syntax",
        ),
    ],
)
def test_bad_data_is_refused_with_the_entry_named(tmp_path: Path, files: dict[str, str], message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        KnowledgeBase.from_directory(write(tmp_path, **files))


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    write(tmp_path)
    (tmp_path / "titles.yaml").unlink()
    with pytest.raises(ValueError, match=r"titles\.yaml: file missing"):
        KnowledgeBase.from_directory(tmp_path)


def test_a_gender_is_female_or_male_or_left_out(tmp_path: Path) -> None:
    with_gender = PEOPLE.replace(
        "  country: CN\n  aliases: []\n  description", "  country: CN\n  gender: male\n  aliases: []\n  description"
    )
    kb = KnowledgeBase.from_directory(write(tmp_path, people=with_gender))
    assert [(p.name, p.gender) for p in kb.people][:2] == [("Qin Gang", "male"), ("Wang Yi", None)]
    with pytest.raises(ValueError, match=re.escape("people.yaml: Qin Gang: gender must be one of")):
        KnowledgeBase.from_directory(write(tmp_path, people=with_gender.replace("gender: male", "gender: m")))
