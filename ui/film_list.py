"""The film list: an item model over ``Store.list_films``, a filter-as-you-type proxy, and the
pane that shows them (filter field above a sortable list).

The model refreshes from the store's change notices, row by row where it can, so the view keeps
its selection and scroll position while the person writes.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QGuiApplication, QKeySequence, QPalette
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

from journal.errors import NotFoundError
from journal.store import Change, FilmRow, Store

FILM_ID_ROLE = Qt.ItemDataRole.UserRole + 1
ModelIndex = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    TITLE = 0
    YEAR = 1
    LAST_WATCHED = 2
    ENTRIES = 3


HEADERS = {
    Column.TITLE: "Title",
    Column.YEAR: "Year",
    Column.LAST_WATCHED: "Watched",
    Column.ENTRIES: "Entries",
}
HEADER_TIPS = {
    Column.TITLE: "Title (the director is matched by the filter too)",
    Column.YEAR: "Release year",
    Column.LAST_WATCHED: "Last watched",
    Column.ENTRIES: "Journal entries across all viewings",
}
# The widest thing each narrow column shows, to size it once.
COLUMN_SAMPLES = {Column.YEAR: "0000", Column.LAST_WATCHED: "0000-00-00", Column.ENTRIES: "0000"}
SORTABLE = (Column.TITLE, Column.YEAR, Column.LAST_WATCHED)


def sort_value(film: FilmRow, column: int) -> Any:
    """The real value a column sorts by (None when the film has none)."""
    if column == Column.YEAR:
        return film.year
    if column == Column.LAST_WATCHED:
        return film.last_watched
    if column == Column.ENTRIES:
        return film.entry_count
    return film.title.casefold()


def _affects_row(entity: str, action: str) -> bool:
    # An entry's text edit changes nothing shown here; everything else may change a count,
    # a date or the title.
    return entity in ("film", "viewing") or (entity == "entry" and action != "updated")


def _haystack(film: FilmRow) -> str:
    return f"{film.title}\n{film.director}".casefold()


_COLUMN_COUNT = len(Column)
_BY_TITLE = (int(Column.TITLE), Qt.SortOrder.AscendingOrder)
_TITLE = int(Column.TITLE)
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_RIGHT_ALIGNED = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class FilmListModel(QAbstractTableModel):
    """Every film with its year, last viewing date and entry count, in the store's order."""

    def __init__(self, store: Store, bridge: QObject | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.store = store
        self._rows: list[FilmRow] = []
        self._haystacks: list[str] = []
        # The store lists films by title, which is this model's first order too.
        self._sort: tuple[int, Qt.SortOrder] | None = _BY_TITLE
        self._in_order = True  # False while a changed row may be out of place
        self._muted: Any = None
        self.version = 0  # bumped whenever rows change or move (the proxy caches matches)
        self.reload()
        if bridge is not None:
            bridge.changed.connect(self.on_change)  # type: ignore[attr-defined]

    # --- reading ---------------------------------------------------------------------------

    # The view asks for these thousands of times per keystroke and paint: plain ints and
    # early returns keep each call short.

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else _COLUMN_COUNT

    def data(self, index: ModelIndex, role: int = _DISPLAY) -> Any:
        row = index.row()
        if not 0 <= row < len(self._rows):
            return None
        column = index.column()
        if role == _DISPLAY:
            return self._display(self._rows[row], column)
        if role == _ALIGNMENT:
            return _RIGHT_ALIGNED if column != _TITLE else None
        if role == _FOREGROUND:
            if column == _TITLE:
                return None
            if self._muted is None:
                self._muted = QGuiApplication.palette().color(QPalette.ColorRole.PlaceholderText)
            return self._muted
        film = self._rows[row]
        if role == FILM_ID_ROLE:
            return film.id
        if role == _TOOLTIP:
            return self._tooltip(film)
        return None

    def palette_changed(self) -> None:
        """The muted colour of the number columns follows the (light or dark) palette."""
        self._muted = None
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 1), self.index(len(self._rows) - 1, _COLUMN_COUNT - 1)
            )

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[Column(section)]
        if role == Qt.ItemDataRole.ToolTipRole:
            return HEADER_TIPS[Column(section)]
        if role == Qt.ItemDataRole.TextAlignmentRole and section != Column.TITLE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def _display(film: FilmRow, column: int) -> str:
        if column == Column.TITLE:
            return film.title
        if column == Column.YEAR:
            return str(film.year) if film.year else ""
        if column == Column.LAST_WATCHED:
            return film.last_watched.isoformat() if film.last_watched else ""
        return str(film.entry_count) if film.entry_count else ""

    @staticmethod
    def _tooltip(film: FilmRow) -> str:
        lines = [f"{film.title} ({film.year})" if film.year else film.title]
        if film.director:
            lines.append(f"Directed by {film.director}")
        watched = "viewing" if film.viewing_count == 1 else "viewings"
        entries = "entry" if film.entry_count == 1 else "entries"
        lines.append(f"{film.viewing_count} {watched}, {film.entry_count} {entries}")
        return "\n".join(lines)

    def film_at(self, row: int) -> FilmRow:
        return self._rows[row]

    def row_of(self, film_id: int) -> int | None:
        for row, film in enumerate(self._rows):
            if film.id == film_id:
                return row
        return None

    def matches_all(self, needle: str) -> list[bool]:
        """``matches`` for every row at once."""
        return [needle in haystack for haystack in self._haystacks]

    # --- refreshing ------------------------------------------------------------------------

    def reload(self) -> None:
        self.beginResetModel()
        films = self.store.list_films()
        self._rows = films if self._sort == _BY_TITLE else self._sorted(films)
        self._haystacks = [_haystack(film) for film in self._rows]
        self.version += 1
        self.endResetModel()

    # --- sorting ----------------------------------------------------------------------------
    # The model keeps its rows sorted itself (one list.sort with a key) and the proxy leaves
    # them in that order: a proxy sorting through a Python lessThan costs ~20,000 calls for
    # 2,000 films, which was a fifth of a second at every launch.

    def sort_rows(self, column: int, order: Qt.SortOrder) -> None:
        """Order the rows by ``column``; films without a value go last either way."""
        if self._sort == (column, order) and self._in_order:
            return
        self._sort = (column, order)
        self._in_order = True
        if not self._rows:
            return
        self.layoutAboutToBeChanged.emit()
        persistent = [
            (index, self._rows[index.row()].id, index.column())
            for index in self.persistentIndexList()
            if 0 <= index.row() < len(self._rows)
        ]
        self._rows = self._sorted(self._rows)
        self._haystacks = [_haystack(film) for film in self._rows]
        self.version += 1
        rows = {film.id: row for row, film in enumerate(self._rows)}
        for index, film_id, column_of in persistent:
            self.changePersistentIndex(index, self.index(rows[film_id], column_of))
        self.layoutChanged.emit()

    def _sorted(self, films: list[FilmRow]) -> list[FilmRow]:
        if self._sort is None:
            return list(films)
        column, order = self._sort
        present = [film for film in films if sort_value(film, column) is not None]
        missing = [film for film in films if sort_value(film, column) is None]
        present.sort(
            key=lambda film: (sort_value(film, column), _tie_key(film)),
            reverse=order == Qt.SortOrder.DescendingOrder,
        )
        missing.sort(key=_tie_key)
        return present + missing

    def _resort(self) -> None:
        if self._sort is not None:
            self._in_order = False
            self.sort_rows(*self._sort)

    def on_change(self, change: Change) -> None:
        """Bring the affected rows up to date after a committed write."""
        entity, action = change.entity, change.action
        if entity == "journal":
            self.reload()
        elif entity == "film" and action == "created":
            for film_id in change.ids:
                self._insert(film_id)
        elif entity == "film" and action == "deleted":
            for film_id in change.ids:
                self._remove(film_id)
        elif change.film_id is not None and _affects_row(entity, action):
            self._update(change.film_id)

    def _insert(self, film_id: int) -> None:
        if self.row_of(film_id) is not None:
            self._update(film_id)
            return
        try:
            film = self.store.get_film(film_id)
        except NotFoundError:  # deleted again before this notice arrived
            return
        row = len(self._rows)
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.append(film)
        self._haystacks.append(_haystack(film))
        self.version += 1
        self.endInsertRows()
        self._resort()

    def _remove(self, film_id: int) -> None:
        row = self.row_of(film_id)
        if row is None:
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        del self._haystacks[row]
        self.version += 1
        self.endRemoveRows()

    def _update(self, film_id: int) -> None:
        row = self.row_of(film_id)
        if row is None:
            return
        try:
            film = self.store.get_film(film_id)
        except NotFoundError:
            self._remove(film_id)
            return
        moved = self._sort is not None and sort_value(self._rows[row], self._sort[0]) != sort_value(
            film, self._sort[0]
        )
        self._rows[row] = film
        self._haystacks[row] = _haystack(film)
        self.version += 1
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(Column) - 1))
        if moved:  # most saves (a reflection, an entry) leave the film where it is
            self._resort()


