"""Reflection prompts in the window: answering, editing, hiding, the rewatch context, the next
prompt, the kind line, the deck editor and the setting that turns prompts off."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from journal.prompts import builtin_deck, moment_prompts
from journal.store import Store
from ui.commands import JournalUndoStack
from ui.prompts.deck_dialog import DeckDialog
from ui.prompts.kind_line import KindPromptLine
from ui.prompts.panel import SHOWN, PromptsPanel
from ui.settings import PROMPTS_SHOWN_KEY, open_settings


@pytest.fixture
def undo():
    return JournalUndoStack()


@pytest.fixture
def panel(qtbot, store, bridge, undo) -> PromptsPanel:
    made = PromptsPanel(store, bridge, undo)
    qtbot.addWidget(made)
    made.resize(360, 600)
    return made


def viewing(store: Store, **values):
    film = store.create_film("Tokyo Story", year=1953)
    return store.create_viewing(film.id, date(2026, 11, 21), **values)


def type_answer(qtbot, card, text: str) -> None:
    card.box.setPlainText(text)
    assert card.autosave.is_pending()
    qtbot.waitUntil(lambda: not card.autosave.is_pending())


def test_a_viewing_shows_four_unanswered_prompts_and_the_same_each_time(panel, store):
    row = viewing(store)
    panel.set_viewing(row)
    questions = [card.question for card in panel.cards]
    assert len(questions) == SHOWN
    viewing_texts = {p.text for p in moment_prompts(builtin_deck(), "viewing")}
    assert set(questions) <= viewing_texts
    panel.set_viewing(None)
    assert not panel.cards and not panel.isEnabled()
    panel.set_viewing(row)
    assert [card.question for card in panel.cards] == questions


def test_answering_keeps_the_answer_with_the_viewing_and_undo_takes_it_back(
    panel, store, undo, qtbot
):
    row = viewing(store)
    panel.set_viewing(row)
    card = panel.cards[1]
    type_answer(qtbot, card, "The clock on the wall.")
    (answer,) = store.list_answers(row.id)
    assert (answer.prompt_text_copy, answer.text) == (card.question, "The clock on the wall.")
    assert len(panel.cards) == SHOWN  # no second card for the same answer

    type_answer(qtbot, card, "The clock on the wall, and the fan.")
    assert store.list_answers(row.id)[0].text.endswith("the fan.")
    undo.undo()  # the edit
    assert store.list_answers(row.id)[0].text == "The clock on the wall."
    assert card.box.toPlainText() == "The clock on the wall."
    undo.undo()  # the answer itself
    assert store.list_answers(row.id) == []
    assert card.box.toPlainText() == "" and card.answer_uid is None
    undo.redo()
    assert store.list_answers(row.id)[0].text == "The clock on the wall."
    assert card.box.toPlainText() == "The clock on the wall."


def test_emptying_an_answer_deletes_it_and_the_question_stays(panel, store, undo, qtbot):
    row = viewing(store)
    panel.set_viewing(row)
    card = panel.cards[0]
    type_answer(qtbot, card, "Words")
    type_answer(qtbot, card, "   ")
    assert store.list_answers(row.id) == []
    assert card in panel.cards
    undo.undo()
    assert [a.text for a in store.list_answers(row.id)] == ["Words"]


def test_an_answer_keeps_its_question_after_the_prompt_is_edited_or_hidden(panel, store, qtbot):
    row = viewing(store)
    panel.set_viewing(row)
    card = panel.cards[0]
    asked = card.question
    type_answer(qtbot, card, "An answer")
    store.edit_prompt(card.prompt_uid, text="Different words now")
    store.set_prompt_hidden(card.prompt_uid, True)
    hidden_unanswered = panel.cards[1].prompt_uid
    store.set_prompt_hidden(hidden_unanswered, True)  # an unanswered one leaves the panel
    assert hidden_unanswered not in [c.prompt_uid for c in panel.cards]
    panel.set_viewing(None)
    panel.set_viewing(row)
    assert panel.cards[0].question == asked
    assert panel.cards[0].box.toPlainText() == "An answer"
    assert all(c.prompt_uid != hidden_unanswered for c in panel.cards)


def test_a_rewatch_names_the_earlier_viewing_and_asks_rewatch_prompts(panel, store):
    film = store.create_film("Tokyo Story", year=1953)
    store.create_viewing(film.id, date(2024, 3, 12), rating=3.5)
    again = store.create_viewing(film.id, date(2026, 11, 21), rewatch=True)
    panel.set_viewing(again)
    assert not panel.context_label.isHidden()
    assert panel.context_label.text() == (
        "A rewatch. You last watched this on 12 March 2024 (3½ stars)."
    )
    rewatch = {p.uid for p in moment_prompts(builtin_deck(), "rewatch")}
    assert [card.prompt_uid in rewatch for card in panel.cards][:2] == [True, True]
    # The prompt that names the last viewing is filled in wherever it is shown.
    for _ in range(6):
        if any("You last watched this on" in c.question for c in panel.cards):
            break
        panel.show_next()
    letter = [c.question for c in panel.cards if "You last watched" in c.question]
    assert letter and "12 March 2024 (3½ stars)" in letter[0]


def test_the_next_prompt_replaces_an_empty_one_and_never_repeats_too_soon(panel, store):
    row = viewing(store)
    panel.set_viewing(row)
    before = [card.prompt_uid for card in panel.cards]
    seen = set(before)
    for _ in range(5):
        shown = panel.show_next()
        assert shown is not None and shown.prompt.uid not in seen
        seen.add(shown.prompt.uid)
    assert len(panel.cards) == SHOWN
    assert len({card.prompt_uid for card in panel.cards}) == SHOWN


def test_the_kind_line_follows_the_kind_and_the_setting(qtbot, store, bridge):
    from PySide6.QtWidgets import QComboBox

    combo = QComboBox()
    qtbot.addWidget(combo)
    for kind in ("pause", "dialogue"):
        combo.addItem(kind, kind)
    line = KindPromptLine(store, bridge, combo)
    qtbot.addWidget(line)
    pause = {p.text for p in moment_prompts(builtin_deck(), "pause")}
    assert line.text() in pause
    combo.setCurrentIndex(1)
    assert line.text() in {p.text for p in moment_prompts(builtin_deck(), "dialogue")}
    for prompt in moment_prompts(store.prompt_deck(), "dialogue"):
        store.set_prompt_hidden(prompt.uid, True)
    assert line.text() == "" and line.isHidden()
    combo.setCurrentIndex(0)
    line.set_enabled_by_setting(False)
    assert line.isHidden()


def test_the_deck_editor_adds_edits_hides_moves_and_restores(qtbot, store, undo, monkeypatch):
    dialog = DeckDialog(store, undo)
    qtbot.addWidget(dialog)
    from PySide6.QtWidgets import QLabel

    assert "not therapy" in dialog.findChild(QLabel, "deckAbout").text()
    answers = iter(["Who would you call after this?", "Who would you write to?"])
    monkeypatch.setattr(
        "ui.prompts.deck_dialog.QInputDialog.getMultiLineText",
        lambda *_a, **_k: (next(answers), True),
    )
    dialog.add_prompt()
    mine = dialog.current_prompt()
    assert mine is not None and mine.text == "Who would you call after this?"
    assert dialog.list.currentRow() == dialog.list.count() - 1
    dialog.move_current(-1)
    assert dialog.list.currentRow() == dialog.list.count() - 2
    dialog.edit_current()
    assert store.prompt_deck().get(mine.uid).text == "Who would you write to?"
    dialog.toggle_hidden()
    assert store.prompt_deck().get(mine.uid).hidden
    assert dialog.list.currentItem().text().endswith("(hidden)")
    undo.undo()
    assert not store.prompt_deck().get(mine.uid).hidden
    first = moment_prompts(store.prompt_deck(), "viewing")[0]
    dialog.list.setCurrentRow(0)
    dialog.delete_current()
    assert store.prompt_deck().get(first.uid) is None
    dialog.restore_builtins()
    back = store.prompt_deck().get(first.uid)
    assert (back.text, back.hidden, back.builtin) == (first.text, False, True)
    assert store.prompt_deck().get(mine.uid) is not None  # one's own prompt stays
    # A refusal says what was wrong and keeps the deck.
    monkeypatch.setattr(
        "ui.prompts.deck_dialog.QInputDialog.getMultiLineText", lambda *_a, **_k: ("  ", True)
    )
    deck = store.prompt_deck()
    dialog.add_prompt()
    assert "a prompt needs a few words" in dialog.message.text()
    assert store.prompt_deck() == deck


# The offscreen platform cannot pass a window's new size limits on; real ones do.
@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_the_setting_turns_prompts_off_and_is_remembered(window, store, qtbot, tmp_path):
    film = store.create_film("Tokyo Story")
    store.create_viewing(film.id, date(2026, 11, 21))
    window.select_film(film.id)
    prompts = window.journal.prompts
    section = window.journal.reflection_section
    # On a page narrower than BESIDE_WIDTH the questions are the section's second tab.
    assert not section.is_beside() and section.tabs.isVisibleTo(window)
    assert not prompts.isVisibleTo(window) and len(prompts.cards) == SHOWN
    editor_text = window.journal.editor.text
    prompted = editor_text.placeholderText()  # the entry kind's prompt, until one writes
    window.prompts_shown_action.trigger()
    assert not prompts.isVisibleTo(window) and not section.tabs.isVisibleTo(window)
    assert not window.journal.kind_prompt.isVisibleTo(window)
    plain = editor_text.placeholderText()
    assert plain != prompted  # the plain placeholder again
    assert not window.next_prompt_action.isEnabled()
    assert open_settings(tmp_path / "settings.ini").value(PROMPTS_SHOWN_KEY) in (False, "false")
    window.prompts_shown_action.trigger()
    assert section.tabs.isVisibleTo(window) and editor_text.placeholderText() != plain
    first = prompts.cards[0].prompt_uid
    window.next_prompt_action.trigger()  # Ctrl+Shift+P: to the Prompts tab, and another
    assert prompts.isVisibleTo(window) and not window.journal.reflection.isVisibleTo(window)
    assert prompts.cards[0].prompt_uid != first
    # Chosen, the questions get room as a reflection being written does (six lines at least).
    six_lines = window.journal.reflection.height_for_lines(6)
    qtbot.waitUntil(lambda: prompts.height() >= six_lines - 2)
    assert prompts.next_button.isVisibleTo(window)  # on the section's heading line
    window.journal.focus_reflection()  # Ctrl+R: back to the reflection's tab
    assert window.journal.reflection.isVisibleTo(window) and not prompts.isVisibleTo(window)
    assert window.next_prompt_action.shortcut().toString() == "Ctrl+Shift+P"


# The offscreen platform cannot pass a window's new size limits on; real ones do.
@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_answers_are_written_when_the_window_needs_everything_saved(window, store, qtbot):
    film = store.create_film("Tokyo Story")
    row = store.create_viewing(film.id, date(2026, 11, 21))
    window.select_film(film.id)
    card = window.journal.prompts.cards[0]
    card.box.setPlainText("Typed just before closing")
    assert card.autosave.is_pending()
    assert window.journal.flush()
    assert [a.text for a in store.list_answers(row.id)] == ["Typed just before closing"]
    assert Qt  # keys are covered in test_actions


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_an_answer_found_by_search_opens_its_viewing(window, store):
    film = store.create_film("Tokyo Story")
    first = store.create_viewing(film.id, date(2024, 3, 12))
    store.create_viewing(film.id, date(2026, 11, 21), rewatch=True)
    prompt = moment_prompts(store.prompt_deck(), "viewing")[0]
    store.answer_prompt(first.id, prompt.uid, prompt.text, "My grandmother's kitchen")
    (hit,) = store.search("grandmother")
    window.open_hit(hit)
    assert window.journal.current_viewing_id() == first.id
    assert [c.box.toPlainText() for c in window.journal.prompts.cards][0] == (
        "My grandmother's kitchen"
    )
