"""The status bar's passing messages: elided to fit beside the "Saved" note (the full text in
a tooltip), and each with a reason to disappear once it stops being true.

Kinds: ``info`` (just news, goes after a while), ``error`` (goes once a later change is
saved: whatever was refused has been fixed or left), ``undoable`` (about one step on the undo
stack, e.g. "Added …": goes as soon as the stack moves away from that step).
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QStatusBar, QStyle, QStyleOption, QWidget

INFO, ERROR, UNDOABLE = "info", "error", "undoable"
MESSAGE_MS = 10_000


class StatusBar(QStatusBar):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusBar")
        self.kind = INFO
        self.undo_index: int | None = None
        self.messageChanged.connect(self._on_message_changed)

    def say(self, message: str, kind: str = INFO, undo_index: int | None = None) -> None:
        self.kind = kind
        self.undo_index = undo_index
        # Errors stay until something says they no longer hold; news goes after a while.
        self.showMessage(message, 0 if kind == ERROR else MESSAGE_MS)

    def clear_if(self, kind: str) -> None:
        if self.currentMessage() and self.kind == kind:
            self.clearMessage()

    def message_rect(self) -> QRect:
        """Where the message is drawn: from the left edge to the first permanent widget."""
        right = self.width() - 6
        for child in self.findChildren(QWidget):
            if child.parent() is self and child.isVisible() and child.x() > 0:
                right = min(right, child.x() - 12)
        return QRect(6, 0, max(0, right - 6), self.height())

    def elided_message(self) -> str:
        return self.fontMetrics().elidedText(
            self.currentMessage(), Qt.TextElideMode.ElideRight, self.message_rect().width()
        )

    def is_elided(self) -> bool:
        return self.elided_message() != self.currentMessage()

    def _on_message_changed(self, message: str) -> None:
        if not message:
            self.kind, self.undo_index = INFO, None
        self._update_tooltip()

    def _update_tooltip(self) -> None:
        self.setToolTip(self.currentMessage() if self.is_elided() else "")

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._update_tooltip()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        message = self.currentMessage()
        if not message:
            super().paintEvent(event)
            return
        # As QStatusBar paints, but the message is elided where it would run under the
        # permanent widgets ("Saved …") instead of being cut off mid-letter.
        painter = QPainter(self)
        option = QStyleOption()
        option.initFrom(self)
        self.style().drawPrimitive(QStyle.PrimitiveElement.PE_PanelStatusBar, option, painter, self)
        painter.setPen(self.palette().windowText().color())
        painter.drawText(
            self.message_rect(),
            int(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter)
            | int(Qt.TextFlag.TextSingleLine),
            self.elided_message(),
        )
        painter.end()
