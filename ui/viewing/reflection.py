"""The viewing's reflection: a plain-text box that saves as you type (one undo step per
stretch of typing) and grows with its text."""

from __future__ import annotations

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QFontMetrics, QTextCursor, QUndoStack
from PySide6.QtWidgets import QWidget

from journal import rules
from journal.errors import JournalError
from journal.store import Store, ViewingRow
from ui import commands
from ui.widgets import Autosave, PlainTextField, UndoRouter

REFLECTION_PLACEHOLDER = (
    "After the credits: what stayed with you? What was repaired, what was left open?"
)


class _ReflectionStepOfItsOwn(commands.EditViewing):
    """An edit that follows the box's own undo: never merged with the typing before it."""

    def id(self) -> int:
        return -1


class ReflectionEdit(PlainTextField):
    """The viewing's after-the-credits reflection, saved as you type (one undo step per
    stretch of typing)."""

    error = Signal(str)
    # Typing began in a film with no viewing: the journal pane starts one and hands it over
    # with ``attach_viewing``; the words stay where they were typed.
    viewing_needed = Signal()

    def __init__(self, store: Store, undo_stack: QUndoStack, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("reflectionEdit")
        self.setAccessibleName("Reflection")
        self._store = store
        self._stack = undo_stack
        self._viewing: ViewingRow | None = None
        self._saved = ""
        self._loading = False
        self._can_start_viewing = False
        self._own_step = False  # the next save follows the box's own undo: see UndoRouter
        self._wanted_height = self.height_for_lines(6)
        self.autosave = Autosave(self.flush, self)
        self.textChanged.connect(self._on_changed)
        self.autosave.save_on(self.focus_left)
        self.undo_router = UndoRouter(undo_stack, self.flush, self, self._on_field_undone)
        self.undo_router.watch(self)
        self.set_viewing(None)

    def set_viewing(self, viewing: ViewingRow | None, *, can_start: bool = False) -> None:
        """Show ``viewing``'s reflection from its top. With no viewing, ``can_start`` (the film
        has none yet) leaves the box open for writing: the first words ask for a viewing."""
        self.autosave.cancel()
        self._viewing = viewing
        self._can_start_viewing = viewing is None and can_start
        self._saved = viewing.reflection if viewing else ""
        self._loading = True
        try:
            self.setPlainText(self._saved)
        finally:
            self._loading = False
        # Ready to go on writing at the end, while a long reflection is shown from its top.
        self.moveCursor(QTextCursor.MoveOperation.End)
        self.verticalScrollBar().setValue(0)
        self.setEnabled(viewing is not None or self._can_start_viewing)
        self.setPlaceholderText(
            "Writing here starts a viewing dated today. " + REFLECTION_PLACEHOLDER
            if self._can_start_viewing
            else REFLECTION_PLACEHOLDER
        )

    def is_awaiting_viewing(self) -> bool:
        return self._viewing is None and self._can_start_viewing

    def _on_field_undone(self) -> None:
        self._own_step = True

    # --- height: the journal pane asks for a height that follows the text --------------------

    def height_for_lines(self, lines: float) -> int:
        line = QFontMetrics(self.font()).lineSpacing()
        chrome = 2 * self.frameWidth() + int(2 * self.document().documentMargin()) + 2
        return int(lines * line) + chrome

    def content_height(self) -> int:
        """The height the text needs at the present width (the plain-text layout counts its
        size in lines; lines not yet laid out count as one, and grow as they are shown)."""
        return self.height_for_lines(self.document().documentLayout().documentSize().height())

    def set_wanted_height(self, height: int) -> None:
        if height != self._wanted_height:
            self._wanted_height = height
            self.setMaximumHeight(height)
            self.updateGeometry()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(super().sizeHint().width(), self._wanted_height)

    def attach_viewing(self, viewing: ViewingRow) -> None:
        """The viewing typing asked for: the words in the box become its reflection."""
        self._viewing = viewing
        self._can_start_viewing = False
        self._saved = viewing.reflection
        self.setPlaceholderText(REFLECTION_PLACEHOLDER)
        self.autosave.schedule()

    def viewing(self) -> ViewingRow | None:
        return self._viewing

    def is_pending(self) -> bool:
        return self.autosave.is_pending()

    def _on_changed(self) -> None:
        if not self._loading and self.is_awaiting_viewing():
            self.viewing_needed.emit()  # answered with attach_viewing, or an error message
        if not self._loading and self._viewing is not None:
            self.autosave.schedule()
            self._store.warm_up_in_background()

    def flush(self) -> bool:
        self.autosave.cancel()
        if self.is_awaiting_viewing() and self.toPlainText().strip():
            # Typed while no viewing could be started for it (the reason was shown): the
            # words have nowhere to go yet, and must not be thrown away.
            self.error.emit(
                "The reflection is not saved: no viewing could be started for it. "
                "Your text is still here — New viewing, then it saves."
            )
            return False
        if self._viewing is None:
            return True
        text = rules.typed_text(self.toPlainText())
        if text == self._saved:
            return True
        kind = _ReflectionStepOfItsOwn if self._own_step else commands.EditViewing
        command = kind(
            self._store, self._viewing.uid, {"reflection": self._saved}, {"reflection": text}
        )
        try:
            commands.perform(self._stack, command)
            self._own_step = False
        except JournalError as exc:
            self.error.emit(f"The reflection was not saved: {exc}. Your text is still here.")
            return False
        self._saved = text
        return True

    def sync_from_store(self, viewing: ViewingRow | None) -> None:
        """Take in a change made elsewhere (undo); unsaved typing is left alone."""
        if viewing is None or self._viewing is None or viewing.uid != self._viewing.uid:
            return
        untouched = self.toPlainText() == self._saved and not self.autosave.is_pending()
        self._viewing = viewing
        if viewing.reflection != self._saved and untouched:
            self._loading = True
            try:
                self.setPlainText(viewing.reflection)
            finally:
                self._loading = False
        self._saved = viewing.reflection
