"""Autosave: whatever was typed is in the database once the window is closed — even when it
is closed at once, before the typing debounce has fired."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from journal.store import Store

# Only the offscreen test platform says it cannot pass on size limits or raise a window.
pytestmark = pytest.mark.qt_log_ignore(
    r"This plugin does not support (propagateSizeHints|raise)\(\)"
)

CTRL = Qt.KeyboardModifier.ControlModifier


def reopened(data_dir):
    """A second, independent store on the same folder: what the next launch would read."""
    return Store.open(data_dir)


def type_here(qtbot, text: str) -> None:
    qtbot.keyClicks(QApplication.focusWidget(), text)


def test_a_new_entry_typed_then_closed_at_once_is_kept(window, store, data_dir, qtbot):
    film = store.create_film("Tokyo Story")
    window.select_film(film.id)
    window.film_list.view.setFocus()
    qtbot.keyClick(window.film_list.view, Qt.Key.Key_N, CTRL)
    editor = window.journal.editor
    qtbot.waitUntil(editor.position.hasFocus)
    editor.position.selectAll()
    type_here(qtbot, "1:02:03")
    editor.text.setFocus()
    qtbot.waitUntil(editor.text.hasFocus)
    type_here(qtbot, "Noriko's smile, held a beat too long")
    window.close()  # at once: no waiting for the debounce

    again = reopened(data_dir)
    try:
        (viewing,) = again.list_viewings(film.id)
        assert viewing.watched_on == date.today()
        entries = again.list_entries(viewing.id)
        assert [(e.position_ms, e.text) for e in entries] == [
            (3_723_000, "Noriko's smile, held a beat too long")
        ]
    finally:
        again.close()


def test_an_edit_to_an_existing_entry_is_kept_on_close(window, store, data_dir, qtbot):
    film = store.create_film("Late Spring")
    viewing = store.create_viewing(film.id, date(2025, 1, 1))
    entry = store.create_entry(viewing.id, 61_000, "motif", "the vase")
    window.select_film(film.id)
    window.journal.select_entry(entry.id)
    text = window.journal.editor.text
    text.setFocus()
    qtbot.waitUntil(text.hasFocus)
    text.moveCursor(text.textCursor().MoveOperation.End)
    type_here(qtbot, " in the dark room")
    window.close()

    again = reopened(data_dir)
    try:
        assert again.get_entry(entry.id).text == "the vase in the dark room"
    finally:
        again.close()


def test_the_reflection_is_kept_on_close(window, store, data_dir, qtbot):
    film = store.create_film("Aftersun")
    viewing = store.create_viewing(film.id, date(2025, 1, 1))
    window.select_film(film.id)
    reflection = window.journal.reflection
    reflection.setFocus()
    qtbot.waitUntil(reflection.hasFocus)
    type_here(qtbot, "The rug, the dance, the door.")
    window.close()

    again = reopened(data_dir)
    try:
        assert again.get_viewing(viewing.id).reflection == "The rug, the dance, the door."
    finally:
        again.close()


def test_switching_films_writes_pending_text_first(window, store, qtbot):
    first = store.create_film("Yi Yi")
    second = store.create_film("Close-Up")
    viewing = store.create_viewing(first.id, date(2025, 1, 1))
    entry = store.create_entry(viewing.id, 0, "note", "")
    window.select_film(first.id)
    window.journal.select_entry(entry.id)
    window.journal.editor.text.setFocus()
    qtbot.waitUntil(window.journal.editor.text.hasFocus)
    type_here(qtbot, "the back of a head")
    window.film_list.select_film(second.id)
    assert store.get_entry(entry.id).text == "the back of a head"
    assert window.saved_label.text().startswith("Saved ")


def test_closing_with_words_that_cannot_be_saved_asks_and_keeps_the_window(
    window, store, monkeypatch
):
    """A save that fails at close (a full disk, say) must not take the words with it: the
    window asks, and by default stays open with the text in place."""
    from journal.errors import StorageError

    film = store.create_film("Aftersun", year=2022)
    window.select_film(film.id)
    window.journal.new_entry()
    editor = window.journal.editor

    def full_disk(*_args, **_kwargs):
        raise StorageError("the disk is full, so the change could not be saved")

    monkeypatch.setattr(store, "create_entry", full_disk)
    editor.text.setPlainText("the camcorder, the last frame")
    asked = []
    monkeypatch.setattr(window, "confirm_close_unsaved", lambda: asked.append(True) or False)
    assert window.close() is False
    assert asked == [True]
    assert window.isVisible()
    assert editor.text.toPlainText() == "the camcorder, the last frame"

    # Choosing to close anyway closes.
    monkeypatch.setattr(window, "confirm_close_unsaved", lambda: True)
    assert window.close() is True
