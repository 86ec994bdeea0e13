"""The viewing as a page (issue 12), in the real journal pane on a real journal file: the
timeline above the entries follows the selection and opens what is clicked or entered; the
entries read as whole blocks; Compare viewings stacks every viewing on one axis; the panel
under the editor shows what earlier viewings hold within two minutes, and its key opens it."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QWidget

from journal.timecode import parse
from ui.viewing.journal_view import JournalView
from ui.viewing.reading_view import CUT_NOTE, SHOWN_TEXT_MAX, wrap_lines

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def host(qtbot):
    widget = QWidget()
    widget.resize(1100, 900)
    qtbot.addWidget(widget)
    yield widget
    widget.close()


@pytest.fixture
def page(qtbot, store, bridge, stack, host):
    view = JournalView(store, bridge, stack, host)
    view.setGeometry(0, 0, 1100, 900)
    host.show()
    qtbot.waitExposed(host)
    host.activateWindow()
    qtbot.waitUntil(host.isActiveWindow)
    yield view
    view.flush()


@pytest.fixture
def tokyo(store):
    """A film watched three times, with notes near 1:02:00 in the first two viewings."""
    film = store.create_film("Tokyo Story", year=1953, runtime_ms=8_160_000)
    first = store.create_viewing(film.id, date(2019, 3, 2))
    second = store.create_viewing(film.id, date(2022, 11, 20), rewatch=True)
    third = store.create_viewing(film.id, date(2024, 5, 1), rewatch=True)
    entries = {
        "kettle": store.create_entry(
            first.id, parse("1:02:10"), "pause", "The kettle.", intensity=4
        ),
        "fan": store.create_entry(first.id, parse("0:10:00"), "motif", "The fan.", intensity=2),
        "far": store.create_entry(second.id, parse("1:05:30"), "note", "Three minutes on."),
        "stop": store.create_entry(second.id, parse("1:01:00"), "reaction", "I had to stop."),
        "now": store.create_entry(third.id, parse("0:20:00"), "scene", "Harbour at dawn."),
        "later": store.create_entry(third.id, parse("1:30:00"), "dialogue", "“Isn't life…”"),
    }
    return film, (first, second, third), entries


def test_the_timeline_shows_the_current_viewing_and_follows_the_selection(page, tokyo):
    film, (_, _, third), entries = tokyo
    page.show_film(film.id)
    assert page.current_viewing_id() == third.id
    single = page.timelines.single
    assert [e.entry_id for e in single.viewings()[0].entries] == [
        entries["now"].id,
        entries["later"].id,
    ]
    assert single.viewings()[0].runtime_ms == 8_160_000
    page.table.selectRow(1)
    assert page.editor.entry_id() == entries["later"].id
    assert single.current_entry().entry_id == entries["later"].id


def test_clicking_a_mark_opens_its_entry(page, tokyo, qtbot):
    film, _, entries = tokyo
    page.show_film(film.id)
    single = page.timelines.single
    qtbot.waitUntil(lambda: single.mark_center(entries["now"].id) is not None)
    centre = single.mark_center(entries["now"].id)
    qtbot.mouseClick(single, Qt.MouseButton.LeftButton, pos=centre.toPoint())
    assert page.editor.entry_id() == entries["now"].id
    assert page.table.selectionModel().selectedRows()[0].row() == 0
    assert page.editor.text.toPlainText() == "Harbour at dawn."


def test_enter_on_a_mark_opens_it_and_arrows_move_between_marks(page, tokyo, qtbot):
    film, _, entries = tokyo
    page.show_film(film.id)
    single = page.timelines.single
    single.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(single.hasFocus)
    assert single.current_entry().entry_id == entries["now"].id  # keyboard focus lands on one
    qtbot.keyClick(single, Qt.Key.Key_Right)
    assert single.current_entry().entry_id == entries["later"].id
    assert page.editor.entry_id() != entries["later"].id  # moving is not opening
    qtbot.keyClick(single, Qt.Key.Key_Return)
    assert page.editor.entry_id() == entries["later"].id
    assert page.table.selectionModel().selectedRows()[0].row() == 1


def test_the_reading_view_shows_whole_texts_as_blocks(page, store, tokyo, qtbot):
    film, (_, _, third), _ = tokyo
    long_text = " ".join(["She holds the cup a long time before speaking."] * 12)
    store.create_entry(third.id, parse("0:40:00"), "pause", long_text, motifs=["Mended cup"])
    page.show_film(film.id)
    view = page.table
    delegate = view.delegate
    width = view.viewport().width()
    entry = page.model.entry_at(1)
    lines = delegate.lines(entry, width)
    assert len(lines) > 2  # wrapped, not cut at one line
    assert " ".join(lines) == long_text
    short = delegate.block_height(page.model.entry_at(0), width)
    assert delegate.block_height(entry, width) > short
    qtbot.waitUntil(lambda: view.visualRect(page.model.index(1, 2)).height() > short)
    # Painted: a grab of the view is not blank where the long block is.
    image = view.viewport().grab().toImage()
    rect = view.visualRect(page.model.index(1, 2))
    ratio = image.devicePixelRatio()
    colours = {
        image.pixel(int(x * ratio), int(y * ratio))
        for x in range(rect.left() + 100, rect.right() - 20, 2)
        for y in range(rect.top() + 4, rect.bottom() - 4, 2)
    }
    assert len(colours) > 2


def test_wrapping_breaks_at_spaces_keeps_lines_and_cuts_only_a_word_too_wide():
    def advance(text: str) -> int:
        return len(text) * 10

    assert wrap_lines("", 100, advance) == []
    assert wrap_lines("one two three four", 100, advance) == ["one two", "three four"]
    assert wrap_lines("first\n\nthird", 100, advance) == ["first", "", "third"]
    assert wrap_lines("abcdefghijklmnopqrstuvwxy z", 100, advance) == [
        "abcdefghij",
        "klmnopqrst",
        "uvwxy z",
    ]
    assert all(advance(line) <= 100 for line in wrap_lines("word " * 50, 100, advance))


def test_a_pasted_book_is_shown_up_to_a_limit(page, store, tokyo):
    film, (_, _, third), _ = tokyo
    store.create_entry(third.id, parse("0:50:00"), "note", "x" * (SHOWN_TEXT_MAX * 50))
    page.show_film(film.id)
    lines = page.table.delegate.lines(page.model.entry_at(1), page.table.viewport().width())
    assert "".join(lines).endswith(CUT_NOTE)
    assert len("".join(lines)) < SHOWN_TEXT_MAX + 100


def test_compare_viewings_stacks_them_on_one_axis(page, tokyo, qtbot):
    film, (first, _, third), entries = tokyo
    page.show_film(film.id)
    timelines = page.timelines
    assert not timelines.is_comparing()
    qtbot.keyClick(page.editor.text, Qt.Key.Key_C, CTRL_SHIFT)
    assert timelines.is_comparing()
    assert timelines.compare_button.isChecked()
    assert "every viewing" in timelines.compare_button.accessibleDescription()
    stacked = timelines.stacked
    assert [v.label for v in stacked.viewings()] == ["2019-03-02", "2022-11-20", "2024-05-01"]
    qtbot.waitUntil(stacked.isVisible)  # given room on the page
    # A mark of an earlier viewing opens that viewing at that entry.
    qtbot.waitUntil(lambda: stacked.mark_center(entries["kettle"].id) is not None)
    centre = stacked.mark_center(entries["kettle"].id)
    qtbot.mouseClick(stacked, Qt.MouseButton.LeftButton, pos=centre.toPoint())
    assert page.current_viewing_id() == first.id
    assert page.editor.entry_id() == entries["kettle"].id
    assert timelines.is_comparing()  # still comparing after the switch
    qtbot.keyClick(page.editor.text, Qt.Key.Key_C, CTRL_SHIFT)
    assert not timelines.is_comparing()
    assert third.id != first.id


def test_compare_needs_a_second_viewing(page, store, qtbot):
    film = store.create_film("Once")
    viewing = store.create_viewing(film.id, date(2024, 1, 1))
    store.create_entry(viewing.id, 0, "note", "x")
    page.show_film(film.id)
    said = []
    page.error.connect(said.append)
    assert not page.timelines.compare_button.isEnabled()
    qtbot.keyClick(page.editor.text, Qt.Key.Key_C, CTRL_SHIFT)
    assert not page.timelines.is_comparing()
    assert said and "second viewing" in said[0]
    assert page.earlier.isHidden()  # nothing earlier to show


def test_the_earlier_panel_follows_the_position_being_written(page, tokyo, qtbot):
    film, (_, second, _), entries = tokyo
    page.show_film(film.id)
    page.new_entry()
    panel = page.earlier
    assert panel.isVisible()
    page.editor.position.setText("1:02:00")
    assert [n.entry_id for n in panel.notes()] == [entries["kettle"].id, entries["stop"].id]
    shown = [line.full_text() for line in panel.lines if line.isVisible()]
    assert shown == [
        "2019-03-02, at 1:02:10: The kettle.",
        "2022-11-20, at 1:01:00: I had to stop.",
    ]
    page.editor.position.setText("0:45:00")
    assert panel.notes() == []
    assert "Nothing in earlier viewings within 2 minutes of 0:45:00" in panel.heading.text()
    page.editor.position.setText("not a time")
    assert panel.notes() == []
    # The second viewing looks back only at the first.
    page.viewing_bar.select_viewing(second.id)
    page.new_entry()
    page.editor.position.setText("1:03:00")
    assert [n.entry_id for n in panel.notes()] == [entries["kettle"].id]


def test_one_key_opens_the_nearest_earlier_note(page, tokyo, qtbot):
    film, (first, _, third), entries = tokyo
    page.show_film(film.id)
    page.new_entry()
    page.editor.position.setText("1:02:05")
    page.editor.text.setFocus()
    qtbot.waitUntil(page.editor.text.hasFocus)
    qtbot.keyClick(page.editor.text, Qt.Key.Key_O, CTRL_SHIFT)
    assert page.current_viewing_id() == first.id
    assert page.editor.entry_id() == entries["kettle"].id
    assert page.editor.text.hasFocus()
    # The first viewing has nothing before it: no panel, and the key does nothing.
    assert page.earlier.isHidden()
    qtbot.keyClick(page.editor.text, Qt.Key.Key_O, CTRL_SHIFT)
    assert page.current_viewing_id() == first.id
    assert third.id != first.id


def test_clicking_an_earlier_note_opens_it(page, tokyo, qtbot):
    film, (_, second, _), entries = tokyo
    page.show_film(film.id)
    page.new_entry()
    page.editor.position.setText("1:01:10")
    line = page.earlier.lines[0]
    assert line.note.entry_id == entries["stop"].id
    qtbot.mouseClick(line, Qt.MouseButton.LeftButton, pos=QPoint(10, line.height() // 2))
    assert page.current_viewing_id() == second.id
    assert page.editor.entry_id() == entries["stop"].id


def test_saving_an_entry_puts_its_mark_on_the_timeline(page, tokyo, qtbot):
    film, _, _ = tokyo
    page.show_film(film.id)
    page.new_entry()
    page.editor.position.setText("0:55:00")
    page.editor.text.setPlainText("A new thought.")
    assert page.editor.save()
    marks = page.timelines.single.viewings()[0].entries
    assert [m.first_line for m in marks] == ["Harbour at dawn.", "A new thought.", "“Isn't life…”"]
    assert page.model.rowCount() == 3


def test_a_block_reads_whole_to_a_screen_reader(page, store, tokyo):
    film, (_, _, third), entries = tokyo
    page.show_film(film.id)
    index = page.model.index(0, page.table.modelColumn())
    assert index.data(Qt.ItemDataRole.AccessibleTextRole) == "0:20:00, Scene: Harbour at dawn."
    store.update_entry(entries["now"].id, intensity=3, motifs=["Harbour"])
    index = page.model.index(0, page.table.modelColumn())
    assert index.data(Qt.ItemDataRole.AccessibleTextRole) == (
        "0:20:00, Scene, intensity 3 of 5, motifs Harbour: Harbour at dawn."
    )
    assert third.id


def test_a_low_window_keeps_the_marks_and_a_taller_one_the_curve(page, host, tokyo, qtbot):
    film, _, _ = tokyo
    page.show_film(film.id)
    timelines = page.timelines
    qtbot.waitUntil(lambda: timelines.single.isVisible())
    for height, curve in ((520, False), (900, True), (520, False)):
        host.resize(1100, height)
        page.setGeometry(0, 0, 1100, height)
        qtbot.waitUntil(lambda curve=curve: timelines.single.curve_shown() == curve)
        # Never folded away: the marks (and their keys) stay; only the curve gives way.
        assert timelines.single.isVisible()
        assert timelines.height() == timelines.single.sizeHint().height()
        assert page.editor.text.isVisible() and page.table.isVisible()
    # Comparing on the low window: every viewing's strip, on one axis.
    page.toggle_compare()
    qtbot.waitUntil(lambda: timelines.stacked.isVisible())
    assert len(timelines.stacked.viewings()) == 3
    qtbot.waitUntil(lambda: timelines.height() >= timelines.stacked.heights()[2])


def test_tab_reaches_the_timeline_then_the_entries_and_compare_with_the_viewing(page, tokyo, qtbot):
    film, _, _ = tokyo
    page.show_film(film.id)
    qtbot.waitUntil(lambda: page.timelines.height() == page.page_shape().timeline)
    page.reflection.setFocus()
    qtbot.waitUntil(page.reflection.hasFocus)
    reached = []
    for _ in range(2):
        qtbot.keyClick(page.focusWidget(), Qt.Key.Key_Tab)
        reached.append(page.focusWidget())
    assert reached == [page.timelines.single, page.table]
    # "Compare viewings" sits with the viewing's buttons, after "Delete viewing…".
    page.viewing_bar.delete_button.setFocus()
    qtbot.waitUntil(page.viewing_bar.delete_button.hasFocus)
    qtbot.keyClick(page.focusWidget(), Qt.Key.Key_Tab)
    assert page.focusWidget() is page.timelines.compare_button
