"""Fixtures for the time-source tests: a fake mpv on a real Unix socket in tmp_path."""

from __future__ import annotations

import contextlib
import socket
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.journal.watch.fake_mpv import FakeMpv


@pytest.fixture
def fake_mpv(tmp_path: Path) -> Iterator[FakeMpv]:
    """A fake mpv listening at ``tmp_path / "mpv.sock"``."""
    server = FakeMpv(tmp_path / "mpv.sock")
    yield server
    server.close()


def wait_until(condition: Callable[[], bool], timeout: float = 2.0) -> None:
    """Poll ``condition`` every few ms; fail the test if it is still false after ``timeout``."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"condition still false after {timeout:.1f} s")
        time.sleep(0.005)


def accepts_connections(path: Path) -> bool:
    """True once something listens on the Unix socket at ``path`` (it may exist a moment before)."""
    probe = socket.socket(socket.AF_UNIX)
    try:
        probe.connect(str(path))
    except OSError:
        return False
    finally:
        with contextlib.suppress(OSError):
            probe.close()
    return True
