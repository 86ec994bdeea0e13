"""The search dialog: finds entries, reflections and films; keyboard-driven; junk-proof."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from journal.store import HIGHLIGHT_END, HIGHLIGHT_START, SearchHit, Store
from ui.search.dialog import SearchDialog
from ui.search.model import (
    BODY_HTML_ROLE,
    HIT_ROLE,
    META_ROLE,
    TITLE_ROLE,
    SearchResultsModel,
    plain_snippet,
    snippet_html,
)

MARKERS = (HIGHLIGHT_START, HIGHLIGHT_END)

# Showing a top-level window on the headless "offscreen" platform makes Qt warn that the
# plugin cannot pass size hints to a window manager (there is none). Only tests that show
# the dialog ignore that one message; every other warning still fails them.
shows_window = pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)$")


@dataclass
class Journal:
    tokyo: int
    aftersun: int
    viewing: int
    cup_entry: int
    tag_entry: int
    early_letter: int
    late_letter: int


def fill(store: Store) -> Journal:
    tokyo = store.create_film("Tokyo Story", year=1953, notes="Ozu's quietest film.").id
    aftersun = store.create_film("Aftersun", year=2022).id
    viewing = store.create_viewing(
        tokyo, "2026-11-20", reflection="My grandmother never posted hers."
    ).id
    cup = store.create_entry(viewing, 751_000, "motif", "The mended cup catches the light.")
    tag = store.create_entry(viewing, 900_000, "note", "<b>not bold</b> & a kintsugi seam")
    other = store.create_viewing(aftersun, "2025-02-10").id
    early = store.create_entry(other, 60_000, "pause", "A letter, unopened.")
    late = store.create_entry(other, 4_000_000, "pause", "The letter, opened at last.")
    return Journal(tokyo, aftersun, viewing, cup.id, tag.id, early.id, late.id)


@pytest.fixture
def dialog(qtbot, store: Store) -> SearchDialog:
    made = SearchDialog(store)
    qtbot.addWidget(made)
    return made


def search(qtbot, dialog: SearchDialog, text: str) -> list[SearchHit]:
    """Type like a person (through the debounce) and wait for the results."""
    with qtbot.waitSignal(dialog.results_changed, timeout=2000):
        dialog.query_edit.setText(text)
    model = dialog.model
    return [model.index(r, 0).data(HIT_ROLE) for r in range(model.rowCount())]


def key(widget, pressed: Qt.Key) -> None:
    from pytestqt.qt_compat import qt_api

    qt_api.QtTest.QTest.keyClick(widget, pressed)


def message_boxes() -> list[QMessageBox]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]


def test_results_model_passes_the_model_tester(qtmodeltester, store):
    fill(store)
    model = SearchResultsModel()
    qtmodeltester.check(model)
    model.set_hits(store.search("letter"))
    assert model.rowCount() == 2
    qtmodeltester.check(model)
    model.set_hits(store.search("cup"))
    qtmodeltester.check(model)
    model.clear()
    qtmodeltester.check(model)


@shows_window
def test_finds_an_entry_and_enter_opens_it(qtbot, dialog, store):
    journal = fill(store)
    dialog.start()
    hits = search(qtbot, dialog, "mended")
    assert [(h.source, h.entry_id) for h in hits] == [("entry", journal.cup_entry)]
    index = dialog.model.index(0, 0)
    assert index.data(TITLE_ROLE) == "Tokyo Story (1953)"
    assert index.data(META_ROLE) == "0:12:31 · 2026-11-20"
    assert dialog.status_label.text() == "1 match"

    with qtbot.waitSignal(dialog.open_hit) as opened:
        key(dialog.query_edit, Qt.Key.Key_Return)
    assert opened.args[0] == hits[0]
    assert not dialog.isVisible()


def test_finds_a_reflection_and_a_film(qtbot, dialog, store):
    journal = fill(store)
    (reflection,) = search(qtbot, dialog, "grandmother")
    assert (reflection.source, reflection.viewing_id) == ("reflection", journal.viewing)
    assert dialog.model.index(0, 0).data(META_ROLE) == "reflection · 2026-11-20"

    (film,) = search(qtbot, dialog, "quietest")
    assert (film.source, film.film_id) == ("film", journal.tokyo)
    assert dialog.model.index(0, 0).data(META_ROLE) == "film"


def test_up_and_down_in_the_field_choose_the_hit_enter_opens(qtbot, dialog, store):
    fill(store)
    hits = search(qtbot, dialog, "letter")
    assert len(hits) == 2
    field = dialog.query_edit
    assert dialog.current_hit() == hits[0]
    key(field, Qt.Key.Key_Down)
    key(field, Qt.Key.Key_Down)  # stays on the last one
    assert dialog.current_hit() == hits[1]
    key(field, Qt.Key.Key_Up)
    key(field, Qt.Key.Key_Down)
    with qtbot.waitSignal(dialog.open_hit) as opened:
        key(field, Qt.Key.Key_Enter)
    assert opened.args[0] == hits[1]


def test_enter_on_a_result_opens_it(qtbot, dialog, store):
    fill(store)
    hits = search(qtbot, dialog, "letter")
    dialog.results_view.setCurrentIndex(dialog.model.index(1, 0))
    with qtbot.waitSignal(dialog.open_hit) as opened:
        key(dialog.results_view, Qt.Key.Key_Return)
    assert opened.args[0] == hits[1]


@shows_window
def test_enter_right_after_typing_searches_first(qtbot, dialog, store):
    journal = fill(store)
    dialog.start()
    dialog.query_edit.setText("kintsugi")  # the debounce has not fired yet
    with qtbot.waitSignal(dialog.open_hit) as opened:
        key(dialog.query_edit, Qt.Key.Key_Return)
    assert opened.args[0].entry_id == journal.tag_entry


def test_highlights_are_bold_and_user_text_is_escaped(qtbot, dialog, store):
    fill(store)
    search(qtbot, dialog, "kintsugi")
    index = dialog.model.index(0, 0)
    html = index.data(BODY_HTML_ROLE)
    assert "<b>kintsugi</b>" in html
    assert "&lt;b&gt;not bold&lt;/b&gt; &amp;" in html
    for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, BODY_HTML_ROLE):
        assert not any(marker in index.data(role) for marker in MARKERS)
    assert "<b>not bold</b> & a kintsugi seam" in index.data(Qt.ItemDataRole.DisplayRole)
    # The delegate paints it without trouble.
    dialog.resize(600, 400)
    assert not dialog.results_view.grab().isNull()


def test_snippet_helpers_never_leak_markers():
    raw = f"a {HIGHLIGHT_START}cup{HIGHLIGHT_END} & {HIGHLIGHT_START}<i>"
    assert snippet_html(raw) == "a <b>cup</b> &amp; <b>&lt;i&gt;</b>"
    assert plain_snippet(raw) == "a cup & <i>"
    assert snippet_html(f"{HIGHLIGHT_END}x\x07y") == "x y"


@pytest.mark.parametrize(
    "junk",
    [
        '"',
        '"unclosed',
        "NEAR(",
        "NEAR(letter cup",
        "*",
        "letter*",
        "a OR",
        "^",
        "-",
        "'",
        "x" * 10_000,
    ],
)
def test_junk_queries_neither_crash_nor_pop_up(qtbot, dialog, store, junk):
    fill(store)
    search(qtbot, dialog, junk)
    assert dialog.status_label.text()
    assert "failed" not in dialog.status_label.text()
    assert message_boxes() == []


def test_no_matches_says_so(qtbot, dialog, store):
    fill(store)
    assert search(qtbot, dialog, "zebra") == []
    assert dialog.status_label.text() == "No matches for “zebra”."
    assert search(qtbot, dialog, "   ") == []
    assert "Type to search" in dialog.status_label.text()


@shows_window
def test_start_focuses_and_selects_the_field_and_escape_closes(qtbot, dialog, store):
    fill(store)
    dialog.start("letter")
    assert dialog.isVisible()
    assert dialog.query_edit.selectedText() == "letter"
    assert dialog.model.rowCount() == 2
    key(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    # Starting again keeps the last query, selected, so typing replaces it.
    dialog.start()
    assert dialog.query_edit.selectedText() == "letter"


@shows_window
def test_a_motif_name_finds_its_entries_and_enter_opens_one(qtbot, dialog, store):
    journal = fill(store)
    store.update_entry(journal.tag_entry, motifs=["Kintsugi"])
    store.update_entry(journal.late_letter, motifs=["Kintsugi"])
    dialog.start()
    hits = search(qtbot, dialog, "kintsugi")
    # The entry that also says "kintsugi" first, then the other tagged one.
    assert [h.entry_id for h in hits] == [journal.tag_entry, journal.late_letter]
    assert [h.motifs for h in hits] == [("Kintsugi",), ("Kintsugi",)]
    second = dialog.model.index(1, 0)
    assert second.data(TITLE_ROLE) == "Aftersun (2022)"
    assert second.data(META_ROLE) == "1:06:40 · 2025-02-10"
    assert second.data(BODY_HTML_ROLE) == "Motif: <b>Kintsugi</b> — The letter, opened at last."
    assert dialog.status_label.text() == "2 matches"
    key(dialog.query_edit, Qt.Key.Key_Down)
    with qtbot.waitSignal(dialog.open_hit) as opened:
        key(dialog.query_edit, Qt.Key.Key_Return)
    assert opened.args[0].entry_id == journal.late_letter


def test_a_director_finds_the_film(qtbot, dialog, store):
    journal = fill(store)
    store.update_film(journal.aftersun, director="Charlotte Wells")
    (film,) = search(qtbot, dialog, "wells")
    assert (film.source, film.film_id) == ("film", journal.aftersun)
    assert dialog.model.index(0, 0).data(BODY_HTML_ROLE) == (
        "Aftersun — directed by Charlotte <b>Wells</b>"
    )
