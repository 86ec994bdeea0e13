"""The right-hand pane: the chosen film's header, its viewings, the viewing's reflection, and
its journal — entries in time order above the editor for the selected or new entry.

Nothing here holds the truth. Edits go through undo commands to the store; the store's change
notices (through the bridge) refresh the entries model, the viewing selector and the editor.

Over 400 lines for one concern: the pane coordinates the viewing bar, the reflection, the
entries table and the editor (``ui.viewing.*``), whose selection, focus and "typing starts a
viewing" rules only make sense together.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt, Signal
from PySide6.QtGui import QFontMetrics, QKeySequence, QShortcut, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from journal.errors import JournalError, NotFoundError
from journal.store import Change, FilmRow, Store, ViewingRow
from ui import commands
from ui.prompts.kind_line import KindPromptLine
from ui.prompts.panel import PromptsPanel
from ui.viewing.bar import ViewingBar
from ui.viewing.entries_model import (
    COLUMN_INTENSITY,
    COLUMN_KIND,
    COLUMN_MOTIFS,
    COLUMN_POSITION,
    COLUMN_TEXT,
    EntriesModel,
)
from ui.viewing.entry_editor import EntryEditor
from ui.viewing.film_header import FilmHeader
from ui.viewing.reflection import ReflectionEdit
from ui.widgets import ElidedLabel, muted

MOTIFS_MIN_WIDTH, MOTIFS_MAX_WIDTH = 90, 220
# The key that moves to the reflection (free in the window's key table; see the README).
REFLECTION_KEY = "Ctrl+R"
REFLECTION_MIN_LINES = 6


def _section_heading(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setObjectName("sectionHeading")
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


class JournalView(QWidget):
    """The selected film's journal. See the module docstring."""

    error = Signal(str)
    edit_film_requested = Signal(int)
    entry_selected = Signal(object)  # entry id, or None for a new entry / nothing

    def __init__(
        self,
        store: Store,
        bridge,
        undo_stack: QUndoStack,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("journalView")
        self._store = store
        self._stack = undo_stack
        self._bridge = bridge
        self._film: FilmRow | None = None
        self._syncing = False
        self._starting_for_typing = False  # see _start_viewing_for_typing
        # The model listens to the bridge first, so it is fresh when our own handler runs.
        self.model = EntriesModel(store, bridge, self)
        self._build()
        bridge.changed.connect(self._on_store_changed)
        self._reload_motifs()
        self.show_film(None)

    # --- layout ----------------------------------------------------------------------------

    def _build(self) -> None:
        self.pages = QStackedWidget(self)
        self.empty_label = QLabel(
            "Choose a film on the left — or add the one you just watched with Ctrl+Shift+N.",
            self,
        )
        self.empty_label.setObjectName("emptyText")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pages.addWidget(self.empty_label)

        page = QWidget(self)
        self.pages.addWidget(page)
        self.film_page = page

        self.header = FilmHeader(page)
        self.header.edit_requested.connect(self._on_edit_film_clicked)
        self.title_label = self.header.title_label
        self.details_label = self.header.details_label
        self.edit_film_button = self.header.edit_film_button
        self.notes_label = self.header.notes_label
        self.link_label = self.header.link_label

        self.viewing_bar = ViewingBar(self._store, self._stack, page)
        self.viewing_bar.viewing_changed.connect(self._on_viewing_changed)
        self.viewing_bar.error.connect(self.error)

        self.reflection = ReflectionEdit(self._store, self._stack, page)
        self.reflection.error.connect(self.error)
        self.reflection.viewing_needed.connect(self._start_viewing_for_typing)
        # The box grows with its text (see _fit_reflection) rather than keeping a few lines.
        self.reflection.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.reflection.setMinimumHeight(self.reflection.height_for_lines(2))
        self.reflection.document().documentLayout().documentSizeChanged.connect(
            self._fit_reflection
        )
        reflection_box = QWidget(page)
        self.reflection_box = reflection_box
        # Reflection prompts (ui/prompts/) sit beside the reflection's column.
        reflection_outer = QHBoxLayout(reflection_box)
        reflection_outer.setContentsMargins(0, 0, 0, 0)
        reflection_outer.setSpacing(14)
        reflection_layout = QVBoxLayout()
        reflection_layout.setSpacing(4)
        reflection_outer.addLayout(reflection_layout, 3)
        reflection_heading = _section_heading("Reflection", reflection_box)
        reflection_heading.setBuddy(self.reflection)
        reflection_heading.setToolTip(f"{REFLECTION_KEY} moves here")
        reflection_top = QHBoxLayout()
        reflection_top.addWidget(reflection_heading)
        reflection_top.addSpacing(8)
        reflection_hint = ElidedLabel(REFLECTION_KEY, reflection_box)
        muted(reflection_hint)
        reflection_top.addWidget(reflection_hint, 1)
        reflection_layout.addLayout(reflection_top)
        reflection_layout.addWidget(self.reflection)
        reflection_layout.addStretch(1)
        self.prompts = PromptsPanel(self._store, self._bridge, self._stack, reflection_box)
        self.prompts.error.connect(self.error)
        reflection_outer.addWidget(self.prompts, 2)
        self._reflection_top_height = reflection_heading.sizeHint().height() + 4
        self.reflection_shortcut = QShortcut(QKeySequence(REFLECTION_KEY), self)
        self.reflection_shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        self.reflection_shortcut.activated.connect(self.focus_reflection)

        self.table = QTableView(page)
        self.table.setObjectName("entriesTable")
        self.table.setAccessibleName("Entries")
        self._configure_table()
        self.entries_heading = _section_heading("Entries", page)
        self.entries_hint = ElidedLabel("", page)
        self.entries_hint.setObjectName("sectionHint")
        muted(self.entries_hint)
        entries_box = QWidget(page)
        entries_layout = QVBoxLayout(entries_box)
        entries_layout.setContentsMargins(0, 0, 0, 0)
        entries_layout.setSpacing(4)
        entries_top = QHBoxLayout()
        entries_top.addWidget(self.entries_heading)
        entries_top.addSpacing(8)
        entries_top.addWidget(self.entries_hint, 1)
        entries_layout.addLayout(entries_top)
        entries_layout.addWidget(self.table, 1)

        self.editor = EntryEditor(self._store, self._stack, page)
        self.editor.saved.connect(self._on_entry_saved)
        self.editor.error.connect(self.error)
        self.editor.save_and_next_requested.connect(self.save_and_next)
        self.editor.viewing_needed.connect(self._start_viewing_for_typing)
        # Reflection prompts (ui/prompts/): one quiet line for the entry's kind, under the editor.
        self.kind_prompt = KindPromptLine(
            self._store, self._bridge, self.editor.kind, self._editor_key, self.editor
        )
        self.editor.layout().addWidget(self.kind_prompt)

        self.splitter = QSplitter(Qt.Orientation.Vertical, page)
        self.splitter.setObjectName("journalSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(entries_box)
        self.splitter.addWidget(self.editor)
        # Room goes to the list first, then to the writing.
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        line = QFontMetrics(self.editor.text.font()).lineSpacing()
        self.editor.text.setMinimumHeight(2 * line + 16)
        self._splitter_sized = False
        self.splitter.installEventFilter(self)
        page.installEventFilter(self)
        # The motifs column takes a share of the width, so the text keeps most of it.
        self.table.viewport().installEventFilter(self)
        self.splitter.setHandleWidth(10)

        page_layout = QVBoxLayout(page)
        page_layout.setContentsMargins(16, 12, 16, 12)
        page_layout.setSpacing(10)
        page_layout.addWidget(self.header)
        page_layout.addWidget(self.viewing_bar)
        page_layout.addWidget(reflection_box)
        page_layout.addWidget(self.splitter, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)

        # Reading order: film → viewing → reflection → entries → the entry's fields.
        chain: list[QWidget] = [
            self.edit_film_button,
            self.viewing_bar.selector,
            self.viewing_bar.new_button,
            self.viewing_bar.delete_button,
            self.viewing_bar.date_edit,
            self.viewing_bar.rewatch,
            self.viewing_bar.rating,
            self.reflection,
            self.table,
            *self.editor.input_widgets(),
        ]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def _configure_table(self) -> None:
        table = self.table
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setShowGrid(False)
        table.setWordWrap(False)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        table.setTabKeyNavigation(False)  # Tab moves on to the editor, in reading order
        table.setCornerButtonEnabled(False)
        table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        metrics = QFontMetrics(table.font())
        # One line per entry with a fixed height: no per-row measuring, fast with thousands.
        rows = table.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(metrics.height() + 12)
        columns = table.horizontalHeader()
        columns.setHighlightSections(False)
        columns.setStretchLastSection(False)
        columns.setMinimumSectionSize(40)
        padding = 28
        widths = {
            COLUMN_POSITION: metrics.horizontalAdvance("10:00:00") + padding,
            COLUMN_KIND: metrics.horizontalAdvance("Dialogue") + padding,
            COLUMN_MOTIFS: metrics.horizontalAdvance("M") * 14,
            COLUMN_INTENSITY: max(
                metrics.horizontalAdvance("●●●●●"), metrics.horizontalAdvance("Intensity")
            )
            + padding,
        }
        for column, width in widths.items():
            columns.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            columns.resizeSection(column, width)
        columns.setSectionResizeMode(COLUMN_TEXT, QHeaderView.ResizeMode.Stretch)

        table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)
        table.activated.connect(self._on_table_activated)
        self.model.modelReset.connect(self._restore_selection)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.splitter and event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            self._size_splitter_once()
        if watched is self.film_page and event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            self._fit_reflection()
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            share = int(self.table.viewport().width() * 0.2)
            self.table.horizontalHeader().resizeSection(
                COLUMN_MOTIFS, max(MOTIFS_MIN_WIDTH, min(MOTIFS_MAX_WIDTH, share))
            )
        return super().eventFilter(watched, event)

    def _size_splitter_once(self) -> None:
        """First real height: shared by the list and the editor."""
        height = self.splitter.height()
        if self._splitter_sized or not self.splitter.isVisible() or height < 200:
            return
        self._splitter_sized = True
        editor = max(self.editor.minimumSizeHint().height(), int(height * 0.45))
        self.splitter.setSizes([max(0, height - editor), editor])

    def reflection_height_range(self) -> tuple[int, int]:
        """The reflection box's usual least height (6 lines) and most (about half the pane)."""
        least = self.reflection.height_for_lines(REFLECTION_MIN_LINES)
        if not self.prompts.isHidden():  # as tall as the questions beside it
            least = max(least, self.prompts.comfortable_height() - self._reflection_top_height)
        return least, max(least, self.film_page.height() // 2)

    def _fit_reflection(self, *_args: object) -> None:
        """Grow the reflection with its text, from 6 lines up to about half the pane (then
        it scrolls). On a very low window it may get less than 6 lines rather than push the
        list and the editor out of sight: the height asked for is a hint, not a minimum."""
        least, most = self.reflection_height_range()
        self.reflection.set_wanted_height(min(most, max(least, self.reflection.content_height())))

    # --- public API (see the UI contract) ---------------------------------------------------

    def show_film(self, film_id: int | None) -> bool:
        """Show a film's journal (None: a calm empty state). Pending edits are written first;
        if they cannot be, the pane stays as it is (nothing typed is dropped) and this
        returns False."""
        if not self.flush():
            return False
        film: FilmRow | None = None
        if film_id is not None:
            try:
                film = self._store.get_film(film_id)
            except NotFoundError as exc:
                self.error.emit(str(exc))
        self._film = film
        self.editor.set_film(film)
        if film is None:
            self.pages.setCurrentWidget(self.empty_label)
        else:
            self.header.show_film(film)
            self.pages.setCurrentWidget(self.film_page)
        # Emits viewing_changed with the latest viewing, which fills the rest.
        self.viewing_bar.set_film(film)
        return True

    def _editor_key(self) -> str:
        viewing = self.editor.viewing()
        return viewing.uid if viewing else ""

    def set_prompts_shown(self, shown: bool) -> None:
        """View → Reflection prompts: the questions and the kind line, or neither."""
        self.prompts.setVisible(shown)
        self.kind_prompt.set_enabled_by_setting(shown)
        self._fit_reflection()

    def focus_reflection(self) -> None:
        """Move to the reflection (REFLECTION_KEY), where one can be written."""
        if self._film is not None and self.reflection.isEnabled():
            self.reflection.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def current_film_id(self) -> int | None:
        return self._film.id if self._film else None

    def current_viewing_id(self) -> int | None:
        viewing = self.viewing_bar.current_viewing()
        return viewing.id if viewing else None

    def new_viewing(self) -> int | None:
        """Add a viewing dated today and switch to it; returns its id."""
        if self._film is None:
            return None
        self.flush()
        viewing = self.viewing_bar.new_viewing()
        return viewing.id if viewing else None

    def new_entry(self) -> None:
        """Start a new entry in the current viewing (a viewing dated today is created if the
        film has none), with the position focused and prefilled with the last one used."""
        if self._film is None:
            return
        if not self.editor.flush_before_leaving():
            return  # the unsaved entry stays in the editor; the reason is shown
        viewing = self.viewing_bar.current_viewing()
        if viewing is None:
            viewing = self.viewing_bar.new_viewing()
            if viewing is None:
                return
        self._start_new_entry(viewing, self._store.last_position(viewing.id))

    def save_and_next(self) -> None:
        """Save the entry being edited, then start the next one at the same position."""
        if self._film is None:
            return
        viewing = self.editor.viewing()
        if viewing is None:
            self.new_entry()
            return
        if not self.editor.save(force_create=True):
            # The reason is shown: a position to fix, or an empty entry that needs words.
            field = self.editor.position if self.editor.message.isHidden() else self.editor.text
            field.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self._start_new_entry(viewing, self.editor.saved_position_ms())

    def delete_selected_entry(self) -> bool:
        """Delete the entry selected in the list (undoable). False if none is selected."""
        rows = self.table.selectionModel().selectedRows()
        viewing = self.viewing_bar.current_viewing()
        if not rows or self._film is None or viewing is None:
            return False
        entry = self.model.entry_at(rows[0].row())
        if entry is None:
            return False
        # Written first, so that undoing the delete brings back the latest words.
        self.editor.flush_before_leaving()
        row = max(0, self.model.row_for_uid(entry.uid))
        try:
            commands.perform(
                self._stack,
                commands.DeleteEntry(self._store, self._film.uid, viewing.uid, entry.uid),
            )
        except JournalError as exc:
            self.error.emit(f"The entry was not deleted: {exc}")
            return False
        neighbour = self.model.entry_at(min(row, self.model.rowCount() - 1))
        if neighbour is not None:
            self._open_entry(neighbour.id)
        else:
            self._start_new_entry(viewing, self._store.last_position(viewing.id), focus=False)
        return True

    def select_entry(self, entry_id: int) -> None:
        """Show the entry's film and viewing, select it, scroll to it and load it."""
        try:
            entry = self._store.get_entry(entry_id)
            viewing = self._store.get_viewing(entry.viewing_id)
        except NotFoundError as exc:
            self.error.emit(str(exc))
            return
        if self._film is None or self._film.id != viewing.film_id:
            self.show_film(viewing.film_id)
        if self.current_viewing_id() != viewing.id:
            self.viewing_bar.select_viewing(viewing.id)
        self._open_entry(entry.id)

    def flush(self) -> bool:
        """Write every pending edit now (the window calls this on close). False when something
        could not be written (a full disk, say): the text is still in its field, the reason
        was emitted as ``error``, and the caller must not throw the pane's contents away."""
        self.viewing_bar.flush()
        reflection_saved = self.reflection.flush()
        entry_saved = self.editor.flush_before_leaving()
        prompts_saved = self.prompts.flush()
        return reflection_saved and entry_saved and prompts_saved

    # --- header ----------------------------------------------------------------------------

    def _on_edit_film_clicked(self) -> None:
        if self._film is not None:
            self.flush()
            self.edit_film_requested.emit(self._film.id)

    # --- viewings ---------------------------------------------------------------------------

    def _on_viewing_changed(self, viewing: ViewingRow | None) -> None:
        # The editor and reflection still point at the viewing being left: write them there.
        # What cannot be written stays in its field (which still knows its own viewing).
        # Words typed while the film had no viewing belong to the one just started for them
        # (and to no other viewing: only the one _start_viewing_for_typing made).
        adopting = viewing is not None and self._starting_for_typing
        reflection_adopts = adopting and self.reflection.is_awaiting_viewing()
        editor_adopts = adopting and self.editor.is_awaiting_viewing()
        reflection_saved = reflection_adopts or self.reflection.flush()
        entry_saved = editor_adopts or self.editor.flush_before_leaving()
        has_film = self._film is not None
        if reflection_adopts:
            assert viewing is not None
            self.reflection.attach_viewing(viewing)
        elif reflection_saved:
            self.reflection.set_viewing(viewing, can_start=has_film)
        film_id = self._film.id if self._film else None
        self.model.set_viewing(viewing.id if viewing else None, film_id)
        self.prompts.set_viewing(viewing)
        self._fit_reflection()
        if not entry_saved:
            pass
        elif editor_adopts:
            assert viewing is not None
            self.editor.attach_viewing(viewing)
            self._clear_selection()
            self.entry_selected.emit(None)
        elif viewing is None:
            if has_film:
                self.editor.await_viewing()
            else:
                self.editor.clear()
            self._clear_selection()
            self.entry_selected.emit(None)
        else:
            self._start_new_entry(viewing, self._store.last_position(viewing.id), focus=False)
        self._update_entries_hint()

    def _start_viewing_for_typing(self) -> None:
        """Typing began in a film with no viewing: start one dated today, as Ctrl+N does; the
        box typed in takes it over (see _on_viewing_changed). If it cannot be started, the
        words stay where they are and the reason is shown; the next keystroke tries again."""
        if self._film is None or self.viewing_bar.current_viewing() is not None:
            return
        self._starting_for_typing = True
        try:
            self.viewing_bar.new_viewing()
        finally:
            self._starting_for_typing = False

    # --- entries ----------------------------------------------------------------------------

    @contextmanager
    def _quietly(self) -> Iterator[None]:
        """Selection changes made by code, not by the person, must not reload the editor."""
        was = self._syncing
        self._syncing = True
        try:
            yield
        finally:
            self._syncing = was

    def _start_new_entry(self, viewing: ViewingRow, position_ms: int, focus: bool = True) -> None:
        self.editor.start_new(viewing, position_ms)
        self._clear_selection()
        self.entry_selected.emit(None)
        if focus:
            self.editor.focus_position()

    def _clear_selection(self) -> None:
        with self._quietly():
            self.table.selectionModel().clear()

    def _select_row(self, row: int, *, scroll: bool = True) -> None:
        with self._quietly():
            index = self.model.index(row, COLUMN_TEXT)
            self.table.selectionModel().setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            if scroll:
                self.table.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)

    def _open_entry(self, entry_id: int) -> None:
        if not self.editor.flush_before_leaving():
            self._restore_selection()  # stay on the entry whose words are not yet saved
            return
        row = self.model.row_for_entry(entry_id)
        viewing = self.viewing_bar.current_viewing()
        entry = self.model.entry_at(row)
        if entry is None or viewing is None:
            self._restore_selection()
            return
        self._select_row(row)
        self.editor.load_entry(entry, viewing)
        self.entry_selected.emit(entry.id)

    def _on_table_selection_changed(self, *_args: object) -> None:
        if self._syncing:
            return
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        entry = self.model.entry_at(rows[0].row())
        if entry is not None and entry.uid != self.editor.entry_uid():
            self._open_entry(entry.id)

    def _on_table_activated(self, _index: object) -> None:
        self.editor.text.setFocus(Qt.FocusReason.OtherFocusReason)

    def _restore_selection(self) -> None:
        """After the list reloads, keep the entry being edited selected."""
        uid = self.editor.entry_uid()
        row = self.model.row_for_uid(uid) if uid else -1
        if row >= 0:
            self._select_row(row, scroll=False)
        else:
            self._clear_selection()
        self._update_entries_hint()

    def _on_entry_saved(self, entry_id: int) -> None:
        row = self.model.row_for_entry(entry_id)
        if row >= 0:
            self._select_row(row)
        self.entry_selected.emit(entry_id)

    def _update_entries_hint(self) -> None:
        count = self.model.rowCount()
        if self.viewing_bar.current_viewing() is None:
            text = "No viewing yet — writing below (or Ctrl+N) starts one dated today"
        elif count == 0:
            text = "None yet — write below, or Ctrl+N"
        else:
            text = f"{count} · Ctrl+N new · Del deletes the selected one"
        self.entries_hint.set_full_text(text)

    # --- the store changed ------------------------------------------------------------------

    def _reload_motifs(self) -> None:
        self.editor.set_known_motifs(self._store.motif_names())

    def _on_store_changed(self, change: Change) -> None:
        if change.entity in ("motif", "journal"):
            self._reload_motifs()
        if self._film is None:
            return
        film_id = self._film.id
        if change.entity == "film" and change.film_id == film_id:
            if change.action == "deleted":
                self._drop_film()
            else:
                self._reload_film()
        elif change.entity == "journal":
            if self._reload_film():
                self.viewing_bar.refresh()
                self.reflection.sync_from_store(self.viewing_bar.current_viewing())
                self._sync_editor()
        elif change.entity == "viewing" and change.film_id == film_id:
            self.viewing_bar.refresh()
            self.reflection.sync_from_store(self.viewing_bar.current_viewing())
        elif change.entity == "entry" and change.film_id == film_id:
            if change.action != "updated":
                self.viewing_bar.refresh()  # entry counts in the selector
            self._sync_editor()
        elif change.entity == "motif":
            self._sync_editor()

    def _reload_film(self) -> bool:
        assert self._film is not None
        try:
            film = self._store.get_film(self._film.id)
        except NotFoundError:
            self._drop_film()
            return False
        self._film = film
        self.header.show_film(film)
        self.editor.set_film(film)
        self.viewing_bar.set_film_row(film)
        return True

    def _drop_film(self) -> None:
        """The film was deleted (the window asked first, and wrote pending edits before)."""
        self.editor.clear()
        self.reflection.set_viewing(None, can_start=False)
        self.prompts.set_viewing(None)
        self._film = None
        self.editor.set_film(None)
        self.pages.setCurrentWidget(self.empty_label)
        self.viewing_bar.set_film(None)

    def _sync_editor(self) -> None:
        if not self.editor.sync_from_store():
            # The entry being edited was taken away (an undo, most likely).
            viewing = self.viewing_bar.current_viewing()
            if viewing is None:
                self.editor.await_viewing()
                self.entry_selected.emit(None)
            else:
                self._start_new_entry(viewing, self._store.last_position(viewing.id), focus=False)
