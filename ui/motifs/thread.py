"""A motif read as a thread: every entry tagged with it, across films and viewings, in the
order you watched them (or by the film's year), each with its film, date, position, kind,
intensity and full text. Pick a second motif to read only where the two meet.

One store read (``Store.thread_rows``) gives the rows; ``journal.threads`` orders them. A
delegate draws each entry (no widget per entry), so a thread of thousands opens at once;
the list view gives the keys (arrows, Page Up/Down, Home/End) and Enter opens the entry.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from journal import timecode
from journal.errors import JournalError
from journal.fields import KIND_LABELS
from journal.store import Store
from journal.threads import Thread, ThreadOrder, ThreadRow, sort_rows
from ui.messages import plural
from ui.search.delegate import body_font
from ui.search.model import film_label
from ui.widgets import intensity_dots

THREAD_ROW_ROLE = Qt.ItemDataRole.UserRole + 20  # the ThreadRow

_ModelIndex = QModelIndex | QPersistentModelIndex


def thread_summary(thread: Thread) -> str:
    """``12 entries in 5 films, watched 2019–2024`` (or less, when there is less to say)."""
    if not thread.entries:
        return "no entries"
    words = (
        f"{plural(len(thread.entries), 'entry', 'entries')} in "
        f"{plural(thread.film_count, 'film', 'films')}"
    )
    first, last = thread.first_watched, thread.last_watched
    if first is not None and last is not None:
        years = str(first.year) if first.year == last.year else f"{first.year}–{last.year}"
        words += f", watched {years}"
    return words


class ThreadModel(QAbstractListModel):
    """One thread's entries, in order."""

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.motif_id: int | None = None
        self.other_id: int | None = None
        self.order = ThreadOrder.WATCHED
        self.thread = Thread((), self.order, ())

    def load(
        self,
        motif_id: int | None,
        other_id: int | None = None,
        order: ThreadOrder | None = None,
        names: tuple[str, ...] = (),
    ) -> None:
        """Show ``motif_id``'s thread (where it meets ``other_id``, if given). ``names`` are
        the motifs' names when the caller knows them (else they are read)."""
        order = order or self.order
        thread = Thread((), order, ())
        try:
            if motif_id is not None:
                ids = [motif_id] if other_id in (None, motif_id) else [motif_id, other_id]
                if len(names) != len(ids):
                    names = tuple(self.store.get_motif(key).name for key in ids)
                # The store gives exactly the entries carrying every one of the motifs:
                # they only need ordering (journal.threads filters rows of any origin).
                rows = self.store.thread_rows(ids)
                thread = Thread(names, order, sort_rows(rows, order))
        except JournalError:
            motif_id, other_id = None, None
        self.beginResetModel()
        self.motif_id, self.other_id, self.order, self.thread = motif_id, other_id, order, thread
        self.endResetModel()

    def refresh(self) -> None:
        self.load(self.motif_id, self.other_id, self.order)

    def row_at(self, row: int) -> ThreadRow | None:
        entries = self.thread.entries
        return entries[row] if 0 <= row < len(entries) else None

    def row_of_entry(self, entry_id: int) -> int | None:
        return self.thread.index_of(entry_id)

    def rowCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.thread.entries)

    def data(self, index: _ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return row.text
        if role == THREAD_ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.AccessibleTextRole:
            kind = KIND_LABELS.get(row.kind, row.kind)
            strength = f", intensity {row.intensity} of 5" if row.intensity else ""
            return (
                f"{film_label(row.film_title, row.film_year)}, watched "
                f"{row.watched_on.isoformat()}, at {timecode.format(row.position_ms)}, "
                f"{kind}{strength}: {row.text or 'no text'}"
            )
        return None


class ThreadDelegate(QStyledItemDelegate):
    """An entry of a thread: the film in bold with when and where on the right, a muted line
    with the kind, intensity and the entry's other motifs, then its whole text."""

    PAD_X = 12
    PAD_Y = 8
    GAP = 3

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._view = parent

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont, QFont]:
        title = QFont(option.font)  # type: ignore[attr-defined]
        title.setBold(True)
        small = QFont(option.font)  # type: ignore[attr-defined]
        return title, small, body_font(option.font)  # type: ignore[attr-defined]

    def _text_width(self, option: QStyleOptionViewItem) -> int:
        # The list lays items out at its viewport's width (one column, Adjust on resize).
        width = self._view.viewport().width()  # type: ignore[attr-defined]
        return max(80, width - 2 * self.PAD_X)

    def sizeHint(self, option: QStyleOptionViewItem, index: _ModelIndex) -> QSize:  # noqa: N802
        row = index.data(THREAD_ROW_ROLE)
        title, small, body = self._fonts(option)
        width = self._text_width(option)
        height = 2 * self.PAD_Y + QFontMetrics(title).lineSpacing() + self.GAP
        height += QFontMetrics(small).lineSpacing() + self.GAP
        text = row.text if row is not None and row.text else "(no text)"
        bounds = QFontMetrics(body).boundingRect(
            QRect(0, 0, width, 100_000), int(Qt.TextFlag.TextWordWrap), text
        )
        return QSize(width, height + bounds.height())

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _ModelIndex) -> None:
        row: ThreadRow | None = index.data(THREAD_ROW_ROLE)
        if row is None:
            return
        style = self._view.style()
        style.drawPrimitive(
            QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, self._view
        )
        palette: QPalette = option.palette  # type: ignore[attr-defined]
        selected = bool(option.state & QStyle.StateFlag.State_Selected)  # type: ignore[attr-defined]
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        text_color = palette.color(role)
        muted = palette.color(role)
        muted.setAlphaF(0.65)
        title, small, body = self._fonts(option)
        rect: QRect = option.rect  # type: ignore[attr-defined]
        x, width = rect.left() + self.PAD_X, rect.width() - 2 * self.PAD_X
        y = rect.top() + self.PAD_Y
        painter.save()
        where = f"{row.watched_on.isoformat()} · {timecode.format(row.position_ms)}"
        painter.setFont(small)
        painter.setPen(muted)
        where_width = QFontMetrics(small).horizontalAdvance(where)
        line = QFontMetrics(title).lineSpacing()
        painter.drawText(
            QRect(x + width - where_width, y, where_width, line),
            int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
            where,
        )
        painter.setFont(title)
        painter.setPen(text_color)
        film = QFontMetrics(title).elidedText(
            film_label(row.film_title, row.film_year),
            Qt.TextElideMode.ElideRight,
            max(20, width - where_width - 12),
        )
        painter.drawText(QRect(x, y, width, line), int(Qt.AlignmentFlag.AlignVCenter), film)
        y += line + self.GAP
        details = [KIND_LABELS.get(row.kind, row.kind)]
        if row.intensity:
            details.append(f"{intensity_dots(row.intensity)} {row.intensity}/5")
        others = [name for name in row.motifs if name.casefold() not in self._own()]
        if others:
            details.append("also " + ", ".join(others))
        painter.setFont(small)
        painter.setPen(muted)
        small_line = QFontMetrics(small).lineSpacing()
        painter.drawText(
            QRect(x, y, width, small_line),
            int(Qt.AlignmentFlag.AlignVCenter),
            QFontMetrics(small).elidedText(" · ".join(details), Qt.TextElideMode.ElideRight, width),
        )
        y += small_line + self.GAP
        painter.setFont(body)
        painter.setPen(text_color if row.text else muted)
        painter.drawText(
            QRect(x, y, width, rect.bottom() - y),
            int(Qt.TextFlag.TextWordWrap),
            row.text or "(no text)",
        )
        painter.restore()

    def _own(self) -> set[str]:
        model = self._view.model()  # type: ignore[attr-defined]
        motifs = model.thread.motifs if isinstance(model, ThreadModel) else ()
        return {name.casefold() for name in motifs}
