"""The motifs panel: every motif with its use, where each one appears, and tidying them up.

Rename, merge, delete and create go through undo commands; the lists refresh from the store
whenever it announces a change, keeping the chosen motif (by id) selected.

Over 400 lines for one concern: the motif list, its occurrences and the four ways of tidying
(with their questions, kept as methods so tests can answer them) share one selection.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QShowEvent, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from journal.errors import JournalError, ValidationError
from journal.store import Change, MotifRow, Store
from journal.threads import ThreadOrder, ThreadRow
from ui import commands
from ui.bridge import StoreBridge
from ui.motifs.models import (
    SORT_ROLE,
    MotifsModel,
    entries_text,
    usage_text,
)
from ui.motifs.thread import THREAD_ROW_ROLE, ThreadDelegate, ThreadModel, thread_summary

EMPTY_TEXT = (
    "No motifs yet. Tag entries with motifs — a letter, a mended cup — "
    "to follow a thread across films."
)
CHOOSE_TEXT = "Choose a motif to see where it appears across your films."
# Store changes arriving within this time refresh the panel once.
REFRESH_DELAY_MS = 250
FIRST_LOAD_DELAY_MS = 50


def _action_button(action: QAction, label: str) -> QPushButton:
    """A push button (styled like the rest of the app) that mirrors an action."""
    button = QPushButton(label)
    button.setToolTip(action.toolTip())
    button.setAutoDefault(False)
    button.clicked.connect(action.trigger)

    def sync() -> None:
        button.setEnabled(action.isEnabled())

    action.changed.connect(sync)
    sync()
    return button


class MotifsPanel(QWidget):
    """Every motif with its usage; choosing one lists its occurrences across all films."""

    open_entry = Signal(int, int)  # film_id, entry_id

    def __init__(
        self,
        store: Store,
        bridge: StoreBridge,
        undo_stack: QUndoStack,
        parent: QWidget | None = None,
        *,
        load: bool = True,
    ) -> None:
        """``load=False`` leaves the list empty until :meth:`refresh` (the main window fills it
        just after its first paint: counting motif uses reads every tagged entry)."""
        super().__init__(parent)
        self.setObjectName("motifsPanel")
        self.store = store
        self.undo_stack = undo_stack
        self._restoring = False
        self._shown_motif_id: int | None = None
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(REFRESH_DELAY_MS)
        self._refresh_timer.timeout.connect(self.refresh)

        self.model = MotifsModel(store, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(MotifsModel.NAME)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setSortRole(SORT_ROLE)
        # The chosen motif read as a thread (ui/motifs/thread.py).
        self.occurrences = ThreadModel(store, self)

        self._build_actions()
        self._build_widgets()
        self._loaded = load
        if load:
            self.model.refresh()
        self._show_occurrences(None)
        self._update_state()
        bridge.changed.connect(self._on_store_changed)

    # --- building ------------------------------------------------------------------------

    def _build_actions(self) -> None:
        def action(text: str, slot, tip: str, shortcut: QKeySequence | None = None) -> QAction:
            made = QAction(text, self)
            made.setToolTip(tip)
            made.triggered.connect(slot)
            if shortcut is not None:
                made.setShortcut(shortcut)
                # Only shown in menus and tooltips: the view handles these keys itself so
                # they never clash with the window's own Delete.
                made.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            return made

        self.new_action = action("New motif…", self.new_motif, "Add a motif to tag entries with")
        self.rename_action = action(
            "Rename…", self.rename_selected, "Rename the motif (F2)", QKeySequence(Qt.Key.Key_F2)
        )
        self.merge_action = action(
            "Merge into…", self.merge_selected, "Move every use of this motif onto another one"
        )
        self.delete_action = action(
            "Delete",
            self.delete_selected,
            "Delete the motif; entries keep their text (Del)",
            QKeySequence(QKeySequence.StandardKey.Delete),
        )
        self.open_action = action("Open entry", self.open_current_occurrence, "Open this entry")

    def _build_widgets(self) -> None:
        self.filter_edit = QLineEdit()
        self.filter_edit.setObjectName("motifFilter")
        self.filter_edit.setPlaceholderText("Filter motifs")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setAccessibleName("Filter motifs")
        self.filter_edit.textChanged.connect(self._on_filter_changed)

        self.motif_view = QTreeView()
        self.motif_view.setObjectName("motifList")
        self.motif_view.setAccessibleName("Motifs")
        self.motif_view.setModel(self.proxy)
        self.motif_view.setRootIsDecorated(False)
        self.motif_view.setUniformRowHeights(True)
        self.motif_view.setAlternatingRowColors(True)
        self.motif_view.setAllColumnsShowFocus(True)
        self.motif_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.motif_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.motif_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.motif_view.setSortingEnabled(True)
        self.motif_view.sortByColumn(MotifsModel.NAME, Qt.SortOrder.AscendingOrder)
        header = self.motif_view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(MotifsModel.NAME, QHeaderView.ResizeMode.Stretch)
        for column in (MotifsModel.ENTRIES, MotifsModel.FILMS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.motif_view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        separator = QAction(self)
        separator.setSeparator(True)
        self.motif_view.addActions(
            [self.rename_action, self.merge_action, self.delete_action, separator, self.new_action]
        )
        self.motif_view.installEventFilter(self)
        self.motif_view.selectionModel().selectionChanged.connect(self._on_selection_changed)

        self.empty_label = QLabel(EMPTY_TEXT)
        self.empty_label.setObjectName("emptyText")
        self.empty_label.setWordWrap(True)
        self.empty_label.setTextFormat(Qt.TextFormat.PlainText)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.empty_label.setMargin(8)
        self.motif_stack = QStackedWidget()
        self.motif_stack.addWidget(self.motif_view)
        self.motif_stack.addWidget(self.empty_label)

        buttons = QHBoxLayout()
        buttons.setSpacing(4)
        # Short labels so the row fits a narrow dock; the menu and tooltips say more.
        for act, label in (
            (self.new_action, "New…"),
            (self.rename_action, "Rename…"),
            (self.merge_action, "Merge…"),
            (self.delete_action, "Delete"),
        ):
            buttons.addWidget(_action_button(act, label))
        buttons.addStretch(1)

        self.error_label = QLabel()
        self.error_label.setObjectName("errorLabel")
        self.error_label.setProperty("role", "error")
        self.error_label.setWordWrap(True)
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.hide()

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.setSpacing(6)
        top_layout.addWidget(self.motif_stack, 1)
        top_layout.addLayout(buttons)
        top_layout.addWidget(self.error_label)

        self.occurrence_heading = QLabel()
        self.occurrence_heading.setObjectName("sectionTitle")
        self.occurrence_heading.setWordWrap(True)
        self.occurrence_heading.setTextFormat(Qt.TextFormat.PlainText)

        self.occurrence_view = QListView()
        self.occurrence_view.setObjectName("occurrenceList")
        self.occurrence_view.setAccessibleName("Thread")
        self.occurrence_view.setModel(self.occurrences)
        self.occurrence_view.setItemDelegate(ThreadDelegate(self.occurrence_view))
        self.occurrence_view.setWordWrap(True)
        self.occurrence_view.setResizeMode(QListView.ResizeMode.Adjust)
        # Entries are laid out a batch at a time: a long thread shows at once.
        self.occurrence_view.setLayoutMode(QListView.LayoutMode.Batched)
        self.occurrence_view.setBatchSize(60)
        self.occurrence_view.setAlternatingRowColors(True)
        self.occurrence_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.occurrence_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.occurrence_view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.occurrence_view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.occurrence_view.addAction(self.open_action)
        self.occurrence_view.activated.connect(self._on_occurrence_activated)

        self.occurrence_placeholder = QLabel()
        self.occurrence_placeholder.setObjectName("placeholder")
        self.occurrence_placeholder.setProperty("role", "muted")
        self.occurrence_placeholder.setWordWrap(True)
        self.occurrence_placeholder.setTextFormat(Qt.TextFormat.PlainText)
        self.occurrence_placeholder.setAlignment(
            Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft
        )
        self.occurrence_placeholder.setMargin(8)
        self.occurrence_stack = QStackedWidget()
        self.occurrence_stack.addWidget(self.occurrence_view)
        self.occurrence_stack.addWidget(self.occurrence_placeholder)

        self.bottom = bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 6, 0, 0)
        bottom_layout.setSpacing(6)
        bottom_layout.addWidget(self.occurrence_heading)
        bottom_layout.addLayout(self._build_thread_controls())
        bottom_layout.addWidget(self.occurrence_stack, 1)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(top)
        self.splitter.addWidget(bottom)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([260, 390])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.setSpacing(8)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.splitter, 1)

    def _build_thread_controls(self) -> QHBoxLayout:
        """The thread's order, and a second motif to read only where the two meet."""
        self.order_combo = QComboBox()
        self.order_combo.setObjectName("threadOrder")
        self.order_combo.setAccessibleName("Order of the thread")
        self.order_combo.addItem("When watched", ThreadOrder.WATCHED)
        self.order_combo.addItem("Film year", ThreadOrder.FILM_YEAR)
        self.order_combo.currentIndexChanged.connect(self._on_thread_choice)
        self.meet_combo = QComboBox()
        self.meet_combo.setObjectName("threadMeets")
        self.meet_combo.setAccessibleName("Where it meets another motif")
        self.meet_combo.setMinimumContentsLength(4)
        self.meet_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.meet_combo.currentIndexChanged.connect(self._on_thread_choice)
        order_label = QLabel("&Order")
        order_label.setBuddy(self.order_combo)
        meet_label = QLabel("Mee&ts")
        meet_label.setBuddy(self.meet_combo)
        row = QHBoxLayout()
        row.setSpacing(6)
        row.addWidget(order_label)
        row.addWidget(self.order_combo)
        row.addSpacing(8)
        row.addWidget(meet_label)
        row.addWidget(self.meet_combo, 1)
        return row

    def _fill_meet_combo(self, motif: MotifRow | None) -> None:
        """Every other motif, keeping the one chosen if it is still there."""
        kept = self.meet_combo.currentData()
        self.meet_combo.blockSignals(True)
        try:
            self.meet_combo.clear()
            self.meet_combo.addItem("no other motif", None)
            for other in self.model.motifs():
                if motif is None or other.id != motif.id:
                    self.meet_combo.addItem(other.name, other.id)
            found = self.meet_combo.findData(kept) if kept is not None else 0
            self.meet_combo.setCurrentIndex(max(0, found))
        finally:
            self.meet_combo.blockSignals(False)

    def set_thread_order(self, order: ThreadOrder) -> None:
        self.order_combo.setCurrentIndex(max(0, self.order_combo.findData(order)))

    def set_meeting_motif(self, motif_id: int | None) -> None:
        self.meet_combo.setCurrentIndex(max(0, self.meet_combo.findData(motif_id)))

    def _on_thread_choice(self, *_args: object) -> None:
        current = self.current_occurrence()
        self._show_occurrences(self.selected_motif(), current.entry_id if current else None)

    # --- state ---------------------------------------------------------------------------

    def selected_motif(self) -> MotifRow | None:
        rows = self.motif_view.selectionModel().selectedRows(MotifsModel.NAME)
        if not rows:
            return None
        return self.model.motif_at(self.proxy.mapToSource(rows[0]).row())

    def select_motif(self, motif_id: int | None) -> bool:
        """Select a motif by id (clearing a filter that hides it); False if it is gone."""
        self._ensure_loaded()
        row = self.model.row_of(motif_id) if motif_id is not None else None
        if row is None:
            self.motif_view.selectionModel().clearSelection()
            return False
        index = self.proxy.mapFromSource(self.model.index(row, MotifsModel.NAME))
        if not index.isValid():
            self.filter_edit.clear()
            index = self.proxy.mapFromSource(self.model.index(row, MotifsModel.NAME))
        self.motif_view.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.motif_view.scrollTo(index)
        return True

    def current_occurrence(self) -> ThreadRow | None:
        index = self.occurrence_view.currentIndex()
        return index.data(THREAD_ROW_ROLE) if index.isValid() else None

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if not self._loaded:
            # Shortly after the window's first paint, not before it.
            QTimer.singleShot(FIRST_LOAD_DELAY_MS, self, self._ensure_loaded)

    def _ensure_loaded(self) -> None:
        if not self._loaded:
            self.refresh()

    def refresh(self) -> None:
        """Reload from the store, keeping the chosen motif and occurrence."""
        self._loaded = True
        motif_id = self._shown_motif_id
        current = self.current_occurrence()
        self._restoring = True
        try:
            self.model.refresh()
            if motif_id is not None:
                self.select_motif(motif_id)
        finally:
            self._restoring = False
        self._fill_meet_combo(self.selected_motif())
        self._show_occurrences(self.selected_motif(), current.entry_id if current else None)
        self._update_state()

    def _on_store_changed(self, change: Change) -> None:
        # Every kind of change can move a count or an occurrence (a film renamed, a viewing
        # re-dated, an entry re-tagged, a whole journal imported). Motif edits show at once;
        # entry, viewing and film saves come in bursts while someone types, and counting runs
        # over every tagged entry, so those are coalesced into one refresh.
        if not self._loaded:
            return
        if change.entity in ("motif", "journal"):
            self._refresh_timer.stop()
            self.refresh()
        else:
            self._refresh_timer.start()

    def _on_selection_changed(self, *_args: object) -> None:
        if self._restoring:
            return
        self._clear_error()
        self._show_occurrences(self.selected_motif())
        self._update_state()

    def _on_filter_changed(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        self._update_state()

    def _show_occurrences(self, motif: MotifRow | None, keep_entry_id: int | None = None) -> None:
        if motif is None or motif.id != self._shown_motif_id:
            self._fill_meet_combo(motif)
        self._shown_motif_id = motif.id if motif is not None else None
        other_id = self.meet_combo.currentData()
        order = ThreadOrder(self.order_combo.currentData() or ThreadOrder.WATCHED)
        names: tuple[str, ...] = ()
        if motif is not None:
            names = (
                (motif.name,) if other_id is None else (motif.name, self.meet_combo.currentText())
            )
        self.occurrences.load(self._shown_motif_id, other_id, order, names)
        if keep_entry_id is not None:
            row = self.occurrences.row_of_entry(keep_entry_id)
            if row is not None:
                self.occurrence_view.setCurrentIndex(self.occurrences.index(row, 0))
        if motif is None:
            self.occurrence_heading.setText("Occurrences")
            self.occurrence_placeholder.setText(CHOOSE_TEXT if self.model.rowCount() else "")
        else:
            thread = self.occurrences.thread
            if len(thread.motifs) == 2:
                self.occurrence_heading.setText(
                    f"Where “{thread.motifs[0]}” meets “{thread.motifs[1]}” — "
                    f"{thread_summary(thread)}"
                )
                self.occurrence_placeholder.setText(
                    f"No entry is tagged both “{thread.motifs[0]}” and “{thread.motifs[1]}”."
                )
            else:
                self.occurrence_heading.setText(f"“{motif.name}” — {usage_text(motif)}")
                self.occurrence_placeholder.setText(
                    f"No entries are tagged “{motif.name}” yet. Add it to an entry's motifs "
                    "in the journal, or merge another motif into it."
                )
        has_rows = self.occurrences.rowCount() > 0
        self.occurrence_stack.setCurrentWidget(
            self.occurrence_view if has_rows else self.occurrence_placeholder
        )

    def _update_state(self) -> None:
        if self.model.rowCount() == 0:
            self.empty_label.setText(EMPTY_TEXT)
            self.motif_stack.setCurrentWidget(self.empty_label)
        elif self.proxy.rowCount() == 0:
            self.empty_label.setText(f"No motif matches “{self.filter_edit.text().strip()}”.")
            self.motif_stack.setCurrentWidget(self.empty_label)
        else:
            self.motif_stack.setCurrentWidget(self.motif_view)
        # With no motif at all there is nothing to show occurrences of.
        self.bottom.setVisible(self.model.rowCount() > 0)
        selected = self.selected_motif() is not None
        self.rename_action.setEnabled(selected)
        self.delete_action.setEnabled(selected)
        self.merge_action.setEnabled(selected and self.model.rowCount() > 1)

    def _show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()

    def _clear_error(self) -> None:
        self.error_label.clear()
        self.error_label.hide()

    # --- keyboard ------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.motif_view and event.type() in (
            QEvent.Type.ShortcutOverride,
            QEvent.Type.KeyPress,
        ):
            assert isinstance(event, QKeyEvent)
            handler = self._key_handler(event)
            if handler is not None:
                event.accept()
                if event.type() == QEvent.Type.KeyPress:
                    handler()
                return True
        return super().eventFilter(watched, event)

    def _key_handler(self, event: QKeyEvent):
        if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return None
        key = event.key()
        if key == Qt.Key.Key_F2:
            return self.rename_selected
        if key == Qt.Key.Key_Delete:
            return self.delete_selected
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return self._focus_occurrences
        return None

    def _focus_occurrences(self) -> None:
        if self.occurrences.rowCount():
            if not self.occurrence_view.currentIndex().isValid():
                self.occurrence_view.setCurrentIndex(self.occurrences.index(0, 0))
            self.occurrence_view.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- occurrences ---------------------------------------------------------------------

    def _on_occurrence_activated(self, index: QModelIndex) -> None:
        row = index.data(THREAD_ROW_ROLE)
        if row is None:
            return
        try:
            film_id = self.store.get_viewing(row.viewing_id).film_id
        except JournalError as exc:
            self._show_error(f"That entry cannot be opened: {exc}")
            return
        self.open_entry.emit(film_id, row.entry_id)

    def open_current_occurrence(self) -> None:
        index = self.occurrence_view.currentIndex()
        if index.isValid():
            self._on_occurrence_activated(index)

    # --- actions -------------------------------------------------------------------------

    def new_motif(self) -> None:
        prompt, text = "Name of the new motif:", ""
        while True:
            name = self._ask_name("New motif", prompt, text)
            if name is None or not name.strip():
                return
            existing = self.store.find_motif(name)
            if existing is not None:
                self.select_motif(existing.id)
                self._show_error(f"“{existing.name}” already exists; it is selected.")
                return
            try:
                motif = commands.perform(self.undo_stack, commands.CreateMotif(self.store, name))
            except ValidationError as exc:
                prompt, text = f"{exc.reason}\n\nName of the new motif:", name
                continue
            except JournalError as exc:
                self._show_error(f"The motif was not added: {exc}")
                return
            self._clear_error()
            self.select_motif(motif.id)
            return

    def rename_selected(self) -> None:
        motif = self.selected_motif()
        if motif is None:
            return
        label = f"New name for “{motif.name}”:"
        prompt, text = label, motif.name
        while True:
            name = self._ask_name("Rename motif", prompt, text)
            if name is None:
                return
            clean = " ".join(name.split())
            if clean == motif.name:
                return
            other = self.store.find_motif(clean) if clean else None
            if other is not None and other.id != motif.id:
                if self._confirm_merge(motif, other):
                    self._merge(motif, other)
                    return
                prompt, text = label, name
                continue
            try:
                command = commands.RenameMotif(self.store, motif.uid, motif.name, clean)
                commands.perform(self.undo_stack, command)
            except ValidationError as exc:
                prompt, text = f"{exc.reason}\n\n{label}", name
                continue
            except JournalError as exc:
                self._show_error(f"“{motif.name}” was not renamed: {exc}")
                return
            self._clear_error()
            self.select_motif(motif.id)
            return

    def merge_selected(self) -> None:
        motif = self.selected_motif()
        if motif is None:
            return
        others = [m for m in self.model.motifs() if m.id != motif.id]
        if not others:
            self._show_error("There is no other motif to merge into.")
            return
        target = self._choose_target(motif, others)
        if target is not None:
            self._merge(motif, target)

    def _merge(self, source: MotifRow, target: MotifRow) -> None:
        command = commands.MergeMotifs(self.store, source.uid, target.uid, source.name, target.name)
        try:
            commands.perform(self.undo_stack, command)
        except JournalError as exc:
            self._show_error(f"“{source.name}” was not merged: {exc}")
            return
        self._clear_error()
        self.select_motif(target.id)

    def delete_selected(self) -> None:
        motif = self.selected_motif()
        if motif is None:
            return
        if motif.usage_count and not self._confirm_delete(motif):
            return
        row = self.motif_view.selectionModel().selectedRows(MotifsModel.NAME)[0].row()
        try:
            commands.perform(
                self.undo_stack, commands.DeleteMotif(self.store, motif.uid, motif.name)
            )
        except JournalError as exc:
            self._show_error(f"“{motif.name}” was not deleted: {exc}")
            return
        self._clear_error()
        # Keep the keyboard where it was: select the motif that took its place.
        if self.proxy.rowCount():
            index = self.proxy.index(min(row, self.proxy.rowCount() - 1), MotifsModel.NAME)
            self.motif_view.selectionModel().setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )

    # --- questions (methods so tests can answer them) -------------------------------------

    def _ask_name(self, title: str, label: str, text: str) -> str | None:
        name, ok = QInputDialog.getText(self, title, label, QLineEdit.EchoMode.Normal, text)
        return name if ok else None

    def _confirm_merge(self, source: MotifRow, target: MotifRow) -> bool:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle("Merge motifs")
        box.setText(f"A motif named “{target.name}” already exists. Merge “{source.name}” into it?")
        box.setInformativeText(
            f"The {entries_text(source.usage_count)} tagged “{source.name}” will be tagged "
            f"“{target.name}” instead, and “{source.name}” goes away. You can undo this."
        )
        merge = box.addButton("Merge", QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(merge)
        box.exec()
        return box.clickedButton() is merge

    def _choose_target(self, source: MotifRow, candidates: list[MotifRow]) -> MotifRow | None:
        from ui.motifs.merge_dialog import MergeMotifDialog

        labels = [f"{m.name} ({entries_text(m.usage_count)})" for m in candidates]
        dialog = MergeMotifDialog(source.name, labels, self)
        if dialog.exec() != MergeMotifDialog.DialogCode.Accepted:
            return None
        row = dialog.chosen_row()
        return candidates[row] if row is not None else None

    def _confirm_delete(self, motif: MotifRow) -> bool:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("Delete motif")
        box.setText(f"Delete the motif “{motif.name}”?")
        box.setInformativeText(
            f"{usage_text(motif).capitalize()} will lose this tag; the text of every entry "
            "stays as it is. You can undo this."
        )
        delete = box.addButton("Delete", QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)
        box.exec()
        return box.clickedButton() is delete
