"""The film list pane: the filter field above the sortable film table (the model and the
filter proxy it shows are in ``ui.films.model``)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from journal.store import Store
from ui.films.model import (
    COLUMN_SAMPLES,
    FILM_ID_ROLE,
    HEADERS,
    Column,
    FilmFilterProxy,
    FilmListModel,
)


class FilmTable(QTableView):
    """A flat table of films. A table, not a tree: a tree view lays out every row (asking the
    model about each one's children) whenever it is shown or changed, 2,000 calls into
    Python each time."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setCornerButtonEnabled(False)
        self.setTabKeyNavigation(False)  # Tab moves on to the journal, as everywhere else
        vertical = self.verticalHeader()
        vertical.hide()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self._fit_row_height()

    def header(self) -> QHeaderView:
        """The column header (named as on a tree view, which this list used to be)."""
        return self.horizontalHeader()

    def _fit_row_height(self) -> None:
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 12)

    def changeEvent(self, event: Any) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() in (event.Type.FontChange, event.Type.StyleChange):
            self._fit_row_height()


class FilmListPane(QWidget):
    """The left pane: the filter field above the film list.

    ``film_selected(film_id)`` is emitted when the person picks a film. Filtering the current
    film out of sight does not unselect it: the journal beside stays where it is.
    """

    film_selected = Signal(int)
    film_activated = Signal(int)
    sort_changed = Signal(int, Qt.SortOrder)

    def __init__(self, store: Store, bridge: QObject | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = FilmListModel(store, bridge, self)
        self.proxy = FilmFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self._current_id: int | None = None

        self.filter_edit = QLineEdit(self)
        self.filter_edit.setObjectName("filmFilter")
        self.filter_edit.setPlaceholderText("Filter films  (Ctrl+L)")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setAccessibleName("Filter films by title or director")
        self.filter_edit.textChanged.connect(self._on_filter_text)
        self.filter_edit.returnPressed.connect(self._on_filter_return)
        self.filter_edit.installEventFilter(self)

        self.view = FilmTable(self)
        self.view.setObjectName("filmList")
        self.view.setAccessibleName("Films")
        self.view.setModel(self.proxy)
        self.view.setAlternatingRowColors(False)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        # Enabling sorting sorts at once by the header's indicator: make that the order the
        # rows already have (by title), so the list is not sorted twice at start-up.
        self.view.header().setSortIndicator(Column.TITLE, Qt.SortOrder.AscendingOrder)
        self.view.setSortingEnabled(True)
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(Column.TITLE, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(24)
        self._size_columns()
        self.view.viewport().installEventFilter(self)
        header.setSortIndicatorShown(True)
        header.setSectionsClickable(True)
        header.sortIndicatorChanged.connect(self._on_sort_indicator)
        self.view.selectionModel().currentRowChanged.connect(self._on_current_row)
        self.view.activated.connect(self._on_activated)

        self.no_match = QLabel(self)
        self.no_match.setObjectName("filmListEmpty")
        self.no_match.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.no_match.setWordWrap(True)

        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.no_match)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.stack, 1)
        self.setFocusProxy(self.view)

        for signal in (self.proxy.rowsInserted, self.proxy.rowsRemoved, self.proxy.modelReset):
            signal.connect(self._update_no_match)
        self.proxy.layoutChanged.connect(self._update_no_match)
        self._update_no_match()

    def _size_columns(self) -> None:
        """Narrow fixed columns for the numbers, so the title gets the width."""
        header = self.view.header()
        metrics = self.view.fontMetrics()
        header_metrics = header.fontMetrics()
        widths: dict[int, int] = {}
        for column, sample in COLUMN_SAMPLES.items():
            label = header_metrics.horizontalAdvance(HEADERS[column])
            content = metrics.horizontalAdvance(sample)
            # Room for the padding and, on the label, the sort arrow.
            widths[column] = max(label + 26, content + 16)
        if widths == getattr(self, "_column_widths", None):
            return  # style and font events repeat while the window is built
        self._column_widths = widths
        for column, width in widths.items():
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(column, width)
        if self.view.isVisible():  # before it is shown, its width means nothing yet
            self._fit_columns()

    def _fit_columns(self) -> None:
        """In a narrow pane, drop the least needed columns rather than squeeze the titles."""
        widths = getattr(self, "_column_widths", None)
        if not widths:
            return
        available = self.view.viewport().width()
        title_minimum = self.view.fontMetrics().horizontalAdvance("M") * 9
        used = 0
        # Kept in this order of importance while they fit.
        for column in (Column.YEAR, Column.LAST_WATCHED, Column.ENTRIES):
            fits = used + widths[column] + title_minimum <= available
            if self.view.isColumnHidden(column) == fits:  # re-laying out 2,000 rows costs
                self.view.setColumnHidden(column, not fits)
            if fits:
                used += widths[column]

    def changeEvent(self, event: Any) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() in (event.Type.FontChange, event.Type.StyleChange):
            self._size_columns()
        if event.type() == event.Type.PaletteChange:
            self.model.palette_changed()

    # --- selection -------------------------------------------------------------------------

    def current_film_id(self) -> int | None:
        return self._current_id

    def select_film(self, film_id: int) -> bool:
        """Select the film (clearing the filter if it hides it); False if it is not listed."""
        row = self.model.row_of(film_id)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            self.filter_edit.clear()
            index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            return False
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)
        if self._current_id != film_id:
            self._current_id = film_id
            self.film_selected.emit(film_id)
        return True

    def _on_current_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        film_id = current.data(FILM_ID_ROLE)
        if film_id is not None and film_id != self._current_id:
            self._current_id = film_id
            self.film_selected.emit(film_id)

    def _on_activated(self, index: QModelIndex) -> None:
        film_id = index.data(FILM_ID_ROLE)
        if film_id is not None:
            self.film_activated.emit(film_id)

    def forget_film(self, film_id: int) -> None:
        """The film was deleted: it is no longer the current one."""
        if self._current_id == film_id:
            self._current_id = None
            current = self.view.currentIndex()
            if current.isValid() and current.data(FILM_ID_ROLE) not in (None, film_id):
                self._current_id = current.data(FILM_ID_ROLE)
                self.film_selected.emit(self._current_id)

    # --- filter and sort -------------------------------------------------------------------

    def _on_filter_text(self, text: str) -> None:
        self.proxy.set_filter_text(text)
        if self._current_id is not None:
            row = self.model.row_of(self._current_id)
            if row is not None:
                index = self.proxy.mapFromSource(self.model.index(row, 0))
                if index.isValid():
                    self.view.scrollTo(index)
        self._update_no_match()

    def _on_filter_return(self) -> None:
        """Enter in the filter opens the first (or only) match."""
        if self.proxy.rowCount() == 0:
            return
        current = self.view.currentIndex()
        index = current if current.isValid() else self.proxy.index(0, 0)
        self.view.setCurrentIndex(index)
        film_id = index.data(FILM_ID_ROLE)
        if film_id is not None:
            self.film_activated.emit(film_id)

    def eventFilter(self, watched: QObject, event: Any) -> bool:  # noqa: N802
        if watched is self.view.viewport() and event.type() == event.Type.Resize:
            self._fit_columns()
            return False
        # Down arrow from the filter steps into the list; Escape clears the filter.
        if watched is self.filter_edit and event.type() == event.Type.KeyPress:
            if event.key() == Qt.Key.Key_Down and self.proxy.rowCount():
                self.view.setFocus(Qt.FocusReason.TabFocusReason)
                if not self.view.currentIndex().isValid():
                    self.view.setCurrentIndex(self.proxy.index(0, 0))
                return True
            if event.matches(QKeySequence.StandardKey.Cancel) and self.filter_edit.text():
                self.filter_edit.clear()
                return True
        return super().eventFilter(watched, event)

    def focus_filter(self) -> None:
        self.filter_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_edit.selectAll()

    def sort_by(self, column: int, order: Qt.SortOrder) -> None:
        self.view.sortByColumn(column, order)

    def sort_state(self) -> tuple[int, Qt.SortOrder]:
        header = self.view.header()
        return header.sortIndicatorSection(), header.sortIndicatorOrder()

    def _on_sort_indicator(self, column: int, order: Qt.SortOrder) -> None:
        self.sort_changed.emit(column, order)

    def _update_no_match(self, *_args: object) -> None:
        if self.proxy.rowCount() == 0 and self.model.rowCount() > 0:
            shown = self.filter_edit.text().strip()
            self.no_match.setText(f"No film’s title or director contains “{shown}”.")
            self.stack.setCurrentWidget(self.no_match)
        else:
            self.stack.setCurrentWidget(self.view)
