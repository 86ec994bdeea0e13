"""Small widgets shared by the journal pane: an eliding label, inline messages, a position field
and a comma-separated motif field with completion."""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSize, QStringListModel, Qt, Signal
from PySide6.QtGui import (
    QFont,
    QFontMetrics,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QTextLayout,
    QTextOption,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QStyle,
    QStyleOptionComboBox,
    QStylePainter,
    QWidget,
)

from journal import timecode

READABLE_POINT_SIZE = 11.5


def muted(label: QLabel) -> QLabel:
    """Mark a label as secondary text (the stylesheet greys ``role="muted"``)."""
    label.setProperty("role", "muted")
    return label


def readable_font(widget: QWidget) -> QFont:
    """The widget's font, raised to a size that is comfortable for reading and writing prose."""
    font = widget.font()
    if font.pointSizeF() > 0 and font.pointSizeF() < READABLE_POINT_SIZE:
        font.setPointSizeF(READABLE_POINT_SIZE)
    return font


def intensity_dots(intensity: int | None) -> str:
    """``●●●○○`` for 3; empty for none."""
    if intensity is None:
        return ""
    return "●" * intensity + "○" * (5 - intensity)


def rating_stars(rating: float | None) -> str:
    """``★★★½`` for 3.5; empty for none."""
    if rating is None:
        return ""
    full = int(rating)
    return "★" * full + ("½" if rating - full >= 0.5 else "")


def rich_tooltip(text: str, limit: int = 2000) -> str:
    """Plain text as a tooltip that wraps and shows exactly what was typed."""
    shown = text if len(text) <= limit else text[:limit] + "…"
    return "<p>" + html.escape(shown).replace("\n", "<br>") + "</p>"


def split_motifs(text: str) -> list[str]:
    """Comma-separated motif names, trimmed, without empties or case-insensitive repeats."""
    names: list[str] = []
    seen: set[str] = set()
    for part in text.split(","):
        name = " ".join(part.split())
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            names.append(name)
    return names


def motif_key_set(names: list[str] | tuple[str, ...]) -> frozenset[str]:
    return frozenset(" ".join(name.split()).casefold() for name in names)


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


def title_with_year(title: str, year: int | None) -> str:
    """``Tokyo Story (1953)``, or the title alone when the year is not known."""
    return f"{title} ({year})" if year else title


# Typing is written to the journal this long after the last keystroke (and at once on leaving).
AUTOSAVE_DELAY_MS = 600
