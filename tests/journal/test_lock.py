"""The one-writer lock: a second writer is refused, readers are not, a dead holder frees it."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from journal.cli import run_cli
from journal.lock import LOCK_FILENAME, WriterLock
from journal.store import Store

ROOT = Path(__file__).resolve().parents[2]

HOLD_LOCK = """
import sys
from pathlib import Path
from journal.lock import WriterLock
lock = WriterLock(Path(sys.argv[1]))
print("locked" if lock.acquire() else "refused", flush=True)
sys.stdin.read()  # hold until the test closes stdin or kills us
"""


@pytest.fixture
def holder_process(data_dir: Path):
    """Another process (standing in for the desktop app) holding the lock."""
    process = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(data_dir)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "locked"
        yield process
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=30)
        for stream in (process.stdin, process.stdout):
            if stream:
                stream.close()


def cli(capsys, *args) -> tuple[int, str, str]:
    code = run_cli([str(a) for a in args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_only_one_holder_at_a_time(data_dir):
    first, second = WriterLock(data_dir), WriterLock(data_dir)
    assert first.acquire()
    assert first.acquire()  # holding it already is fine
    assert not second.acquire()
    holder = second.holder()
    assert holder is not None
    assert holder.pid == os.getpid()
    assert holder.host == socket.gethostname()
    first.release()
    assert second.holder() is None
    assert second.acquire()
    second.release()
    first.release()  # releasing twice is harmless


def test_the_lock_file_sits_beside_the_database_and_names_the_holder(data_dir):
    with WriterLock(data_dir) as lock:
        assert lock.acquire()
        path = data_dir / LOCK_FILENAME
        assert path.name == "journal.sqlite3.lock"
        record = json.loads(path.read_text(encoding="utf-8"))
        assert record == {"pid": os.getpid(), "host": socket.gethostname(), "purpose": "app"}
        if os.name == "posix":
            assert path.stat().st_mode & 0o777 == 0o600
    assert WriterLock(data_dir).holder() is None


def test_no_lock_file_means_free(data_dir):
    assert WriterLock(data_dir).holder() is None


def test_a_stale_record_without_a_live_holder_does_not_block(data_dir):
    data_dir.mkdir()
    (data_dir / LOCK_FILENAME).write_text('{"pid": 999999, "host": "old"}', encoding="utf-8")
    lock = WriterLock(data_dir)
    assert lock.holder() is None
    assert lock.acquire()
    lock.release()


def test_writing_commands_refuse_while_the_app_holds_the_lock(
    data_dir, tmp_path, capsys, holder_process
):
    store = Store.open(data_dir)
    store.create_film("Late Spring", year=1949)
    store.close()
    exported = tmp_path / "journal.json"
    # Reading commands work while the app is open.
    assert cli(capsys, "--data-dir", data_dir, "export", "json", exported)[0] == 0
    assert cli(capsys, "--data-dir", data_dir, "check")[0] == 0
    code, out, _ = cli(capsys, "--data-dir", data_dir, "backup")
    assert code == 0
    backup = Path(out.strip())
    # Writing commands do not.
    expected = (
        f"reflective-journal: the journal is open in Reflective Journal "
        f"(pid {holder_process.pid}); close the app first\n"
    )
    for args in (["import", exported], ["restore", backup]):
        code, out, err = cli(capsys, "--data-dir", data_dir, *args)
        assert code == 1
        assert err == expected
        assert out == ""


def test_a_killed_holder_leaves_a_stale_lock_that_is_free(
    data_dir, tmp_path, capsys, holder_process
):
    lock = WriterLock(data_dir)
    assert lock.holder().pid == holder_process.pid
    holder_process.kill()
    holder_process.wait(timeout=30)
    # The record of the dead process is still in the file, but the lock is free.
    assert json.loads((data_dir / LOCK_FILENAME).read_text())["pid"] == holder_process.pid
    assert lock.holder() is None
    source = tmp_path / "journal.json"
    source.write_text(
        json.dumps({"format": "reflective-journal", "version": 1, "films": [{"title": "Ikiru"}]}),
        encoding="utf-8",
    )
    code, out, err = cli(capsys, "--data-dir", data_dir, "import", source)
    assert code == 0, err
    assert "1 film," in out
    assert lock.acquire()  # the CLI gave it back
    lock.release()


# --- round two: links, a deleted lock file, and who holds it --------------------------------


@pytest.mark.skipif(os.name != "posix", reason="links and folder locks")
def test_a_linked_lock_file_is_refused_and_its_target_untouched(data_dir, tmp_path):
    from journal.errors import StorageError

    data_dir.mkdir()
    precious = tmp_path / "precious.txt"
    precious.write_text("years of notes")
    (data_dir / LOCK_FILENAME).symlink_to(precious)
    with pytest.raises(StorageError, match="is a link"):
        WriterLock(data_dir).acquire()
    assert precious.read_text() == "years of notes"


@pytest.mark.skipif(os.name != "posix", reason="folder locks")
def test_deleting_the_lock_file_while_held_does_not_let_a_second_writer_in(data_dir):
    first = WriterLock(data_dir)
    assert first.acquire()
    try:
        (data_dir / LOCK_FILENAME).unlink()
        second = WriterLock(data_dir)
        assert not second.acquire()
        assert second.holder() is not None  # someone holds it, even with no file to say who
    finally:
        first.release()
    third = WriterLock(data_dir)
    assert third.acquire()
    third.release()


def test_a_second_import_is_told_another_command_is_writing(data_dir, capsys, tmp_path):
    Store.open(data_dir).close()
    holder = WriterLock(data_dir, purpose="import")
    assert holder.acquire()
    try:
        document = tmp_path / "j.json"
        document.write_text('{"format": "reflective-journal", "version": 1, "films": []}')
        code, out, err = cli(capsys, "--data-dir", data_dir, "import", document)
    finally:
        holder.release()
    assert code == 1
    assert "reflective-journal import" in err and "close the app" not in err
