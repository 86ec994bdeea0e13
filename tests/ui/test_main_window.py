"""The main window as a whole: empty state, big films, delete and undo, state kept between
launches, status bar, motifs and search wiring, export and import off the GUI thread."""

from __future__ import annotations

import json
import os
from datetime import date

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QMessageBox, QPushButton

from journal import __version__
from journal.store import SearchHit
from ui import settings as window_settings
from ui.films.model import Column
from ui.main_window import MainWindow
from ui.settings import LAST_FILM_KEY, open_settings
from ui.workers import Job

# Only the offscreen test platform says it cannot pass on size limits or raise a window.
pytestmark = pytest.mark.qt_log_ignore(
    r"This plugin does not support (propagateSizeHints|raise)\(\)"
)


@pytest.fixture
def settings_file(tmp_path):
    return tmp_path / "config" / "settings.ini"


@pytest.fixture
def make_window(store, qtbot, settings_file):
    made: list[MainWindow] = []

    def make(show: bool = True) -> MainWindow:
        window = MainWindow(store, open_settings(settings_file))
        qtbot.addWidget(window)
        made.append(window)
        if show:
            window.show()
            qtbot.waitExposed(window)
        return window

    yield make
    for window in made:
        window.close()
        window.bridge.detach()


@pytest.fixture
def window(make_window):
    return make_window()


def film_with_entries(store, title="Tokyo Story", entries=3, viewings=1):
    film = store.create_film(title, year=1953, director="Yasujirō Ozu")
    made = []
    for v in range(viewings):
        viewing = store.create_viewing(film.id, date(2024 + v, 3, 1))
        for n in range(entries):
            made.append(store.create_entry(viewing.id, n * 1000, "note", f"entry {v}.{n}"))
    return film, made


def click(box: QMessageBox, text: str) -> None:
    for button in box.buttons():
        if button.text().replace("&", "") == text:
            button.click()
            return
    raise AssertionError(f"no button {text!r} in {[b.text() for b in box.buttons()]}")


# --- empty and large journals --------------------------------------------------------------


def test_an_empty_journal_invites_adding_the_film_just_watched(window, qtbot):
    assert window.right.currentWidget() is window.welcome
    assert window.welcome.isVisible()
    assert (
        "Add the film you just watched"
        in window.welcome.findChild(type(window.saved_label), "emptyTitle").text()
    )
    assert "Ctrl+Shift+N" in window.welcome.add_button.text()
    window.welcome.add_button.click()
    assert window.film_dialog is not None and window.film_dialog.isVisible()


def test_a_film_with_500_entries_opens(store, make_window):
    film = store.create_film("Sátántangó", year=1994, runtime_ms=7 * 3600 * 1000 + 19 * 60_000)
    viewing = store.create_viewing(film.id, date(2025, 1, 1))
    store.import_document(
        {
            "format": "reflective-journal",
            "version": 1,
            "films": [
                {
                    "uid": film.uid,
                    "title": film.title,
                    "year": 1994,
                    "runtime_ms": film.runtime_ms,
                    "viewings": [
                        {
                            "uid": viewing.uid,
                            "watched_on": "2025-01-01",
                            "entries": [
                                {"position_ms": n * 50_000, "kind": "scene", "text": f"shot {n}"}
                                for n in range(500)
                            ],
                        }
                    ],
                }
            ],
        }
    )
    window = make_window()
    assert window.film_list.current_film_id() == film.id
    assert window.journal.current_film_id() == film.id
    assert window.journal.model.rowCount() == 500
    last = store.list_entries(viewing.id)[-1]
    window.journal.select_entry(last.id)
    assert window.journal.editor.entry_id() == last.id
    row = window.film_list.model.row_of(film.id)
    assert window.film_list.model.index(row, Column.ENTRIES).data() == "500"


# --- deleting a film -----------------------------------------------------------------------


def test_delete_film_asks_with_counts_and_undo_restores_everything(window, store, qtbot):
    film, _entries = film_with_entries(store, entries=4, viewings=2)
    other = store.create_film("Late Spring")
    window.select_film(film.id)
    window.delete_film_action.trigger()
    box = window.message_box
    assert box is not None and box.isVisible()
    assert "Tokyo Story (1953)" in box.text()
    assert "2 viewings and 8 entries go with it" in box.informativeText()
    click(box, "Cancel")
    assert len(store.list_films()) == 2

    window.delete_film_action.trigger()
    click(window.message_box, "Delete film")
    assert [f.title for f in store.list_films()] == ["Late Spring"]
    assert window.journal.current_film_id() in (None, other.id)
    assert "Ctrl+Z" in window.statusBar().currentMessage()

    window.undo_action.trigger()
    (restored,) = [f for f in store.list_films() if f.title == "Tokyo Story"]
    assert (restored.viewing_count, restored.entry_count) == (2, 8)
    assert window.film_list.current_film_id() == restored.id
    assert window.journal.current_film_id() == restored.id
    window.redo_action.trigger()
    assert [f.title for f in store.list_films()] == ["Late Spring"]


