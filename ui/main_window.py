"""The main window: the film list on the left, the selected film's journal on the right, motifs
in a dock, search on Ctrl+F, and every action in a menu with its shortcut.

The window holds no journal data of its own. Edits go through undo commands to the store; the
store's change notices (via the bridge) refresh the models and the "Saved" note in the status
bar.
"""

from __future__ import annotations

import contextlib
from datetime import date, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QKeyEvent,
    QKeySequence,
    QResizeEvent,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from journal.errors import JournalError, NotFoundError
from journal.store import Change, FilmRow, SearchHit, Store
from ui import actions as action_table
from ui import commands, messages, theme
from ui import settings as window_settings
from ui.bridge import StoreBridge
from ui.film_list import Column, FilmListPane
from ui.journal_view import JournalView
from ui.widgets import title_with_year

APP_TITLE = "Reflective Journal"
MAX_MIN_WIDTH = 900
EXPORT_FOLDER_KEY = "export/folder"


def plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def film_label(film: FilmRow) -> str:
    return title_with_year(film.title, film.year)


class WelcomePane(QWidget):
    """The first-launch empty state: what to do first, and how the journal works."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcome")
        title = QLabel("Add the film you just watched", self)
        title.setObjectName("emptyTitle")
        title.setWordWrap(True)
        title.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        text = QLabel(
            "Each film keeps its viewings; each viewing, notes written against the film’s "
            "timestamps — a pause, a motif, a line, your own reaction. Everything is saved "
            "as you type.",
            self,
        )
        text.setObjectName("emptyText")
        text.setWordWrap(True)
        text.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.add_button = QPushButton("Add a film…   Ctrl+Shift+N", self)
        self.add_button.setObjectName("primaryButton")
        # A word-wrapped label only gets its full height when the layout gives it a width,
        # so the text sits in a centred column rather than being aligned inside the layout.
        column = QWidget(self)
        column.setMaximumWidth(560)
        inner = QVBoxLayout(column)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.setSpacing(14)
        inner.addWidget(title)
        inner.addWidget(text)
        inner.addSpacing(8)
        inner.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignHCenter)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(column, 4)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 32, 32, 32)
        layout.addStretch(2)
        layout.addLayout(row)
        layout.addStretch(3)


class MainWindow(QMainWindow):
    # After File → Restore from backup…: the window that took over (on the restored journal).
    replaced = Signal(object)
    # The journal file was replaced or removed by another program (the message to show).
    journal_replaced = Signal(str)

    def __init__(self, store: Store, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.settings = settings
        self.setObjectName("mainWindow")
        self.setWindowTitle(APP_TITLE)
        self.undo_stack = QUndoStack(self)
        commands.report_error = self.show_error_status
        self.bridge = StoreBridge(store, self)
        store.replaced_listeners.append(self.journal_replaced.emit)
        self.journal_replaced.connect(self._on_journal_replaced, Qt.ConnectionType.QueuedConnection)
        self.search_dialog: Any = None
        self.film_dialog: Any = None
        self.message_box: QMessageBox | None = None
        self.progress_dialog: QProgressDialog | None = None
        self.job: Any = None
        self.backup_job: Any = None
        self._undo_index = 0

        # Created in reading order, which is also the Tab order: filter, list, journal.
        self.film_list = FilmListPane(store, self.bridge, self)
        self.journal = JournalView(store, self.bridge, self.undo_stack, self)
        self.welcome = WelcomePane(self)
        self.right = QStackedWidget(self)
        self.right.addWidget(self.welcome)
        self.right.addWidget(self.journal)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.film_list)
        self.splitter.addWidget(self.right)
        # A wider window gives the journal most of the new room, the list a little.
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 3)
        # The journal keeps the width its own layout needs (its minimum size hint): a
        # narrower window floats the motifs dock rather than squeezing the journal.
        self.film_list.setMinimumWidth(220)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(10, 10, 10, 4)
        layout.addWidget(self.splitter)
        self.setCentralWidget(central)

        # The panel itself is made when the dock is first shown (see motifs_panel).
        self._motifs_panel: Any = None
        self.motifs_dock = QDockWidget("Motifs", self)
        self.motifs_dock.setObjectName("motifsDock")
        self.motifs_dock.setAllowedAreas(
            Qt.DockWidgetArea.RightDockWidgetArea
            | Qt.DockWidgetArea.LeftDockWidgetArea
            | Qt.DockWidgetArea.BottomDockWidgetArea
        )
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.motifs_dock)
        self.motifs_dock.hide()

        self.setStatusBar(messages.StatusBar(self))
        self.saved_label = QLabel("Everything you write is saved as you go", self)
        self.saved_label.setObjectName("savedLabel")
        self.statusBar().addPermanentWidget(self.saved_label)
        self.statusBar().setSizeGripEnabled(True)

        self._build_actions()
        self._build_menus()
        self._dock_floated_for_room = False
        # Docked motifs never hold the window wider than this: below the width they need
        # beside the journal, the dock floats instead (see _fit_motifs_dock).
        self.setMinimumWidth(min(MAX_MIN_WIDTH, central.minimumSizeHint().width()))
        self._connect()
        self._restore_state()
        self._update_empty_state()
        self._update_actions()

    # --- building -------------------------------------------------------------------------

    def _build_actions(self) -> None:
        """Every action from the one table in ui/actions.py (menus, keys and status tips)."""
        slots: dict[str, Any] = {
            "export_film": self.export_film,
            "export_all": self.export_all,
            "export_json": self.export_json,
            "import_json": self.import_json,
            "restore": self.restore_from_backup,
            "open_data": self.open_data_folder,
            "quit": self.close,
            "find": self.open_search,
            "filter": self.film_list.focus_filter,
            "new_film": self.new_film,
            "edit_film": self.edit_current_film,
            "new_viewing": self.new_viewing,
            "delete_film": self.delete_current_film,
            "subtitles": self.open_subtitles,
            "silences_refrains": self.open_silences_refrains,
            "quote_line": self.quote_line,
            "new_entry": self.new_entry,
            "save_next": self.save_and_next,
            "delete_entry": self.delete_entry,
            "motifs": self.set_motifs_visible,
            "shortcuts": self.show_shortcuts,
            "about": self.show_about,
        }
        self.actions_by_id: dict[str, QAction] = {}
        for row in action_table.ACTIONS:
            if not row.built:
                continue
            if row.id == "undo":
                action = self.undo_stack.createUndoAction(self, row.text)
            elif row.id == "redo":
                action = self.undo_stack.createRedoAction(self, row.text)
            else:
                action = QAction(row.text, self)
                action.triggered.connect(slots[row.id])
            action.setObjectName(f"action_{row.id}")
            action.setShortcuts(row.sequences())
            action.setStatusTip(row.description[:1].upper() + row.description[1:])
            self.addAction(action)
            self.actions_by_id[row.id] = action
        get = self.actions_by_id.__getitem__
        self.export_film_action = get("export_film")
        self.export_all_action = get("export_all")
        self.export_json_action = get("export_json")
        self.import_json_action = get("import_json")
        self.restore_action = get("restore")
        self.open_data_action = get("open_data")
        self.quit_action = get("quit")
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.undo_action = get("undo")
        self.redo_action = get("redo")
        self.find_action = get("find")
        self.filter_action = get("filter")
        self.new_film_action = get("new_film")
        self.edit_film_action = get("edit_film")
        self.new_viewing_action = get("new_viewing")
        # Del in the film list; the list itself handles the key (see eventFilter) so that it
        # never competes with Delete entry.
        self.delete_film_action = get("delete_film")
        self.delete_film_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.new_entry_action = get("new_entry")
        self.save_next_action = get("save_next")
        self.delete_entry_action = get("delete_entry")
        self.motifs_action = get("motifs")
        self.motifs_action.setCheckable(True)
        self.shortcuts_action = get("shortcuts")
        self.about_action = get("about")
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)

        self.sort_group = QActionGroup(self)
        self.sort_actions: dict[int, QAction] = {}
        for column, label in (
            (Column.TITLE, "&Title"),
            (Column.YEAR, "&Year"),
            (Column.LAST_WATCHED, "&Last watched"),
        ):
            action = QAction(label, self, checkable=True)
            action.triggered.connect(lambda _checked=False, c=column: self.sort_films_by(c))
            self.sort_group.addAction(action)
            self.sort_actions[column] = action

        self.appearance_group = QActionGroup(self)
        self.appearance_actions: dict[str, QAction] = {}
        for mode, label in theme.APPEARANCES.items():
            action = QAction(label, self, checkable=True)
            action.triggered.connect(lambda _checked=False, m=mode: self.set_appearance(m))
            self.appearance_group.addAction(action)
            self.appearance_actions[mode] = action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        menus = {name: bar.addMenu(action_table.MENU_TITLES[name]) for name in action_table.MENUS}
        for row in action_table.ACTIONS:
            if not row.built:
                continue
            menu = menus[row.menu]
            if row.separator_before:
                menu.addSeparator()
            menu.addAction(self.actions_by_id[row.id])
            if row.id == "motifs":
                sort_menu = menu.addMenu("&Sort films by")
                for action in self.sort_actions.values():
                    sort_menu.addAction(action)
                appearance_menu = menu.addMenu("&Appearance")
                for action in self.appearance_actions.values():
                    appearance_menu.addAction(action)

    def _connect(self) -> None:
        self.bridge.changed.connect(self._on_store_changed)
        self.film_list.film_selected.connect(self._on_film_selected)
        self.film_list.film_activated.connect(self._on_film_activated)
        self.film_list.sort_changed.connect(self._on_sort_changed)
        self.film_list.view.installEventFilter(self)
        self.journal.error.connect(self.show_error_status)
        self.journal.entry_selected.connect(self._on_entry_selected)
        self.journal.edit_film_requested.connect(self.edit_film)
        self.welcome.add_button.clicked.connect(self.new_film)
        self.motifs_dock.visibilityChanged.connect(self._sync_motifs_action)
        self.motifs_dock.visibilityChanged.connect(self._on_motifs_visibility)
        self.motifs_dock.topLevelChanged.connect(self._on_dock_top_level)
        self.undo_stack.indexChanged.connect(self._on_undo_index)

    # --- state --------------------------------------------------------------------------

    def _restore_state(self) -> None:
        s = self.settings
        geometry = window_settings.read_bytes(s, window_settings.GEOMETRY_KEY)
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1180, 760)
        state = window_settings.read_bytes(s, window_settings.STATE_KEY)
        if state is not None:
            self.restoreState(state)
        if not self.motifs_dock.isHidden():
            _ = self.motifs_panel
            self._fit_motifs_dock()
        window_settings.keep_on_screen(self)
        sizes = window_settings.read_int_list(s, window_settings.SPLITTER_KEY)
        if len(sizes) == 2 and all(sizes):
            self.splitter.setSizes(sizes)
        else:
            # About a quarter of the window for the list, the rest for the journal.
            left = max(260, min(380, int(self.width() * 0.28)))
            self.splitter.setSizes([left, max(self.width() - left, 400)])
        self._restore_appearance()
        column, order = window_settings.read_sort(s, len(Column))
        self.film_list.sort_by(column, order)
        self._sync_sort_menu(column)
        last_film = window_settings.read_int(s, window_settings.LAST_FILM_KEY)
        if last_film is None or not self.film_list.select_film(last_film):
            first = self.film_list.proxy.index(0, 0)
            if first.isValid():
                self.film_list.view.setCurrentIndex(first)
            else:
                self.journal.show_film(None)

    def save_state(self) -> None:
        s = self.settings
        s.setValue(window_settings.GEOMETRY_KEY, self.saveGeometry())
        s.setValue(window_settings.STATE_KEY, self.saveState())
        s.setValue(window_settings.SPLITTER_KEY, self.splitter.sizes())
        film_id = self.film_list.current_film_id()
        if film_id is None:
            s.remove(window_settings.LAST_FILM_KEY)
        else:
            s.setValue(window_settings.LAST_FILM_KEY, film_id)
        window_settings.write_sort(s, *self.film_list.sort_state())
        s.sync()

    def flush_for_session_end(self, *_args: object) -> bool:
        """Write everything typed; False if something could not be written (it is still in
        its field, and the reason is in the status bar)."""
        try:
            return self.journal.flush()
        except JournalError as exc:
            self.show_status(str(exc))
            return False

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        # Whatever is typed and not yet written goes to the store before the window goes;
        # if it cannot be written, the person decides (the default keeps the window open).
        if not self.flush_for_session_end() and not self.confirm_close_unsaved():
            event.ignore()
            return
        for job in (self.job, self.backup_job):
            if job is not None and job.isRunning():
                job.cancel()
                job.wait()
        if self.search_dialog is not None:
            self.search_dialog.close()
        self.save_state()
        super().closeEvent(event)

    def confirm_close_unsaved(self) -> bool:
        """Ask before closing with words that could not be saved; True to close anyway."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("Not everything is saved")
        box.setText("Some of what you wrote could not be saved.")
        box.setInformativeText(
            f"{self.statusBar().currentMessage() or 'The journal refused the last change.'}\n\n"
            "It is still in the window: keep the window open to try again or copy it."
        )
        keep = box.addButton("Keep the window open", QMessageBox.ButtonRole.RejectRole)
        box.addButton("Close and lose it", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        self.message_box = box
        box.exec()
        self.message_box = None
        return box.clickedButton() is not keep

    # --- status -------------------------------------------------------------------------

    def status_bar(self) -> messages.StatusBar:
        bar = self.statusBar()
        assert isinstance(bar, messages.StatusBar)
        return bar

    def show_status(self, message: str) -> None:
        """News: goes after a few seconds."""
        self.status_bar().say(message)

    def show_error_status(self, message: str) -> None:
        """Something was refused: stays until a later change is saved."""
        self.status_bar().say(message, messages.ERROR)

    def show_undoable_status(self, message: str) -> None:
        """About the step just done: goes when that step is undone (or another is done)."""
        self.status_bar().say(message, messages.UNDOABLE, self.undo_stack.index())

    def _on_store_changed(self, change: Change) -> None:
        self.saved_label.setText(f"Saved {datetime.now():%H:%M:%S}")
        self.status_bar().clear_if(messages.ERROR)
        if change.entity == "film" and change.action == "deleted":
            for film_id in change.ids:
                self.film_list.forget_film(film_id)
                if self.journal.current_film_id() == film_id:
                    self.journal.show_film(self.film_list.current_film_id())
        if change.entity in ("film", "journal"):
            self._update_empty_state()
            self._update_title()
        if change.entity in ("subtitles", "journal"):
            self.journal.editor.cue_line.refresh()
        self._update_actions()

    # --- what can act now ---------------------------------------------------------------

    def _on_entry_selected(self, entry_id: object) -> None:
        self._entry_selected = entry_id is not None
        self._update_actions()

    def _update_actions(self) -> None:
        """Grey out what cannot act now (rather than explaining after the fact)."""
        has_film = self.current_film_id() is not None
        for action in (
            self.export_film_action,
            self.edit_film_action,
            self.new_viewing_action,
            self.delete_film_action,
            self.new_entry_action,
            self.save_next_action,
            *(self.actions_by_id[i] for i in ("subtitles", "silences_refrains", "quote_line")),
        ):
            action.setEnabled(has_film)
        self.delete_entry_action.setEnabled(has_film and getattr(self, "_entry_selected", False))
        has_films = self.film_list.model.rowCount() > 0
        self.export_all_action.setEnabled(has_films)
        self.export_json_action.setEnabled(has_films)
        self.open_data_action.setEnabled(self.store.data_dir is not None)

    def _update_empty_state(self) -> None:
        empty = self.film_list.model.rowCount() == 0
        self.right.setCurrentWidget(self.welcome if empty else self.journal)

    def _update_title(self) -> None:
        film_id = self.journal.current_film_id()
        title = APP_TITLE
        if film_id is not None:
            with contextlib.suppress(NotFoundError):
                title = film_label(self.store.get_film(film_id))
        self.setWindowTitle(title)

    # --- films --------------------------------------------------------------------------

    def current_film_id(self) -> int | None:
        return self.journal.current_film_id() or self.film_list.current_film_id()

    def _on_film_selected(self, film_id: int) -> None:
        if self.journal.current_film_id() != film_id:
            self.journal.show_film(film_id)
        self._update_title()
        self._update_actions()

    def _on_film_activated(self, film_id: int) -> None:
        self._on_film_selected(film_id)
        self.focus_journal()

    def focus_journal(self) -> None:
        """Move the keyboard to the journal: its entry list, where Ctrl+N and Del act."""
        table = getattr(self.journal, "table", None)
        if table is not None and table.isVisibleTo(self):
            table.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self.journal.focusNextChild()

    def select_film(self, film_id: int) -> bool:
        if not self.film_list.select_film(film_id):
            return False
        self._on_film_selected(film_id)
        return True

    def new_film(self) -> None:
        self._open_film_dialog(None)

    def edit_current_film(self) -> None:
        film_id = self.current_film_id()
        if film_id is None:
            self.show_status("Choose a film to edit first")
            return
        self.edit_film(film_id)

    def edit_film(self, film_id: int) -> None:
        try:
            film = self.store.get_film(film_id)
        except NotFoundError as exc:
            self.show_status(str(exc))
            return
        self._open_film_dialog(film)

    def _open_film_dialog(self, film: FilmRow | None) -> None:
        from ui.dialogs.film_dialog import FilmDialog

        if self.film_dialog is not None:
            self.film_dialog.close()
        self.journal.flush()
        self.store.warm_up_in_background()  # a save is coming
        dialog = FilmDialog(film, self, find_same=self._find_same_film)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._film_dialog_accepted(dialog))
        dialog.open_existing.connect(self._open_existing_film)
        dialog.finished.connect(self.activateWindow)
        dialog.destroyed.connect(lambda: setattr(self, "film_dialog", None))
        self.film_dialog = dialog
        dialog.open()
        dialog.title_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _find_same_film(self, title: str, year: int | None) -> FilmRow | None:
        from ui.dialogs.film_dialog import same_film

        return same_film(self.store.list_films(), title, year)

    def _open_existing_film(self, film_id: int) -> None:
        if self.select_film(film_id):
            self.focus_journal()

    def _film_dialog_accepted(self, dialog: Any) -> None:
        try:
            if dialog.film is None:
                created = commands.perform(
                    self.undo_stack, commands.CreateFilm(self.store, dialog.values())
                )
                self.select_film(created.id)
                self.show_undoable_status(f"Added {film_label(created)}")
                self.focus_journal()
            else:
                before, after = dialog.changes()
                if after:
                    commands.perform(
                        self.undo_stack,
                        commands.EditFilm(self.store, dialog.film.uid, before, after),
                    )
                    self._update_title()
        except JournalError as exc:
            self.show_error("The film was not saved", str(exc))

    def delete_current_film(self) -> None:
        film_id = self.current_film_id()
        if film_id is None:
            self.show_status("Choose a film to delete first")
            return
        try:
            self.journal.flush()
            film = self.store.get_film(film_id)
            viewings, entries = self.store.film_counts(film_id)
        except JournalError as exc:
            self.show_status(str(exc))
            return
        box = QMessageBox(self)
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
                self._delete_film(film)

        box.finished.connect(finished)
        self._show_box(box)

    def _delete_film(self, film: FilmRow) -> None:
        try:
            commands.perform(self.undo_stack, commands.DeleteFilm(self.store, film.uid, film.title))
        except JournalError as exc:
            self.show_error("The film was not deleted", str(exc))
            return
        self.show_undoable_status(f"Deleted {film_label(film)} — Ctrl+Z brings it back")

    def _on_undo_index(self, index: int) -> None:
        """After undoing a film's deletion (or redoing its creation), show that film again."""
        previous, self._undo_index = self._undo_index, index
        bar = self.status_bar()
        if bar.kind == messages.UNDOABLE and bar.undo_index != index:
            bar.clearMessage()
        if index < previous:
            command = self.undo_stack.command(index)
            wanted = isinstance(command, commands.DeleteFilm)
            uid = getattr(command, "film_uid", None)
        elif index > previous:
            command = self.undo_stack.command(index - 1)
            wanted = isinstance(command, commands.CreateFilm)
            uid = getattr(command, "uid", None)
        else:
            return
        if wanted and uid:
            with contextlib.suppress(NotFoundError):
                self.select_film(self.store.id_for_uid("film", uid))

    # --- motifs dock --------------------------------------------------------------------

    @property
    def motifs_panel(self) -> Any:
        """The motifs panel, made on first use: most launches never show it, and its module
        and widgets are not needed for the first window."""
        if self._motifs_panel is None:
            from ui.motifs_panel import MotifsPanel

            # Its list fills once shown, after a paint (its counts read every tagged entry).
            panel = MotifsPanel(self.store, self.bridge, self.undo_stack, self, load=False)
            panel.open_entry.connect(self.open_entry)
            self.motifs_dock.setWidget(panel)
            self._motifs_panel = panel
        return self._motifs_panel

    def _on_motifs_visibility(self, visible: bool) -> None:
        if visible:
            _ = self.motifs_panel

    def set_motifs_visible(self, visible: bool) -> None:
        if visible:
            _ = self.motifs_panel
            self._fit_motifs_dock()
            self.motifs_dock.show()
            if not self.motifs_dock.isFloating():
                self.motifs_dock.raise_()  # to the front of a tab group it was put in
        else:
            self.motifs_dock.hide()
        self._sync_motifs_action()

    def _sync_motifs_action(self, *_args: object) -> None:
        self.motifs_action.setChecked(not self.motifs_dock.isHidden())

    def _dock_room_needed(self) -> int:
        """The window width that fits the docked motifs beside the film list and journal."""
        central = self.centralWidget().minimumSizeHint().width()
        return central + self.motifs_dock.minimumSizeHint().width() + 12

    def _fit_motifs_dock(self) -> None:
        """Docked beside the journal when the window has room; floating over it otherwise
        (docked, it would squeeze the journal or force the window wider, perhaps past the
        screen's edge). A dock floated for want of room docks again once there is room."""
        dock = self.motifs_dock
        sideways = self.dockWidgetArea(dock) != Qt.DockWidgetArea.BottomDockWidgetArea
        if dock.isFloating():
            if self._dock_floated_for_room and self._dock_room_needed() <= self.width():
                self._dock_floated_for_room = False
                dock.setFloating(False)
            return
        if not sideways or self._dock_room_needed() <= self.width():
            return
        self._dock_floated_for_room = True
        dock.setFloating(True)
        width = max(dock.minimumSizeHint().width(), 360)
        height = max(360, min(self.height() - 80, 640))
        frame = self.geometry()
        dock.setGeometry(frame.right() - width - 16, frame.top() + 60, width, height)

    def _on_dock_top_level(self, floating: bool) -> None:
        if not floating:
            # Docked by hand into a window too narrow for it: it floats again.
            QTimer.singleShot(0, self, self._fit_motifs_dock)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        if not self.motifs_dock.isHidden():
            self._fit_motifs_dock()

    def sort_films_by(self, column: int) -> None:
        order = (
            Qt.SortOrder.DescendingOrder
            if column == Column.LAST_WATCHED
            else Qt.SortOrder.AscendingOrder
        )
        self.film_list.sort_by(column, order)

    def _on_sort_changed(self, column: int, order: Qt.SortOrder) -> None:
        self._sync_sort_menu(column)
        window_settings.write_sort(self.settings, column, order)

    def _sync_sort_menu(self, column: int) -> None:
        action = self.sort_actions.get(column)
        if action is not None:
            action.setChecked(True)
        else:
            checked = self.sort_group.checkedAction()
            if checked is not None:
                checked.setChecked(False)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        # Del in the film list deletes the film (after asking), not the entry beside it.
        if watched is self.film_list.view and event.type() in (
            QEvent.Type.ShortcutOverride,
            QEvent.Type.KeyPress,
        ):
            assert isinstance(event, QKeyEvent)
            if event.matches(QKeySequence.StandardKey.Delete):
                event.accept()
                if event.type() == QEvent.Type.KeyPress:
                    self.delete_current_film()
                return True
        return super().eventFilter(watched, event)

    # --- viewings and entries -----------------------------------------------------------

    def _need_film(self) -> bool:
        if self.journal.current_film_id() is None:
            self.show_status("Choose a film first, or add one with Ctrl+Shift+N")
            return False
        return True

    def new_viewing(self) -> None:
        if self._need_film():
            self.journal.new_viewing()

    def new_entry(self) -> None:
        if self._need_film():
            self.journal.new_entry()

    def save_and_next(self) -> None:
        if self._need_film():
            self.journal.save_and_next()

    def delete_entry(self) -> None:
        if not self.journal.delete_selected_entry():
            self.show_status("Select an entry to delete first")

    def open_entry(self, film_id: int, entry_id: int) -> None:
        """Show a film and select one of its entries (from motifs or search)."""
        if not self.select_film(film_id):
            self.show_status("That film is no longer in the journal")
            return
        self.journal.select_entry(entry_id)

    # --- subtitles (ui/subtitles/) -------------------------------------------------------

    def open_subtitles(self) -> Any:
        """Film → Subtitles…: attach, fit and delete the current film's subtitle tracks."""
        if not self._need_film():
            return None
        from ui.subtitles.dialog import SubtitlesDialog

        film = self.store.get_film(self.journal.current_film_id())  # type: ignore[arg-type]
        dialog = SubtitlesDialog(self.store, self.bridge, self.undo_stack, film, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def open_silences_refrains(self) -> Any:
        """Film → Silences & refrains…: beside the journal, so entries made there show."""
        if not self._need_film():
            return None
        from ui.subtitles.panel import SilencesRefrainsDialog

        film = self.store.get_film(self.journal.current_film_id())  # type: ignore[arg-type]
        dialog = SilencesRefrainsDialog(
            self.store,
            self.bridge,
            self.undo_stack,
            film,
            lambda: self._viewing_for_film(film.id),
            lambda entry_id: self.open_entry(film.id, entry_id),
            self,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def _viewing_for_film(self, film_id: int) -> Any:
        """Where entries made from the film's subtitles go: the viewing shown, when the film
        is shown; else its latest viewing; else a new one dated today."""
        if not self.select_film(film_id):
            return None
        bar = self.journal.viewing_bar
        return bar.current_viewing() or bar.new_viewing()

    def quote_line(self) -> None:
        """Entry → Quote the line (Ctrl+D): the subtitle at the entry's position as an entry."""
        if self._need_film():
            from ui.subtitles.line import quote_line

            self.show_status(quote_line(self.journal, self.undo_stack, self.store))

    # --- search -------------------------------------------------------------------------

    def open_search(self) -> None:
        if self.search_dialog is None:
            from ui.search_dialog import SearchDialog

            self.search_dialog = SearchDialog(self.store, self)
            self.search_dialog.open_hit.connect(self.open_hit)
        self.journal.flush()
        self.search_dialog.start()

    def open_hit(self, hit: SearchHit) -> None:
        if hit.entry_id is not None:
            self.open_entry(hit.film_id, hit.entry_id)
        elif not self.select_film(hit.film_id):
            self.show_status("That film is no longer in the journal")

    # --- export and import --------------------------------------------------------------

    def _choose_folder(self, title: str) -> Path | None:
        start = str(self.settings.value(EXPORT_FOLDER_KEY, "") or Path.home())
        chosen = QFileDialog.getExistingDirectory(self, title, start)
        if not chosen:
            return None
        self.settings.setValue(EXPORT_FOLDER_KEY, chosen)
        return Path(chosen)

    def _choose_save_file(self, title: str, suggested: str) -> Path | None:
        folder = Path(str(self.settings.value(EXPORT_FOLDER_KEY, "") or Path.home()))
        chosen, _filter = QFileDialog.getSaveFileName(
            self, title, str(folder / suggested), "Journal JSON (*.json);;All files (*)"
        )
        if not chosen:
            return None
        path = Path(chosen)
        self.settings.setValue(EXPORT_FOLDER_KEY, str(path.parent))
        return path

    def _choose_open_file(self, title: str) -> Path | None:
        folder = str(self.settings.value(EXPORT_FOLDER_KEY, "") or Path.home())
        chosen, _filter = QFileDialog.getOpenFileName(
            self, title, folder, "Journal JSON (*.json);;All files (*)"
        )
        return Path(chosen) if chosen else None

    def _refuse_journal_target(self, target: Path, *, folder: bool) -> bool:
        """True (after telling why) when ``target`` would write over the journal's own files."""
        from journal.db import refuse_journal_target

        if self.store.data_dir is None:
            return False
        try:
            refuse_journal_target(target, self.store.data_dir, folder=folder)
        except JournalError as exc:
            self.show_error("Nothing was exported", _describe(exc))
            return True
        return False

    def _on_journal_replaced(self, message: str) -> None:
        """The journal file was replaced or removed under the window: say so once, plainly."""
        self.show_error_status(
            "The journal file was replaced by another program; nothing more is saved"
        )
        self.show_error("Your journal file changed on disk", message)

    def export_film(self) -> None:
        film_id = self.current_film_id()
        if film_id is None:
            self.show_status("Choose a film to export first")
            return
        self.journal.flush()
        folder = self._choose_folder("Export film to Markdown — choose a folder")
        if folder is None or self._refuse_journal_target(folder, folder=True):
            return
        try:
            from journal.export import markdown

            written = markdown.export_film(self.store, film_id, folder)
        except (JournalError, OSError) as exc:
            self.show_error("The film was not exported", _describe(exc))
            return
        self.show_done("Film exported", f"Saved {written.name}", f"in {written.parent}", folder)

    def export_all(self) -> None:
        self.journal.flush()
        folder = self._choose_folder("Export all films to Markdown — choose a folder")
        if folder is None or self._refuse_journal_target(folder, folder=True):
            return
        store = self.store

        def work(_report: Any) -> list[Path]:
            from journal.export import markdown

            return list(markdown.export_all(store, folder))

        def done(written: list[Path]) -> None:
            self.show_done(
                "Journal exported",
                f"Wrote {plural(len(written), 'Markdown file', 'Markdown files')}",
                f"into {folder}",
                folder,
            )

        self.run_job(work, "Writing one Markdown file per film…", done, "Nothing was exported")

    def export_json(self) -> None:
        self.journal.flush()
        path = self._choose_save_file(
            "Export journal (JSON)", f"reflective-journal-{date.today().isoformat()}.json"
        )
        if path is None or self._refuse_journal_target(path, folder=False):
            return
        store = self.store

        def work(_report: Any) -> dict[str, int]:
            from journal.export import jsonio

            jsonio.write_file(path, store.export_document())
            return store.counts()

        def done(counts: dict[str, int]) -> None:
            self.show_done(
                "Journal exported",
                f"Saved {path.name}",
                f"in {path.parent} — {plural(counts['film'], 'film', 'films')}, "
                f"{plural(counts['viewing'], 'viewing', 'viewings')}, "
                f"{plural(counts['entry'], 'entry', 'entries')}.",
                path.parent,
            )

        self.run_job(work, "Exporting the whole journal…", done, "Nothing was exported")

    def import_json(self) -> None:
        self.journal.flush()
        path = self._choose_open_file("Import journal (JSON)")
        if path is None:
            return
        store = self.store

        def work(report: Any) -> Any:
            from journal.export import jsonio

            return store.import_document(jsonio.read_file(path), progress=report)

        def done(summary: Any) -> None:
            if summary.changed == 0:
                detail = "Everything in it was already in your journal; nothing changed."
            else:
                detail = (
                    f"{plural(summary.films, 'film', 'films')}, "
                    f"{plural(summary.viewings, 'viewing', 'viewings')}, "
                    f"{plural(summary.entries, 'entry', 'entries')} and "
                    f"{plural(summary.motifs, 'motif', 'motifs')} read; "
                    f"{plural(summary.changed, 'record', 'records')} added; what your "
                    "journal already had was kept as it is."
                )
                # Earlier steps may refer to records the import now sits beside or under
                # (undoing "Add film" would take the imported entries with it).
                self.undo_stack.clear()
            self.show_done("Journal imported", f"Imported {path.name}", detail, None)

        self.run_job(work, f"Importing {path.name}…", done, "Nothing was imported", cancel=True)

    def run_job(
        self, work: Any, label: str, done: Any, failure_title: str, *, cancel: bool = False
    ) -> None:
        """Run ``work(report)`` off the GUI thread behind a progress dialog."""
        from ui.workers import Job

        if self.job is not None:
            self.show_status("Another export or import is still running")
            return
        dialog = QProgressDialog(label, "Cancel" if cancel else "", 0, 0, self)
        dialog.setWindowTitle(APP_TITLE)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        if not cancel:
            dialog.setCancelButton(None)
        job = Job(work, self, store=self.store)
        dialog.canceled.connect(job.cancel)
        job.progress.connect(lambda done_, total: _show_progress(dialog, done_, total))

        def finish() -> None:
            job.wait()
            dialog.reset()
            dialog.hide()
            dialog.deleteLater()
            job.deleteLater()
            self.job = None
            self.progress_dialog = None

        def succeeded(result: Any) -> None:
            finish()
            done(result)

        def failed(exc: BaseException) -> None:
            finish()
            from journal.export.document import ImportCancelled

            if isinstance(exc, ImportCancelled):
                self.show_status(str(exc).capitalize())
            else:
                self.show_error(failure_title, _describe(exc))

        job.succeeded.connect(succeeded)
        job.failed.connect(failed)
        self.job = job
        self.progress_dialog = dialog
        job.start()

    # --- messages -----------------------------------------------------------------------

    def _show_box(self, box: QMessageBox) -> None:
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if self.message_box is not None:
            self.message_box.close()
        self.message_box = box
        box.destroyed.connect(lambda: self._forget_box(box))
        box.open()

    def _forget_box(self, box: QMessageBox) -> None:
        if self.message_box is box:
            self.message_box = None

    def show_error(self, title: str, message: str) -> None:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(title)
        box.setText(title)
        box.setInformativeText(_sentence(message))
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        self._show_box(box)

    def show_done(self, title: str, text: str, detail: str, folder: Path | None) -> None:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(title)
        box.setText(text)
        box.setInformativeText(detail)
        box.addButton(QMessageBox.StandardButton.Ok)
        if folder is not None:
            open_button = box.addButton("Open folder", QMessageBox.ButtonRole.ActionRole)
            open_button.clicked.connect(lambda: self._open_folder(folder))
        self._show_box(box)

    def _open_folder(self, folder: Path) -> None:
        from ui.dialogs import about

        about.show_folder(folder, self)

    def restore_from_backup(self) -> Any:
        """File → Restore from backup…: the dialog (None if it cannot open now)."""
        from ui.dialogs import restore_backup

        return restore_backup.start(self)

    def open_data_folder(self) -> None:
        if self.store.data_dir is not None:
            self._open_folder(self.store.data_dir)

    def show_shortcuts(self) -> None:
        from ui.dialogs.shortcuts import ShortcutsDialog

        existing = self.findChild(ShortcutsDialog)
        if existing is not None:
            existing.raise_()
            existing.activateWindow()
            return
        dialog = ShortcutsDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()

    # --- appearance ---------------------------------------------------------------------

    def _restore_appearance(self) -> None:
        mode = window_settings.read_appearance(self.settings, theme.APPEARANCES)
        self.appearance_actions[mode].setChecked(True)
        app = QApplication.instance()
        applied = theme.current_theme(app) if isinstance(app, QApplication) else None
        # Only where the look is applied at all (the app does; most tests do not).
        if applied is not None and applied.mode != mode:
            applied.set_mode(mode)

    def set_appearance(self, mode: str) -> None:
        """View → Appearance: System, Light or Dark; remembered for the next launch."""
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        theme.apply_theme(app).set_mode(mode)
        self.appearance_actions[mode].setChecked(True)
        self.settings.setValue(window_settings.APPEARANCE_KEY, mode)

    def show_about(self) -> None:
        from ui.dialogs.about import AboutDialog

        dialog = AboutDialog(self.store.data_dir or self.store.path.parent, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    # --- start-up chores ----------------------------------------------------------------

    def start_launch_backup(self) -> None:
        """Back up the journal if the newest backup is a day old, off the GUI thread."""
        data_dir, path = self.store.data_dir, self.store.path
        if data_dir is None:
            return
        from ui.workers import Job

        def work(_report: Any) -> Path | None:
            from journal import backup

            return backup.backup_if_stale(data_dir, path, datetime.now())

        job = Job(work, self, store=self.store)
        job.succeeded.connect(
            lambda made: self.show_status(f"Backed up the journal to {made}") if made else None
        )
        job.failed.connect(
            lambda exc: self.show_status(f"The daily backup failed: {_describe(exc)}")
        )
        job.finished.connect(self._backup_finished)
        self.backup_job = job
        job.start()

    def _backup_finished(self) -> None:
        job, self.backup_job = self.backup_job, None
        if job is not None:
            job.deleteLater()

    def defer_launch_backup(self) -> None:
        # After the first paint, so the window appears at once.
        QTimer.singleShot(500, self, self.start_launch_backup)


def _show_progress(dialog: QProgressDialog, done: int, total: int) -> None:
    if total > 0:
        dialog.setMaximum(total)
        dialog.setValue(min(done, total))


def _describe(exc: BaseException) -> str:
    if isinstance(exc, JournalError):
        return str(exc)
    if isinstance(exc, OSError):
        where = f" ({exc.filename})" if exc.filename else ""
        return f"{exc.strerror or exc}{where}"
    return f"unexpected error: {exc!r}"


def _sentence(text: str) -> str:
    text = text.strip()
    if not text:
        return text
    first_word = text.split(" ", 1)[0]
    if first_word.isalpha():  # never "Films[0].title" or a capitalised path
        text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."
