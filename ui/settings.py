"""Window state kept between launches: an INI file in the platform's config folder.

Only UI state lives here (geometry, splitter sizes, last film, film sort); the journal itself is
never in settings. The QSettings object is always built from an explicit path and passed in, so
tests point it into a temporary folder and nothing reaches the real profile.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QRect, QSettings, Qt, qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

SETTINGS_FILENAME = "settings.ini"

# Saved geometry and dock state are only trusted from the Qt version that wrote them
# (their binary format has changed between releases).
GEOMETRY_KEY = f"window/geometry-qt{qVersion()}"
STATE_KEY = f"window/state-qt{qVersion()}"
SPLITTER_KEY = "window/splitter"
LAST_FILM_KEY = "journal/last_film_id"
SORT_COLUMN_KEY = "films/sort_column"
SORT_ORDER_KEY = "films/sort_order"


def settings_path(folder: Path | None = None) -> Path:
    """The settings file: ``folder`` or the platform's config folder for the app."""
    if folder is None:
        from journal.db import config_dir

        folder = config_dir()
    return folder / SETTINGS_FILENAME


def open_settings(path: Path) -> QSettings:
    """QSettings in INI format at exactly ``path`` (its folder is created when written)."""
    return QSettings(str(path), QSettings.Format.IniFormat)


def read_bytes(settings: QSettings, key: str) -> QByteArray | None:
    value = settings.value(key)
    if isinstance(value, QByteArray) and not value.isEmpty():
        return value
    if isinstance(value, bytes) and value:
        return QByteArray(value)
    return None


def read_int(settings: QSettings, key: str, default: int | None = None) -> int | None:
    value = settings.value(key)
    try:
        return int(value) if value is not None else default
    except (TypeError, ValueError):
        return default


def read_int_list(settings: QSettings, key: str) -> list[int]:
    """A list of non-negative ints (INI stores lists as strings); [] when absent or garbled."""
    value = settings.value(key)
    if value is None:
        return []
    items = value if isinstance(value, list | tuple) else [value]
    try:
        numbers = [int(item) for item in items]
    except (TypeError, ValueError):
        return []
    return numbers if all(n >= 0 for n in numbers) else []


def read_sort(settings: QSettings, columns: int) -> tuple[int, Qt.SortOrder]:
    column = read_int(settings, SORT_COLUMN_KEY, 0)
    if column is None or not 0 <= column < columns:
        column = 0
    order = read_int(settings, SORT_ORDER_KEY, 0)
    sort_order = Qt.SortOrder.DescendingOrder if order == 1 else Qt.SortOrder.AscendingOrder
    return column, sort_order


def write_sort(settings: QSettings, column: int, order: Qt.SortOrder) -> None:
    settings.setValue(SORT_COLUMN_KEY, column)
    settings.setValue(SORT_ORDER_KEY, 1 if order == Qt.SortOrder.DescendingOrder else 0)


def keep_on_screen(window: QWidget) -> None:
    """Move (and if needed shrink) a window so that it sits on one of the screens.

    A geometry saved on a monitor that is gone would otherwise open the window out of reach.
    """
    screens = QGuiApplication.screens()
    if not screens:
        return
    frame = window.frameGeometry()
    best = max(screens, key=lambda s: _overlap(s.availableGeometry(), frame))
    if _overlap(best.availableGeometry(), frame) == 0:
        best = QGuiApplication.primaryScreen() or screens[0]
    area = best.availableGeometry()
    width = min(window.width(), area.width())
    height = min(window.height(), area.height())
    if (width, height) != (window.width(), window.height()):
        window.resize(width, height)
    frame = window.frameGeometry()
    x = min(max(frame.x(), area.x()), area.right() - frame.width() + 1)
    y = min(max(frame.y(), area.y()), area.bottom() - frame.height() + 1)
    if (x, y) != (frame.x(), frame.y()):
        window.move(max(x, area.x()), max(y, area.y()))


def _overlap(area: QRect, frame: QRect) -> int:
    shared = area.intersected(frame)
    return 0 if shared.isEmpty() else shared.width() * shared.height()


APPEARANCE_KEY = "view/appearance"


def read_appearance(settings: QSettings, choices: object) -> str:
    """The saved View → Appearance choice; "system" when absent or unknown."""
    value = settings.value(APPEARANCE_KEY)
    return value if isinstance(value, str) and value in choices else "system"  # type: ignore[operator]


PROMPTS_SHOWN_KEY = "view/reflection_prompts"


def read_prompts_shown(settings: QSettings) -> bool:
    """Whether reflection prompts are shown (on unless turned off)."""
    value = settings.value(PROMPTS_SHOWN_KEY)
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() not in ("false", "0", "no", "off")
