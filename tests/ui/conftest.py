"""Fixtures shared by the widget tests (each test gets fresh ones, on a real store file)."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QUndoStack

from ui.bridge import StoreBridge


@pytest.fixture
def bridge(store, qapp):
    """The store's change notices as a Qt signal, detached after the test."""
    made = StoreBridge(store)
    yield made
    made.detach()


@pytest.fixture
def stack(qapp):
    return QUndoStack()


@pytest.fixture
def window(store, qtbot, tmp_path):
    """The real main window, shown and active, with its settings in tmp_path."""
    from ui.main_window import MainWindow
    from ui.settings import open_settings

    made = MainWindow(store, open_settings(tmp_path / "settings.ini"))
    qtbot.addWidget(made)
    made.show()
    made.activateWindow()
    qtbot.waitUntil(made.isActiveWindow)
    yield made
    made.close()
    made.bridge.detach()
