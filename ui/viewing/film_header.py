"""The film's header above its journal: title, year · director · runtime, its Letterboxd
link and notes when it has them, and "Edit film…"."""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from journal import timecode
from journal.store import FilmRow
from ui.widgets import ClampedLabel, ElidedLabel, muted

NOTES_LINES = 2


def letterboxd_link(uri: str) -> str:
    """The film's Letterboxd address as a label shows it: a link for http(s) addresses
    (opening it only asks the system's browser to), plain text for anything else."""
    shown = html.escape(uri)
    if uri.lower().startswith(("https://", "http://")):
        return f'<a href="{html.escape(uri, quote=True)}">{shown}</a>'
    return shown


def film_details(film: FilmRow) -> str:
    """``2019 · directed by Ana Ruiz · 1:32:00`` (only what is known)."""
    parts: list[str] = []
    if film.year:
        parts.append(str(film.year))
    if film.director:
        parts.append(f"directed by {film.director}")
    if film.runtime_ms:
        parts.append(timecode.format(film.runtime_ms))
    if not parts:
        return "No year, director or runtime yet — Edit film… adds them"
    return " · ".join(parts)


class FilmHeader(QWidget):
    """``edit_requested`` when the person presses "Edit film…"."""

    edit_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title_label = ElidedLabel("", self)
        self.title_label.setObjectName("filmTitle")
        title_font = QFont(self.title_label.font())
        title_font.setPointSizeF(max(title_font.pointSizeF(), 9.0) * 1.75)
        title_font.setWeight(QFont.Weight.DemiBold)
        self.title_label.setFont(title_font)
        self.title_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.details_label = ElidedLabel("", self)
        self.details_label.setObjectName("filmDetails")
        muted(self.details_label)
        self.details_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.edit_film_button = QPushButton("Edit film…", self)
        self.edit_film_button.setObjectName("editFilmButton")
        self.edit_film_button.setToolTip("Title, year, director, runtime and notes")
        self.edit_film_button.clicked.connect(self.edit_requested)
        # The film's own notes and its Letterboxd address, when it has them.
        self.notes_label = ClampedLabel(NOTES_LINES, self)
        self.notes_label.setObjectName("filmNotes")
        self.link_label = QLabel(self)
        self.link_label.setObjectName("letterboxdLink")
        self.link_label.setTextFormat(Qt.TextFormat.RichText)
        self.link_label.setOpenExternalLinks(True)
        self.link_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextBrowserInteraction
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.link_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._brief = False
        titles = QVBoxLayout()
        titles.setSpacing(2)
        titles.addWidget(self.title_label)
        titles.addWidget(self.details_label)
        titles.addWidget(self.link_label)
        titles.addWidget(self.notes_label)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        layout.addLayout(titles, 1)
        layout.addWidget(self.edit_film_button, 0, Qt.AlignmentFlag.AlignTop)

    def show_film(self, film: FilmRow) -> None:
        self.title_label.set_full_text(film.title)
        self.details_label.set_full_text(film_details(film))
        self.notes_label.set_text(film.notes.strip())
        uri = film.letterboxd_uri or ""
        self.link_label.setText(letterboxd_link(uri))
        self.link_label.setToolTip(f"Open in your browser: {uri}" if uri else "")
        self._show_extras()

    def set_brief(self, brief: bool) -> None:
        """On a low window: the title and details alone (the notes and the link show as the
        details' tooltip, and again when the window is taller)."""
        if brief != self._brief:
            self._brief = brief
            self._show_extras()

    def is_brief(self) -> bool:
        return self._brief

    def heights(self) -> tuple[int, int]:
        """Its height with the notes and the link, and brief."""
        titles = self.layout().itemAt(0).layout()
        spacing = titles.spacing()
        brief = (
            self.title_label.sizeHint().height() + spacing + self.details_label.sizeHint().height()
        )
        brief = max(brief, self.edit_film_button.sizeHint().height())
        full = brief
        if self.link_label.text():
            full += spacing + self.link_label.sizeHint().height()
        notes = self.notes_label.text()
        if notes:
            full += spacing + self.notes_label.heightForWidth(max(1, self.notes_label.width()))
        return full, brief

    def _show_extras(self) -> None:
        notes, link = self.notes_label.text(), self.link_label.text()
        self.notes_label.setVisible(bool(notes) and not self._brief)
        self.link_label.setVisible(bool(link) and not self._brief)
        extras = [notes, self.link_label.toolTip()] if self._brief else []
        self.details_label.setToolTip("\n\n".join(text for text in extras if text))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        # A rich-text link takes its colour when its text is set: after View → Appearance
        # switches palettes it would stay light-theme blue on a dark page. Set it again.
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.StyleChange):
            text = self.link_label.text()
            if text:
                self.link_label.setText("")
                self.link_label.setText(text)
        super().changeEvent(event)
