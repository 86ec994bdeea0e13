"""File → Import from Letterboxd… and File → Export for Letterboxd…, for the main window.

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
from PySide6.QtWidgets import QFileDialog

from journal.letterboxd.report import counts_text, plural

EXPORT_FILTER = "Letterboxd export (*.zip *.csv);;All files (*)"
CSV_FILTER = "CSV for Letterboxd (*.csv);;All files (*)"


def choose_export(window: Any) -> Path | None:
    """The export to import: a ZIP, or the folder holding a chosen CSV of an unpacked export."""
    folder = str(window.settings.value("export/folder", "") or Path.home())
    chosen, _filter = QFileDialog.getOpenFileName(
        window, "Import from Letterboxd — choose the export ZIP", folder, EXPORT_FILTER
    )
    if not chosen:
        return None
    path = Path(chosen)
    return path.parent if path.suffix.lower() == ".csv" else path


def choose_csv_target(window: Any) -> Path | None:
    folder = Path(str(window.settings.value("export/folder", "") or Path.home()))
    suggested = folder / f"letterboxd-import-{date.today().isoformat()}.csv"
    chosen, _filter = QFileDialog.getSaveFileName(
        window, "Export for Letterboxd", str(suggested), CSV_FILTER
    )
    if not chosen:
        return None
    path = Path(chosen)
    window.settings.setValue("export/folder", str(path.parent))
    return path


def import_from_letterboxd(window: Any) -> None:
    window.journal.flush()
    source = choose_export(window)
    if source is None:
        return
    store = window.store

    def read_and_plan(_report: Any) -> Any:
        from journal.letterboxd.reading import read_export

        export = read_export(source)
        return export, store.plan_letterboxd_import(export)

    def planned(result: Any) -> None:
        export, plan = result
        if not plan.summary.adds_anything and not plan.ambiguous:
            detail = "Every diary entry in it is already in your journal; nothing changed."
            window.show_done("Nothing new from Letterboxd", f"Read {source.name}", detail, None)
            return
        _preview(window, source, export, plan)

    window.run_job(read_and_plan, f"Reading {source.name}…", planned, "Nothing was imported")


def _candidate_labels(window: Any, plan: Any) -> dict[int, str]:
    from ui.dialogs.letterboxd_preview import film_label

    wanted = {film_id for match in plan.ambiguous for film_id in match.candidate_ids}
    labels = {}
    for film in window.store.list_films():
        if film.id in wanted:
            details = [film_label(film.title, film.year)]
            if film.director:
                details.append(f"directed by {film.director}")
            details.append(plural(film.viewing_count, "viewing", "viewings"))
            labels[film.id] = ", ".join(details)
    return labels


def _preview(window: Any, source: Path, export: Any, plan: Any) -> None:
    from ui.dialogs.letterboxd_preview import LetterboxdPreviewDialog

    store = window.store
    dialog = LetterboxdPreviewDialog(
        source.name,
        plan,
        _candidate_labels(window, plan),
        lambda choices: store.plan_letterboxd_import(export, choices),
        window,
    )
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    window.letterboxd_preview = dialog
    dialog.accepted.connect(lambda: _apply(window, source, dialog.plan))
    dialog.finished.connect(lambda _result: setattr(window, "letterboxd_preview", None))
    dialog.open()


def _apply(window: Any, source: Path, plan: Any) -> None:
    store = window.store

    def work(_report: Any) -> Any:
        return store.apply_letterboxd_plan(plan)

    def done(applied: Any) -> None:
        if applied.films or applied.viewings:
            window.undo_stack.clear()
            detail = f"Added {counts_text(applied)}."
        else:
            detail = "Everything in it was already in your journal; nothing changed."
        left = plan.ambiguous  # those still unchosen (a chosen film is no longer ambiguous)
        if left:
            detail += (
                f" Left out: {plural(len(left), 'film', 'films')} your journal holds more than "
                "once; import the same export again to choose."
            )
        window.show_done("Letterboxd diary imported", f"Imported {source.name}", detail, None)

    window.run_job(work, f"Importing {source.name}…", done, "Nothing was imported")


def export_for_letterboxd(window: Any) -> None:
    window.journal.flush()
    target = choose_csv_target(window)
    if target is None or window._refuse_journal_target(target, folder=False):
        return
    store = window.store

    def work(_report: Any) -> int:
        from journal.export.jsonio import write_atomic
        from journal.letterboxd.writing import letterboxd_csv_text

        rows = store.letterboxd_rows()
        write_atomic(target, letterboxd_csv_text(rows))
        return len(rows)

    def done(count: int) -> None:
        window.show_done(
            "Exported for Letterboxd",
            f"Saved {target.name}",
            f"in {target.parent} — {plural(count, 'viewing', 'viewings')}, one row each. "
            "Upload it on Letterboxd's import page (letterboxd.com/import).",
            target.parent,
        )

    window.run_job(work, "Writing the CSV for Letterboxd…", done, "Nothing was exported")
