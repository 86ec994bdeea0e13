"""Film → New, Edit and Delete: the film dialog and the delete confirmation, each change made
as one undo command; and after undoing a deletion (or redoing an addition) the film is shown
again."""

from __future__ import annotations

import contextlib
from typing import Any, Protocol

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMainWindow, QMessageBox

from journal.errors import JournalError, NotFoundError
from journal.store import FilmRow, Store
from ui import commands
from ui.messages import plural
from ui.widgets import title_with_year


def film_label(film: FilmRow) -> str:
    return title_with_year(film.title, film.year)


class Host(Protocol):
    """What the flows need from the window."""

    store: Store
    undo_stack: QUndoStack

    def current_film_id(self) -> int | None: ...
    def flush_journal(self) -> bool: ...
    def select_film(self, film_id: int) -> bool: ...
    def focus_journal(self) -> None: ...
    def update_title(self) -> None: ...
    def show_status(self, message: str) -> None: ...
    def show_undoable_status(self, message: str) -> None: ...
    def show_error(self, title: str, message: str) -> None: ...
    def show_box(self, box: QMessageBox) -> None: ...


class FilmFlows(QObject):
    """The film dialog (one at a time: ``dialog``) and deleting a film, for one window (a
    child of it, so nothing reaches it once the window is gone)."""

    def __init__(self, host: Host, window: QMainWindow) -> None:
        super().__init__(window)
        self.host = host
        self.window = window
        self.dialog: Any = None
        self._undo_index = 0

    # --- the film dialog ----------------------------------------------------------------------

    def new_film(self) -> None:
        self._open_dialog(None)

    def edit_current_film(self) -> None:
        film_id = self.host.current_film_id()
        if film_id is None:
            self.host.show_status("Choose a film to edit first")
            return
        self.edit_film(film_id)

    def edit_film(self, film_id: int) -> None:
        try:
            film = self.host.store.get_film(film_id)
        except NotFoundError as exc:
            self.host.show_status(str(exc))
            return
        self._open_dialog(film)

    def _open_dialog(self, film: FilmRow | None) -> None:
        from ui.dialogs.film_dialog import FilmDialog

        if self.dialog is not None:
            self.dialog.close()
        self.host.flush_journal()
        self.host.store.warm_up_in_background()  # a save is coming
        dialog = FilmDialog(film, self.window, find_same=self._find_same_film)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._accepted(dialog))
        dialog.open_existing.connect(self._open_existing_film)
        dialog.finished.connect(self.window.activateWindow)
        dialog.destroyed.connect(lambda: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()
        dialog.title_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _find_same_film(self, title: str, year: int | None) -> FilmRow | None:
        from ui.dialogs.film_dialog import same_film

        return same_film(self.host.store.list_films(), title, year)

    def _open_existing_film(self, film_id: int) -> None:
        if self.host.select_film(film_id):
            self.host.focus_journal()

    def _accepted(self, dialog: Any) -> None:
        host = self.host
        try:
            if dialog.film is None:
                created = commands.perform(
                    host.undo_stack, commands.CreateFilm(host.store, dialog.values())
                )
                host.select_film(created.id)
                host.show_undoable_status(f"Added {film_label(created)}")
                host.focus_journal()
            else:
                before, after = dialog.changes()
                if after:
                    commands.perform(
                        host.undo_stack,
                        commands.EditFilm(host.store, dialog.film.uid, before, after),
                    )
                    host.update_title()
        except JournalError as exc:
            host.show_error("The film was not saved", str(exc))

    # --- deleting -----------------------------------------------------------------------------

    def delete_current_film(self) -> None:
        host = self.host
        film_id = host.current_film_id()
        if film_id is None:
            host.show_status("Choose a film to delete first")
            return
        try:
            host.flush_journal()
            film = host.store.get_film(film_id)
            viewings, entries = host.store.film_counts(film_id)
        except JournalError as exc:
            host.show_status(str(exc))
            return
        box = QMessageBox(self.window)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle("Delete film")
        box.setText(f"Delete “{film_label(film)}” from the journal?")
        goes = (
            f"Its {plural(viewings, 'viewing', 'viewings')} and "
            f"{plural(entries, 'entry', 'entries')} go with it."
            if viewings or entries
            else "It has no viewings or entries yet."
        )
        box.setInformativeText(
            f"{goes} You can take this back with Edit → Undo (Ctrl+Z) while the app is open."
        )
        delete_button = box.addButton("Delete film", QMessageBox.ButtonRole.DestructiveRole)
        cancel_button = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel_button)
        box.setEscapeButton(cancel_button)

        def finished() -> None:
            if box.clickedButton() is delete_button:
                self.delete_film(film)

        box.finished.connect(finished)
        host.show_box(box)

    def delete_film(self, film: FilmRow) -> None:
        host = self.host
        try:
            commands.perform(host.undo_stack, commands.DeleteFilm(host.store, film.uid, film.title))
        except JournalError as exc:
            host.show_error("The film was not deleted", str(exc))
            return
        host.show_undoable_status(f"Deleted {film_label(film)} — Ctrl+Z brings it back")

    def undo_moved(self, index: int) -> None:
        """After undoing a film's deletion (or redoing its creation), show that film again
        (the window passes on its undo stack's ``indexChanged``)."""
        previous, self._undo_index = self._undo_index, index
        stack = self.host.undo_stack
        if index < previous:
            command = stack.command(index)
            wanted = isinstance(command, commands.DeleteFilm)
            uid = getattr(command, "film_uid", None)
        elif index > previous:
            command = stack.command(index - 1)
            wanted = isinstance(command, commands.CreateFilm)
            uid = getattr(command, "uid", None)
        else:
            return
        if wanted and uid:
            with contextlib.suppress(NotFoundError):
                self.host.select_film(self.host.store.id_for_uid("film", uid))
