"""Entry → Re-sync entries…: one undo step that restores the stored positions exactly."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from journal.watch.stamp import FILM_TO_PAL

pytestmark = pytest.mark.qt_log_ignore(
    r"This plugin does not support (propagateSizeHints|raise)\(\)"
)


@pytest.fixture
def viewing(store, film, window):
    viewing = store.create_viewing(film.id, "2026-11-21")
    for position in (3_000, 60_000, 2_532_000):
        store.create_entry(viewing.id, position, "note", f"at {position}")
    assert window.select_film(film.id)
    return viewing


def _positions(store, viewing):
    return [entry.position_ms for entry in store.list_entries(viewing.id)]


def test_shift_through_the_dialog_is_one_undo_step(window, store, viewing, qtbot):
    window.resync_action.trigger()
    from ui.watch.resync import ResyncDialog

    dialog = window.findChild(ResyncDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.seconds.setValue(-14.0)
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    assert _positions(store, viewing) == [0, 46_000, 2_518_000]  # 3 s clamped at 0
    assert window.undo_stack.undoText() == "Shift entries by −14 s"
    assert "Re-synced 3 entries" in window.status_bar().currentMessage()
    window.undo_stack.undo()
    assert _positions(store, viewing) == [3_000, 60_000, 2_532_000]  # exactly, 3 s too
    window.undo_stack.redo()
    assert _positions(store, viewing) == [0, 46_000, 2_518_000]


def test_scale_to_another_frame_rate_and_undo(window, store, viewing):
    from ui.watch import resync

    resync.scale(store, window.undo_stack, viewing, FILM_TO_PAL)
    assert _positions(store, viewing) == [2_877, 57_542, 2_428_292]
    window.undo_stack.undo()
    assert _positions(store, viewing) == [3_000, 60_000, 2_532_000]


def test_an_undo_after_an_entry_is_gone_is_refused_and_said(window, store, viewing):
    from ui.watch import resync

    resync.shift(store, window.undo_stack, viewing, 5_000)
    store.delete_entry(store.list_entries(viewing.id)[0].id)
    window.undo_stack.undo()
    assert _positions(store, viewing) == [65_000, 2_537_000]  # nothing half-done
    assert "Could not undo" in window.status_bar().currentMessage()
