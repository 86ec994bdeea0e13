"""Search finds directors and motif names: film_fts gains the director; motif_fts is new.

Revision ID: 0002_search_motifs_directors
Revises: 0001_initial
Create Date: 2026-12-01 15:00:00

No table of the journal changes: only the full-text indexes are rebuilt from the rows they
index. A journal made where SQLite had no FTS5 keeps none (the store falls back to LIKE).
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_search_motifs_directors"
down_revision = "0001_initial"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if not _has_search():
        return
    _drop_index("film_fts")
    _create_index("film_fts", "film", ("title", "director", "notes"))
    _create_index("motif_fts", "motif", ("name",))


def downgrade() -> None:
    if not _has_search():
        return
    _drop_index("motif_fts")
    _drop_index("film_fts")
    _create_index("film_fts", "film", ("title", "notes"))


def _has_search() -> bool:
    """Whether this journal has full-text search (made by 0001 where FTS5 was available)."""
    found = op.get_bind().execute(
        sa.text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'entry_fts'")
    )
    return found.first() is not None


def _create_index(fts: str, table: str, columns: tuple[str, ...]) -> None:
    """An FTS5 external-content index over ``table``, kept in step by triggers, filled now."""
    cols = ", ".join(columns)
    new_values = ", ".join(f"new.{c}" for c in columns)
    old_values = ", ".join(f"old.{c}" for c in columns)
    op.execute(
        f"CREATE VIRTUAL TABLE {fts} USING fts5({cols}, content='{table}', "
        f"content_rowid='id', tokenize='unicode61 remove_diacritics 2')"
    )
    op.execute(
        f"CREATE TRIGGER {fts}_ai AFTER INSERT ON {table} BEGIN "
        f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.id, {new_values}); END"
    )
    op.execute(
        f"CREATE TRIGGER {fts}_ad AFTER DELETE ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.id, {old_values}); END"
    )
    op.execute(
        f"CREATE TRIGGER {fts}_au AFTER UPDATE OF {cols} ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.id, {old_values}); "
        f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.id, {new_values}); END"
    )
    op.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")


def _drop_index(fts: str) -> None:
    for suffix in ("ai", "ad", "au"):
        op.execute(f"DROP TRIGGER IF EXISTS {fts}_{suffix}")
    op.execute(f"DROP TABLE IF EXISTS {fts}")