def test_delete_key_in_the_film_list_asks_before_deleting_the_film(window, store, qtbot):
    film = store.create_film("Yi Yi")
    window.select_film(film.id)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.film_list.view.setFocus()
    qtbot.keyClick(window.film_list.view, Qt.Key.Key_Delete)
    box = window.message_box
    assert box is not None and "no viewings or entries" in box.informativeText()
    assert len(store.list_films()) == 1
    click(box, "Cancel")


def test_deleting_the_last_film_shows_the_welcome_again(window, store):
    film = store.create_film("Only one")
    window.select_film(film.id)
    assert window.right.currentWidget() is window.journal
    window.delete_film_action.trigger()
    click(window.message_box, "Delete film")
    assert window.right.currentWidget() is window.welcome


# --- editing films -------------------------------------------------------------------------


def test_edit_film_saves_only_changes_and_is_undoable(window, store):
    film = store.create_film("Tokyo Story", year=1953, director="Ozu")
    window.select_film(film.id)
    window.edit_film_action.trigger()
    dialog = window.film_dialog
    assert dialog.title_edit.text() == "Tokyo Story"
    dialog.year_edit.setText("1954")
    dialog.ok_button.click()
    assert store.get_film(film.id).year == 1954
    assert window.undo_stack.count() == 1
    assert window.windowTitle() == "Tokyo Story (1954)"
    window.undo_action.trigger()
    assert store.get_film(film.id).year == 1953


def test_the_journal_header_button_opens_the_edit_dialog(window, store):
    film = store.create_film("Aftersun")
    window.select_film(film.id)
    window.journal.edit_film_requested.emit(film.id)
    assert window.film_dialog is not None and window.film_dialog.film.id == film.id


# --- status bar ----------------------------------------------------------------------------


def test_status_bar_says_saved_after_each_change(window, store):
    assert not window.saved_label.text().startswith("Saved")
    store.create_film("Past Lives")
    assert window.saved_label.text().startswith("Saved ")
    assert len(window.saved_label.text()) == len("Saved 12:34:56")


def test_refused_edits_from_the_journal_show_in_the_status_bar(window):
    window.journal.error.emit("0:99:00 is not a position")
    assert window.statusBar().currentMessage() == "0:99:00 is not a position"


def test_actions_that_cannot_act_are_greyed_out_until_they_can(window, store, qtbot):
    needs_film = [
        window.new_entry_action,
        window.save_next_action,
        window.new_viewing_action,
        window.edit_film_action,
        window.delete_film_action,
        window.export_film_action,
        window.delete_entry_action,
        window.export_all_action,
        window.export_json_action,
    ]
    assert [a.text() for a in needs_film if a.isEnabled()] == []
    assert window.new_film_action.isEnabled() and window.find_action.isEnabled()
    window.new_entry_action.trigger()  # a greyed-out action does nothing, says nothing
    assert window.statusBar().currentMessage() == ""

    film, entries = film_with_entries(store, entries=2)
    assert window.select_film(film.id)
    assert all(a.isEnabled() for a in needs_film if a is not window.delete_entry_action)
    assert not window.delete_entry_action.isEnabled(), "no entry is selected yet"
    window.journal.select_entry(entries[0].id)
    assert window.delete_entry_action.isEnabled()

    window.films.delete_film(store.get_film(film.id))
    assert [a.text() for a in needs_film if a.isEnabled()] == []
    window.undo_action.trigger()
    assert window.export_film_action.isEnabled()


def test_long_status_messages_elide_with_the_full_text_in_a_tooltip(window):
    window.resize(900, 600)
    bar = window.status_bar()
    long = "The journal refused the change: " + "a very long reason, " * 12 + "the end"
    window.show_status(long)
    assert bar.currentMessage() == long
    assert bar.is_elided() and bar.elided_message().endswith("…")
    assert bar.toolTip() == long
    # The message stops before the "Saved" note instead of running into it.
    assert bar.message_rect().right() < window.saved_label.geometry().left()
    window.show_status("Short")
    assert not bar.is_elided() and bar.toolTip() == ""


