"""``Article.referenceDate`` and ``Article.referenceDateBasis``: the stored date at its precision, and
its audit trail read whole, as its method alone when it cannot be, or null when there is none."""

from __future__ import annotations

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tests.schema.conftest import Run, gid
from tests.schema.dated_articles import DATING, EXPECTED, TITLES, add_dated_articles


@pytest.fixture
async def dated(session_factory: async_sessionmaker[AsyncSession]) -> dict[str, int]:
    async with session_factory() as session:
        return await add_dated_articles(session)


async def test_each_article_answers_its_reference_date_and_basis(run: Run, dated: dict[str, int]) -> None:
    for key, pk in dated.items():
        response = await run(f"query($id: ID!) {{ article(id: $id) {{ {DATING} }} }}", id=gid("Article", pk))
        assert "errors" not in response, response
        article = response["data"]["article"]
        assert (article["referenceDate"], article["referenceDateBasis"]) == EXPECTED[key], key


async def test_a_list_answers_them_all(run: Run, dated: dict[str, int]) -> None:
    response = await run(f"{{ articles(first: 100) {{ nodes {{ title {DATING} }} }} }}")
    assert "errors" not in response, response
    by_title = {node["title"]: node for node in response["data"]["articles"]["nodes"]}
    assert {
        key: (by_title[title]["referenceDate"], by_title[title]["referenceDateBasis"]) for key, title in TITLES.items()
    } == EXPECTED
