"""Bench rows for watching along: the stamp key to a committed entry, and an mpv position query.

Called by ``tests/bench/run.py`` with the real main window on the large journal.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

STAMP_TARGET_MS = 20.0
POSITION_TARGET_MS = 5.0
POSITION_QUERIES = 100


def stamp_to_commit_ms(app: Any, window: Any, film_id: int, runs: int) -> float:
    """Median ms from Ctrl+Space (a key event to the window) through Enter in the quick
    entry to the entry committed in the store (typing time left out)."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    window.select_film(film_id)
    app.processEvents()
    mode = window.watch
    mode.enter()
    mode.clock.start()
    app.processEvents()
    samples = []
    for index in range(max(runs, 20)):
        before = window.undo_stack.count()
        start = time.perf_counter()
        QTest.keyClick(window, Qt.Key.Key_Space, Qt.KeyboardModifier.ControlModifier)
        mode.window.quick_edit.setText(f"stamp {index}")  # typed text: not timed below
        typed = time.perf_counter()
        QTest.keyClick(mode.window.quick_edit, Qt.Key.Key_Return)
        done = time.perf_counter()
        if window.undo_stack.count() != before + 1:
            raise RuntimeError("the stamp was not saved")
        samples.append((typed - start) + (done - typed))
    mode.shut_down()
    app.processEvents()
    return statistics.median(samples) * 1000


def mpv_position_ms(workdir: Path) -> tuple[float, str]:
    """Median ms of ``MpvSource.position_ms()`` over 100 queries: a real mpv playing a clip
    when mpv and ffmpeg are installed, else the fake mpv of the tests (same protocol)."""
    from journal.watch.mpv import MpvSource

    def median_of(query: Callable[[], object]) -> float:
        samples = []
        for _ in range(POSITION_QUERIES):
            started = time.perf_counter()
            query()
            samples.append(time.perf_counter() - started)
        return statistics.median(samples) * 1000

    if shutil.which("mpv") and shutil.which("ffmpeg"):
        clip = workdir / "clip.mp4"
        subprocess.run(
            ["ffmpeg", "-loglevel", "error", "-nostdin", "-y", "-f", "lavfi", "-i",
             "testsrc=duration=30:size=160x120:rate=25", "-pix_fmt", "yuv420p", str(clip)],
            check=True,
        )  # fmt: skip
        with MpvSource.launch(clip, extra_args=("--vo=null", "--ao=null")) as mpv:
            deadline = time.monotonic() + 10
            while mpv.position_ms() is None and time.monotonic() < deadline:
                time.sleep(0.01)
            return median_of(mpv.position_ms), "real mpv"
    from tests.journal.watch.fake_mpv import FakeMpv

    fake = FakeMpv(workdir / "fake-mpv.sock")
    try:
        with MpvSource.connect(fake.path) as mpv:
            return median_of(mpv.position_ms), "fake mpv"
    finally:
        fake.close()
