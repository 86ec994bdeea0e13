"""Bench rows for the viewing page (issue 12), measured in the real window on the large journal's
film with a 1,000-entry viewing: the timeline and curve painted, the film opened into the reading
view, and the reading view scrolled a wheel notch at a time.

Also runnable alone on a generated film: python -m tests.bench.viewing_page_timing
"""

from __future__ import annotations

import statistics
import time
from typing import Any

from PySide6.QtGui import QImage

PAINT_FLOOR_MS = 8.0
OPEN_FLOOR_MS = 50.0
SCROLL_FLOOR_MS = 16.0


def _ms(seconds: float) -> float:
    return seconds * 1000


def timeline_paint(window: Any, app: Any, runs: int = 100) -> tuple[float, float]:
    """(median ms of a repaint of the shown timeline and curve, ms of a fresh layout + paint)."""
    timeline = window.journal.timelines.single
    entries = timeline.viewings()[0].entries if timeline.viewings() else ()
    if entries:
        timeline.set_current_entry(entries[len(entries) // 2].entry_id)
    image = QImage(timeline.size(), QImage.Format.Format_ARGB32_Premultiplied)
    timeline.resize(timeline.width() + 1, timeline.height())  # throw the cached layer away
    began = time.perf_counter()
    timeline.render(image)
    fresh = _ms(time.perf_counter() - began)
    samples = []
    for _ in range(runs):
        began = time.perf_counter()
        timeline.render(image)
        samples.append(_ms(time.perf_counter() - began))
    return statistics.median(samples), fresh


def open_into_reading_view(window: Any, app: Any, film_id: int, other_id: int, runs: int) -> float:
    """Median ms from choosing the film to its longest viewing's reading view (and timeline)
    painted. When that viewing is not the latest (the one a film opens on), switching to it is
    inside the measured time too: the figure is then an upper bound."""
    store = window.journal._store
    longest = max(store.list_viewings(film_id), key=lambda viewing: viewing.entry_count)
    samples = []
    for _ in range(runs):
        window.select_film(other_id)
        app.processEvents()
        began = time.perf_counter()
        window.select_film(film_id)
        if window.journal.current_viewing_id() != longest.id:
            window.journal.viewing_bar.select_viewing(longest.id)
        app.processEvents()
        window.journal.table.viewport().repaint()
        window.journal.timelines.single.repaint()
        samples.append(_ms(time.perf_counter() - began))
    return statistics.median(samples)


def scroll_steps(window: Any, app: Any, steps: int = 120) -> tuple[float, float]:
    """(median, 95th percentile) ms of one wheel notch down the reading view, repainted."""
    view = window.journal.table
    bar = view.verticalScrollBar()
    bar.setValue(0)
    app.processEvents()
    notch = bar.singleStep() * 3
    samples = []
    for _ in range(steps):
        if bar.value() >= bar.maximum():
            bar.setValue(0)
            app.processEvents()
        began = time.perf_counter()
        bar.setValue(bar.value() + notch)
        view.viewport().repaint()
        samples.append(_ms(time.perf_counter() - began))
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.95) - 1]


def main() -> None:
    import datetime
    import random
    import shutil
    import tempfile
    from pathlib import Path

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from journal.store import Store
    from ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    folder = Path(tempfile.mkdtemp(prefix="bench-page-"))
    store = Store.open(folder / "data")
    chance = random.Random(12)
    words = [
        "the",
        "cup",
        "she",
        "holds",
        "a",
        "long",
        "time",
        "before",
        "speaking",
        "letter",
        "window",
        "light",
        "mended",
    ]
    document = {
        "format": "reflective-journal",
        "version": 1,
        "motifs": [],
        "films": [
            {
                "title": title,
                "runtime_ms": 7_200_000,
                "viewings": [
                    {
                        "watched_on": datetime.date(2024, 1, 1).isoformat(),
                        "entries": [
                            {
                                "position_ms": chance.randint(0, 7_200_000),
                                "kind": chance.choice(["pause", "motif", "note", "reaction"]),
                                "text": " ".join(
                                    chance.choice(words) for _ in range(chance.randint(4, 60))
                                ),
                                "intensity": chance.choice([None, 2, 3, 4, 5]),
                                "motifs": [],
                            }
                            for _ in range(count)
                        ],
                    }
                ],
            }
            for title, count in (("Big", 1000), ("Small", 5))
        ],
    }
    store.import_document(document)
    big, small = (next(f for f in store.list_films() if f.title == t) for t in ("Big", "Small"))
    window = MainWindow(store, QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat))
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    opened = open_into_reading_view(window, app, big.id, small.id, 7)
    paint, fresh = timeline_paint(window, app)
    scroll, worst = scroll_steps(window, app)
    print(f"open film into the reading view (1,000): {opened:.1f} ms (≤ {OPEN_FLOOR_MS})")
    print(f"timeline + curve paint (1,000): {paint:.2f} ms (≤ {PAINT_FLOOR_MS}); fresh {fresh:.1f}")
    print(f"reading view scroll step: median {scroll:.2f} ms, 95% {worst:.2f} (≤ 16)")
    window.close()
    window.bridge.detach()
    store.close()
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
