"""How a search result (or a motif's occurrence) is drawn: the film and where, muted on the
right; an optional muted line under it; and the matched text in a readable size, with the
matching words in bold."""

from __future__ import annotations

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QFont,
    QFontMetrics,
    QPainter,
    QPalette,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

from ui.search.model import (
    BODY_HTML_ROLE,
    BODY_ROLE,
    META_ROLE,
    SUBTITLE_ROLE,
    TITLE_ROLE,
)

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
