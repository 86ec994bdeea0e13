"""The timeline strip and intensity curve of a viewing (or of several viewings on one time axis),
drawn with QPainter.

What is drawn comes from journal/timeline.py (axis, ticks, mark shapes and colours, the curve).
The widget lays it out in pixels and paints everything that does not move into one cached
layer, once per change of data, size, font or palette; a repaint (hover, focus, another mark
made current) is then a copy of that layer and a ring, well under a millisecond for a thousand
entries. One mark per entry, shaped and coloured by kind; the curve above the strip on the same
axis. Hover names the entry, a click or Enter opens it (``entry_activated``), Left/Right/
Home/End move between marks, Up/Down between stacked viewings, and the accessible description
says what is focused.

Over 400 lines on purpose: one widget's geometry cache, painting, hit-testing, keyboard and
accessibility belong together (pixel helpers are in timeline_paint.py).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, QSizeF, Qt, Signal
from PySide6.QtGui import (
    QAccessible,
    QAccessibleEvent,
    QColor,
    QFocusEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import QToolTip, QWidget

from journal.timeline import (
    INTENSITY_MAX,
    INTENSITY_MIN,
    KIND_COLOURS,
    SERIES_COLOURS,
    SERIES_DASHES,
    Scale,
    TimelineEntry,
    TimelineViewing,
    axis_span_ms,
    describe_viewings,
    entry_summary,
    intensity_y,
    minute_ticks,
    nearest_mark,
)
from ui.viewing.timeline_paint import SPRITE_SIZE, RowGeometry, layout_curve, mark_sprite

PAD = 8
CURVE_HEIGHT = 48
CURVE_MIN_HEIGHT = 30
STRIP_HEIGHT = 24
HIT_TOLERANCE = 6.0
EMPTY_TEXT = "No entries yet: each note you write appears here at its moment in the film."


class TimelineWidget(QWidget):
    """One viewing's timeline and curve; given several viewings, they are stacked on one axis
    with their curves overlaid and labelled by date (see StackedTimelines)."""

    entry_activated = Signal(int)  # an entry's id: open it
    current_changed = Signal(object)  # an entry's id, or None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._viewings: list[TimelineViewing] = []
        self._rows: list[RowGeometry] = []
        self._current: tuple[int, int] | None = None  # (row, index in the row's entries)
        self._hover: tuple[int, int] | None = None
        self._span_ms = 0
        self._scale = Scale(1, 0, 1)
        self._dirty = True
        self._layer: QPixmap | None = None
        self._curve_shown = True
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAccessibleName("Timeline")
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, False)

    # --- data -------------------------------------------------------------------------------

    def set_viewing(self, viewing: TimelineViewing | None) -> None:
        self.set_viewings([] if viewing is None else [viewing])

    def set_viewings(self, viewings: Sequence[TimelineViewing]) -> None:
        """Show these viewings (one: a single timeline; several: stacked on one axis). The
        current mark is kept when its entry is still there."""
        keep = self.current_entry()
        self._viewings = list(viewings)
        self._current = self._hover = None
        any_entries = any(viewing.entries for viewing in self._viewings)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus if any_entries else Qt.FocusPolicy.NoFocus)
        self._relayout()
        if keep is not None:
            self._current = self._find(keep.entry_id)
        if (None if keep is None else keep.entry_id) != self._current_id():
            self.current_changed.emit(self._current_id())
        self._describe()
        self.updateGeometry()
        self.update()

    def viewings(self) -> list[TimelineViewing]:
        return list(self._viewings)

    def span_ms(self) -> int:
        return self._span_ms

    def current_entry(self) -> TimelineEntry | None:
        if self._current is None:
            return None
        row, index = self._current
        return self._viewings[row].entries[index]

    def set_current_entry(self, entry_id: int | None) -> bool:
        """Make that entry's mark current (for following a selection elsewhere); False if it
        is not on this timeline."""
        found = None if entry_id is None else self._find(entry_id)
        if entry_id is not None and found is None:
            return False
        self._set_current(found)
        return True

    def entry_at(self, point: QPointF) -> TimelineEntry | None:
        """The entry whose mark is under ``point`` (nearest within a few pixels), else None."""
        hit = self._hit(point)
        return None if hit is None else self._viewings[hit[0]].entries[hit[1]]

    def mark_center(self, entry_id: int) -> QPointF | None:
        """Where an entry's mark is drawn (None if it is not on this timeline)."""
        found = self._find(entry_id)
        if found is None:
            return None
        self._ensure_layout()
        row = self._rows[found[0]]
        return QPointF(row.xs[found[1]], row.centre)

    def tooltip_text(self, entry: TimelineEntry) -> str:
        if len(self._viewings) > 1:
            for viewing in self._viewings:
                if entry in viewing.entries:
                    return f"{viewing.label}, {entry_summary(entry)}"
        return entry_summary(entry)

    # --- layout -------------------------------------------------------------------------------

    def _find(self, entry_id: int) -> tuple[int, int] | None:
        for row, viewing in enumerate(self._viewings):
            for index, entry in enumerate(viewing.entries):
                if entry.entry_id == entry_id:
                    return row, index
        return None

    def _current_id(self) -> int | None:
        entry = self.current_entry()
        return None if entry is None else entry.entry_id

    def _stacked(self) -> bool:
        return len(self._viewings) > 1

    def _dark(self) -> bool:
        return self.palette().color(QPalette.ColorRole.Window).lightness() < 128

    def _gutter(self) -> float:
        metrics = self.fontMetrics()
        if self._stacked():
            widest = max(metrics.horizontalAdvance(v.label) for v in self._viewings)
            return PAD + 22 + widest + 12
        return PAD + metrics.horizontalAdvance("5") + 10

    def _bottom_room(self) -> int:
        return self.fontMetrics().height() + 8

    def set_curve_shown(self, shown: bool) -> None:
        """With the curve, or (on a very low window) the strips and the axis alone."""
        if shown != self._curve_shown:
            self._curve_shown = shown
            self._dirty = True
            self._layer = None
            self.updateGeometry()
            self.update()

    def curve_shown(self) -> bool:
        return self._curve_shown

    def heights(self) -> tuple[int, int, int]:
        """Its natural height, its least with the curve (flatter), and its height without."""
        rows = max(1, len(self._viewings))
        below = STRIP_HEIGHT * rows + self._bottom_room() + PAD
        return (
            PAD + CURVE_HEIGHT + 10 + below,
            PAD + CURVE_MIN_HEIGHT + 10 + below,
            PAD + below,
        )

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        natural, _least, bare = self.heights()
        return QSize(640, natural if self._curve_shown else bare)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        _natural, least, bare = self.heights()
        return QSize(240, least if self._curve_shown else bare)

    def _curve_box(self) -> tuple[float, float]:
        if not self._curve_shown:  # the strips start at the top
            return PAD - 10, PAD - 10
        rows = max(1, len(self._viewings))
        below = 10 + STRIP_HEIGHT * rows + self._bottom_room() + PAD
        height = max(CURVE_MIN_HEIGHT, min(CURVE_HEIGHT * 1.6, self.height() - PAD - below))
        top = PAD + self.fontMetrics().height() / 2
        return top, top + height - self.fontMetrics().height() / 2

    def _ensure_layout(self) -> None:
        if self._dirty:
            self._relayout()

    def _relayout(self) -> None:
        """Everything a paint needs, in pixels: done on data, size, font and palette changes."""
        self._dirty = False
        self._layer = None
        self._span_ms = axis_span_ms(self._viewings)
        gutter = self._gutter()
        right = max(gutter + 1, self.width() - PAD - 8)
        self._scale = scale = Scale(self._span_ms, gutter, right)
        self._curve_top, self._curve_bottom = top, bottom = self._curve_box()
        strips_top = bottom + 10
        self._rows = []
        for index, viewing in enumerate(self._viewings):
            row = RowGeometry(viewing, strips_top + STRIP_HEIGHT * index + STRIP_HEIGHT / 2)
            row.xs = [scale.x(entry.position_ms) for entry in viewing.entries]
            layout_curve(row, scale, top, bottom)
            self._rows.append(row)
        self._axis_y = strips_top + STRIP_HEIGHT * len(self._viewings)
        label_width = self.fontMetrics().horizontalAdvance("0:00") + 28
        self._ticks = [
            (scale.x(tick.position_ms), tick.label)
            for tick in minute_ticks(self._span_ms, max(2, int((right - gutter) // label_width)))
        ]

    # --- painting -------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        self._ensure_layout()
        ratio = self.devicePixelRatioF()
        if self._layer is None or self._layer.devicePixelRatio() != ratio:
            self._layer = self._paint_layer(ratio)
        painter = QPainter(self)
        painter.drawPixmap(0, 0, self._layer)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        highlight = palette.color(QPalette.ColorRole.Highlight)
        mid = palette.color(QPalette.ColorRole.Mid)
        frame = QRectF(self.rect()).adjusted(1, 1, -1, -1)
        painter.setPen(QPen(highlight, 2) if self.hasFocus() else QPen(mid, 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(frame, 6, 6)
        if self._rows:
            self._paint_states(painter, highlight, mid)

    def _paint_layer(self, ratio: float) -> QPixmap:
        """Everything but focus and hover, painted once per change of data, size or palette:
        a repaint (hover, focus, a mark made current) is then one copy and a ring."""
        layer = QPixmap((QSizeF(self.size()) * ratio).toSize())
        layer.setDevicePixelRatio(ratio)
        layer.fill(Qt.GlobalColor.transparent)
        painter = QPainter(layer)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        scheme = "dark" if self._dark() else "light"
        base, mid = palette.color(QPalette.ColorRole.Base), palette.color(QPalette.ColorRole.Mid)
        muted = palette.color(QPalette.ColorRole.PlaceholderText)
        frame = QRectF(self.rect()).adjusted(1, 1, -1, -1)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(base)
        painter.drawRoundedRect(frame, 6, 6)
        if not any(viewing.entries for viewing in self._viewings):
            painter.setPen(muted)
            painter.drawText(frame.adjusted(12, 0, -12, 0),
                             Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                             EMPTY_TEXT)  # fmt: skip
            painter.end()
            return layer
        if self._curve_shown:
            self._paint_grid(painter, mid, muted)
            self._paint_curves(painter, scheme, palette)
        if self._stacked():
            self._paint_labels(painter, scheme, palette)
        self._paint_axis(painter, mid, muted, palette.color(QPalette.ColorRole.Text))
        sprites = {
            kind: mark_sprite(kind, colour, ratio) for kind, colour in KIND_COLOURS[scheme].items()
        }
        half = SPRITE_SIZE / 2
        for row in self._rows:
            painter.setPen(QPen(mid, 1))
            painter.drawLine(QPointF(self._scale.left, row.centre),
                             QPointF(self._scale.right, row.centre))  # fmt: skip
            top = row.centre - half
            for entry, x in zip(row.viewing.entries, row.xs, strict=True):
                sprite = sprites.get(entry.kind) or sprites["note"]
                painter.drawPixmap(QPointF(x - half, top), sprite)
        painter.end()
        return layer

    def _paint_grid(self, painter: QPainter, mid: QColor, muted: QColor) -> None:
        grid = QColor(mid)
        grid.setAlphaF(0.45)
        painter.setPen(QPen(grid, 1))
        metrics = self.fontMetrics()
        for level in range(INTENSITY_MIN, INTENSITY_MAX + 1):
            y = intensity_y(level, self._curve_top, self._curve_bottom)
            painter.drawLine(QPointF(self._scale.left, y), QPointF(self._scale.right, y))
        painter.setPen(muted)
        for level in (INTENSITY_MIN, INTENSITY_MAX):
            y = intensity_y(level, self._curve_top, self._curve_bottom)
            text = str(level)
            x = self._scale.left - 6 - metrics.horizontalAdvance(text)
            painter.drawText(QPointF(x, y + metrics.capHeight() / 2), text)

    def _paint_curves(self, painter: QPainter, scheme: str, palette: QPalette) -> None:
        stacked = self._stacked()
        for index, row in enumerate(self._rows):
            if stacked:
                pen = self._series_pen(index, scheme)
                colour = pen.color()
            else:
                colour = palette.color(QPalette.ColorRole.Link)
                fill = QColor(colour)
                fill.setAlphaF(0.12)
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(fill)
                # The stroke covers the area's only slanted edge: no antialiasing needed here.
                painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
                painter.drawPath(row.area)
                painter.setRenderHint(QPainter.RenderHint.Antialiasing)
                pen = QPen(colour, 2)
                pen.setCapStyle(Qt.PenCapStyle.RoundCap)
                pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            # A curve sampled per pixel column is drawn without antialiasing: the samples are
            # already a pixel apart, and smoothing thousands of them costs tens of milliseconds.
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, not row.dense)
            painter.drawPath(row.curve)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            painter.drawPath(row.dots)

    def _series_pen(self, index: int, scheme: str) -> QPen:
        colour = QColor(SERIES_COLOURS[scheme][index % len(SERIES_COLOURS[scheme])])
        pen = QPen(colour, 2)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        dash = SERIES_DASHES[index % len(SERIES_DASHES)]
        if dash:
            pen.setDashPattern([d / 2 for d in dash])
        return pen

    def _paint_labels(self, painter: QPainter, scheme: str, palette: QPalette) -> None:
        """Each stacked row's date, with a sample of its curve's line."""
        metrics = self.fontMetrics()
        for index, row in enumerate(self._rows):
            painter.setPen(self._series_pen(index, scheme))
            painter.drawLine(QPointF(PAD, row.centre), QPointF(PAD + 16, row.centre))
            painter.setPen(palette.color(QPalette.ColorRole.Text))
            painter.drawText(QPointF(PAD + 22, row.centre + metrics.capHeight() / 2),
                             row.viewing.label)  # fmt: skip

    def _paint_axis(self, painter: QPainter, mid: QColor, muted: QColor, text: QColor) -> None:
        painter.setPen(QPen(muted, 1))
        y = self._axis_y
        painter.drawLine(QPointF(self._scale.left, y), QPointF(self._scale.right, y))
        metrics = self.fontMetrics()
        baseline = y + 6 + metrics.ascent()
        right = self.width() - PAD / 2  # the last label stays inside the frame
        for x, label in self._ticks:
            painter.drawLine(QPointF(x, y), QPointF(x, y + 4))
            width = metrics.horizontalAdvance(label)
            painter.drawText(QPointF(min(x - width / 2, right - width), baseline), label)

    def _paint_states(self, painter: QPainter, highlight: QColor, mid: QColor) -> None:
        if self._hover is not None and self._hover != self._current:
            row, index = self._hover
            painter.setPen(QPen(mid, 1.5))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(QPointF(self._rows[row].xs[index], self._rows[row].centre), 9, 9)
        if self._current is None:
            return
        row, index = self._current
        x, centre = self._rows[row].xs[index], self._rows[row].centre
        guide = QColor(highlight)
        guide.setAlphaF(0.5)
        if self._curve_shown:
            painter.setPen(QPen(guide, 1, Qt.PenStyle.DashLine))
            painter.drawLine(QPointF(x, self._curve_top), QPointF(x, centre - 10))
        # The focus ring: bold when the timeline has the keyboard, a thin ring otherwise.
        painter.setPen(QPen(highlight, 2.5 if self.hasFocus() else 1.2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(QPointF(x, centre), 10, 10)

    # --- interaction -----------------------------------------------------------------------------

    def _hit(self, point: QPointF) -> tuple[int, int] | None:
        self._ensure_layout()
        for number, row in enumerate(self._rows):
            if abs(point.y() - row.centre) <= STRIP_HEIGHT / 2:
                index = nearest_mark(row.xs, point.x(), HIT_TOLERANCE)
                return None if index is None else (number, index)
        return None

    def _set_current(self, current: tuple[int, int] | None) -> None:
        if current == self._current:
            return
        self._current = current
        self._describe()
        self.update()
        self.current_changed.emit(self._current_id())

    def _describe(self) -> None:
        entry = self.current_entry()
        focused = None if entry is None or self._current is None else (self._current[0], entry)
        self.setAccessibleName("Viewings on one time axis" if self._stacked() else "Timeline")
        if not self._viewings:
            self.setAccessibleDescription("Timeline with no viewing")
        else:
            self.setAccessibleDescription(describe_viewings(self._viewings, self._span_ms, focused))
        if QAccessible.isActive():
            QAccessible.updateAccessibility(
                QAccessibleEvent(self, QAccessible.Event.DescriptionChanged)
            )

    def _step(self, key: int) -> tuple[int, int] | None:
        rows = [viewing.entries for viewing in self._viewings]
        if self._current is None:
            first = next((r for r, entries in enumerate(rows) if entries), None)
            if first is None:
                return None
            if key in (Qt.Key.Key_Left, Qt.Key.Key_End):
                return first, len(rows[first]) - 1
            return first, 0
        row, index = self._current
        if key == Qt.Key.Key_Right:
            return row, min(index + 1, len(rows[row]) - 1)
        if key == Qt.Key.Key_Left:
            return row, max(index - 1, 0)
        if key == Qt.Key.Key_Home:
            return row, 0
        if key == Qt.Key.Key_End:
            return row, len(rows[row]) - 1
        # Up/Down: the nearest moment in the viewing above or below that has entries.
        direction = -1 if key == Qt.Key.Key_Up else 1
        position = rows[row][index].position_ms
        other = row + direction
        while 0 <= other < len(rows) and not rows[other]:
            other += direction
        if not 0 <= other < len(rows):
            return row, index
        positions = self._viewings[other].positions
        nearest = min(range(len(positions)), key=lambda i: abs(positions[i] - position))
        return other, nearest

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        key = event.key()
        moves = (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Home, Qt.Key.Key_End)
        rows = (Qt.Key.Key_Up, Qt.Key.Key_Down)
        if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            super().keyPressEvent(event)
        elif key in moves or (key in rows and self._stacked()):
            self._set_current(self._step(key))
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self._current is not None:
            self.entry_activated.emit(self._current_id())
        else:
            super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        hit = self._hit(event.position())
        if hit is None:
            super().mousePressEvent(event)
            return
        self._set_current(hit)
        self.entry_activated.emit(self._current_id())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        hover = self._hit(event.position())
        if hover != self._hover:
            self._hover = hover
            self.setCursor(
                Qt.CursorShape.PointingHandCursor if hover else Qt.CursorShape.ArrowCursor
            )
            self.update()
        super().mouseMoveEvent(event)

    def leaveEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if self._hover is not None:
            self._hover = None
            self.update()
        super().leaveEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt's name
        # Arriving by keyboard puts the focus ring on a mark at once (a click picks its own).
        if self._current is None and event.reason() != Qt.FocusReason.MouseFocusReason:
            self._set_current(self._step(Qt.Key.Key_Home))
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt's name
        self.update()
        super().focusOutEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            entry = self.entry_at(QPointF(event.pos()))
            if entry is None:
                QToolTip.hideText()
                event.ignore()
            else:
                QToolTip.showText(event.globalPos(), self.tooltip_text(entry), self)
            return True
        return super().event(event)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self._dirty = True
        super().resizeEvent(event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.PaletteChange,
                            QEvent.Type.StyleChange):  # fmt: skip
            self._dirty = True
            self.updateGeometry()
            self.update()
        super().changeEvent(event)


class StackedTimelines(TimelineWidget):
    """Several viewings of one film on one time axis: a strip each, labelled by date, and their
    intensity curves overlaid (each its own colour and dash)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Viewings on one time axis")
