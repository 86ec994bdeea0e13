"""Each viewing keeps its reaction lag: the time taken off stamps made while watching along.

Revision ID: 0005_viewing_lag
Revises: 0006_prompts
Create Date: 2026-12-01 16:10:00

One column is added in place (``ALTER TABLE … ADD COLUMN`` with its CHECK inline): no table
is rebuilt, so every row stays exactly as it was and each existing viewing gets the default
lag of 2 s. The downgrade drops the column again (SQLite 3.35 or later). It follows
0006_prompts: it was written beside 0003, 0004 and 0006 and landed after them.
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_viewing_lag"
down_revision = "0006_prompts"
branch_labels = None
depends_on = None

# Written out, not taken from journal.records: a migration states the schema of its day.
_COLUMN = (
    "lag_ms INTEGER DEFAULT '2000' NOT NULL "
    "CONSTRAINT ck_viewing_lag_range CHECK (lag_ms BETWEEN 0 AND 10000)"
)


def upgrade() -> None:
    op.execute(f"ALTER TABLE viewing ADD COLUMN {_COLUMN}")


def downgrade() -> None:
    op.execute(sa.text("ALTER TABLE viewing DROP COLUMN lag_ms"))
