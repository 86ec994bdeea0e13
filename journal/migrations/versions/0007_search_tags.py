"""Search finds viewing tags: ``tag_fts`` indexes every tag's name.

Revision ID: 0007_search_tags
Revises: 0005_viewing_lag
Create Date: 2026-12-01 18:00:00

No table of the journal changes. A new FTS5 external-content index over ``tag.name`` is kept in
step by triggers on ``tag`` (a tag created, renamed or deleted) and filled now from the tags
already there. Which viewings carry a tag is read from ``viewing_tag`` when searching, so
tagging and untagging a viewing need no trigger. A journal made where SQLite had no FTS5 keeps
none (the store falls back to LIKE).
"""

import sqlalchemy as sa
from alembic import op

revision = "0007_search_tags"
down_revision = "0005_viewing_lag"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if not _has_search():
        return
    op.execute(
        "CREATE VIRTUAL TABLE tag_fts USING fts5(name, content='tag', content_rowid='id', "
        "tokenize='unicode61 remove_diacritics 2')"
    )
    op.execute(
        "CREATE TRIGGER tag_fts_ai AFTER INSERT ON tag BEGIN "
        "INSERT INTO tag_fts(rowid, name) VALUES (new.id, new.name); END"
    )
    op.execute(
        "CREATE TRIGGER tag_fts_ad AFTER DELETE ON tag BEGIN "
        "INSERT INTO tag_fts(tag_fts, rowid, name) VALUES ('delete', old.id, old.name); END"
    )
    op.execute(
        "CREATE TRIGGER tag_fts_au AFTER UPDATE OF name ON tag BEGIN "
        "INSERT INTO tag_fts(tag_fts, rowid, name) VALUES ('delete', old.id, old.name); "
        "INSERT INTO tag_fts(rowid, name) VALUES (new.id, new.name); END"
    )
    op.execute("INSERT INTO tag_fts(tag_fts) VALUES ('rebuild')")


def downgrade() -> None:
    for suffix in ("ai", "ad", "au"):
        op.execute(f"DROP TRIGGER IF EXISTS tag_fts_{suffix}")
    op.execute("DROP TABLE IF EXISTS tag_fts")


def _has_search() -> bool:
    """Whether this journal has full-text search (made by 0001 where FTS5 was available)."""
    found = op.get_bind().execute(
        sa.text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'entry_fts'")
    )
    return found.first() is not None
