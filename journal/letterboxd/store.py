"""Letterboxd and the journal's store: plan from what the journal holds, write a plan, read back.

- :func:`plan_for` reads the journal's films, the diary URIs its viewings already carry and its
  tag names, and asks :func:`journal.letterboxd.plan.plan_import` what an export would add.
- :func:`apply_plan` writes an :class:`ImportPlan` in ONE transaction, after checking every
  value with the journal's own rules (``journal.rules``): a value the journal cannot hold (a
  year before 1870, a tag of 200 characters) refuses the whole import with a message naming
  the film and the field, and nothing is written. A viewing whose diary URI the journal has
  by the time the plan is written is skipped, so applying a plan twice adds nothing twice;
  nothing already in the journal is ever changed.
- :func:`rows_for_csv` reads one :class:`~journal.letterboxd.writing.ViewingRow` per viewing
  for Letterboxd's import CSV.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from journal import rules, tags
from journal.errors import ConflictError, ValidationError
from journal.letterboxd.model import LetterboxdError, LetterboxdExport
from journal.letterboxd.plan import (
    FilmKey,
    ImportPlan,
    JournalFilm,
    NewFilm,
    film_key,
    plan_import,
)
from journal.letterboxd.writing import ViewingRow


@dataclass(frozen=True)
class AppliedImport:
    """What a Letterboxd import wrote (``skipped``: viewings already in the journal by then)."""

    films: int = 0
    viewings: int = 0
    reflections: int = 0
    tags: int = 0
    skipped: int = 0


def known_entry_uris(store: Any) -> set[str]:
    """The Letterboxd diary URIs the journal's viewings carry."""
    with store._read() as connection:
        rows = connection.execute(
            "SELECT letterboxd_uri FROM viewing WHERE letterboxd_uri IS NOT NULL"
        ).fetchall()
    return {row[0] for row in rows}


def plan_for(
    store: Any, export: LetterboxdExport, choices: Mapping[FilmKey, int] | None = None
) -> ImportPlan:
    """What importing ``export`` into this journal would add (nothing is written)."""
    films = [JournalFilm(film.id, film.title, film.year) for film in store.list_films()]
    return plan_import(
        export,
        films,
        known_entry_uris(store),
        journal_tags=store.tag_names(),
        choices=choices,
    )


def _film_label(title: str, year: int | None) -> str:
    return f"“{title}”" + (f" ({year})" if year is not None else "")


def _checked(label: str, field: str, check: Any, value: Any) -> Any:
    try:
        return check(value, field)
    except ValidationError as error:
        raise LetterboxdError(
            f"Letterboxd's {label}: the {field.replace('_', ' ')} {error.reason}; "
            "the journal cannot hold it, so nothing was imported"
        ) from error


def _film_values(film: NewFilm) -> dict[str, Any]:
    label = _film_label(film.title, film.year)
    return {
        "uid": rules.uid(None),
        "title": _checked(label, "title", rules.title, film.title),
        "year": _checked(label, "year", rules.year, film.year),
        "director": "",
        "runtime_ms": None,
        "notes": _checked(label, "notes", rules.long_text, film.notes),
        "letterboxd_uri": _checked(label, "film link", rules.uri, film.letterboxd_uri or None),
    }


def _viewing_values(plan_viewing: Any, label: str) -> tuple[dict[str, Any], list[str]]:
    entry = f"diary entry {plan_viewing.entry_uri} for {label}"
    values = {
        "uid": rules.uid(None),
        "watched_on": _checked(entry, "watched_date", rules.watched_on, plan_viewing.watched_on),
        "rewatch": _checked(entry, "rewatch", rules.flag, plan_viewing.rewatch),
        "rating": _checked(entry, "rating", rules.rating, plan_viewing.rating),
        "reflection": _checked(entry, "review", rules.long_text, plan_viewing.reflection),
        "letterboxd_uri": _checked(entry, "letterboxd_uri", rules.uri, plan_viewing.entry_uri),
    }
    names = _checked(entry, "tags", tags.clean_names, list(plan_viewing.tags))
    return values, names


