"""Watch mode playing a clip in a real mpv (``--vo=null --ao=null``) started from the journal.

Skipped where mpv or ffmpeg is not installed; the fake-mpv tests cover the protocol there.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from journal.watch import MpvSource
from journal.watch.ipc import MpvIpc
from journal.watch.mpv import STAMP_KEY

pytestmark = [
    pytest.mark.skipif(
        shutil.which("mpv") is None or shutil.which("ffmpeg") is None,
        reason="needs mpv and ffmpeg installed",
    ),
    pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise)\(\)"),
]


def test_a_clip_played_in_mpv_from_watch_mode_stamps_at_the_moment_minus_the_lag(
    watching, tmp_path: Path, qtbot
) -> None:
    clip = tmp_path / "clip.mp4"
    subprocess.run(
        ["ffmpeg", "-loglevel", "error", "-nostdin", "-y", "-f", "lavfi", "-i",
         "testsrc=duration=60:size=160x120:rate=25", "-pix_fmt", "yuv420p", str(clip)],
        check=True,
    )  # fmt: skip
    mode = watching
    assert mode.launch_mpv(str(clip), extra_args=("--vo=null", "--ao=null", "--pause"))
    source = mode.source
    assert isinstance(source, MpvSource) and source.launched
    qtbot.waitUntil(lambda: source.position_ms() is not None, timeout=10_000)
    control = MpvIpc(source.ipc_path, on_event=lambda _event: None)
    try:
        control.request("seek", 30, "absolute", "exact")
        qtbot.waitUntil(lambda: source.position_ms() == 30_000, timeout=5_000)
        assert mode.stamp()  # Ctrl+Space in the journal
        assert mode.pending.position_ms == 28_000
        qtbot.keyClicks(mode.window.quick_edit, "from the window")
        qtbot.keyClick(mode.window.quick_edit, Qt.Key.Key_Return)
        control.request("keypress", STAMP_KEY)  # the key pressed inside mpv
        qtbot.waitUntil(lambda: mode.pending is not None, timeout=5_000)
        assert mode.pending.position_ms == 28_000
        mode.keep_marker()
    finally:
        control.close()
    entries = mode.store.list_entries(mode.viewing().id)
    assert [(e.position_ms, e.text) for e in entries] == [
        (28_000, "from the window"),
        (28_000, ""),
    ]
    mode.use_clock()  # the mpv the journal started is quit
    assert source.state.startswith("not connected")
