"""Render the timeline widget offscreen for looking at: light and dark, one viewing of ~40
entries and three viewings stacked. Usage: python -m tests.bench.timeline_look [OUT_DIR]"""

from __future__ import annotations

import random
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from journal.fields import ENTRY_KINDS
from journal.timeline import TimelineEntry, TimelineViewing
from ui.theme import build_palette

RUNTIME_MS = 108 * 60_000
LINES = [
    "She holds the cup a long time before speaking.",
    "The letter again, unopened on the table.",
    "\u201cYou kept it all these years?\u201d",
    "I felt the silence in my chest.",
    "Window light falls across the mended crack.",
    "The father looks away; the camera stays.",
]


def sample_viewing(label: str, count: int, seed: int, runtime_ms: int | None = RUNTIME_MS):
    chance = random.Random(seed)
    entries = []
    for number in range(count):
        position = chance.randint(0, (runtime_ms or 90 * 60_000) - 1)
        if chance.random() < 0.25:  # leave an act with little written, to show a gap
            position = chance.randint(0, 35 * 60_000)
        kind = chance.choice(ENTRY_KINDS)
        intensity = chance.choice([None, 1, 2, 3, 3, 4, 4, 5])
        entries.append(
            TimelineEntry(seed * 10_000 + number, position, kind, intensity, chance.choice(LINES))
        )
    return TimelineViewing(label, runtime_ms, tuple(entries))


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp")
    app = QApplication.instance() or QApplication([])
    app.setStyle("Fusion")
    from ui.viewing.timeline import StackedTimelines, TimelineWidget

    single = sample_viewing("2024-05-01", 40, 7)
    stacked = [
        sample_viewing("2019-03-02", 18, 3),
        sample_viewing("2022-11-20", 25, 5),
        single,
    ]
    for scheme in ("light", "dark"):
        app.setPalette(build_palette(scheme == "dark"))
        widget = TimelineWidget()
        widget.set_viewing(single)
        widget.resize(1000, widget.sizeHint().height())
        widget.set_current_entry(single.entries[12].entry_id)
        widget.grab().save(str(out / f"timeline-{scheme}.png"))
        many = StackedTimelines()
        many.set_viewings(stacked)
        many.resize(1000, many.sizeHint().height())
        many.grab().save(str(out / f"timeline-stacked-{scheme}.png"))
    print("saved to", out)


if __name__ == "__main__":
    main()