def apply_plan(store: Any, plan: ImportPlan) -> AppliedImport:
    """Write ``plan`` in one transaction; see the module's docstring for what is promised."""
    from sqlalchemy import insert, select

    from journal.fields import utc_now
    from journal.models import film_table, viewing_table
    from journal.rows import Change

    journal_titles = {film.id: film for film in store.list_films()}
    films = [(film, _film_values(film)) for film in plan.films_to_create]
    viewings = []
    for viewing in plan.viewings_to_add:
        if isinstance(viewing.film, NewFilm):
            label = _film_label(viewing.film.title, viewing.film.year)
        else:
            known = journal_titles.get(viewing.film)
            if known is None:
                raise ConflictError(
                    f"film {viewing.film} was deleted after the import was planned; "
                    "nothing was imported — start the import again"
                )
            label = _film_label(known.title, known.year)
        viewings.append((viewing, *_viewing_values(viewing, label)))

    now = utc_now()
    stamps = {"created_at": now, "updated_at": now}
    written = {"films": 0, "viewings": 0, "reflections": 0, "skipped": 0}
    with store._write() as session:
        known_uris = set(
            session.execute(
                select(viewing_table.c.letterboxd_uri).where(
                    viewing_table.c.letterboxd_uri.is_not(None)
                )
            ).scalars()
        )
        in_journal: dict[FilmKey, list[int]] = {}
        for film_id, title, year in session.execute(
            select(film_table.c.id, film_table.c.title, film_table.c.year)
        ):
            in_journal.setdefault(film_key(title, year), []).append(film_id)
        film_ids = {film_id for ids in in_journal.values() for film_id in ids}
        created: dict[NewFilm, int] = {}
        for film, values in films:
            # A film added since the plan was made (or by applying this plan before) is used,
            # not made twice.
            same = in_journal.get(film_key(film.title, film.year), [])
            if len(same) > 1:
                raise ConflictError(
                    f"the journal now has {len(same)} films {_film_label(film.title, film.year)}; "
                    "nothing was imported — start the import again to choose one"
                )
            if same:
                created[film] = same[0]
                continue
            created[film] = session.execute(
                insert(film_table), {**values, **stamps}
            ).inserted_primary_key[0]
            written["films"] += 1
        tagged: list[tuple[int, list[str]]] = []
        for viewing, values, names in viewings:
            if values["letterboxd_uri"] in known_uris:
                written["skipped"] += 1
                continue
            if isinstance(viewing.film, NewFilm):
                film_id = created[viewing.film]
            elif viewing.film in film_ids:
                film_id = viewing.film
            else:
                raise ConflictError(
                    f"film {viewing.film} was deleted after the import was planned; "
                    "nothing was imported — start the import again"
                )
            viewing_id = session.execute(
                insert(viewing_table), {**values, "film_id": film_id, **stamps}
            ).inserted_primary_key[0]
            known_uris.add(values["letterboxd_uri"])
            written["viewings"] += 1
            written["reflections"] += bool(values["reflection"])
            if names:
                tagged.append((viewing_id, names))
        new_tags = tags.link(session, tagged, now)
    result = AppliedImport(tags=new_tags, **written)
    if result.films or result.viewings:
        store._announce(Change("journal", "imported"))
    return result


def rows_for_csv(store: Any) -> list[ViewingRow]:
    """Every viewing with its film, oldest first, as Letterboxd's import CSV rows."""
    sql = """SELECT v.id, f.title, f.year, f.director, v.watched_on, v.rating, v.rewatch,
                    v.reflection
             FROM viewing v JOIN film f ON f.id = v.film_id
             ORDER BY v.watched_on, v.id"""
    with store._read() as connection:
        rows = connection.execute(sql).fetchall()
        names = tags.by_viewing(connection, ":key IS NULL", None)
    return [
        ViewingRow(
            title=row[1],
            year=row[2],
            director=row[3],
            watched_on=date.fromisoformat(row[4]),
            rating=row[5],
            rewatch=bool(row[6]),
            tags=tuple(names.get(row[0], ())),
            reflection=row[7],
        )
        for row in rows
    ]
