"""JournalView: the film's header, viewings, reflection and entries, driven the way the window
and the keyboard drive it, against a real journal file."""

from __future__ import annotations

import time
from datetime import date, timedelta

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox

from journal import timecode
from tests.ui.test_entries_model import add_many_entries
from ui.viewing.entries_model import COLUMN_TEXT
from ui.viewing.reading_view import EntryBlockDelegate

SRT_BLOCK = "1\n00:00:01,000 --> 00:00:02,000\nHello"
LONG_TITLE = (
    "The Long Quiet Afternoon of Mending Things That Were Broken Long Before We Met: "
    "A Reconciliation in Three Seasons"
)


@pytest.fixture
def film(store):
    return store.create_film(LONG_TITLE, year=2019, director="Ana Ruiz", runtime_ms=5_520_000)


@pytest.fixture
def viewing(store, film):
    return store.create_viewing(film.id, date(2024, 3, 2), reflection="It stayed with me.")


def entry_texts(view):
    return [entry.text for entry in view.model.entries()]


def selected_entry_id(view):
    rows = view.table.selectionModel().selectedRows()
    return view.model.entry_at(rows[0].row()).id if rows else None


# --- showing films -------------------------------------------------------------------------


def test_no_film_is_a_calm_empty_state(view):
    view.show_film(None)
    assert view.current_film_id() is None and view.current_viewing_id() is None
    assert view.pages.currentWidget() is view.empty_label
    assert "add the one you just watched" in view.empty_label.text()


def test_header_shows_the_film(view, film, qtbot):
    view.show_film(film.id)
    assert view.current_film_id() == film.id
    assert view.title_label.full_text() == LONG_TITLE
    assert LONG_TITLE in view.title_label.toolTip()  # elided on screen, whole on hover
    assert view.details_label.full_text() == "2019 · directed by Ana Ruiz · 1:32:00"
    with qtbot.waitSignal(view.edit_film_requested) as asked:
        view.edit_film_button.click()
    assert asked.args == [film.id]


def test_header_follows_edits_made_elsewhere(view, store, film):
    view.show_film(film.id)
    store.update_film(film.id, title="Still Water", runtime_ms=None, director="")
    assert view.title_label.full_text() == "Still Water"
    assert view.details_label.full_text() == "2019"


def test_film_without_viewings(view, store, film):
    view.show_film(film.id)
    assert view.current_viewing_id() is None
    assert not view.viewing_bar.selector.isEnabled()
    assert "No viewings yet" in view.viewing_bar.selector.currentText()
    # The writing boxes are open (typing starts a viewing); what edits a viewing is not.
    assert view.editor.isEnabled() and view.reflection.isEnabled()
    for control in ("date_edit", "rewatch", "rating", "delete_button"):
        assert not getattr(view.viewing_bar, control).isEnabled(), control
    assert "Ctrl+N" in view.table.placeholder()  # what the empty list says
    assert view.editor.status.text() == "Starts a viewing dated today"
    assert store.list_viewings(film.id) == []  # showing the film wrote nothing


def test_several_viewings_latest_first_and_switching(view, store, film):
    first = store.create_viewing(film.id, date(2023, 11, 4), rating=4.0, reflection="First.")
    second = store.create_viewing(film.id, date(2024, 3, 2), rewatch=True, reflection="Again.")
    store.create_entry(first.id, 1_000, "pause", "from the first")
    store.create_entry(second.id, 2_000, "note", "from the second")
    view.show_film(film.id)
    selector = view.viewing_bar.selector
    assert [selector.itemText(i) for i in range(selector.count())] == [
        "2023-11-04 · ★★★★ · 1 entry",
        "2024-03-02 · rewatch · 1 entry",
    ]
    assert view.current_viewing_id() == second.id
    assert entry_texts(view) == ["from the second"]
    assert view.reflection.toPlainText() == "Again."
    assert view.viewing_bar.rewatch.isChecked()

    selector.setCurrentIndex(0)
    assert view.current_viewing_id() == first.id
    assert entry_texts(view) == ["from the first"]
    assert view.reflection.toPlainText() == "First."
    assert view.viewing_bar.rating.currentData() == 4.0
    assert view.viewing_bar.date_edit.date() == QDate(2023, 11, 4)


