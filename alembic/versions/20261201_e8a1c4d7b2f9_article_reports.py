"""article_reports: what each article reported, to store its events again in another order

One row per article: its analysed reports as JSON, its place in the order reports are stored in
(``canonical_key``), what its reports can share with other articles' (``links``), and the last rebuild
that stored them (``rebuilt``; -1 while one is awaited). Articles stored before have no row; a rebuild analyses them again.

Revision ID: e8a1c4d7b2f9
Revises: b4e2a9c7d1f3
Create Date: 2026-12-01 19:40:00.000000

"""

from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = "e8a1c4d7b2f9"
down_revision: Union[str, Sequence[str], None] = "b4e2a9c7d1f3"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        "article_reports",
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("canonical_key", sa.String(length=100), nullable=False),
        sa.Column("links", sa.JSON(), nullable=False),
        sa.Column("document", sa.JSON(), nullable=False),
        sa.Column("rebuilt", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name=op.f("fk_article_reports_article_id_articles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("article_id", name=op.f("pk_article_reports")),
    )
    op.create_index(op.f("ix_article_reports_canonical_key"), "article_reports", ["canonical_key"], unique=False)
    op.create_index(op.f("ix_article_reports_rebuilt"), "article_reports", ["rebuilt"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_article_reports_rebuilt"), table_name="article_reports")
    op.drop_index(op.f("ix_article_reports_canonical_key"), table_name="article_reports")
    op.drop_table("article_reports")
