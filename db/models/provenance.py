"""Where each fact comes from: mentions of actors and evidence for events, as character offsets
into an article's stored (cleaned) text."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.base import Base

if TYPE_CHECKING:
    from db.models.actors import Actor
    from db.models.articles import Article
    from db.models.events import Event

__all__ = ["Evidence", "Mention"]

SPAN_IS_ORDERED = "start_offset >= 0 AND end_offset > start_offset"


class Mention(Base):
    """An article names an actor, spelled ``spelling``, at ``text[start_offset:end_offset]``."""

    __tablename__ = "mentions"
    __table_args__ = (
        UniqueConstraint("article_id", "actor_id", "start_offset"),
        CheckConstraint(SPAN_IS_ORDERED, name="span_order"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    actor_id: Mapped[int] = mapped_column(ForeignKey("actors.id", ondelete="CASCADE"), index=True)
    spelling: Mapped[str] = mapped_column(String(300))
    start_offset: Mapped[int] = mapped_column(Integer)
    end_offset: Mapped[int] = mapped_column(Integer)

    article: Mapped[Article] = relationship(lazy="raise")
    actor: Mapped[Actor] = relationship(lazy="raise")


class Evidence(Base):
    """An article supports an event with ``quote``, found at ``text[start_offset:end_offset]``."""

    __tablename__ = "evidence"
    __table_args__ = (
        UniqueConstraint("event_id", "article_id", "start_offset"),
        CheckConstraint(SPAN_IS_ORDERED, name="span_order"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    quote: Mapped[str] = mapped_column(Text)
    start_offset: Mapped[int] = mapped_column(Integer)
    end_offset: Mapped[int] = mapped_column(Integer)

    event: Mapped[Event] = relationship(back_populates="evidence", lazy="raise")
    article: Mapped[Article] = relationship(lazy="raise")
