"""Timeline + curve paint for a viewing of 1,000 entries (issue 12's floor: 8 ms).

Paints the widget into a QImage 100 times and prints the median; also the layout (done once per
change of data or size). Usage: python -m tests.bench.timeline_paint"""

from __future__ import annotations

import statistics
import time

from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from tests.bench.timeline_look import sample_viewing

FLOOR_MS = 8.0


def main() -> None:
    app = QApplication.instance() or QApplication([])
    app.setStyle("Fusion")
    from ui.viewing.timeline import TimelineWidget

    viewing = sample_viewing("2024-05-01", 1000, 11)
    widget = TimelineWidget()
    widget.resize(1000, widget.sizeHint().height())
    start = time.perf_counter()
    widget.set_viewing(viewing)
    widget.set_current_entry(viewing.entries[500].entry_id)
    image = QImage(widget.size(), QImage.Format.Format_ARGB32_Premultiplied)
    widget.render(image)  # the first paint lays out
    layout_ms = (time.perf_counter() - start) * 1000
    samples = []
    for _ in range(100):
        began = time.perf_counter()
        widget.render(image)
        samples.append((time.perf_counter() - began) * 1000)
    median = statistics.median(samples)
    verdict = "ok" if median <= FLOOR_MS else "OVER"
    print(f"timeline paint, 1,000 entries: median {median:.2f} ms (floor {FLOOR_MS} ms) {verdict}")
    print(f"first layout + paint: {layout_ms:.1f} ms")
    # A resize lays out and paints everything again (the cached layer is rebuilt).
    rebuilds = []
    for step in range(20):
        began = time.perf_counter()
        widget.resize(1000 + step % 2, widget.height())
        widget.render(image)
        rebuilds.append((time.perf_counter() - began) * 1000)
    print(
        f"repaint after a resize (layout + full paint): median {statistics.median(rebuilds):.1f} ms"
    )


if __name__ == "__main__":
    main()
