"""The window rendered offscreen with realistic data at two sizes.

Set ``RJ_SCREENSHOTS=/some/folder`` to also save the renders as PNGs to look at
(``shot-1280x800.png``, ``shot-900x600.png``, …). Pixels are never asserted: only that the
window renders, and that nothing a person reads is squeezed out of sight.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from ui.films.model import Column
from ui.main_window import MainWindow
from ui.settings import open_settings

# Only the offscreen test platform says it cannot pass on size limits or raise a window.
pytestmark = pytest.mark.qt_log_ignore(
    r"This plugin does not support (propagateSizeHints|raise)\(\)"
)

FILMS = [
    ("Tokyo Story", 1953, "Yasujirō Ozu"),
    ("Late Spring", 1949, "Yasujirō Ozu"),
    ("Aftersun", 2022, "Charlotte Wells"),
    ("Yi Yi: A One and a Two…", 2000, "Edward Yang"),
    ("The Mended Cup: A Long Afternoon of Letters Finally Opened in a House by the Sea", 2019, ""),
    ("Close-Up", 1990, "Abbas Kiarostami"),
    ("Past Lives", 2023, "Celine Song"),
    ("Three Colours: Blue", 1993, "Krzysztof Kieślowski"),
    ("Shoplifters", 2018, "Hirokazu Kore-eda"),
    ("Drive My Car", 2021, "Ryusuke Hamaguchi"),
    ("Still Walking", 2008, "Hirokazu Kore-eda"),
    ("An untitled home movie of my grandmother's kitchen", None, ""),
]
KINDS = ["pause", "motif", "dialogue", "reaction", "scene", "note"]
LONG_ENTRY = (
    "She holds the letter for a long time without opening it; the camera does not cut away, "
    "and the silence becomes the thing the film is about. I noticed I was holding my breath. "
    "Later the same envelope comes back, re-framed on the mantelpiece, and it means something "
    "else entirely — repair, or the wish for it."
)
MOTIFS = ["letters", "the mended cup", "held silence", "photographs re-framed", "trains", "rain"]


def fill_journal(store) -> int:
    """A dozen films, viewings, long entries and several motifs; returns the film to show."""
    shown = None
    for index, (title, year, director) in enumerate(FILMS):
        film = store.create_film(
            title, year=year, director=director, runtime_ms=(90 + index * 7) * 60_000
        )
        for v in range(1 + index % 3):
            viewing = store.create_viewing(
                film.id,
                date(2023 + v, 1 + index % 12, 1 + index),
                rewatch=v > 0,
                rating=3.5 + (index % 3) * 0.5,
                reflection=LONG_ENTRY if v == 0 else "",
            )
            for n in range(2 + (index * 5) % 14):
                store.create_entry(
                    viewing.id,
                    (n * 377 + index * 61) * 1000,
                    KINDS[n % len(KINDS)],
                    LONG_ENTRY if n % 3 == 0 else f"A short note, number {n}.",
                    intensity=1 + n % 5 if n % 2 else None,
                    motifs=MOTIFS[n % 4 : n % 4 + 1 + n % 3],
                )
        if title.startswith("The Mended Cup"):
            shown = film.id
    assert shown is not None
    return shown


@pytest.mark.parametrize(("width", "height"), [(1280, 800), (900, 600)])
def test_the_window_renders_readably(store, qtbot, tmp_path, themed, width, height):
    shown = fill_journal(store)
    window = MainWindow(store, open_settings(tmp_path / "settings.ini"))
    qtbot.addWidget(window)
    window.select_film(shown)
    window.journal.select_entry(store.list_entries(window.journal.current_viewing_id())[0].id)
    window.show()
    window.resize(width, height)
    qtbot.waitUntil(lambda: window.width() == width)
    QApplication.processEvents()
    image = window.grab()
    assert (image.width(), image.height()) == (width, height)
    save_shot(image, f"{width}x{height}")

    # The film titles keep a readable width, and the journal is wider than the list.
    header = window.film_list.view.header()
    assert header.sectionSize(Column.TITLE) >= 120
    assert window.right.width() > window.film_list.width()
    # Everything sits inside the window.
    assert window.film_list.geometry().right() < window.right.geometry().left()
    for widget in (window.film_list.filter_edit, window.journal.editor.text):
        assert widget.isVisible()
        assert widget.height() >= widget.fontMetrics().height()

    # The motifs dock docks where there is room and floats where docking would force the
    # window wider than it is.
    window.motifs_action.trigger()
    window.motifs_panel.select_motif(store.find_motif("letters").id)
    QApplication.processEvents()
    assert window.motifs_dock.isVisible()
    assert window.width() == width
    assert window.motifs_dock.isFloating() == (width < 1200)
    save_shot(window.grab(), f"{width}x{height}-motifs")
    if window.motifs_dock.isFloating():
        save_shot(window.motifs_dock.grab(), f"{width}x{height}-motifs-floating")
    window.close()
    window.bridge.detach()


def test_the_first_launch_renders(store, qtbot, tmp_path, themed):
    window = MainWindow(store, open_settings(tmp_path / "settings.ini"))
    qtbot.addWidget(window)
    window.show()
    window.resize(900, 600)
    qtbot.waitUntil(lambda: window.width() == 900)
    save_shot(window.grab(), "900x600-empty")
    assert window.welcome.isVisible()
    window.close()
    window.bridge.detach()


def save_shot(image, name: str) -> None:
    folder = os.environ.get("RJ_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        assert image.save(str(Path(folder) / f"shot-{name}.png"))


# --- theme and resources -----------------------------------------------------------------------


def test_the_palette_follows_the_system_scheme(qapp, themed):
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QPalette

    from ui.theme import build_palette

    light = build_palette(dark=False).color(QPalette.ColorRole.Window)
    dark = build_palette(dark=True).color(QPalette.ColorRole.Window)
    assert light.lightness() > 200 and dark.lightness() < 60
    for palette in (build_palette(dark=False), build_palette(dark=True)):
        text = palette.color(QPalette.ColorRole.Text).lightness()
        base = palette.color(QPalette.ColorRole.Base).lightness()
        assert abs(text - base) > 150, "text must stand out from its background"
    # What the platform announces when the person flips the system between light and dark
    # (the offscreen platform cannot flip itself).
    hints = qapp.styleHints()
    try:
        hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
        assert qapp.palette().color(QPalette.ColorRole.Window).lightness() < 60
        assert themed.dark
        hints.colorSchemeChanged.emit(Qt.ColorScheme.Light)
        assert qapp.palette().color(QPalette.ColorRole.Window).lightness() > 200
    finally:
        themed.apply()


def test_the_stylesheet_uses_the_palette_and_fills_its_one_colour():
    from ui.theme import stylesheet

    for dark in (False, True):
        text = stylesheet(dark)
        assert "@error" not in text
        assert "palette(" in text
    assert stylesheet(False) != stylesheet(True)


def test_icon_and_desktop_file_ship_as_package_resources():
    import configparser
    import tomllib
    from importlib import resources

    from ui.theme import app_icon

    assert not app_icon().isNull()
    assert not app_icon().pixmap(32, 32).isNull()
    folder = resources.files("resources")
    desktop = configparser.ConfigParser(interpolation=None)
    desktop.optionxform = str  # keys are case-sensitive
    desktop.read_string(folder.joinpath("reflective-journal.desktop").read_text("utf-8"))
    entry = desktop["Desktop Entry"]
    assert entry["Type"] == "Application"
    assert entry["Name"] == "Reflective Journal"
    assert entry["Exec"] == "reflective-journal"
    assert entry["Icon"] == "reflective-journal"
    assert entry["Terminal"] == "false"
    assert entry["Categories"] == "Office;AudioVideo;"
    assert entry["Comment"]
    pyproject = tomllib.loads((Path(__file__).parents[2] / "pyproject.toml").read_text())
    shipped = pyproject["tool"]["setuptools"]["package-data"]["resources"]
    assert {"*.svg", "*.desktop", "*.qss"} <= set(shipped)


def test_the_dark_palette_is_as_calm_as_the_light_one():
    from PySide6.QtGui import QColor

    from ui.theme import DARK, LIGHT

    for colours in (LIGHT, DARK):
        text, base = QColor(colours["text"]), QColor(colours["base"])
        # Readable, yet never pure black on white or white on black.
        assert 170 < abs(text.lightness() - base.lightness()) < 230
        # One quiet accent, equally muted in both.
        assert QColor(colours["highlight"]).hslSaturation() < 80
        assert 90 <= QColor(colours["highlight"]).lightness() <= 130
    light_gap = QColor(LIGHT["text"]).lightness() - QColor(LIGHT["base"]).lightness()
    dark_gap = QColor(DARK["text"]).lightness() - QColor(DARK["base"]).lightness()
    assert abs(abs(light_gap) - abs(dark_gap)) < 30
