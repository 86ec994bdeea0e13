"""The viewing's entries as a page you read: one block per entry, in time order — the position
and kind in a left column, the whole text wrapped beside them, then intensity and motifs.

A QListView over the entries model (ui/viewing/entries_model.py, one row per entry) with a delegate that
paints each block; no widget per entry. A block's height is measured once per entry and width
(the text laid out with word wrap) and kept, so scrolling repaints only what is visible and
never measures again. Very long texts are shown up to ``SHOWN_TEXT_MAX`` characters and say
that the rest is in the editor: a pasted book must not make every scroll step lay out a book.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPalette, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from journal import timecode
from journal.fields import KIND_LABELS
from journal.timeline import KIND_COLOURS
from ui.viewing.entries_model import COLUMN_TEXT, EntriesModel
from ui.viewing.timeline_paint import SPRITE_SIZE, mark_sprite
from ui.widgets import intensity_dots, readable_font

SHOWN_TEXT_MAX = 4000
LINES_KEPT = 20_000  # entries whose wrapped lines are kept
CUT_NOTE = "… (the rest is in the editor below)"
NO_WORDS = "(no words yet)"
PAD_X, PAD_Y = 12, 9
GAP = 14  # between the position column and the text
DETAIL_GAP = 4

_Index = QModelIndex | QPersistentModelIndex


def shown_text(text: str) -> str:
    """What a block shows of an entry's text: all of it, up to SHOWN_TEXT_MAX characters."""
    text = text.strip("\n")
    if len(text) <= SHOWN_TEXT_MAX:
        return text
    return text[:SHOWN_TEXT_MAX].rstrip() + CUT_NOTE


def details_text(intensity: int | None, motifs: tuple[str, ...]) -> str:
    """``●●●●○  ·  mended cup, letters`` (only what the entry has)."""
    parts = []
    if intensity is not None:
        parts.append(intensity_dots(intensity))
    if motifs:
        parts.append(", ".join(motifs))
    return "  ·  ".join(parts)


def _break_word(word: str, width: int, advance: Callable[[str], int]) -> list[str]:
    """A word wider than the line, cut into pieces that fit (at least one character each)."""
    pieces = []
    while word:
        low, high = 1, len(word)
        while low < high:  # the longest prefix that fits
            middle = (low + high + 1) // 2
            if advance(word[:middle]) <= width:
                low = middle
            else:
                high = middle - 1
        pieces.append(word[:low])
        word = word[low:]
    return pieces


def wrap_lines(
    text: str,
    width: int,
    advance: Callable[[str], int],
    measure: Callable[[str], int] | None = None,
) -> list[str]:
    """``text`` broken into lines no wider than ``width``: at spaces where it can be, inside
    a word only when the word alone is too wide. ``advance`` measures a word (it may cache);
    ``measure`` a whole paragraph, to keep one that fits as it is. Line breaks in the text are
    kept; an empty line stays an empty line. [] for no text."""
    if not text:
        return []
    lines: list[str] = []
    space = advance(" ")
    for paragraph in text.split("\n"):
        if measure is not None and measure(paragraph) <= width:
            lines.append(paragraph.rstrip())
            continue
        words: list[str] = []
        used = 0
        for word in paragraph.split(" "):
            word_width = advance(word) if word else 0
            needed = word_width + (space if words else 0)
            if word and words and used + needed > width:
                lines.append(" ".join(words).rstrip())
                words, used, needed = [], 0, word_width
            if not words and word_width > width:
                *whole, word = _break_word(word, width, advance)
                lines.extend(whole)
                needed = advance(word)
            words.append(word)
            used += needed
        lines.append(" ".join(words).rstrip())
    return lines


