"""Metadata comes from what cleaning cut (title, masthead, dates, dateline, credits) and declared values win."""

from __future__ import annotations

from datetime import date

import pytest

from loaders.clean import ArticleMetadata, Caption, clean_text, extract_metadata


def meta_of(raw: str, **declared: object) -> ArticleMetadata:
    return extract_metadata(raw, clean_text(raw), **declared)  # type: ignore[arg-type]


WIRE_STORY = (
    "Ministers seek common ground on fishing quotas\n\n"
    "OSLO (Reuters) \u2013 Fisheries ministers from four northern countries met in Oslo on Monday to try to settle "
    "a dispute over mackerel quotas, officials said.\n\n"
    "The ministers shake hands at the start of the meeting in Oslo, Norway, March 6, 2023. REUTERS/Erik Example\n\n"
    "The talks will resume next month, a Norwegian official said.\n\n"
    "Reporting by Lena Holm and Jonas Berg in Oslo; additional reporting by Mia Kask in Tallinn; "
    "Writing by Lena Holm; Editing by Paul Smythe\n\n"
    "Our standards: Thomson Reuters Trust Principles.\n\n"
    "Lena Holme\n\n"
    "Thomson Reuters\n\n"
    "Lena Holm is a correspondent based in Oslo. She covers the Nordic countries and the Arctic."
)


def test_wire_story_title_outlet_dateline_caption_and_credits() -> None:
    raw = WIRE_STORY
    cleaned = clean_text(raw)
    meta = extract_metadata(raw, cleaned)
    assert meta.title == "Ministers seek common ground on fishing quotas"
    assert meta.outlet == "Reuters"  # from "(Reuters)" in the dateline
    assert meta.dateline == "Oslo"
    assert meta.dateline_agency == "Reuters"
    assert meta.page_dates == ()
    # Reporters and writers are authors; a garbled respelling of one ("Lena Holme") is not a second author.
    assert meta.authors == ("Lena Holm", "Jonas Berg")
    assert set(meta.credited_names) == {
        "Erik Example",
        "Lena Holm",
        "Jonas Berg",
        "Mia Kask",
        "Paul Smythe",
        "Lena Holme",
    }
    [caption] = meta.captions
    assert caption.date == date(2023, 3, 6)
    assert cleaned.text[caption.start : caption.end] == caption.text
    assert caption.text.startswith("The ministers shake hands")


def test_outlet_from_the_standards_line_when_nothing_else_names_it() -> None:
    raw = (
        "Diplomats from both countries met in Lima on Friday to discuss a trade pact, officials said.\n\n"
        "Our standards: The Thomson Reuters Trust Principles."
    )
    assert meta_of(raw).outlet == "Reuters"


def test_masthead_and_header_date_above_the_title() -> None:
    raw = (
        "Coastal Morning News\n\n"
        "Friday, May 10, 2024\n\n"
        "Leaders agree to meet again before the summer\n\n"
        "The two presidents agreed to meet again before the summer, their spokespeople said on Thursday.\n"
    )
    meta = meta_of(raw)
    assert meta.outlet == "Coastal Morning News"
    assert meta.title == "Leaders agree to meet again before the summer"
    [page_date] = meta.page_dates
    assert (page_date.found.value, page_date.place, page_date.label) == (date(2024, 5, 10), "header", None)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("Talks resume in Cairo\n\nPublished: 12 June 2023 09:15 GMT\n\n", [(date(2023, 6, 12), "page", "Published")]),
        ("Talks resume in Cairo\n\nJune 12, 2023\n\n", [(date(2023, 6, 12), "page", None)]),
        ("Talks resume in Cairo\n\nBy Omar Farouk | June 2023\n\n", [(None, "byline", None)]),
        ("Mon. Jun 12th, 2023\n\n", [(date(2023, 6, 12), "header", None)]),
        ("World | 12/06/2023 | Talks resume in Cairo\n\n", []),
        ("World | 12/06/2023\n\nTalks resume in Cairo\n\n", [(None, "header", None)]),
        (
            "Talks resume in Cairo\n\nPosted on June 12, 2023 by Omar Farouk\n\n",
            [(date(2023, 6, 12), "page", "Posted")],
        ),
        ("17 Dhu al-Qadah 1444\n\n", []),
    ],
)
def test_page_dates_and_where_they_stand(header: str, expected: list[tuple[object, ...]]) -> None:
    raw = header + "Mediators from three countries met in Cairo on Monday to revive truce talks, officials said.\n"
    meta = meta_of(raw)
    assert [(d.found.value, d.place, d.label) for d in meta.page_dates] == expected


def test_declared_metadata_wins() -> None:
    meta = meta_of(
        WIRE_STORY,
        declared_title="Fishing talks",
        declared_outlet="The Northern Paper",
        declared_authors=("A. Writer",),
    )
    assert (meta.title, meta.outlet) == ("Fishing talks", "The Northern Paper")
    assert meta.authors == ("A. Writer",)
    assert "Paul Smythe" in meta.credited_names  # credits still never become actors


def test_boilerplate_byline_is_credited_but_no_author() -> None:
    raw = (
        "The envoys met in Manila on Tuesday, a foreign ministry spokesperson said.\n\n"
        "Avatar photo\n\nBy Admin\n\nLeave a Reply"
    )
    meta = meta_of(raw)
    assert meta.authors == ()
    assert meta.credited_names == ("Admin",)


