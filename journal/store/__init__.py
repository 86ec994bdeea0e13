"""The journal's store: the one API the desktop app and the command line go through.

``Store`` (``facade.py``) is the facade; behind it: ``connections.py`` (read connections, the
write transaction, the file-identity check, change notices), ``reads.py`` (plain-sqlite3
reads), ``writes.py`` (ORM writes, imported on the first write), ``motifs.py`` (motif names
to ids, shared with import) and ``search.py`` (full-text search, ranking, snippets). The rows
it hands out live in ``journal.rows``.
"""

from journal.rows import (
    HIGHLIGHT_END,
    HIGHLIGHT_START,
    Change,
    EntryRow,
    FilmRow,
    ImportSummary,
    Listener,
    MotifRow,
    MotifSnapshot,
    MovedEntries,
    Occurrence,
    SearchHit,
    ViewingRow,
)
from journal.store.facade import Store

__all__ = [
    "HIGHLIGHT_END",
    "HIGHLIGHT_START",
    "Change",
    "EntryRow",
    "FilmRow",
    "ImportSummary",
    "Listener",
    "MotifRow",
    "MotifSnapshot",
    "MovedEntries",
    "Occurrence",
    "SearchHit",
    "Store",
    "ViewingRow",
]
