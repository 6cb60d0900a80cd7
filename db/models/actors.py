"""Actors (people, organisations, countries), the spellings they go by and the offices they held."""

from __future__ import annotations

from datetime import date

from sqlalchemy import CheckConstraint, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.base import Base, TimestampMixin
from db.enums import ActorKind, check_in

__all__ = ["Actor", "ActorAlias", "ActorPosition"]


class Actor(TimestampMixin, Base):
    __tablename__ = "actors"
    __table_args__ = (
        check_in("kind", ActorKind),
        CheckConstraint("country IS NULL OR length(country) = 2", name="country_iso2"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), index=True)
    name: Mapped[str] = mapped_column(String(300), doc="Canonical name.")
    slug: Mapped[str] = mapped_column(String(300), unique=True)
    country: Mapped[str | None] = mapped_column(String(2), index=True, doc="ISO 3166-1 alpha-2.")
    description: Mapped[str | None] = mapped_column(Text)
    external_id: Mapped[str | None] = mapped_column(String(100), unique=True, doc="e.g. a Wikidata QID.")

    aliases: Mapped[list[ActorAlias]] = relationship(
        back_populates="actor", lazy="raise", cascade="all, delete-orphan", order_by="ActorAlias.id"
    )
    positions: Mapped[list[ActorPosition]] = relationship(
        back_populates="actor",
        lazy="raise",
        cascade="all, delete-orphan",
        foreign_keys="ActorPosition.actor_id",
        order_by="ActorPosition.start_date",
    )


class ActorAlias(Base):
    """A spelling an actor goes by; ``normalized`` is what lookups compare."""

    __tablename__ = "actor_aliases"
    __table_args__ = (UniqueConstraint("actor_id", "normalized"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    actor_id: Mapped[int] = mapped_column(ForeignKey("actors.id", ondelete="CASCADE"))
    spelling: Mapped[str] = mapped_column(String(300))
    normalized: Mapped[str] = mapped_column(String(300), index=True)

    actor: Mapped[Actor] = relationship(back_populates="aliases", lazy="raise")


class ActorPosition(Base):
    """An office held: ``title`` at an organisation or of a country, from ``start_date`` to ``end_date``
    (open-ended while still held)."""

    __tablename__ = "actor_positions"
    __table_args__ = (
        UniqueConstraint("actor_id", "title", "start_date"),
        CheckConstraint("end_date IS NULL OR start_date IS NULL OR end_date >= start_date", name="term_order"),
        CheckConstraint("country IS NULL OR length(country) = 2", name="country_iso2"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    actor_id: Mapped[int] = mapped_column(ForeignKey("actors.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    organization_id: Mapped[int | None] = mapped_column(ForeignKey("actors.id", ondelete="SET NULL"))
    country: Mapped[str | None] = mapped_column(String(2))
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)

    actor: Mapped[Actor] = relationship(back_populates="positions", lazy="raise", foreign_keys=[actor_id])
    organization: Mapped[Actor | None] = relationship(lazy="raise", foreign_keys=[organization_id])
