"""File → Import from Letterboxd… and Export for Letterboxd… in the real window."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest

from tests.journal.letterboxd.exports import (
    DIARY_COLUMNS,
    csv_text,
    diary_row,
    make_folder,
    make_zip,
)
from tests.journal.letterboxd.test_end_to_end import realistic_export
from tests.ui.test_main_window import click, wait_for_job

pytestmark = pytest.mark.qt_log_ignore(
    r"This plugin does not support (propagateSizeHints|raise)\(\)"
)


def _counts(dialog) -> dict[str, str]:
    return {name: label.text() for name, label in dialog.count_labels.items()}


def _import(window, qtbot, monkeypatch, source: Path):
    monkeypatch.setattr(window.letterboxd, "choose_export", lambda: source)
    window.import_letterboxd_action.trigger()
    wait_for_job(qtbot, window)  # reading and planning; the preview opens when it ends
    return window.letterboxd.preview


def test_the_preview_tells_what_will_be_added_before_anything_is_written(
    window, store, qtbot, tmp_path, monkeypatch
):
    source = realistic_export(tmp_path / "letterboxd-me.zip")
    dialog = _import(window, qtbot, monkeypatch, source)
    assert dialog.windowTitle() == "Import from Letterboxd"
    assert _counts(dialog) == {"films": "5", "viewings": "6", "reflections": "1", "tags": "3"}
    assert "1 watchlist film, 1 liked film, 1 list" in dialog.notes.text()
    assert store.list_films() == []  # nothing written while the preview is open
    dialog.grab().save(str(tmp_path / "preview.png"))

    window.undo_stack.push(_noop_command())
    dialog.import_button.click()
    wait_for_job(qtbot, window)
    assert len(store.list_films()) == 5 and store.counts()["viewing"] == 6
    qtbot.waitUntil(lambda: window.film_list.model.rowCount() == 5)
    box = window.message_box
    assert box.text() == "Imported letterboxd-me.zip"
    assert box.informativeText() == "Added 5 films, 6 viewings, 1 reflection, 3 tags."
    assert window.undo_stack.count() == 0  # cleared, as after a JSON import
    click(box, "OK")

    # The same export again: nothing new, no preview.
    assert _import(window, qtbot, monkeypatch, source) is None
    assert window.message_box.text() == "Read letterboxd-me.zip"
    assert store.counts()["viewing"] == 6


def _noop_command():
    from PySide6.QtGui import QUndoCommand

    return QUndoCommand("Something earlier")


def test_an_ambiguous_film_is_chosen_in_the_preview(window, store, qtbot, tmp_path, monkeypatch):
    one = store.create_film("Solaris", year=1972, director="Andrei Tarkovsky")
    two = store.create_film("Solaris", year=1972)
    rows = [
        diary_row("Solaris", "1972", "https://boxd.it/s1", "2020-01-01", "3.5", "", "sci-fi"),
        diary_row("Stalker", "1979", "https://boxd.it/s2", "2020-01-02", "5"),
    ]
    source = make_zip(tmp_path / "e.zip", {"diary.csv": csv_text(DIARY_COLUMNS, rows)})
    dialog = _import(window, qtbot, monkeypatch, source)
    (chooser,) = dialog.choosers.values()
    assert [chooser.itemText(i) for i in range(chooser.count())] == [
        "Leave out for now",
        "Solaris (1972), directed by Andrei Tarkovsky, 0 viewings",
        "Solaris (1972), 0 viewings",
    ]
    assert _counts(dialog) == {"films": "1", "viewings": "1", "reflections": "0", "tags": "0"}
    assert "Left out until you choose: 1 viewing of 1 film." in dialog.notes.text()
    dialog.grab().save(str(tmp_path / "ambiguous.png"))
    chooser.setCurrentIndex(2)
    assert _counts(dialog) == {"films": "1", "viewings": "2", "reflections": "0", "tags": "1"}
    assert "Left out" not in dialog.notes.text()
    dialog.import_button.click()
    wait_for_job(qtbot, window)
    assert store.list_viewings(one.id) == []
    assert [(v.rating, v.tags) for v in store.list_viewings(two.id)] == [(3.5, ("sci-fi",))]


def test_cancelling_the_preview_writes_nothing(window, store, qtbot, tmp_path, monkeypatch):
    rows = [diary_row("Stalker", "1979", "https://boxd.it/s2", "2020-01-02", "5")]
    folder = make_folder(tmp_path / "unpacked", {"diary.csv": csv_text(DIARY_COLUMNS, rows)})
    dialog = _import(window, qtbot, monkeypatch, folder)
    dialog.reject()
    assert store.list_films() == [] and window.jobs.current is None


def test_a_file_that_is_not_an_export_says_why(window, store, qtbot, tmp_path, monkeypatch):
    junk = tmp_path / "holiday.zip"
    junk.write_bytes(b"not a zip")
    assert _import(window, qtbot, monkeypatch, junk) is None
    box = window.message_box
    assert box.text() == "Nothing was imported"
    assert "holiday.zip is not a ZIP file" in box.informativeText()


def test_choosing_a_csv_of_an_unpacked_export_imports_its_folder(window, monkeypatch, tmp_path):
    folder = make_folder(tmp_path / "unpacked", {"diary.csv": "x"})
    monkeypatch.setattr(
        "ui.letterboxd.QFileDialog.getOpenFileName",
        lambda *_args: (str(folder / "diary.csv"), ""),
    )
    assert window.letterboxd.choose_export() == folder


def test_export_for_letterboxd_writes_the_importer_csv(window, store, qtbot, tmp_path, monkeypatch):
    film = store.create_film("Tokyo Story", year=1953, director="Yasujirō Ozu")
    viewing = store.create_viewing(film.id, date(2024, 3, 18), rating=4.5, reflection="The clock.")
    store.set_viewing_tags(viewing.id, ["ozu"])
    target = tmp_path / "films.csv"
    monkeypatch.setattr(window.letterboxd, "choose_csv_target", lambda: target)
    window.export_letterboxd_action.trigger()
    wait_for_job(qtbot, window)
    rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8"), newline="")))
    assert rows == [
        ["Title", "Year", "Directors", "WatchedDate", "Rating", "Rewatch", "Tags", "Review"],
        ["Tokyo Story", "1953", "Yasujirō Ozu", "2024-03-18", "4.5", "false", "ozu", "The clock."],
    ]
    assert window.message_box.text() == "Saved films.csv"


def test_export_for_letterboxd_refuses_the_journal_itself(window, store, qtbot, monkeypatch):
    store.create_film("Tokyo Story")
    target = store.path
    before = target.stat().st_mtime_ns
    monkeypatch.setattr(window.letterboxd, "choose_csv_target", lambda: target)
    window.export_letterboxd_action.trigger()
    assert window.jobs.current is None
    assert window.message_box.text() == "Nothing was exported"
    assert target.stat().st_mtime_ns == before


def test_a_viewings_tags_are_shown_edited_and_undone_in_the_viewing_bar(
    window, store, qtbot, tmp_path
):
    film = store.create_film("Tokyo Story", year=1953, director="Yasujirō Ozu")
    viewing = store.create_viewing(film.id, date(2024, 3, 18), rating=4.5, reflection="The clock.")
    store.set_viewing_tags(viewing.id, ["ozu"])
    store.set_viewing_tags(store.create_viewing(film.id, date(2024, 3, 1)).id, ["Family"])
    window.resize(1100, 700)
    window.film_list.select_film(film.id)
    qtbot.waitUntil(lambda: window.journal.current_film_id() == film.id)
    bar = window.journal.viewing_bar
    field = bar.tags_edit
    assert field.text() == "ozu" and field.isEnabled()
    window.grab().save(str(tmp_path / "window-with-tags.png"))

    field.setFocus()
    field.setText("Ozu, slow  cinema, family")
    field.setModified(True)  # as typing leaves it
    field._offer("Ozu, slow cinema, fa")
    assert field.completer().model().stringList() == ["Ozu, slow cinema, Family"]
    field.editingFinished.emit()
    assert store.get_viewing(viewing.id).tags == (
        "Family",
        "ozu",
        "slow cinema",
    )  # as the journal spells them
    qtbot.waitUntil(lambda: field.text() == "Family, ozu, slow cinema")
    assert window.undo_stack.undoText() == "Edit tags"
    window.undo_stack.undo()
    assert store.get_viewing(viewing.id).tags == ("ozu",)
    qtbot.waitUntil(lambda: field.text() == "ozu")


def test_undoing_a_deleted_viewing_brings_back_its_tags_and_diary_link(store, stack, tmp_path):
    from ui import commands

    rows = [
        diary_row("Stalker", "1979", "https://boxd.it/s2", "2020-01-02", "5", "", "zone, tarkovsky")
    ]
    source = make_zip(tmp_path / "e.zip", {"diary.csv": csv_text(DIARY_COLUMNS, rows)})
    from journal.letterboxd.reading import read_export

    store.apply_letterboxd_plan(store.plan_letterboxd_import(read_export(source)))
    (film,) = store.list_films()
    (viewing,) = store.list_viewings(film.id)
    commands.perform(stack, commands.DeleteViewing(store, film.uid, viewing.uid))
    assert store.list_viewings(film.id) == []
    stack.undo()
    (back,) = store.list_viewings(film.id)
    assert (back.uid, back.tags, back.letterboxd_uri) == (
        viewing.uid,
        ("tarkovsky", "zone"),
        "https://boxd.it/s2",
    )
    # …so importing the export again still adds nothing.
    assert not store.plan_letterboxd_import(read_export(source)).summary.adds_anything
