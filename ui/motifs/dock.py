"""The motifs dock of the main window: its panel is made on first show, and it floats over the
window rather than squeezing the journal when the window is too narrow to hold it docked."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QDockWidget, QMainWindow

from journal.store import Store
from ui.bridge import StoreBridge


class MotifsDock(QDockWidget):
    """``open_entry(film_id, entry_id)`` when the person opens an occurrence in the panel."""

    open_entry = Signal(int, int)

    def __init__(
        self, store: Store, bridge: StoreBridge, undo_stack: QUndoStack, window: QMainWindow
    ) -> None:
        super().__init__("Motifs", window)
        self._store = store
        self._bridge = bridge
        self._stack = undo_stack
        self._window = window
        self._panel: Any = None
        self._floated_for_room = False
        self.setObjectName("motifsDock")
        self.setAllowedAreas(
            Qt.DockWidgetArea.RightDockWidgetArea
            | Qt.DockWidgetArea.LeftDockWidgetArea
            | Qt.DockWidgetArea.BottomDockWidgetArea
        )
        self.visibilityChanged.connect(self._on_visibility)
        self.topLevelChanged.connect(self._on_top_level)

    @property
    def panel(self) -> Any:
        """The motifs panel, made on first use: most launches never show it, and its module
        and widgets are not needed for the first window."""
        if self._panel is None:
            from ui.motifs.panel import MotifsPanel

            # Its list fills once shown, after a paint (its counts read every tagged entry).
            panel = MotifsPanel(self._store, self._bridge, self._stack, self._window, load=False)
            panel.open_entry.connect(self.open_entry)
            self.setWidget(panel)
            self._panel = panel
        return self._panel

    def _on_visibility(self, visible: bool) -> None:
        if visible:
            _ = self.panel

    def set_shown(self, visible: bool) -> None:
        if visible:
            _ = self.panel
            self.fit()
            self.show()
            if not self.isFloating():
                self.raise_()  # to the front of a tab group it was put in
        else:
            self.hide()

    def room_needed(self) -> int:
        """The window width that fits the docked motifs beside the film list and journal."""
        central = self._window.centralWidget().minimumSizeHint().width()
        # The journal can shrink to its narrowest shape, but the dock is no reason to make it.
        journal = self._window.journal_if_built()
        if journal is not None:
            central += max(0, journal.comfortable_width() - journal.minimumSizeHint().width())
        return central + self.minimumSizeHint().width() + 12

    def fit(self) -> None:
        """Docked beside the journal when the window has room; floating over it otherwise
        (docked, it would squeeze the journal or force the window wider, perhaps past the
        screen's edge). A dock floated for want of room docks again once there is room."""
        window = self._window
        sideways = window.dockWidgetArea(self) != Qt.DockWidgetArea.BottomDockWidgetArea
        if self.isFloating():
            if self._floated_for_room and self.room_needed() <= window.width():
                self._floated_for_room = False
                self.setFloating(False)
            return
        if not sideways or self.room_needed() <= window.width():
            return
        self._floated_for_room = True
        self.setFloating(True)
        width = max(self.minimumSizeHint().width(), 360)
        height = max(360, min(window.height() - 80, 640))
        frame = window.geometry()
        self.setGeometry(frame.right() - width - 16, frame.top() + 60, width, height)

    def _on_top_level(self, floating: bool) -> None:
        if not floating:
            # Docked by hand into a window too narrow for it: it floats again.
            QTimer.singleShot(0, self, self.fit)
