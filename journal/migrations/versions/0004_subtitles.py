"""Subtitles: a film's subtitle tracks and their cues (data model v2).

Revision ID: 0004_subtitles
Revises: 0003_viewing_tags_letterboxd
Create Date: 2026-12-01 16:00:00

Two new tables; no existing table changes, so every row is kept as it is. A track keeps the
file's own cue times plus the adjustment (offset and scale) that fits it to the person's copy
of the film, so an adjustment can be undone exactly.
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0004_subtitles"
down_revision = "0003_viewing_tags_letterboxd"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "subtitle_track",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("film_id", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(), server_default="", nullable=False),
        sa.Column("language", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("file_name", sa.String(), server_default="", nullable=False),
        sa.Column("offset_ms", sa.Integer(), server_default="0", nullable=False),
        sa.Column("scale", sa.Float(), server_default="1", nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.CheckConstraint(
            "abs(offset_ms) <= 86400000", name=op.f("ck_subtitle_track_offset_range")
        ),
        sa.CheckConstraint("scale BETWEEN 0.5 AND 2.0", name=op.f("ck_subtitle_track_scale_range")),
        sa.ForeignKeyConstraint(
            ["film_id"],
            ["film.id"],
            name=op.f("fk_subtitle_track_film_id_film"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_subtitle_track")),
        sa.UniqueConstraint("uid", name=op.f("uq_subtitle_track_uid")),
    )
    with op.batch_alter_table("subtitle_track", schema=None) as batch_op:
        batch_op.create_index("ix_subtitle_track_film", ["film_id"], unique=False)
    op.create_table(
        "cue",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("track_id", sa.Integer(), nullable=False),
        sa.Column("start_ms", sa.Integer(), nullable=False),
        sa.Column("end_ms", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.CheckConstraint("start_ms >= 0", name=op.f("ck_cue_start_nonnegative")),
        sa.CheckConstraint("start_ms <= end_ms", name=op.f("ck_cue_start_before_end")),
        sa.ForeignKeyConstraint(
            ["track_id"],
            ["subtitle_track.id"],
            name=op.f("fk_cue_track_id_subtitle_track"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cue")),
    )
    with op.batch_alter_table("cue", schema=None) as batch_op:
        batch_op.create_index("ix_cue_track_start", ["track_id", "start_ms"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("cue", schema=None) as batch_op:
        batch_op.drop_index("ix_cue_track_start")
    op.drop_table("cue")
    with op.batch_alter_table("subtitle_track", schema=None) as batch_op:
        batch_op.drop_index("ix_subtitle_track_film")
    op.drop_table("subtitle_track")
