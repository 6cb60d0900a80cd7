"""The database itself refuses what the model forbids, on every backend."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Actor, Article, Event, EventParticipant, Venue
from db.services import articles


async def test_event_kind_is_checked(session: AsyncSession) -> None:
    session.add(Event(kind="party", title="x", status="occurred", confidence=0.5))
    with pytest.raises(IntegrityError):
        await session.flush()


async def test_event_status_is_checked(session: AsyncSession) -> None:
    session.add(Event(kind="meeting", title="x", status="rumoured", confidence=0.5))
    with pytest.raises(IntegrityError):
        await session.flush()


async def test_event_date_needs_its_precision(session: AsyncSession) -> None:
    session.add(Event(kind="meeting", title="x", status="occurred", confidence=0.5, start_date=date(2023, 6, 18)))
    with pytest.raises(IntegrityError):
        await session.flush()


async def test_event_cannot_end_before_it_starts(session: AsyncSession) -> None:
    session.add(
        Event(
            kind="meeting",
            title="x",
            status="occurred",
            confidence=0.5,
            start_date=date(2023, 6, 18),
            start_precision="day",
            end_date=date(2023, 6, 17),
            end_precision="day",
        )
    )
    with pytest.raises(IntegrityError):
        await session.flush()


async def test_participant_needs_an_existing_actor(session: AsyncSession) -> None:
    event = Event(kind="meeting", title="x", status="occurred", confidence=0.5)
    session.add(event)
    await session.flush()
    session.add(EventParticipant(event_id=event.id, actor_id=999_999, role="host"))
    with pytest.raises(IntegrityError):
        await session.flush()


async def test_venue_coordinates_are_checked(session: AsyncSession) -> None:
    session.add(Venue(kind="city", name="Nowhere", slug="city-nowhere", latitude=123.0, longitude=0.0))
    with pytest.raises(IntegrityError):
        await session.flush()


async def test_actor_slug_is_unique(session: AsyncSession) -> None:
    session.add_all([Actor(kind="person", name="A", slug="a"), Actor(kind="person", name="A2", slug="a")])
    with pytest.raises(IntegrityError):
        await session.flush()


async def test_article_content_is_unique(session: AsyncSession) -> None:
    await articles.create(session, source="a.txt", raw_text="Same story.", text="Same story.")
    with pytest.raises(IntegrityError):
        await articles.create(session, source="b.txt", raw_text="Same  story.\n", text="Same story.")


async def test_a_failed_transaction_leaves_no_rows(session: AsyncSession) -> None:
    async def store_article_then_an_invalid_event() -> None:
        async with session.begin():
            await articles.create(session, source="a.txt", raw_text="One story.", text="One story.")
            session.add(Event(kind="party", title="x", status="occurred", confidence=0.5))

    with pytest.raises(IntegrityError):
        await store_article_then_an_invalid_event()
    assert await session.scalar(select(func.count()).select_from(Article)) == 0


async def test_article_reference_date_keeps_its_precision(session: AsyncSession) -> None:
    article = await articles.create(
        session,
        source="a.txt",
        raw_text="Some day in June.",
        text="Some day in June.",
        reference_date=date(2023, 6, 1),
        reference_date_precision="month",
        reference_date_basis={"method": "publication date", "candidates": []},
    )
    await session.commit()
    session.expunge_all()
    stored = await articles.get(session, article_id=article.id)
    assert stored is not None
    assert (stored.reference_date, stored.reference_date_precision, stored.reference_date_basis) == (
        date(2023, 6, 1),
        "month",
        {"method": "publication date", "candidates": []},
    )


async def test_article_reference_date_precision_is_checked(session: AsyncSession) -> None:
    with pytest.raises(IntegrityError):
        await articles.create(
            session,
            source="a.txt",
            raw_text="One week.",
            text="One week.",
            reference_date=date(2023, 6, 12),
            reference_date_precision="week",
        )


async def test_article_reference_date_precision_needs_a_date(session: AsyncSession) -> None:
    with pytest.raises(IntegrityError):
        await articles.create(
            session, source="a.txt", raw_text="Undated.", text="Undated.", reference_date_precision="day"
        )
