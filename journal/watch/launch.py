"""Starting mpv on a film for the journal, and ending it again.

mpv gets its IPC socket in a private temporary folder (0700: no other user on the machine can
drive the player or read what plays), its output in a log file beside it (read back when mpv
stops before it is ready, so the error says what mpv said), and ``--keep-open`` so the last
frame stays and the closing moments can still be stamped. Stopping asks politely, then
terminates, then kills, and removes the folder.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from journal.watch.ipc import CLOCK_REMAINS
from journal.watch.source import TimeSourceError

START_TIMEOUT_S = 10.0
_STOP_WAIT_S = 2.0


def _accepts_connections(path: Path) -> bool:
    """True once mpv listens at ``path`` (the file appears a moment before it listens)."""
    probe = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        probe.connect(os.fspath(path))
    except OSError:
        return False
    finally:
        probe.close()
    return True


class LaunchedMpv:
    """An mpv process the journal started, and the private folder holding its socket."""

    def __init__(self, process: subprocess.Popen[bytes], folder: Path) -> None:
        self.process = process
        self.folder = folder

    @property
    def ipc_path(self) -> Path:
        """The socket mpv listens on."""
        return self.folder / "ipc.sock"

    @classmethod
    def start(
        cls,
        media_path: str | os.PathLike[str],
        *,
        mpv_executable: str | None = None,
        extra_args: Sequence[str] = (),
        start_timeout: float = START_TIMEOUT_S,
    ) -> LaunchedMpv:
        """Start mpv on ``media_path`` and wait (bounded) until its socket accepts a client.

        mpv is looked up on PATH unless ``mpv_executable`` names it. Raises
        :class:`TimeSourceError` when mpv is missing, the file is not there, or mpv stops or
        does not get ready within ``start_timeout`` seconds; nothing is left running then.
        """
        if os.name == "nt":
            raise TimeSourceError(
                "Playing with mpv from the journal is not supported on Windows yet (mpv speaks "
                f"through a named pipe there). {CLOCK_REMAINS}"
            )
        executable = mpv_executable or shutil.which("mpv")
        if executable is None:
            raise TimeSourceError(
                "mpv is not installed (no 'mpv' program was found on PATH). Install mpv to "
                f"play the film from the journal. {CLOCK_REMAINS}"
            )
        media = Path(media_path)
        if not media.is_file():
            raise TimeSourceError(f"Cannot play {media}: there is no such file. {CLOCK_REMAINS}")
        folder = Path(tempfile.mkdtemp(prefix="reflective-journal-mpv-"))  # 0700
        command = [
            executable,
            f"--input-ipc-server={folder / 'ipc.sock'}",
            "--keep-open=yes",
            "--input-terminal=no",
            *extra_args,
            "--",
            os.fspath(media.resolve()),
        ]
        try:
            with open(folder / "mpv.log", "wb") as log_file:
                process = subprocess.Popen(
                    command, stdin=subprocess.DEVNULL, stdout=log_file, stderr=log_file
                )
        except OSError as error:
            shutil.rmtree(folder, ignore_errors=True)
            raise TimeSourceError(
                f"Cannot start mpv ({executable}): {error.strerror or error}. {CLOCK_REMAINS}"
            ) from error
        launched = cls(process, folder)
        try:
            launched._wait_until_ready(start_timeout)
        except BaseException:
            launched.stop()
            raise
        return launched

    def _wait_until_ready(self, start_timeout: float) -> None:
        deadline = time.monotonic() + start_timeout
        while not _accepts_connections(self.ipc_path):
            if self.process.poll() is not None:
                said = self.log_tail()
                raise TimeSourceError(
                    f"mpv stopped before it was ready (exit code {self.process.returncode})"
                    + (f": {said}" if said else "")
                    + f". {CLOCK_REMAINS}"
                )
            if time.monotonic() > deadline:
                raise TimeSourceError(
                    f"mpv did not get ready within {start_timeout:g} s. {CLOCK_REMAINS}"
                )
            time.sleep(0.02)

    def log_tail(self, lines: int = 3) -> str:
        """mpv's last few lines of output, joined with " / " (empty when it said nothing)."""
        try:
            text = (self.folder / "mpv.log").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""
        return " / ".join(line.strip() for line in text.strip().splitlines()[-lines:])

    def stop(self) -> None:
        """Wait for mpv to end (after a ``quit``), else terminate, else kill; remove the folder.

        Never raises.
        """
        for ask in (None, self.process.terminate, self.process.kill):
            if ask is not None:
                with contextlib.suppress(OSError):
                    ask()
            try:
                self.process.wait(timeout=_STOP_WAIT_S)
                break
            except subprocess.TimeoutExpired:
                continue
        shutil.rmtree(self.folder, ignore_errors=True)
