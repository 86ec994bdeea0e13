"""The command line: ``reflective-journal SUBCOMMAND …``.

Exit status: 0 ok; 1 an error, told in exactly one line on stderr
(``reflective-journal: <reason>``); 2 a usage mistake (argparse prints the usage).
Commands that write (``import``, ``restore``, ``subtitles add``) take the writer lock and
refuse while the desktop app has the journal open; reading commands (``export``, ``search``,
``check``, ``backup``) always work.

Over 400 lines on purpose: the parser (every command's help and examples) and the shared
opening, locking and one-line error handling belong together, so a person's view of the
command line is one file. Feature commands live beside their features (``cli_letterboxd``,
``journal/subtitles/commands.py``) and register here.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO, cast

from journal import __version__
from journal.cli_support import (
    _backup_hint,
    _clean_leftovers,
    _data_dir,
    _Failure,
    _films_titled,
    _open_store,
    _path_argument,
    _path_of,
    _plural,
    _Usage,
    _writer_lock,
)
from journal.errors import JournalError

PROG = "reflective-journal"
SUBCOMMANDS = (
    "export",
    "import",
    "search",
    "check",
    "backup",
    "restore",
    "subtitles",
    "silences",
    "refrains",
)
_CLI_FLAGS = ("-h", "--help", "--version")

EPILOG = """\
examples:
  reflective-journal                                   open the desktop app
  reflective-journal export markdown ~/Notes/Films     one Markdown file per film
  reflective-journal export markdown out --film "Tokyo Story"
  reflective-journal export json journal.json          everything, lossless
  reflective-journal import journal.json               add what is new (safe to repeat)
  reflective-journal import letterboxd export.zip      your Letterboxd diary (safe to repeat)
  reflective-journal export letterboxd films.csv       for Letterboxd's importer
  reflective-journal search mended cup                 entries, reflections, films, motifs
  reflective-journal check                             is the journal healthy?
  reflective-journal backup                            make a backup now
  reflective-journal restore BACKUP.sqlite3            go back to a backup
  reflective-journal subtitles add --film TITLE FILE   attach a film's subtitles
  reflective-journal silences --film TITLE             stretches without dialogue
  reflective-journal refrains --film TITLE             phrases the film repeats