def test_an_error_goes_once_a_later_change_is_saved(window, store):
    window.journal.error.emit("Position 0:99:00 is past the film's end")
    assert "0:99:00" in window.statusBar().currentMessage()
    store.create_film("Past Lives")  # a later save succeeded: the error no longer holds
    assert window.statusBar().currentMessage() == ""


def test_an_added_message_goes_when_the_add_is_undone(window, store):
    from ui import commands

    created = commands.perform(window.undo_stack, commands.CreateFilm(store, {"title": "Aftersun"}))
    window.show_undoable_status(f"Added {created.title}")
    assert window.statusBar().currentMessage() == "Added Aftersun"
    window.undo_action.trigger()
    assert window.statusBar().currentMessage() == ""


# --- state kept between launches -----------------------------------------------------------


def test_window_state_is_restored_from_settings(store, make_window, settings_file):
    store.create_film("Aftersun", year=2022)
    late = store.create_film("Late Spring", year=1949)
    first = make_window()
    first.resize(780, 640)  # the offscreen screen is 800×800
    first.select_film(late.id)
    first.splitter.setSizes([300, 700])
    first.sort_films_by(Column.YEAR)
    saved_sizes = first.splitter.sizes()
    first.close()
    assert settings_file.exists()

    second = make_window()
    assert (second.width(), second.height()) == (780, 640)
    assert second.film_list.current_film_id() == late.id
    assert second.journal.current_film_id() == late.id
    assert second.splitter.sizes() == saved_sizes
    assert second.film_list.sort_state() == (Column.YEAR, Qt.SortOrder.AscendingOrder)
    assert second.sort_actions[Column.YEAR].isChecked()
    assert not second.motifs_dock.isVisible()


def test_at_launch_the_window_paints_before_the_journal_is_built(
    store, make_window, settings_file, qtbot
):
    store.create_film("Aftersun", year=2022)
    late = store.create_film("Late Spring", year=1949)
    first = make_window()
    first.select_film(late.id)
    first.close()
    # As the app launches it: the film list first, the journal pane just after the first
    # paint, with the film that was open last time.
    window = MainWindow(store, open_settings(settings_file), journal_after_paint=True)
    qtbot.addWidget(window)
    assert window.journal_if_built() is None
    assert window.film_list.model.rowCount() == 2
    window.show()
    qtbot.waitUntil(lambda: window.journal_if_built() is not None)
    assert window.right.currentWidget() is window.journal
    qtbot.waitUntil(lambda: window.journal.current_film_id() == late.id)
    assert window.film_list.current_film_id() == late.id
    assert window.windowTitle().startswith("Late Spring")
    window.close()
    # With no film remembered, the first in the list is opened, as before.
    settings = open_settings(settings_file)
    settings.remove(LAST_FILM_KEY)
    settings.sync()
    fresh = MainWindow(store, open_settings(settings_file), journal_after_paint=True)
    qtbot.addWidget(fresh)
    fresh.show()
    qtbot.waitUntil(lambda: fresh.journal_if_built() is not None)
    first_id = fresh.film_list.current_film_id()
    assert first_id is not None
    qtbot.waitUntil(lambda: fresh.journal.current_film_id() == first_id)
    fresh.close()


def test_early_needs_finish_the_start_on_the_remembered_film(
    store, make_window, settings_file, qtbot
):
    store.create_film("Aftersun", year=2022)
    late = store.create_film("Late Spring", year=1949)
    first = make_window()
    first.select_film(late.id)
    first.close()

    def launched() -> MainWindow:
        window = MainWindow(store, open_settings(settings_file), journal_after_paint=True)
        qtbot.addWidget(window)
        return window

    # Something needs the film before the first paint (watching along with --mpv does):
    # the start finishes there and then, on the film remembered.
    window = launched()
    started = []
    window.when_started(lambda: started.append(window.current_film_id()))
    assert started == []
    assert window.current_film_id() == late.id
    assert started == [late.id] and window.journal.current_film_id() == late.id
    window.close()
    # Closed before the start finished, the remembered film stays remembered.
    early = launched()
    early.close()
    again = launched()
    again.show()
    qtbot.waitUntil(lambda: again.journal_if_built() is not None)
    assert again.journal.current_film_id() == late.id
    again.close()


