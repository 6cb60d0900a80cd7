from __future__ import annotations

import pytest

from db.limits import text_problem


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("Blinken met Wang Yi.", None),
        ("Zürich – 北京 \U0001f30d", None),
        ("a\x00b", "must not hold NUL characters"),
        ("\ud800", "must not hold unpaired surrogates (not valid Unicode text)"),
        ("x\udfff", "must not hold unpaired surrogates (not valid Unicode text)"),
    ],
)
def test_text_the_databases_accept(value: str, problem: str | None) -> None:
    assert text_problem(value) == problem
