"""Help → About: the version, where the journal lives, and a button that opens that folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from journal import __version__


def open_folder(path: Path) -> bool:
    """Show a local folder in the system's file manager (a file: URL; nothing on the network)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def show_folder(path: Path, parent: QWidget | None) -> bool:
    """Open ``path`` in the file manager; where none answers, show the path with a Copy button
    instead (True when a file manager took it)."""
    if open_folder(path):
        return True
    dialog = FolderPathDialog(path, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return False


class FolderPathDialog(QDialog):
    """The folder's path to copy, for a system with no file manager to show it in."""

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("folderPathDialog")
        self.setWindowTitle("Folder")
        self.setMinimumWidth(520)
        text = QLabel("No file manager opened the folder. It is here:", self)
        text.setWordWrap(True)
        self.path_edit = QLineEdit(str(path), self)
        self.path_edit.setReadOnly(True)
        self.path_edit.setCursorPosition(0)
        self.copy_button = QPushButton("Copy", self)
        self.copy_button.clicked.connect(self.copy)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.copy_button)
        self.copied = QLabel("", self)
        self.copied.setObjectName("muted")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 18, 18, 12)
        layout.setSpacing(10)
        layout.addWidget(text)
        layout.addLayout(row)
        layout.addWidget(self.copied)
        layout.addWidget(buttons)
        self.copy_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def copy(self) -> None:
        clipboard = QGuiApplication.clipboard()
        clipboard.setText(self.path_edit.text())
        self.copied.setText("Copied to the clipboard.")


class AboutDialog(QDialog):
    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.setWindowTitle("About Reflective Journal")
        self.setMinimumWidth(440)

        icon = QLabel(self)
        window_icon = parent.windowIcon() if parent is not None else self.windowIcon()
        icon.setPixmap(window_icon.pixmap(64, 64))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)

        title = QLabel("Reflective Journal", self)
        title.setObjectName("emptyTitle")
        self.version_label = QLabel(f"Version {__version__}", self)
        self.version_label.setObjectName("muted")
        blurb = QLabel(
            "A journal to write in when the credits roll: notes against timestamps, "
            "motifs that come back, kept safe for years.",
            self,
        )
        blurb.setWordWrap(True)
        where = QLabel("Your journal is kept in:", self)
        self.folder_label = QLabel(str(data_dir), self)
        self.folder_label.setWordWrap(True)
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_button = QPushButton("Open data folder", self)
        self.open_button.clicked.connect(lambda: show_folder(self.data_dir, self))

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)

        text = QVBoxLayout()
        text.setSpacing(6)
        for widget in (title, self.version_label, blurb):
            text.addWidget(widget)
        text.addSpacing(8)
        text.addWidget(where)
        text.addWidget(self.folder_label)
        top = QHBoxLayout()
        top.setSpacing(16)
        top.addWidget(icon)
        top.addLayout(text, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 20, 20, 14)
        layout.setSpacing(16)
        layout.addLayout(top)
        layout.addWidget(buttons)


def show_about(data_dir: Path, parent: QWidget) -> AboutDialog:
    """Help → About: the version and where the journal is kept (window-modal)."""
    dialog = AboutDialog(data_dir, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
