"""Pulling the plug: a writer process is SIGKILLed at random moments, again and again.

Afterwards the journal must pass ``integrity_check``, an import must be all or nothing, and
every save the store reported as done must be there. (A kill is the harshest thing a process
can suffer short of losing power; SQLite's WAL and ``synchronous=FULL`` are what we rely on.)
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import pytest

from journal.store import Store

pytestmark = pytest.mark.skipif(
    not hasattr(signal, "SIGKILL") or not hasattr(os, "fork"), reason="needs SIGKILL and fork"
)

ROOT = Path(__file__).resolve().parents[2]
ENTRIES = 5_000
IMPORT_KILLS = 25
SAVE_KILLS = 25
READ_TIMEOUT_S = 60

# The writers run in processes forked from one server that has already imported the app, so
# each attempt costs the write itself, not a Python start-up. The server runs one task at a
# time: it forks a worker, waits for the test to say "reap" (so the pid the test signals
# cannot have been reused), waits for the worker (however it ends) and then prints "exit".
WRITER_SERVER = """
import json, os, sys
from pathlib import Path
from journal.export.jsonio import read_file
from journal.store import Store
# The store loads its write machinery on first write; load it here, once, so that each
# forked writer spends its life writing.
import journal.export.merge, journal.models, sqlmodel  # noqa: E401,F401

def import_task(data_dir, document):
    store = Store.open(Path(data_dir))
    raw = read_file(Path(document))
    print("ready", os.getpid(), flush=True)
    store.import_document(raw)
    print("done", flush=True)

def save_task(data_dir, viewing_id, position):
    store = Store.open(Path(data_dir))
    print("ready", os.getpid(), flush=True)
    while True:
        row = store.create_entry(viewing_id, position, "reaction", f"felt it at {position}")
        print(row.uid, flush=True)  # only after the store call returned: the save is promised
        position += 1000

def backup_task(data_dir):
    from journal.backup import MANUAL, make_backup
    print("ready", os.getpid(), flush=True)
    while True:
        make_backup(Path(data_dir) / "journal.sqlite3", Path(data_dir), kind=MANUAL)

def restore_task(data_dir, source):
    from journal.backup import restore
    print("ready", os.getpid(), flush=True)
    while True:
        restore(Path(data_dir), Path(source))

def markdown_task(data_dir, folder):
    from journal.export import markdown
    store = Store.open(Path(data_dir))
    print("ready", os.getpid(), flush=True)
    while True:
        list(markdown.export_all(store, Path(folder)))
        # Make the next pass write every file again (an unchanged file is skipped).
        for written in Path(folder).glob("*.md"):
            written.write_text("older")

TASKS = {
    "import": import_task,
    "save": save_task,
    "backup": backup_task,
    "restore": restore_task,
    "markdown": markdown_task,
}
for line in sys.stdin:
    command = json.loads(line)
    sys.stdout.flush()
    pid = os.fork()
    if pid == 0:
        code = 0
        try:
            TASKS[command.pop("task")](**command)
        except BaseException as exc:
            print("error", repr(exc), flush=True)
            code = 1
        sys.stdout.flush()
        os._exit(code)
    sys.stdin.readline()  # "reap": until then the worker's pid stays reserved (a zombie)
    os.waitpid(pid, 0)
    print("exit", flush=True)
