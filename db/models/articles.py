"""Articles as loaded, and the topics each one is about."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, CheckConstraint, Date, DateTime, ForeignKey, Integer, String, Text, case, func
from sqlalchemy.orm import Mapped, column_property, mapped_column, relationship

from db.base import Base, utcnow
from db.enums import DatePrecision, check_in

if TYPE_CHECKING:
    from db.models.topics import Topic

__all__ = ["OPENING_CHARS", "Article", "ArticleTopic"]

OPENING_CHARS = 200
"""How much of an untitled article's text is read with its row: enough for a title of its opening words."""


class Article(Base):
    """One article, identified by the SHA-256 of its normalised text."""

    __tablename__ = "articles"
    __table_args__ = (
        CheckConstraint("length(content_hash) = 64", name="content_hash_sha256"),
        check_in("reference_date_precision", DatePrecision),
        CheckConstraint(
            "reference_date_precision IS NULL OR reference_date IS NOT NULL", name="reference_date_precision_has_date"
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source: Mapped[str] = mapped_column(Text, doc="Path or URL the article was loaded from.")
    outlet: Mapped[str | None] = mapped_column(String(200))
    title: Mapped[str | None] = mapped_column(Text)
    published: Mapped[date | None] = mapped_column(Date, index=True, doc="Date printed on the page.")
    authors: Mapped[list[str]] = mapped_column(JSON, default=list)
    dateline: Mapped[str | None] = mapped_column(String(200), doc="City of the dateline, as printed.")
    reference_date: Mapped[date | None] = mapped_column(
        Date, doc="The date relative expressions resolve against ('on Sunday')."
    )
    reference_date_precision: Mapped[str | None] = mapped_column(
        String(10),
        doc="How much of ``reference_date`` the evidence gives (day, month or year; the date is the first day "
        "at that precision). Null beside a date means day: rows stored before the column existed, and "
        "writers that do not say, only ever stored days.",
    )
    reference_date_basis: Mapped[dict[str, Any] | None] = mapped_column(
        JSON,
        doc="Which evidence chose the reference date, for audit: ``{method, candidates}`` as "
        "``db.reference_date`` reads it. Written by the loaders, so read as untrusted input.",
    )
    raw_text: Mapped[str] = mapped_column(Text)
    encoding: Mapped[str | None] = mapped_column(
        String(40),
        doc="The encoding the input was decoded from (utf-8, utf-16, cp1252, …: ``loaders.read.decode``). "
        "Null for rows stored before the column existed.",
    )
    capped: Mapped[dict[str, Any] | None] = mapped_column(
        JSON,
        doc="What the per-article caps cut when it was stored, ``{what: [found, kept]}`` for ``mentions`` "
        "and ``event_reports`` (``loaders.store.StoreLimits``); null when nothing was cut.",
    )
    text: Mapped[str] = mapped_column(Text, doc="Cleaned text; quotes and offsets refer to it.")
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    opening: Mapped[str | None] = column_property(
        case((title.is_(None), func.substr(text, 1, OPENING_CHARS)), else_=None),
        doc="The start of the text of an article without a title (null beside a title), read with the row so "
        "that the APIs can name it (``db.titles``) without reading its whole text.",
    )
    ingested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    topic_links: Mapped[list[ArticleTopic]] = relationship(
        back_populates="article", lazy="raise", cascade="all, delete-orphan"
    )


class ArticleTopic(Base):
    """An article is about a topic; ``phrases`` keeps the words that said so."""

    __tablename__ = "article_topics"

    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    topic_id: Mapped[int] = mapped_column(ForeignKey("topics.id", ondelete="CASCADE"), primary_key=True, index=True)
    phrases: Mapped[list[str]] = mapped_column(JSON, default=list)

    article: Mapped[Article] = relationship(back_populates="topic_links", lazy="raise")
    topic: Mapped[Topic] = relationship(lazy="raise")
