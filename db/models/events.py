"""Events (meetings, calls, visits, summits), who took part and what they were about."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import JSON, CheckConstraint, Date, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.base import Base, TimestampMixin
from db.enums import DatePrecision, EventKind, EventStatus, check_in

if TYPE_CHECKING:
    from db.models.actors import Actor
    from db.models.provenance import Evidence
    from db.models.topics import Topic
    from db.models.venues import Venue

__all__ = ["Event", "EventParticipant", "EventTopic"]


class Event(TimestampMixin, Base):
    """One real-world happening, however many articles report it.

    Dates carry their precision: a ``start_date`` of 2023-06-01 with precision ``month`` means
    "some day in June 2023", never the first of June.
    """

    __tablename__ = "events"
    __table_args__ = (
        check_in("kind", EventKind),
        check_in("status", EventStatus),
        check_in("start_precision", DatePrecision),
        check_in("end_precision", DatePrecision),
        CheckConstraint("confidence >= 0 AND confidence <= 1", name="confidence_range"),
        CheckConstraint("end_date IS NULL OR start_date IS NULL OR end_date >= start_date", name="date_order"),
        CheckConstraint("(start_date IS NULL) = (start_precision IS NULL)", name="start_has_precision"),
        CheckConstraint("(end_date IS NULL) = (end_precision IS NULL)", name="end_has_precision"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), index=True)
    title: Mapped[str] = mapped_column(Text)
    start_date: Mapped[date | None] = mapped_column(Date, index=True)
    start_precision: Mapped[str | None] = mapped_column(String(10))
    end_date: Mapped[date | None] = mapped_column(Date)
    end_precision: Mapped[str | None] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(20), index=True)
    venue_id: Mapped[int | None] = mapped_column(ForeignKey("venues.id", ondelete="SET NULL"), index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("events.id", ondelete="SET NULL"), index=True)
    confidence: Mapped[float] = mapped_column(Float, default=0.5)

    venue: Mapped[Venue | None] = relationship(lazy="raise")
    parent: Mapped[Event | None] = relationship(remote_side=[id], lazy="raise", back_populates="children")
    children: Mapped[list[Event]] = relationship(back_populates="parent", lazy="raise")
    participants: Mapped[list[EventParticipant]] = relationship(
        back_populates="event", lazy="raise", cascade="all, delete-orphan"
    )
    topic_links: Mapped[list[EventTopic]] = relationship(
        back_populates="event", lazy="raise", cascade="all, delete-orphan"
    )
    evidence: Mapped[list[Evidence]] = relationship(back_populates="event", lazy="raise", cascade="all, delete-orphan")


class EventParticipant(Base):
    """An actor took part in an event, in a role ('host', 'guest', 'traveller', 'participant' …)."""

    __tablename__ = "event_participants"

    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), primary_key=True)
    actor_id: Mapped[int] = mapped_column(ForeignKey("actors.id", ondelete="CASCADE"), primary_key=True, index=True)
    role: Mapped[str] = mapped_column(String(50), default="participant")

    event: Mapped[Event] = relationship(back_populates="participants", lazy="raise")
    actor: Mapped[Actor] = relationship(lazy="raise")


class EventTopic(Base):
    """An event was about a topic; ``phrases`` keeps the words that said so."""

    __tablename__ = "event_topics"

    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), primary_key=True)
    topic_id: Mapped[int] = mapped_column(ForeignKey("topics.id", ondelete="CASCADE"), primary_key=True, index=True)
    phrases: Mapped[list[str]] = mapped_column(JSON, default=list)

    event: Mapped[Event] = relationship(back_populates="topic_links", lazy="raise")
    topic: Mapped[Topic] = relationship(lazy="raise")
