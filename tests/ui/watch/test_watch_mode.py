"""Watch mode in the real main window: the clock (injected time, no sleeps), the stamp keys,
the quick entry, the reaction lag, and mpv through a fake speaking the real JSON IPC."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from journal.watch import MpvSource
from tests.journal.watch.conftest import wait_until
from tests.ui.watch.conftest import today_viewings
from ui.watch.mode import DEFAULT_LAG_KEY

pytestmark = pytest.mark.qt_log_ignore(
    r"This plugin does not support (propagateSizeHints|raise)\(\)"
)

TIMEOUT = 0.5  # the fake mpv answers at once; a short deadline keeps failures quick


def _entries(store, mode):
    return store.list_entries(mode.viewing().id)


def _press(qtbot, widget, key, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(widget, key, modifier)


# --- entering ---------------------------------------------------------------------------------


def test_entering_starts_a_viewing_of_today_with_the_remembered_lag(window, film, qtbot):
    window.settings.setValue(DEFAULT_LAG_KEY, 3500)
    assert window.select_film(film.id)
    window.watch_along_action.trigger()
    mode = window.watch
    assert mode.active and window.watch_along_action.isChecked()
    (viewing,) = today_viewings(window.store, film.id)
    assert viewing.lag_ms == 3500
    assert mode.window.film_label.text() == "Tokyo Story (1953)"
    assert mode.window.lag.currentText() == "3.5 s"
    assert window.journal.current_viewing_id() == viewing.id  # chosen in the journal too
    window.watch_along_action.trigger()  # Ctrl+Shift+W again: leave
    assert not mode.active and not mode.window.isVisible()
    assert not window.watch_along_action.isChecked()
    window.watch_along_action.trigger()  # and back: the same viewing of today, not another
    assert [v.id for v in today_viewings(window.store, film.id)] == [viewing.id]
    mode.shut_down()


def test_a_viewing_added_in_the_journal_takes_the_remembered_lag_too(window, film):
    window.settings.setValue(DEFAULT_LAG_KEY, 3500)
    assert window.select_film(film.id)
    window.new_viewing_action.trigger()  # Ctrl+Alt+N, not watching along
    (viewing,) = today_viewings(window.store, film.id)
    assert viewing.lag_ms == 3500


def test_without_a_film_watch_mode_says_to_choose_one(window, qtbot):
    window.watch_along_action.trigger()
    assert not window.watch.active
    assert not window.watch_along_action.isChecked()


# --- the clock --------------------------------------------------------------------------------


def test_the_clock_starts_pauses_syncs_and_stamps_minus_the_lag(watching, fake_time, qtbot):
    mode, view = watching, watching.window
    assert view.time_label.text() == "–:––:––" and "not started" in view.state_label.text()
    assert not mode.stamp()  # nothing to stamp before the clock runs
    mode.toggle_play()  # Ctrl+Shift+Space: start at the first frame
    fake_time.advance(30)
    mode._tick()
    assert view.time_label.text() == "0:00:30"
    mode.toggle_play()  # pause
    fake_time.advance(60)
    mode._tick()
    assert view.time_label.text() == "0:00:30" and "paused" in view.state_label.text()
    mode.toggle_play()  # resume
    view.open_sync()  # the player showed 0:42:10 when the field opened …
    fake_time.advance(4)  # … and typing took 4 s
    view.sync_edit.setText("0:42:10")
    _press(qtbot, view.sync_edit, Qt.Key.Key_Return)
    assert mode.clock.position_ms() == 2_534_000 and not view.sync_row.isVisible()
    view.open_sync()
    view.sync_edit.setText("soon")  # a bad time: said, the clock unchanged
    _press(qtbot, view.sync_edit, Qt.Key.Key_Return)
    assert mode.clock.position_ms() == 2_534_000 and view.sync_row.isVisible()
    assert view.problem_label.isVisible()
    _press(qtbot, view.sync_edit, Qt.Key.Key_Escape)
    assert not view.sync_row.isVisible()

    assert mode.stamp()
    assert mode.pending.position_ms == 2_532_000  # the key press minus the 2 s lag
    assert view.quick_row.isVisible() and view.quick_edit.hasFocus()
    fake_time.advance(25)  # writing takes a while: the captured time does not move
    qtbot.keyClicks(view.quick_edit, "the letter, finally opened")
    _press(qtbot, view.quick_edit, Qt.Key.Key_Return)
    (entry,) = _entries(mode.store, mode)
    assert (entry.position_ms, entry.kind, entry.text) == (
        2_532_000,
        "note",
        "the letter, finally opened",
    )
    assert not view.quick_row.isVisible()
    assert "0:42:12  Note  the letter, finally opened" in view.recent_label.text()
    assert mode.undo_stack.undoText() == "Stamp Note at 0:42:12"


def test_esc_keeps_a_bare_marker_of_the_kind_chosen_with_alt(watching, fake_time, qtbot):
    mode, view = watching, watching.window
    mode.toggle_play()
    fake_time.advance(75)
    _press(qtbot, view, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)  # Dialogue
    assert mode.kind == "dialogue" and view.kind_buttons["dialogue"].isChecked()
    assert mode.stamp()
    _press(qtbot, view.quick_edit, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)  # now Pause
    qtbot.keyClicks(view.quick_edit, "not kept: Esc keeps only the marker")
    _press(qtbot, view.quick_edit, Qt.Key.Key_Escape)
    (entry,) = _entries(mode.store, mode)
    assert (entry.position_ms, entry.kind, entry.text) == (73_000, "pause", "")
    assert not view.quick_row.isVisible()


def test_ctrl_space_stamps_from_a_text_field_of_the_main_window(window, watching, fake_time, qtbot):
    mode = watching
    _press(
        qtbot,
        window,
        Qt.Key.Key_Space,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert mode.clock.is_playing()  # Ctrl+Shift+Space started the clock
    fake_time.advance(95)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    field = window.film_list.filter_edit
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    _press(qtbot, field, Qt.Key.Key_Space, Qt.KeyboardModifier.ControlModifier)
    assert mode.pending is not None and mode.pending.position_ms == 93_000
    assert field.text() == ""  # the key stamped; it typed nothing
    mode.window.quick_edit.setText("a held look")
    _press(qtbot, mode.window.quick_edit, Qt.Key.Key_Return)
    (entry,) = _entries(mode.store, mode)
    assert (entry.position_ms, entry.text) == (93_000, "a held look")
    qtbot.waitUntil(field.hasFocus)  # back where the keyboard was: watching goes on

    # The same from the entry editor's text box, mid-sentence: nothing is typed there.
    editor_text = window.journal.editor.text
    window.journal.new_entry()
    editor_text.setFocus()
    qtbot.waitUntil(editor_text.hasFocus)
    qtbot.keyClicks(editor_text, "half a thought")
    fake_time.advance(10)
    _press(qtbot, editor_text, Qt.Key.Key_Space, Qt.KeyboardModifier.ControlModifier)
    assert mode.pending is not None and mode.pending.position_ms == 103_000
    assert editor_text.toPlainText() == "half a thought"
    _press(qtbot, mode.window.quick_edit, Qt.Key.Key_Escape)
    qtbot.waitUntil(editor_text.hasFocus)


def test_a_second_stamp_saves_the_first_as_typed_and_closing_saves_the_last(
    watching, fake_time, window
):
    mode = watching
    mode.toggle_play()
    fake_time.advance(10)
    mode.stamp()
    mode.window.quick_edit.setText("first")
    fake_time.advance(10)
    mode.stamp()
    mode.window.quick_edit.setText("second, still open")
    window.close()  # leaving saves what is open: a stamp is never lost
    entries = mode.store.list_entries(mode.viewing().id)
    assert [(e.position_ms, e.text) for e in entries] == [
        (8_000, "first"),
        (18_000, "second, still open"),
    ]


def test_the_lag_is_the_viewings_undoable_and_remembered(watching, fake_time, window):
    mode, view = watching, watching.window
    view.lag.setCurrentIndex(view.lag.findData(3_500))
    assert mode.viewing().lag_ms == 3_500
    assert int(window.settings.value(DEFAULT_LAG_KEY)) == 3_500
    mode.toggle_play()
    fake_time.advance(10)
    mode.stamp()
    assert mode.pending.position_ms == 6_500
    mode.keep_marker()
    mode.undo_stack.undo()  # the stamp
    mode.undo_stack.undo()  # the lag
    assert mode.viewing().lag_ms == 2_000 and _entries(mode.store, mode) == []
    assert view.lag.currentData() == 2_000
    mode.store.update_viewing(mode.viewing().id, lag_ms=1_234)  # set elsewhere: shown as is
    assert view.lag.currentText() == "1.234 s"


# --- mpv --------------------------------------------------------------------------------------


def test_mpv_position_stamps_and_the_key_inside_mpv(watching, fake_mpv, qtbot):
    mode, view = watching, watching.window
    assert mode.connect_mpv(str(fake_mpv.path), timeout=TIMEOUT)
    assert isinstance(mode.source, MpvSource) and view.source_button.text() == "Source: mpv"
    fake_mpv.time_pos = 30.25
    mode._tick()
    assert view.time_label.text() == "0:00:30" and view.state_label.text() == "mpv · playing"

    assert mode.stamp()  # Ctrl+Space in the app
    assert mode.pending.position_ms == 28_250
    mode.save_pending("from the window")

    # Ctrl+J inside mpv at 30.25 s; the film moves on before the journal hears of it.
    fake_mpv.press("ctrl+j", then_time_pos=95.0)
    # The stamp crosses from mpv's thread to the GUI thread through a queued signal.
    qtbot.waitUntil(lambda: mode.pending is not None)
    assert mode.pending.raw_position_ms == 30_250 and mode.pending.position_ms == 28_250
    qtbot.keyClicks(view.quick_edit, "from inside mpv")
    _press(qtbot, view.quick_edit, Qt.Key.Key_Return)
    texts = [(e.position_ms, e.text) for e in _entries(mode.store, mode)]
    assert texts == [(28_250, "from the window"), (28_250, "from inside mpv")]
    wait_until(lambda: any("Journal: Note at 0:00:28" in shown for shown in fake_mpv.shown))

    mode.toggle_play()  # Ctrl+Shift+Space pauses the player
    assert fake_mpv.paused


def test_mpv_pauses_while_writing_and_resumes_on_save(watching, fake_mpv, qtbot):
    mode = watching
    mode.set_pause_while_writing(True)
    assert mode.connect_mpv(str(fake_mpv.path), timeout=TIMEOUT)
    mode.stamp()
    assert fake_mpv.paused  # paused while the line is written
    mode.save_pending("written in peace")
    assert not fake_mpv.paused  # and playing again once saved
    mode.stamp()
    assert fake_mpv.paused
    mode.keep_marker()  # Esc resumes too
    assert not fake_mpv.paused


def test_no_mpv_there_says_so_and_the_clock_remains(watching, tmp_path, window):
    mode = watching
    assert not mode.connect_mpv(str(tmp_path / "nobody.sock"), timeout=TIMEOUT)
    assert mode.source is mode.clock
    message = window.status_bar().currentMessage()
    assert "Could not use mpv" in message and "clock remains" in message
    assert mode.window.problem_label.isVisible()


def test_mpv_quitting_hands_over_to_the_clock_where_the_film_was(watching, fake_mpv, window):
    mode = watching
    assert mode.connect_mpv(str(fake_mpv.path), timeout=TIMEOUT)
    fake_mpv.time_pos = 600.0
    mode._tick()
    fake_mpv.disconnect_all()
    wait_until(lambda: not mode.source.connected)
    mode._tick()
    assert mode.source is mode.clock
    assert mode.clock.position_ms() == 600_000 and not mode.clock.is_playing()
    assert "clock took over at 0:10:00" in window.status_bar().currentMessage()


def test_the_app_started_with_mpv_watches_along_connected(window, film, fake_mpv, qtbot):
    assert window.select_film(film.id)
    assert window.watch.start_with_mpv(str(fake_mpv.path))
    assert window.watch.active and isinstance(window.watch.source, MpvSource)
    window.watch.shut_down()
    assert fake_mpv.bindings["ctrl+j"] == "ignore"  # the user's mpv gets its key back
    app = QApplication.instance()
    assert app is not None
