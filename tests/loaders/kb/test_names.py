"""Name keys: spellings fold to one normalised form; surnames are found the way news writes them."""

from __future__ import annotations

import pytest

from loaders.kb import normalize_name
from loaders.kb.names import surname_keys


@pytest.mark.parametrize(
    ("spelling", "normalised"),
    [
        pytest.param("Antony J. Blinken", "antony j blinken", id="initial-with-period"),
        pytest.param("  Sébastien   Lecornu ", "sebastien lecornu", id="accents-and-spaces"),
        pytest.param("Recep Tayyip Erdoğan", "recep tayyip erdogan", id="turkish-breve"),
        pytest.param("Binali Yıldırım", "binali yildirim", id="dotless-i"),
        pytest.param("Jonas Gahr Støre", "jonas gahr store", id="slashed-o"),
        pytest.param("Lai Ching-te", "lai ching te", id="hyphen"),
        pytest.param("Robert O'Brien", "robert o brien", id="apostrophe"),
        pytest.param("U.S.", "u s", id="abbreviation"),
        pytest.param("China's", "china s", id="possessive"),
        pytest.param("Tô Lâm", "to lam", id="vietnamese"),
        pytest.param("", "", id="empty"),
    ],
)
def test_normalize_name(spelling: str, normalised: str) -> None:
    assert normalize_name(spelling) == normalised


@pytest.mark.parametrize(
    ("spelling", "family_name_first", "keys"),
    [
        pytest.param("Antony J. Blinken", False, {"blinken"}, id="last-word"),
        pytest.param("Ursula von der Leyen", False, {"leyen", "der leyen", "von der leyen"}, id="particles"),
        pytest.param("Jean-Yves Le Drian", False, {"drian", "le drian"}, id="french-particle"),
        pytest.param("Ferdinand Marcos Jr.", False, {"marcos"}, id="generational-suffix"),
        pytest.param("Wang Yi", True, {"wang", "yi"}, id="family-name-first"),
        pytest.param("Lai Ching-te", True, {"lai", "ching te"}, id="hyphenated-given-name-stays-whole"),
        pytest.param("Robert O'Brien", False, {"o brien"}, id="apostrophe-surname"),
        pytest.param("Sugiono", True, {"sugiono"}, id="single-name"),
    ],
)
def test_surname_keys(spelling: str, family_name_first: bool, keys: set[str]) -> None:
    assert surname_keys(spelling, family_name_first=family_name_first) == keys