class FilmFilterProxy(QSortFilterProxyModel):
    """Filters by title and director as the person types; sorting is passed to the model.

    The filter runs over text the model already holds: no query per keystroke.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._needle = ""
        self._matches: list[bool] = []
        self._matches_version = -1
        self._source: FilmListModel

    @property
    def filter_text(self) -> str:
        return self._needle

    def set_filter_text(self, text: str) -> None:
        needle = " ".join(text.split()).casefold()
        if needle == self._needle:
            return
        self._matches_version = -1
        if hasattr(self, "beginFilterChange"):  # Qt >= 6.10
            self.beginFilterChange()
            self._needle = needle
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self._needle = needle
            self.invalidateRowsFilter()

    def setSourceModel(self, model: QAbstractItemModel) -> None:  # noqa: N802 - Qt's name
        assert isinstance(model, FilmListModel)
        self._source = model
        super().setSourceModel(model)

    def filterAcceptsRow(self, source_row: int, source_parent: ModelIndex) -> bool:  # noqa: N802
        # Called for every film at every keystroke: one pass over the held text answers them
        # all, and each call is then a version check and a list lookup.
        if not self._needle:
            return True
        if self._matches_version != self._source.version:
            self._matches = self._source.matches_all(self._needle)
            self._matches_version = self._source.version
        return self._matches[source_row]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorting is the source model's job (see FilmListModel.sort_rows); the proxy only
        filters and keeps the source's order."""
        self._source.sort_rows(column, order)


def _tie_key(film: FilmRow) -> tuple[str, int, int]:
    return (film.title.casefold(), film.year or 0, film.id)


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
