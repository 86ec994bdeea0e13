"""File → Restore from backup…: pick a backup (or any journal file) and put it in place of the
journal, without restarting the app.

The dialog lists the backups in ``DATA_DIR/backups`` newest first and says what will happen
before anything does; ``restore_requested`` carries the person's choice to
``ui.dialogs.restore_flow``, which does the restoring and answers refusals in the dialog.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from journal import backup
from ui.messages import sentence

PATH_ROLE = Qt.ItemDataRole.UserRole + 1
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


# --- what can be restored -------------------------------------------------------------------


@dataclass(frozen=True)
class BackupChoice:
    """A file the person may restore: when it was taken (or last changed) and its size."""

    path: Path
    taken_at: datetime
    size: int
    in_backups: bool  # False for a file chosen with "Choose another file…"


def _stamp(path: Path) -> datetime | None:
    """The time in a backup's name (``journal-YYYYMMDD-HHMMSS[-N].sqlite3``)."""
    stem = path.name.removeprefix(backup.BACKUP_PREFIX)
    try:
        return datetime.strptime(stem[:15], "%Y%m%d-%H%M%S")
    except ValueError:
        return None


def _choice(path: Path, in_backups: bool) -> BackupChoice | None:
    try:
        status = path.stat()
    except OSError:
        return None
    taken = _stamp(path) if in_backups else None
    return BackupChoice(
        path, taken or datetime.fromtimestamp(status.st_mtime), status.st_size, in_backups
    )


def backup_choices(data_dir: Path) -> list[BackupChoice]:
    """The backups in ``data_dir``, newest first."""
    found = (_choice(path, True) for path in backup.list_backups(data_dir))
    return [choice for choice in found if choice is not None]


def describe_time(moment: datetime, now: datetime) -> str:
    """``today at 09:12``, ``yesterday at 21:40`` or ``Saturday 1 March 2025 at 10:15``."""
    clock = f"{moment:%H:%M}"
    days_ago = (now.date() - moment.date()).days
    if days_ago == 0:
        return f"today at {clock}"
    if days_ago == 1:
        return f"yesterday at {clock}"
    day = f"{_DAYS[moment.weekday()]} {moment.day} {_MONTHS[moment.month - 1]}"
    return f"{day} {moment.year} at {clock}"


def describe_size(size: int) -> str:
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / (1024 * 1024):.1f} MB"


# --- the dialog -----------------------------------------------------------------------------


