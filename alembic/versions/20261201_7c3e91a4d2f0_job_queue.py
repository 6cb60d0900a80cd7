"""job queue: procrastinate's schema (Postgres only) and job_outcomes

``readout worker``, ``readout load --queue`` and ``POST /api/v1/articles`` with ``Prefer:
respond-async`` share a procrastinate queue on the same Postgres (``db.queue_schema``); each job
records what it came to in ``job_outcomes`` (created on SQLite too, where it stays empty).

Revision ID: 7c3e91a4d2f0
Revises: 5d1f0c2b9a47
Create Date: 2026-12-01 14:00:00.000000

"""

from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

from db.queue_schema import create_queue_schema, drop_queue_schema


# revision identifiers, used by Alembic.
revision: str = "7c3e91a4d2f0"
down_revision: Union[str, Sequence[str], None] = "5d1f0c2b9a47"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        "job_outcomes",
        sa.Column("job_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name=op.f("fk_job_outcomes_article_id_articles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("job_id", name=op.f("pk_job_outcomes")),
    )
    create_queue_schema(op.get_bind())


def downgrade() -> None:
    drop_queue_schema(op.get_bind())
    op.drop_table("job_outcomes")
