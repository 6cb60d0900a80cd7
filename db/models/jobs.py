"""What a queued ingestion came to: the article a job stored, or why it could not.

The queue's own tables (``procrastinate_*``, ``db.queue_schema``) say whether a job is waiting,
running or finished; they keep no result. This row does, written by the job itself once the article's
transaction is over, so ``GET /api/v1/jobs/{id}`` can answer with the article and its events, or with
the reason for a failure.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, DateTime, ForeignKey, Integer, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, utcnow

__all__ = ["JobOutcome"]


class JobOutcome(Base):
    """One finished job: ``article_id`` when it stored (or found stored) its article, else ``reason``."""

    __tablename__ = "job_outcomes"

    # The queue's job id (a BIGINT there); no foreign key: the queue's tables are procrastinate's and
    # Postgres only, and finished jobs may be pruned from them while the outcome stays.
    job_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    article_id: Mapped[int | None] = mapped_column(Integer, ForeignKey("articles.id", ondelete="CASCADE"))
    reason: Mapped[str | None] = mapped_column(Text)
    finished_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