def test_a_film_with_500_entries(view, store, film, viewing):
    add_many_entries(store, film.id, viewing.uid, 500, kinds=("pause", "dialogue", "note"))
    started = time.perf_counter()
    view.show_film(film.id)
    elapsed = time.perf_counter() - started
    print(f"show_film with 500 entries: {elapsed * 1000:.0f} ms")
    assert view.model.rowCount() == 500
    # One delegate paints every block: no widget per entry (the reading view replaced the
    # table, whose fixed row height this line checked before).
    assert isinstance(view.table.itemDelegate(), EntryBlockDelegate)
    view.select_entry(view.model.entry_at(450).id)
    assert view.editor.text.toPlainText() == "line 450\nmore"
    assert selected_entry_id(view) == view.model.entry_at(450).id


def test_show_film_writes_pending_typing_first(view, store, film, viewing):
    other = store.create_film("Another")
    entry = store.create_entry(viewing.id, 0, "note", "draft")
    view.show_film(film.id)
    view.select_entry(entry.id)
    view.editor.text.setPlainText("draft, finished")
    assert view.editor.is_pending()
    view.show_film(other.id)
    assert store.get_entry(entry.id).text == "draft, finished"
    assert view.current_film_id() == other.id


# --- new entries -----------------------------------------------------------------------------


def test_new_entry_without_a_viewing_creates_one_dated_today(shown, store, film, stack):
    view = shown
    view.show_film(film.id)
    view.new_entry()
    [viewing] = store.list_viewings(film.id)
    assert viewing.watched_on == date.today() and not viewing.rewatch
    assert view.current_viewing_id() == viewing.id
    assert view.editor.is_new() and view.editor.isEnabled()
    assert view.editor.position.hasFocus()
    assert view.editor.position.text() == "0:00:00"
    assert view.editor.position.selectedText() == "0:00:00"  # typing replaces it
    assert stack.undoText() == "New viewing"


def test_new_entry_prefills_the_last_position_used(shown, store, film, viewing):
    view = shown
    store.create_entry(viewing.id, 600_000, "note", "later in the film")
    store.create_entry(viewing.id, 125_000, "note", "written last")
    view.show_film(film.id)
    view.new_entry()
    assert view.editor.position.text() == "0:02:05"
    assert view.editor.position.hasFocus()
    assert view.table.selectionModel().selectedRows() == []


def test_save_and_next_keeps_the_position_and_starts_afresh(shown, store, film, viewing, qtbot):
    view = shown
    view.show_film(film.id)
    view.new_entry()
    qtbot.keyClicks(view.editor.position, "12:31")
    view.editor.set_kind("dialogue")
    view.editor.text.setPlainText("“I kept your letters.”")
    view.editor.motifs.setText("letters")
    view.save_and_next()
    [entry] = store.list_entries(viewing.id)
    assert (entry.position_ms, entry.kind, entry.motifs) == (751_000, "dialogue", ("letters",))
    assert view.editor.is_new()
    assert view.editor.position.text() == "0:12:31"
    assert view.editor.text.toPlainText() == "" and view.editor.motifs.text() == ""
    assert view.editor.position.hasFocus()
    assert entry_texts(view) == ["“I kept your letters.”"]


def test_autosaved_new_entry_becomes_selected(view, store, film, viewing, qtbot):
    view.show_film(film.id)
    view.new_entry()
    with qtbot.waitSignal(view.entry_selected, timeout=2000) as chosen:
        view.editor.text.setPlainText("A held look.")
    [entry] = store.list_entries(viewing.id)
    assert chosen.args == [entry.id]
    assert selected_entry_id(view) == entry.id


def test_junk_position_writes_nothing_and_keeps_the_text(view, store, film, viewing, qapp):
    view.show_film(film.id)
    view.new_entry()
    view.editor.text.setPlainText("Hello, the line itself.")
    qapp.clipboard().setText(SRT_BLOCK)
    view.editor.position.selectAll()
    view.editor.position.paste()
    view.save_and_next()
    assert store.list_entries(viewing.id) == []
    assert view.editor.position_message.isVisibleTo(view)
    assert "Not a position" in view.editor.position_message.text()
    assert view.editor.text.toPlainText() == "Hello, the line itself."
    assert view.editor.position.text() == SRT_BLOCK


def test_position_past_the_runtime_is_flagged(view, store, film, viewing):
    view.show_film(film.id)
    view.new_entry()
    view.editor.position.setText("1:35:00")
    view.editor.text.setPlainText("after the credits")
    view.save_and_next()
    assert store.list_entries(viewing.id)[0].position_ms == 5_700_000
    entry_id = store.list_entries(viewing.id)[0].id
    view.select_entry(entry_id)
    message = view.editor.position_message
    assert message.isVisibleTo(view)
    assert message.text().endswith("Past the film's runtime of 1:32:00 — kept, check the position.")


