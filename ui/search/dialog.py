"""Ctrl+F: full-text search across the journal, keyboard first.

Type to search (debounced), Up/Down to move through the results without leaving the field,
Enter to open the chosen hit, Escape to close.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QGuiApplication,
    QKeyEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QLabel,
    QLineEdit,
    QListView,
    QVBoxLayout,
    QWidget,
)

from journal.errors import JournalError
from journal.store import SearchHit, Store
from journal.store.search import DEFAULT_LIMIT
from ui.messages import plural
from ui.search.delegate import ResultDelegate, body_font
from ui.search.model import (
    HIT_ROLE,
    SearchResultsModel,
)

SEARCH_DELAY_MS = 150
SEARCH_LIMIT = DEFAULT_LIMIT  # the same list as reflective-journal search


class SearchDialog(QDialog):
    """Non-modal search window; emits ``open_hit(SearchHit)`` and closes on Enter."""

    open_hit = Signal(object)
    # Emitted after the results were replaced (tests wait on it instead of the debounce).
    results_changed = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.setWindowTitle("Search the journal")
        self.setModal(False)
        self.setObjectName("searchDialog")
        self.resize(680, 480)

        self.query_edit = QLineEdit()
        self.query_edit.setObjectName("searchField")
        self.query_edit.setPlaceholderText(
            "Search entries, reflections, films, directors and motifs"
        )
        self.query_edit.setClearButtonEnabled(True)
        self.query_edit.setFont(body_font(self.query_edit.font()))
        self.query_edit.setAccessibleName("Search text")

        self.status_label = QLabel()
        self.status_label.setObjectName("searchStatus")
        self.status_label.setProperty("role", "muted")
        self.status_label.setWordWrap(True)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)

        self.model = SearchResultsModel(self)
        self.results_view = QListView()
        self.results_view.setObjectName("searchResults")
        self.results_view.setModel(self.model)
        self.results_view.setItemDelegate(ResultDelegate(self.results_view, body_lines=2))
        self.results_view.setUniformItemSizes(True)
        self.results_view.setAlternatingRowColors(True)
        self.results_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results_view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.results_view.setAccessibleName("Search results")

        hint = QLabel("↑ ↓ choose · Enter opens · Esc closes")
        hint.setObjectName("hintLabel")
        hint.setProperty("role", "muted")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 14, 14, 10)
        layout.setSpacing(8)
        layout.addWidget(self.query_edit)
        layout.addWidget(self.status_label)
        layout.addWidget(self.results_view, 1)
        layout.addWidget(hint)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.search_now)
        self.query_edit.textChanged.connect(lambda _text: self._timer.start())
        self.query_edit.returnPressed.connect(self.open_current)
        self.query_edit.installEventFilter(self)
        self.results_view.activated.connect(self._open_index)
        self._searched_text: str | None = None
        self._show_status()

    # --- public ------------------------------------------------------------------------

    def start(self, text: str = "") -> None:
        """Show the dialog with the query field focused and its text selected."""
        if text:
            self.query_edit.setText(text)
        self.search_now()
        self.show()
        # The headless test platform warns on raise(); everywhere else it brings an open
        # dialog back in front of the main window.
        if QGuiApplication.platformName() != "offscreen":
            self.raise_()
        self.activateWindow()
        self.query_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.query_edit.selectAll()

    def search_now(self) -> None:
        """Run the query in the field at once (the debounce timer calls this)."""
        self._timer.stop()
        query = self.query_edit.text()
        self._searched_text = query
        error = ""
        hits: list[SearchHit] = []
        if query.strip():
            try:
                hits = self.store.search(query, limit=SEARCH_LIMIT)
            except JournalError as exc:
                error = str(exc)
        self.model.set_hits(hits)
        if hits:
            self.results_view.setCurrentIndex(self.model.index(0, 0))
        self._show_status(error)
        self.results_changed.emit()

    def current_hit(self) -> SearchHit | None:
        index = self.results_view.currentIndex()
        return self.model.hit_at(index.row()) if index.isValid() else None

    def open_current(self) -> None:
        """Enter: open the chosen hit (searching first if typing is still pending)."""
        if self._timer.isActive() or self._searched_text != self.query_edit.text():
            self.search_now()
        hit = self.current_hit()
        if hit is not None:
            self._open(hit)

    # --- internals -----------------------------------------------------------------------

    def _open_index(self, index: QModelIndex) -> None:
        hit = index.data(HIT_ROLE)
        if hit is not None:
            self._open(hit)

    def _open(self, hit: SearchHit) -> None:
        self.open_hit.emit(hit)
        self.accept()

    def _show_status(self, error: str = "") -> None:
        query = " ".join(self.query_edit.text().split())
        count = self.model.rowCount()
        if error:
            text = f"Search failed: {error}. Your journal is unchanged; try other words."
        elif not query:
            text = "Type to search every entry, reflection, film, director, motif and tag."
        elif count == 0:
            shown = query if len(query) <= 60 else query[:60] + "…"
            text = f"No matches for “{shown}”."
        elif count >= SEARCH_LIMIT:
            text = f"The best {count} matches — add words to narrow it down."
        else:
            text = plural(count, "match", "matches")
        self.status_label.setText(text)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.query_edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if self._move_selection(event.key()):
                return True
        return super().eventFilter(watched, event)

    def _move_selection(self, key: int) -> bool:
        """Up/Down/PageUp/PageDown in the query field walk the results list."""
        steps = {
            Qt.Key.Key_Up: -1,
            Qt.Key.Key_Down: 1,
            Qt.Key.Key_PageUp: -self._page(),
            Qt.Key.Key_PageDown: self._page(),
        }
        if key not in steps:
            return False
        count = self.model.rowCount()
        if count:
            current = self.results_view.currentIndex()
            row = current.row() if current.isValid() else -1
            row = min(max(row + steps[key], 0), count - 1)
            index = self.model.index(row, 0)
            self.results_view.setCurrentIndex(index)
            self.results_view.scrollTo(index)
        return True

    def _page(self) -> int:
        row_height = max(1, self.results_view.sizeHintForRow(0))
        return max(1, self.results_view.viewport().height() // row_height - 1)