The journal lives in --data-dir DIR, else $REFLECTIVE_JOURNAL_HOME, else your platform's
data folder. Exit status: 0 ok, 1 error (one line on stderr), 2 usage.
"""


def is_cli_invocation(args: Sequence[str]) -> bool:
    """True when ``args`` ask for the command line rather than the desktop app.

    The bare command (optionally with ``--data-dir DIR``) opens the app; a subcommand,
    ``-h``/``--help``/``--version`` or any other word runs the command line (so a mistyped
    subcommand gets a usage message, not a window). Other dash options are left to Qt.
    """
    rest = _without_data_dir(list(args))
    if not rest:
        return False
    if any(arg in _CLI_FLAGS or arg in SUBCOMMANDS for arg in rest):
        return True
    return not rest[0].startswith("-")


# Options with a value that belong to the app (ui/arguments.py); their value is never a command.
_APP_OPTIONS = ("--data-dir", "--mpv")


def _without_data_dir(args: list[str]) -> list[str]:
    rest: list[str] = []
    skip = False
    for arg in args:
        if skip:
            skip = False
        elif arg in _APP_OPTIONS:
            skip = True
        elif not arg.startswith(tuple(f"{option}=" for option in _APP_OPTIONS)):
            rest.append(arg)
    return rest


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (also used by the tests to check the help text)."""
    # --data-dir is accepted before and after the subcommand. In the subparsers its default
    # is SUPPRESS so that leaving it out there does not erase a value given before.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir",
        metavar="DIR",
        type=_path_argument,
        default=argparse.SUPPRESS,
        help="the folder that holds journal.sqlite3 (default: $REFLECTIVE_JOURNAL_HOME, "
        "else your platform's data folder)",
    )
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="A reflective viewing journal. Without a command it opens the desktop app; "
        "with one it works on the journal from the command line.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    parser.add_argument(
        "--data-dir", metavar="DIR", type=_path_argument, default=None, help=argparse.SUPPRESS
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def command(name: str, help_text: str, epilog: str) -> argparse.ArgumentParser:
        return commands.add_parser(
            name,
            parents=[common],
            help=help_text,
            description=help_text[0].upper() + help_text[1:] + ".",
            epilog=epilog,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )

    export = command(
        "export",
        "write the journal out as Markdown or JSON",
        "examples:\n  reflective-journal export markdown ~/Notes/Films\n"
        "  reflective-journal export json journal.json",
    )
    formats = export.add_subparsers(dest="format", metavar="FORMAT", required=True)
    markdown = formats.add_parser(
        "markdown",
        parents=[common],
        help="one .md file per film (Obsidian-friendly) into DIR",
        description="Write one Markdown file per film into DIR (created if missing). "
        "Existing files of the same name are replaced.",
        epilog='example:\n  reflective-journal export markdown out --film "Tokyo Story"',
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    markdown.add_argument("folder", metavar="DIR", type=_path_argument, help="folder to write into")
    markdown.add_argument(
        "--film",
        metavar="TITLE",
        help="only this film: its title or any part of it that names one film, ignoring case "
        "(an exact title wins; every film of that exact title is exported)",
    )
    as_json = formats.add_parser(
        "json",
        parents=[common],
        help="the whole journal as one JSON file (lossless; import reads it back)",
        description="Write the whole journal to FILE as Journal JSON (version 2; version 1 files "
        "still import).",
        epilog="example:\n  reflective-journal export json journal.json",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    as_json.add_argument("file", metavar="FILE", type=_path_argument, help="file to write")
    as_letterboxd = formats.add_parser(
        "letterboxd",
        parents=[common],
        help="one CSV row per viewing, for Letterboxd's importer (letterboxd.com/import)",
        description="Write FILE as the CSV Letterboxd's importer reads: Title, Year, Directors, "
        "WatchedDate, Rating, Rewatch, Tags, Review — one row per viewing, the reflection "
        "as the review.",
        epilog="example:\n  reflective-journal export letterboxd films.csv",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    as_letterboxd.add_argument("file", metavar="FILE", type=_path_argument, help="file to write")

    importer = command(
        "import",
        "add a Journal JSON file, or a Letterboxd export, to the journal",
        "Records are matched by uid, so importing the same file twice changes nothing.\n"
        "Records without a uid are given one. An invalid file is refused whole.\n\n"
        "import letterboxd ZIP_OR_FOLDER reads Letterboxd's data export (Settings → Data):\n"
        "one viewing per diary entry, with its rating, rewatch, tags and review. Films are\n"
        "matched by title and year; entries already imported are skipped, so importing the\n"
        "same export, or a newer one, adds only what is new. A film that matches several\n"
        "films of the journal is listed, never guessed: pass --choose to say which.\n\n"
        "examples:\n  reflective-journal import journal.json\n"
        "  reflective-journal import letterboxd letterboxd-me-2026-12-01.zip --dry-run\n"
        '  reflective-journal import letterboxd export.zip --choose "Solaris (1972)=2"',
    )
    importer.usage = (
        f"{PROG} import [--data-dir DIR] FILE\n"
        f'       {PROG} import letterboxd ZIP_OR_FOLDER [--choose "TITLE (YEAR)=N"] [--dry-run]'
    )
    importer.add_argument(
        "source",
        metavar="[letterboxd] FILE",
        nargs="+",
        help="a Journal JSON file; or the word letterboxd and Letterboxd's export ZIP or folder",
    )
    importer.add_argument(
        "--choose",
        metavar='"TITLE (YEAR)=N"',
        action="append",
        default=[],
        help="Letterboxd: import the film TITLE (YEAR) into the Nth of the journal films it "
        "matches (as numbered in the list an import prints); repeat for several films",
    )
    importer.add_argument(
        "--dry-run",
        action="store_true",
        help="Letterboxd: say what would be added, and write nothing",
    )

    _add_search_command(command)
    command(
        "check",
        "check the journal's integrity and show its schema, counts and newest backup",
        "Exit status 1 when the integrity check fails.\n\nexample:\n  reflective-journal check",
    )
    command(
        "backup",
        "make a backup now and print its path",
        "Backups go to DATA_DIR/backups; old ones are thinned out (7 daily, 4 weekly,\n"
        "6 monthly).\n\nexample:\n  reflective-journal backup",
    )
    restorer = command(
        "restore",
        "replace the journal with a backup (the current journal is backed up first)",
        "The file is checked first; if it is not a healthy journal nothing changes.\n\n"
        "example:\n  reflective-journal restore ~/backups/journal-20240301-093000.sqlite3",
    )
    restorer.add_argument("file", metavar="FILE", type=_path_argument, help="a journal backup file")
    from journal.subtitles.commands import add_commands as add_subtitle_commands

    add_subtitle_commands(command)
    return parser


def _add_search_command(command: Callable[[str, str, str], argparse.ArgumentParser]) -> None:
    from journal.store.search import DEFAULT_LIMIT

    searcher = command(
        "search",
        "search entries, reflections, films (titles, directors, notes) and motif names",
        "Every word must match, as the start of a word, ignoring case and accents; the best\n"
        "matches come first, as in the app's Search (Ctrl+F). Words that name a motif list the\n"
        "entries tagged with it first. Each line shows the film, the viewing's date, the\n"
        "position, the kind and the matching text.\n\n"
        "examples:\n  reflective-journal search mended cup\n"
        "  reflective-journal search ozu --json",
    )
    searcher.add_argument(
        "words", metavar="WORDS", nargs="+", action=_SearchWords, help="what to look for"
    )
    searcher.add_argument(
        "--json",
        action="store_true",
        help="print the matches as a JSON list (one object per match) for scripts",
    )
    searcher.add_argument(
        "--limit",
        metavar="N",
        type=_positive_count,
        default=DEFAULT_LIMIT,
        help=f"show at most N matches (default {DEFAULT_LIMIT}, as in the app)",
    )


class _SearchWords(argparse.Action):
    """Joins the words; a query with no letter or digit in it is a usage mistake."""

    def __call__(self, parser, namespace, values, option_string=None):  # type: ignore[no-untyped-def]
        from journal.store.search import search_words

        query = " ".join(str(value) for value in values or ())
        if not search_words(query):
            parser.error(f"nothing to search for in {query!r}: give words with letters or digits")
        setattr(namespace, self.dest, query)


def _positive_count(text: str) -> int:
    try:
        count = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 1 <= count <= 10_000:
        raise argparse.ArgumentTypeError(f"{count} is not between 1 and 10000")
    return count


def run_cli(
    args: Sequence[str], *, stdout: TextIO | None = None, stderr: TextIO | None = None
) -> int:
    """Run one command; return the exit status. Never lets a traceback reach the user for
    a problem with the input or the files."""
    out = cast(TextIO, _Printable(stdout or sys.stdout))
    err = cast(TextIO, _Printable(stderr or sys.stderr))
    parser = build_parser()
    try:
        options = parser.parse_args(list(args))
    except SystemExit as exc:  # --help, --version (0) or a usage error (2)
        return exc.code if isinstance(exc.code, int) else 2
    from journal.subtitles.commands import HANDLERS as SUBTITLE_HANDLERS

    handler = {**_HANDLERS, **SUBTITLE_HANDLERS}[options.command]
    try:
        handler(options, out)
    except _Usage as exc:
        subparser = _subparser(parser, options.command)
        subparser.print_usage(err)
        print(f"{PROG} {options.command}: error: {exc}", file=err)
        return 2
    except (_Failure, JournalError) as exc:
        return _fail(err, str(exc))
    except OSError as exc:
        where = f" ({exc.filename})" if exc.filename else ""
        return _fail(err, f"{exc.strerror or exc}{where}")
    except sqlite3.Error as exc:
        return _fail(err, f"the database reported: {exc}")
    except KeyboardInterrupt:
        return _fail(err, "interrupted; whatever was not finished was not saved")
    except Exception as exc:  # SQLAlchemy wraps sqlite3 errors; keep them to one line too.
        from sqlalchemy.exc import SQLAlchemyError

        if isinstance(exc, SQLAlchemyError):
            reason = getattr(exc, "orig", None) or exc
            return _fail(err, f"the database reported: {reason}")
        raise
    return 0


def _subparser(parser: argparse.ArgumentParser, name: str) -> argparse.ArgumentParser:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction) and name in action.choices:
            return cast(argparse.ArgumentParser, action.choices[name])
    return parser


class _Printable:
    """Writes to a text stream only what its encoding can take.

    A file name whose bytes are not UTF-8 reaches Python holding U+DC80–U+DCFF; a terminal
    with a strict UTF-8 stdout would raise on it after the work was done. Such characters are
    written as backslash escapes unless the stream's own error handler takes them.
    """

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        encoding = getattr(self._stream, "encoding", None) or "utf-8"
        errors = getattr(self._stream, "errors", None) or "strict"
        try:
            text.encode(encoding, errors)
        except UnicodeEncodeError:
            text = text.encode(encoding, "backslashreplace").decode(encoding)
        except LookupError:
            pass
        return self._stream.write(text)

    def flush(self) -> None:
        self._stream.flush()


# A path is at most a few thousand characters; past this a message quotes something pasted.
MESSAGE_MAX = 4000


def _fail(err: TextIO, reason: str) -> int:
    line = " ".join(reason.split())
    if len(line) > MESSAGE_MAX:
        # Keep both ends: the start names the file, the end says what went wrong.
        half = MESSAGE_MAX // 2
        left_out = len(line) - 2 * half
        line = f"{line[:half]} … [{left_out:,} characters left out] … {line[-half:]}"
    print(f"{PROG}: {line}", file=err)
    err.flush()
    return 1


# --- opening the journal ----------------------------------------------------------------------


# --- commands --------------------------------------------------------------------------------


def _export(options: argparse.Namespace, out: TextIO) -> None:
    data_dir = _data_dir(options)
    store = _open_store(data_dir, create=False)
    try:
        if options.format == "letterboxd":
            from journal.cli_letterboxd import export_letterboxd

            csv_target: Path = options.file.expanduser()
            _refuse_target(csv_target, data_dir, folder=False)
            export_letterboxd(store, csv_target, out)
            return
        if options.format == "json":
            from journal.export.jsonio import write_file

            target: Path = options.file.expanduser()
            _refuse_target(target, data_dir, folder=False)
            write_file(target, store.export_document())
            counts = store.counts()
            print(
                f"wrote {target} ({_counted(counts['film'], counts['viewing'], counts['entry'])})",
                file=out,
            )
            return
        folder: Path = options.folder.expanduser()
        _refuse_target(folder, data_dir, folder=True)
        if folder.exists() and not folder.is_dir():
            raise _Failure(f"{folder} is a file, not a folder; nothing was written")
        from journal.files import remove_stale_temporaries

        remove_stale_temporaries(folder)
        film_ids = None if options.film is None else _films_titled(store, options.film)
        try:
            from journal.export import markdown
        except ImportError as exc:
            raise _Failure("Markdown export is not part of this installation") from exc
        # The exporter makes a missing folder itself, every new level 0700 (mkdir(parents=True)
        # here made the parents with the umask's mode).
        motif_notes: list[Path] = []
        if film_ids is None:
            written, motif_notes = markdown.export_vault(store, folder)
        else:
            written = [markdown.export_film(store, film_id, folder) for film_id in film_ids]
        noun = "file" if len(written) == 1 else "files"
        line = f"wrote {len(written)} Markdown {noun} into {folder}"
        if motif_notes:
            notes = _plural(len(motif_notes), "motif note", "motif notes")
            line += f", and {notes} into {folder / markdown.MOTIF_FOLDER}"
        print(line, file=out)
    finally:
        store.close()


def _refuse_target(target: Path, data_dir: Path, *, folder: bool) -> None:
    from journal.db import refuse_journal_target

    refuse_journal_target(target, data_dir, folder=folder)


def _import(options: argparse.Namespace, out: TextIO) -> None:
    parts = list(options.source)
    if len(parts) == 2 and parts[0] == "letterboxd":
        from journal.cli_letterboxd import import_letterboxd

        import_letterboxd(options, _path_of(parts[1]), out)
        return
    if len(parts) != 1:
        raise _Usage(
            "import takes one FILE (a Journal JSON file), or: import letterboxd ZIP_OR_FOLDER"
        )
    if options.choose or options.dry_run:
        raise _Usage("--choose and --dry-run are for: import letterboxd ZIP_OR_FOLDER")
    from journal.export.jsonio import read_file

    source: Path = _path_of(parts[0]).expanduser()
    raw = read_file(source)  # read and parse before touching the journal
    data_dir = _data_dir(options)
    lock = _writer_lock(data_dir, "import")
    try:
        store = _open_store(data_dir, create=True)
        try:
            summary = store.import_document(raw)
        finally:
            store.close()
    finally:
        lock.release()
    line = f"imported {source.name}: {_counted(summary.films, summary.viewings, summary.entries)}"
    if summary.changed == 0:
        line += " — nothing new"
    if summary.kept_own:
        line += (
            f"; {_plural(summary.kept_own, 'record', 'records')} in the file differed from the "
            "journal's own version, which was kept (an import only adds)"
        )
    elif summary.changed == 0:
        line += " (all already in the journal)"
    print(line, file=out)


def _search(options: argparse.Namespace, out: TextIO) -> None:
    from journal.store.search import hit_record

    store = _open_store(_data_dir(options), create=False)
    try:
        # One more than shown says whether the list was cut.
        hits = store.search(options.words, limit=options.limit + 1)
    finally:
        store.close()
    shown = hits[: options.limit]
    if options.json:
        json.dump([hit_record(hit) for hit in shown], out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    if not shown:
        print(f"nothing in the journal matches {options.words!r}", file=out)
        return
    for line in _hit_lines(shown):
        print(line, file=out)
    if len(hits) > len(shown):
        best = "the best match" if len(shown) == 1 else f"the best {len(shown)} matches"
        print(f"({best}; add words or use --limit to see more)", file=out)


# The film column is cut to this width so the matching text stays on screen.
FILM_COLUMN_MAX = 40


def _hit_lines(hits) -> list[str]:  # type: ignore[no-untyped-def]
    """One aligned line per hit: film, viewing date, position, kind, snippet."""
    from journal.store.search import hit_record

    rows = []
    for hit in hits:
        record = hit_record(hit)
        film = record["film"]
        if len(film) > FILM_COLUMN_MAX:
            film = film[: FILM_COLUMN_MAX - 1] + "…"
        rows.append(
            (
                film,
                record["watched_on"] or "",
                record["position"] or "",
                record["kind"],
                record["snippet"],
            )
        )
    widths = [max(len(row[column]) for row in rows) for column in range(4)]
    lines = []
    for row in rows:
        # A column empty on every line (no dates when only films match) is left out.
        cells = [cell.ljust(width) for cell, width in zip(row[:4], widths, strict=True) if width]
        lines.append("  ".join([*cells, row[4]]).rstrip())
    return lines


def _check(options: argparse.Namespace, out: TextIO) -> None:
    from journal.backup import newest_backup

    data_dir = _data_dir(options)
    store = _open_store(data_dir, create=False)
    try:
        result = store.integrity_check()
        revision = store.schema_revision()
        counts = store.counts()
        path = store.path
    finally:
        store.close()
    newest = newest_backup(data_dir)
    print(f"journal:   {path}", file=out)
    print(f"integrity: {result}", file=out)
    print(f"schema:    {revision}", file=out)
    print(
        f"contents:  {_counted(counts['film'], counts['viewing'], counts['entry'])}, "
        f"{_plural(counts['motif'], 'motif', 'motifs')}, "
        f"{_plural(counts['tag'], 'tag', 'tags')}, "
        f"{_plural(counts['answer'], 'answer to a prompt', 'answers to prompts')}",
        file=out,
    )
    print(
        f"subtitles: {_plural(counts['subtitle_track'], 'track', 'tracks')}, "
        f"{_plural(counts['cue'], 'cue', 'cues')}",
        file=out,
    )
    print(f"backup:    {newest if newest else 'no backup yet'}", file=out)
    if result != "ok":
        raise _Failure(f"{path} failed its integrity check ({result}); {_backup_hint(data_dir)}")


def _backup(options: argparse.Namespace, out: TextIO) -> None:
    from journal.backup import MANUAL, make_backup, rotate

    data_dir = _data_dir(options)
    store = _open_store(data_dir, create=False)  # refuses a damaged journal, untouched
    try:
        made = make_backup(store.path, data_dir, kind=MANUAL)
    finally:
        store.close()
    rotate(data_dir)
    print(made, file=out)


def _restore(options: argparse.Namespace, out: TextIO) -> None:
    from journal.backup import restore

    data_dir = _data_dir(options)
    source: Path = options.file.expanduser()
    lock = _writer_lock(data_dir, "restore")
    try:
        _clean_leftovers(data_dir)
        safety = restore(data_dir, source)
    finally:
        lock.release()
    kept = f"; the journal it replaced was saved as {safety}" if safety else ""
    print(f"restored the journal from {source}{kept}", file=out)


_HANDLERS: dict[str, Callable[[argparse.Namespace, TextIO], None]] = {
    "export": _export,
    "import": _import,
    "search": _search,
    "check": _check,
    "backup": _backup,
    "restore": _restore,
}


def _counted(films: int, viewings: int, entries: int) -> str:
    return ", ".join(
        (
            _plural(films, "film", "films"),
            _plural(viewings, "viewing", "viewings"),
            _plural(entries, "entry", "entries"),
        )
    )