def test_ctrl_return_in_the_editor_acts_once_beside_a_window_action(
    shown, host, store, film, qtbot
):
    """The window's menu carries Ctrl+Return too; in the editor the key must act exactly once."""
    view = shown
    calls = []
    action = QAction("Save entry and start the next", host)
    action.setShortcut(QKeySequence("Ctrl+Return"))
    action.triggered.connect(lambda: calls.append(1))
    action.triggered.connect(view.save_and_next)
    host.addAction(action)
    view.show_film(film.id)
    view.new_entry()
    view.editor.text.setFocus()
    qtbot.waitUntil(view.editor.text.hasFocus)
    qtbot.keyClicks(view.editor.text, "first")
    qtbot.keyClick(view.editor.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    viewing_id = view.current_viewing_id()
    assert [e.text for e in store.list_entries(viewing_id)] == ["first"]
    assert calls == []  # the editor took the key; the window action stayed quiet
    assert view.editor.is_new()

    # Outside the editor, the window's action does the work.
    view.table.setFocus()
    qtbot.waitUntil(view.table.hasFocus)
    qtbot.keyClick(view.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert calls == [1]


def test_motif_typed_becomes_a_motif_and_is_offered_next_time(view, store, film, viewing):
    store.create_entry(viewing.id, 0, "motif", "", motifs=["silence"])
    view.show_film(film.id)
    assert "silence" in view.editor.motifs.known_motifs()
    view.new_entry()
    view.editor.motifs.setText("silence, mended cup")
    view.save_and_next()
    assert store.find_motif("mended cup") is not None
    assert set(view.editor.motifs.known_motifs()) == {"silence", "mended cup"}


# --- editing, deleting, undo -----------------------------------------------------------------


def test_debounced_autosave_and_flush(view, store, film, viewing, qtbot):
    entry = store.create_entry(viewing.id, 0, "note", "one")
    view.show_film(film.id)
    view.select_entry(entry.id)
    view.editor.text.setPlainText("one two")
    qtbot.waitUntil(lambda: store.get_entry(entry.id).text == "one two", timeout=2000)
    view.editor.text.setPlainText("one two three")
    view.flush()
    assert store.get_entry(entry.id).text == "one two three"


def test_undo_and_redo_of_adding_and_editing_entries(view, store, film, viewing, stack):
    view.show_film(film.id)
    view.new_entry()
    view.editor.text.setPlainText("first words")
    view.flush()
    [entry] = store.list_entries(viewing.id)
    view.editor.text.setPlainText("first words, revised")
    view.flush()
    assert stack.count() == 2

    stack.undo()
    assert store.get_entry(entry.id).text == "first words"
    assert view.editor.text.toPlainText() == "first words"
    stack.undo()
    assert store.list_entries(viewing.id) == []
    assert view.editor.is_new() and view.editor.text.toPlainText() == ""
    assert view.model.rowCount() == 0

    stack.redo()
    stack.redo()
    assert [e.text for e in store.list_entries(viewing.id)] == ["first words, revised"]
    assert entry_texts(view) == ["first words, revised"]


def test_delete_selected_entry_is_undoable(view, store, film, viewing, stack):
    entries = [store.create_entry(viewing.id, n * 1000, "note", f"e{n}") for n in range(3)]
    view.show_film(film.id)
    assert view.delete_selected_entry() is False  # nothing selected
    view.select_entry(entries[1].id)
    assert view.delete_selected_entry() is True
    assert [e.text for e in store.list_entries(viewing.id)] == ["e0", "e2"]
    # The next entry is selected and loaded, ready for another Delete.
    assert selected_entry_id(view) == entries[2].id
    assert view.editor.text.toPlainText() == "e2"

    stack.undo()
    assert [e.text for e in store.list_entries(viewing.id)] == ["e0", "e1", "e2"]
    assert entry_texts(view) == ["e0", "e1", "e2"]
    stack.redo()
    assert entry_texts(view) == ["e0", "e2"]


def test_delete_writes_pending_words_so_undo_brings_them_back(view, store, film, viewing, stack):
    entry = store.create_entry(viewing.id, 0, "note", "short")
    view.show_film(film.id)
    view.select_entry(entry.id)
    view.editor.text.setPlainText("short, then longer")
    view.delete_selected_entry()
    assert store.list_entries(viewing.id) == []
    stack.undo()
    assert [e.text for e in store.list_entries(viewing.id)] == ["short, then longer"]


def test_select_entry_opens_its_film_and_viewing(view, store, film, viewing):
    other_film = store.create_film("Another")
    older = store.create_viewing(film.id, date(2020, 1, 1))
    entry = store.create_entry(older.id, 30_000, "scene", "in the older viewing")
    view.show_film(other_film.id)
    entries = []
    view.entry_selected.connect(entries.append)
    view.select_entry(entry.id)
    assert view.current_film_id() == film.id
    assert view.current_viewing_id() == older.id
    assert selected_entry_id(view) == entry.id
    assert view.editor.text.toPlainText() == "in the older viewing"
    assert view.editor.position.text() == "0:00:30"
    assert entries[-1] == entry.id


def test_clicking_a_row_loads_it_into_the_editor(view, store, film, viewing, qtbot):
    store.create_entry(viewing.id, 0, "note", "zero")
    second = store.create_entry(viewing.id, 1000, "pause", "one")
    view.show_film(film.id)
    view.table.selectRow(1)
    assert view.editor.entry_id() == second.id
    assert view.editor.kind.currentData() == "pause"
    assert view.model.index(1, COLUMN_TEXT).data() == "one"


def test_viewing_edits_go_through_undo(view, store, film, viewing, stack):
    view.show_film(film.id)
    bar = view.viewing_bar
    bar.rating.setCurrentIndex(bar.rating.findData(3.5))
    assert store.get_viewing(viewing.id).rating == 3.5
    bar.rewatch.setChecked(True)
    assert store.get_viewing(viewing.id).rewatch is True
    bar.date_edit.setDate(QDate(2024, 2, 29))
    bar.flush()
    assert store.get_viewing(viewing.id).watched_on == date(2024, 2, 29)
    assert "2024-02-29 · rewatch · ★★★½" in bar.selector.currentText()

    stack.undo()
    assert store.get_viewing(viewing.id).watched_on == date(2024, 3, 2)
    assert bar.date_edit.date() == QDate(2024, 3, 2)
    stack.undo()
    stack.undo()
    assert store.get_viewing(viewing.id).rating is None
    assert bar.rating.currentData() is None and not bar.rewatch.isChecked()
    stack.redo()
    assert bar.rating.currentData() == 3.5


def test_new_viewing_defaults_to_today_and_is_a_rewatch(view, store, film, viewing, stack):
    view.show_film(film.id)
    new_id = view.new_viewing()
    created = store.get_viewing(new_id)
    assert created.watched_on == date.today() and created.rewatch
    assert view.current_viewing_id() == new_id
    assert view.reflection.toPlainText() == ""
    stack.undo()
    assert [v.id for v in store.list_viewings(film.id)] == [viewing.id]
    assert view.current_viewing_id() == viewing.id
    assert view.reflection.toPlainText() == "It stayed with me."


def test_delete_viewing_asks_with_the_entry_count(view, store, film, viewing, stack, monkeypatch):
    for n in range(3):
        store.create_entry(viewing.id, n, "note", f"e{n}")
    view.show_film(film.id)
    asked = []

    def answer(reply):
        def question(_parent, _title, text, *_args):
            asked.append(text)
            return reply

        return question

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Cancel))
    assert view.viewing_bar.delete_current() is False
    assert "its 3 entries" in asked[0] and "2024-03-02" in asked[0]
    assert store.list_viewings(film.id)

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Yes))
    assert view.viewing_bar.delete_current() is True
    assert store.list_viewings(film.id) == []
    assert view.current_viewing_id() is None and view.editor.is_awaiting_viewing()
    stack.undo()
    [restored] = store.list_viewings(film.id)
    assert restored.entry_count == 3
    assert view.current_viewing_id() == restored.id
    assert view.model.rowCount() == 3


