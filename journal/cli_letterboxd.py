"""``reflective-journal import letterboxd ZIP_OR_FOLDER`` and ``export letterboxd FILE.csv``.

The import reads the whole export before it takes the writer lock or opens the journal (a bad
export changes nothing), plans against the journal, and writes the plan in one transaction.
A Letterboxd film that matches several films of the journal is listed with numbered
candidates and nothing is imported for it until ``--choose "TITLE (YEAR)=N"`` says which.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path
from typing import Any, TextIO

from journal.cli_support import _data_dir, _Failure, _open_store, _plural, _Usage, _writer_lock
from journal.db import journal_path
from journal.letterboxd.plan import FilmKey, ImportPlan, PlanSummary, film_key, plan_import
from journal.letterboxd.report import counts_text, left_alone

_CHOICE = re.compile(r"^(?P<title>.*?)\s*(?:\((?P<year>\d{4})\))?\s*=\s*(?P<number>\d+)\s*$", re.S)


def parse_choice(text: str) -> tuple[FilmKey, int]:
    """``"Solaris (1972)=2"`` → (the film's key, 2). A title without a year matches an
    export film without one."""
    found = _CHOICE.match(text)
    if found is None or not found["title"].strip() or int(found["number"]) < 1:
        raise _Usage(
            f'--choose {text!r} is not TITLE (YEAR)=N, for example --choose "Solaris (1972)=2"'
        )
    year = int(found["year"]) if found["year"] else None
    return film_key(found["title"], year), int(found["number"])


def _label(title: str, year: int | None) -> str:
    return f"{title} ({year})" if year is not None else title


def import_letterboxd(options: argparse.Namespace, source: Path, out: TextIO) -> None:
    from journal.letterboxd.reading import read_export

    wanted = [parse_choice(text) for text in options.choose]
    source = source.expanduser()
    export = read_export(source)  # read whole before touching the journal
    data_dir = _data_dir(options)
    if options.dry_run and not journal_path(data_dir).exists():
        # A first look before there is a journal: everything would be new; nothing is made.
        plan = plan_import(export, [], set())
        print(f"{source.name} would add: {counts_text(plan.summary)}", file=out)
        for line in left_alone(plan.summary):
            print(line, file=out)
        return
    lock = None if options.dry_run else _writer_lock(data_dir, "import letterboxd")
    try:
        store = _open_store(data_dir, create=not options.dry_run)
        try:
            plan = store.plan_letterboxd_import(export)
            if wanted:
                plan = store.plan_letterboxd_import(export, _choices(plan, wanted))
            films = {film.id: film for film in store.list_films()} if plan.ambiguous else {}
            counts = {film_id: len(store.list_viewings(film_id)) for film_id in films}
            if options.dry_run:
                print(f"{source.name} would add: {counts_text(plan.summary)}", file=out)
            else:
                applied = store.apply_letterboxd_plan(plan)
                summary = plan.summary
                done = PlanSummary(
                    films=applied.films,
                    viewings=applied.viewings,
                    reflections=applied.reflections,
                    tags=applied.tags,
                )
                line = f"imported {source.name}: {_added(done)}"
                if not (summary.adds_anything or applied.films or applied.viewings):
                    line = f"imported {source.name}: nothing new"
                print(line, file=out)
        finally:
            store.close()
    finally:
        if lock is not None:
            lock.release()
    for line in left_alone(plan.summary):
        print(line, file=out)
    for line in _ambiguous_lines(plan, films, counts):
        print(line, file=out)


def _choices(plan: ImportPlan, wanted: list[tuple[FilmKey, int]]) -> dict[FilmKey, int]:
    by_key = {match.key: match for match in plan.ambiguous}
    chosen: dict[FilmKey, int] = {}
    for key, number in wanted:
        match = by_key.get(key)
        if match is None:
            title, year = key
            raise _Failure(
                f"--choose names {_label(title, year)!r}, which matches no more than one film "
                "of the journal in this export; nothing was imported"
            )
        if number > len(match.candidate_ids):
            raise _Failure(
                f"--choose {_label(match.title, match.year)!r}={number}: it matches only "
                f"{len(match.candidate_ids)} films; nothing was imported"
            )
        chosen[key] = match.candidate_ids[number - 1]
    return chosen


def _added(summary: PlanSummary) -> str:
    return counts_text(summary) + " added"


def _ambiguous_lines(plan: ImportPlan, films: dict[int, Any], counts: dict[int, int]) -> list[str]:
    lines = []
    for match in plan.ambiguous:
        name = _label(match.title, match.year)
        waiting = _plural(len(match.waiting_uris), "viewing", "viewings")
        lines.append(
            f"not imported: {name!r} matches {len(match.candidate_ids)} films of the journal; "
            f"its {waiting} wait for your choice:"
        )
        for number, film_id in enumerate(match.candidate_ids, start=1):
            film = films.get(film_id)
            details = [_label(film.title, film.year)] if film else [f"film {film_id}"]
            if film and film.director:
                details.append(f"directed by {film.director}")
            details.append(_plural(counts.get(film_id, 0), "viewing", "viewings"))
            lines.append(f"  {number}) " + ", ".join(details))
        lines.append(f'  import again with --choose "{name}=N" (N from the list above)')
    return lines


def export_letterboxd(store: Any, target: Path, out: TextIO) -> None:
    """Write every viewing as Letterboxd's import CSV, atomically (all or nothing)."""
    from journal.export.jsonio import write_atomic
    from journal.letterboxd.writing import letterboxd_csv_text

    rows = store.letterboxd_rows()
    write_atomic(target, letterboxd_csv_text(rows))
    print(f"wrote {target} ({_plural(len(rows), 'viewing', 'viewings')})", file=out)
