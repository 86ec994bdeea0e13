"""Alembic migrations, packaged with the app and run when a journal is opened.

``REVISIONS`` lists every revision this version knows, oldest first; a test keeps it equal
to Alembic's own history so that opening an up-to-date journal never has to import Alembic.
"""

# Chain order, not numeric order: 0005_viewing_lag was written beside 0003, 0004 and 0006 and
# landed after them, so it follows 0006_prompts; 0007_search_tags follows it.
REVISIONS: tuple[str, ...] = (
    "0001_initial",
    "0002_search_motifs_directors",
    "0003_viewing_tags_letterboxd",
    "0004_subtitles",
    "0006_prompts",
    "0005_viewing_lag",
    "0007_search_tags",
)
HEAD = REVISIONS[-1]

# Tables SQLite or FTS5 manage themselves; the models do not describe them.
UNMODELLED_PREFIXES = (
    "entry_fts",
    "viewing_fts",
    "film_fts",
    "motif_fts",
    "answer_fts",
    "tag_fts",
    "sqlite_",
)


def include_object(obj, name, type_, reflected, compare_to):  # type: ignore[no-untyped-def]
    """Alembic's filter: compare only what the models describe (not FTS or SQLite's tables).

    Lives here, not in env.py, so that a test can compare models and migrations with the very
    same filter (env.py runs the migrations when imported).
    """
    return not (type_ == "table" and name and name.startswith(UNMODELLED_PREFIXES))
