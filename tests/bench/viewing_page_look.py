"""Render the real window on a film watched three times, for looking at: light and dark, at
1280×800 and 900×600; the viewing page, Compare viewings, and the earlier-viewings panel while
writing near a moment written about before. Usage: python -m tests.bench.viewing_page_look [DIR]
"""

from __future__ import annotations

import random
import shutil
import sys
import tempfile
from datetime import date
from pathlib import Path

from journal.timecode import parse

NOTES = [
    ("pause", "The kettle. Nobody speaks, and the shot holds until the steam is gone.", 4),
    ("motif", "The fan again — her small, constant movement.", 3),
    ("dialogue", "“Isn't life disappointing?” — “Yes, it is.” Said with a smile.", 5),
    ("reaction", "I had to stop the film here for a minute.", 5),
    ("scene", "Onomichi harbour at dawn; the boat crosses the frame from right to left.", 2),
    ("note", "Ozu's low camera again: we sit on the tatami with them.", None),
    ("pause", "The empty room after they leave. The clock ticks.", 4),
    ("motif", "Trains: every departure is a small death.", 3),
    ("reaction", "Noriko's kindness hurts more the second time.", 4),
    ("dialogue", "“We have to be content with what we have.”", 3),
]
REFLECTIONS = [
    "First time: slow, almost too slow. The ending stayed with me for days.",
    "Second time I watched the rooms more than the people. The pauses felt like breathing.",
    "Third time, after my own father's illness. Everything is about the clock and the kettle.",
]


def fill(store) -> int:
    film = store.create_film(
        "Tokyo Story", year=1953, director="Yasujirō Ozu", runtime_ms=8_160_000,
        notes="Shochiku, 1953. Seen three times over five years.",
    )  # fmt: skip
    chance = random.Random(3)
    dates = [date(2019, 3, 2), date(2022, 11, 20), date(2024, 5, 1)]
    for number, (day, reflection) in enumerate(zip(dates, REFLECTIONS, strict=True)):
        viewing = store.create_viewing(
            film.id, day, rewatch=number > 0, rating=4.0 + number * 0.5, reflection=reflection
        )
        for index in range(14 + number * 6):
            kind, text, intensity = NOTES[(index + number) % len(NOTES)]
            position = chance.randint(0, 8_100_000)
            if index == 3:
                position = parse("1:02:10") - number * 40_000  # every viewing wrote here
            store.create_entry(
                viewing.id,
                position,
                kind,
                text if index % 4 else text + " " + REFLECTIONS[number],
                intensity=intensity if intensity is None else max(1, min(5, intensity + chance.randint(-2, 1))),
                motifs=["the kettle"] if kind == "pause" else (["trains"] if kind == "motif" else []),
            )  # fmt: skip
    return film.id


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp")
    out.mkdir(parents=True, exist_ok=True)
    from PySide6.QtWidgets import QApplication

    from journal.store import Store
    from ui.main_window import MainWindow
    from ui.settings import open_settings
    from ui.theme import apply_theme

    app = QApplication.instance() or QApplication([])
    theme = apply_theme(app)
    folder = Path(tempfile.mkdtemp(prefix="look-"))
    store = Store.open(folder / "data")
    film_id = fill(store)
    for dark in (False, True):
        theme.apply(dark=dark)
        scheme = "dark" if dark else "light"
        for width, height in ((1280, 800), (900, 600)):
            window = MainWindow(store, open_settings(folder / f"s-{scheme}-{width}.ini"))
            window.show()
            window.resize(width, height)
            app.processEvents()
            window.select_film(film_id)
            journal = window.journal
            entries = store.list_entries(journal.current_viewing_id())
            journal.select_entry(entries[4].id)
            app.processEvents()
            window.grab().save(str(out / f"page-{scheme}-{width}x{height}.png"))
            journal.toggle_compare()
            app.processEvents()
            window.grab().save(str(out / f"compare-{scheme}-{width}x{height}.png"))
            journal.toggle_compare()
            journal.new_entry()
            journal.editor.position.setText("1:01:40")
            app.processEvents()
            window.grab().save(str(out / f"earlier-{scheme}-{width}x{height}.png"))
            window.close()
            window.bridge.detach()
            app.processEvents()
    store.close()
    shutil.rmtree(folder, ignore_errors=True)
    print("saved to", out)


if __name__ == "__main__":
    main()
