"""Shown at launch when the journal file cannot be used (damaged, not a journal, or written by a
newer version). It names the file and the problem, says the file was left untouched, and offers
the ways forward: restore a backup, open another folder, or quit.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

RESTORE = "restore"
OTHER_FOLDER = "other"
QUIT = "quit"


class StorageErrorDialog(QDialog):
    """``choice`` is RESTORE, OTHER_FOLDER or QUIT once the dialog closes (Escape means QUIT)."""

    def __init__(
        self, journal_file: Path, problem: str, has_backups: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.choice = QUIT
        self.setWindowTitle("The journal cannot be opened")
        self.setMinimumWidth(520)

        heading = QLabel("Reflective Journal cannot open this journal", self)
        heading.setObjectName("emptyTitle")
        heading.setWordWrap(True)
        self.file_label = QLabel(str(journal_file), self)
        self.file_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.file_label.setWordWrap(True)
        self.problem_label = QLabel(problem, self)
        self.problem_label.setObjectName("fieldError")
        self.problem_label.setWordWrap(True)
        self.problem_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        backups = (
            "Backups are kept in the “backups” folder beside it: you can restore one "
            "(the current file is copied aside first)."
            if has_backups
            else "No backups were found beside it."
        )
        advice = QLabel(
            f"The file was left exactly as it was. {backups} You can also open a journal in "
            "another folder.",
            self,
        )
        advice.setWordWrap(True)

        self.restore_button = QPushButton("Restore a backup…", self)
        self.restore_button.setEnabled(has_backups)
        self.other_button = QPushButton("Open another folder…", self)
        self.quit_button = QPushButton("Quit", self)
        buttons = QDialogButtonBox(self)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.other_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.quit_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.restore_button.clicked.connect(lambda: self._choose(RESTORE))
        self.other_button.clicked.connect(lambda: self._choose(OTHER_FOLDER))
        self.quit_button.clicked.connect(lambda: self._choose(QUIT))
        (self.restore_button if has_backups else self.other_button).setDefault(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 20, 20, 14)
        layout.setSpacing(10)
        layout.addWidget(heading)
        layout.addWidget(self.file_label)
        layout.addWidget(self.problem_label)
        layout.addWidget(advice)
        layout.addSpacing(6)
        layout.addWidget(buttons)

    def _choose(self, choice: str) -> None:
        self.choice = choice
        if choice == QUIT:
            self.reject()
        else:
            self.accept()


def ask(journal_file: Path, problem: str, has_backups: bool) -> str:
    """Show the dialog modally and return the person's choice."""
    dialog = StorageErrorDialog(journal_file, problem, has_backups)
    dialog.exec()
    return dialog.choice
