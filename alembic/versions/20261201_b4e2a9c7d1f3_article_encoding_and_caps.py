"""articles.encoding and articles.capped

The encoding an article's input was decoded from (``loaders.read.decode``: utf-8, a byte order
mark's, or one charset-normalizer was sure of), and what the per-article caps on mentions and event
reports cut when it was stored (``{what: [found, kept]}``; null when nothing was). Both are null for
the rows stored before; both are added by plain ALTER TABLE (no batch rebuild of ``articles``, whose
drop would cascade to its mentions and evidence on SQLite).

Revision ID: b4e2a9c7d1f3
Revises: 7c3e91a4d2f0
Create Date: 2026-12-01 16:40:00.000000

"""

from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = "b4e2a9c7d1f3"
down_revision: Union[str, Sequence[str], None] = "7c3e91a4d2f0"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.add_column("articles", sa.Column("encoding", sa.String(length=40), nullable=True))
    op.add_column("articles", sa.Column("capped", sa.JSON(), nullable=True))


def downgrade() -> None:
    # One column at a time, each a plain ALTER TABLE ... DROP COLUMN on both databases.
    op.drop_column("articles", "capped")
    op.drop_column("articles", "encoding")