"""


class WriterServer:
    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", WRITER_SERVER],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )

    def start(self, task: str, **arguments: object) -> int:
        """Start a worker; return its pid once it is ready to write."""
        assert self.process.stdin and self.process.stdout
        self.process.stdin.write(json.dumps({"task": task, **arguments}) + "\n")
        self.process.stdin.flush()
        first = self.process.stdout.readline().split()
        if first[:1] != ["ready"]:
            pytest.fail(f"writer did not start: {first} {self.rest()}")
        return int(first[1])

    def rest(self) -> list[str]:
        """Everything the worker printed after "ready", up to its end.

        A worker killed in the middle of a line leaves that fragment with no newline, so the
        server's "exit" can arrive glued to it: a line *ending* in "exit" ends the worker's
        output (the fragment before it is kept, and is not a whole promised uid). A watchdog
        ends the server if it falls silent, so a fault fails the test instead of hanging it.
        """
        assert self.process.stdout
        watchdog = threading.Timer(READ_TIMEOUT_S, self.process.kill)
        watchdog.start()
        try:
            lines = []
            while line := self.process.stdout.readline():
                if line.endswith("exit\n"):
                    if line != "exit\n":
                        lines.append(line[: -len("exit\n")])
                    break
                lines.append(line)
        finally:
            watchdog.cancel()
        assert self.process.poll() is None, "the writer server fell silent and was stopped"
        return lines

    def kill_after(self, pid: int, delay: float) -> tuple[bool, list[str]]:
        """SIGKILL the worker after ``delay`` s; (whether it was still writing, its lines)."""
        time.sleep(delay)  # the random moment of the crash is the point of this test
        os.kill(pid, signal.SIGKILL)
        killed = True
        assert self.process.stdin
        self.process.stdin.write("reap\n")
        self.process.stdin.flush()
        lines = self.rest()
        if lines and lines[-1] == "done\n":
            killed = False  # it finished (and was reaped) before the signal could matter
        return killed, lines

    def close(self) -> None:
        assert self.process.stdin
        self.process.stdin.close()
        try:
            self.process.wait(timeout=30)
        finally:
            if self.process.poll() is None:
                self.process.kill()
            if self.process.stdout:
                self.process.stdout.close()


@pytest.fixture(scope="module")
def server():
    running = WriterServer()
    yield running
    running.close()


@pytest.fixture(scope="module")
def big_document(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A Journal JSON file with 5,000 entries, written once for the module."""
    films = []
    per_viewing = 100
    for f in range(ENTRIES // (2 * per_viewing)):
        viewings = []
        for v in range(2):
            entries = [
                {
                    "uid": str(uuid.uuid4()),
                    "position_ms": i * 1500,
                    "kind": "dialogue" if i % 3 else "pause",
                    "text": f"film {f} viewing {v} line {i}: the letter, finally opened",
                    "motifs": ["Letter"] if i % 7 == 0 else [],
                }
                for i in range(per_viewing)
            ]
            viewings.append(
                {"uid": str(uuid.uuid4()), "watched_on": f"2024-0{v + 1}-15", "entries": entries}
            )
        films.append({"uid": str(uuid.uuid4()), "title": f"Film {f}", "viewings": viewings})
    document = {"format": "reflective-journal", "version": 1, "films": films}
    assert sum(len(v["entries"]) for f in films for v in f["viewings"]) == ENTRIES
    path = tmp_path_factory.mktemp("document") / "journal.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def empty_journal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated, empty journal to copy for each attempt (so no attempt pays for migrating)."""
    folder = tmp_path_factory.mktemp("empty")
    Store.open(folder).close()
    return folder / "journal.sqlite3"


def check(data_dir: Path) -> tuple[Store, dict[str, int]]:
    store = Store.open(data_dir)  # what the app does next: open (and recover) the journal
    assert store.integrity_check() == "ok"
    return store, store.counts()


def fresh_copy(folder: Path, journal: Path) -> Path:
    folder.mkdir(mode=0o700)
    shutil.copyfile(journal, folder / "journal.sqlite3")
    return folder


def test_an_import_killed_at_any_moment_is_all_or_nothing(
    tmp_path, server, big_document, empty_journal
):
    seed = random.randrange(2**32)
    chance = random.Random(seed)
    # One uninterrupted run measures how long the write takes on this machine.
    data_dir = fresh_copy(tmp_path / "calibrate", empty_journal)
    pid = server.start("import", data_dir=str(data_dir), document=str(big_document))
    began = time.monotonic()
    assert server.process.stdin and server.process.stdout
    assert server.process.stdout.readline() == "done\n"
    span = time.monotonic() - began
    server.process.stdin.write("reap\n")
    server.process.stdin.flush()
    assert server.rest() == []
    store, counts = check(data_dir)
    store.close()
    assert counts["entry"] == ENTRIES

    kills = nothing = everything = attempt = 0
    while kills < IMPORT_KILLS and attempt < IMPORT_KILLS * 3:
        attempt += 1
        data_dir = fresh_copy(tmp_path / f"attempt{attempt}", empty_journal)
        pid = server.start("import", data_dir=str(data_dir), document=str(big_document))
        killed, _ = server.kill_after(pid, chance.uniform(0.0, span * 1.1))
        kills += killed
        store, counts = check(data_dir)
        store.close()
        assert counts["entry"] in (0, ENTRIES), f"seed {seed}, attempt {attempt}: {counts}"
        assert counts["film"] in (0, ENTRIES // 200)
        assert (counts["entry"] == 0) == (counts["film"] == 0)
        nothing += counts["entry"] == 0
        everything += counts["entry"] == ENTRIES
        shutil.rmtree(data_dir)
    assert kills >= IMPORT_KILLS, f"seed {seed}: only {kills} kills landed"
    # At least one kill caught the import before its commit, or the test tested nothing.
    assert nothing >= 1, f"seed {seed}"


def test_every_save_the_store_confirmed_survives_a_kill(tmp_path, server, empty_journal):
    seed = random.randrange(2**32)
    chance = random.Random(seed)
    data_dir = fresh_copy(tmp_path / "data", empty_journal)
    store = Store.open(data_dir)
    film = store.create_film("Still Walking", year=2008)
    viewing = store.create_viewing(film.id, "2024-05-01")
    store.close()

    promised: list[str] = []
    kills = attempt = 0
    while kills < SAVE_KILLS and attempt < SAVE_KILLS * 3:
        attempt += 1
        pid = server.start(
            "save", data_dir=str(data_dir), viewing_id=viewing.id, position=attempt * 10_000_000
        )
        killed, lines = server.kill_after(pid, chance.uniform(0.0, 0.15))
        kills += killed
        # A line cut off by the kill was never fully promised.
        promised += [line[:36] for line in lines if len(line) == 37 and line.endswith("\n")]
        store, counts = check(data_dir)
        try:
            present = {entry.uid for entry in store.list_entries(viewing.id)}
        finally:
            store.close()
        missing = [uid for uid in promised if uid not in present]
        assert not missing, f"seed {seed}, attempt {attempt}: {len(missing)} confirmed saves lost"
        assert counts["entry"] >= len(promised)
    assert kills >= SAVE_KILLS, f"seed {seed}: only {kills} kills landed"
    assert promised, "no save completed before any kill; the test tested nothing"


OTHER_KILLS = 8


@pytest.mark.parametrize("task", ["backup", "restore", "markdown"])
def test_a_killed_backup_restore_or_export_leaves_nothing_behind_after_the_next_run(
    tmp_path, server, big_document, empty_journal, task
):
    from journal.cli import run_cli
    from journal.files import is_temporary_name

    seed = random.randrange(2**32)
    chance = random.Random(seed)
    data_dir = fresh_copy(tmp_path / "data", empty_journal)
    store = Store.open(data_dir)
    store.import_document(json.loads(big_document.read_text(encoding="utf-8")))
    store.close()
    source = tmp_path / "source.sqlite3"
    shutil.copyfile(data_dir / "journal.sqlite3", source)
    folder = tmp_path / "notes"
    arguments = {
        "backup": {"data_dir": str(data_dir)},
        "restore": {"data_dir": str(data_dir), "source": str(source)},
        "markdown": {"data_dir": str(data_dir), "folder": str(folder)},
    }[task]

    def leftovers() -> list[Path]:
        places = [data_dir, data_dir / "backups", folder]
        return [
            p
            for place in places
            if place.is_dir()
            for p in place.iterdir()
            if is_temporary_name(p.name)
        ]

    for _ in range(OTHER_KILLS):
        pid = server.start(task, **arguments)
        server.kill_after(pid, chance.uniform(0.05, 0.6))
        store, counts = check(data_dir)  # the journal is whole after every kill
        store.close()
        assert counts["entry"] == ENTRIES, f"seed {seed}: {counts}"
    # Hours later (the clean-up leaves fresh files alone: another process may be writing them).
    left = leftovers()
    hours_ago = time.time() - 7 * 3600
    for path in left:
        os.utime(path, (hours_ago, hours_ago))
    # The next run: the app or any command opening the journal, or the next export there.
    assert run_cli(["--data-dir", str(data_dir), "check"]) == 0
    if task == "markdown":
        assert run_cli(["--data-dir", str(data_dir), "export", "markdown", str(folder)]) == 0
    assert leftovers() == [], f"seed {seed}: {leftovers()} survived ({len(left)} were left)"
