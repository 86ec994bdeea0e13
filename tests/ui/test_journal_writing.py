"""The journal pane as a new user meets it (issue 9 points 1–3 and 7, issue 8 point 6): no typed
word dropped in a film with no viewing, an undo that is always within reach, a reflection that
grows with its text, a viewing bar that fits a narrow pane, the film's notes and link in its
header, future dates flagged, a delete prompt that names the viewing — and big values (thousands
of motifs, a pasted line of a million characters) kept whole without freezing the window."""

from __future__ import annotations

import time
from datetime import date, timedelta

import pytest
from PySide6.QtCore import QDate, QMimeData, Qt
from PySide6.QtGui import QTextOption
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from journal import rules
from journal.errors import JournalError
from ui import commands
from ui.viewing.bar import COMPACT, FULL, NARROW, delete_prompt
from ui.viewing.film_header import letterboxd_link
from ui.viewing.journal_view import JournalView
from ui.viewing.page_room import READING_LEAST
from ui.widgets import LONG_LINE

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def film(store):
    return store.create_film("Still Water", year=2019, runtime_ms=92 * 60_000)


def resize(view, host, qtbot, width: int, height: int = 700) -> None:
    host.resize(width, height)
    view.setGeometry(0, 0, width, height)
    qtbot.wait(1)  # let the layouts settle


# --- 1. no typed word is dropped ------------------------------------------------------------


def test_typing_a_reflection_in_a_film_with_no_viewing_starts_one(shown, store, film, qtbot):
    shown.show_film(film.id)
    assert store.list_viewings(film.id) == []
    qtbot.keyClicks(shown.reflection, "It stayed with me.")
    [viewing] = store.list_viewings(film.id)  # started at the first key, as Ctrl+N does
    assert viewing.watched_on == date.today() and not viewing.rewatch
    assert shown.current_viewing_id() == viewing.id
    assert shown.reflection.toPlainText() == "It stayed with me."  # no word lost
    assert shown.flush()
    assert store.get_viewing(viewing.id).reflection == "It stayed with me."
    assert len(store.list_viewings(film.id)) == 1


def test_typing_an_entry_in_a_film_with_no_viewing_starts_one(shown, store, film, qtbot):
    shown.show_film(film.id)
    editor = shown.editor
    assert editor.isEnabled() and editor.is_awaiting_viewing()
    editor.text.setFocus()
    qtbot.keyClick(editor.text, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)  # Dialogue
    qtbot.keyClicks(editor.text, "We can fix it.")
    [viewing] = store.list_viewings(film.id)
    assert viewing.watched_on == date.today()
    assert editor.text.toPlainText() == "We can fix it."
    assert shown.flush()
    [entry] = store.list_entries(viewing.id)
    assert (entry.text, entry.kind, entry.position_ms) == ("We can fix it.", "dialogue", 0)


def test_a_film_with_no_viewing_never_lends_its_empty_boxes_to_another(view, store, film):
    """Showing a film with no viewing, then one with a reflection, writes nothing."""
    other = store.create_film("Tokyo Story", year=1953)
    viewing = store.create_viewing(other.id, date(2024, 3, 2), reflection="Kept.")
    store.create_entry(viewing.id, 1_000, "note", "Also kept.")
    view.show_film(film.id)
    view.show_film(other.id)
    view.flush()
    assert store.get_viewing(viewing.id).reflection == "Kept."
    assert [e.text for e in store.list_entries(viewing.id)] == ["Also kept."]
    assert not view.editor.is_pending() and not view.reflection.is_pending()


def test_words_stay_when_no_viewing_can_be_started(shown, store, film, qtbot, monkeypatch):
    def refuse(*_args, **_kwargs):
        raise JournalError("the disk is full")

    shown.show_film(film.id)
    monkeypatch.setattr(commands, "perform", refuse)
    errors: list[str] = []
    shown.error.connect(errors.append)
    qtbot.keyClicks(shown.reflection, "Words")
    assert store.list_viewings(film.id) == []
    assert shown.reflection.toPlainText() == "Words"
    assert any("the disk is full" in message for message in errors)
    # Leaving would throw the words away: it is refused, and the pane stays.
    other = store.create_film("Tokyo Story")
    assert shown.show_film(other.id) is False
    assert shown.current_film_id() == film.id and shown.reflection.toPlainText() == "Words"
    monkeypatch.undo()
    qtbot.keyClicks(shown.reflection, "!")  # the next key tries again, and succeeds
    [viewing] = store.list_viewings(film.id)
    assert shown.flush()
    assert store.get_viewing(viewing.id).reflection == "Words!"


