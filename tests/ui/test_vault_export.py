"""File → Export all to Markdown writes the vault: film notes and motif notes, and says so."""

from __future__ import annotations

import pytest

from tests.ui.test_main_window import wait_for_job

pytestmark = pytest.mark.qt_log_ignore(
    r"This plugin does not support (propagateSizeHints|raise)\(\)"
)


def test_export_all_writes_motif_notes_and_counts_them(window, store, qtbot, tmp_path, monkeypatch):
    film = store.create_film("Tokyo Story", year=1953)
    viewing = store.create_viewing(film.id, "2024-03-18")
    store.create_entry(viewing.id, 60_000, "motif", "the cup", motifs=["Mended cup", "Clock"])
    folder = tmp_path / "vault"
    folder.mkdir()
    monkeypatch.setattr(window.transfer, "choose_folder", lambda _title: folder)
    window.export_all_action.trigger()
    wait_for_job(qtbot, window)
    assert window.message_box.text() == "Wrote 1 Markdown file and 2 motif notes"
    assert sorted(p.name for p in (folder / "motifs").iterdir()) == ["clock.md", "mended-cup.md"]
    assert "[[motifs/mended-cup|Mended cup]]" in (folder / "tokyo-story-1953.md").read_text()
