"""The statistics page, drawn with QPainter: films and viewings per month, the motifs you
return to (and over which years), the kinds of entries you write, rewatches, and the average
intensity by film. Plain bars in the palette's colours, few words, no decoration.

The figures come from ``journal.statistics.compute_statistics``; this widget only lays them
out. Its height follows its content (the dialog scrolls it); its width follows the dialog.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from journal.fields import KIND_LABELS
from journal.statistics import Statistics

MARGIN = 20
TOP_MOTIFS = 10
TOP_FILMS = 10
_MONTHS = "JFMAMJJASOND"


def _plural(count: int, one: str, many: str) -> str:
    return f"{count:,} {one if count == 1 else many}"


class StatisticsPage(QWidget):
    """Draws one ``Statistics`` (see the module docstring)."""

    def __init__(self, stats: Statistics, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statisticsPage")
        self.stats = stats
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(460)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAccessibleName("Statistics")
        self.setAccessibleDescription(self.summary())

    # --- words -----------------------------------------------------------------------------

    def summary(self) -> str:
        s = self.stats
        share = round(s.rewatches.share * 100)
        return (
            f"{_plural(s.films, 'film', 'films')} · {_plural(s.viewings, 'viewing', 'viewings')}"
            f" · {_plural(s.entries, 'entry', 'entries')} · "
            f"{_plural(s.rewatches.rewatches, 'rewatch', 'rewatches')} ({share}%)"
        )

    # --- geometry --------------------------------------------------------------------------

    def _line(self) -> int:
        return QFontMetrics(self.font()).lineSpacing()

    def _sections(self) -> list[tuple[str, int]]:
        """(title, body height) of each section, in order."""
        line = self._line()
        s = self.stats
        motifs = min(TOP_MOTIFS, len(s.motifs))
        films = min(TOP_FILMS, len(s.intensity))
        return [
            ("Films and viewings per month", 7 * line if s.months else line),
            ("The motifs you return to", max(1, motifs) * int(line * 1.5)),
            ("The kinds of entries you write", len(s.kinds) * int(line * 1.5)),
            ("Rewatches", 2 * line),
            ("Average intensity by film", max(1, films) * int(line * 1.5)),
        ]

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(640, self._content_height())

    def _content_height(self) -> int:
        line = self._line()
        total = MARGIN + 2 * line  # the summary
        for _title, body in self._sections():
            total += int(line * 2.2) + body + line
        return total + MARGIN

    def resizeEvent(self, event) -> None:  # noqa: N802, ANN001 - Qt's name
        super().resizeEvent(event)
        height = self._content_height()
        if self.minimumHeight() != height:
            self.setFixedHeight(height)

    # --- painting --------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        faint = QColor(text)
        faint.setAlphaF(0.55)
        accent = palette.color(QPalette.ColorRole.Highlight)
        soft = QColor(accent)
        soft.setAlphaF(0.35)
        line = self._line()
        width = self.width() - 2 * MARGIN
        y = float(MARGIN)

        bold = QFont(self.font())
        bold.setBold(True)
        big = QFont(bold)
        big.setPointSizeF(bold.pointSizeF() * 1.15)
        painter.setFont(big)
        painter.setPen(text)
        painter.drawText(QRectF(MARGIN, y, width, line * 1.4), self.summary())
        y += 2 * line

        drawers = [self._months, self._motifs, self._kinds, self._rewatches, self._intensity]
        for (title, body), draw in zip(self._sections(), drawers, strict=True):
            painter.setFont(bold)
            painter.setPen(text)
            painter.drawText(QRectF(MARGIN, y, width, line * 1.4), title)
            y += line * 2.2
            painter.setFont(self.font())
            draw(painter, QRectF(MARGIN, y, width, body), text, faint, accent, soft)
            y += body + line
        painter.end()

    def _empty(self, painter: QPainter, area: QRectF, faint: QColor, words: str) -> None:
        painter.setPen(faint)
        painter.drawText(area, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, words)

    def _months(self, painter, area, text, faint, accent, soft) -> None:  # noqa: ANN001
        months = self.stats.months
        if not months:
            self._empty(painter, area, faint, "No viewings yet.")
            return
        line = self._line()
        chart = QRectF(area.left(), area.top(), area.width(), area.height() - 2.6 * line)
        top = max(month.viewings for month in months) or 1
        step = chart.width() / len(months)
        bar = max(1.0, min(step * 0.7, 28.0))
        painter.setPen(Qt.PenStyle.NoPen)
        for index, month in enumerate(months):
            x = chart.left() + index * step + (step - bar) / 2
            height = chart.height() * month.viewings / top
            painter.setBrush(soft)
            painter.drawRect(QRectF(x, chart.bottom() - height, bar, height))
            films = chart.height() * month.films / top
            painter.setBrush(accent)
            painter.drawRect(QRectF(x + bar * 0.3, chart.bottom() - films, bar * 0.4, films))
        painter.setPen(faint)
        painter.drawLine(chart.bottomLeft(), chart.bottomRight())
        painter.drawText(
            QRectF(chart.left(), chart.top() - line, chart.width(), line),
            Qt.AlignmentFlag.AlignRight,
            f"most in a month: {_plural(top, 'viewing', 'viewings')}",
        )
        # Year labels where a year starts (and at the first month), month initials if room.
        metrics = QFontMetrics(self.font())
        last_right = -1e9
        for index, month in enumerate(months):
            x = chart.left() + index * step
            if month.month == 1 or index == 0:
                label = str(month.year)
            elif step > metrics.horizontalAdvance("M") * 1.6:
                label = _MONTHS[month.month - 1]
            else:
                continue
            if x < last_right + 4:
                continue
            painter.drawText(QRectF(x, chart.bottom() + 4, 200, line), label)
            last_right = x + metrics.horizontalAdvance(label)
        painter.drawText(
            QRectF(area.left(), chart.bottom() + line * 1.4 + 4, area.width(), line),
            Qt.AlignmentFlag.AlignRight,
            "wide bars: viewings · narrow: films",
        )

    def _bar_rows(self, painter, area, rows, top, text, faint, accent) -> None:  # noqa: ANN001
        """Labelled horizontal bars: rows of (label, value, note)."""
        line = self._line()
        row_height = int(line * 1.5)
        label_width = min(area.width() * 0.34, 220.0)
        note_width = min(area.width() * 0.3, 200.0)
        bar_left = area.left() + label_width + 8
        bar_width = max(10.0, area.width() - label_width - note_width - 16)
        metrics = QFontMetrics(self.font())
        for index, (label, value, note) in enumerate(rows):
            y = area.top() + index * row_height
            painter.setPen(text)
            elided = metrics.elidedText(label, Qt.TextElideMode.ElideRight, int(label_width))
            painter.drawText(QRectF(area.left(), y, label_width, line), elided)
            length = bar_width * (value / top if top else 0)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(accent)
            painter.drawRoundedRect(QRectF(bar_left, y + line * 0.25, length, line * 0.6), 2, 2)
            painter.setPen(faint)
            painter.drawText(
                QRectF(bar_left + bar_width + 8, y, note_width, line),
                metrics.elidedText(note, Qt.TextElideMode.ElideRight, int(note_width)),
            )

    def _motifs(self, painter, area, text, faint, accent, soft) -> None:  # noqa: ANN001
        uses = self.stats.motifs[:TOP_MOTIFS]
        if not uses:
            self._empty(painter, area, faint, "No motifs tagged yet.")
            return
        rows = []
        for use in uses:
            years = (
                str(use.first_year)
                if use.first_year == use.last_year
                else f"{use.first_year}–{use.last_year}"
            )
            note = f"{use.entries} · {_plural(use.films, 'film', 'films')} · {years}"
            rows.append((use.name, use.entries, note))
        self._bar_rows(painter, area, rows, uses[0].entries, text, faint, accent)

    def _kinds(self, painter, area, text, faint, accent, soft) -> None:  # noqa: ANN001
        kinds = self.stats.kinds
        total = sum(kind.count for kind in kinds)
        top = max((kind.count for kind in kinds), default=0)
        rows = [
            (
                KIND_LABELS.get(kind.kind, kind.kind),
                kind.count,
                f"{kind.count:,} ({round(100 * kind.count / total) if total else 0}%)",
            )
            for kind in kinds
        ]
        self._bar_rows(painter, area, rows, top, text, faint, accent)

    def _rewatches(self, painter, area, text, faint, accent, soft) -> None:  # noqa: ANN001
        r = self.stats.rewatches
        line = self._line()
        bar = QRectF(area.left(), area.top() + line * 0.2, min(area.width(), 360.0), line * 0.6)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(soft)
        painter.drawRoundedRect(bar, 2, 2)
        painter.setBrush(accent)
        painter.drawRoundedRect(
            QRectF(bar.left(), bar.top(), bar.width() * r.share, bar.height()), 2, 2
        )
        painter.setPen(text)
        painter.drawText(
            QRectF(area.left(), area.top() + line, area.width(), line),
            f"{_plural(r.rewatches, 'rewatch', 'rewatches')} of "
            f"{_plural(r.viewings, 'viewing', 'viewings')} ({round(r.share * 100)}%), "
            f"{_plural(r.films_rewatched, 'film', 'films')} watched again",
        )

    def _intensity(self, painter, area, text, faint, accent, soft) -> None:  # noqa: ANN001
        films = self.stats.intensity[:TOP_FILMS]
        if not films:
            self._empty(painter, area, faint, "No entry has an intensity yet.")
            return
        rows = [
            (
                f"{film.title} ({film.year})" if film.year else film.title,
                film.average,
                f"{film.average:.1f} / 5 · {_plural(film.entries, 'entry', 'entries')}",
            )
            for film in films
        ]
        self._bar_rows(painter, area, rows, 5.0, text, faint, accent)