def test_no_film_leaves_every_writing_box_disabled(view):
    view.show_film(None)
    assert not view.editor.isEnabled() and not view.reflection.isEnabled()


# --- 2. undo within reach -------------------------------------------------------------------


def field_undo_until_empty(qtbot, field) -> None:
    for _ in range(50):
        if not field.document().isUndoAvailable():
            return
        qtbot.keyClick(field, Qt.Key.Key_Z, CTRL)
    raise AssertionError("the field kept offering undo")


def test_ctrl_z_past_the_box_undo_reaches_the_journal(shown, store, film, stack, qtbot):
    viewing = store.create_viewing(film.id, date(2024, 3, 2))
    shown.show_film(film.id)
    text = shown.editor.text
    text.setFocus()
    qtbot.keyClicks(text, "She waits by the door.")
    assert shown.editor.flush()
    [entry] = store.list_entries(viewing.id)

    # The box's own undo takes the typing away; the emptied entry is saved as shown …
    field_undo_until_empty(qtbot, text)
    assert text.toPlainText() == ""
    assert shown.editor.flush()
    assert store.get_entry(entry.id).text == ""
    assert "Ctrl+Z brings it back" in shown.editor.message.text()

    # … and the same key, with nothing left to undo in the box, brings the words back.
    qtbot.keyClick(text, Qt.Key.Key_Z, CTRL)
    assert store.get_entry(entry.id).text == "She waits by the door."
    assert text.toPlainText() == "She waits by the door."
    qtbot.keyClick(text, Qt.Key.Key_Z, CTRL_SHIFT)  # redo, likewise
    assert store.get_entry(entry.id).text == ""
    qtbot.keyClick(text, Qt.Key.Key_Z, CTRL)
    assert store.get_entry(entry.id).text == "She waits by the door."


def test_ctrl_z_in_the_box_first_undoes_its_own_typing(shown, store, film, stack, qtbot):
    viewing = store.create_viewing(film.id, date(2024, 3, 2))
    store.create_entry(viewing.id, 1_000, "note", "Saved words.")
    shown.show_film(film.id)
    shown.table.selectRow(0)
    text = shown.editor.text
    text.setFocus()
    text.moveCursor(text.textCursor().MoveOperation.End)
    depth = stack.count()
    qtbot.keyClicks(text, " More")
    qtbot.keyClick(text, Qt.Key.Key_Z, CTRL)
    assert text.toPlainText() == "Saved words."  # the box's undo, the journal untouched
    assert stack.count() == depth


def test_ctrl_z_in_the_reflection_reaches_the_journal(shown, store, film, qtbot):
    viewing = store.create_viewing(film.id, date(2024, 3, 2), reflection="First thoughts.")
    shown.show_film(film.id)
    reflection = shown.reflection
    reflection.setFocus()
    qtbot.keyClicks(reflection, " Later ones.")
    assert reflection.flush()
    field_undo_until_empty(qtbot, reflection)
    assert reflection.toPlainText() == "First thoughts."
    qtbot.keyClick(reflection, Qt.Key.Key_Z, CTRL)  # writes the undone typing, then undoes it
    assert store.get_viewing(viewing.id).reflection == "First thoughts. Later ones."
    assert reflection.toPlainText() == "First thoughts. Later ones."


@pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise)\(\)")
def test_ctrl_z_in_the_real_window_acts_once(window, store, qtbot):
    film = store.create_film("Still Water")
    viewing = store.create_viewing(film.id, date(2024, 3, 2))
    store.create_entry(viewing.id, 1_000, "note", "one")
    window.select_film(film.id)
    view = window.findChild(JournalView)
    text = view.editor.text
    text.setFocus()
    qtbot.keyClicks(text, "Two")
    assert view.editor.flush()
    assert len(store.list_entries(viewing.id)) == 2
    field_undo_until_empty(qtbot, text)
    assert view.editor.flush()
    qtbot.keyClick(text, Qt.Key.Key_Z, CTRL)
    # One journal step back (the emptying), not two (which would also remove the entry).
    assert sorted(e.text for e in store.list_entries(viewing.id)) == ["Two", "one"]


