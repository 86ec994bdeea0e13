"""EntryEditor: positions in every form, junk answered inline with nothing lost, autosave
through undo commands, motif completion, and the editor's own keys."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from ui.viewing.entry_editor import EntryEditor

SRT_BLOCK = "1\n00:00:01,000 --> 00:00:02,000\nHello"


@pytest.fixture
def film(store):
    return store.create_film("Still Water", year=2019, runtime_ms=92 * 60_000)


@pytest.fixture
def viewing(store, film):
    return store.create_viewing(film.id, date(2024, 3, 2))


@pytest.fixture
def editor(qtbot, store, stack, film, bridge):
    widget = EntryEditor(store, stack)
    qtbot.addWidget(widget)
    widget.set_film(film)
    widget.set_known_motifs([m.name for m in store.list_motifs()])
    # Keep the editor in step with the store, as the journal pane does.
    bridge.changed.connect(lambda _change: widget.sync_from_store())
    return widget


@pytest.fixture
def shown(qtbot, editor):
    """The editor in a window with focus (hosted by a plain widget: the offscreen platform
    warns when a top-level window with a layout is shown)."""
    host = QWidget()
    qtbot.addWidget(host)
    editor.setParent(host)
    editor.setGeometry(0, 0, 700, 360)
    host.resize(700, 360)
    host.show()
    qtbot.waitExposed(host)
    host.activateWindow()
    qtbot.waitUntil(host.isActiveWindow)
    yield editor
    editor.setParent(None)  # the editor fixture closes it; the host goes after
    host.close()


def test_a_new_entry_is_not_stored_until_it_has_words(editor, store, viewing):
    editor.start_new(viewing, 61_000)
    assert editor.is_new() and editor.position.text() == "0:01:01"
    editor.set_kind("pause")  # a choice alone does not make an entry
    assert editor.flush()
    assert store.list_entries(viewing.id) == []

    editor.text.setPlainText("She waits by the door.")
    assert editor.flush()
    [entry] = store.list_entries(viewing.id)
    assert (entry.position_ms, entry.kind, entry.text) == (
        61_000,
        "pause",
        "She waits by the door.",
    )
    assert editor.entry_id() == entry.id and not editor.is_new()


def test_ctrl_return_keeps_a_bare_entry_only_as_a_pause(editor, store, viewing):
    editor.start_new(viewing, 5_000)
    assert not editor.save(force_create=True)  # a bare note says nothing: refused, and why
    assert store.list_entries(viewing.id) == []
    assert not editor.message.isHidden() and "only as a Pause" in editor.message.text()
    assert editor.status.text() == "Not saved — empty"

    editor.set_kind("pause")  # a bare pause marks a silence: that means something
    assert editor.save(force_create=True)
    [entry] = store.list_entries(viewing.id)
    assert (entry.kind, entry.text, entry.position_ms) == ("pause", "", 5_000)
    assert editor.message.isHidden()


@pytest.mark.parametrize("field", ["intensity", "motifs"])
def test_ctrl_return_saves_a_textless_entry_with_intensity_or_motifs(editor, store, viewing, field):
    editor.start_new(viewing, 5_000)
    editor._loading = True  # fill the field without the autosave's own save
    if field == "intensity":
        editor.intensity.setCurrentIndex(3)
    else:
        editor.motifs.set_names(["silence"])
    editor._loading = False
    assert editor.save(force_create=True)
    [entry] = store.list_entries(viewing.id)
    assert entry.kind == "note" and (entry.intensity == 3 or entry.motifs == ("silence",))


@pytest.mark.parametrize(
    ("typed", "position_ms"),
    [
        ("1:02:03", 3_723_000),
        ("62:03", 3_723_000),
        ("1:02:03.5", 3_723_500),
        ("3723", 3_723_000),
        ("1h2m3s", 3_723_000),
        ("2m", 120_000),
        ("  12:31 ", 751_000),
    ],
)
def test_every_timecode_form_is_accepted(editor, store, viewing, typed, position_ms):
    editor.start_new(viewing, 0)
    editor.position.setText(typed)
    editor.text.setPlainText("note")
    assert editor.flush()
    assert store.list_entries(viewing.id)[0].position_ms == position_ms
    assert not editor.position_message.isVisibleTo(editor)


def test_a_pasted_subtitle_block_is_answered_inline_and_nothing_is_lost(
    editor, store, viewing, qapp
):
    editor.start_new(viewing, 0)
    editor.text.setPlainText("The line I wanted to keep.")
    qapp.clipboard().setText(SRT_BLOCK)
    editor.position.selectAll()
    editor.position.paste()
    assert editor.position.text() == SRT_BLOCK

    assert editor.flush() is False
    assert store.list_entries(viewing.id) == []  # nothing written
    message = editor.position_message
    assert message.isVisibleTo(editor) and message.level() == "error"
    assert "Not a position" in message.text() and "1:02:03" in message.text()
    assert editor.text.toPlainText() == "The line I wanted to keep."  # kept
    assert editor.position.text() == SRT_BLOCK  # the typed text stays to be corrected

    editor.position.setText("0:00:01")
    assert editor.flush()
    assert store.list_entries(viewing.id)[0].text == "The line I wanted to keep."
    assert not message.isVisibleTo(editor)


def test_junk_position_on_an_existing_entry_writes_nothing(editor, store, viewing):
    entry = store.create_entry(viewing.id, 10_000, "note", "before")
    editor.load_entry(entry, viewing)
    editor.text.setPlainText("after")
    editor.position.setText("ten past")
    assert editor.flush() is False
    assert store.get_entry(entry.id).text == "before"
    assert editor.text.toPlainText() == "after"


def test_leaving_with_a_junk_position_still_keeps_the_words(editor, store, viewing, qtbot):
    editor.start_new(viewing, 42_000)
    editor.text.setPlainText("Do not lose me.")
    editor.position.setText("oops")
    with qtbot.waitSignal(editor.error) as said:
        assert editor.flush_before_leaving()
    [entry] = store.list_entries(viewing.id)
    assert (entry.text, entry.position_ms) == ("Do not lose me.", 42_000)
    assert "0:00:42" in said.args[0]


def test_a_position_past_the_runtime_is_flagged_and_kept(editor, store, viewing):
    editor.start_new(viewing, 0)
    editor.position.setText("1:40:00")
    editor.position.textEdited.emit("1:40:00")
    message = editor.position_message
    assert message.isVisibleTo(editor) and message.level() == "warning"
    assert "Past the film's runtime of 1:32:00 — kept" in message.text()
    editor.text.setPlainText("credits scene")
    assert editor.flush()
    assert store.list_entries(viewing.id)[0].position_ms == 6_000_000
    assert message.isVisibleTo(editor)  # still flagged after saving

    # Loading an entry that is past the runtime flags it too.
    editor.start_new(viewing, 0)
    assert not message.isVisibleTo(editor)
    editor.load_entry(store.list_entries(viewing.id)[0], viewing)
    assert message.isVisibleTo(editor) and message.level() == "warning"


def test_typing_is_autosaved_after_a_pause_as_one_undo_step(editor, store, stack, viewing, qtbot):
    entry = store.create_entry(viewing.id, 10_000, "note", "a")
    editor.load_entry(entry, viewing)
    for text in ("a h", "a he", "a held look"):
        editor.text.setPlainText(text)
    assert editor.is_pending()
    assert store.get_entry(entry.id).text == "a"  # not yet: typing is debounced
    qtbot.waitUntil(lambda: store.get_entry(entry.id).text == "a held look", timeout=2000)
    editor.text.setPlainText("a held look, then")
    editor.flush()  # at once
    assert store.get_entry(entry.id).text == "a held look, then"
    assert stack.count() == 1  # text edits of one entry merge
    stack.undo()
    assert store.get_entry(entry.id).text == "a"
    assert editor.text.toPlainText() == "a"  # the editor follows the store
    stack.redo()
    assert editor.text.toPlainText() == "a held look, then"


def test_only_changed_fields_are_sent(editor, store, stack, viewing):
    entry = store.create_entry(viewing.id, 10_000, "note", "words", motifs=["light"])
    editor.load_entry(entry, viewing)
    editor.intensity.setCurrentIndex(4)  # saved at once: a choice, not typing
    assert store.get_entry(entry.id).intensity == 4
    command = stack.command(stack.count() - 1)
    assert command.after == {"intensity": 4} and command.before == {"intensity": None}


# Showing the completion popup makes the offscreen platform say it cannot raise windows or
# grab the keyboard; those two messages (and only they) are expected here.
@pytest.mark.qt_log_ignore(r"^This plugin does not support (raise\(\)|grabbing the keyboard)$")
def test_motif_completion_offers_existing_motifs(editor, store, viewing, shown, qtbot):
    other = store.create_entry(viewing.id, 0, "motif", "", motifs=["Silence", "mended cup"])
    assert other.motifs
    editor.set_known_motifs([m.name for m in store.list_motifs()])
    editor.start_new(viewing, 1_000)
    editor.motifs.setFocus()
    qtbot.keyClicks(editor.motifs, "sil")
    completer = editor.motifs.completer_for_tags()
    model = completer.completionModel()
    offered = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert offered == ["Silence"]
    qtbot.waitUntil(completer.popup().isVisible)
    qtbot.keyClick(completer.popup(), Qt.Key.Key_Return)
    assert editor.motifs.text() == "Silence, "
    assert store.find_motif("sil") is None  # the open list did not count as leaving
    qtbot.keyClicks(editor.motifs, "rain on glass")
    assert editor.flush()
    [entry] = [e for e in store.list_entries(viewing.id) if e.id != other.id]
    assert set(entry.motifs) == {"Silence", "rain on glass"}
    assert store.find_motif("rain on glass") is not None  # created by the store

    # With the list open, Ctrl+Return still saves and moves on (the list just closes).
    qtbot.keyClicks(editor.motifs, ", men")
    qtbot.waitUntil(completer.popup().isVisible)
    with qtbot.waitSignal(editor.save_and_next_requested):
        qtbot.keyClick(completer.popup(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)


def test_half_typed_motif_waits_for_a_comma_or_leaving(editor, store, viewing, shown, qtbot):
    entry = store.create_entry(viewing.id, 0, "note", "x")
    editor.load_entry(entry, viewing)
    editor.motifs.setFocus()
    qtbot.waitUntil(editor.motifs.hasFocus)
    qtbot.keyClicks(editor.motifs, "mend")
    qtbot.waitUntil(lambda: not editor.is_pending(), timeout=2000)
    assert store.find_motif("mend") is None  # half a word is not a motif
    qtbot.keyClicks(editor.motifs, "ing,")
    qtbot.waitUntil(lambda: store.get_entry(entry.id).motifs == ("mending",), timeout=2000)


def test_alt_digits_pick_the_kind_and_ctrl_return_asks_for_the_next(editor, viewing, qtbot):
    editor.start_new(viewing, 0)
    qtbot.keyClick(editor.text, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    assert editor.kind.currentData() == "dialogue"
    qtbot.keyClick(editor.position, Qt.Key.Key_4, Qt.KeyboardModifier.AltModifier)
    assert editor.kind.currentData() == "reaction"
    assert "Alt+3 Dialogue" in editor.kind.toolTip()
    with qtbot.waitSignal(editor.save_and_next_requested):
        qtbot.keyClick(editor.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert editor.text.toPlainText() == ""  # no newline typed


def test_tab_in_the_text_moves_on(editor, viewing, shown, qtbot):
    editor.start_new(viewing, 0)
    editor.text.setFocus()
    qtbot.waitUntil(editor.text.hasFocus)
    qtbot.keyClick(editor.text, Qt.Key.Key_Tab)
    assert editor.intensity.hasFocus()
    assert editor.text.toPlainText() == ""


def test_leaving_a_field_saves(editor, store, viewing, shown, qtbot):
    entry = store.create_entry(viewing.id, 0, "note", "one")
    editor.load_entry(entry, viewing)
    editor.text.setFocus()
    qtbot.waitUntil(editor.text.hasFocus)
    qtbot.keyClicks(editor.text, " two")
    editor.motifs.setFocus()
    assert store.get_entry(entry.id).text == "one two"


def test_pasted_control_characters_are_dropped_and_the_words_saved(editor, store, viewing):
    """A paste carrying a form feed or a stray C1 character is saved without them, never
    refused (a refusal here used to end with the whole entry thrown away on navigation)."""
    entry = store.create_entry(viewing.id, 0, "note", "fine")
    editor.load_entry(entry, viewing)
    editor.text.setPlainText("bad \x0c control\x96 paste\r\nsecond line")
    assert editor.flush() is True
    assert store.get_entry(entry.id).text == "bad  control paste\nsecond line"


def test_a_store_refusal_is_shown_and_the_text_kept(editor, store, viewing, qtbot, monkeypatch):
    from journal.errors import StorageError

    entry = store.create_entry(viewing.id, 0, "note", "fine")
    editor.load_entry(entry, viewing)

    def full_disk(*_args, **_kwargs):
        raise StorageError("the disk is full, so the change could not be saved")

    monkeypatch.setattr(store, "update_entry", full_disk)
    editor.text.setPlainText("words that must not be lost")
    with qtbot.waitSignal(editor.error):
        assert editor.flush() is False
    assert editor.message.isVisibleTo(editor)
    assert "disk is full" in editor.message.text()
    assert editor.text.toPlainText() == "words that must not be lost"
    assert store.get_entry(entry.id).text == "fine"
