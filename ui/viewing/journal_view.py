"""The right-hand pane: the chosen film's header, its viewings, the viewing's reflection, and
its journal as a page — the timeline and intensity curve of the viewing (or, comparing, of all
its viewings on one axis: ui/viewing/compare.py), the entries in time order as readable blocks
(ui/viewing/reading_view.py), the editor for the selected or new entry, and under it what
earlier viewings hold near the position being written (ui/viewing/earlier_panel.py).

Nothing here holds the truth. Edits go through undo commands to the store; the store's change
notices (through the bridge) refresh the entries model, the viewing selector and the editor.

Over 400 lines for one concern: the pane coordinates the viewing bar, the reflection, the
timeline, the reading view, the editor and the earlier-viewings panel (``ui.viewing.*``),
whose selection, focus, height and "typing starts a viewing" rules only make sense together.
The rule for sharing the page's height is plain arithmetic in ui/viewing/page_room.py; this
measures the parts and applies its answer.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFontMetrics, QKeySequence, QShortcut, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFrame,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from journal.errors import JournalError, NotFoundError
from journal.rewatch import film_rewatch
from journal.store import Change, FilmRow, Store, ViewingRow
from ui import commands
from ui.prompts.kind_line import KindPromptLine
from ui.prompts.panel import PromptsPanel
from ui.viewing.bar import ViewingBar
from ui.viewing.compare import COMPARE_KEY, COMPARE_TEXTS, ViewingTimelines
from ui.viewing.earlier_panel import OPEN_KEY, EarlierPanel
from ui.viewing.entries_model import COLUMN_TEXT, EntriesModel
from ui.viewing.entry_editor import EntryEditor
from ui.viewing.film_header import FilmHeader
from ui.viewing.page_room import (
    READING_LEAST,
    REFLECTION_MIN_LINES,
    REFLECTION_RESTING_LINES,
    ROOMY_PAGE,
    Heights,
    PageShape,
    choose_shape,
    least_page,
)
from ui.viewing.reading_view import ReadingView
from ui.viewing.reflection import ReflectionEdit
from ui.viewing.reflection_section import ReflectionSection

# The key that moves to the reflection (free in the window's key table; see the README).
REFLECTION_KEY = "Ctrl+R"


class _PageLayout(QVBoxLayout):
    """The page's layout, which fits the height it is given (see ``JournalView._fit_page``):
    a wrapped line inside must not make the scroll area size the page for its preferred
    height, as it does for a layout that trades height for width."""

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt's name
        return False


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
        # The box grows with its text (see _fit_page) rather than keeping a few lines.
        self.reflection.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.reflection.setMinimumHeight(self.reflection.height_for_lines(2))
        self.reflection.document().documentLayout().documentSizeChanged.connect(self._fit_page_soon)
        self.prompts = PromptsPanel(self._store, self._bridge, self._stack, page)
        self.prompts.error.connect(self.error)
        # Reflection prompts (ui/prompts/) beside the reflection, or a tab of its section.
        self.reflection_section = ReflectionSection(
            self.reflection, self.prompts, REFLECTION_KEY, page
        )
        self.reflection_section.layout_changed.connect(self._fit_page_soon)
        self.reflection_section.reflection_requested.connect(self.focus_reflection)
        self.reflection_shortcut = QShortcut(QKeySequence(REFLECTION_KEY), self)
        self.reflection_shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        self.reflection_shortcut.activated.connect(self.focus_reflection)

        # The entries as a page to read: blocks in time order (named ``table`` as the window
        # and the keys know it: the list whose selected entry Delete removes).
        self.table = ReadingView(self.model, page)
        self._configure_table()
        self.timelines = ViewingTimelines(page)
        self.timelines.entry_activated.connect(self._on_mark_activated)
        entries_box = QWidget(page)
        entries_layout = QVBoxLayout(entries_box)
        entries_layout.setContentsMargins(0, 0, 0, 0)
        entries_layout.setSpacing(4)
        # "Compare viewings" sits with the viewing's own buttons.
        self.viewing_bar.add_button(self.timelines.compare_button, COMPARE_TEXTS)
        entries_layout.addWidget(self.table, 1)

        self.editor = EntryEditor(self._store, self._stack, page)
        self.editor.saved.connect(self._on_entry_saved)
        self.editor.error.connect(self.error)
        self.editor.save_and_next_requested.connect(self.save_and_next)
        self.editor.viewing_needed.connect(self._start_viewing_for_typing)
        # Reflection prompts (ui/prompts/): one quiet line for the entry's kind, under the editor.
        # It speaks through the text box's placeholder: a question in view until one writes.
        self.kind_prompt = KindPromptLine(
            self._store,
            self._bridge,
            self.editor.kind,
            self._editor_key,
            self.editor,
            field=self.editor.text,
        )
        self.editor.position.textChanged.connect(self._on_position_text_changed)
        self.earlier = EarlierPanel(page)
        self.earlier.open_requested.connect(self._open_earlier_entry)
        writing_box = QWidget(page)
        writing_layout = QVBoxLayout(writing_box)
        writing_layout.setContentsMargins(0, 0, 0, 0)
        writing_layout.setSpacing(2)
        writing_layout.addWidget(self.editor, 1)
        writing_layout.addWidget(self.earlier)
        self.compare_shortcut = QShortcut(QKeySequence(COMPARE_KEY), self)
        self.compare_shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        self.compare_shortcut.activated.connect(self.toggle_compare)
        self.earlier_shortcut = QShortcut(QKeySequence(OPEN_KEY), self)
        self.earlier_shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        self.earlier_shortcut.activated.connect(self.earlier.open_nearest)

        line = QFontMetrics(self.editor.text.font()).lineSpacing()
        self.editor.text.setMinimumHeight(2 * line + 16)
        # The reading and the writing share what the page leaves them; the divider between
        # them can be dragged. The timeline above keeps the height _fit_page gives it.
        self.splitter = QSplitter(Qt.Orientation.Vertical, page)
        self.splitter.setObjectName("journalSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setHandleWidth(10)
        self.splitter.addWidget(entries_box)
        self.splitter.addWidget(writing_box)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self._writing_box = writing_box
        self._writing_asked = 0
        self.timelines.compare_toggled.connect(self._fit_page_soon)

        page_layout = _PageLayout(page)
        page_layout.setContentsMargins(16, 10, 16, 10)
        page_layout.setSpacing(8)
        page_layout.addWidget(self.header)
        page_layout.addWidget(self.viewing_bar)
        page_layout.addWidget(self.reflection_section)
        page_layout.addWidget(self.timelines)
        page_layout.addWidget(self.splitter, 1)
        self._page_layout = page_layout
        # Below the page's least height (a very low window) the page scrolls as a whole
        # rather than squeeze a field until its text overlaps the next.
        self.page_scroll = QScrollArea(self)
        self.page_scroll.setObjectName("journalPageScroll")
        self.page_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.page_scroll.setWidgetResizable(True)
        self.page_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.page_scroll.setWidget(page)
        self.page_scroll.viewport().installEventFilter(self)
        self.pages.addWidget(self.page_scroll)
        self._fit_timer = QTimer(self)
        self._fit_timer.setSingleShot(True)
        self._fit_timer.setInterval(0)
        self._fit_timer.timeout.connect(self._fit_page)
        self._writing_reflection = False
        qApp = QApplication.instance()
        assert isinstance(qApp, QApplication)
        qApp.focusChanged.connect(self._on_focus_changed)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)

        # Reading order: film → viewing → reflection → entries → the entry's fields.
        chain: list[QWidget] = [
            self.edit_film_button,
            self.viewing_bar.selector,
            self.viewing_bar.new_button,
            self.viewing_bar.delete_button,
            self.timelines.compare_button,  # with the viewing's buttons
            self.viewing_bar.date_edit,
            self.viewing_bar.rewatch,
            self.viewing_bar.rating,
            self.viewing_bar.tags_edit,
            self.reflection_section.tabs,
            self.reflection,
            self.timelines.single,
            self.timelines.stacked,
            self.table,
            *self.editor.input_widgets(),
            *self.earlier.lines,
        ]
        # Qt leaves a widget that takes no focus out of the chain; the timelines take it only
        # once they have marks, so they are put in place as if they did.
        policies = [(widget, widget.focusPolicy()) for widget in chain]
        for widget, _policy in policies:
            if widget.focusPolicy() == Qt.FocusPolicy.NoFocus:
                widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)
        for widget, policy in policies:
            widget.setFocusPolicy(policy)

    def _configure_table(self) -> None:
        self.table.setTabKeyNavigation(False)  # Tab moves on to the editor, in reading order
        self.table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)
        self.table.activated.connect(self._on_table_activated)
        self.model.modelReset.connect(self._restore_selection)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.page_scroll.viewport() and event.type() in (
            QEvent.Type.Resize,
            QEvent.Type.Show,
        ):
            self._fit_page()
        return super().eventFilter(watched, event)

    # --- how the page shares its height (the rule: ui/viewing/page_room.py) -------------------

    def _on_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        inside = new is not None and self.reflection_section.isAncestorOf(new)
        if inside != self._writing_reflection:
            self._writing_reflection = inside
            self._fit_page_soon()

    def _fit_page_soon(self, *_args: object) -> None:
        self._fit_timer.start()

    def _page_height(self) -> int:
        return self.page_scroll.viewport().height()

    def reflection_height_range(self, writing: bool | None = None) -> tuple[int, int]:
        """The reflection's least and most height now: 6 lines to half the page while it is
        being written; otherwise 3 lines to 6 (to a quarter of the page on a tall window)."""
        page = self._page_height()
        if self._writing_reflection if writing is None else writing:
            least = self.reflection.height_for_lines(REFLECTION_MIN_LINES)
            return least, max(least, page // 2)
        least = self.reflection.height_for_lines(REFLECTION_RESTING_LINES)
        most = self.reflection.height_for_lines(REFLECTION_MIN_LINES)
        return least, max(most, page // 4)

    def writing_height(self) -> int:
        """What the writing asks of the divider: the editor's least (and a line more to write
        in, where the page is not low), and on a rewatch the earlier-viewings panel whole."""
        line = QFontMetrics(self.editor.text.font()).lineSpacing()
        height = self.editor.minimumSizeHint().height()
        if self._page_height() >= ROOMY_PAGE:
            height += line
        if not self.earlier.isHidden():
            height += self._writing_box.layout().spacing() + self.earlier.sizeHint().height()
        return height

    def _fixed_height(self) -> int:
        """What does not bend: margins, spacing, the viewing bar, the headings, the writing."""
        layout = self._page_layout
        margins = layout.contentsMargins()
        return (
            margins.top()
            + margins.bottom()
            + 4 * layout.spacing()
            + self.viewing_bar.sizeHint().height()
            + self.reflection_section.top_height()
            + self.splitter.handleWidth()
            + self.writing_height()
        )

    def page_heights(self) -> Heights:
        """What the page's parts ask for now (see ui/viewing/page_room.py)."""
        section = self.reflection_section
        least, most = self.reflection_height_range(self._writing_there())
        wanted = self.reflection.content_height()
        if section.showing_prompts():  # their tab, or beside: room for a question or two
            questions = self.prompts.comfortable_height() - section.top_height()
            wanted = questions if not section.is_beside() else max(wanted, questions)
        return Heights(
            self._page_height(),
            self._fixed_height(),
            self.header.heights(),
            (least, wanted, most),
            self.timelines.heights(),
        )

    def _writing_there(self) -> bool:
        """The reflection is being written, or its questions are chosen as a tab (they get
        their room as it would)."""
        section = self.reflection_section
        on_prompts = section.showing_prompts() and not section.is_beside()
        return self._writing_reflection or on_prompts

    def page_shape(self) -> PageShape:
        """How the page gives way at its present height."""
        return choose_shape(
            self.page_heights(),
            writing=self._writing_there(),
            comparing=self.timelines.is_comparing(),
        )

    def _fit_page(self) -> None:
        """Share the page's height (ui/viewing/page_room.py)."""
        if self.pages.currentWidget() is not self.page_scroll:
            return
        heights = self.page_heights()
        shape = choose_shape(
            heights, writing=self._writing_there(), comparing=self.timelines.is_comparing()
        )
        self.header.set_brief(shape.brief)
        self.reflection_section.set_folded(shape.folded)
        if not shape.folded:
            self.reflection.set_wanted_height(shape.box)
            self.prompts.setMaximumHeight(shape.box)
        self.timelines.set_curve_shown(shape.curve)
        self.timelines.setFixedHeight(shape.timeline)
        self.film_page.setMinimumHeight(least_page(heights, shape))
        # The divider: the writing gets what it asks for whenever that changes (a rewatch's
        # panel comes or goes); in between, where the person drags it stays.
        writing = self.writing_height()
        total = sum(self.splitter.sizes())
        if total > 0 and writing != self._writing_asked:
            self._writing_asked = writing
            reading = max(READING_LEAST, total - writing)
            self.splitter.setSizes([reading, total - reading])

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        # The page scrolls only up and down: the pane is never narrower than the page's least.
        hint = super().minimumSizeHint()
        scrollbar = self.page_scroll.verticalScrollBar().sizeHint().width()
        return QSize(max(hint.width(), self.film_page.minimumSizeHint().width() + scrollbar),
                     hint.height())  # fmt: skip

    def comfortable_width(self) -> int:
        """The width below which the page starts to stack what sat side by side (the tags
        under the viewing's details); narrower, it reflows down to its least
        (``minimumSizeHint``)."""
        margins = self._page_layout.contentsMargins()
        scrollbar = self.page_scroll.verticalScrollBar().sizeHint().width()
        page = self.viewing_bar.comfortable_width() + margins.left() + margins.right()
        return page + scrollbar

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
            self.pages.setCurrentWidget(self.page_scroll)
            self._fit_page_soon()
        # Emits viewing_changed with the latest viewing, which fills the rest.
        self.viewing_bar.set_film(film)
        return True

    def _editor_key(self) -> str:
        viewing = self.editor.viewing()
        return viewing.uid if viewing else ""

    def set_prompts_shown(self, shown: bool) -> None:
        """View → Reflection prompts: the questions and the kind line, or neither."""
        self.reflection_section.set_prompts_on(shown)
        self.kind_prompt.set_enabled_by_setting(shown)
        self._fit_page_soon()

    def focus_reflection(self) -> None:
        """Move to the reflection (REFLECTION_KEY), where one can be written."""
        if self._film is not None and self.reflection.isEnabled():
            self.reflection_section.show_reflection()
            self.reflection_section.set_folded(False)
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
        self._fit_page_soon()
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
        self._update_empty_list_text()
        self._refresh_rewatch()

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
        self.timelines.set_current_entry(None)

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
        entry = self.model.entry_at(row)
        self.timelines.set_current_entry(entry.id if entry else None)

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
        self._update_empty_list_text()

    def _on_entry_saved(self, entry_id: int) -> None:
        row = self.model.row_for_entry(entry_id)
        if row >= 0:
            self._select_row(row)
        self.entry_selected.emit(entry_id)

    # --- the timeline and earlier viewings ---------------------------------------------------

    def toggle_compare(self) -> None:
        """COMPARE_KEY: every viewing of the film on one time axis, or back to this one."""
        if self._film is not None and not self.timelines.toggle_compare():
            self.error.emit("Compare viewings needs a second viewing of this film (Ctrl+Alt+N)")

    def _on_mark_activated(self, entry_id: int) -> None:
        """A mark clicked (or Enter on it): open its entry — in another viewing when comparing."""
        if self.model.row_for_entry(entry_id) >= 0:
            self._open_entry(entry_id)
        else:
            self.select_entry(entry_id)

    def _open_earlier_entry(self, entry_id: int) -> None:
        self.select_entry(entry_id)
        self.editor.text.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _on_position_text_changed(self, _text: str) -> None:
        try:
            position = self.editor.position.position_ms()
        except (JournalError, ValueError):
            position = None
        self.earlier.set_position(position)

    def _refresh_rewatch(self) -> None:
        """The film's timelines and what earlier viewings hold (the current viewing's entries
        from the model, which is already fresh)."""
        viewing = self.viewing_bar.current_viewing()
        if self._film is None:
            self.timelines.set_viewings([], -1)
            self.earlier.set_notes(None)
            return
        page = film_rewatch(
            self._store,
            self._film.id,
            self._film.runtime_ms,
            viewing.id if viewing else None,
            self.model.entries(),
            self.viewing_bar.viewings(),  # fresh: the bar reloads first on every notice
        )
        self.timelines.set_viewings(page.timelines, page.current)
        selected = self.table.selectionModel().selectedRows()
        entry = self.model.entry_at(selected[0].row()) if selected else None
        self.timelines.set_current_entry(entry.id if entry else None)
        self.earlier.set_notes(page.earlier)
        self._on_position_text_changed("")

    def _update_empty_list_text(self) -> None:
        """What the reading view says when empty, and its description for a screen reader."""
        count = self.model.rowCount()
        if self.viewing_bar.current_viewing() is None:
            text = "No viewing yet — writing below (or Ctrl+N) starts one dated today"
        elif count == 0:
            text = "No entries yet — write below, or Ctrl+N"
        else:
            text = ""
        self.table.set_placeholder(text)
        self.table.setAccessibleDescription(
            text or f"{count} · Ctrl+N new · Del deletes the selected one"
        )

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
        if self._film is not None and (
            change.entity == "journal"
            or (change.entity in ("entry", "viewing") and change.film_id == self._film.id)
        ):
            self._refresh_rewatch()

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
        self._refresh_rewatch()

    def _sync_editor(self) -> None:
        if not self.editor.sync_from_store():
            # The entry being edited was taken away (an undo, most likely).
            viewing = self.viewing_bar.current_viewing()
            if viewing is None:
                self.editor.await_viewing()
                self.entry_selected.emit(None)
            else:
                self._start_new_entry(viewing, self._store.last_position(viewing.id), focus=False)