# --- 3. a page that breathes ----------------------------------------------------------------


def test_the_reflection_grows_with_its_text_and_opens_at_the_top(shown, host, store, film, qtbot):
    lines = "\n".join(f"Line {n} of what stayed with me." for n in range(1, 80))
    long_one = store.create_viewing(film.id, date(2024, 3, 2), reflection=lines)
    short_one = store.create_viewing(film.id, date(2024, 3, 3), reflection="Short.")
    shown.set_prompts_shown(False)
    resize(shown, host, qtbot, 900, 1000)  # tall: nothing on the page needs to give way
    shown.show_film(film.id)
    shown.viewing_bar.select_viewing(long_one.id)
    reflection = shown.reflection
    line = reflection.fontMetrics().lineSpacing()
    page = shown.page_scroll.viewport().height()
    # While the entries are being written, a long reflection keeps six lines (or a quarter
    # of the page) and scrolls, from its first line.
    least, most = shown.reflection_height_range()
    assert least >= 3 * line and most == max(reflection.height_for_lines(6), page // 4)
    qtbot.waitUntil(lambda: abs(reflection.height() - most) <= 2)
    assert reflection.verticalScrollBar().value() == 0
    # Being written, it grows with its text: at least six lines, up to about half the page.
    qtbot.keyClick(shown.table, Qt.Key.Key_R, CTRL)
    assert reflection.hasFocus()
    writing_least, writing_most = shown.reflection_height_range()
    assert writing_least >= 6 * line and writing_most == page // 2
    qtbot.waitUntil(lambda: abs(reflection.height() - writing_most) <= 2)
    assert reflection.verticalScrollBar().value() == 0
    shown.viewing_bar.select_viewing(short_one.id)
    qtbot.waitUntil(lambda: abs(reflection.height() - writing_least) <= 2)
    # Back to the entries: the short one keeps its resting three lines.
    shown.table.setFocus()
    qtbot.waitUntil(lambda: abs(reflection.height() - least) <= 2)


def test_a_low_page_gives_way_step_by_step_and_never_squeezes_the_editor(
    shown, host, store, film, qtbot
):
    viewing = store.create_viewing(film.id, date(2024, 3, 2), reflection="What stayed.")
    for minute in range(0, 90, 9):
        store.create_entry(viewing.id, minute * 60_000, "pause", "A held look.", intensity=3)
    shown.show_film(film.id)
    editor_least = shown.editor.minimumSizeHint().height()
    shapes = {}
    for height in (1000, 700, 560, 420):
        resize(shown, host, qtbot, 900, height)
        qtbot.waitUntil(lambda: shown.timelines.height() == shown.page_shape().timeline)
        shape = shapes[height] = shown.page_shape()
        assert shown.editor.height() >= editor_least  # never squeezed
        scrolls = shown.film_page.height() > shown.page_scroll.viewport().height()
        if scrolls:  # only below the page's least, and then as a whole
            assert shape.folded and not shape.curve
        else:
            assert shown.table.height() >= READING_LEAST - 4
    assert shapes[1000].curve and not shapes[1000].brief and not shapes[1000].folded
    assert shapes[420].folded and not shapes[420].curve
    # Folded, the section's line carries the reflection's first words, and the key opens it.
    assert "What stayed." in shown.reflection_section.hint.full_text()
    qtbot.keyClick(shown.table, Qt.Key.Key_R, CTRL)
    assert shown.reflection.hasFocus() and shown.reflection.isVisible()
    qtbot.waitUntil(lambda: not shown.page_shape().folded)


def test_ctrl_r_moves_to_the_reflection(shown, store, film, qtbot):
    store.create_viewing(film.id, date(2024, 3, 2))
    shown.show_film(film.id)
    shown.table.setFocus()
    qtbot.keyClick(shown.table, Qt.Key.Key_R, CTRL)
    assert shown.reflection.hasFocus()


def clipped(widget: QWidget) -> list[str]:
    """Visible buttons and labels narrower than their text needs."""
    found = []
    for child in widget.findChildren(QWidget):
        if not child.isVisible() or not isinstance(child, QAbstractButton | QLabel):
            continue
        if child.width() < child.sizeHint().width():
            found.append(child.text() or child.objectName())
    return found


@pytest.mark.parametrize("width", [900, 600, 400])
def test_nothing_in_the_viewing_bar_is_clipped(shown, host, store, film, qtbot, width):
    store.create_viewing(film.id, date.today() + timedelta(days=2), rewatch=True, rating=4.5)
    shown.show_film(film.id)
    resize(shown, host, qtbot, width)
    bar = shown.viewing_bar
    assert bar.width() <= width
    assert clipped(bar) == []
    # Full labels at 900; short ones at 600; at 400 the tags (and Compare) take a line of
    # their own rather than squeeze the date and the rating.
    assert bar.shape() == {900: FULL, 600: COMPACT, 400: NARROW}[width]
    if bar.is_compact():
        assert bar.new_button.text() == "New" and bar.new_button.toolTip()
    tags_line = bar.tags_edit.geometry()
    assert (tags_line.top() > bar.rating.geometry().bottom()) == (width == 400)


def test_the_header_shows_the_films_notes_and_letterboxd_link(view, store, film):
    notes = "Seen with M. at the Cinémathèque.\n" + "The print was scratched. " * 40
    store.update_film(
        film.id, notes=notes, letterboxd_uri="https://letterboxd.com/film/still-water/"
    )
    view.show_film(film.id)
    assert not view.notes_label.isHidden() and view.notes_label.text() == notes.strip()
    assert "Seen with M." in view.notes_label.toolTip()
    view.notes_label.resize(400, 100)
    shown_lines = view.notes_label.shown_lines()
    assert len(shown_lines) == 2 and shown_lines[-1].endswith("…")
    assert 'href="https://letterboxd.com/film/still-water/"' in view.link_label.text()
    assert view.link_label.openExternalLinks()

    store.update_film(film.id, notes="", letterboxd_uri=None)
    assert view.notes_label.isHidden() and view.link_label.isHidden()


def test_a_link_that_is_not_a_web_address_is_shown_as_text():
    assert letterboxd_link("javascript:alert(1)") == "javascript:alert(1)"
    assert "<a" not in letterboxd_link("boxd.it/<b>x")
    assert "&lt;b&gt;" in letterboxd_link("boxd.it/<b>x")


# --- 7. dates and the delete prompt ---------------------------------------------------------


def test_a_future_watched_on_date_is_kept_and_flagged(view, store, film):
    viewing = store.create_viewing(film.id, date(2024, 3, 2))
    view.show_film(film.id)
    bar = view.viewing_bar
    assert bar.future_warning.isHidden()
    future = date.today() + timedelta(days=10)
    bar.date_edit.setDate(QDate(future.year, future.month, future.day))
    assert not bar.future_warning.isHidden()
    assert "after today" in bar.future_warning.toolTip()
    bar.flush()
    assert store.get_viewing(viewing.id).watched_on == future  # accepted
    assert not bar.future_warning.isHidden()
    bar.date_edit.setDate(QDate(2024, 3, 2))
    assert bar.future_warning.isHidden()


def test_the_delete_prompt_names_the_viewing(store, film):
    plain = store.create_viewing(film.id, date(2024, 3, 2))
    text = delete_prompt(store.get_viewing(plain.id))
    assert "2024-03-02?" in text and "reflection" in text and "no entries" in text
    assert "rewatch" not in text

    again = store.create_viewing(film.id, date(2024, 5, 1), rewatch=True, reflection="Yes.")
    store.create_entry(again.id, 1, "note", "a")
    store.create_entry(again.id, 2, "note", "b")
    text = delete_prompt(store.get_viewing(again.id))
    assert "2024-05-01 (rewatch)" in text
    assert "Its reflection and its 2 entries go with it." in text

    quiet = store.create_viewing(film.id, date(2024, 6, 1), reflection="   ")
    store.create_entry(quiet.id, 1, "note", "a")
    text = delete_prompt(store.get_viewing(quiet.id))
    assert "reflection" not in text and "Its 1 entry goes with it." in text


# --- issue 8 point 6: big values ------------------------------------------------------------


def test_thousands_of_motifs_survive_an_edit_of_the_text(view, store, film):
    viewing = store.create_viewing(film.id, date(2024, 3, 2))
    names = [f"motif number {n:04d} of a long thread" for n in range(5_000)]
    assert len(", ".join(names)) > 32_767  # more than a QLineEdit holds by default
    entry = store.create_entry(viewing.id, 1_000, "motif", "Threads.", motifs=names)
    view.show_film(film.id)
    view.table.selectRow(0)
    assert view.editor.entry_id() == entry.id
    assert len(view.editor.motifs.names()) == 5_000
    view.editor.text.setPlainText("Threads, all of them.")
    assert view.editor.flush()
    stored = store.get_entry(entry.id)
    assert stored.text == "Threads, all of them."
    assert sorted(stored.motifs) == sorted(names)


def paste(field, text: str) -> None:
    data = QMimeData()
    data.setText(text)
    field.insertFromMimeData(data)


@pytest.mark.parametrize("which", ["entry", "reflection"])
def test_a_pasted_million_character_line_is_kept_without_freezing(shown, store, film, which):
    viewing = store.create_viewing(film.id, date(2024, 3, 2))
    shown.show_film(film.id)
    field = shown.editor.text if which == "entry" else shown.reflection
    field.setFocus()
    line = "a" * (rules.LONG_TEXT_MAX - 10)
    started = time.perf_counter()
    paste(field, line)
    shown.grab()  # lay it out and paint it, as the screen would
    assert shown.flush()
    elapsed = time.perf_counter() - started
    assert elapsed < 5, f"{elapsed:.1f} s"  # was about 100 s: Qt wrapping "anywhere"
    assert field.wordWrapMode() == QTextOption.WrapMode.WordWrap
    if which == "entry":
        [entry] = store.list_entries(viewing.id)
        assert entry.text == line
    else:
        assert store.get_viewing(viewing.id).reflection == line


def test_ordinary_text_still_wraps_long_words(view, store, film):
    store.create_viewing(film.id, date(2024, 3, 2), reflection="https://" + "x" * 200)
    view.show_film(film.id)
    anywhere = QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere
    assert view.reflection.wordWrapMode() == anywhere
    view.reflection.setPlainText("y" * (LONG_LINE + 1))
    assert view.reflection.wordWrapMode() == QTextOption.WrapMode.WordWrap
    view.reflection.setPlainText("short again")
    assert view.reflection.wordWrapMode() == anywhere


def test_text_past_the_stores_limit_is_kept_in_the_box_and_refused_with_the_reason(
    shown, store, film
):
    viewing = store.create_viewing(film.id, date(2024, 3, 2))
    shown.show_film(film.id)
    editor = shown.editor
    editor.text.setFocus()
    too_long = "b" * (rules.LONG_TEXT_MAX + 1)
    paste(editor.text, too_long)
    errors: list[str] = []
    shown.error.connect(errors.append)
    assert not editor.flush()
    assert store.list_entries(viewing.id) == []  # nothing partial written
    assert editor.text.toPlainText() == too_long  # every character still there
    assert "1,000,000" in editor.message.text() and "still here" in editor.message.text()
    assert errors
    editor.text.setPlainText(too_long[:-1])  # one character less: saved whole
    assert editor.flush()
    [entry] = store.list_entries(viewing.id)
    assert len(entry.text) == rules.LONG_TEXT_MAX


def test_a_narrow_editor_moves_the_intensity_by_the_motifs_keeping_the_tab_rhythm(
    shown, host, store, film, qtbot
):
    store.create_viewing(film.id, date(2024, 3, 2))
    shown.show_film(film.id)
    editor = shown.editor
    for width in (400, 900):
        resize(shown, host, qtbot, width)
        beside_motifs = editor.intensity.geometry().top() >= editor.motifs.geometry().top() - 2
        assert beside_motifs == (width == 400)
        assert editor.intensity.geometry().right() <= editor.width()  # nothing cut off
        # Whichever line it is on, Tab keeps the rhythm people know: position, kind, text
        # (then intensity and motifs), so Ctrl+N, Tab, Tab always reaches the words.
        editor.position.setFocus()
        qtbot.waitUntil(editor.position.hasFocus)
        for widget in (editor.kind, editor.text, editor.intensity, editor.motifs):
            qtbot.keyClick(shown.focusWidget(), Qt.Key.Key_Tab)
            assert shown.focusWidget() is widget
