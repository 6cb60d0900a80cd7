"""articles.reference_date_precision; reference_date_basis as {method, candidates}

Adds the precision of an article's reference date (day for every stored date: the loaders stored no
other), and rewrites the audit trail from the older shape ``{"method", "used": [{"evidence", "date",
"text", "why"}], "rejected": [… or {"evidence", "why"}]}`` to ``{"method", "candidates": [{"kind",
"date", "precision", "text", "verdict", "why"}]}``: ``evidence`` becomes ``kind``; the first used entry
is ``chosen`` when the row has a reference date, the other used ones ``consistent``; rejected entries
are ``rejected``; an entry without a date gets a null date and precision, one with a date (an ISO day,
as the older loaders wrote) precision day. A trail of neither shape is left as it is (the read side
answers its method and no candidates). Downgrade converts back and drops the column.

The column and its CHECK constraints are added in one ALTER TABLE on both databases, never by a
batch rebuild: rebuilding ``articles`` on SQLite drops the old table, which with foreign keys on (as
``db.session`` sets them) deletes every row of article_topics, mentions and evidence in cascade.

Revision ID: 69276b8da6d9
Revises: db63c52b7887
Create Date: 2026-12-01 08:30:00.000000

"""

from typing import Any, Callable, Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = "69276b8da6d9"
down_revision: Union[str, Sequence[str], None] = "db63c52b7887"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

# The table as this revision sees it; the models may move on, this migration must not.
articles = sa.table(
    "articles",
    sa.column("id", sa.Integer()),
    sa.column("reference_date", sa.Date()),
    sa.column("reference_date_precision", sa.String(10)),
    sa.column("reference_date_basis", sa.JSON()),
)


def upgrade() -> None:
    """Add the precision (day where there is a date) and convert old-shape audit trails."""
    op.add_column(
        "articles",
        sa.Column(
            "reference_date_precision",
            sa.String(length=10),
            sa.CheckConstraint(
                "reference_date_precision IN ('day', 'month', 'year')",
                name=op.f("ck_articles_reference_date_precision_valid"),
            ),
            sa.CheckConstraint(
                "reference_date_precision IS NULL OR reference_date IS NOT NULL",
                name=op.f("ck_articles_reference_date_precision_has_date"),
            ),
            nullable=True,
        ),
    )
    op.execute(articles.update().where(articles.c.reference_date.is_not(None)).values(reference_date_precision="day"))
    _rewrite_bases(_new_shape)


def downgrade() -> None:
    """Convert audit trails back to the older shape and drop the precision (and its constraints)."""
    _rewrite_bases(_old_shape)
    op.drop_column("articles", "reference_date_precision")


def _rewrite_bases(convert: Callable[[object, bool], dict[str, Any] | None]) -> None:
    """Apply ``convert(basis, dated)`` to every stored trail (``dated``: the row has a reference date);
    None from it leaves the row as it is."""
    bind = op.get_bind()
    rows = bind.execute(
        sa.select(articles.c.id, articles.c.reference_date, articles.c.reference_date_basis).where(
            articles.c.reference_date_basis.is_not(None)
        )
    ).all()
    changes = []
    for row_id, reference_date, basis in rows:
        converted = convert(basis, reference_date is not None)
        if converted is not None:
            changes.append({"row_id": row_id, "basis": converted})
    if changes:
        bind.execute(
            articles.update()
            .where(articles.c.id == sa.bindparam("row_id"))
            .values(reference_date_basis=sa.bindparam("basis")),
            changes,
        )


def _new_shape(basis: object, dated: bool) -> dict[str, Any] | None:
    """``basis`` in the candidates shape, or None when it is not an old-shape trail."""
    if not isinstance(basis, dict) or "candidates" in basis or not ({"used", "rejected"} & set(basis)):
        return None
    used, rejected = basis.get("used", []), basis.get("rejected", [])
    if not (isinstance(used, list) and isinstance(rejected, list)):
        return None
    if not all(isinstance(entry, dict) for entry in [*used, *rejected]):
        return None
    candidates = [
        _candidate(entry, "chosen" if index == 0 and dated else "consistent") for index, entry in enumerate(used)
    ]
    candidates += [_candidate(entry, "rejected") for entry in rejected]
    kept = {key: value for key, value in basis.items() if key not in ("used", "rejected")}
    return {**kept, "candidates": candidates}


def _candidate(entry: dict[str, Any], verdict: str) -> dict[str, Any]:
    day = entry.get("date")
    return {
        "kind": entry.get("evidence", ""),
        "date": day,
        "precision": None if day is None else "day",
        "text": entry.get("text", ""),
        "verdict": verdict,
        "why": entry.get("why", ""),
    }


def _old_shape(basis: object, _dated: bool) -> dict[str, Any] | None:
    """``basis`` in the used/rejected shape, or None when it is not a candidates-shape trail."""
    if not isinstance(basis, dict) or not isinstance(basis.get("candidates"), list):
        return None
    if not all(isinstance(entry, dict) for entry in basis["candidates"]):
        return None
    used: list[dict[str, Any]] = []
    rejected: list[dict[str, Any]] = []
    for entry in basis["candidates"]:
        old: dict[str, Any] = {"evidence": entry.get("kind", "")}
        # The older loaders wrote a dated entry with its text, and an undated one without.
        if entry.get("date") is not None:
            old.update(date=entry["date"], text=entry.get("text", ""))
        elif entry.get("text"):
            old["text"] = entry["text"]
        old["why"] = entry.get("why", "")
        (rejected if entry.get("verdict") == "rejected" else used).append(old)
    kept = {key: value for key, value in basis.items() if key != "candidates"}
    return {**kept, "used": used, "rejected": rejected}
