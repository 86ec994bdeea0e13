"""What every command of the command line shares: the one-line failure, opening the journal
(a damaged one named with the newest good backup), taking the writer lock, and finding a film by
its title. ``journal/cli.py`` and the feature commands (``cli_letterboxd``,
``journal/subtitles/commands.py``) all build on it, so none of them imports another.
"""

from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path

from journal.errors import JournalError, StorageError

PROG = "reflective-journal"


class _Failure(Exception):
    """A reason to stop with exit status 1; the message is the one line shown."""


class _Usage(Exception):
    """A usage mistake found after parsing: exit status 2, with the command's usage."""


def _path_of(text: str) -> Path:
    try:
        return _path_argument(text)
    except argparse.ArgumentTypeError as exc:
        raise _Usage(str(exc)) from exc


def _path_argument(text: str) -> Path:
    """A file or folder argument. An empty one is a usage mistake, not the current folder (an
    unset shell variable must not make ``--data-dir ""`` open the default journal)."""
    from journal.rules import file_path

    try:
        return file_path(text, "")
    except JournalError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def _data_dir(options: argparse.Namespace) -> Path:
    from journal.db import resolve_data_dir

    data_dir = resolve_data_dir(options.data_dir)
    # The nearest part of the path that exists must be a folder; otherwise say so plainly
    # (making the folder would fail with "File exists" or "Not a directory").
    for part in (data_dir, *data_dir.parents):
        if part.exists():
            if not part.is_dir():
                raise _Failure(
                    f"the data folder {data_dir} cannot be used: {part} is a file, not a folder"
                )
            break
    return data_dir


def _open_store(data_dir: Path, *, create: bool):  # type: ignore[no-untyped-def]
    """Open the store. Reading commands refuse a journal that does not exist yet (a mistyped
    --data-dir should not silently make an empty one); a damaged or too-new journal is named
    together with the newest good backup."""
    from journal.db import journal_path
    from journal.store import Store

    path = journal_path(data_dir)
    if not create and not path.exists():
        raise _Failure(
            f"there is no journal at {path} yet (it is made when you first open the app or "
            "import a file); check --data-dir"
        )
    try:
        store = Store.open(data_dir)
    except StorageError as exc:
        if _is_damage(exc):
            raise _Failure(f"{str(exc).rstrip('.')}; {_backup_hint(data_dir)}") from exc
        raise _Failure(str(exc).rstrip(".")) from exc
    for notice in store.notices:
        print(f"{PROG}: note: {notice}", file=sys.stderr)
    _clean_leftovers(data_dir)
    return store


def _is_damage(exc: StorageError) -> bool:
    """Only a file that cannot be used as it is calls for a backup; a read-only disk, a full
    disk or a link to a missing disk do not."""
    text = str(exc)
    return any(
        word in text
        for word in ("is damaged", "not a journal", "is empty", "newer version", "not an SQLite")
    )


def _clean_leftovers(data_dir: Path) -> None:
    """Temporary files of a killed backup or restore (ours by name, and hours old)."""
    from journal.backup import backups_dir
    from journal.files import remove_stale_temporaries

    remove_stale_temporaries(data_dir)
    remove_stale_temporaries(backups_dir(data_dir))


def _backup_hint(data_dir: Path) -> str:
    from journal.backup import newest_backup

    good = newest_backup(data_dir, verified=True)
    if good is None:
        return "no backup yet"
    return f"newest good backup: {good} (reflective-journal restore FILE puts it back)"


def _writer_lock(data_dir: Path, purpose: str):  # type: ignore[no-untyped-def]
    from journal.lock import WriterLock

    lock = WriterLock(data_dir, purpose=purpose)
    if not lock.acquire():
        holder = lock.holder()
        raise _Failure(_busy_message(holder))
    return lock


def _busy_message(holder) -> str:  # type: ignore[no-untyped-def]
    if holder is None or not holder.pid:
        return (
            "the journal is in use by another Reflective Journal process; "
            "try again when it has finished"
        )
    if holder.purpose and holder.purpose != "app":
        return (
            f"another command is writing to the journal right now "
            f"(reflective-journal {holder.purpose}, {holder.describe()}); "
            "try again when it has finished"
        )
    return f"the journal is open in Reflective Journal ({holder.describe()}); close the app first"


def _films_titled(store, title: str) -> list[int]:  # type: ignore[no-untyped-def]
    """The films ``--film TITLE`` names: every film whose title is TITLE (ignoring case and
    runs of spaces), else the films whose title contains it when they share one title.
    Several different titles, or none, stop the command with a message that lists them."""
    films = store.list_films()
    wanted = " ".join(title.split()).casefold()
    exact = [film.id for film in films if " ".join(film.title.split()).casefold() == wanted]
    if exact:
        return exact
    # A title pasted by mistake may be a whole document: quote only its start.
    shown = repr(title) if len(title) <= 60 else repr(title[:60]) + "…"
    partial = [film for film in films if wanted and wanted in film.title.casefold()]
    if len({film.title.casefold() for film in partial}) == 1:
        return [film.id for film in partial]
    if partial:
        raise _Failure(
            f"{shown} matches {len(partial)} films: {_film_list(partial)}; "
            "give more of the title; nothing was written"
        )
    titles = sorted({film.title for film in films}, key=str.casefold)
    by_fold = {t.casefold(): t for t in titles}
    close = [by_fold[near] for near in difflib.get_close_matches(wanted, list(by_fold), n=5)]
    if close:
        hint = "close titles: " + ", ".join(repr(t) for t in close)
    elif titles:
        hint = f"the journal has {len(titles)} other titles; none is close"
    else:
        hint = "the journal has no films yet"
    raise _Failure(f"no film titled {shown}; {hint}; nothing was written")


def _film_list(films, shown: int = 8) -> str:  # type: ignore[no-untyped-def]
    ordered = sorted(films, key=lambda film: (film.title.casefold(), film.year or 0))
    names = [repr(film.title) + (f" ({film.year})" if film.year else "") for film in ordered]
    more = f" and {len(names) - shown} more" if len(names) > shown else ""
    return ", ".join(names[:shown]) + more


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"
