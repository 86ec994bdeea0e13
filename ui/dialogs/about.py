"""Help → About: the version, where the journal lives, and a button that opens that folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from journal import __version__


def open_folder(path: Path) -> bool:
    """Show a local folder in the system's file manager (a file: URL; nothing on the network)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


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
        self.open_button.clicked.connect(lambda: open_folder(self.data_dir))

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
