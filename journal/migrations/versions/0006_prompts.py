"""Data model v2: reflection prompts (the deck, seeded with the built-in prompts) and answers.

Revision ID: 0006_prompts
Revises: 0002_search_motifs_directors
Create Date: 2026-12-01 16:10:00

Two new tables; no existing row changes. ``prompt`` holds the journal's deck and starts with
the app's built-in prompts (their fixed uids from ``journal.prompts.builtin``); ``answer``
keeps each answer with its viewing and a copy of the question's words. Where the journal has
full-text search, answers are indexed too (``answer_fts``, kept in step by triggers).
"""

from datetime import UTC, datetime

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0006_prompts"
down_revision = "0004_subtitles"
branch_labels = None
depends_on = None

_MOMENTS = ("viewing", "rewatch", "pause", "motif", "dialogue", "reaction", "scene", "note")


def upgrade() -> None:
    moments = ", ".join(f"'{moment}'" for moment in _MOMENTS)
    prompt = op.create_table(
        "prompt",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("moment", sa.String(length=16), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("hidden", sa.Boolean(), nullable=False),
        sa.Column("builtin", sa.Boolean(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.CheckConstraint("builtin IN (0, 1)", name=op.f("ck_prompt_builtin_bool")),
        sa.CheckConstraint("hidden IN (0, 1)", name=op.f("ck_prompt_hidden_bool")),
        sa.CheckConstraint(f"moment IN ({moments})", name=op.f("ck_prompt_moment_known")),
        sa.CheckConstraint("sort_order >= 0", name=op.f("ck_prompt_sort_order_nonnegative")),
        sa.CheckConstraint("length(text) BETWEEN 1 AND 500", name=op.f("ck_prompt_text_length")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_prompt")),
        sa.UniqueConstraint("uid", name=op.f("uq_prompt_uid")),
    )
    op.create_table(
        "answer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("viewing_id", sa.Integer(), nullable=False),
        sa.Column("prompt_uid", sa.String(length=36), nullable=False),
        sa.Column("prompt_text", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.CheckConstraint(
            "length(prompt_text) BETWEEN 1 AND 2000", name=op.f("ck_answer_prompt_text_length")
        ),
        sa.CheckConstraint("length(text) >= 1", name=op.f("ck_answer_text_present")),
        sa.ForeignKeyConstraint(
            ["viewing_id"],
            ["viewing.id"],
            name=op.f("fk_answer_viewing_id_viewing"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_answer")),
        sa.UniqueConstraint("uid", name=op.f("uq_answer_uid")),
    )
    with op.batch_alter_table("answer", schema=None) as batch_op:
        batch_op.create_index("ix_answer_viewing", ["viewing_id"], unique=False)

    op.bulk_insert(prompt, _builtin_rows())
    if _has_search():
        _create_answer_index()


def downgrade() -> None:
    for suffix in ("ai", "ad", "au"):
        op.execute(f"DROP TRIGGER IF EXISTS answer_fts_{suffix}")
    op.execute("DROP TABLE IF EXISTS answer_fts")
    with op.batch_alter_table("answer", schema=None) as batch_op:
        batch_op.drop_index("ix_answer_viewing")
    op.drop_table("answer")
    op.drop_table("prompt")


def _builtin_rows() -> list[dict[str, object]]:
    # The built-in prompts as first installed (their uids never change).
    from journal.prompts.builtin import BUILTIN_PROMPTS

    now = datetime.now(UTC)
    counters: dict[str, int] = {}
    rows: list[dict[str, object]] = []
    for uid, moment, text in BUILTIN_PROMPTS:
        order = counters.get(moment, 0)
        counters[moment] = order + 1
        rows.append(
            {
                "uid": uid,
                "text": text,
                "moment": moment,
                "sort_order": order,
                "hidden": False,
                "builtin": True,
                "created_at": now,
                "updated_at": now,
            }
        )
    return rows


def _has_search() -> bool:
    found = op.get_bind().execute(
        sa.text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'entry_fts'")
    )
    return found.first() is not None


def _create_answer_index() -> None:
    op.execute(
        "CREATE VIRTUAL TABLE answer_fts USING fts5(text, content='answer', "
        "content_rowid='id', tokenize='unicode61 remove_diacritics 2')"
    )
    op.execute(
        "CREATE TRIGGER answer_fts_ai AFTER INSERT ON answer BEGIN "
        "INSERT INTO answer_fts(rowid, text) VALUES (new.id, new.text); END"
    )
    op.execute(
        "CREATE TRIGGER answer_fts_ad AFTER DELETE ON answer BEGIN "
        "INSERT INTO answer_fts(answer_fts, rowid, text) VALUES ('delete', old.id, old.text); END"
    )
    op.execute(
        "CREATE TRIGGER answer_fts_au AFTER UPDATE OF text ON answer BEGIN "
        "INSERT INTO answer_fts(answer_fts, rowid, text) VALUES ('delete', old.id, old.text); "
        "INSERT INTO answer_fts(rowid, text) VALUES (new.id, new.text); END"
    )
