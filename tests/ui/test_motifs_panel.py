"""The motifs panel: its models, occurrences across films, and undoable tidying of motifs."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent, QUndoStack
from PySide6.QtWidgets import QApplication

from journal.errors import JournalError
from journal.store import Store
from journal.threads import ThreadOrder
from ui.bridge import StoreBridge
from ui.motifs.models import MotifsModel, first_line, tooltip_html
from ui.motifs.panel import EMPTY_TEXT, MotifsPanel
from ui.motifs.thread import THREAD_ROW_ROLE, ThreadModel


@dataclass
class Journal:
    tokyo: int
    aftersun: int
    tokyo_letter: int  # entry ids
    tokyo_cup: int
    aftersun_first: int
    aftersun_rewatch: int
    aftersun_rain: int


def fill(store: Store) -> Journal:
    tokyo = store.create_film("Tokyo Story", year=1953).id
    aftersun = store.create_film("Aftersun", year=2022).id
    seen = store.create_viewing(tokyo, "2025-01-05").id
    first = store.create_viewing(aftersun, "2024-06-01").id
    rewatch = store.create_viewing(aftersun, "2025-02-10", rewatch=True).id
    letter = store.create_entry(
        seen, 751_000, "pause", "The letter on the table.", motifs=["the letter", "held silence"]
    )
    cup = store.create_entry(seen, 3_900_000, "motif", "She mends the cup.", motifs=["mended cup"])
    read = store.create_entry(first, 1_800_000, "dialogue", "Read aloud.", motifs=["the letter"])
    again = store.create_entry(
        rewatch, 600_000, "reaction", "Earlier this time.\nSecond line.", motifs=["the letter"]
    )
    rain = store.create_entry(
        rewatch, 3_000_000, "scene", "Rain on glass.", motifs=["rain on glass"]
    )
    return Journal(tokyo, aftersun, letter.id, cup.id, read.id, again.id, rain.id)


@pytest.fixture
def stack() -> QUndoStack:
    return QUndoStack()


@pytest.fixture
def make_panel(qtbot, store: Store, stack: QUndoStack):
    def make() -> MotifsPanel:
        bridge = StoreBridge(store)
        panel = MotifsPanel(store, bridge, stack)
        panel._test_bridge = bridge  # keep the bridge alive as long as the panel
        qtbot.addWidget(panel)
        return panel

    return make


def motif_id(store: Store, name: str) -> int:
    found = store.find_motif(name)
    assert found is not None, name
    return found.id


def names(panel: MotifsPanel) -> list[str]:
    return [
        panel.proxy.index(row, MotifsModel.NAME).data() for row in range(panel.proxy.rowCount())
    ]


def counts(panel: MotifsPanel, name: str) -> tuple[str, str]:
    row = names(panel).index(name)
    return (
        panel.proxy.index(row, MotifsModel.ENTRIES).data(),
        panel.proxy.index(row, MotifsModel.FILMS).data(),
    )


def entry_motifs(store: Store, entry_id: int) -> tuple[str, ...]:
    return store.get_entry(entry_id).motifs


def key(widget, key: Qt.Key) -> None:
    from pytestqt.qt_compat import qt_api

    qt_api.QtTest.QTest.keyClick(widget, key)


# --- models --------------------------------------------------------------------------------


def test_models_pass_the_model_tester_empty_filled_and_refreshed(qtmodeltester, store):
    motifs = MotifsModel(store)
    motifs.refresh()
    qtmodeltester.check(motifs)
    occurrences = ThreadModel(store)
    qtmodeltester.check(occurrences)

    journal = fill(store)
    motifs.refresh()
    qtmodeltester.check(motifs)
    occurrences.load(motif_id(store, "the letter"))
    qtmodeltester.check(occurrences)

    store.create_entry(
        store.list_viewings(journal.tokyo)[0].id, 5_000, "note", "x", motifs=["the letter"]
    )
    motifs.refresh()
    occurrences.refresh()
    qtmodeltester.check(motifs)
    qtmodeltester.check(occurrences)
    assert occurrences.rowCount() == 4
    occurrences.load(None)
    assert occurrences.rowCount() == 0


def test_a_thread_entry_carries_its_whole_text(store):
    journal = fill(store)
    model = ThreadModel(store)
    model.load(motif_id(store, "the letter"))
    row = model.row_of_entry(journal.aftersun_rewatch)
    assert model.index(row, 0).data() == "Earlier this time.\nSecond line."
    spoken = model.index(row, 0).data(Qt.ItemDataRole.AccessibleTextRole)
    assert spoken.startswith("Aftersun (2022), watched 2025-02-10, at 0:10:00, Reaction")
    assert first_line("\n\n  long " + "word " * 200).endswith("…")
    assert tooltip_html("a <b>cup</b>\n& more") == "<p>a &lt;b&gt;cup&lt;/b&gt;<br>&amp; more</p>"


# --- the panel -----------------------------------------------------------------------------


def test_empty_journal_explains_motifs(make_panel):
    panel = make_panel()
    assert panel.motif_stack.currentWidget() is panel.empty_label
    assert panel.empty_label.text() == EMPTY_TEXT
    assert "Tag entries with motifs" in EMPTY_TEXT
    assert not panel.bottom.isVisibleTo(panel)
    assert not panel.rename_action.isEnabled() and not panel.delete_action.isEnabled()
    assert panel.new_action.isEnabled()


def test_usage_counts_follow_the_store(qtbot, make_panel, store):
    journal = fill(store)
    panel = make_panel()
    assert names(panel) == ["held silence", "mended cup", "rain on glass", "the letter"]
    assert counts(panel, "the letter") == ("3", "2")
    panel.select_motif(motif_id(store, "the letter"))

    viewing = store.list_viewings(journal.tokyo)[0].id
    store.create_entry(viewing, 10_000, "note", "Another letter.", motifs=["The Letter", "sea"])

    # Entry saves are coalesced into one refresh shortly after.
    qtbot.waitUntil(lambda: counts(panel, "the letter") == ("4", "2"))
    assert counts(panel, "sea") == ("1", "1")
    # The chosen motif stays chosen, and its occurrences include the new entry.
    assert panel.selected_motif().name == "the letter"
    assert panel.occurrences.rowCount() == 4


def test_the_thread_runs_across_films_in_the_order_watched_or_by_film_year(make_panel, store):
    journal = fill(store)
    panel = make_panel()
    panel.select_motif(motif_id(store, "the letter"))

    def shown() -> list[int]:
        model = panel.occurrences
        return [model.index(r, 0).data(THREAD_ROW_ROLE).entry_id for r in range(model.rowCount())]

    # When watched: Aftersun in June 2024, Tokyo Story in January, the rewatch in February.
    assert shown() == [journal.aftersun_first, journal.tokyo_letter, journal.aftersun_rewatch]
    assert panel.occurrence_heading.text() == "“the letter” — 3 entries in 2 films"
    panel.set_thread_order(ThreadOrder.FILM_YEAR)  # 1953 before 2022
    assert shown() == [journal.tokyo_letter, journal.aftersun_first, journal.aftersun_rewatch]
    row = panel.occurrences.row_at(0)
    assert (row.film_title, row.position_ms, row.kind, row.text) == (
        "Tokyo Story",
        751_000,
        "pause",
        "The letter on the table.",
    )


def test_a_second_motif_shows_where_they_meet(make_panel, store):
    journal = fill(store)
    panel = make_panel()
    panel.select_motif(motif_id(store, "the letter"))
    panel.set_meeting_motif(motif_id(store, "held silence"))
    assert panel.occurrences.rowCount() == 1
    assert panel.occurrences.row_at(0).entry_id == journal.tokyo_letter
    assert panel.occurrence_heading.text() == (
        "Where “the letter” meets “held silence” — 1 entry in 1 film, watched 2025"
    )
    panel.set_meeting_motif(motif_id(store, "rain on glass"))
    assert panel.occurrence_stack.currentWidget() is panel.occurrence_placeholder
    assert "both “the letter” and “rain on glass”" in panel.occurrence_placeholder.text()
    panel.set_meeting_motif(None)
    assert panel.occurrences.rowCount() == 3


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_the_thread_is_read_with_the_keyboard(make_panel, store, qtbot):
    journal = fill(store)
    panel = make_panel()
    panel.resize(420, 700)
    panel.show()
    panel.select_motif(motif_id(store, "the letter"))
    key(panel.motif_view, Qt.Key.Key_Return)  # Enter in the list moves into the thread
    view = panel.occurrence_view
    assert panel.current_occurrence().entry_id == journal.aftersun_first
    key(view, Qt.Key.Key_Down)
    assert panel.current_occurrence().entry_id == journal.tokyo_letter
    key(view, Qt.Key.Key_End)
    assert panel.current_occurrence().entry_id == journal.aftersun_rewatch
    key(view, Qt.Key.Key_Home)
    key(view, Qt.Key.Key_Down)
    with qtbot.waitSignal(panel.open_entry) as enter:
        key(view, Qt.Key.Key_Return)
    assert enter.args == [journal.tokyo, journal.tokyo_letter]
    # Each entry is drawn as tall as its whole text needs (two lines for the rewatch's).
    heights = [view.sizeHintForIndex(panel.occurrences.index(r, 0)).height() for r in range(3)]
    assert heights[2] > heights[0]


def test_activating_an_occurrence_opens_its_entry(make_panel, store, qtbot):
    journal = fill(store)
    panel = make_panel()
    panel.select_motif(motif_id(store, "the letter"))
    view = panel.occurrence_view

    view.setCurrentIndex(panel.occurrences.index(1, 0))
    with qtbot.waitSignal(panel.open_entry) as enter:
        key(view, Qt.Key.Key_Return)
    assert enter.args == [journal.tokyo, journal.tokyo_letter]

    panel.resize(400, 700)
    center = view.visualRect(panel.occurrences.index(2, 0)).center()
    assert center.y() > 0
    with qtbot.waitSignal(panel.open_entry) as double_click:
        # A double click is a press, a release, then the double-click press.
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=center)
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=center)
    assert double_click.args == [journal.aftersun, journal.aftersun_rewatch]


def test_filter_narrows_the_list_and_says_when_nothing_matches(make_panel, store):
    fill(store)
    panel = make_panel()
    panel.filter_edit.setText("LETT")
    assert names(panel) == ["the letter"]
    panel.filter_edit.setText("zzz")
    assert panel.motif_stack.currentWidget() is panel.empty_label
    assert panel.empty_label.text() == "No motif matches “zzz”."
    # Choosing a hidden motif (after a rename, say) clears the filter rather than hide it.
    assert panel.select_motif(motif_id(store, "mended cup"))
    assert panel.filter_edit.text() == ""
    assert panel.selected_motif().name == "mended cup"


def test_f2_renames_and_undo_redo_follow(make_panel, store, stack):
    fill(store)
    panel = make_panel()
    cup = motif_id(store, "mended cup")
    panel.select_motif(cup)
    asked = []
    panel._ask_name = lambda title, label, text: asked.append(text) or "kintsugi bowl"

    key(panel.motif_view, Qt.Key.Key_F2)

    assert asked == ["mended cup"]
    assert store.get_motif(cup).name == "kintsugi bowl"
    assert panel.selected_motif().id == cup
    stack.undo()
    assert store.get_motif(cup).name == "mended cup"
    assert panel.selected_motif().name == "mended cup"
    stack.redo()
    assert store.get_motif(cup).name == "kintsugi bowl"
    assert "kintsugi bowl" in names(panel)


def test_rename_to_an_existing_name_offers_a_merge(make_panel, store, stack):
    journal = fill(store)
    panel = make_panel()
    rain, letter = motif_id(store, "rain on glass"), motif_id(store, "the letter")
    panel.select_motif(rain)
    panel._ask_name = lambda title, label, text: "The Letter"
    offered = []
    panel._confirm_merge = lambda source, target: offered.append((source.id, target.id)) or True

    panel.rename_selected()

    assert offered == [(rain, letter)]
    assert store.find_motif("rain on glass") is None
    assert entry_motifs(store, journal.aftersun_rain) == ("the letter",)
    assert panel.selected_motif().name == "the letter"
    assert counts(panel, "the letter") == ("4", "2")

    stack.undo()
    assert entry_motifs(store, journal.aftersun_rain) == ("rain on glass",)
    assert store.get_motif(motif_id(store, "the letter")).usage_count == 3
    stack.redo()
    assert store.find_motif("rain on glass") is None
    assert entry_motifs(store, journal.aftersun_rain) == ("the letter",)


def test_declining_the_merge_asks_again_with_the_typed_name(make_panel, store, stack):
    fill(store)
    panel = make_panel()
    panel.select_motif(motif_id(store, "rain on glass"))
    answers = iter(["the letter", None])
    asked = []
    panel._ask_name = lambda title, label, text: asked.append(text) or next(answers)
    panel._confirm_merge = lambda source, target: False

    panel.rename_selected()

    assert asked == ["rain on glass", "the letter"]
    assert store.find_motif("rain on glass") is not None
    assert stack.count() == 0


def test_invalid_name_is_asked_again_keeping_the_text(make_panel, store, stack):
    fill(store)
    panel = make_panel()
    panel.select_motif(motif_id(store, "mended cup"))
    too_long = "cup " * 40
    answers = iter([too_long, None])
    asked = []
    panel._ask_name = lambda title, label, text: asked.append((label, text)) or next(answers)

    panel.rename_selected()

    assert asked[1][1] == too_long
    assert asked[1][0] != asked[0][0]  # the second prompt says what was wrong
    assert store.find_motif("mended cup") is not None
    assert stack.count() == 0


def test_merge_into_a_chosen_motif(make_panel, store, stack):
    journal = fill(store)
    panel = make_panel()
    silence, letter = motif_id(store, "held silence"), motif_id(store, "the letter")
    panel.select_motif(silence)
    offered = []

    def choose(source, candidates):
        offered.extend(m.name for m in candidates)
        return next(m for m in candidates if m.id == letter)

    panel._choose_target = choose
    panel.merge_selected()

    assert offered == ["mended cup", "rain on glass", "the letter"]
    assert store.find_motif("held silence") is None
    # The entry already had the target: it keeps one tag, not two.
    assert entry_motifs(store, journal.tokyo_letter) == ("the letter",)
    assert panel.selected_motif().id == letter

    stack.undo()
    assert entry_motifs(store, journal.tokyo_letter) == ("held silence", "the letter")
    assert store.get_motif(letter).usage_count == 3
    stack.redo()
    assert entry_motifs(store, journal.tokyo_letter) == ("the letter",)


def test_delete_key_confirms_then_removes_the_tag_not_the_text(make_panel, store, stack):
    journal = fill(store)
    panel = make_panel()
    panel.select_motif(motif_id(store, "the letter"))
    asked = []
    panel._confirm_delete = lambda motif: asked.append(motif.usage_count) or False

    key(panel.motif_view, Qt.Key.Key_Delete)
    assert asked == [3]
    assert store.find_motif("the letter") is not None  # declined

    panel._confirm_delete = lambda motif: True
    key(panel.motif_view, Qt.Key.Key_Delete)
    assert store.find_motif("the letter") is None
    assert store.get_entry(journal.aftersun_first).text == "Read aloud."
    assert entry_motifs(store, journal.tokyo_letter) == ("held silence",)
    # The keyboard stays in the list: the next motif is chosen.
    assert panel.selected_motif() is not None

    stack.undo()
    assert entry_motifs(store, journal.tokyo_letter) == ("held silence", "the letter")
    assert store.find_motif("the letter").usage_count == 3
    stack.redo()
    assert store.find_motif("the letter") is None


def test_panel_keys_win_over_window_shortcuts(make_panel):
    panel = make_panel()
    for pressed in (Qt.Key.Key_Delete, Qt.Key.Key_F2):
        event = QKeyEvent(QEvent.Type.ShortcutOverride, pressed, Qt.KeyboardModifier.NoModifier)
        event.ignore()
        QApplication.sendEvent(panel.motif_view, event)
        assert event.isAccepted()
    # Other keys are left to the window.
    event = QKeyEvent(
        QEvent.Type.ShortcutOverride, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier
    )
    event.ignore()
    QApplication.sendEvent(panel.motif_view, event)
    assert not event.isAccepted()


def test_new_motif_is_created_selected_and_undoable(make_panel, store, stack):
    panel = make_panel()
    panel._ask_name = lambda title, label, text: "  rain   on glass "

    panel.new_motif()

    created = store.find_motif("rain on glass")
    assert created is not None and created.name == "rain on glass"
    assert panel.selected_motif().id == created.id
    assert panel.occurrence_placeholder.text().startswith("No entries are tagged")
    stack.undo()
    assert store.find_motif("rain on glass") is None
    assert panel.motif_stack.currentWidget() is panel.empty_label
    stack.redo()
    assert store.find_motif("rain on glass") is not None


def test_new_motif_with_an_existing_name_selects_it(make_panel, store, stack):
    fill(store)
    panel = make_panel()
    panel._ask_name = lambda title, label, text: "MENDED CUP"
    panel.new_motif()
    assert stack.count() == 0
    assert panel.selected_motif().name == "mended cup"
    assert "already exists" in panel.error_label.text()
    assert panel.error_label.isVisibleTo(panel)


def test_a_refused_change_is_shown_inline_and_nothing_is_lost(
    make_panel, store, stack, monkeypatch
):
    journal = fill(store)
    panel = make_panel()
    panel.select_motif(motif_id(store, "held silence"))

    def refuse(*args, **kwargs):
        raise JournalError("the journal is read-only right now")

    monkeypatch.setattr(store, "merge_motifs", refuse)
    panel._choose_target = lambda source, candidates: candidates[0]
    panel.merge_selected()

    assert "read-only" in panel.error_label.text()
    assert panel.error_label.isVisibleTo(panel)
    assert stack.count() == 0
    assert entry_motifs(store, journal.tokyo_letter) == ("held silence", "the letter")
    assert panel.selected_motif().name == "held silence"


def test_deleting_a_film_elsewhere_updates_counts_and_occurrences(qtbot, make_panel, store):
    journal = fill(store)
    panel = make_panel()
    panel.select_motif(motif_id(store, "the letter"))
    store.delete_film(journal.aftersun)
    qtbot.waitUntil(lambda: counts(panel, "the letter") == ("1", "1"))
    assert panel.occurrences.rowCount() == 1
    assert counts(panel, "rain on glass") == ("0", "0")
