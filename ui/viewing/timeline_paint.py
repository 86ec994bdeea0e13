"""Pixels for the timeline widget (ui/viewing/timeline.py): a row's marks and curve laid out from
journal/timeline.py's geometry, and the mark sprites, each antialiased once and then copied to
every place its kind occurs (a thousand copies cost far less than a thousand antialiased
shapes)."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QPixmap, QPolygonF

from journal.timeline import (
    INTENSITY_MIN,
    MARK_SHAPES,
    Scale,
    TimelineViewing,
    curve_runs,
    intensity_y,
    is_hollow,
    mark_outline,
)

MARK_SIZE = 5.0
SPRITE_SIZE = 18  # room for the largest mark (the bar, 13 px tall) and its antialiasing


@dataclass
class RowGeometry:
    """One viewing's strip, laid out: its marks' x (in entry order) and centre line."""

    viewing: TimelineViewing
    centre: float
    xs: list[float] = field(default_factory=list)
    curve: QPainterPath = field(default_factory=QPainterPath)
    area: QPainterPath = field(default_factory=QPainterPath)
    dots: QPainterPath = field(default_factory=QPainterPath)
    dense: bool = False  # the curve was sampled per pixel column


def outline_path(path: QPainterPath, shape: str, cx: float, cy: float, size: float) -> None:
    form, values = mark_outline(shape, cx, cy, size)
    if form == "polygon":
        path.addPolygon(
            QPolygonF([QPointF(values[i], values[i + 1]) for i in range(0, len(values), 2)])
        )
        path.closeSubpath()
    else:
        x, y, r = values
        path.addEllipse(QPointF(x, y), r, r)


def mark_sprite(kind: str, colour: str, ratio: float) -> QPixmap:
    """One mark, antialiased once, to be copied to every place an entry of its kind sits."""
    sprite = QPixmap(round(SPRITE_SIZE * ratio), round(SPRITE_SIZE * ratio))
    sprite.setDevicePixelRatio(ratio)
    sprite.fill(Qt.GlobalColor.transparent)
    painter = QPainter(sprite)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    shape = MARK_SHAPES.get(kind, MARK_SHAPES["note"])
    path = QPainterPath()
    outline_path(path, shape, SPRITE_SIZE / 2, SPRITE_SIZE / 2, MARK_SIZE)
    if is_hollow(shape):
        painter.strokePath(path, QPen(QColor(colour), 1.6))
    else:
        painter.fillPath(path, QColor(colour))
    painter.end()
    return sprite


def layout_curve(row: RowGeometry, scale: Scale, top: float, bottom: float) -> None:
    """The row's curve, the area under it and the dots on its readings, in pixels."""

    def at(position_ms: float, value: float) -> QPointF:
        return QPointF(scale.x(position_ms), intensity_y(value, top, bottom))

    runs = curve_runs(row.viewing)
    readings = sum(len(run.points) for run in runs)
    # Dots on the readings while they stand apart; a dense curve is only the line.
    dotted = readings * 8 <= max(1.0, scale.right - scale.left)
    for run in runs:
        start = at(*run.points[0])
        if dotted or len(run.points) == 1:
            for point in run.points:
                row.dots.addEllipse(at(*point), 2.2, 2.2)
        if len(run.points) == 1:
            continue
        first_ms, last_ms = run.points[0][0], run.points[-1][0]
        pixels = scale.x(last_ms) - scale.x(first_ms)
        if len(run.points) * 4 > pixels:
            row.dense = True
            # More readings than the eye can part: the curve sampled once per pixel column
            # (a monotone cubic peaks only at readings, so nothing taller is lost).
            columns = max(2, int(pixels))
            samples = [first_ms + (last_ms - first_ms) * i / columns for i in range(columns + 1)]
            segment = QPainterPath(start)
            for position in samples[1:]:
                segment.lineTo(at(position, run.value_at(position) or INTENSITY_MIN))
        else:
            segment = QPainterPath(start)
            for c1x, c1y, c2x, c2y, x, y in run.beziers():
                segment.cubicTo(at(c1x, c1y), at(c2x, c2y), at(x, y))
        row.curve.addPath(segment)
        area = QPainterPath(segment)
        area.lineTo(scale.x(last_ms), bottom)
        area.lineTo(start.x(), bottom)
        area.closeSubpath()
        row.area.addPath(area)
