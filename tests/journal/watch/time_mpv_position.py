"""Timing, not a test: how long one mpv position query takes (target: median ≤ 5 ms over 100).

Usage: python -m tests.journal.watch.time_mpv_position [--runs N]

Makes a 60 s clip with ffmpeg, starts a real mpv on it (``--vo=null --ao=null``) through
``MpvSource.launch``, and times ``position_ms()`` — one ``get_property time-pos`` round trip
over the Unix socket — while the clip plays. Exits 1 if the median is over the target.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from journal.watch.mpv import MpvSource

TARGET_MS = 5.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=100)
    args = parser.parse_args(argv)
    if shutil.which("mpv") is None or shutil.which("ffmpeg") is None:
        print("needs mpv and ffmpeg installed", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as folder:
        clip = Path(folder) / "clip.mp4"
        subprocess.run(
            ["ffmpeg", "-loglevel", "error", "-nostdin", "-y", "-f", "lavfi", "-i",
             "testsrc=duration=60:size=160x120:rate=25", "-pix_fmt", "yuv420p", str(clip)],
            check=True,
        )  # fmt: skip
        with MpvSource.launch(clip, extra_args=("--vo=null", "--ao=null")) as mpv:
            deadline = time.monotonic() + 10
            while mpv.position_ms() is None and time.monotonic() < deadline:
                time.sleep(0.01)
            samples = []
            for _ in range(args.runs):
                started = time.perf_counter()
                mpv.position_ms()
                samples.append((time.perf_counter() - started) * 1000)
    median = statistics.median(samples)
    worst = max(samples)
    p95 = sorted(samples)[int(len(samples) * 0.95) - 1]
    verdict = "ok" if median <= TARGET_MS else "OVER TARGET"
    print(
        f"mpv position query: median {median:.3f} ms, p95 {p95:.3f} ms, max {worst:.3f} ms "
        f"over {len(samples)} (target ≤ {TARGET_MS:g} ms): {verdict}"
    )
    return 0 if median <= TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