def test_a_byline_name_that_the_story_mentions_is_not_credited_only() -> None:
    raw = (
        "By Maya Cohen and Dan Levi\n\n"
        "Foreign ministers met in Rome on Monday, and Maya Cohen, the host, welcomed them, officials said.\n"
    )
    meta = meta_of(raw)
    assert meta.authors == ("Maya Cohen", "Dan Levi")
    assert meta.credited_names == ("Dan Levi",)


def test_dated_dateline() -> None:
    raw = "WASHINGTON, Oct 4 (Reuters) - The two sides held talks on Wednesday, officials said.\n"
    meta = meta_of(raw)
    assert (meta.dateline, meta.dateline_month_day, meta.outlet) == ("Washington", (10, 4), "Reuters")


@pytest.mark.parametrize(
    ("opening", "expected"),
    [
        pytest.param("PUNE, 4 October:", ("Pune", (10, 4), None), id="day-month-colon"),
        pytest.param("Pune, Oct 4 (PTI)", ("Pune", (10, 4), None), id="agency-without-a-dash"),
        pytest.param("Pune, October 4, 2023 —", ("Pune", (10, 4), 2023), id="title-case-city-full-date"),
        pytest.param("PUNE, 4 Oct 2023 -", ("Pune", (10, 4), 2023), id="day-month-year"),
    ],
)
def test_datelines_in_other_wires_forms(opening: str, expected: tuple[object, ...]) -> None:
    meta = meta_of(f"{opening} The two sides held talks on Wednesday, officials said.\n")
    assert (meta.dateline, meta.dateline_month_day, meta.dateline_year) == expected


@pytest.mark.parametrize(
    "opening",
    ["Pune said: The", "Pune, 4 October — the", "NOTE: The"],
)
def test_openings_that_are_no_datelines(opening: str) -> None:
    meta = meta_of(f"{opening} two sides held talks on Wednesday, officials said.\n")
    assert meta.dateline_month_day is None


def test_title_with_a_dash_and_a_site_name() -> None:
    raw = (
        "Rivals agree to reopen embassies - The Gulf Observer\n\nThe two rivals agreed on Friday to reopen embassies.\n"
    )
    meta = meta_of(raw)
    assert (meta.title, meta.outlet) == ("Rivals agree to reopen embassies", "The Gulf Observer")


def test_nothing_to_read() -> None:
    raw = "Officials said talks would continue, without giving a date.\n"
    assert meta_of(raw) == ArticleMetadata()


def test_caption_without_a_date() -> None:
    raw = (
        "The foreign minister arrives for talks at the ministry in Ankara. AFP\n\n"
        "The talks lasted three hours, a ministry official said.\n"
    )
    cleaned = clean_text(raw)
    meta = extract_metadata(raw, cleaned)
    text = "The foreign minister arrives for talks at the ministry in Ankara."
    assert meta.captions == (Caption(0, len(text), text, None),)


def test_wire_page_bylines_in_capitals_labels_and_contributors() -> None:
    raw = (
        "Top envoys meet to steady ties\n"
        "By JANE ROE and OMAR SMITH\n"
        "Updated 4:12 PM GMT, November 14, 2023\n"
        "Editor: Li Ming\n"
        "WASHINGTON (AP) \u2014 The top envoys of the two countries met for four hours on Tuesday, officials said.\n"
        "___\n"
        "Associated Press writer Ken Moe in Beijing contributed to this report.\n"
    )
    meta = meta_of(raw)
    assert meta.authors == ("Jane Roe", "Omar Smith")
    assert meta.credited_names == ("Jane Roe", "Omar Smith", "Li Ming", "Ken Moe")
    [updated] = meta.page_dates
    assert (updated.found.value, updated.label, updated.modified) == (date(2023, 11, 14), "Updated", True)
    assert meta.outlet == "AP"


def test_a_byline_without_by_under_the_headline_and_a_source_line() -> None:
    raw = (
        "Ministers clash over aid corridor\n\n"
        "Sara Example in Amman\n\n"
        "Source: Levant Daily\n\n"
        "Ministers from five countries failed on Saturday to agree on an aid corridor, diplomats said.\n"
    )
    meta = meta_of(raw)
    assert (meta.authors, meta.outlet) == (("Sara Example",), "Levant Daily")


@pytest.mark.parametrize(
    ("declared", "expected"),
    [
        pytest.param("Talks resume in Vienna", "Talks resume in Vienna", id="short-unchanged"),
        pytest.param("word " * 2000, ("word " * 59).strip() + "…", id="cut-at-a-word"),
        pytest.param("x" * 10_000, "x" * 299 + "…", id="no-space"),
        pytest.param("Talks\n\n" + "resume " * 100, None, id="one-line"),
    ],
)
def test_a_title_is_a_line_of_at_most_300_characters(declared: str, expected: str | None) -> None:
    text = "Envoys met in Vienna on Monday, diplomats said, and will meet again next month."
    title = extract_metadata(text, clean_text(text), declared_title=declared).title
    assert title is not None
    assert len(title) <= 300
    assert "\n" not in title
    if expected is not None:
        assert title == expected