def test_reflection_autosaves_and_undoes_as_one_step(view, store, film, viewing, stack, qtbot):
    view.show_film(film.id)
    view.reflection.setPlainText("It stayed with me. The cup")
    view.reflection.setPlainText("It stayed with me. The cup was mended.")
    qtbot.waitUntil(
        lambda: store.get_viewing(viewing.id).reflection.endswith("mended."), timeout=2000
    )
    view.reflection.setPlainText("It stayed with me. The cup was mended. Twice.")
    view.flush()
    assert store.get_viewing(viewing.id).reflection.endswith("Twice.")
    assert stack.count() == 1
    stack.undo()
    assert store.get_viewing(viewing.id).reflection == "It stayed with me."
    assert view.reflection.toPlainText() == "It stayed with me."


def test_switching_viewing_writes_the_reflection_to_the_right_viewing(view, store, film, viewing):
    later = store.create_viewing(film.id, date.today() + timedelta(days=1))
    view.show_film(film.id)
    assert view.current_viewing_id() == later.id
    view.reflection.setPlainText("about the later one")
    view.viewing_bar.select_viewing(viewing.id)
    assert store.get_viewing(later.id).reflection == "about the later one"
    assert store.get_viewing(viewing.id).reflection == "It stayed with me."


# --- keyboard --------------------------------------------------------------------------------