class RestoreBackupDialog(QDialog):
    """Lists the backups; ``restore_requested(BackupChoice)`` when the person confirms.

    The dialog stays open until whoever restores calls ``accept()`` (or ``show_problem`` to
    say why the file was refused, leaving the person free to pick another).
    """

    restore_requested = Signal(object)

    def __init__(
        self, data_dir: Path, parent: QWidget | None = None, *, now: datetime | None = None
    ) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.now = now or datetime.now()
        self.setWindowTitle("Restore from backup")
        self.setMinimumWidth(600)

        heading = QLabel("Restore the journal from a backup", self)
        heading.setObjectName("emptyTitle")
        folder = backup.backups_dir(data_dir)
        self.where_label = QLabel(f"Backups in {folder}", self)
        self.where_label.setObjectName("muted")
        self.where_label.setWordWrap(True)
        self.where_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.model = QStandardItemModel(0, 3, self)
        self.model.setHorizontalHeaderLabels(["Taken", "Size", "File"])
        self.view = QTreeView(self)
        self.view.setObjectName("backupList")
        self.view.setAccessibleName("Backups")
        self.view.setModel(self.model)
        self.view.setRootIsDecorated(False)
        self.view.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # keep the file name
        self.view.setAllColumnsShowFocus(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        # Sizes sit right-aligned in a column with room to spare, clear of the time beside it.
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(1, self.view.fontMetrics().horizontalAdvance("999.9 MB") + 40)
        self.model.setHeaderData(
            1,
            Qt.Orientation.Horizontal,
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            Qt.ItemDataRole.TextAlignmentRole,
        )
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.empty_label = QLabel(
            "There are no backups in this folder yet. Choose a journal file instead.", self
        )
        self.empty_label.setObjectName("muted")
        self.empty_label.setWordWrap(True)

        self.choose_button = QPushButton("Choose another file…", self)
        self.choose_button.clicked.connect(self.choose_another_file)
        self.explanation = QLabel(self)
        self.explanation.setWordWrap(True)
        self.problem_label = QLabel(self)
        self.problem_label.setObjectName("fieldError")
        self.problem_label.setWordWrap(True)
        self.problem_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problem_label.hide()

        self.restore_button = QPushButton("Restore this backup", self)
        self.restore_button.setObjectName("primaryButton")
        self.restore_button.setAutoDefault(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        # Replacing the journal is never one stray Enter away.
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setDefault(True)
        buttons.rejected.connect(self.reject)
        self.restore_button.clicked.connect(self._confirm)

        choose_row = QHBoxLayout()
        choose_row.addWidget(self.choose_button)
        choose_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 20, 20, 14)
        layout.setSpacing(10)
        layout.addWidget(heading)
        layout.addWidget(self.where_label)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty_label)
        layout.addLayout(choose_row)
        layout.addSpacing(4)
        layout.addWidget(self.explanation)
        layout.addWidget(self.problem_label)
        layout.addSpacing(6)
        layout.addWidget(buttons)

        # Styled before rows go in: rows measured unstyled keep a cramped, unpadded height.
        self.view.ensurePolished()
        for choice in backup_choices(data_dir):
            self._add_row(choice)
        self.view.selectionModel().currentRowChanged.connect(self._update)
        self._select_row(0)
        self._update()
        self.resize(660, 460)

    # --- the list -----------------------------------------------------------------------

    def _add_row(self, choice: BackupChoice, row: int | None = None) -> None:
        when = describe_time(choice.taken_at, self.now)
        if not choice.in_backups:
            when += " (last changed)"
        items = [
            QStandardItem(when[0].upper() + when[1:]),
            QStandardItem(describe_size(choice.size)),
            QStandardItem(choice.path.name if choice.in_backups else str(choice.path)),
        ]
        items[1].setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        for item in items:
            item.setData(choice, PATH_ROLE)
            item.setToolTip(str(choice.path))
            item.setEditable(False)
        self.model.insertRow(self.model.rowCount() if row is None else row, items)

    def _select_row(self, row: int) -> None:
        index = self.model.index(row, 0)
        if index.isValid():
            self.view.selectionModel().setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )

    def choices(self) -> list[BackupChoice]:
        """Every row, top to bottom."""
        return [self.model.index(row, 0).data(PATH_ROLE) for row in range(self.model.rowCount())]

    def selected(self) -> BackupChoice | None:
        index = self.view.selectionModel().currentIndex()
        return index.siblingAtColumn(0).data(PATH_ROLE) if index.isValid() else None

    def select_path(self, path: Path) -> bool:
        for row, choice in enumerate(self.choices()):
            if choice.path == path:
                self._select_row(row)
                return True
        return False

    # --- choosing a file ----------------------------------------------------------------

    def choose_file(self) -> Path | None:
        """Ask for a journal file anywhere (tests replace this)."""
        chosen, _filter = QFileDialog.getOpenFileName(
            self,
            "Choose a journal file to restore",
            str(backup.backups_dir(self.data_dir)),
            "Journal files (*.sqlite3 *.sqlite *.db);;All files (*)",
        )
        return Path(chosen) if chosen else None

    def choose_another_file(self) -> None:
        path = self.choose_file()
        if path is None or self.select_path(path):
            return
        choice = _choice(path, False)
        if choice is None:
            self.show_problem(f"{path} cannot be read; your journal was left untouched")
            return
        self._add_row(choice, 0)
        self._select_row(0)

    # --- explaining and confirming ------------------------------------------------------

    def _update(self, *_args: object) -> None:
        choice = self.selected()
        self.view.setVisible(self.model.rowCount() > 0)
        self.empty_label.setVisible(self.model.rowCount() == 0)
        self.restore_button.setEnabled(choice is not None)
        self.restore_button.setText(
            "Restore this file" if choice and not choice.in_backups else "Restore this backup"
        )
        self.problem_label.hide()
        if choice is None:
            self.explanation.setText(
                "The current journal is backed up first, then replaced by the file you choose."
            )
            return
        what = "this backup" if choice.in_backups else "this file"
        self.explanation.setText(
            f"The current journal is backed up first, then replaced by {what}. Changes made "
            f"after {describe_time(choice.taken_at, self.now)} will be in that safety backup, "
            "not in the journal."
        )

    def show_problem(self, message: str) -> None:
        self.problem_label.setText(sentence(message))
        self.problem_label.show()

    def _confirm(self) -> None:
        choice = self.selected()
        if choice is not None:
            self.restore_requested.emit(choice)