def test_asking_for_the_journal_before_the_first_paint_builds_it_at_once(
    store, settings_file, qtbot
):
    film = store.create_film("Aftersun", year=2022)
    other = store.create_film("Late Spring", year=1949)
    window = MainWindow(store, open_settings(settings_file), journal_after_paint=True)
    qtbot.addWidget(window)
    assert window.select_film(other.id)  # before any paint
    assert window.journal.current_film_id() == other.id
    window.show()
    qtbot.wait(50)  # past the first paint: what was chosen stays chosen
    assert window.journal.current_film_id() == other.id != film.id
    window.close()


def test_an_open_motifs_dock_is_open_again_next_time(store, make_window):
    first = make_window()
    first.motifs_action.trigger()
    first.close()
    second = make_window()
    assert second.motifs_dock.isVisible()
    assert second.motifs_action.isChecked()


def test_geometry_from_another_qt_version_is_ignored(store, make_window, settings_file):
    settings = open_settings(settings_file)
    settings.setValue("window/geometry-qt5.15.2", b"garbage")
    settings.sync()
    window = make_window()
    assert window.width() > 0 and window.isVisible()


def test_a_window_saved_off_screen_comes_back_on_screen(store, make_window, settings_file):
    first = make_window(show=False)
    first.setGeometry(QRect(9000, 9000, 500, 400))
    first.save_state()
    first.close()
    second = make_window()
    screen = second.screen().availableGeometry()
    assert screen.intersects(second.frameGeometry())


def test_garbled_settings_fall_back_to_defaults(store, make_window, settings_file):
    settings_file.parent.mkdir(parents=True)
    settings_file.write_text(
        "[window]\nsplitter=a, b\n[journal]\nlast_film_id=nope\n[films]\nsort_column=99\n"
    )
    film = store.create_film("Tokyo Story")
    window = make_window()
    assert window.film_list.current_film_id() == film.id
    assert window.film_list.sort_state()[0] == Column.TITLE


def test_settings_live_in_the_config_folder_as_ini(store, make_window, settings_file):
    window = make_window()
    window.close()
    assert window.settings.fileName() == str(settings_file)
    assert "[window]" in settings_file.read_text()
    default = window_settings.settings_path()
    assert default.is_relative_to(os.environ["XDG_CONFIG_HOME"])
    assert default.parent.name == "reflective-journal"


# --- motifs and search ---------------------------------------------------------------------


def test_motif_occurrences_and_search_hits_open_the_entry(window, store):
    film, entries = film_with_entries(store, title="Late Spring", entries=3)
    other = store.create_film("Aftersun")
    window.select_film(other.id)
    window.motifs_panel.open_entry.emit(film.id, entries[2].id)
    assert window.film_list.current_film_id() == film.id
    assert window.journal.editor.entry_id() == entries[2].id

    window.select_film(other.id)
    hit = SearchHit("entry", film.id, film.title, 1953, None, None, entries[1].id, 1000, "x", 0)
    window.open_hit(hit)
    assert window.journal.editor.entry_id() == entries[1].id

    window.select_film(film.id)
    window.open_hit(SearchHit("film", other.id, "Aftersun", None, None, None, None, None, "", 0))
    assert window.journal.current_film_id() == other.id


def test_opening_a_hit_in_a_filtered_out_film_clears_the_filter(window, store):
    film, entries = film_with_entries(store, title="Late Spring")
    store.create_film("Aftersun")
    window.film_list.filter_edit.setText("aftersun")
    window.open_entry(film.id, entries[0].id)
    assert window.film_list.filter_edit.text() == ""
    assert window.film_list.current_film_id() == film.id


def test_motifs_dock_is_in_the_view_menu(window, qtbot):
    assert not window.motifs_dock.isVisible()
    window.motifs_action.trigger()
    assert window.motifs_dock.isVisible()
    assert window.motifs_dock.widget() is window.motifs_panel


# --- export and import ---------------------------------------------------------------------


def wait_for_job(qtbot, window):
    qtbot.waitUntil(lambda: window.jobs.current is None, timeout=20_000)


def test_export_all_to_markdown_runs_off_the_gui_thread(
    window, store, qtbot, tmp_path, monkeypatch
):
    pytest.importorskip("journal.export.markdown")
    film_with_entries(store, "Tokyo Story")
    film_with_entries(store, "Late Spring")
    folder = tmp_path / "md"
    folder.mkdir()
    monkeypatch.setattr(window.transfer, "choose_folder", lambda _title: folder)
    opened = []
    monkeypatch.setattr("ui.dialogs.about.open_folder", lambda p: opened.append(p) or True)
    window.export_all_action.trigger()
    wait_for_job(qtbot, window)
    assert len(list(folder.glob("*.md"))) == 2
    box = window.message_box
    assert "2 Markdown files" in box.text() and str(folder) in box.informativeText()
    click(box, "Open folder")
    assert opened == [folder]


