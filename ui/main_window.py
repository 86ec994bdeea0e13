"""The main window: the film list on the left, the selected film's journal on the right, motifs
in a dock, search on Ctrl+F, and every action in a menu with its shortcut.

The window lays out the rooms, keeps its state (geometry, splitter, sort, last film), closes
safely, and wires the rooms together; what each action does lives with its feature
(``ui.films.flows``, ``ui.export_import``, ``ui.dialogs``, ``ui.motifs.dock``). It holds no
journal data of its own: edits go through undo commands to the store, and the store's change
notices (via the bridge) refresh the models and the "Saved" note in the status bar.

Over 400 lines: wiring every room, the window's state and its safe close are one concern;
the window's voice (status bar and message boxes) is here because every room speaks through it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeyEvent, QKeySequence, QPaintEvent
from PySide6.QtWidgets import (
    QApplication,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from journal.errors import JournalError, NotFoundError
from journal.store import Change, SearchHit, Store
from ui import actions as action_table
from ui import commands, messages, theme
from ui import settings as window_settings
from ui.bridge import StoreBridge
from ui.export_import import ExportImport
from ui.films.flows import FilmFlows, film_label
from ui.films.pane import FilmListPane
from ui.films.sort_menu import SortMenu
from ui.films.welcome import WelcomePane
from ui.jobs import JobRunner
from ui.letterboxd import LetterboxdFlows
from ui.messages import APP_TITLE
from ui.motifs.dock import MotifsDock
from ui.subtitles.flows import SubtitleFlows
from ui.watch.mode import WatchMode, read_default_lag

MAX_MIN_WIDTH = 900


class MainWindow(QMainWindow):
    # After File → Restore from backup…: the window that took over (on the restored journal).
    replaced = Signal(object)
    # The journal file was replaced or removed by another program (the message to show).
    journal_replaced = Signal(str)

    def __init__(
        self,
        store: Store,
        settings: QSettings,
        parent: QWidget | None = None,
        *,
        journal_after_paint: bool = False,
    ) -> None:
        """``journal_after_paint`` (the app's launch): the window paints first with its film
        list, and builds the journal pane (and opens the last film in it) just after."""
        super().__init__(parent)
        self.store = store
        self.settings = settings
        self.setObjectName("mainWindow")
        self.setWindowTitle(APP_TITLE)
        self.undo_stack = commands.JournalUndoStack(self)
        self.undo_stack.step_failed.connect(self.show_error_status)
        self.bridge = StoreBridge(store, self)
        store.replaced_listeners.append(self.journal_replaced.emit)
        self.journal_replaced.connect(self._on_journal_replaced, Qt.ConnectionType.QueuedConnection)
        self.search_dialog: Any = None
        self.message_box: QMessageBox | None = None
        self.jobs = JobRunner(self, store, say=self.show_status, show_error=self.show_error)
        self.transfer = ExportImport(self, self)
        self.letterboxd = LetterboxdFlows(self, self)
        self.films = FilmFlows(self, self)
        self.subtitles = SubtitleFlows(self)
        self._entry_selected = False

        # Created in reading order, which is also the Tab order: filter, list, journal.
        self.film_list = FilmListPane(store, self.bridge, self)
        self.welcome = WelcomePane(self)
        self.right = QStackedWidget(self)
        self.right.addWidget(self.welcome)
        # Until the journal pane is built (see ``journal``): an empty page of the same colour.
        self._journal: Any = None
        self._journal_waiting = QWidget(self)
        self.right.addWidget(self._journal_waiting)
        # At launch the start finishes after the first paint (``_finish_start``), or as soon
        # as anything needs the journal (``journal``), whichever comes first.
        self._starting = journal_after_paint
        self._painted = False
        self._when_started: list[Callable[[], object]] = []
        self._init_done = False
        if not journal_after_paint:
            _ = self.journal
        else:  # should no paint come (a window started minimised), not later than this
            QTimer.singleShot(1500, self, self._finish_start)

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

        self.motifs_dock = MotifsDock(store, self.bridge, self.undo_stack, self)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.motifs_dock)
        self.motifs_dock.hide()

        self.setStatusBar(messages.StatusBar(self))
        self.saved_label = messages.saved_label(self)
        self.statusBar().addPermanentWidget(self.saved_label)
        self.statusBar().setSizeGripEnabled(True)

        # View → Watch along (ui/watch/)
        self.watch = WatchMode(self, window_factory=_watch_window)
        self._build_actions()
        self._fit_min_width()
        self._connect()
        self._restore_state()
        if not journal_after_paint:
            self._restore_film()
        self._update_empty_state()
        self._update_actions()
        self._init_done = True

    @property
    def journal(self) -> Any:
        """The journal pane (ui/viewing/), built on first use: at launch, just after the
        window's first paint (see ``paintEvent``)."""
        if self._journal is None:
            self._journal = self._build_journal()
            if self._starting:
                self._complete_start()
        return self._journal

    def journal_if_built(self) -> Any:
        return self._journal

    def _build_journal(self) -> Any:
        from ui.viewing.journal_view import JournalView

        journal = JournalView(self.store, self.bridge, self.undo_stack, self)
        self.right.addWidget(journal)
        journal.error.connect(self.show_error_status)
        journal.entry_selected.connect(self._on_entry_selected)
        journal.edit_film_requested.connect(self.films.edit_film)
        journal.prompts.edit_deck_requested.connect(self.edit_prompts)
        # Every new viewing (Ctrl+Alt+N too, not only watching along) gets the lag last set.
        journal.viewing_bar.new_viewing_defaults = lambda: {
            "lag_ms": read_default_lag(self.settings)
        }
        if hasattr(self, "prompts_shown_action"):
            journal.set_prompts_shown(self.prompts_shown_action.isChecked())
        # Reading order: the film list, then the journal (whenever it was built).
        QWidget.setTabOrder(self.film_list.view, journal)
        if self.right.currentWidget() is self._journal_waiting:
            self.right.setCurrentWidget(journal)
        if hasattr(self, "motifs_dock"):
            self._fit_min_width()
        return journal

    def _fit_min_width(self) -> None:
        # Docked motifs never hold the window wider than this: below the width they need
        # beside the journal, the dock floats instead (see MotifsDock.fit).
        central = self.centralWidget()
        self.setMinimumWidth(min(MAX_MIN_WIDTH, central.minimumSizeHint().width()))

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        super().paintEvent(event)
        if self._starting and not self._painted:
            self._painted = True
            QTimer.singleShot(0, self, self._finish_start)

    def when_started(self, action: Callable[[], object]) -> None:
        """Run ``action`` once the journal pane is built with the last film in it (at once
        if it is)."""
        if self._starting:
            self._when_started.append(action)
        else:
            action()

    def _finish_start(self) -> None:
        """Just after the first paint: the journal pane, with the last film in it."""
        if self._starting:
            _ = self.journal  # builds it, and completes the start

    def _complete_start(self) -> None:
        self._starting = False
        self._restore_film()
        # The list may have chosen that row itself before the paint (then choosing it
        # again is no change, and says nothing): show what it has chosen.
        chosen = self.film_list.current_film_id()
        if chosen is not None and self.journal.current_film_id() != chosen:
            self._on_film_selected(chosen)
        self._update_empty_state()
        self.update_title()
        self._update_actions()
        actions, self._when_started = self._when_started, []
        for action in actions:
            action()

    # --- building -----------------------------------------------------------------------------

    def _build_actions(self) -> None:
        """Every action from the one table in ui/actions.py (menus, keys and status tips)."""
        slots = {
            "export_film": self.transfer.export_film,
            "export_all": self.export_all,
            "export_json": self.transfer.export_json,
            "import_json": self.transfer.import_json,
            "import_letterboxd": self.letterboxd.import_export,
            "export_letterboxd": self.letterboxd.export_csv,
            "restore": self.restore_from_backup,
            "open_data": self.open_data_folder,
            "quit": self.close,
            "find": self.open_search,
            "filter": self.film_list.focus_filter,
            "new_film": self.films.new_film,
            "edit_film": self.films.edit_current_film,
            "new_viewing": lambda: self._need_film() and self.journal.new_viewing(),
            "delete_film": self.films.delete_current_film,
            "subtitles": self.subtitles.open_subtitles,
            "silences_refrains": self.subtitles.open_silences_refrains,
            "quote_line": self.subtitles.quote_line,
            "new_entry": lambda: self._need_film() and self.journal.new_entry(),
            "save_next": lambda: self._need_film() and self.journal.save_and_next(),
            "delete_entry": self.delete_entry,
            "motifs": self.set_motifs_visible,
            # Watching along (ui/watch/).
            "watch_along": self.watch.set_active,
            "stamp": self.watch.stamp,
            "watch_play": self.watch.toggle_play,
            "resync": lambda: self._need_film() and self.watch.open_resync(),
            # Reflection prompts and statistics (ui/prompts/, ui/statistics/).
            "prompts_shown": self.set_prompts_shown,
            "next_prompt": lambda: self._need_film() and self.show_next_prompt(),
            "edit_prompts": self.edit_prompts,
            "statistics": self.show_statistics,
            "shortcuts": self.show_shortcuts,
            "about": self.show_about,
        }
        self.actions_by_id = action_table.build_actions(self, slots, self.undo_stack)
        for action_id, action in self.actions_by_id.items():
            setattr(self, f"{action_id}_action", action)  # self.undo_action, self.find_action…
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.motifs_action.setCheckable(True)
        self.watch_along_action.setCheckable(True)
        self.watch.active_changed.connect(self.watch_along_action.setChecked)
        self.prompts_shown_action.setCheckable(True)
        # Del in the film list; the list itself handles the key (see eventFilter) so that it
        # never competes with Delete entry.
        self.delete_film_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)

        self.sort_menu = SortMenu(self.film_list, self.settings, self)
        self.sort_actions = self.sort_menu.actions
        self.appearance_group, self.appearance_actions = action_table.choice_group(
            self, theme.APPEARANCES.items(), self.set_appearance
        )
        action_table.build_menus(
            self.menuBar(),
            self.actions_by_id,
            {
                "motifs": [
                    ("&Sort films by", list(self.sort_actions.values())),
                    ("&Appearance", list(self.appearance_actions.values())),
                ]
            },
        )

    def _connect(self) -> None:
        self.bridge.changed.connect(self._on_store_changed)
        self.film_list.film_selected.connect(self._on_list_selected)
        self.film_list.film_activated.connect(self._on_film_activated)
        self.film_list.view.installEventFilter(self)
        self.welcome.add_button.clicked.connect(self.films.new_film)
        self.motifs_dock.visibilityChanged.connect(self._sync_motifs_action)
        self.motifs_dock.open_entry.connect(self.open_entry)
        self.undo_stack.indexChanged.connect(self._on_undo_index)

    # --- state --------------------------------------------------------------------------------

    def _restore_state(self) -> None:
        s = self.settings
        geometry = window_settings.read_bytes(s, window_settings.GEOMETRY_KEY)
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1180, 760)
        state = window_settings.read_bytes(s, window_settings.STATE_KEY)
        if state is not None:
            self.restoreState(state)
        if not self.motifs_dock.isHidden():
            _ = self.motifs_dock.panel
            self.motifs_dock.fit()
        window_settings.keep_on_screen(self)
        sizes = window_settings.read_int_list(s, window_settings.SPLITTER_KEY)
        if len(sizes) == 2 and all(sizes):
            self.splitter.setSizes(sizes)
        else:
            # About a quarter of the window for the list, the rest for the journal.
            left = max(260, min(380, int(self.width() * 0.28)))
            self.splitter.setSizes([left, max(self.width() - left, 400)])
        mode = window_settings.read_appearance(s, theme.APPEARANCES)
        self.appearance_actions[mode].setChecked(True)
        theme.restore_appearance(QApplication.instance(), mode)
        self.sort_menu.restore()
        self.set_prompts_shown(window_settings.read_prompts_shown(s))

    def _restore_film(self) -> None:
        """The film open when the window last closed (else the first in the list)."""
        s = self.settings
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
        if self._starting:
            pass  # closed before the last film was opened again: it stays remembered
        elif film_id is None:
            s.remove(window_settings.LAST_FILM_KEY)
        else:
            s.setValue(window_settings.LAST_FILM_KEY, film_id)
        window_settings.write_sort(s, *self.film_list.sort_state())
        s.sync()

    def flush_journal(self) -> bool:
        """Write whatever is typed and not yet saved (False: refused, the reason is shown)."""
        return self._journal is None or self._journal.flush()  # unbuilt, nothing was typed

    def flush_for_session_end(self, *_args: object) -> bool:
        """Write everything typed; False if something could not be written (it is still in
        its field, and the reason is in the status bar)."""
        try:
            return self.flush_journal()
        except JournalError as exc:
            self.show_status(str(exc))
            return False

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.watch.shut_down()  # a stamp still open is saved; a player started is quit
        # Whatever is typed and not yet written goes to the store before the window goes;
        # if it cannot be written, the person decides (the default keeps the window open).
        if not self.flush_for_session_end() and not self.confirm_close_unsaved():
            event.ignore()
            return
        self.jobs.stop()
        if self.search_dialog is not None:
            self.search_dialog.close()
        self.save_state()
        super().closeEvent(event)

    def confirm_close_unsaved(self) -> bool:
        """Ask before closing with words that could not be saved; True to close anyway."""
        box = messages.unsaved_box(self, self.statusBar().currentMessage())
        self.message_box = box
        box.exec()
        self.message_box = None
        return box.clickedButton() is not box.defaultButton()

    # --- what the window says -----------------------------------------------------------------

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

    def show_box(self, box: QMessageBox) -> None:
        """Open ``box`` window-modal, in place of any box still open."""
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
        self.show_box(messages.error_box(self, title, message))

    def show_done(self, title: str, text: str, detail: str, folder: Path | None) -> None:
        opener = None if folder is None else (lambda: self._open_folder(folder))
        self.show_box(messages.done_box(self, title, text, detail, opener))

    def _on_journal_replaced(self, message: str) -> None:
        """The journal file was replaced or removed under the window: say so once, plainly."""
        self.show_error_status(
            "The journal file was replaced by another program; nothing more is saved"
        )
        self.show_error("Your journal file changed on disk", message)

    def _on_undo_index(self, index: int) -> None:
        self.status_bar().undo_moved(index)
        self.films.undo_moved(index)

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
            self.update_title()
        if change.entity in ("subtitles", "journal"):
            self.journal.editor.cue_line.refresh()
        self._update_actions()

    # --- what can act now ---------------------------------------------------------------------

    def _on_entry_selected(self, entry_id: object) -> None:
        self._entry_selected = entry_id is not None
        self._update_actions()

    def _update_actions(self) -> None:
        """Grey out what cannot act now (rather than explaining after the fact)."""
        has_film = self.current_film_id() is not None
        for name in (
            "export_film",
            "edit_film",
            "new_viewing",
            "delete_film",
            "new_entry",
            "save_next",
            "watch_along",
            "resync",
            "subtitles",
            "silences_refrains",
            "quote_line",
        ):
            self.actions_by_id[name].setEnabled(has_film)
        self.delete_entry_action.setEnabled(has_film and self._entry_selected)
        has_films = self.film_list.model.rowCount() > 0
        self.export_all_action.setEnabled(has_films)
        self.export_json_action.setEnabled(has_films)
        self.export_letterboxd_action.setEnabled(has_films)
        self.open_data_action.setEnabled(self.store.data_dir is not None)

    def _update_empty_state(self) -> None:
        empty = self.film_list.model.rowCount() == 0
        journal = self._journal if self._journal is not None else self._journal_waiting
        self.right.setCurrentWidget(self.welcome if empty else journal)

    def update_title(self) -> None:
        if self._journal is None:
            return
        film_id = self.journal.current_film_id()
        title = APP_TITLE
        if film_id is not None:
            with contextlib.suppress(NotFoundError):
                title = film_label(self.store.get_film(film_id))
        self.setWindowTitle(title)

    # --- films, entries and search ------------------------------------------------------------

    @property
    def film_dialog(self) -> Any:
        """The open film dialog, if any."""
        return self.films.dialog

    def current_film_id(self) -> int | None:
        if self._starting and self._init_done:
            _ = self.journal  # asked before the start finished: finish it (the last film)
        shown = self._journal.current_film_id() if self._journal is not None else None
        return shown or self.film_list.current_film_id()

    def _on_list_selected(self, film_id: int) -> None:
        if self._starting:
            return  # the list chose its first row: the first paint comes first (_finish_start)
        self._on_film_selected(film_id)

    def _on_film_selected(self, film_id: int) -> None:
        if self.journal.current_film_id() != film_id:
            self.journal.show_film(film_id)
        self.update_title()
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
        _ = self.journal  # a start not yet finished finishes first, then this film is chosen
        if not self.film_list.select_film(film_id):
            return False
        self._on_film_selected(film_id)
        return True

    def _need_film(self) -> bool:
        if self.journal.current_film_id() is None:
            self.show_status("Choose a film first, or add one with Ctrl+Shift+N")
            return False
        return True

    def delete_entry(self) -> None:
        if not self.journal.delete_selected_entry():
            self.show_status("Select an entry to delete first")

    def open_entry(self, film_id: int, entry_id: int) -> None:
        """Show a film and select one of its entries (from motifs or search)."""
        if not self.select_film(film_id):
            self.show_status("That film is no longer in the journal")
            return
        self.journal.select_entry(entry_id)

    def open_search(self) -> None:
        if self.search_dialog is None:
            from ui.search.dialog import SearchDialog

            self.search_dialog = SearchDialog(self.store, self)
            self.search_dialog.open_hit.connect(self.open_hit)
        self.journal.flush()
        self.search_dialog.start()

    def open_hit(self, hit: SearchHit) -> None:
        if hit.entry_id is not None:
            self.open_entry(hit.film_id, hit.entry_id)
        elif not self.select_film(hit.film_id):
            self.show_status("That film is no longer in the journal")
        elif hit.viewing_id is not None:  # a reflection or an answer: its viewing
            self.journal.viewing_bar.select_viewing(hit.viewing_id)

    def export_all(self) -> None:
        self.transfer.export_all()

    # --- dialogs and folders ------------------------------------------------------------------

    def restore_from_backup(self) -> Any:
        """File → Restore from backup…: the dialog (None if it cannot open now)."""
        from ui.dialogs import restore_flow

        return restore_flow.start(self, MainWindow)

    def _open_folder(self, folder: Path) -> None:
        from ui.dialogs import about

        about.show_folder(folder, self)

    def open_data_folder(self) -> None:
        if self.store.data_dir is not None:
            self._open_folder(self.store.data_dir)

    def show_shortcuts(self) -> None:
        from ui.dialogs.shortcuts import show_shortcuts

        show_shortcuts(self)

    def show_about(self) -> None:
        from ui.dialogs.about import show_about

        show_about(self.store.data_dir or self.store.path.parent, self)

    # --- view: appearance, sort, motifs -------------------------------------------------------

    def set_appearance(self, mode: str) -> None:
        """View → Appearance: System, Light or Dark; remembered for the next launch."""
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        theme.apply_theme(app).set_mode(mode)
        self.appearance_actions[mode].setChecked(True)
        self.settings.setValue(window_settings.APPEARANCE_KEY, mode)

    # --- reflection prompts and statistics ----------------------------------------------------

    def set_prompts_shown(self, shown: bool) -> None:
        """View → Reflection prompts: on or off entirely; remembered for the next launch."""
        self.prompts_shown_action.setChecked(shown)
        self.next_prompt_action.setEnabled(shown)
        if self._journal is not None:
            self.journal.set_prompts_shown(shown)
        self.settings.setValue(window_settings.PROMPTS_SHOWN_KEY, shown)

    def show_next_prompt(self) -> None:
        if not self.prompts_shown_action.isChecked():
            self.show_status("Reflection prompts are off (View → Reflection prompts)")
        elif self.journal.prompts.viewing() is None:
            self.show_status("Prompts belong to a viewing: start one with Ctrl+Alt+N")
        else:
            self.journal.reflection_section.show_prompts()  # their tab, on a narrower page
            self.journal.prompts.show_next()

    def edit_prompts(self) -> Any:
        """View → Edit prompts…: the deck editor (modal)."""
        from ui.prompts.deck_dialog import DeckDialog

        self.journal.flush()
        dialog = DeckDialog(self.store, self.undo_stack, self)
        dialog.error.connect(self.show_error_status)
        dialog.open()
        return dialog

    def show_statistics(self) -> Any:
        """View → Statistics…: one calm page of figures."""
        from ui.statistics.dialog import StatisticsDialog

        self.journal.flush()
        dialog = StatisticsDialog(self.store, self)
        dialog.open()
        return dialog

    def sort_films_by(self, column: int) -> None:
        self.sort_menu.sort_by(column)

    @property
    def motifs_panel(self) -> Any:
        return self.motifs_dock.panel

    def set_motifs_visible(self, visible: bool) -> None:
        self.motifs_dock.set_shown(visible)
        self._sync_motifs_action()

    def _sync_motifs_action(self, *_args: object) -> None:
        self.motifs_action.setChecked(not self.motifs_dock.isHidden())

    def resizeEvent(self, event: Any) -> None:  # noqa: N802
        super().resizeEvent(event)
        if not self.motifs_dock.isHidden():
            self.motifs_dock.fit()

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
                    self.films.delete_current_film()
                return True
        return super().eventFilter(watched, event)

    # --- start-up chores ----------------------------------------------------------------------

    def start_launch_backup(self) -> None:
        """Back up the journal if the newest backup is a day old, off the GUI thread."""
        data_dir, path = self.store.data_dir, self.store.path
        if data_dir is None:
            return

        def work(_report: Any) -> Path | None:
            from journal import backup

            return backup.backup_if_stale(data_dir, path, datetime.now())

        self.jobs.run_quietly(
            work,
            lambda made: self.show_status(f"Backed up the journal to {made}") if made else None,
            lambda exc: self.show_status(f"The daily backup failed: {messages.describe(exc)}"),
        )

    def defer_launch_backup(self) -> None:
        # After the first paint, so the window appears at once.
        QTimer.singleShot(500, self, self.start_launch_backup)


def _watch_window(mode: Any, host: Any) -> Any:
    """The watch-along window, loaded the first time someone watches along."""
    from ui.watch.window import WatchWindow

    return WatchWindow(mode, host)
