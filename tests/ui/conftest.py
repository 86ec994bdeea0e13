"""Fixtures shared by the widget tests (each test gets fresh ones, on a real store file)."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

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


@pytest.fixture
def host(qtbot):
    """A plain top-level widget to show a journal pane in (the offscreen platform warns when a
    top-level window with a layout is shown)."""
    widget = QWidget()
    widget.resize(900, 700)
    qtbot.addWidget(widget)
    yield widget
    widget.close()


@pytest.fixture
def view(qtbot, store, bridge, stack, host):
    """The journal pane (film header, viewing bar, reflection, entries, editor) in ``host``."""
    from ui.viewing.journal_view import JournalView

    widget = JournalView(store, bridge, stack, host)
    widget.setGeometry(0, 0, 900, 700)
    yield widget
    widget.flush()


@pytest.fixture
def shown(view, host, qtbot):
    """The journal pane, shown and active."""
    host.show()
    qtbot.waitExposed(host)
    host.activateWindow()
    qtbot.waitUntil(host.isActiveWindow)
    return view


@pytest.fixture
def themed(qapp):
    """The app's look (ui/theme.py), for this test only: the tests after it see the plain
    application again (style sheet, palette, font), as most of them expect."""
    import shiboken6

    from ui.theme import apply_theme

    sheet, palette, font = qapp.styleSheet(), qapp.palette(), qapp.font()
    theme = apply_theme(qapp)
    yield theme
    # Gone at once (not later): it would go on answering the system's light/dark signal.
    shiboken6.delete(theme)
    qapp.setStyleSheet(sheet)
    qapp.setPalette(palette)
    qapp.setFont(font)
