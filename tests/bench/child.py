"""Bench child process: start the real app (or a bare QMainWindow, the floor), report when the
main window has first painted, then the process's peak memory, as one JSON line.

Run by tests/bench/run.py; not a test.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time


def peak_rss_kb() -> int:
    """This process's peak resident memory. VmHWM, not ru_maxrss: Linux carries ru_maxrss
    across exec, so a child of a big parent would report the parent's peak."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def report(painted_at: float, films_shown: int, before_reading: object = None) -> None:
    from PySide6.QtCore import QTimer

    def finish() -> None:
        if callable(before_reading):
            before_reading()
        peak_kb = peak_rss_kb()
        print(
            json.dumps(
                {
                    "painted_at": painted_at,
                    "films_shown": films_shown,
                    "peak_rss_mb": peak_kb / 1024,
                }
            ),
            flush=True,
        )
        os._exit(0)

    # Let deferred start-up work (motif counts, the launch backup) finish before reading memory.
    QTimer.singleShot(1500, finish)


def bare() -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    class Window(QMainWindow):
        painted = False

        def paintEvent(self, event):  # noqa: N802
            super().paintEvent(event)
            if not self.painted:
                self.painted = True
                now = time.monotonic()
                QTimer.singleShot(0, lambda: report(now, 0))

    app = QApplication(sys.argv[:1])
    window = Window()
    window.resize(1280, 800)
    window.show()
    app.exec()


def real_app(data_dir: str, save: bool = False) -> None:
    from pathlib import Path

    from journal.db import inspect_early, journal_path
    from ui.launch import main

    # As main() does first thing; started here so that patching the window below (which
    # imports the UI) does not delay it. main() finds it already running.
    inspect_early(journal_path(Path(data_dir)))
    import ui.main_window as main_window

    original = main_window.MainWindow.paintEvent
    state = {"painted": False}

    def paint_event(self, event):  # noqa: ANN001
        original(self, event)
        if not state["painted"]:
            state["painted"] = True
            now = time.monotonic()
            films = self.film_list.model.rowCount()
            from PySide6.QtCore import QTimer

            store = self.store

            def one_save() -> None:
                # A real write through the store (which loads the ORM), then taken back.
                motif = store.create_motif("bench: first save")
                store.delete_motif(motif.id)

            QTimer.singleShot(0, lambda: report(now, films, one_save if save else None))

    main_window.MainWindow.paintEvent = paint_event
    main(["--data-dir", data_dir])


if __name__ == "__main__":
    if sys.argv[1] == "bare":
        bare()
    else:
        real_app(sys.argv[2], save=sys.argv[1] == "app-save")