class EntryBlockDelegate(QStyledItemDelegate):
    """Paints one entry as a block and measures its height (cached per entry and width)."""

    def __init__(self, view: ReadingView) -> None:
        super().__init__(view)
        self._view = view
        self._lines: dict[object, list[str]] = {}
        self._advances: dict[str, int] = {}
        self._width = -1
        self._sprites: dict[tuple[str, bool, float], QPixmap] = {}
        self.update_fonts()

    def update_fonts(self) -> None:
        self._text_font = readable_font(self._view)
        self._head_font = QFont(self._view.font())
        self._head_font.setBold(True)
        self._small_font = QFont(self._view.font())
        self._text_metrics = QFontMetrics(self._text_font)
        self._head_metrics = QFontMetrics(self._head_font)
        self._small_metrics = QFontMetrics(self._small_font)
        widest_kind = max(self._small_metrics.horizontalAdvance(k) for k in KIND_LABELS.values())
        self._gutter = max(
            self._head_metrics.horizontalAdvance("10:00:00"), SPRITE_SIZE + 4 + widest_kind
        )
        self._lines.clear()
        self._advances.clear()

    def gutter_width(self) -> int:
        return self._gutter

    # --- measuring -------------------------------------------------------------------------

    def _text_width(self, width: int) -> int:
        return max(60, width - 2 * PAD_X - self._gutter - GAP)

    def _advance(self, token: str) -> int:
        width = self._advances.get(token)
        if width is None:
            width = self._text_metrics.horizontalAdvance(token)
            if len(self._advances) > 50_000:
                self._advances.clear()
            self._advances[token] = width
        return width

    def lines(self, entry, width: int) -> list[str]:
        """The entry's shown text broken into lines for a block ``width`` wide (cached)."""
        if width != self._width:
            self._lines.clear()
            self._width = width
        lines = self._lines.get(entry)
        if lines is None:
            if len(self._lines) > LINES_KEPT:  # browsing many films: start again
                self._lines.clear()
            lines = wrap_lines(shown_text(entry.text), self._text_width(width), self._advance,
                               self._text_metrics.horizontalAdvance)  # fmt: skip
            self._lines[entry] = lines
        return lines

    def block_height(self, entry, width: int) -> int:
        text_height = max(1, len(self.lines(entry, width))) * self._text_metrics.lineSpacing()
        if details_text(entry.intensity, entry.motifs):
            text_height += DETAIL_GAP + self._small_metrics.height()
        gutter_height = self._head_metrics.height() + 2 + self._small_metrics.height()
        return max(text_height, gutter_height) + 2 * PAD_Y

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:  # noqa: N802
        entry = self._entry(index)
        width = self._view.viewport().width()
        if entry is None:
            return QSize(width, self._text_metrics.height() + 2 * PAD_Y)
        return QSize(width, self.block_height(entry, width))

    def _entry(self, index: _Index):
        model = index.model()
        if isinstance(model, EntriesModel):
            return model.entry_at(index.row())
        return None

    # --- painting --------------------------------------------------------------------------

    def _sprite(self, kind: str, dark: bool, ratio: float) -> QPixmap:
        key = (kind, dark, ratio)
        sprite = self._sprites.get(key)
        if sprite is None:
            colours = KIND_COLOURS["dark" if dark else "light"]
            sprite = mark_sprite(kind, colours.get(kind, colours["note"]), ratio)
            self._sprites[key] = sprite
        return sprite

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        entry = self._entry(index)
        if entry is None:
            return
        palette = option.palette
        rect = option.rect
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if selected:
            fill = QColor(palette.color(QPalette.ColorRole.Highlight))
            fill.setAlphaF(0.16)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(fill)
            painter.drawRoundedRect(QRectF(rect).adjusted(2, 1, -2, -1), 6, 6)
            painter.setBrush(palette.color(QPalette.ColorRole.Highlight))
            painter.drawRoundedRect(QRectF(rect.left() + 2, rect.top() + 4, 3, rect.height() - 8),
                                    1.5, 1.5)  # fmt: skip
        else:
            rule = QColor(palette.color(QPalette.ColorRole.Mid))
            rule.setAlphaF(0.5)
            painter.setPen(rule)
            painter.drawLine(
                rect.left() + PAD_X, rect.bottom(), rect.right() - PAD_X, rect.bottom()
            )
        if option.state & QStyle.StateFlag.State_HasFocus and self._view.hasFocus():
            painter.setPen(palette.color(QPalette.ColorRole.Highlight))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(QRectF(rect).adjusted(2.5, 1.5, -2.5, -1.5), 6, 6)

        text_colour = palette.color(QPalette.ColorRole.Text)
        muted = palette.color(QPalette.ColorRole.PlaceholderText)
        left = rect.left() + PAD_X
        top = rect.top() + PAD_Y
        # The position, then the kind with its timeline mark.
        painter.setFont(self._head_font)
        painter.setPen(text_colour)
        painter.drawText(QPointF(left, top + self._head_metrics.ascent()),
                         timecode.format(entry.position_ms))  # fmt: skip
        kind_top = top + self._head_metrics.height() + 2
        dark = palette.color(QPalette.ColorRole.Base).lightness() < 128
        sprite = self._sprite(entry.kind, dark, painter.device().devicePixelRatioF())
        sprite_y = kind_top + (self._small_metrics.height() - SPRITE_SIZE) / 2
        painter.drawPixmap(QPointF(left - 4, sprite_y), sprite)
        painter.setFont(self._small_font)
        painter.setPen(muted)
        painter.drawText(QPointF(left + SPRITE_SIZE, kind_top + self._small_metrics.ascent()),
                         KIND_LABELS.get(entry.kind, entry.kind))  # fmt: skip

        # The whole text, wrapped, then intensity and motifs.
        text_left = left + self._gutter + GAP
        width = self._text_width(rect.width())
        lines = self.lines(entry, rect.width())
        painter.setFont(self._text_font)
        spacing = self._text_metrics.lineSpacing()
        baseline = top + self._text_metrics.ascent()
        if lines:
            painter.setPen(text_colour)
            clip = (
                option.rect.intersected(painter.clipBoundingRect().toAlignedRect())
                if painter.hasClipping()
                else option.rect
            )
            for number, line in enumerate(lines):
                y = baseline + number * spacing
                if y + spacing < clip.top() or y - spacing > clip.bottom():
                    continue  # a tall block: only its visible lines are drawn
                painter.drawText(QPointF(text_left, y), line)
        else:
            painter.setPen(muted)
            painter.drawText(QPointF(text_left, baseline), NO_WORDS)
        height = max(1, len(lines)) * spacing
        details = details_text(entry.intensity, entry.motifs)
        if details:
            painter.setFont(self._small_font)
            painter.setPen(muted)
            y = top + height + DETAIL_GAP + self._small_metrics.ascent()
            painter.drawText(QPointF(text_left, y),
                             self._small_metrics.elidedText(details, Qt.TextElideMode.ElideRight,
                                                            width))  # fmt: skip
        painter.restore()


