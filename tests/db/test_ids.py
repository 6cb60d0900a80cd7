from __future__ import annotations

import pytest

from db.ids import InvalidIdError, decode_id, encode_id


@pytest.mark.parametrize(("type_name", "pk"), [("Event", 1), ("Actor", 42), ("Venue", 2**31 - 1)])
def test_round_trip(type_name: str, pk: int) -> None:
    assert decode_id(encode_id(type_name, pk)) == (type_name, pk)


def test_ids_are_opaque_and_url_safe() -> None:
    value = encode_id("Article", 123456)
    assert "Article" not in value
    assert set(value) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


@pytest.mark.parametrize(
    "value",
    [
        pytest.param("", id="empty"),
        pytest.param("not base64!", id="not-base64"),
        pytest.param("RXZlbnQ6", id="no-pk"),
        pytest.param(encode_id("Event", 1) + "=", id="padded"),
        pytest.param("x" * 65, id="too-long"),
        pytest.param("RXZlbnQ6LTE", id="negative-pk"),
        pytest.param("OjE", id="no-type"),
        pytest.param(encode_id("Venue", 2**31), id="beyond-32-bit-keys"),
    ],
)
def test_rejects_what_it_did_not_issue(value: str) -> None:
    with pytest.raises(InvalidIdError):
        decode_id(value)


def test_rejects_an_id_of_another_type() -> None:
    with pytest.raises(InvalidIdError, match="names a Actor, not a Event"):
        decode_id(encode_id("Actor", 1), expected_type="Event")
