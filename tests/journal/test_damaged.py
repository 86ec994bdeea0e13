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


# --- round two: a file another program touches; messages that tell the truth ----------------


def test_writes_stop_when_the_journal_is_replaced_under_the_store(tmp_path, make_journal):
    from journal.identity import JournalReplacedError

    data_dir = tmp_path / "data"
    make_journal(data_dir)
    store = Store.open(data_dir)
    film = store.create_film("Written before")
    # A sync tool renames a new copy over the journal.
    incoming = data_dir / ".syncthing.journal.sqlite3.tmp"
    shutil.copyfile(data_dir / "journal.sqlite3", incoming)
    os.replace(incoming, data_dir / "journal.sqlite3")
    replaced_bytes = sha256(data_dir / "journal.sqlite3")
    with pytest.raises(JournalReplacedError, match="replaced by another file"):
        store.update_film(film.id, title="Written after")
    with pytest.raises(JournalReplacedError):  # and every later write too
        store.create_film("Another")
    store.close()
    assert sha256(data_dir / "journal.sqlite3") == replaced_bytes


def test_writes_stop_when_the_journal_is_deleted_under_the_store(tmp_path, make_journal):
    from journal.identity import JournalReplacedError

    data_dir = tmp_path / "data"
    make_journal(data_dir)
    store = Store.open(data_dir)
    store.create_film("Written before")
    (data_dir / "journal.sqlite3").unlink()
    with pytest.raises(JournalReplacedError, match="removed or moved away"):
        store.create_film("Written after")
    store.close()
    assert not (data_dir / "journal.sqlite3").exists()  # no new empty journal in its place


def test_a_wal_written_for_another_file_is_set_aside_not_replayed(tmp_path, make_journal):
    data_dir = tmp_path / "data"
    make_journal(data_dir)
    Store.open(data_dir).close()  # records which file the journal is
    # A crashed writer left a -wal for the old file; then a sync tool replaced the journal.
    writer = sqlite3.connect(data_dir / "journal.sqlite3", isolation_level=None)
    writer.execute("PRAGMA journal_mode=WAL")
    writer.execute("PRAGMA wal_autocheckpoint=0")
    writer.execute("UPDATE film SET title = 'from the old file'")
    stale_wal = (data_dir / "journal.sqlite3-wal").read_bytes()
    writer.close()  # (closing folds it in; put the stale log back as a crash would leave it)
    newer = tmp_path / "newer.sqlite3"
    shutil.copyfile(make_journal(tmp_path / "other"), newer)
    os.replace(newer, data_dir / "journal.sqlite3")
    (data_dir / "journal.sqlite3-wal").write_bytes(stale_wal)

    store = Store.open(data_dir)
    try:
        assert "from the old file" not in [film.title for film in store.list_films()]
        assert store.integrity_check() == "ok"
        assert any("write-ahead log" in notice for notice in store.notices)
    finally:
        store.close()
    (kept,) = list((data_dir / "backups").glob("foreign-wal-*.sqlite3"))
    assert Path(f"{kept}-wal").read_bytes() == stale_wal  # kept whole, never deleted
    # The pair opens as a database the person can restore if the judgement was wrong.
    with sqlite3.connect(kept) as connection:
        titles = [row[0] for row in connection.execute("SELECT title FROM film")]
    connection.close()
    assert "from the old file" in titles


def test_a_copied_data_folder_keeps_its_own_wal(tmp_path, make_journal):
    """A folder copied elsewhere after a crash (another path, new inodes) is not a journal
    replaced under its log: the log is replayed as SQLite always did."""
    data_dir = tmp_path / "data"
    make_journal(data_dir)
    Store.open(data_dir).close()
    writer = sqlite3.connect(data_dir / "journal.sqlite3", isolation_level=None)
    writer.execute("PRAGMA journal_mode=WAL")
    writer.execute("PRAGMA wal_autocheckpoint=0")
    writer.execute("UPDATE film SET title = 'written just before the crash'")
    wal = (data_dir / "journal.sqlite3-wal").read_bytes()
    copy = tmp_path / "copy"
    shutil.copytree(data_dir, copy)  # copied while the log is live, as after a crash
    (copy / "journal.sqlite3-wal").write_bytes(wal)
    writer.close()
    store = Store.open(copy)
    try:
        assert "written just before the crash" in [film.title for film in store.list_films()]
        assert store.notices == []
    finally:
        store.close()
    assert not list((copy / "backups").glob("foreign-wal-*"))


def test_a_journal_link_to_a_missing_disk_is_refused_never_replaced(tmp_path, capsys):
    if os.name != "posix":
        pytest.skip("links")
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    link = data_dir / "journal.sqlite3"
    link.symlink_to(tmp_path / "unmounted-volume" / "journal.sqlite3")
    for args in (["check"], ["backup"], ["export", "json", str(tmp_path / "x.json")]):
        assert run_cli(["--data-dir", str(data_dir), *args]) == 1
    code = run_cli(["--data-dir", str(data_dir), "import", str(tmp_path / "none.json")])
    assert code == 1
    from journal.errors import StorageError

    with pytest.raises(StorageError, match="does not exist"):
        Store.open(data_dir)
    assert link.is_symlink() and not link.exists()
    assert not (tmp_path / "unmounted-volume").exists()


@pytest.mark.parametrize(
    ("code", "expected", "unexpected"),
    [
        ("SQLITE_CANTOPEN", "not writable", "damaged"),
        ("SQLITE_READONLY_DIRECTORY", "not writable", "damaged"),
        ("SQLITE_FULL", "is full", "damaged"),
        ("SQLITE_IOERR_READ", "not proof of damage", "is damaged"),
        ("SQLITE_CORRUPT", "is damaged", "not writable"),
    ],
)
def test_only_damage_is_called_damage(
    tmp_path, make_journal, monkeypatch, code, expected, unexpected
):
    import journal.files as files

    data_dir = tmp_path / "data"
    path = make_journal(data_dir)
    before = sha256(path)

    def failing(_path):
        error = sqlite3.OperationalError("simulated")
        error.sqlite_errorname = code
        raise error

    # Every look at an SQLite file goes through journal.files.inspect_sqlite.
    monkeypatch.setattr(files, "connect_readonly", failing)
    out, err = __import__("io").StringIO(), __import__("io").StringIO()
    assert run_cli(["--data-dir", str(data_dir), "check"], stdout=out, stderr=err) == 1
    message = err.getvalue()
    assert expected in message and unexpected not in message
    assert message.count("\n") == 1
    assert sha256(path) == before
