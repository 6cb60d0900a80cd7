"""data_version: one row whose number every committed write raises

What was computed from the data (the GraphQL response cache) names the version it was computed from;
``db.data_version`` raises it as the last statement of every transaction that wrote.

Revision ID: 5d1f0c2b9a47
Revises: 69276b8da6d9
Create Date: 2026-12-01 11:10:00.000000

"""

from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = "5d1f0c2b9a47"
down_revision: Union[str, Sequence[str], None] = "69276b8da6d9"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    table = op.create_table(
        "data_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_data_version")),
    )
    op.bulk_insert(table, [{"id": 1, "version": 0}])


def downgrade() -> None:
    op.drop_table("data_version")
