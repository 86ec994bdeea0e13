"""The entries of one viewing as a table model, in time order, refreshed from the store."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from journal import timecode
from journal.fields import KIND_LABELS
from journal.store import Change, EntryRow, Store
from ui.widgets import intensity_dots, rich_tooltip

COLUMN_POSITION, COLUMN_KIND, COLUMN_TEXT, COLUMN_MOTIFS, COLUMN_INTENSITY = range(5)
HEADERS = ("Position", "Kind", "Text", "Motifs", "Intensity")
ENTRY_ID_ROLE = Qt.ItemDataRole.UserRole + 1
ENTRY_UID_ROLE = Qt.ItemDataRole.UserRole + 2

# The table shows one line per entry; the whole text is in the tooltip.
_SHOWN_TEXT_MAX = 300

_Index = QModelIndex | QPersistentModelIndex


def _first_line(text: str) -> str:
    stripped = text.strip()
    first, _, rest = stripped.partition("\n")
    first = first.strip()
    if len(first) > _SHOWN_TEXT_MAX:
        return first[:_SHOWN_TEXT_MAX] + "…"
    return first + (" …" if rest.strip() else "")


class _Row:
    """An entry with its display strings worked out once, so painting never computes."""

    __slots__ = ("entry", "cells", "tooltip")

    def __init__(self, entry: EntryRow) -> None:
        self.entry = entry
        self.cells = (
            timecode.format(entry.position_ms),
            KIND_LABELS.get(entry.kind, entry.kind),
            _first_line(entry.text),
            ", ".join(entry.motifs),
            intensity_dots(entry.intensity),
        )
        self.tooltip: str | None = None  # built on first hover


class EntriesModel(QAbstractTableModel):
    """A viewing's entries (position, kind, text, motifs, intensity), ordered by position.

    Pass ``bridge`` (a ``StoreBridge``) to refresh on the store's change notices for the film
    the viewing belongs to; otherwise call :meth:`refresh`.
    """

    def __init__(self, store: Store, bridge: Any = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._viewing_id: int | None = None
        self._film_id: int | None = None
        self._rows: list[_Row] = []
        if bridge is not None:
            bridge.changed.connect(self.on_store_changed)

    # --- what it shows ---------------------------------------------------------------------

    def set_viewing(self, viewing_id: int | None, film_id: int | None = None) -> None:
        self._viewing_id = viewing_id
        self._film_id = film_id
        self.refresh()

    def viewing_id(self) -> int | None:
        return self._viewing_id

    def refresh(self) -> None:
        entries = self._store.list_entries(self._viewing_id) if self._viewing_id else []
        self.beginResetModel()
        self._rows = [_Row(entry) for entry in entries]
        self.endResetModel()

    def on_store_changed(self, change: Change) -> None:
        if self._viewing_id is None:
            return
        ours = change.film_id == self._film_id
        if change.entity == "entry" and ours:
            if change.action == "updated" and len(change.ids) == 1:
                self._update_one(change.ids[0])
            else:
                self.refresh()
        elif (
            # Bulk imports (undo of deletes) can bring back any of our rows; cascades and
            # motif renames or merges change what the rows show.
            change.entity == "journal"
            or (change.entity in ("film", "viewing") and change.action == "deleted" and ours)
            or (
                change.entity == "motif"
                and change.action != "created"
                and any(row.entry.motifs for row in self._rows)
            )
        ):
            self.refresh()

    def _update_one(self, entry_id: int) -> None:
        """Replace one edited row in place when it keeps its place in time; else reload."""
        row = self.row_for_entry(entry_id)
        if row < 0:
            self.refresh()
            return
        entry = self._store.get_entry(entry_id)
        key = (entry.position_ms, entry.id)
        before = self._rows[row - 1].entry if row > 0 else None
        after = self._rows[row + 1].entry if row + 1 < len(self._rows) else None
        in_order = (before is None or (before.position_ms, before.id) < key) and (
            after is None or key < (after.position_ms, after.id)
        )
        if entry.viewing_id != self._viewing_id or not in_order:
            self.refresh()
            return
        self._rows[row] = _Row(entry)
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(HEADERS) - 1))

    # --- lookups ---------------------------------------------------------------------------

    def entry_at(self, row: int) -> EntryRow | None:
        return self._rows[row].entry if 0 <= row < len(self._rows) else None

    def entries(self) -> list[EntryRow]:
        return [row.entry for row in self._rows]

    def row_for_entry(self, entry_id: int) -> int:
        for number, row in enumerate(self._rows):
            if row.entry.id == entry_id:
                return number
        return -1

    def row_for_uid(self, entry_uid: str) -> int:
        for number, row in enumerate(self._rows):
            if row.entry.uid == entry_uid:
                return number
        return -1

    # --- QAbstractTableModel ---------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return row.cells[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.AccessibleTextRole and column == COLUMN_INTENSITY:
            intensity = row.entry.intensity
            return f"intensity {intensity} of 5" if intensity else "no intensity"
        if role == ENTRY_ID_ROLE:
            return row.entry.id
        if role == ENTRY_UID_ROLE:
            return row.entry.uid
        return None

    def _tooltip(self, row: _Row, column: int) -> str | None:
        if column == COLUMN_TEXT:
            if row.tooltip is None:
                row.tooltip = rich_tooltip(row.entry.text) if row.entry.text.strip() else ""
            return row.tooltip or None
        if column == COLUMN_INTENSITY and row.entry.intensity:
            return f"Intensity {row.entry.intensity} of 5"
        if column == COLUMN_MOTIFS and row.entry.motifs:
            return ", ".join(row.entry.motifs)
        return None

    def headerData(  # noqa: N802 - Qt's name
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(HEADERS):
            if role == Qt.ItemDataRole.DisplayRole:
                return HEADERS[section]
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return section + 1 if 0 <= section < len(self._rows) else None
        return None
