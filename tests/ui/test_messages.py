"""The app's one set of wording helpers and the shared autosave wait."""

from __future__ import annotations

import errno

from PySide6.QtCore import QObject, Signal

from journal.errors import StorageError
from ui.messages import describe, plural, sentence
from ui.widgets import AUTOSAVE_DELAY_MS, Autosave


def test_plural_counts_with_the_right_word():
    assert plural(0, "entry", "entries") == "0 entries"
    assert plural(1, "entry", "entries") == "1 entry"
    assert plural(12, "match", "matches") == "12 matches"


def test_describe_says_what_went_wrong_in_words():
    assert describe(StorageError("the disk is full")) == "the disk is full"
    missing = FileNotFoundError(errno.ENOENT, "No such file or directory", "/tmp/x.json")
    assert describe(missing) == "No such file or directory (/tmp/x.json)"
    assert describe(ValueError("odd")) == "unexpected error: ValueError('odd')"


def test_sentence_capitalises_words_but_never_paths_or_fields():
    assert sentence("  the disk is full ") == "The disk is full."
    assert sentence("cannot restore: it is damaged") == "Cannot restore: it is damaged."
    assert sentence("films[0].title is empty") == "films[0].title is empty."
    assert sentence("/home/a/journal.json is not a file") == "/home/a/journal.json is not a file."
    assert sentence("Done!") == "Done!"
    assert sentence("") == ""


class Field(QObject):
    left = Signal()


def test_autosave_waits_for_a_pause_then_saves_once(qtbot):
    saves: list[int] = []
    owner = Field()
    autosave = Autosave(lambda: saves.append(1), owner)
    autosave.schedule()
    autosave.schedule()  # typing on restarts the wait
    assert autosave.is_pending() and saves == []
    qtbot.waitUntil(lambda: saves == [1], timeout=AUTOSAVE_DELAY_MS * 5)
    assert not autosave.is_pending()


def test_autosave_flushes_at_once_and_only_what_waits():
    saves: list[int] = []
    owner = Field()
    autosave = Autosave(lambda: saves.append(1), owner)
    assert autosave.flush() is False and saves == []
    autosave.schedule()
    assert autosave.flush() is True and saves == [1]
    assert not autosave.is_pending()
    autosave.schedule()
    autosave.cancel()
    assert not autosave.is_pending()
    assert autosave.flush() is False and saves == [1]


def test_autosave_saves_when_the_field_is_left():
    saves: list[int] = []
    owner = Field()
    autosave = Autosave(lambda: saves.append(1), owner)
    autosave.save_on(owner.left)
    owner.left.emit()
    assert saves == [1]
