"""The film dialog: every field checked as typed, OK only when valid, only changes reported."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from journal.store import FilmRow
from ui.dialogs.film_dialog import FilmDialog

# Only the offscreen test platform says it cannot pass on size limits or raise a window.
pytestmark = pytest.mark.qt_log_ignore(
    r"This plugin does not support (propagateSizeHints|raise)\(\)"
)

SUBTITLE_BLOCK = "12\n00:01:02,500 --> 00:01:04,000\nYou kept the letter all these years?\n"


@pytest.fixture
def dialog(qtbot):
    made = FilmDialog()
    qtbot.addWidget(made)
    return made


def film_row(**overrides) -> FilmRow:
    values = dict(
        id=7,
        uid="5b0c9a4e-5d0e-4a7c-9d55-0d3a1f1e2c11",
        title="Tokyo Story",
        year=1953,
        director="Yasujirō Ozu",
        runtime_ms=8_160_000,
        notes="",
        letterboxd_uri=None,
    )
    values.update(overrides)
    return FilmRow(**values)


def test_a_new_dialog_waits_for_a_title_without_scolding(dialog):
    assert not dialog.ok_button.isEnabled()
    assert dialog.error_text("title") == ""
    assert dialog.focusWidget() in (None, dialog.title_edit)


def test_typing_a_title_enables_ok_and_gives_clean_values(dialog, qtbot):
    qtbot.keyClicks(dialog.title_edit, "  Aftersun ")
    dialog.year_edit.setText("2022")
    dialog.director_edit.setText("Charlotte Wells")
    dialog.runtime_edit.setText("1h42m")
    dialog.notes_edit.setPlainText("Seen twice.\nThe second time alone.")
    assert dialog.ok_button.isEnabled()
    assert dialog.values() == {
        "title": "Aftersun",
        "year": 2022,
        "director": "Charlotte Wells",
        "runtime_ms": 6_120_000,
        "letterboxd_uri": None,
        "notes": "Seen twice.\nThe second time alone.",
    }


def test_clearing_the_title_says_it_is_required(dialog, qtbot):
    qtbot.keyClicks(dialog.title_edit, "A")
    qtbot.keyClick(dialog.title_edit, Qt.Key.Key_Backspace)
    assert dialog.error_text("title") == "Title is required"
    assert not dialog.ok_button.isEnabled()
    assert dialog.title_edit.property("invalid") is True


def test_a_title_of_301_characters_is_refused_and_kept(dialog):
    long_title = "x" * 301
    dialog.title_edit.setText(long_title)
    dialog._on_title_edited(long_title)
    assert dialog.error_text("title") == "Title is 301 characters long; the limit is 300"
    assert not dialog.ok_button.isEnabled()
    assert dialog.title_edit.text() == long_title
    dialog.title_edit.setText("x" * 300)
    assert dialog.ok_button.isEnabled()


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("1500", "Year 1500 is outside 1870–2100"),
        ("2101", "Year 2101 is outside 1870–2100"),
        ("abc", "Year “abc” is not a year; type four digits, like 1997"),
        ("19.5", "Year “19.5” is not a year; type four digits, like 1997"),
        ("-1953", "Year “-1953” is not a year; type four digits, like 1997"),
    ],
)
def test_bad_years_are_explained_under_the_field(dialog, typed, message):
    dialog.title_edit.setText("Tokyo Story")
    dialog.year_edit.setText(typed)
    assert dialog.error_text("year") == message
    assert not dialog.ok_button.isEnabled()
    assert dialog.year_edit.text() == typed
    dialog.year_edit.clear()
    assert dialog.ok_button.isEnabled()
    assert dialog.values()["year"] is None


@pytest.mark.parametrize("junk", ["junk", "1:99:00", "two hours", SUBTITLE_BLOCK, "0"])
def test_runtime_junk_is_refused_with_the_accepted_forms(dialog, junk):
    dialog.title_edit.setText("Tokyo Story")
    dialog.runtime_edit.setText(junk)
    message = dialog.error_text("runtime_ms")
    assert message.startswith("Runtime ")
    assert not dialog.ok_button.isEnabled()
    if junk != "0":
        assert "h:mm:ss" in message


@pytest.mark.parametrize(
    ("typed", "expected_ms"),
    [
        ("2:16:00", 8_160_000),
        ("136:00", 8_160_000),
        ("8160", 8_160_000),
        ("2h16m", 8_160_000),
        ("136m", 8_160_000),
        (" 1:02:03.5 ", 3_723_500),
    ],
)
def test_runtime_accepts_every_timecode_form(dialog, typed, expected_ms):
    dialog.title_edit.setText("Tokyo Story")
    dialog.runtime_edit.setText(typed)
    assert dialog.error_text("runtime_ms") == ""
    assert dialog.values()["runtime_ms"] == expected_ms


def test_director_and_letterboxd_are_checked_too(dialog):
    dialog.title_edit.setText("Tokyo Story")
    dialog.director_edit.setText("y" * 301)
    assert dialog.error_text("director").startswith("Director is 301 characters long")
    dialog.director_edit.setText("Ozu")
    dialog.letterboxd_edit.setText("letterboxd.com/film/tokyo-story")
    assert "https://" in dialog.error_text("letterboxd_uri")
    assert not dialog.ok_button.isEnabled()
    dialog.letterboxd_edit.setText("https://letterboxd.com/film/tokyo-story/")
    assert dialog.ok_button.isEnabled()


def test_notes_with_a_control_character_are_refused(dialog):
    dialog.title_edit.setText("Tokyo Story")
    dialog.notes_edit.setPlainText("fine\x07 not fine")
    assert "control character" in dialog.error_text("notes")
    assert not dialog.ok_button.isEnabled()


def test_enter_in_the_title_accepts_only_when_valid(dialog, qtbot):
    dialog.show()
    qtbot.keyClick(dialog.title_edit, Qt.Key.Key_Return)
    assert dialog.result() != FilmDialog.DialogCode.Accepted
    assert dialog.isVisible()
    qtbot.keyClicks(dialog.title_edit, "Yi Yi")
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.title_edit, Qt.Key.Key_Return)


def test_editing_shows_the_film_and_reports_only_changes(qtbot):
    film = film_row()
    dialog = FilmDialog(film)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Edit film"
    assert dialog.runtime_edit.text() == "2:16:00"
    assert dialog.year_edit.text() == "1953"
    assert dialog.ok_button.isEnabled()
    assert dialog.changes() == ({}, {})
    dialog.runtime_edit.setText("136m")  # same runtime, other form: no change
    dialog.director_edit.setText("Ozu Yasujirō")
    dialog.year_edit.clear()
    assert dialog.changes() == (
        {"director": "Yasujirō Ozu", "year": 1953},
        {"director": "Ozu Yasujirō", "year": None},
    )
