"""Merge motif: choose which motif takes over every use of another. Nothing is chosen until
the person chooses (a preselected first row would merge into whichever motif sorts first)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)


class MergeMotifDialog(QDialog):
    def __init__(self, source: str, labels: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mergeMotifDialog")
        self.setWindowTitle("Merge motif")
        self.setMinimumWidth(420)
        prompt = QLabel(f"Move every use of “{source}” onto:", self)
        prompt.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setObjectName("mergeTargets")
        for label in labels:
            QListWidgetItem(label, self.list)
        self.list.setCurrentRow(-1)
        self.list.clearSelection()
        self.buttons = QDialogButtonBox(self)
        self.merge_button = self.buttons.addButton("Merge", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.merge_button.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.list.itemSelectionChanged.connect(self._on_selection)
        self.list.itemActivated.connect(lambda _item: self.accept())
        layout = QVBoxLayout(self)
        layout.addWidget(prompt)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.buttons)
        self.list.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_selection(self) -> None:
        self.merge_button.setEnabled(self.chosen_row() is not None)

    def chosen_row(self) -> int | None:
        items = self.list.selectedItems()
        return self.list.row(items[0]) if items else None

    def accept(self) -> None:
        if self.chosen_row() is not None:
            super().accept()
