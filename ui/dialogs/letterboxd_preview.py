"""Import from Letterboxd: what the import will add, shown before anything is written.

The dialog shows the plan's counts (films, viewings, reflections, tags), what the import leaves
alone and why, and one row per Letterboxd film that matches several films of the journal, with
a choice of which of them it is. Nothing is guessed: each such film starts as "Leave out for
now" (its viewings are not imported, and a later import of the same export asks again).
Choosing a film plans again at once, so the counts always say what Import will write.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from journal.letterboxd.plan import FilmKey, ImportPlan
from journal.letterboxd.report import left_alone, plural

LEAVE_OUT = "Leave out for now"


def film_label(title: str, year: int | None) -> str:
    return f"{title} ({year})" if year is not None else title


class LetterboxdPreviewDialog(QDialog):
    """``replan(choices)`` returns the plan for the given choices (ambiguous key → film id);
    ``films`` describes the journal's films the ambiguous ones could be (id → label)."""

    def __init__(
        self,
        source: str,
        plan: ImportPlan,
        films: Mapping[int, str],
        replan: Callable[[dict[FilmKey, int]], ImportPlan],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("letterboxdPreview")
        self.setWindowTitle("Import from Letterboxd")
        self.setMinimumWidth(460)
        self.plan = plan
        self._replan = replan
        heading = QLabel(f"<b>{_html(source)}</b> will add to your journal:", self)
        heading.setWordWrap(True)

        counts = QFormLayout()
        self.count_labels: dict[str, QLabel] = {}
        for name, label in (
            ("films", "Films"),
            ("viewings", "Viewings"),
            ("reflections", "Reflections"),
            ("tags", "New tags"),
        ):
            value = QLabel(self)
            value.setObjectName(f"count_{name}")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.count_labels[name] = value
            counts.addRow(f"{label}:", value)

        self.notes = QLabel(self)
        self.notes.setObjectName("letterboxdNotes")
        self.notes.setWordWrap(True)

        self.choosers: dict[FilmKey, QComboBox] = {}
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(heading)
        layout.addLayout(counts)
        if plan.ambiguous:
            box = QGroupBox("Films your journal holds more than once", self)
            rows = QVBoxLayout(box)
            explain = QLabel(
                "Letterboxd names each of these films as more than one film of your journal. "
                "Choose which one it is; a film left out is not imported now.",
                box,
            )
            explain.setWordWrap(True)
            rows.addWidget(explain)
            for match in plan.ambiguous:
                chooser = QComboBox(box)
                chooser.addItem(LEAVE_OUT, None)
                for film_id in match.candidate_ids:
                    chooser.addItem(films.get(film_id, f"film {film_id}"), film_id)
                chooser.currentIndexChanged.connect(self._choices_changed)
                waiting = plural(len(match.waiting_uris), "viewing", "viewings")
                label = QLabel(f"“{film_label(match.title, match.year)}” — {waiting} waiting:", box)
                label.setBuddy(chooser)
                rows.addSpacing(6)
                rows.addWidget(label)
                rows.addWidget(chooser)
                self.choosers[match.key] = chooser
            layout.addWidget(box)
        layout.addWidget(self.notes)
        self.buttons = QDialogButtonBox(self)
        self.import_button = self.buttons.addButton(
            "Import", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.import_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._show(plan)

    def choices(self) -> dict[FilmKey, int]:
        """The journal film chosen for each ambiguous Letterboxd film (left-out ones omitted)."""
        chosen: dict[FilmKey, int] = {}
        for key, chooser in self.choosers.items():
            film_id: Any = chooser.currentData()
            if film_id is not None:
                chosen[key] = int(film_id)
        return chosen

    def _choices_changed(self) -> None:
        self._show(self._replan(self.choices()))

    def _show(self, plan: ImportPlan) -> None:
        self.plan = plan
        summary = plan.summary
        for name in self.count_labels:
            self.count_labels[name].setText(f"{getattr(summary, name):,}")
        lines = [line[:1].upper() + line[1:] + "." for line in left_alone(summary)]
        waiting = [m for m in plan.ambiguous if m.key not in self.choices()]
        if waiting:
            viewings = sum(len(m.waiting_uris) for m in waiting)
            lines.append(
                f"Left out until you choose: {plural(viewings, 'viewing', 'viewings')} of "
                f"{plural(len(waiting), 'film', 'films')}."
            )
        lines.append("Nothing already in your journal is changed.")
        self.notes.setText("\n".join(lines))
        self.import_button.setEnabled(summary.adds_anything)


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