class ReadingView(QListView):
    """The entries of a viewing as readable blocks (see the module docstring). Its model is the
    journal pane's EntriesModel; selection is by whole rows, as in a table."""

    def __init__(self, model: QAbstractItemModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("entriesTable")
        self.setAccessibleName("Entries")
        self.delegate = EntryBlockDelegate(self)
        self.setItemDelegate(self.delegate)
        self.setModel(model)
        self.setModelColumn(COLUMN_TEXT)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Always there, so a block's width does not change (and every block get measured
        # again) when the list grows past one screen.
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setUniformItemSizes(False)
        self.setWordWrap(True)
        self.setMouseTracking(False)
        self.verticalScrollBar().setSingleStep(24)
        # A low window keeps a few lines of reading rather than the usual list's taller least.
        self.setMinimumHeight(self.fontMetrics().lineSpacing() * 3)
        self._placeholder = ""

    def set_placeholder(self, text: str) -> None:
        """What the empty list says (how to begin); the list's description says it too."""
        if text != self._placeholder:
            self._placeholder = text
            self.viewport().update()

    def placeholder(self) -> str:
        return self._placeholder

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        super().paintEvent(event)
        if self._placeholder and self.model() is not None and self.model().rowCount() == 0:
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            area = self.viewport().rect().adjusted(16, 12, -16, -12)
            flags = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
            painter.drawText(area, int(flags) | int(Qt.TextFlag.TextWordWrap), self._placeholder)
            painter.end()

    def selectRow(self, row: int) -> None:  # noqa: N802 - the name QTableView gives this
        """Select the entry in ``row`` (and make it current), as a click would."""
        index = self.model().index(row, self.modelColumn())
        if not index.isValid():
            return
        self.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        # The whole text is on the page; a tooltip repeating it only covers the next block.
        if event.type() == QEvent.Type.ToolTip:
            event.ignore()
            return True
        return super().viewportEvent(event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.delegate.update_fonts()
            self.scheduleDelayedItemsLayout()
        super().changeEvent(event)
