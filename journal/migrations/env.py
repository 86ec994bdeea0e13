"""Alembic environment: always run programmatically by journal.db.upgrade_schema with a live
connection."""

from alembic import context
from sqlmodel import SQLModel

import journal.models  # noqa: F401  (registers the tables on SQLModel.metadata)
from journal.migrations import include_object


def run_migrations() -> None:
    connection = context.config.attributes["connection"]
    context.configure(
        connection=connection,
        target_metadata=SQLModel.metadata,
        render_as_batch=True,
        include_object=include_object,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()
        # Foreign keys are off while migrations rebuild tables (journal.db switches them off
        # outside this transaction); check every reference before the transaction commits,
        # so a migration that broke one is rolled back whole.
        problems = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        if problems:
            raise RuntimeError(f"the schema upgrade would break references: {problems[:3]}")


run_migrations()
