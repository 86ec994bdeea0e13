"""Film → Subtitles…, Film → Silences & refrains… and Entry → Quote the line, for one window
(a child of it, so nothing reaches it once the window is gone)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt

from journal.errors import NotFoundError
from journal.rows import FilmRow, ViewingRow


class SubtitleFlows(QObject):
    """Opens the subtitle dialogs for the film the window shows, and quotes the line."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window

    def _film(self) -> FilmRow | None:
        film_id = self.window.journal.current_film_id()
        if film_id is None:
            self.window.show_status("Choose a film first, or add one with Ctrl+Shift+N")
            return None
        try:
            film: FilmRow = self.window.store.get_film(film_id)
        except NotFoundError as exc:
            self.window.show_status(str(exc))
            return None
        return film

    def open_subtitles(self) -> Any:
        """Film → Subtitles…: attach, fit and delete the current film's subtitle tracks."""
        from ui.subtitles.dialog import SubtitlesDialog

        film = self._film()
        if film is None:
            return None
        window = self.window
        dialog = SubtitlesDialog(window.store, window.bridge, window.undo_stack, film, window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def open_silences_refrains(self) -> Any:
        """Film → Silences & refrains…: beside the journal, so entries made there show."""
        from ui.subtitles.panel import SilencesRefrainsDialog

        film = self._film()
        if film is None:
            return None
        window = self.window
        dialog = SilencesRefrainsDialog(
            window.store,
            window.bridge,
            window.undo_stack,
            film,
            lambda: self._viewing_for_film(film.id),
            lambda entry_id: window.open_entry(film.id, entry_id),
            window,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def _viewing_for_film(self, film_id: int) -> ViewingRow | None:
        """Where entries made from the film's subtitles go: the film is shown again if the
        person moved on, then its viewing shown, else a new one dated today."""
        if not self.window.select_film(film_id):
            return None
        bar = self.window.journal.viewing_bar
        viewing: ViewingRow | None = bar.current_viewing() or bar.new_viewing()
        return viewing

    def quote_line(self) -> None:
        """Entry → Quote the line (Ctrl+D): the subtitle at the entry's position as an entry."""
        from ui.subtitles.line import quote_line

        if self._film() is not None:
            window = self.window
            window.show_status(quote_line(window.journal, window.undo_stack, window.store))
