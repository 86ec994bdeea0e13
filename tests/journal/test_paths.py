"""A path is text, never a URI: every character a file system allows in a name works for the
data folder, a backup, a restore source and every export target.

Each test runs the command-line round trip — import, backup, restore, export Markdown and
JSON, check — in folders named with one awkward character, and checks that the words are in
the files the messages name, and that nothing was written outside the folders given.
"""

from __future__ import annotations

import io
import json
import os
import sqlite3
import stat
from pathlib import Path

import pytest

from journal.cli import run_cli

AWKWARD = [
    "Films #2",
    "what?now",
    "100% films",
    "a&b=c",
    "with  two spaces",
    'it\'s "quoted"',
    "Filmtagebuch – é ü 映画",
    "-starts-with-dash",
    "semi;colon",
    "percent %41 encoded",
    "file:looks like a uri",
]

DOCUMENT = {
    "format": "reflective-journal",
    "version": 1,
    "films": [
        {
            "title": "Tokyo Story",
            "year": 1953,
            "viewings": [
                {
                    "watched_on": "2024-03-01",
                    "reflection": "The mended cup, finally.",
                    "entries": [
                        {"position_ms": 62_000, "kind": "pause", "text": "The held silence."}
                    ],
                }
            ],
        }
    ],
}


def cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run_cli(list(args), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def tables_and_titles(path: Path) -> tuple[int, list[str]]:
    connection = sqlite3.connect(os.fspath(path))
    try:
        tables = connection.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        titles = [row[0] for row in connection.execute("SELECT title FROM film ORDER BY id")]
    finally:
        connection.close()
    return tables, titles


def everything_under(root: Path) -> set[Path]:
    return {path for path in root.rglob("*")}


@pytest.mark.parametrize("name", AWKWARD)
def test_the_whole_round_trip_works_in_a_folder_with_an_awkward_name(tmp_path: Path, name: str):
    root = tmp_path / name
    root.mkdir()
    data_dir = root / name  # the data folder, and every other path, carry the name
    source = root / f"{name}.json"
    source.write_text(json.dumps(DOCUMENT), encoding="utf-8")
    before = set(os.listdir(tmp_path))

    code, out, err = cli(f"--data-dir={data_dir}", "import", "--", str(source))
    assert (code, err) == (0, ""), err
    assert (data_dir / "journal.sqlite3").is_file()

    code, out, err = cli(f"--data-dir={data_dir}", "backup")
    assert (code, err) == (0, ""), err
    made = Path(out.strip())
    assert made.parent == data_dir / "backups"
    tables, titles = tables_and_titles(made)
    assert tables > 5 and titles == ["Tokyo Story"]  # a real copy, not an empty database

    # Restore from a copy whose own name is awkward too.
    renamed = root / f"{name} backup.sqlite3"
    renamed.write_bytes(made.read_bytes())
    code, out, err = cli(f"--data-dir={data_dir}", "restore", "--", str(renamed))
    assert (code, err) == (0, ""), err
    safety = Path(out.rsplit("saved as ", 1)[1].strip())
    assert safety.is_file()
    assert tables_and_titles(safety)[1] == ["Tokyo Story"]  # the replaced journal, kept whole
    assert tables_and_titles(data_dir / "journal.sqlite3")[1] == ["Tokyo Story"]

    markdown_dir = root / f"{name} notes"
    code, out, err = cli(f"--data-dir={data_dir}", "export", "markdown", "--", str(markdown_dir))
    assert (code, err) == (0, ""), err
    (note,) = list(markdown_dir.glob("*.md"))
    assert "The held silence." in note.read_text(encoding="utf-8")

    exported = root / f"{name} out.json"
    code, out, err = cli(f"--data-dir={data_dir}", "export", "json", "--", str(exported))
    assert (code, err) == (0, ""), err
    assert json.loads(exported.read_text(encoding="utf-8"))["films"][0]["title"] == "Tokyo Story"

    code, out, err = cli(f"--data-dir={data_dir}", "check")
    assert (code, err) == (0, ""), err
    assert "integrity: ok" in out

    # Nothing beside the folder that was named (a "?" once sent the data to a sibling file).
    assert set(os.listdir(tmp_path)) == before
    if os.name == "posix":
        for path in everything_under(data_dir):
            mode = stat.S_IMODE(path.lstat().st_mode)
            assert mode & 0o077 == 0, f"{path} is readable by others ({oct(mode)})"


@pytest.mark.parametrize("name", ["Films #2", "what?now", "100% films"])
def test_the_desktop_store_and_its_backups_use_the_folder_as_named(tmp_path: Path, name: str):
    from journal.backup import make_backup, newest_backup, restore
    from journal.store import Store

    data_dir = tmp_path / name
    store = Store.open(data_dir)
    store.create_film("Late Spring")
    made = make_backup(store.path, data_dir)
    store.close()
    assert tables_and_titles(made)[1] == ["Late Spring"]
    assert newest_backup(data_dir, verified=True) == made
    assert restore(data_dir, made) is not None
    reopened = Store.open(data_dir)
    try:
        assert [film.title for film in reopened.list_films()] == ["Late Spring"]
    finally:
        reopened.close()
    assert sorted(os.listdir(tmp_path)) == [name]
