"""Ctrl+F: full-text search across the journal, keyboard first.

Type to search (debounced), Up/Down to move through the results without leaving the field,
Enter to open the chosen hit, Escape to close.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QFont,
    QFontMetrics,
    QGuiApplication,
    QKeyEvent,
    QPainter,
    QPalette,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QLabel,
    QLineEdit,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from journal.errors import JournalError
from journal.search import DEFAULT_LIMIT
from journal.store import SearchHit, Store
from ui.messages import plural
from ui.search.model import (
    BODY_HTML_ROLE,
    BODY_ROLE,
    HIT_ROLE,
    META_ROLE,
    SUBTITLE_ROLE,
    TITLE_ROLE,
    SearchResultsModel,
)

SEARCH_DELAY_MS = 150
SEARCH_LIMIT = DEFAULT_LIMIT  # the same list as reflective-journal search
# Journal text is read, not skimmed: never smaller than this.
BODY_POINT_SIZE = 11.0

_ModelIndex = QModelIndex | QPersistentModelIndex


def body_font(base: QFont) -> QFont:
    font = QFont(base)
    if font.pointSizeF() > 0 and font.pointSizeF() < BODY_POINT_SIZE:
        font.setPointSizeF(BODY_POINT_SIZE)
    return font


class ResultDelegate(QStyledItemDelegate):
    """Draws a row as a bold title with muted details on the right, an optional muted
    subtitle, then a body.

    The body is BODY_HTML_ROLE (rich text, up to ``body_lines`` lines) when the model gives
    it, else BODY_ROLE on one elided line.
    """

    PADDING_X = 10
    PADDING_Y = 7
    GAP = 3

    def __init__(
        self, parent: QObject | None = None, *, body_lines: int = 1, subtitle: bool = False
    ) -> None:
        super().__init__(parent)
        self.body_lines = body_lines
        self.subtitle = subtitle

    def sizeHint(self, option: QStyleOptionViewItem, index: _ModelIndex) -> QSize:  # noqa: N802
        line = QFontMetrics(option.font).lineSpacing()
        height = self.PADDING_Y * 2 + line + self.GAP
        if self.subtitle:
            height += line
        height += QFontMetrics(body_font(option.font)).lineSpacing() * self.body_lines
        return QSize(240, height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _ModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)

        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        group = (
            QPalette.ColorGroup.Normal
            if opt.state & QStyle.StateFlag.State_Active
            else QPalette.ColorGroup.Inactive
        )
        ink = opt.palette.color(
            group, QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        muted = ink if selected else opt.palette.color(group, QPalette.ColorRole.PlaceholderText)

        rect = opt.rect.adjusted(self.PADDING_X, self.PADDING_Y, -self.PADDING_X, -self.PADDING_Y)
        painter.save()
        painter.setClipRect(opt.rect)
        top = rect.top() + self._draw_title_line(painter, opt, index, rect, ink, muted)
        if self.subtitle:
            metrics = QFontMetrics(opt.font)
            line = QRect(rect.left(), top, rect.width(), metrics.lineSpacing())
            painter.setFont(opt.font)
            painter.setPen(muted)
            text = metrics.elidedText(
                index.data(SUBTITLE_ROLE) or "", Qt.TextElideMode.ElideRight, rect.width()
            )
            painter.drawText(line, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
            top += metrics.lineSpacing()
        body_rect = QRect(rect)
        body_rect.setTop(top + self.GAP)
        html = index.data(BODY_HTML_ROLE)
        if html is not None:
            self._draw_rich_body(painter, opt, html, body_rect, ink)
        else:
            self._draw_plain_body(painter, opt, index.data(BODY_ROLE) or "", body_rect, ink, muted)
        painter.restore()

    def _draw_title_line(self, painter, opt, index, rect, ink, muted) -> int:
        title_font = QFont(opt.font)
        title_font.setBold(True)
        title_metrics = QFontMetrics(title_font)
        meta_metrics = QFontMetrics(opt.font)
        meta = index.data(META_ROLE) or ""
        # The details win over a long title (they tell two rows of one film apart), but
        # never take more than two thirds of the line.
        meta_width = min(meta_metrics.horizontalAdvance(meta) + 2, rect.width() * 2 // 3)
        gap = 12 if meta else 0
        title_width = max(0, rect.width() - (meta_width + gap if meta else 0))
        height = max(title_metrics.lineSpacing(), meta_metrics.lineSpacing())
        align = Qt.AlignmentFlag.AlignVCenter
        title = title_metrics.elidedText(
            index.data(TITLE_ROLE) or "", Qt.TextElideMode.ElideRight, title_width
        )
        painter.setFont(title_font)
        painter.setPen(ink)
        painter.drawText(
            QRect(rect.left(), rect.top(), title_width, height),
            align | Qt.AlignmentFlag.AlignLeft,
            title,
        )
        if meta:
            if meta_metrics.horizontalAdvance(meta) > meta_width:
                meta = meta_metrics.elidedText(meta, Qt.TextElideMode.ElideLeft, meta_width)
            painter.setFont(opt.font)
            painter.setPen(muted)
            painter.drawText(
                QRect(rect.right() - meta_width + 1, rect.top(), meta_width, height),
                align | Qt.AlignmentFlag.AlignRight,
                meta,
            )
        return height

    def _draw_plain_body(self, painter, opt, text, rect, ink, muted) -> None:
        font = body_font(opt.font)
        painter.setFont(font)
        if text:
            painter.setPen(ink)
            shown = QFontMetrics(font).elidedText(text, Qt.TextElideMode.ElideRight, rect.width())
        else:
            painter.setPen(muted)
            shown = "(no text)"
        painter.drawText(rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, shown)

    def _draw_rich_body(self, painter, opt, html, rect, ink) -> None:
        font = body_font(opt.font)
        document = QTextDocument()
        document.setDefaultFont(font)
        document.setDocumentMargin(0)
        document.setHtml(html)
        document.setTextWidth(rect.width())
        height = QFontMetrics(font).lineSpacing() * self.body_lines
        context = QAbstractTextDocumentLayout.PaintContext()
        context.palette.setColor(QPalette.ColorRole.Text, ink)
        context.clip = QRect(0, 0, rect.width(), height).toRectF()
        painter.translate(rect.topLeft())
        painter.setClipRect(QRect(0, 0, rect.width(), height))
        document.documentLayout().draw(painter, context)


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
            text = "Type to search every entry, reflection, film, director and motif."
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
