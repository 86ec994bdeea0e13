"""Labels that fit their room: an eliding label and combo box, an inline message, and a label
clamped to a number of lines."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import (
    QFontMetrics,
    QPainter,
    QPaintEvent,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QStyle,
    QStyleOptionComboBox,
    QStylePainter,
    QWidget,
)

from ui.widgets.text import rich_tooltip


class ElidedLabel(QLabel):
    """A one-line label that elides long text at the right and shows it whole in a tooltip."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full_text = ""
        self.setMinimumWidth(40)
        self.set_full_text(text)

    def set_full_text(self, text: str) -> None:
        self.setText(text)

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name
        self._full_text = text
        super().setText(text)
        self.setToolTip(rich_tooltip(text) if text else "")
        self.update()

    def full_text(self) -> str:
        return self._full_text

    def minimumSizeHint(self):  # noqa: N802 - Qt's name
        hint = super().minimumSizeHint()
        hint.setWidth(self.minimumWidth())
        return hint

    def sizeHint(self):  # noqa: N802 - Qt's name
        hint = super().sizeHint()
        hint.setWidth(min(hint.width(), 600))
        return hint

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        metrics = QFontMetrics(self.font())
        rect = self.contentsRect()
        shown = metrics.elidedText(self._full_text, Qt.TextElideMode.ElideRight, rect.width())
        painter.setPen(self.palette().color(self.foregroundRole()))
        painter.drawText(rect, int(self.alignment()), shown)


class ElidingComboBox(QComboBox):
    """A combo box whose shown choice is elided ("…") where the box is narrow, instead of
    being cut mid-word; the list that opens shows every choice whole."""

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QStylePainter(self)
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        field = self.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox,
            option,
            QStyle.SubControl.SC_ComboBoxEditField,
            self,
        )
        option.currentText = self.fontMetrics().elidedText(
            option.currentText, Qt.TextElideMode.ElideRight, max(0, field.width() - 4)
        )
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)


class InlineMessage(QLabel):
    """A quiet message under a field. ``level`` (also set as the ``role`` property the
    stylesheet colours) is ``error`` or ``warning``; hidden while there is nothing to say."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("inlineMessage")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def show_message(self, text: str, level: str = "error") -> None:
        self.setProperty("level", level)
        # ``role`` is what the application stylesheet colours (error: muted red).
        self.setProperty("role", level)
        self.setText(("⚠ " if level == "warning" and text else "") + text)
        self.setVisible(bool(text))
        # Re-polish so a stylesheet rule on [level="…"] applies to the new value.
        self.style().unpolish(self)
        self.style().polish(self)

    def clear_message(self) -> None:
        self.show_message("")

    def level(self) -> str:
        return str(self.property("level") or "")


class ClampedLabel(QWidget):
    """Plain text wrapped to the width and cut to ``max_lines`` lines, the last one elided;
    the whole text is in the tooltip. For notes shown in a header, where a long text must not
    push the page down."""

    def __init__(self, max_lines: int = 2, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._max_lines = max_lines
        sizing = self.sizePolicy()
        sizing.setHeightForWidth(True)
        sizing.setHorizontalPolicy(sizing.Policy.Ignored)
        self.setSizePolicy(sizing)

    def set_text(self, text: str) -> None:
        self._text = text
        self.setToolTip(rich_tooltip(text) if text else "")
        self.updateGeometry()
        self.update()

    def text(self) -> str:
        return self._text

    def _lines(self, width: int) -> list[str]:
        metrics = QFontMetrics(self.font())
        lines: list[str] = []
        # Only the first few thousand characters can ever be shown.
        for paragraph in self._text[: 400 * self._max_lines].split("\n"):
            layout = QTextLayout(paragraph, self.font())
            option = QTextOption()
            option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
            layout.setTextOption(option)
            layout.beginLayout()
            while len(lines) <= self._max_lines:
                line = layout.createLine()
                if not line.isValid():
                    break
                line.setLineWidth(max(1, width))
                lines.append(paragraph[line.textStart() : line.textStart() + line.textLength()])
            layout.endLayout()
            if len(lines) > self._max_lines:
                break
        if len(lines) > self._max_lines or len(self._text) > 400 * self._max_lines:
            lines = lines[: self._max_lines]
            last = lines[-1].rstrip() + " …"
            lines[-1] = metrics.elidedText(last, Qt.TextElideMode.ElideRight, width)
            if not lines[-1].endswith("…"):
                lines[-1] = metrics.elidedText(last + "…", Qt.TextElideMode.ElideRight, width)
        return lines

    def shown_lines(self) -> list[str]:
        return self._lines(self.contentsRect().width())

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt's name
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt's name
        count = len(self._lines(width)) if self._text else 0
        return count * QFontMetrics(self.font()).lineSpacing()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        width = max(self.width(), 200)
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(40, self.heightForWidth(max(self.width(), 200)))

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.setPen(self.palette().color(self.foregroundRole()))
        rect = self.contentsRect()
        spacing = QFontMetrics(self.font()).lineSpacing()
        for number, line in enumerate(self._lines(rect.width())):
            row = rect.adjusted(0, number * spacing, 0, 0)
            row.setHeight(spacing)
            painter.drawText(
                row, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), line
            )
