"""Ctrl+Z inside a text field: its own typing first, then the journal's undo stack."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import (
    QKeyEvent,
    QKeySequence,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)


def field_has_undo(widget: QWidget, *, redo: bool = False) -> bool:
    """Whether a text field has typing of its own to undo (or redo)."""
    if isinstance(widget, QPlainTextEdit):
        document = widget.document()
        return document.isRedoAvailable() if redo else document.isUndoAvailable()
    if isinstance(widget, QLineEdit):
        return widget.isRedoAvailable() if redo else widget.isUndoAvailable()
    return False


def is_undo_key(event: QKeyEvent) -> bool:
    return event.matches(QKeySequence.StandardKey.Undo)


def is_redo_key(event: QKeyEvent) -> bool:
    modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    shift_ctrl_z = event.key() == Qt.Key.Key_Z and modifiers == (
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    return shift_ctrl_z or event.matches(QKeySequence.StandardKey.Redo)


class UndoRouter(QObject):
    """Ctrl+Z inside a text field undoes its typing; once the field has nothing left to undo
    the same key undoes the journal's last change (Ctrl+Shift+Z likewise for redo), so the
    journal's undo is never out of reach from where the person is writing.

    ``before`` writes pending typing first (it returns False when that failed; then the
    journal is left alone, so the failure message stays true)."""

    def __init__(
        self,
        stack: QUndoStack,
        before: Callable[[], bool],
        parent: QObject,
        field_undone: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self._stack = stack
        self._before = before
        # Told when the field's own undo or redo acts: the save that follows must be a
        # journal step of its own, not merged into the typing it took back (else a journal
        # undo after it would find the typing gone from both histories).
        self._field_undone = field_undone

    def watch(self, *widgets: QWidget) -> None:
        for widget in widgets:
            widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            return False
        assert isinstance(event, QKeyEvent)
        redo = is_redo_key(event)
        if not redo and not is_undo_key(event):
            return False
        if not isinstance(watched, QWidget) or field_has_undo(watched, redo=redo):
            if event.type() == QEvent.Type.KeyPress and self._field_undone is not None:
                self._field_undone()
            return False  # the field's own undo
        event.accept()
        if event.type() == QEvent.Type.KeyPress and self._before():
            if redo and self._stack.canRedo():
                self._stack.redo()
            elif not redo and self._stack.canUndo():
                self._stack.undo()
        return True
