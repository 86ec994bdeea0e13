"""File → Export and Import: choosing where, refusing to write over the journal's own files,
running the job off the GUI thread (``ui.jobs``), and saying what was written or read.

The flows only read the journal (exports) or import through the store in one transaction; the
window gives them its store, settings, job runner and ways to speak (``Host``).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QSettings
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QFileDialog, QWidget

from journal.errors import JournalError
from journal.store import Store
from ui.jobs import JobRunner
from ui.messages import describe, plural

EXPORT_FOLDER_KEY = "export/folder"
JSON_FILTER = "Journal JSON (*.json);;All files (*)"


class Host(Protocol):
    """What the flows need from the window."""

    store: Store
    settings: QSettings
    undo_stack: QUndoStack
    jobs: JobRunner

    def current_film_id(self) -> int | None: ...
    def flush_journal(self) -> bool: ...
    def show_status(self, message: str) -> None: ...
    def show_error(self, title: str, message: str) -> None: ...
    def show_done(self, title: str, text: str, detail: str, folder: Path | None) -> None: ...


class ExportImport:
    """The four flows of File → Export/Import, for one window."""

    def __init__(self, host: Host, parent: QWidget) -> None:
        self.host = host
        self.parent = parent

    # --- choosing where (tests replace these) -------------------------------------------------

    def _last_folder(self) -> str:
        return str(self.host.settings.value(EXPORT_FOLDER_KEY, "") or Path.home())

    def choose_folder(self, title: str) -> Path | None:
        chosen = QFileDialog.getExistingDirectory(self.parent, title, self._last_folder())
        if not chosen:
            return None
        self.host.settings.setValue(EXPORT_FOLDER_KEY, chosen)
        return Path(chosen)

    def choose_save_file(self, title: str, suggested: str) -> Path | None:
        start = str(Path(self._last_folder()) / suggested)
        chosen, _filter = QFileDialog.getSaveFileName(self.parent, title, start, JSON_FILTER)
        if not chosen:
            return None
        path = Path(chosen)
        self.host.settings.setValue(EXPORT_FOLDER_KEY, str(path.parent))
        return path

    def choose_open_file(self, title: str) -> Path | None:
        chosen, _filter = QFileDialog.getOpenFileName(
            self.parent, title, self._last_folder(), JSON_FILTER
        )
        return Path(chosen) if chosen else None

    def _refuse_journal_target(self, target: Path, *, folder: bool) -> bool:
        """True (after telling why) when ``target`` would write over the journal's own files."""
        from journal.db import refuse_journal_target

        data_dir = self.host.store.data_dir
        if data_dir is None:
            return False
        try:
            refuse_journal_target(target, data_dir, folder=folder)
        except JournalError as exc:
            self.host.show_error("Nothing was exported", describe(exc))
            return True
        return False

    # --- the flows ----------------------------------------------------------------------------

    def export_film(self) -> None:
        host = self.host
        film_id = host.current_film_id()
        if film_id is None:
            host.show_status("Choose a film to export first")
            return
        host.flush_journal()
        folder = self.choose_folder("Export film to Markdown — choose a folder")
        if folder is None or self._refuse_journal_target(folder, folder=True):
            return
        try:
            from journal.export import markdown

            written = markdown.export_film(host.store, film_id, folder)
        except (JournalError, OSError) as exc:
            host.show_error("The film was not exported", describe(exc))
            return
        host.show_done("Film exported", f"Saved {written.name}", f"in {written.parent}", folder)

    def export_all(self) -> None:
        host = self.host
        host.flush_journal()
        folder = self.choose_folder("Export all films to Markdown — choose a folder")
        if folder is None or self._refuse_journal_target(folder, folder=True):
            return
        store = host.store

        def work(_report: Any) -> tuple[list[Path], list[Path]]:
            from journal.export import markdown

            return markdown.export_vault(store, folder)

        def done(written: tuple[list[Path], list[Path]]) -> None:
            films, motifs = written
            text = f"Wrote {plural(len(films), 'Markdown file', 'Markdown files')}"
            if motifs:
                text += f" and {plural(len(motifs), 'motif note', 'motif notes')}"
            host.show_done("Journal exported", text, f"into {folder}", folder)

        host.jobs.run(work, "Writing one Markdown file per film…", done, "Nothing was exported")

    def export_json(self) -> None:
        host = self.host
        host.flush_journal()
        path = self.choose_save_file(
            "Export journal (JSON)", f"reflective-journal-{date.today().isoformat()}.json"
        )
        if path is None or self._refuse_journal_target(path, folder=False):
            return
        store = host.store

        def work(_report: Any) -> dict[str, int]:
            from journal.export import jsonio

            jsonio.write_file(path, store.export_document())
            return store.counts()

        def done(counts: dict[str, int]) -> None:
            host.show_done(
                "Journal exported",
                f"Saved {path.name}",
                f"in {path.parent} — {plural(counts['film'], 'film', 'films')}, "
                f"{plural(counts['viewing'], 'viewing', 'viewings')}, "
                f"{plural(counts['entry'], 'entry', 'entries')}.",
                path.parent,
            )

        host.jobs.run(work, "Exporting the whole journal…", done, "Nothing was exported")

    def import_json(self) -> None:
        host = self.host
        host.flush_journal()
        path = self.choose_open_file("Import journal (JSON)")
        if path is None:
            return
        store = host.store

        def work(report: Any) -> Any:
            from journal.export import jsonio

            return store.import_document(jsonio.read_file(path), progress=report)

        def done(summary: Any) -> None:
            if summary.changed == 0:
                detail = "Everything in it was already in your journal; nothing changed."
            else:
                detail = (
                    f"{plural(summary.films, 'film', 'films')}, "
                    f"{plural(summary.viewings, 'viewing', 'viewings')}, "
                    f"{plural(summary.entries, 'entry', 'entries')} and "
                    f"{plural(summary.motifs, 'motif', 'motifs')} read; "
                    f"{plural(summary.changed, 'record', 'records')} added; what your "
                    "journal already had was kept as it is."
                )
                # Earlier steps may refer to records the import now sits beside or under
                # (undoing "Add film" would take the imported entries with it).
                host.undo_stack.clear()
            host.show_done("Journal imported", f"Imported {path.name}", detail, None)

        host.jobs.run(work, f"Importing {path.name}…", done, "Nothing was imported", cancel=True)
