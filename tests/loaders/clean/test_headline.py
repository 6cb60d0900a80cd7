"""The headline is the headline-like line in its slot above the story, whatever the header around it holds."""

from __future__ import annotations

import pytest

from loaders.clean import clean_text, extract_metadata
from loaders.clean.headline import headline_like

STORY = (
    "Envoys from Egypt, Ethiopia and Sudan met in Addis Ababa on Monday to resume talks on the dam.\n\n"
    "The next round is planned for Khartoum in March, officials said.\n"
)


def title_of(header: str) -> str | None:
    raw = header + STORY
    cleaned = clean_text(raw)
    assert cleaned.text.endswith(STORY.strip())
    return extract_metadata(raw, cleaned).title


@pytest.mark.parametrize(
    ("header", "title"),
    [
        pytest.param(
            "THE RIVER HERALD\n\nFROM OUR ARCHIVE\n\nNile talks resume in Addis Ababa after a year\n\nBy Jane Roe\n\n",
            "Nile talks resume in Addis Ababa after a year",
            id="capitals-above-an-archive-label",
        ),
        pytest.param(
            "THE RIVER HERALD\n\nHome | Africa | Business | Sport | ePaper\n\n"
            "Nile talks resume in Addis Ababa\n\nBy our Africa desk | 5 March 2024\n\n",
            "Nile talks resume in Addis Ababa",
            id="menu-and-desk-byline",
        ),
        pytest.param(
            "Nile talks resume in Addis Ababa after a year\n\n"
            "Negotiators from three countries meet for the first time since the filling of the reservoir\n\n"
            "By Jane Roe\n\n",
            "Nile talks resume in Addis Ababa after a year",
            id="the-upper-of-headline-and-standfirst",
        ),
        pytest.param("Home | Africa | Business | ePaper\n\nBy Jane Roe\n\n", None, id="a-menu-is-no-title"),
    ],
)
def test_the_headline_is_the_line_in_its_slot(header: str, title: str | None) -> None:
    assert title_of(header) == title


def test_a_line_the_story_kept_stays_in_it() -> None:
    """A long headline-like line under a menu is kept as the story's standfirst: it is not moved out of
    the text dating and extraction read, though the menu is no title either."""
    header = "Home | Africa | Business | ePaper\n\nNile talks resume in Addis Ababa a year after they broke down\n\n"
    raw = header + STORY
    cleaned = clean_text(raw)
    assert cleaned.text.startswith("Nile talks resume")
    assert extract_metadata(raw, cleaned).title is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        pytest.param("Nile talks resume in Addis Ababa after a year", True, id="headline"),
        pytest.param("Kenya and Ethiopia sign power deal", True, id="names-places"),
        pytest.param("FROM OUR ARCHIVE", False, id="capitals"),
        pytest.param("Home | Africa | Business", False, id="menu"),
        pytest.param("By Jane Roe in Nairobi", False, id="byline"),
        pytest.param("Editor's note: corrected the date of the summit", False, id="label"),
        pytest.param("This story was first published in print.", False, id="a-sentence"),
        pytest.param("Reading time: four minutes", False, id="names-no-one"),
    ],
)
def test_headline_like(line: str, expected: bool) -> None:
    assert headline_like(line) is expected
