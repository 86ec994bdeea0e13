"""Text fields for writing: a readable multi-line field that announces leaving, a position
field and a comma-separated motif field with completion."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QStringListModel, Qt, Signal
from PySide6.QtGui import (
    QFontMetrics,
    QKeyEvent,
    QTextOption,
)
from PySide6.QtWidgets import (
    QCompleter,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from journal import timecode
from ui.widgets.text import readable_font, split_motifs

# A line longer than this is wrapped only between words. Qt's "wrap anywhere" lays an unbroken
# line out in time that grows with the square of its length: a pasted 1,000,000-character line
# froze the window for 100 s (0.3 s when wrapped between words only).
LONG_LINE = 10_000


def longest_line(text: str) -> int:
    return max((len(line) for line in text.splitlines()), default=0)


class PlainTextField(QPlainTextEdit):
    """Multi-line text in a readable size, where Tab moves on instead of inserting a tab, and
    leaving the field is announced (so pending edits can be written).

    Lines wrap at word boundaries, or anywhere for a long word (a URL), except when the text
    holds a very long line (see LONG_LINE): that is checked *before* the text arrives (load,
    paste, drop), since laying it out is the slow part."""

    focus_left = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setFont(readable_font(self))
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)

    def _prepare_wrap_for(self, text: str, *, replacing: bool) -> None:
        """Choose the wrap mode for ``text`` about to replace the contents or be inserted at
        the cursor (joining the line the cursor is in)."""
        if replacing:
            long_line = longest_line(text) > LONG_LINE
        else:
            first = text.split("\n", 1)[0]
            joined = self.textCursor().block().length() + len(first)
            long_line = joined > LONG_LINE or longest_line(text) > LONG_LINE
        wrap = QTextOption.WrapMode
        wanted = wrap.WordWrap if long_line else wrap.WrapAtWordBoundaryOrAnywhere
        if self.wordWrapMode() == wanted or (not replacing and not long_line):
            return  # inserting never switches back: other long lines may be there
        self.setWordWrapMode(wanted)

    def setPlainText(self, text: str) -> None:  # noqa: N802 - Qt's name
        self._prepare_wrap_for(text, replacing=True)
        super().setPlainText(text)

    def insertFromMimeData(self, source) -> None:  # noqa: N802 - Qt's name
        if source.hasText():
            self._prepare_wrap_for(source.text(), replacing=False)
        super().insertFromMimeData(source)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        # A line grown long by typing alone (the check is one lookup per key).
        if event.text() and self.textCursor().block().length() >= LONG_LINE:
            self._prepare_wrap_for(event.text(), replacing=False)
        super().keyPressEvent(event)

    def focusOutEvent(self, event) -> None:  # noqa: N802 - Qt's name
        # Every focus loss counts, a menu opening included: a menu command (undo, export …)
        # must not run while typing is still waiting to be saved.
        super().focusOutEvent(event)
        self.focus_left.emit()


class PositionEdit(QLineEdit):
    """A film position typed in any accepted form (1:02:03, 62:03, 3723, 1h2m3s …)."""

    focus_left = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText("h:mm:ss")
        self.setToolTip(
            "Where in the film this note belongs.\nAccepted: " + timecode.ACCEPTED_FORMS
        )
        metrics = QFontMetrics(self.font())
        self.setMinimumWidth(metrics.horizontalAdvance("00:00:00.000") + 24)

    def set_position(self, position_ms: int) -> None:
        self.setText(timecode.format(position_ms, millis=True))

    def position_ms(self) -> int:
        """The typed position; raises ValidationError with a readable reason for junk."""
        return timecode.parse(self.text())

    def focusOutEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().focusOutEvent(event)
        self.focus_left.emit()


class MotifTagEdit(QLineEdit):
    """Motif names separated by commas, completing the name being typed from known motifs.

    Names that do not exist yet are fine: the store creates them when the entry is saved.
    """

    focus_left = Signal()
    token_completed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText("silence, letters, repair …")
        self.setToolTip(
            "Motifs, separated by commas. Known motifs are offered as you type "
            "(↓ and Enter to pick one); new names become new motifs when saved."
        )
        self._known = QStringListModel(self)
        self._completer = QCompleter(self._known, self)
        self._completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self._completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self._completer.setWidget(self)
        self._completer.activated[str].connect(self._insert_completion)
        self.textEdited.connect(self._on_text_edited)
        # Qt's default of 32,767 characters silently cut an entry with thousands of motifs.
        self.setMaxLength(MAX_FIELD_LENGTH)

    def completer_for_tags(self) -> QCompleter:
        return self._completer

    def set_known_motifs(self, names: list[str]) -> None:
        self._known.setStringList(names)

    def known_motifs(self) -> list[str]:
        return self._known.stringList()

    def set_names(self, names: list[str] | tuple[str, ...]) -> None:
        self.setText(", ".join(names))

    def names(self, *, include_unfinished: bool = True) -> list[str]:
        """The names typed. Without ``include_unfinished``, the name still being typed at the
        end (no comma after it yet, cursor in the field) is left out, so half a word never
        becomes a motif while someone is typing."""
        text = self.text()
        if not include_unfinished and self.hasFocus() and "," in text:
            text = text[: text.rfind(",")]
        elif not include_unfinished and self.hasFocus():
            text = ""
        return split_motifs(text)

    def current_prefix(self) -> str:
        text = self.text()[: self.cursorPosition()]
        return text[text.rfind(",") + 1 :].lstrip()

    def _on_text_edited(self, text: str) -> None:
        if text.endswith(","):
            self.token_completed.emit()
        prefix = self.current_prefix()
        if not prefix:
            self._completer.popup().hide()
            return
        self._completer.setCompletionPrefix(prefix)
        if self._completer.completionCount() > 0:
            popup = self._completer.popup()
            popup.setCurrentIndex(self._completer.completionModel().index(0, 0))
            rect = self.rect()
            rect.setWidth(max(rect.width() // 2, 200))
            self._completer.complete(rect)
        else:
            self._completer.popup().hide()

    def _insert_completion(self, name: str) -> None:
        cursor = self.cursorPosition()
        before, after = self.text()[:cursor], self.text()[cursor:]
        start = before.rfind(",") + 1
        head = before[:start]
        if head and not head.endswith(" "):
            head += " "
        rest = after[after.find(",") + 1 :].strip() if "," in after else ""
        new_text = head + name + ", " + (rest + ", " if rest else "")
        self.setText(new_text)
        self.setCursorPosition(len(head + name + ", "))
        self.token_completed.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        popup = self._completer.popup()
        command = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
        modifier_keys = (Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_Shift, Qt.Key.Key_Meta)
        if popup.isVisible() and event.modifiers() & command and event.key() not in modifier_keys:
            # While the list is open the completer hands us keys directly, past the editor's
            # key handling: a command key (Ctrl+Return, Alt+1 …) closes the list and is sent
            # again the ordinary way, so it acts as it does anywhere in the editor.
            popup.hide()
            again = QKeyEvent(event.type(), event.key(), event.modifiers(), event.text())
            QCoreApplication.sendEvent(self, again)
            event.accept()
            return
        # While the list of motifs is open, let the completer take the keys that choose or
        # dismiss (it sees them after us only if we leave them unhandled).
        if popup.isVisible() and event.key() in (
            Qt.Key.Key_Enter,
            Qt.Key.Key_Return,
            Qt.Key.Key_Escape,
            Qt.Key.Key_Tab,
            Qt.Key.Key_Backtab,
        ):
            event.ignore()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().focusOutEvent(event)
        # Our own list of motifs opening is not leaving the field (a half-typed name must not
        # be saved as a motif); anything else, a menu included, is.
        completing = (
            event.reason() == Qt.FocusReason.PopupFocusReason
            and self._completer.popup().isVisible()
        )
        if not completing:
            self.focus_left.emit()


# The most a QLineEdit holds (a C int): the store limits no entry's number of motifs.
MAX_FIELD_LENGTH = 2**31 - 1
