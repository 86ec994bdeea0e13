"""A quiet panel under the entry editor: while you write at a position in a later viewing, what
you wrote within two minutes of it in earlier viewings of the film ("2019-03-02, at 1:02:10:
…"), nearest first. ``OPEN_KEY`` (or a click, or Enter on a line) opens that entry.

The panel only shows itself when the viewing has earlier ones; the answers come from
journal/rewatch.py (Qt-free, microseconds per question, so it follows every keystroke).
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from journal.rewatch import NEAR_MS, EarlierNote, EarlierNotes
from journal.timecode import format as format_position
from ui import actions
from ui.widgets import ElidedLabel, muted

OPEN_KEY = actions.spec("open_earlier").keys[0]  # the key table in ui/actions.py
SHOWN_MAX = 2  # nearest first; the heading counts the rest


class NoteLine(ElidedLabel):
    """One earlier note, elided to one line; reachable with Tab, opened by click or Enter."""

    activated = Signal(int)  # the entry's id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        self.note: EarlierNote | None = None
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setContentsMargins(4, 1, 4, 1)

    def set_note(self, note: EarlierNote | None) -> None:
        self.note = note
        self.set_full_text(note.line() if note else "")
        self.setAccessibleName(f"Earlier note: {note.line()}" if note else "")
        self.setVisible(note is not None)

    def _activate(self) -> None:
        if self.note is not None:
            self.activated.emit(self.note.entry_id)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(
            event.position().toPoint()
        ):
            self._activate()
            return
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) and not (
            event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ):
            self._activate()
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt's name
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt's name
        self.update()
        super().focusOutEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        super().paintEvent(event)
        if self.hasFocus():
            painter = QPainter(self)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(self.palette().color(QPalette.ColorRole.Highlight))
            painter.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), 4, 4)


class EarlierPanel(QFrame):
    """See the module docstring. Feed it the film's earlier notes (:meth:`set_notes`) and the
    position being written (:meth:`set_position`)."""

    open_requested = Signal(int)  # an earlier entry's id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("earlierPanel")
        self.setAccessibleName("Earlier viewings near this moment")
        self._notes: EarlierNotes | None = None
        self._position_ms: int | None = None
        self._found: list[EarlierNote] = []
        self.heading = QLabel(self)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        muted(self.heading)
        self.hint = ElidedLabel(f"{OPEN_KEY} opens the nearest", self)
        muted(self.hint)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.heading)
        top.addSpacing(8)
        top.addWidget(self.hint, 1)
        self.lines = [NoteLine(self) for _ in range(SHOWN_MAX)]
        for line in self.lines:
            line.activated.connect(self.open_requested)
        layout = QVBoxLayout(self)
        # Its least height is its own (none): on a low window the editor keeps the room.
        layout.setSizeConstraint(QVBoxLayout.SizeConstraint.SetNoConstraint)
        layout.setContentsMargins(2, 6, 2, 2)
        layout.setSpacing(1)
        layout.addLayout(top)
        for line in self.lines:
            layout.addWidget(line)
        layout.addStretch(1)
        self._show()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(super().minimumSizeHint().width(), 0)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        """Room for the heading and every line, whether or not they are filled: the editor
        above does not move as the position changes what is near."""
        margins = self.layout().contentsMargins()
        spacing = self.layout().spacing()
        height = margins.top() + margins.bottom() + self.heading.sizeHint().height()
        height += SHOWN_MAX * (spacing + self.lines[0].sizeHint().height())
        return QSize(super().sizeHint().width(), height)

    def set_notes(self, notes: EarlierNotes | None) -> None:
        """The earlier viewings' entries (None, or none earlier: the panel hides)."""
        self._notes = notes
        self._show()

    def set_position(self, position_ms: int | None) -> None:
        """The position being written (None while the field holds no valid position)."""
        if position_ms != self._position_ms:
            self._position_ms = position_ms
            self._show()

    def notes(self) -> list[EarlierNote]:
        """What the panel lists now, nearest first (all of them, not only those shown)."""
        return list(self._found)

    def open_nearest(self) -> bool:
        """Open the nearest earlier note (OPEN_KEY); False when there is none."""
        if not self._found or self.isHidden():
            return False
        self.open_requested.emit(self._found[0].entry_id)
        return True

    def _show(self) -> None:
        notes = self._notes
        if notes is None or notes.viewing_count == 0:
            self._found = []
            self.hide()
            return
        self.show()
        position = self._position_ms
        self._found = [] if position is None else notes.near(position)
        where = format_position(position) if position is not None else "this moment"
        earlier = "the earlier viewing" if notes.viewing_count == 1 else "earlier viewings"
        extra = len(self._found) - SHOWN_MAX
        if self._found:
            more = f" ({extra} more nearby)" if extra > 0 else ""
            self.heading.setText(f"In {earlier}, near {where}{more}")
        else:
            self.heading.setText(
                f"Nothing in {earlier} within {NEAR_MS // 60_000} minutes of {where}"
            )
        self.hint.setVisible(bool(self._found))
        for line, note in zip(self.lines, self._found + [None] * SHOWN_MAX, strict=False):
            line.set_note(note)
