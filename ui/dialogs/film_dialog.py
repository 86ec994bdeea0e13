"""Add or edit a film: title (required), year, director, runtime, Letterboxd link, notes.

Every field is checked as it is typed, with the journal's own rules, and a quiet message under
the field says what is wrong; OK is enabled only when every field is valid. Nothing is written
here: the window turns ``values()`` / ``changes()`` into an undoable command.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from journal import timecode
from journal.errors import ValidationError
from journal.records import FILM
from journal.store import FilmRow

LABELS = {field.name: field.label for field in FILM.fields}


def _message(field: str, error: ValidationError) -> str:
    return f"{LABELS[field]} {error.reason}"


def parse_year(text: str) -> int | None:
    stripped = text.strip()
    if not stripped:
        return None
    if not stripped.isdigit() or not stripped.isascii():
        shown = stripped[:20] + ("…" if len(stripped) > 20 else "")
        raise ValidationError("year", f"“{shown}” is not a year; type four digits, like 1997")
    return FILM["year"].clean(int(stripped))


def parse_runtime(text: str) -> int | None:
    stripped = text.strip()
    if not stripped:
        return None
    return FILM["runtime_ms"].clean(timecode.parse(stripped, "runtime_ms"))


def same_film(films: list[FilmRow], title: str, year: int | None) -> FilmRow | None:
    """The film among ``films`` with this title (ignoring case and spaces) and year."""
    wanted = " ".join(title.split()).casefold()
    for film in films:
        if " ".join(film.title.split()).casefold() == wanted and film.year == year:
            return film
    return None


class FilmDialog(QDialog):
    """``film`` None: add a film. Otherwise edit it; ``changes()`` holds only what changed.

    Adding a film whose title and year the journal already has asks first (``find_same``
    gives that film): open the one you have (``open_existing`` says which) or add another.
    """

    open_existing = Signal(int)

    def __init__(
        self,
        film: FilmRow | None = None,
        parent: QWidget | None = None,
        find_same: Callable[[str, int | None], FilmRow | None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.film = film
        self.find_same = find_same
        self.setWindowTitle("Edit film" if film else "Add film")
        self.setObjectName("filmDialog")
        self.setMinimumWidth(460)

        self.title_edit = QLineEdit(self)
        self.title_edit.setPlaceholderText("The film you just watched")
        self.year_edit = QLineEdit(self)
        self.year_edit.setPlaceholderText("e.g. 1953")
        self.year_edit.setMaxLength(40)
        self.director_edit = QLineEdit(self)
        self.runtime_edit = QLineEdit(self)
        self.runtime_edit.setPlaceholderText("e.g. 2:16:00, 136m or 8160")
        self.letterboxd_edit = QLineEdit(self)
        self.letterboxd_edit.setPlaceholderText("https://letterboxd.com/film/…  (optional)")
        self.notes_edit = QPlainTextEdit(self)
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setPlaceholderText("Anything about the film itself (optional)")
        self.notes_edit.setMinimumHeight(90)

        parsers: dict[str, tuple[QWidget, Callable[[], Any]]] = {
            "title": (self.title_edit, lambda: FILM["title"].clean(self.title_edit.text())),
            "year": (self.year_edit, lambda: parse_year(self.year_edit.text())),
            "director": (
                self.director_edit,
                lambda: FILM["director"].clean(self.director_edit.text()),
            ),
            "runtime_ms": (self.runtime_edit, lambda: parse_runtime(self.runtime_edit.text())),
            "letterboxd_uri": (
                self.letterboxd_edit,
                lambda: FILM["letterboxd_uri"].clean(self.letterboxd_edit.text()),
            ),
            "notes": (
                self.notes_edit,
                lambda: FILM["notes"].clean(self.notes_edit.toPlainText()),
            ),
        }
        self._parsers = parsers
        self.errors: dict[str, QLabel] = {}

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setVerticalSpacing(4)
        form.setHorizontalSpacing(12)
        for field, (widget, _parse) in parsers.items():
            label = QLabel(f"&{LABELS[field]}", self)
            label.setBuddy(widget)
            widget.setAccessibleName(LABELS[field])
            error = QLabel(self)
            error.setObjectName("fieldError")
            error.setWordWrap(True)
            error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            error.hide()
            self.errors[field] = error
            column = QVBoxLayout()
            column.setSpacing(2)
            column.addWidget(widget)
            column.addWidget(error)
            form.addRow(label, column)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Save" if film else "Add film")
        self.ok_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 18, 18, 14)
        layout.setSpacing(14)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

        if film is not None:
            self.title_edit.setText(film.title)
            self.year_edit.setText(str(film.year) if film.year else "")
            self.director_edit.setText(film.director)
            self.runtime_edit.setText(timecode.format(film.runtime_ms) if film.runtime_ms else "")
            self.letterboxd_edit.setText(film.letterboxd_uri or "")
            self.notes_edit.setPlainText(film.notes)

        for widget in (
            self.title_edit,
            self.year_edit,
            self.director_edit,
            self.runtime_edit,
            self.letterboxd_edit,
        ):
            widget.textChanged.connect(self.validate)  # type: ignore[attr-defined]
        self.notes_edit.textChanged.connect(self.validate)
        self._touched_title = film is not None
        self.title_edit.textEdited.connect(self._on_title_edited)
        self.validate()
        self.title_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.title_edit.selectAll()

    def _on_title_edited(self, _text: str) -> None:
        self._touched_title = True
        self.validate()

    def validate(self) -> bool:
        """Check every field, show or hide its message, and enable OK only when all pass."""
        valid = True
        self._values: dict[str, Any] = {}
        for field, (widget, parse) in self._parsers.items():
            try:
                self._values[field] = parse()
                message = ""
            except ValidationError as exc:
                valid = False
                message = _message(field, exc)
            # An empty title is not scolded before the person has typed anything.
            quiet = field == "title" and not self._touched_title
            self._show_error(field, widget, "" if quiet else message)
        self.ok_button.setEnabled(valid)
        return valid

    def _show_error(self, field: str, widget: QWidget, message: str) -> None:
        label = self.errors[field]
        label.setText(message)
        label.setVisible(bool(message))
        invalid = bool(message)
        if widget.property("invalid") != invalid:
            widget.setProperty("invalid", invalid)
            widget.style().unpolish(widget)
            widget.style().polish(widget)

    def error_text(self, field: str) -> str:
        """The message shown under ``field`` ('' when it is fine)."""
        label = self.errors[field]
        return label.text() if not label.isHidden() else ""

    def values(self) -> dict[str, Any]:
        """Every field's clean value (only meaningful when ``validate()`` is True)."""
        return dict(self._values)

    def changes(self) -> tuple[dict[str, Any], dict[str, Any]]:
        """(before, after) for the fields that differ from the film being edited."""
        if self.film is None:
            return {}, self.values()
        before: dict[str, Any] = {}
        after: dict[str, Any] = {}
        for field, value in self.values().items():
            old = getattr(self.film, field)
            if old != value:
                before[field], after[field] = old, value
        return before, after

    def accept(self) -> None:
        if not self.validate():
            return
        if self.film is None and self.find_same is not None:
            values = self.values()
            existing = self.find_same(values["title"], values.get("year"))
            if existing is not None:
                answer = self.ask_about_duplicate(existing)
                if answer == "open":
                    self.open_existing.emit(existing.id)
                    self.reject()
                    return
                if answer != "add":
                    return  # back to the dialog, everything typed still in it
        super().accept()

    def ask_about_duplicate(self, existing: FilmRow) -> str:
        """ "open", "add" or "" (go back to the dialog); a method so tests can answer it."""
        from ui.widgets import title_with_year

        label = title_with_year(existing.title, existing.year)
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle("Add film")
        box.setText(f"“{label}” is already in your journal.")
        watched = (
            f"It has {existing.viewing_count} viewing{'s' if existing.viewing_count != 1 else ''}"
            f" and {existing.entry_count} entr{'ies' if existing.entry_count != 1 else 'y'}."
        )
        box.setInformativeText(
            f"{watched} Open it to add a viewing there, or add another film with the same "
            "title and year (a remake, another cut)."
        )
        open_button = box.addButton("Open that one", QMessageBox.ButtonRole.AcceptRole)
        add_button = box.addButton("Add another", QMessageBox.ButtonRole.ActionRole)
        back = box.addButton("Back", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(open_button)
        box.setEscapeButton(back)
        box.exec()
        clicked = box.clickedButton()
        return "open" if clicked is open_button else "add" if clicked is add_button else ""