def test_export_then_import_json_round_trips(window, store, qtbot, tmp_path, monkeypatch):
    film_with_entries(store, "Tokyo Story", entries=5)
    target = tmp_path / "journal.json"
    monkeypatch.setattr(window.transfer, "choose_save_file", lambda _title, _name: target)
    window.export_json_action.trigger()
    wait_for_job(qtbot, window)
    document = json.loads(target.read_text(encoding="utf-8"))
    assert document["films"][0]["title"] == "Tokyo Story"
    assert "journal.json" in window.message_box.text()

    store.delete_film(store.list_films()[0].id)
    assert window.film_list.model.rowCount() == 0
    monkeypatch.setattr(window.transfer, "choose_open_file", lambda _title: target)
    window.import_json_action.trigger()
    wait_for_job(qtbot, window)
    assert [f.entry_count for f in store.list_films()] == [5]
    qtbot.waitUntil(lambda: window.film_list.model.rowCount() == 1)
    assert "Imported journal.json" in window.message_box.text()


def test_importing_a_bad_file_says_why_and_changes_nothing(
    window, store, qtbot, tmp_path, monkeypatch
):
    store.create_film("Kept")
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "reflective-journal", "version": 1, "films": [{"title": ""}]}')
    monkeypatch.setattr(window.transfer, "choose_open_file", lambda _title: bad)
    window.import_json_action.trigger()
    wait_for_job(qtbot, window)
    box = window.message_box
    assert box.text() == "Nothing was imported"
    assert "films[0].title" in box.informativeText()
    assert [f.title for f in store.list_films()] == ["Kept"]


def test_cancelling_an_import_keeps_nothing(window, store, qtbot, tmp_path, monkeypatch):
    source = tmp_path / "big.json"
    source.write_text(
        json.dumps(
            {
                "format": "reflective-journal",
                "version": 1,
                "films": [{"title": f"Film {n}"} for n in range(50)],
            }
        )
    )
    monkeypatch.setattr(window.transfer, "choose_open_file", lambda _title: source)
    # A slow import: after its first progress report it waits (up to 10 s) to see whether the
    # person pressed Cancel — which they do as soon as the report reaches the dialog.
    report = Job._report

    def slow_report(job, done, total):
        report(job, done, total)
        job._cancel.wait(10)
        return not job.cancelled

    monkeypatch.setattr(Job, "_report", slow_report)
    monkeypatch.setattr(
        "ui.jobs._show_progress",
        lambda dialog, done, total: dialog.findChild(QPushButton).click(),
    )
    window.import_json_action.trigger()
    wait_for_job(qtbot, window)
    assert store.list_films() == []
    assert "cancelled" in window.statusBar().currentMessage().lower()


def test_export_errors_are_shown_plainly(window, store, qtbot, tmp_path, monkeypatch):
    store.create_film("Tokyo Story")
    missing = tmp_path / "no" / "such" / "journal.json"
    monkeypatch.setattr(window.transfer, "choose_save_file", lambda _title, _name: missing)
    window.export_json_action.trigger()
    wait_for_job(qtbot, window)
    box = window.message_box
    assert box.text() == "Nothing was exported"
    assert "does not exist" in box.informativeText()


# --- about -----------------------------------------------------------------------------------


def test_about_shows_the_version_and_data_folder(window, store, monkeypatch):
    from ui.dialogs.about import AboutDialog

    opened = []
    monkeypatch.setattr("ui.dialogs.about.open_folder", lambda p: opened.append(p) or True)
    window.about_action.trigger()
    about = window.findChild(AboutDialog)
    assert about is not None and about.isVisible()
    assert __version__ in about.version_label.text()
    assert about.folder_label.text() == str(store.data_dir)
    about.open_button.click()
    assert opened == [store.data_dir]


# --- a film you already have -----------------------------------------------------------------


def add_through_dialog(window, qtbot, title, year, answer):
    from ui.dialogs.film_dialog import FilmDialog

    window.new_film_action.trigger()
    dialog = window.film_dialog
    assert isinstance(dialog, FilmDialog)
    asked = []

    def ask(existing):
        asked.append(existing.title)
        return answer

    dialog.ask_about_duplicate = ask
    dialog.title_edit.setText(title)
    dialog.year_edit.setText(str(year) if year else "")
    dialog.notes_edit.setPlainText("typed before being asked")
    dialog.ok_button.click()
    return dialog, asked


