"""A journal is private: files the app makes are the user's alone, and nothing goes on the
network."""

from __future__ import annotations

import json
import os
import socket
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from journal.cli import run_cli

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
                    "reflection": "Private thoughts.",
                    "entries": [{"position_ms": 1000, "kind": "reaction", "text": "I cried"}],
                }
            ],
        }
    ],
}


@pytest.fixture
def permissive_umask() -> Iterator[None]:
    """With umask 0 only the modes the code asks for remain, so the test sees the code's
    choices rather than the machine's default."""
    previous = os.umask(0)
    try:
        yield
    finally:
        os.umask(previous)


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Any attempt to open a socket (or resolve a name) is recorded and refused."""
    attempts: list[str] = []

    def refuse(name: str):
        def blocked(*args: object, **kwargs: object) -> None:
            attempts.append(name)
            raise OSError(f"network use is not allowed in this test ({name})")

        return blocked

    class RefusedSocket(socket.socket):
        # A class, not a function: modules imported meanwhile (ssl) subclass socket.socket.
        def __init__(self, *args: object, **kwargs: object) -> None:
            attempts.append("socket")
            raise OSError("network use is not allowed in this test (socket)")

    monkeypatch.setattr(socket, "socket", RefusedSocket)
    monkeypatch.setattr(socket, "create_connection", refuse("create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("getaddrinfo"))
    return attempts


def round_trip(tmp_path: Path) -> dict[str, Path]:
    """import → export json → export markdown → backup → restore → check, all in-process."""
    data_dir = tmp_path / "data"
    source = tmp_path / "journal.json"
    source.write_text(json.dumps(DOCUMENT), encoding="utf-8")
    exported = tmp_path / "export.json"
    markdown = tmp_path / "markdown"

    def run(*args: str | Path) -> None:
        assert run_cli(["--data-dir", str(data_dir), *map(str, args)]) == 0

    run("import", source)
    run("export", "json", exported)
    run("export", "markdown", markdown)
    run("backup")
    backups = sorted((data_dir / "backups").iterdir())
    run("restore", backups[0])
    run("check")
    return {"data": data_dir, "json": exported, "markdown": markdown}


def test_the_whole_command_line_round_trip_opens_no_socket(tmp_path, no_network, capsys):
    paths = round_trip(tmp_path)
    assert no_network == []
    assert "integrity: ok" in capsys.readouterr().out
    assert list(paths["markdown"].glob("*.md"))


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_every_file_the_app_makes_is_private(tmp_path, permissive_umask, capsys):
    paths = round_trip(tmp_path)
    capsys.readouterr()
    data_dir = paths["data"]
    folders = [data_dir, data_dir / "backups", paths["markdown"]]
    files = [
        data_dir / "journal.sqlite3",
        data_dir / "journal.sqlite3.lock",
        paths["json"],
        *(data_dir / "backups").iterdir(),
        *paths["markdown"].iterdir(),
    ]
    assert len(list((data_dir / "backups").iterdir())) == 2  # the backup and the safety copy
    for folder in folders:
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    for path in files:
        assert path.is_file(), path
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_an_existing_backups_folder_is_tightened(tmp_path, permissive_umask, capsys):
    data_dir = tmp_path / "data"
    source = tmp_path / "journal.json"
    source.write_text(json.dumps(DOCUMENT), encoding="utf-8")
    assert run_cli(["--data-dir", str(data_dir), "import", str(source)]) == 0
    (data_dir / "backups").mkdir(mode=0o777)
    assert run_cli(["--data-dir", str(data_dir), "backup"]) == 0
    assert stat.S_IMODE((data_dir / "backups").stat().st_mode) == 0o700
