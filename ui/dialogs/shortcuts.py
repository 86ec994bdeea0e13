"""Help → Keyboard shortcuts: every key of the app, grouped by menu, from ui/actions.py (the
same table that builds the menus, so the two cannot disagree)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui import actions


def shown_keys(row: actions.ActionSpec) -> str:
    """The keys as this platform writes them (Ctrl+Shift+N; ⇧⌘N on a Mac)."""
    if row.keys_label:
        return row.keys_label
    native = QKeySequence.SequenceFormat.NativeText
    return " / ".join(QKeySequence(key).toString(native) for key in row.keys)


class ShortcutsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle("Keyboard shortcuts")
        intro = QLabel(
            "Every key the journal answers to. Menu commands are also in their menus; the "
            "journal pane's keys work while you write an entry.",
            self,
        )
        intro.setWordWrap(True)
        intro.setObjectName("muted")

        self.tree = QTreeWidget(self)
        self.tree.setObjectName("shortcutsList")
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels(["Keys", "Command", "Does"])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(False)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setWordWrap(True)
        self.tree.setAlternatingRowColors(False)
        header = self.tree.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        bold = self.tree.font()
        bold.setBold(True)
        groups: dict[str, QTreeWidgetItem] = {}
        for row in actions.with_keys():
            group = groups.get(row.menu)
            if group is None:
                title = row.menu if row.menu == actions.PANE else f"{row.menu} menu"
                group = QTreeWidgetItem(self.tree, [title])
                group.setFirstColumnSpanned(True)
                group.setFont(0, bold)
                group.setFlags(Qt.ItemFlag.ItemIsEnabled)
                groups[row.menu] = group
            description = row.description[:1].upper() + row.description[1:]
            item = QTreeWidgetItem(group, [shown_keys(row), row.label, description])
            item.setToolTip(2, description)
            item.setData(0, Qt.ItemDataRole.UserRole, row.id)
        self.tree.expandAll()

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 18, 18, 12)
        layout.setSpacing(12)
        layout.addWidget(intro)
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)
        # Tall enough to show every row at once on a usual screen (it scrolls on a small one).
        rows = sum(1 + self.tree.topLevelItem(i).childCount() for i in range(len(groups)))
        row_height = self.tree.sizeHintForRow(0) if self.tree.topLevelItemCount() else 22
        wanted = rows * max(row_height, 22) + intro.sizeHint().height() + 140
        screen = self.screen().availableGeometry() if self.screen() else None
        limit = screen.height() - 80 if screen is not None else wanted
        self.resize(820, max(420, min(wanted, limit)))

    def rows(self) -> list[tuple[str, str, str]]:
        """(keys, command, does) for every listed key, in order."""
        found = []
        for g in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(g)
            for i in range(group.childCount()):
                item = group.child(i)
                found.append((item.text(0), item.text(1), item.text(2)))
        return found


def show_shortcuts(parent: QWidget) -> ShortcutsDialog:
    """Help → Keyboard shortcuts: the list (one at a time: an open one comes to the front)."""
    existing = parent.findChild(ShortcutsDialog)
    if existing is not None:
        existing.raise_()
        existing.activateWindow()
        return existing
    dialog = ShortcutsDialog(parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
