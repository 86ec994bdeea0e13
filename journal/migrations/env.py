"""Alembic environment: always run programmatically by journal.migrate with a live connection."""

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


run_migrations()
