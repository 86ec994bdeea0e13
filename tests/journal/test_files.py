"""journal/files.py's helpers: one atomic write and one look at an SQLite file for everyone."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from journal import files


@pytest.mark.parametrize("unique", [False, True])
def test_write_atomic_replaces_whole_and_leaves_nothing_behind(
    tmp_path: Path, unique: bool
) -> None:
    target = tmp_path / "film.md"
    target.write_text("old")
    files.write_atomic(target, "new ✓".encode(), unique=unique)
    assert target.read_text(encoding="utf-8") == "new ✓"
    assert os.listdir(tmp_path) == ["film.md"]


@pytest.mark.parametrize("unique", [False, True])
def test_temporary_names_are_the_ones_clean_up_recognises(tmp_path: Path, unique: bool) -> None:
    temporary = files.write_temporary(tmp_path / "film.md", b"text", unique=unique, durable=False)
    assert files.is_temporary_name(temporary.name)
    assert temporary.stat().st_mode & 0o777 == 0o600


def test_write_atomic_keeps_the_old_file_when_writing_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "journal.json"
    target.write_text("old")

    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(OSError, match="No space left"):
        files.write_atomic(target, b"new")
    assert target.read_text() == "old"
    assert os.listdir(tmp_path) == ["journal.json"]


def test_a_folder_that_refuses_a_temporary_file_says_so(tmp_path: Path) -> None:
    with pytest.raises(files.CannotWriteHere):
        files.write_atomic(tmp_path / "missing" / "x.json", b"{}")


def test_inspect_sqlite_reports_header_check_and_revision(tmp_path: Path) -> None:
    not_sqlite = tmp_path / "notes.txt"
    not_sqlite.write_text("hello")
    assert files.inspect_sqlite(not_sqlite, check="integrity_check").is_sqlite is False

    database = tmp_path / "journal.sqlite3"
    connection = sqlite3.connect(database)
    connection.execute("CREATE TABLE alembic_version (version_num TEXT)")
    connection.execute("INSERT INTO alembic_version VALUES ('0002')")
    connection.commit()
    connection.close()
    facts = files.inspect_sqlite(database, check="quick_check", revision=True)
    assert (facts.is_sqlite, facts.sound, facts.revision, facts.tables) == (True, True, "0002", 1)
    assert files.inspect_sqlite(database).revision is None  # asked only for the header
    with pytest.raises(OSError):
        files.inspect_sqlite(tmp_path / "gone.sqlite3")
