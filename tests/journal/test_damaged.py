"""A damaged journal, or one from a newer version, is refused by every command, untouched,
with one line that names the file and the newest good backup."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from journal.backup import list_backups, make_backup
from journal.cli import run_cli
from journal.store import Store


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A healthy journal with some pages of content, built once per module."""
    store = Store.open(tmp_path_factory.mktemp("template"))
    film = store.create_film("Tokyo Story", year=1953)
    store.create_viewing(film.id, "2024-03-01", reflection="quiet " * 2000)
    store.import_document(
        {
            "format": "reflective-journal",
            "version": 1,
            "films": [
                {
                    "title": "Late Spring",
                    "viewings": [
                        {
                            "watched_on": "2024-03-02",
                            "entries": [
                                {"position_ms": s * 1000, "kind": "note", "text": f"line {s} " * 20}
                                for s in range(200)
                            ],
                        }
                    ],
                }
            ],
        }
    )
    path = store.path
    store.close()
    return path


@pytest.fixture
def make_journal(template: Path) -> Callable[[Path], Path]:
    def make(data_dir: Path) -> Path:
        data_dir.mkdir(mode=0o700, exist_ok=True)
        target = data_dir / "journal.sqlite3"
        shutil.copyfile(template, target)
        return target

    return make


def truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])


def random_bytes(path: Path) -> None:
    path.write_bytes(os.urandom(40_000))


def zero_length(path: Path) -> None:
    path.write_bytes(b"")


def not_sqlite(path: Path) -> None:
    path.write_text("# My film notes\n\nThis is a Markdown file, not a journal.\n")


def scribbled_pages(path: Path) -> None:
    # A valid header, garbage after the first page: looks like SQLite, is not readable.
    data = bytearray(path.read_bytes())
    data[4096:] = os.urandom(len(data) - 4096)
    path.write_bytes(bytes(data))


def newer_schema(path: Path) -> None:
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    connection.close()


DAMAGE: dict[str, Callable[[Path], None]] = {
    "truncated": truncate,
    "random bytes": random_bytes,
    "zero length": zero_length,
    "not SQLite": not_sqlite,
    "scribbled pages": scribbled_pages,
    "newer schema": newer_schema,
}

COMMANDS = [
    ["check"],
    ["backup"],
    ["export", "json", "{tmp}/out.json"],
    ["import", "{tmp}/in.json"],
]


@pytest.fixture
def import_file(tmp_path: Path) -> Path:
    path = tmp_path / "in.json"
    path.write_text('{"format": "reflective-journal", "version": 1, "films": [{"title": "X"}]}')
    return path


@pytest.mark.parametrize("damage", DAMAGE, ids=list(DAMAGE))
@pytest.mark.parametrize("command", COMMANDS, ids=[c[0] + "-" + c[-1][-8:] for c in COMMANDS])
def test_every_command_refuses_a_damaged_journal_and_changes_no_byte(
    data_dir, tmp_path, capsys, import_file, make_journal, damage, command
):
    path = make_journal(data_dir)
    DAMAGE[damage](path)
    # Leftover -wal/-shm files would be part of the journal; there are none after a clean close.
    before = sha256(path)
    args = [a.format(tmp=tmp_path) for a in command]
    code = run_cli(["--data-dir", str(data_dir), *args])
    captured = capsys.readouterr()
    assert code == 1
    lines = captured.err.splitlines()
    assert len(lines) == 1, captured.err
    assert lines[0].startswith("reflective-journal: ")
    assert str(path) in lines[0]
    assert lines[0].endswith("no backup yet")
    assert sha256(path) == before
    assert not list_backups(data_dir)
    assert not (tmp_path / "out.json").exists()


@pytest.mark.parametrize("damage", DAMAGE, ids=list(DAMAGE))
def test_the_message_names_the_newest_good_backup(data_dir, capsys, make_journal, damage):
    path = make_journal(data_dir)
    good = make_backup(path, data_dir)
    # A newer backup that is itself damaged is not offered.
    broken = good.with_name("journal-29991231-235959.sqlite3")
    broken.write_bytes(b"junk")
    DAMAGE[damage](path)
    before = sha256(path)
    code = run_cli(["--data-dir", str(data_dir), "check"])
    err = capsys.readouterr().err
    assert code == 1
    assert f"newest good backup: {good}" in err
    assert str(broken) not in err
    assert sha256(path) == before


def test_the_newer_schema_message_says_to_update(data_dir, capsys, make_journal):
    path = make_journal(data_dir)
    newer_schema(path)
    assert run_cli(["--data-dir", str(data_dir), "check"]) == 1
    err = capsys.readouterr().err
    assert "newer version" in err
    assert "untouched" in err


def test_restore_rescues_a_damaged_journal_and_keeps_its_bytes(data_dir, capsys, make_journal):
    path = make_journal(data_dir)
    good = make_backup(path, data_dir)
    truncate(path)
    damaged_bytes = path.read_bytes()
    code = run_cli(["--data-dir", str(data_dir), "restore", str(good)])
    out = capsys.readouterr().out
    assert code == 0
    kept = Path(out.split("was saved as ")[1].strip())
    assert kept.read_bytes() == damaged_bytes
    store = Store.open(data_dir)
    try:
        assert store.integrity_check() == "ok"
        assert store.counts()["entry"] == 200
    finally:
        store.close()
