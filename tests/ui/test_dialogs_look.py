"""Dialogs that look like the main window: button words without stock icons, message boxes
wide enough for their text, a date picker that is not cut off, a merge that preselects
nothing, and a data folder that can be reached without a file manager."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtWidgets import QApplication, QDateEdit, QDialogButtonBox, QMessageBox, QStyle

pytestmark = pytest.mark.qt_log_ignore(
    r"This plugin does not support (propagateSizeHints|raise)\(\)"
)


def test_dialog_buttons_have_no_stock_icons(themed, qtbot):
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    qtbot.addWidget(box)
    # The platform theme (GNOME, KDE) would ask for icons; the stylesheet says no.
    assert "dialogbuttonbox-buttons-have-icons: 0" in qtbot_app_stylesheet()
    hint = QStyle.StyleHint.SH_DialogButtonBox_ButtonsHaveIcons
    assert box.style().styleHint(hint, None, box) == 0
    assert all(button.icon().isNull() for button in box.buttons())


def qtbot_app_stylesheet() -> str:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    return app.styleSheet()


def test_message_boxes_are_wide_enough_for_their_text(themed, qtbot):
    box = QMessageBox(QMessageBox.Icon.Warning, "The film was not exported", "Not exported")
    box.setInformativeText("Permission denied (/home/someone/Films/tokyo-story-1953.md).")
    qtbot.addWidget(box)
    box.show()
    QApplication.processEvents()
    # Room for the title in a window manager's title bar, and for a path on two lines at most.
    assert box.width() >= 460
    assert all(b.icon().isNull() for b in box.buttons())


# The popup also asks the offscreen platform for a keyboard grab.
@pytest.mark.qt_log_ignore(
    r"This plugin does not support (propagateSizeHints\(\)|raise\(\)|grabbing the keyboard)"
)
def test_the_date_picker_shows_every_weekday_and_date(themed, qtbot):
    edit = QDateEdit(QDate(2026, 12, 1))
    edit.setCalendarPopup(True)
    qtbot.addWidget(edit)
    edit.resize(160, 30)
    edit.show()
    qtbot.mouseClick(edit, Qt.MouseButton.LeftButton, pos=QPoint(edit.width() - 6, 15))
    calendar = edit.calendarWidget()
    qtbot.waitUntil(calendar.isVisible)
    from PySide6.QtWidgets import QAbstractItemView

    table = calendar.findChild(QAbstractItemView)
    model = table.model()
    metrics = table.fontMetrics()
    # Each weekday name ("Wed") fits its column, and the whole month fits the popup.
    for column in range(model.columnCount()):
        name = model.data(model.index(0, column), Qt.ItemDataRole.DisplayRole)
        if name:
            assert metrics.horizontalAdvance(str(name)) + 6 <= table.columnWidth(column), name
    assert table.geometry().right() <= calendar.width()
    assert table.geometry().bottom() <= calendar.height()
    assert calendar.window().width() >= 300
    calendar.window().close()


def test_merging_a_motif_preselects_no_target(qtbot):
    from ui.motifs.merge_dialog import MergeMotifDialog

    dialog = MergeMotifDialog("letter", ["letters (4 entries)", "rain (1 entry)"])
    qtbot.addWidget(dialog)
    assert dialog.chosen_row() is None
    assert not dialog.merge_button.isEnabled()
    dialog.accept()  # Enter with nothing chosen merges nothing
    assert dialog.result() != dialog.DialogCode.Accepted
    dialog.list.setCurrentRow(1)
    assert dialog.merge_button.isEnabled() and dialog.chosen_row() == 1


def test_open_data_folder_without_a_file_manager_shows_the_path_to_copy(
    window, store, monkeypatch, qtbot
):
    from ui.dialogs.about import FolderPathDialog

    monkeypatch.setattr("ui.dialogs.about.open_folder", lambda _path: False)
    window.open_data_action.trigger()
    dialog = window.findChild(FolderPathDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.path_edit.text() == str(store.data_dir)
    dialog.copy_button.click()
    assert QApplication.clipboard().text() == str(store.data_dir)
    assert "Copied" in dialog.copied.text()
    dialog.close()


def test_a_folder_a_file_manager_opened_shows_no_extra_dialog(window, store, monkeypatch):
    from ui.dialogs.about import FolderPathDialog

    opened = []
    monkeypatch.setattr("ui.dialogs.about.open_folder", lambda p: opened.append(p) or True)
    window.open_data_action.trigger()
    assert opened == [store.data_dir]
    assert window.findChild(FolderPathDialog) is None
