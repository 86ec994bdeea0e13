"""The first-launch empty state beside an empty film list: what to do first, and how the
journal works."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


class WelcomePane(QWidget):
    """The first-launch empty state: what to do first, and how the journal works."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcome")
        title = QLabel("Add the film you just watched", self)
        title.setObjectName("emptyTitle")
        title.setWordWrap(True)
        title.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        text = QLabel(
            "Each film keeps its viewings; each viewing, notes written against the film’s "
            "timestamps — a pause, a motif, a line, your own reaction. Everything is saved "
            "as you type.",
            self,
        )
        text.setObjectName("emptyText")
        text.setWordWrap(True)
        text.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.add_button = QPushButton("Add a film…   Ctrl+Shift+N", self)
        self.add_button.setObjectName("primaryButton")
        # A word-wrapped label only gets its full height when the layout gives it a width,
        # so the text sits in a centred column rather than being aligned inside the layout.
        column = QWidget(self)
        column.setMaximumWidth(560)
        inner = QVBoxLayout(column)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.setSpacing(14)
        inner.addWidget(title)
        inner.addWidget(text)
        inner.addSpacing(8)
        inner.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignHCenter)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(column, 4)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 32, 32, 32)
        layout.addStretch(2)
        layout.addLayout(row)
        layout.addStretch(3)
