"""Everything the window says, in one place: the wording helpers (``plural``, ``describe``,
``sentence``), the message boxes, and the status bar's passing messages.

The status bar's messages are elided to fit beside the "Saved" note (the full text in a
tooltip), and each has a reason to disappear once it stops being true. Kinds: ``info`` (just
news, goes after a while), ``error`` (goes once a later change is saved: whatever was refused
has been fixed or left), ``undoable`` (about one step on the undo stack, e.g. "Added …": goes
as soon as the stack moves away from that step).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QMessageBox, QStatusBar, QStyle, QStyleOption, QWidget

from journal.errors import JournalError

APP_TITLE = "Reflective Journal"
INFO, ERROR, UNDOABLE = "info", "error", "undoable"
MESSAGE_MS = 10_000

# --- wording -----------------------------------------------------------------------------------


def plural(count: int, one: str, many: str) -> str:
    """``1 entry``, ``3 entries``: the count and the word that goes with it."""
    return f"{count} {one if count == 1 else many}"


def describe(exc: BaseException) -> str:
    """What went wrong, in words for a person: a journal error says it itself; a file error
    gives the system's reason and the file; anything else is named as unexpected."""
    if isinstance(exc, JournalError):
        return str(exc)
    if isinstance(exc, OSError):
        where = f" ({exc.filename})" if exc.filename else ""
        return f"{exc.strerror or exc}{where}"
    return f"unexpected error: {exc!r}"


def sentence(text: str) -> str:
    """``text`` as a sentence: a capital first letter (unless it starts with a path or a
    field such as ``films[0].title``, which keep their spelling) and a full stop."""
    text = text.strip()
    if not text:
        return text
    first_word = text.split(" ", 1)[0].rstrip(",:;")
    if first_word.isalpha():
        text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


# --- message boxes ----------------------------------------------------------------------------


def error_box(parent: QWidget, title: str, message: str) -> QMessageBox:
    """A warning: ``title`` says what did not happen, ``message`` why (made a sentence)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    box.setText(title)
    box.setInformativeText(sentence(message))
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    return box


def done_box(
    parent: QWidget, title: str, text: str, detail: str, open_folder: Callable[[], object] | None
) -> QMessageBox:
    """News of a finished job, with an "Open folder" button where there is a folder to see."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(title)
    box.setText(text)
    box.setInformativeText(detail)
    box.addButton(QMessageBox.StandardButton.Ok)
    if open_folder is not None:
        open_button = box.addButton("Open folder", QMessageBox.ButtonRole.ActionRole)
        open_button.clicked.connect(lambda: open_folder())
    return box


def unsaved_box(parent: QWidget, reason: str) -> QMessageBox:
    """Closing with words that could not be saved: keep the window open (the default) or
    close and lose them."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Not everything is saved")
    box.setText("Some of what you wrote could not be saved.")
    box.setInformativeText(
        f"{reason or 'The journal refused the last change.'}\n\n"
        "It is still in the window: keep the window open to try again or copy it."
    )
    keep = box.addButton("Keep the window open", QMessageBox.ButtonRole.RejectRole)
    box.addButton("Close and lose it", QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    return box


# --- the status bar ---------------------------------------------------------------------------


def saved_label(parent: QWidget) -> QLabel:
    """The status bar's permanent note: when the journal last saved."""
    label = QLabel("Everything you write is saved as you go", parent)
    label.setObjectName("savedLabel")
    return label


class StatusBar(QStatusBar):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusBar")
        self.kind = INFO
        self.undo_index: int | None = None
        self.messageChanged.connect(self._on_message_changed)

    def say(self, message: str, kind: str = INFO, undo_index: int | None = None) -> None:
        self.kind = kind
        self.undo_index = undo_index
        # Errors stay until something says they no longer hold; news goes after a while.
        self.showMessage(message, 0 if kind == ERROR else MESSAGE_MS)

    def undo_moved(self, index: int) -> None:
        """The undo stack moved: a message about a step it moved away from goes."""
        if self.kind == UNDOABLE and self.undo_index != index:
            self.clearMessage()

    def clear_if(self, kind: str) -> None:
        if self.currentMessage() and self.kind == kind:
            self.clearMessage()

    def message_rect(self) -> QRect:
        """Where the message is drawn: from the left edge to the first permanent widget."""
        right = self.width() - 6
        for child in self.findChildren(QWidget):
            if child.parent() is self and child.isVisible() and child.x() > 0:
                right = min(right, child.x() - 12)
        return QRect(6, 0, max(0, right - 6), self.height())

    def elided_message(self) -> str:
        return self.fontMetrics().elidedText(
            self.currentMessage(), Qt.TextElideMode.ElideRight, self.message_rect().width()
        )

    def is_elided(self) -> bool:
        return self.elided_message() != self.currentMessage()

    def _on_message_changed(self, message: str) -> None:
        if not message:
            self.kind, self.undo_index = INFO, None
        self._update_tooltip()

    def _update_tooltip(self) -> None:
        self.setToolTip(self.currentMessage() if self.is_elided() else "")

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._update_tooltip()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        message = self.currentMessage()
        if not message:
            super().paintEvent(event)
            return
        # As QStatusBar paints, but the message is elided where it would run under the
        # permanent widgets ("Saved …") instead of being cut off mid-letter.
        painter = QPainter(self)
        option = QStyleOption()
        option.initFrom(self)
        self.style().drawPrimitive(QStyle.PrimitiveElement.PE_PanelStatusBar, option, painter, self)
        painter.setPen(self.palette().windowText().color())
        painter.drawText(
            self.message_rect(),
            int(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter)
            | int(Qt.TextFlag.TextSingleLine),
            self.elided_message(),
        )
        painter.end()