def test_tab_order_follows_reading_order(shown, store, film, viewing, qtbot):
    view = shown
    store.create_entry(viewing.id, 0, "note", "x")
    view.show_film(film.id)
    qtbot.waitUntil(lambda: view.timelines.height() == view.page_shape().timeline)  # laid out
    bar = view.viewing_bar
    expected = [
        bar.selector,
        bar.new_button,
        bar.delete_button,
        bar.date_edit,
        bar.rewatch,
        bar.rating,
        bar.tags_edit,
        view.reflection_section.tabs,  # Reflection · Prompts
        view.reflection,
        view.timelines.single,  # the timeline (issue 12), between the reflection and entries
        view.table,
        view.editor.position,
        view.editor.kind,
        view.editor.text,
        view.editor.intensity,
        view.editor.motifs,
    ]
    bar.selector.setFocus()
    qtbot.waitUntil(bar.selector.hasFocus)
    reached = [view.focusWidget()]
    for _ in expected[1:]:
        qtbot.keyClick(view.focusWidget(), Qt.Key.Key_Tab)
        focused = view.focusWidget()
        # A date edit focuses its inner line edit.
        reached.append(bar.date_edit if focused.parent() is bar.date_edit else focused)
    assert reached == expected


def test_entries_list_positions_are_readable(view, store, film, viewing):
    store.create_entry(viewing.id, 3_723_000, "note", "an hour in")
    view.show_film(film.id)
    assert view.model.index(0, 0).data() == timecode.format(3_723_000) == "1:02:03"


def test_choosing_another_entry_writes_the_pending_one(view, store, film, viewing):
    first = store.create_entry(viewing.id, 0, "note", "first")
    second = store.create_entry(viewing.id, 1000, "note", "second")
    view.show_film(film.id)
    view.select_entry(first.id)
    view.editor.text.setPlainText("first, still typing")
    view.table.selectRow(1)
    assert store.get_entry(first.id).text == "first, still typing"
    assert view.editor.entry_id() == second.id


def test_leaving_the_reflection_saves_it(shown, store, film, viewing, qtbot):
    view = shown
    view.show_film(film.id)
    view.reflection.setFocus()
    qtbot.waitUntil(view.reflection.hasFocus)
    qtbot.keyClicks(view.reflection, " Twice.")
    assert view.reflection.is_pending()
    view.table.setFocus()
    assert store.get_viewing(viewing.id).reflection == "It stayed with me. Twice."


def test_the_viewing_bar_reloads_once_for_its_own_write(view, store, film, viewing, monkeypatch):
    """The bar's own edit reaches it once, through the store's change notice — not a second
    time by reloading itself after the write."""
    view.show_film(film.id)
    bar = view.viewing_bar
    reloads: list[int] = []
    list_viewings = store.list_viewings

    def counting(film_id: int):
        reloads.append(film_id)
        return list_viewings(film_id)

    monkeypatch.setattr(store, "list_viewings", counting)

    bar.rating.setCurrentIndex(bar.rating.findData(4.0))
    assert store.get_viewing(viewing.id).rating == 4.0
    assert len(reloads) == 1
    assert "★★★★" in bar.selector.currentText()

    reloads.clear()
    bar.date_edit.setDate(QDate(2024, 2, 29))
    bar.flush()
    assert len(reloads) == 1
    assert bar.selector.currentText().startswith("2024-02-29")

    reloads.clear()
    added = bar.new_viewing(date(2024, 5, 1))
    assert len(reloads) == 1
    assert added is not None and bar.current_viewing().id == added.id
    assert bar.selector.currentText().startswith("2024-05-01")


def test_a_viewing_bar_with_no_one_passing_on_notices_still_follows_its_writes(
    store, film, viewing, stack, host
):
    from ui.viewing.bar import ViewingBar

    bar = ViewingBar(store, stack, host)
    bar.set_film(film)
    bar.rating.setCurrentIndex(bar.rating.findData(2.5))
    assert "★★½" in bar.selector.currentText()
    added = bar.new_viewing(date(2024, 5, 1))
    assert added is not None and bar.current_viewing().id == added.id
