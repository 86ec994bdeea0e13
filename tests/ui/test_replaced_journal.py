"""The journal file replaced or removed under the running window (a sync tool renaming a new
copy over it): the window notices before its next write, writes nothing, keeps the words, and
says what happened; exports refuse to write over the journal's own files."""

from __future__ import annotations

import hashlib
import os
import shutil
from datetime import date

import pytest
from PySide6.QtWidgets import QMessageBox

pytestmark = pytest.mark.qt_log_ignore(
    r"This plugin does not support (propagateSizeHints|raise)\(\)"
)


def sha256(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_typing_after_the_journal_was_replaced_keeps_the_words_and_says_so(
    window, store, qtbot, tmp_path
):
    film = store.create_film("Tokyo Story", year=1953)
    store.create_viewing(film.id, date(2024, 3, 1))
    window.film_list.select_film(film.id)
    qtbot.waitUntil(lambda: window.journal.current_film_id() == film.id)
    window.journal.new_entry()

    copy = tmp_path / "incoming.sqlite3"
    shutil.copyfile(store.path, copy)
    os.replace(copy, store.path)  # what Syncthing or Dropbox does
    replaced = sha256(store.path)

    window.journal.editor.text.setPlainText("The cup, mended at last.")
    assert not window.journal.flush()  # the save is refused ...
    assert window.journal.editor.text.toPlainText() == "The cup, mended at last."  # ... words kept
    qtbot.waitUntil(lambda: window.message_box is not None)
    box = window.message_box
    assert isinstance(box, QMessageBox)
    assert "changed on disk" in box.text()
    assert "replaced by another file" in box.informativeText()
    assert sha256(store.path) == replaced  # nothing was written into the new file
    box.close()
    # Closing now asks first (the words could not be saved); the default keeps the window.
    asked: list[bool] = []
    window.confirm_close_unsaved = lambda: asked.append(True) or True
    window.close()
    assert asked == [True]
    assert sha256(store.path) == replaced


def test_export_into_the_backups_folder_is_refused(window, store, monkeypatch):
    store.create_film("Tokyo Story", year=1953)
    target = store.data_dir / "backups"
    target.mkdir(exist_ok=True)
    monkeypatch.setattr(window.transfer, "choose_folder", lambda _title: target)
    window.export_all()
    assert window.message_box is not None
    assert "backups folder" in window.message_box.informativeText()
    assert list(target.glob("*.md")) == []
