"""File → Import from Letterboxd… and File → Export for Letterboxd…, for one window.

Import: choose the export (Letterboxd's ZIP, or any CSV inside the folder it unpacks to, which
stands for that folder — Safari unpacks downloads), read and plan it off the GUI thread, show
the preview (:mod:`ui.dialogs.letterboxd_preview`), and only when the person presses Import
write the plan in one transaction through the window's job runner. Undo history is cleared
afterwards, as after a JSON import: earlier steps may refer to records the import sits beside.

Export: one CSV row per viewing in Letterboxd's import format, written atomically, never over
the journal's own files.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QWidget

from journal.errors import JournalError
from ui.export_import import EXPORT_FOLDER_KEY, Host
from ui.messages import describe, plural

EXPORT_FILTER = "Letterboxd export (*.zip *.csv);;All files (*)"
CSV_FILTER = "CSV for Letterboxd (*.csv);;All files (*)"


class LetterboxdFlows:
    """The two Letterboxd flows of the File menu. ``preview`` is the open preview, if any."""

    def __init__(self, host: Host, parent: QWidget) -> None:
        self.host = host
        self.parent = parent
        self.preview: Any = None

    # --- choosing where (tests replace these) -------------------------------------------------

    def _last_folder(self) -> str:
        return str(self.host.settings.value(EXPORT_FOLDER_KEY, "") or Path.home())

    def choose_export(self) -> Path | None:
        """The export to import: a ZIP, or the folder of a chosen CSV of an unpacked export."""
        chosen, _filter = QFileDialog.getOpenFileName(
            self.parent,
            "Import from Letterboxd — choose the export ZIP",
            self._last_folder(),
            EXPORT_FILTER,
        )
        if not chosen:
            return None
        path = Path(chosen)
        return path.parent if path.suffix.lower() == ".csv" else path

    def choose_csv_target(self) -> Path | None:
        suggested = Path(self._last_folder()) / f"letterboxd-import-{date.today().isoformat()}.csv"
        chosen, _filter = QFileDialog.getSaveFileName(
            self.parent, "Export for Letterboxd", str(suggested), CSV_FILTER
        )
        if not chosen:
            return None
        path = Path(chosen)
        self.host.settings.setValue(EXPORT_FOLDER_KEY, str(path.parent))
        return path

    # --- import -------------------------------------------------------------------------------

    def import_export(self) -> None:
        host = self.host
        host.flush_journal()
        source = self.choose_export()
        if source is None:
            return
        store = host.store

        def read_and_plan(_report: Any) -> Any:
            from journal.letterboxd.reading import read_export

            export = read_export(source)
            return export, store.plan_letterboxd_import(export)

        def planned(result: Any) -> None:
            export, plan = result
            if not plan.summary.adds_anything and not plan.ambiguous:
                detail = "Every diary entry in it is already in your journal; nothing changed."
                host.show_done("Nothing new from Letterboxd", f"Read {source.name}", detail, None)
                return
            self._show_preview(source, export, plan)

        host.jobs.run(read_and_plan, f"Reading {source.name}…", planned, "Nothing was imported")

    def _candidate_labels(self, plan: Any) -> dict[int, str]:
        from ui.dialogs.letterboxd_preview import film_label

        wanted = {film_id for match in plan.ambiguous for film_id in match.candidate_ids}
        labels = {}
        for film in self.host.store.list_films():
            if film.id in wanted:
                details = [film_label(film.title, film.year)]
                if film.director:
                    details.append(f"directed by {film.director}")
                details.append(plural(film.viewing_count, "viewing", "viewings"))
                labels[film.id] = ", ".join(details)
        return labels

    def _show_preview(self, source: Path, export: Any, plan: Any) -> None:
        from ui.dialogs.letterboxd_preview import LetterboxdPreviewDialog

        store = self.host.store
        dialog = LetterboxdPreviewDialog(
            source.name,
            plan,
            self._candidate_labels(plan),
            lambda choices: store.plan_letterboxd_import(export, choices),
            self.parent,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.preview = dialog
        dialog.accepted.connect(lambda: self._apply(source, dialog.plan))
        dialog.finished.connect(lambda _result: setattr(self, "preview", None))
        dialog.open()

    def _apply(self, source: Path, plan: Any) -> None:
        host = self.host
        store = host.store

        def work(_report: Any) -> Any:
            return store.apply_letterboxd_plan(plan)

        def done(applied: Any) -> None:
            from journal.letterboxd.report import counts_text

            if applied.films or applied.viewings:
                host.undo_stack.clear()
                detail = f"Added {counts_text(applied)}."
            else:
                detail = "Everything in it was already in your journal; nothing changed."
            left = plan.ambiguous  # those still unchosen (a chosen film is no longer ambiguous)
            if left:
                detail += (
                    f" Left out: {plural(len(left), 'film', 'films')} your journal holds more "
                    "than once; import the same export again to choose."
                )
            host.show_done("Letterboxd diary imported", f"Imported {source.name}", detail, None)

        host.jobs.run(work, f"Importing {source.name}…", done, "Nothing was imported")

    # --- export -------------------------------------------------------------------------------

    def export_csv(self) -> None:
        host = self.host
        host.flush_journal()
        target = self.choose_csv_target()
        if target is None or self._refuse_journal_target(target):
            return
        store = host.store

        def work(_report: Any) -> int:
            from journal.export.jsonio import write_atomic
            from journal.letterboxd.writing import letterboxd_csv_text

            rows = store.letterboxd_rows()
            write_atomic(target, letterboxd_csv_text(rows))
            return len(rows)

        def done(count: int) -> None:
            host.show_done(
                "Exported for Letterboxd",
                f"Saved {target.name}",
                f"in {target.parent} — {plural(count, 'viewing', 'viewings')}, one row each. "
                "Upload it on Letterboxd's import page (letterboxd.com/import).",
                target.parent,
            )

        host.jobs.run(work, "Writing the CSV for Letterboxd…", done, "Nothing was exported")

    def _refuse_journal_target(self, target: Path) -> bool:
        """True (after telling why) when ``target`` is one of the journal's own files."""
        from journal.db import refuse_journal_target

        data_dir = self.host.store.data_dir
        if data_dir is None:
            return False
        try:
            refuse_journal_target(target, data_dir, folder=False)
        except JournalError as exc:
            self.host.show_error("Nothing was exported", describe(exc))
            return True
        return False
