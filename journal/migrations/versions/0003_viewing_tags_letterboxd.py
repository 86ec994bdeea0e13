"""Viewings gain free tags and the Letterboxd diary entry they were imported from.

Revision ID: 0003_viewing_tags_letterboxd
Revises: 0002_search_motifs_directors
Create Date: 2026-12-01 16:00:00

Only additions: a ``tag`` table, a ``viewing_tag`` link table, and a nullable
``viewing.letterboxd_uri`` with a unique index. The column is added in place (ALTER TABLE ADD
COLUMN), never by rebuilding ``viewing``, so its rows, its ids and the search triggers on it
stay exactly as they were.
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0003_viewing_tags_letterboxd"
down_revision = "0002_search_motifs_directors"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "tag",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("name_key", sa.String(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.CheckConstraint("length(name) BETWEEN 1 AND 100", name=op.f("ck_tag_name_length")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tag")),
        sa.UniqueConstraint("name_key", name=op.f("uq_tag_name_key")),
        sa.UniqueConstraint("uid", name=op.f("uq_tag_uid")),
    )
    op.create_table(
        "viewing_tag",
        sa.Column("viewing_id", sa.Integer(), nullable=False),
        sa.Column("tag_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["viewing_id"],
            ["viewing.id"],
            name=op.f("fk_viewing_tag_viewing_id_viewing"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tag_id"], ["tag.id"], name=op.f("fk_viewing_tag_tag_id_tag"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("viewing_id", "tag_id", name=op.f("pk_viewing_tag")),
    )
    op.create_index("ix_viewing_tag_tag", "viewing_tag", ["tag_id"], unique=False)
    # Plain ALTER TABLE (not a batch rebuild): the viewing table and its triggers stay as they are.
    op.execute("ALTER TABLE viewing ADD COLUMN letterboxd_uri VARCHAR")
    op.create_index("ix_viewing_letterboxd_uri", "viewing", ["letterboxd_uri"], unique=True)


def downgrade() -> None:
    op.drop_index("ix_viewing_letterboxd_uri", table_name="viewing")
    # SQLite ≥ 3.35 drops a column in place; the column has no index left and no constraint.
    op.execute("ALTER TABLE viewing DROP COLUMN letterboxd_uri")
    op.drop_index("ix_viewing_tag_tag", table_name="viewing_tag")
    op.drop_table("viewing_tag")
    op.drop_table("tag")
