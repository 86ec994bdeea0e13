"""View → Statistics…: the statistics page in a scrolling window."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QScrollArea, QVBoxLayout, QWidget

from journal.errors import JournalError
from journal.store import Store
from ui.messages import describe
from ui.statistics.page import StatisticsPage


class StatisticsDialog(QDialog):
    """Reads the figures once (a few queries) and shows them; Close or Esc leaves."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statisticsDialog")
        self.setWindowTitle("Statistics")
        layout = QVBoxLayout(self)
        self.page: StatisticsPage | None = None
        try:
            stats = store.statistics()
        except JournalError as exc:
            layout.addWidget(QLabel(f"The statistics could not be read: {describe(exc)}", self))
        else:
            self.page = StatisticsPage(stats, self)
            scroll = QScrollArea(self)
            scroll.setWidgetResizable(True)
            scroll.setWidget(self.page)
            layout.addWidget(scroll, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(720, 640)
