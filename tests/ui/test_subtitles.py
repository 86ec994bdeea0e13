"""Subtitles in the app: Film → Subtitles…, the line at an entry's position (Ctrl+D), and
Film → Silences & refrains…, each change an undo step."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from journal.subtitles import storage
from journal.subtitles.reading import read_bytes
from tests.journal.subtitles.script import RUNTIME_MS, as_srt, script_cues

CTRL = Qt.KeyboardModifier.ControlModifier

# Only the offscreen test platform says it cannot pass on size limits or raise a window.
pytestmark = pytest.mark.qt_log_ignore(
    r"This plugin does not support (propagateSizeHints|raise)\(\)"
)


@pytest.fixture
def srt(tmp_path: Path) -> Path:
    path = tmp_path / "mended-cup.en.srt"
    path.write_bytes(b"\xef\xbb\xbf" + as_srt(script_cues(), "\r\n").encode("utf-8"))
    return path


@pytest.fixture
def film(store):
    made = store.create_film("The Mended Cup", year=2024, runtime_ms=RUNTIME_MS)
    store.create_viewing(made.id, date(2026, 11, 30))
    return made


def _with_track(store, film) -> None:
    cues = read_bytes(as_srt(script_cues()).encode(), "cup.srt").cues
    store.attach_subtitles(film.id, cues, file_name="cup.srt", label="English", language="en")


# --- Film → Subtitles… ----------------------------------------------------------------------


def test_attach_shows_the_report_and_lists_the_track(window, store, film, srt, qtbot):
    window.select_film(film.id)
    dialog = window.subtitles.open_subtitles()
    qtbot.waitExposed(dialog)
    assert dialog.empty.isVisible()
    dialog.label_edit.setText("English")
    dialog.language_edit.setText("en")
    assert dialog.attach_file(srt)
    assert dialog.report.text() == "Read 60 cues from mended-cup.en.srt (SubRip, utf-8 (BOM))."
    (track,) = store.list_subtitle_tracks(film.id)
    assert (track.name, track.cue_count) == ("English (en)", 60)
    assert dialog.tracks.count() == 1
    assert dialog.tracks.item(0).text() == (
        "English (en) — 60 lines · mended-cup.en.srt · timed as in the file"
    )
    window.undo_stack.undo()
    assert store.list_subtitle_tracks(film.id) == []
    assert dialog.tracks.isHidden() and dialog.empty.isVisible()
    dialog.close()


def test_a_refused_file_says_why_and_attaches_nothing(window, store, film, tmp_path, qtbot):
    window.select_film(film.id)
    dialog = window.subtitles.open_subtitles()
    video = tmp_path / "film.srt"
    video.write_bytes(b"\x1aE\xdf\xa3" + bytes(500))
    assert not dialog.attach_file(video)
    assert dialog.report.text() == (
        "film.srt is a Matroska (MKV/WebM) video, not a subtitle file. Nothing was attached."
    )
    assert store.list_subtitle_tracks(film.id) == []
    assert window.undo_stack.count() == 0
    dialog.close()


def test_reading_again_in_another_encoding_replaces_the_track_in_one_step(
    window, store, film, tmp_path, qtbot
):
    window.select_film(film.id)
    dialog = window.subtitles.open_subtitles()
    path = tmp_path / "cafe.srt"
    path.write_bytes("1\n00:00:01,000 --> 00:00:03,000\nŽena v kavárně.\n".encode("cp1250"))
    assert dialog.attach_file(path)
    assert dialog.reread_button.isEnabled()
    dialog.encoding.setCurrentIndex(dialog.encoding.findData("cp1250"))
    assert dialog.read_again()
    assert "(SubRip, cp1250)" in dialog.report.text()
    (track,) = store.list_subtitle_tracks(film.id)
    assert store.cues_at(film.id, 2000)[0].text == "Žena v kavárně."
    window.undo_stack.undo()  # the whole replacement is one step
    (before,) = store.list_subtitle_tracks(film.id)
    assert before.uid != track.uid
    dialog.close()


def test_shift_and_rescale_are_undoable_and_shown(window, store, film, qtbot):
    _with_track(store, film)
    window.select_film(film.id)
    dialog = window.subtitles.open_subtitles()
    dialog.shift_seconds.setValue(2.5)
    dialog.later_button.click()
    assert store.list_subtitle_tracks(film.id)[0].offset_ms == 2500
    assert "shifted +2.5 s" in dialog.tracks.item(0).text()
    dialog.to_film_button.click()
    track = store.list_subtitle_tracks(film.id)[0]
    assert track.scale == pytest.approx(25 / 23.976)
    assert "rescaled 25 → 23.976 fps" in dialog.tracks.item(0).text()
    assert window.undo_stack.undoText() == "Rescale subtitles 25 → 23.976 fps"
    window.undo_stack.undo()
    window.undo_stack.undo()
    track = store.list_subtitle_tracks(film.id)[0]
    assert (track.offset_ms, track.scale) == (0, 1.0)
    assert storage.track_cues(store, track.id) == script_cues()
    dialog.earlier_button.click()
    assert store.list_subtitle_tracks(film.id)[0].offset_ms == -2500
    dialog.close()


def test_delete_a_track_and_undo_it(window, store, film, qtbot):
    _with_track(store, film)
    window.select_film(film.id)
    dialog = window.subtitles.open_subtitles()
    uid = store.list_subtitle_tracks(film.id)[0].uid
    assert dialog.delete_track()
    assert store.list_subtitle_tracks(film.id) == []
    assert "Undo" in dialog.report.text()
    window.undo_stack.undo()
    assert [t.uid for t in store.list_subtitle_tracks(film.id)] == [uid]
    dialog.close()


# --- the line at this moment ------------------------------------------------------------------


def test_the_entry_editor_shows_the_line_and_ctrl_d_quotes_it(window, store, film, qtbot):
    _with_track(store, film)
    window.select_film(film.id)
    window.journal.new_entry()
    editor = window.journal.editor
    editor.position.setText("0:02:21")
    editor.position.textEdited.emit("0:02:21")
    assert editor.cue_line.isVisible()
    assert editor.cue_line.full_text() == (
        "\u201cI'm sorry. I should have called.\u201d  0:02:20 · Ctrl+D quotes it"
    )
    editor.position.setFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_D, CTRL)
    viewing = store.list_viewings(film.id)[0]
    (entry,) = store.list_entries(viewing.id)
    assert (entry.position_ms, entry.kind, entry.text) == (
        140_000,
        "dialogue",
        "\u201cI'm sorry. I should have called.\u201d",
    )
    assert window.journal.editor.entry_id() == entry.id  # ready to write beside the quote
    window.undo_stack.undo()
    assert store.list_entries(viewing.id) == []


def test_no_line_and_no_subtitles_are_said_plainly(window, store, film, qtbot):
    window.select_film(film.id)
    window.journal.new_entry()
    editor = window.journal.editor
    assert not editor.cue_line.isVisible()  # a film without subtitles shows nothing new
    window.subtitles.quote_line()
    assert "no subtitles yet" in window.status_bar().currentMessage()
    _with_track(store, film)
    editor.position.setText("0:00:10")
    editor.position.textEdited.emit("0:00:10")
    assert editor.cue_line.full_text() == "No subtitle line at this position"
    window.subtitles.quote_line()
    assert window.status_bar().currentMessage() == "No subtitle line shows at this position"
    assert store.list_entries(store.list_viewings(film.id)[0].id) == []


# --- Film → Silences & refrains… ----------------------------------------------------------


def test_silences_list_and_one_key_makes_a_pause_entry(window, store, film, qtbot):
    _with_track(store, film)
    window.select_film(film.id)
    panel = window.subtitles.open_silences_refrains()
    qtbot.waitExposed(panel)
    first = panel.silences.topLevelItem(0)
    assert [first.text(c) for c in range(3)] == ["0:00:00", "2:10", "before the first line"]
    assert panel.tabs.tabText(0).startswith("Si&lences (")
    panel.min_seconds.setValue(600)
    assert panel.silences.topLevelItemCount() == 1  # only the 11-minute stretch
    second = panel.silences.topLevelItem(0)
    assert [second.text(0), second.text(1)] == ["0:10:22", "11:18"]
    panel.silences.setFocus()
    qtbot.keyClick(panel.silences, Qt.Key.Key_Return)
    viewing = store.list_viewings(film.id)[0]
    (entry,) = store.list_entries(viewing.id)
    assert (entry.position_ms, entry.kind, entry.text) == (
        622_000,
        "pause",
        "No one speaks for 11:18.",
    )
    window.undo_stack.undo()
    assert store.list_entries(viewing.id) == []
    panel.close()


def test_a_refrain_is_pinned_and_becomes_a_motif_in_one_undoable_step(window, store, film, qtbot):
    _with_track(store, film)
    viewing = store.list_viewings(film.id)[0]
    noted = store.create_entry(viewing.id, 1_313_000, "reaction", "it hurts")
    window.select_film(film.id)
    panel = window.subtitles.open_silences_refrains()
    panel.tabs.setCurrentIndex(1)
    top = panel.refrains.topLevelItem(0)
    assert top.text(0) == "I'm sorry — 6 lines"
    assert [top.child(i).text(1) for i in range(top.childCount())] == [
        "0:02:20", "0:21:52", "0:35:12", "0:35:18", "1:18:38", "1:30:00",
    ]  # fmt: skip
    assert panel.pin() >= 1
    texts = [top.child(i).text(0) for i in range(top.childCount())]
    assert "≈ I'm so sorry, Dad." in texts
    assert not panel.pin_button.isEnabled()
    assert panel.make_motif()
    motif = store.find_motif("I'm sorry")
    assert motif is not None and motif.usage_count == 7  # six lines and the variant
    assert store.get_entry(noted.id).motifs == ("I'm sorry",)
    quoted = [e for e in store.list_entries(viewing.id) if e.kind == "dialogue"]
    assert len(quoted) == 6 and quoted[0].text == "\u201cI'm sorry. I should have called.\u201d"
    window.undo_stack.undo()
    assert store.find_motif("I'm sorry") is None
    assert [e.id for e in store.list_entries(viewing.id)] == [noted.id]
    panel.close()


def test_the_panel_of_a_film_without_subtitles_says_how_to_attach_them(window, store, film):
    window.select_film(film.id)
    panel = window.subtitles.open_silences_refrains()
    assert panel.empty.isVisible() and not panel.tabs.isEnabled()
    assert not panel.make_motif() and panel.make_pause() is None
    panel.close()


def test_a_50_mb_file_is_refused_at_once_from_its_size(window, store, film, tmp_path):
    window.select_film(film.id)
    dialog = window.subtitles.open_subtitles()
    huge = tmp_path / "huge.srt"
    with huge.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: nothing is read, so nothing freezes
    assert not dialog.attach_file(huge)
    assert dialog.report.text().startswith("huge.srt is 50.0 MB; a subtitle file is at most 20 MB")
    assert store.list_subtitle_tracks(film.id) == []
    dialog.close()


def test_undoing_a_film_delete_brings_its_subtitles_back(window, store, film, qtbot):
    from ui import commands

    _with_track(store, film)
    uid = store.list_subtitle_tracks(film.id)[0].uid
    commands.perform(window.undo_stack, commands.DeleteFilm(store, film.uid, film.title))
    window.undo_stack.undo()
    film_id = store.id_for_uid("film", film.uid)
    (track,) = store.list_subtitle_tracks(film_id)
    assert (track.uid, track.cue_count) == (uid, 60)
    assert store.cues_at(film_id, 141_000)[0].text == "I'm sorry. I should have called."
