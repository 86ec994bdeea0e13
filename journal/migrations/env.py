"""Alembic environment: always run programmatically by journal.migrate with a live connection."""

from alembic import context
from sqlmodel import SQLModel

import journal.models  # noqa: F401  (registers the tables on SQLModel.metadata)

# Tables SQLite or FTS5 manage themselves; the models do not describe them.
_UNMODELLED_PREFIXES = ("entry_fts", "viewing_fts", "film_fts", "sqlite_")


def include_object(obj, name, type_, reflected, compare_to):  # type: ignore[no-untyped-def]
    return not (type_ == "table" and name and name.startswith(_UNMODELLED_PREFIXES))


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