def test_adding_a_film_you_have_asks_and_can_open_that_one(window, store, qtbot):
    have, _ = film_with_entries(store, "Tokyo Story")
    other = store.create_film("Late Spring", year=1949)
    window.select_film(other.id)
    dialog, asked = add_through_dialog(window, qtbot, "  tokyo   story ", 1953, "open")
    assert asked == ["Tokyo Story"]
    assert len(store.list_films()) == 2
    assert window.current_film_id() == have.id
    assert not dialog.isVisible()


def test_adding_a_film_you_have_can_add_another(window, store, qtbot):
    film_with_entries(store, "Tokyo Story")
    _dialog, asked = add_through_dialog(window, qtbot, "Tokyo Story", 1953, "add")
    assert asked == ["Tokyo Story"]
    assert [f.title for f in store.list_films()] == ["Tokyo Story", "Tokyo Story"]


def test_going_back_from_the_question_keeps_what_was_typed(window, store, qtbot):
    film_with_entries(store, "Tokyo Story")
    dialog, asked = add_through_dialog(window, qtbot, "Tokyo Story", 1953, "")
    assert asked == ["Tokyo Story"]
    assert dialog.isVisible()
    assert dialog.notes_edit.toPlainText() == "typed before being asked"
    assert len(store.list_films()) == 1
    dialog.reject()


def test_another_year_or_title_is_not_asked_about(window, store, qtbot):
    film_with_entries(store, "Tokyo Story")
    _dialog, asked = add_through_dialog(window, qtbot, "Tokyo Story", 2024, "open")
    assert asked == []
    _dialog, asked = add_through_dialog(window, qtbot, "Tokyo Stories", 1953, "open")
    assert asked == []
    assert len(store.list_films()) == 3


# --- appearance --------------------------------------------------------------------------------


def test_appearance_is_chosen_in_the_view_menu_and_remembered(
    store, make_window, settings_file, qapp, themed
):
    from PySide6.QtGui import QPalette

    theme = themed
    try:
        window = make_window()
        assert window.appearance_actions["system"].isChecked()
        window.appearance_actions["dark"].trigger()
        assert qapp.palette().color(QPalette.ColorRole.Window).lightness() < 60
        assert theme.mode == "dark"
        # The system flipping to light does not override a chosen Dark.
        qapp.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Light)
        assert qapp.palette().color(QPalette.ColorRole.Window).lightness() < 60
        window.close()
        assert open_settings(settings_file).value(window_settings.APPEARANCE_KEY) == "dark"

        theme.set_mode("light")  # as a fresh launch would start
        again = make_window()
        assert again.appearance_actions["dark"].isChecked()
        assert theme.mode == "dark"
        assert qapp.palette().color(QPalette.ColorRole.Window).lightness() < 60
        again.appearance_actions["light"].trigger()
        assert qapp.palette().color(QPalette.ColorRole.Window).lightness() > 200
    finally:
        theme.set_mode("system")


def test_a_garbled_appearance_setting_means_system(store, make_window, settings_file):
    settings = open_settings(settings_file)
    settings.setValue(window_settings.APPEARANCE_KEY, "sepia")
    settings.sync()
    assert make_window().appearance_actions["system"].isChecked()


# --- a narrow window -----------------------------------------------------------------------


def test_a_narrow_window_floats_the_motifs_rather_than_squeeze_the_journal(
    store, make_window, qtbot
):
    film, _ = film_with_entries(store)
    window = make_window()
    window.select_film(film.id)
    window.resize(1600, 800)
    qtbot.waitUntil(lambda: window.width() == 1600)
    window.motifs_action.trigger()
    assert not window.motifs_dock.isFloating()
    # Even with the motifs docked, the window can be made as narrow as 900 px.
    assert window.minimumWidth() <= 900

    window.resize(900, 600)
    qtbot.waitUntil(lambda: window.width() == 900)
    assert window.motifs_dock.isFloating()
    qtbot.waitUntil(lambda: window.right.width() >= window.journal.minimumSizeHint().width())
    assert window.film_list.width() >= window.film_list.minimumWidth()

    window.resize(1600, 800)
    qtbot.waitUntil(lambda: window.width() == 1600)
    assert not window.motifs_dock.isFloating(), "floated only for want of room: docks again"
    qtbot.waitUntil(lambda: window.right.width() >= window.journal.minimumSizeHint().width())
