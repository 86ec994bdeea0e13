"""The mpv source against a real mpv (``--vo=null --ao=null``) playing a clip made by ffmpeg.

Skipped where mpv or ffmpeg is not installed; the fake-mpv tests cover the protocol there.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from journal.watch import StampRequest
from journal.watch.ipc import MpvIpc
from journal.watch.mpv import STAMP_KEY, MpvSource
from tests.journal.watch.conftest import accepts_connections, wait_until

pytestmark = pytest.mark.skipif(
    shutil.which("mpv") is None or shutil.which("ffmpeg") is None,
    reason="needs mpv and ffmpeg installed",
)

HEADLESS = ("--vo=null", "--ao=null")


@pytest.fixture(scope="module")
def clip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 60-second 25 fps test pattern, made once for the module."""
    path = tmp_path_factory.mktemp("clip") / "clip.mp4"
    subprocess.run(
        [
            "ffmpeg",
            "-loglevel",
            "error",
            "-nostdin",
            "-y",
            "-f",
            "lavfi",
            "-i",
            "testsrc=duration=60:size=160x120:rate=25",
            "-pix_fmt",
            "yuv420p",
            str(path),
        ],
        check=True,
        timeout=60,
    )
    return path


@pytest.fixture
def running_mpv(tmp_path: Path, clip: Path) -> Iterator[Path]:
    """An mpv the user started with an IPC socket; yields the socket path."""
    socket_path = tmp_path / "mpv.sock"
    process = subprocess.Popen(
        ["mpv", *HEADLESS, "--keep-open=yes", f"--input-ipc-server={socket_path}", str(clip)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_until(lambda: accepts_connections(socket_path), timeout=10)
        yield socket_path
    finally:
        process.terminate()
        process.wait(5)


def _known_position(source: MpvSource) -> int:
    wait_until(lambda: source.position_ms() is not None, timeout=10)
    position = source.position_ms()
    assert position is not None
    return position


def test_a_real_mpv_plays_pauses_and_stamps_from_its_own_key(running_mpv: Path) -> None:
    stamps: list[StampRequest] = []
    with MpvSource.connect(running_mpv, on_stamp=stamps.append) as mpv:
        assert mpv.stamp_key_bound
        first = _known_position(mpv)
        wait_until(lambda: (mpv.position_ms() or 0) > first + 200, timeout=5)  # it plays
        assert mpv.is_playing() and mpv.state == "playing"

        mpv.pause()
        wait_until(lambda: mpv.state == "paused")
        held = mpv.position_ms()
        assert held is not None and held == mpv.position_ms()

        # Press Ctrl+J inside mpv (through a second client, as the keyboard would).
        keyboard = MpvIpc(running_mpv)
        try:
            keyboard.request("keypress", STAMP_KEY)
        finally:
            keyboard.close()
        wait_until(lambda: len(stamps) == 1)
        assert stamps[0].raw_position_ms == held

        mpv.toggle()
        wait_until(mpv.is_playing)
        wait_until(lambda: (mpv.position_ms() or 0) > held, timeout=5)

    # Disconnected: mpv plays on, and Ctrl+J no longer sends stamps to nobody.
    after = MpvIpc(running_mpv)
    try:
        assert after.request("get_property", "pause") is False
        bindings = after.request("get_property", "input-bindings")
        ours = [b["cmd"] for b in bindings if b["key"].lower() == STAMP_KEY and b["priority"] > 0]
        assert ours == ["ignore"]
    finally:
        after.close()


def test_launching_mpv_on_a_file_and_closing_quits_it(clip: Path) -> None:
    mpv = MpvSource.launch(clip, extra_args=HEADLESS)
    try:
        assert mpv.launched
        assert mpv.ipc_path.parent.stat().st_mode & 0o077 == 0  # a private folder
        _known_position(mpv)
    finally:
        mpv.close()
    assert mpv.state == "not connected: closed"
    assert not mpv.ipc_path.parent.exists()
