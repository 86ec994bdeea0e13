"""Item models for the motifs panel: every motif with its use, and one motif's occurrences."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from journal.store import MotifRow, Store
from ui.messages import plural

MOTIF_ROLE = Qt.ItemDataRole.UserRole + 1  # the MotifRow
SORT_ROLE = Qt.ItemDataRole.UserRole + 3  # a value that sorts the column sensibly

_ModelIndex = QModelIndex | QPersistentModelIndex
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
# Long entries are cut before they reach the view, which elides the rest.
_FIRST_LINE_MAX = 300
_TOOLTIP_MAX = 2000


def entries_text(count: int) -> str:
    return plural(count, "entry", "entries")


def usage_text(motif: MotifRow) -> str:
    """ "7 entries in 3 films", or "not used yet"."""
    if not motif.usage_count:
        return "not used yet"
    films = plural(motif.film_count, "film", "films")
    return f"{entries_text(motif.usage_count)} in {films}"


def first_line(text: str) -> str:
    """The first non-blank line of an entry's text, cut to a length a row can show."""
    for line in text.splitlines():
        if line.strip():
            line = " ".join(line.split())
            return line if len(line) <= _FIRST_LINE_MAX else line[:_FIRST_LINE_MAX] + "…"
    return ""


def tooltip_html(text: str) -> str:
    """The whole entry as a tooltip that wraps (rich text does; one long plain line won't)."""
    if len(text) > _TOOLTIP_MAX:
        text = text[:_TOOLTIP_MAX] + "…"
    return "<p>" + html.escape(text, quote=False).replace("\n", "<br>") + "</p>"


class MotifsModel(QAbstractTableModel):
    """Every motif by name, with how many entries and films use it."""

    NAME, ENTRIES, FILMS = range(3)
    HEADERS = ("Motif", "Entries", "Films")

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self._motifs: list[MotifRow] = []

    def refresh(self) -> None:
        self.beginResetModel()
        self._motifs = self.store.list_motifs()
        self.endResetModel()

    def motif_at(self, row: int) -> MotifRow | None:
        return self._motifs[row] if 0 <= row < len(self._motifs) else None

    def row_of(self, motif_id: int) -> int | None:
        for row, motif in enumerate(self._motifs):
            if motif.id == motif_id:
                return row
        return None

    def motifs(self) -> list[MotifRow]:
        return list(self._motifs)

    def rowCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._motifs)

    def columnCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: _ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._motifs):
            return None
        motif = self._motifs[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (motif.name, str(motif.usage_count), str(motif.film_count))[column]
        if role == SORT_ROLE:
            return (motif.name.casefold(), motif.usage_count, motif.film_count)[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column != self.NAME:
            return _RIGHT
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{motif.name}\n{usage_text(motif)}" + (
                f"\n\n{motif.description}" if motif.description else ""
            )
        if role == MOTIF_ROLE:
            return motif
        return None

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        if role == Qt.ItemDataRole.TextAlignmentRole and section != self.NAME:
            return _RIGHT
        return None
