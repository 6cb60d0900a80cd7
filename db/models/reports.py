"""What each article reported, kept so that its events can be stored again in another order."""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base

__all__ = ["ArticleReport"]


class ArticleReport(Base):
    """One article's analysed reports (``loaders.store.reports``), one row per article.

    The knowledge base's events are what storing every article's reports in ``canonical_key`` order
    gives; an article that arrives before others in that order has its events stored again with them
    (``loaders.store.replay``)."""

    __tablename__ = "article_reports"

    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    canonical_key: Mapped[str] = mapped_column(
        String(100),
        index=True,
        doc="Where the article stands in the order its reports are stored in: those dated by their own "
        "evidence first, by that date, then the rest; the content hash decides between equals.",
    )
    links: Mapped[list[str]] = mapped_column(
        JSON,
        default=list,
        doc="What its reports can share with another article's: the actors taking part (``actor:slug``) "
        "and the places of summits (``place:slug``).",
    )
    document: Mapped[dict[str, Any]] = mapped_column(
        JSON, doc="The reports (``loaders.store.reports.ArticleReports``), as JSON. Written by the loaders."
    )
    rebuilt: Mapped[int] = mapped_column(
        Integer,
        default=0,
        index=True,
        doc="The number of the last rebuild that stored its events again (0: never; -1: stored before "
        "articles already there, its events wait for a rebuild that a load runs at its end "
        "and any later writer runs first); a rebuild numbers itself one above the highest, which tells "
        "other writers their cached events are stale.",
    )
