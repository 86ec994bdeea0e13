"""The line at this moment: the subtitle showing at an entry's position, in one quiet line,
and the values of a ``dialogue`` entry that quotes it (Entry → Quote the line, Ctrl+D)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtWidgets import QWidget

from journal import timecode
from journal.errors import JournalError
from journal.store import Store
from journal.subtitles import storage
from journal.subtitles.cues import Cue
from ui.widgets import ElidedLabel, muted


def line_text(cues: Sequence[Cue]) -> str:
    """What the cues at one moment say, on one line (their own lines joined by " / ")."""
    return " / ".join(" / ".join(cue.text.splitlines()) for cue in cues)


def quote_values(cues: Sequence[Cue]) -> dict[str, Any]:
    """A ``dialogue`` entry quoting ``cues``: at the first one's start, their text in quotes."""
    text = "\n".join(cue.text for cue in cues)
    return {
        "position_ms": min(cue.start_ms for cue in cues),
        "kind": "dialogue",
        "text": storage.quote(text),
        "intensity": None,
        "motifs": [],
    }


class CueLine(ElidedLabel):
    """``“I'm sorry, Dad.”  0:21:52 · Ctrl+D quotes it`` under the entry's fields, or nothing.

    Hidden for a film without subtitles, so a journal that never uses them sees no change.
    """

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        self.setObjectName("cueLine")
        muted(self)
        self._store = store
        self._film_id: int | None = None
        self._position_ms: int | None = None
        self.cues: list[Cue] = []
        self.hide()

    def show_at(self, film_id: int | None, position_ms: int | None) -> None:
        """Show the line at ``position_ms`` of the film (None: no valid position)."""
        self._film_id, self._position_ms = film_id, position_ms
        self.refresh()

    def refresh(self) -> None:
        """Look again (the film's subtitles were attached, aligned or deleted)."""
        self.cues = []
        has_track = False
        if self._film_id is not None:
            try:
                has_track = storage.first_track_id(self._store, self._film_id) is not None
                if has_track and self._position_ms is not None:
                    self.cues = self._store.cues_at(self._film_id, self._position_ms)
            except JournalError:
                has_track = False
        if self.cues:
            start = timecode.format(self.cues[0].start_ms)
            self.setText(f"{storage.quote(line_text(self.cues))}  {start} · Ctrl+D quotes it")
        elif has_track:
            self.setText("No subtitle line at this position")
        self.setVisible(has_track)


def quote_line(journal: Any, stack: Any, store: Store) -> str:
    """Add the line at the entry editor's position as a ``dialogue`` entry quoting it, select
    that entry, and return what to say in the status bar (why nothing happened, or what did).

    ``journal`` is the journal pane (its editor, viewing bar and entry selection).
    """
    from ui import commands

    film_id = journal.current_film_id()
    if film_id is None:
        return "Choose a film first"
    editor = journal.editor
    line = editor.cue_line
    if not line.cues:
        if storage.first_track_id(store, film_id) is None:
            return "This film has no subtitles yet: attach them with Film → Subtitles…"
        return "No subtitle line shows at this position"
    cues = list(line.cues)
    if not editor.flush_before_leaving():
        return "The entry being written could not be saved; the line was not added"
    viewing = editor.viewing() or journal.viewing_bar.current_viewing()
    if viewing is None:
        viewing = journal.viewing_bar.new_viewing()
        if viewing is None:
            return "Could not start a viewing for the line"
    try:
        entry = commands.perform(
            stack, commands.CreateEntry(store, viewing.uid, quote_values(cues))
        )
    except JournalError as exc:
        return f"The line was not added: {exc}"
    journal.select_entry(entry.id)
    return f"Added the line at {timecode.format(entry.position_ms)} as a Dialogue entry"
