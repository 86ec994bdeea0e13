"""``import letterboxd`` and ``export letterboxd`` as a new user meets them: exact output."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest

from journal.store import Store
from tests.journal.letterboxd.exports import DIARY_COLUMNS, csv_text, diary_row, make_zip
from tests.journal.letterboxd.test_end_to_end import realistic_export
from tests.journal.test_cli import cli, one_error_line


def test_a_new_user_imports_an_export_twice(data_dir: Path, tmp_path: Path, capsys) -> None:
    export = realistic_export(tmp_path / "letterboxd-me.zip")
    code, out, err = cli(capsys, "--data-dir", data_dir, "import", "letterboxd", export)
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "imported letterboxd-me.zip: 5 films, 6 viewings, 1 reflection, 3 tags added",
        "not imported (the journal has no place for them): 1 watchlist film, 1 liked film, 1 list",
        "not imported: 1 rating of films watched without a diary date (a viewing needs its date)",
    ]
    code, out, err = cli(capsys, "--data-dir", data_dir, "import", "letterboxd", export)
    assert (code, err) == (0, "")
    assert out.splitlines()[:2] == [
        "imported letterboxd-me.zip: nothing new",
        "already in the journal: 6 diary entries",
    ]
    store = Store.open(data_dir)
    try:
        assert store.counts()["viewing"] == 6 and len(store.list_films()) == 5
    finally:
        store.close()


def _two_solaris(data_dir: Path) -> tuple[int, int]:
    store = Store.open(data_dir)
    try:
        one = store.create_film("Solaris", year=1972, director="Andrei Tarkovsky")
        store.create_viewing(one.id, date(2010, 1, 1))
        two = store.create_film("Solaris", year=1972)
        return one.id, two.id
    finally:
        store.close()


def test_an_ambiguous_film_is_listed_never_guessed(data_dir: Path, tmp_path: Path, capsys) -> None:
    one, two = _two_solaris(data_dir)
    rows = [
        diary_row("Solaris", "1972", "https://boxd.it/s1", "2020-01-01", "3.5"),
        diary_row("Stalker", "1979", "https://boxd.it/s2", "2020-01-02", "5"),
    ]
    export = make_zip(tmp_path / "e.zip", {"diary.csv": csv_text(DIARY_COLUMNS, rows)})
    code, out, err = cli(capsys, "--data-dir", data_dir, "import", "letterboxd", export)
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "imported e.zip: 1 film, 1 viewing, 0 reflections, 0 tags added",
        "not imported: 'Solaris (1972)' matches 2 films of the journal; its 1 viewing wait for "
        "your choice:",
        "  1) Solaris (1972), directed by Andrei Tarkovsky, 1 viewing",
        "  2) Solaris (1972), 0 viewings",
        '  import again with --choose "Solaris (1972)=N" (N from the list above)',
    ]
    code, out, err = cli(
        capsys,
        "--data-dir",
        data_dir,
        "import",
        "letterboxd",
        export,
        "--choose",
        "Solaris (1972)=2",
    )
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "imported e.zip: 0 films, 1 viewing, 0 reflections, 0 tags added",
        "already in the journal: 1 diary entry",
    ]
    store = Store.open(data_dir)
    try:
        assert [v.rating for v in store.list_viewings(two)] == [3.5]
        assert [v.rating for v in store.list_viewings(one)] == [None]
    finally:
        store.close()


def test_a_dry_run_writes_nothing(data_dir: Path, tmp_path: Path, capsys) -> None:
    _two_solaris(data_dir)
    rows = [diary_row("Stalker", "1979", "https://boxd.it/s2", "2020-01-02", "5", "", "zone")]
    export = make_zip(tmp_path / "e.zip", {"diary.csv": csv_text(DIARY_COLUMNS, rows)})
    code, out, _ = cli(capsys, "--data-dir", data_dir, "import", "letterboxd", export, "--dry-run")
    assert (code, out) == (0, "e.zip would add: 1 film, 1 viewing, 0 reflections, 1 tag\n")
    store = Store.open(data_dir)
    try:
        assert store.counts()["viewing"] == 1 and store.tag_names() == []
    finally:
        store.close()


@pytest.mark.parametrize(
    ("choice", "fragment", "status"),
    [
        ("Solaris (1972)=3", "it matches only 2 films; nothing was imported", 1),
        ("Stalker (1979)=1", "matches no more than one film", 1),
        ("Solaris", "is not TITLE (YEAR)=N", 2),
    ],
)
def test_a_wrong_choice_imports_nothing(
    data_dir: Path, tmp_path: Path, capsys, choice: str, fragment: str, status: int
) -> None:
    _two_solaris(data_dir)
    rows = [diary_row("Solaris", "1972", "https://boxd.it/s1", "2020-01-01")]
    export = make_zip(tmp_path / "e.zip", {"diary.csv": csv_text(DIARY_COLUMNS, rows)})
    code, out, err = cli(
        capsys, "--data-dir", data_dir, "import", "letterboxd", export, "--choose", choice
    )
    assert (code, out) == (status, "")
    assert fragment in err
    store = Store.open(data_dir)
    try:
        assert store.counts()["viewing"] == 1
    finally:
        store.close()


def test_a_file_that_is_not_an_export_is_one_line(data_dir: Path, tmp_path: Path, capsys) -> None:
    junk = tmp_path / "notes.zip"
    junk.write_text("hello")
    code, out, err = cli(capsys, "--data-dir", data_dir, "import", "letterboxd", junk)
    assert (code, out) == (1, "")
    assert "notes.zip is not a ZIP file" in one_error_line(err)
    assert not data_dir.exists()  # the journal is not even created


def test_import_takes_one_file_or_letterboxd_and_one(
    data_dir: Path, tmp_path: Path, capsys
) -> None:
    code, _, err = cli(capsys, "--data-dir", data_dir, "import", "a.json", "b.json")
    assert code == 2 and "import letterboxd ZIP_OR_FOLDER" in err
    code, _, err = cli(capsys, "--data-dir", data_dir, "import", "a.json", "--dry-run")
    assert code == 2 and "--choose and --dry-run are for" in err


def test_export_letterboxd_writes_one_row_per_viewing(
    data_dir: Path, tmp_path: Path, capsys
) -> None:
    store = Store.open(data_dir)
    try:
        film = store.create_film("Tokyo Story", year=1953, director="Yasujirō Ozu")
        first = store.create_viewing(film.id, date(2019, 1, 5), rating=4.0)
        store.set_viewing_tags(first.id, ["ozu", "family"])
        store.create_viewing(
            film.id, date(2024, 3, 18), rewatch=True, rating=4.5, reflection='The clock,\n"again".'
        )
    finally:
        store.close()
    target = tmp_path / "films.csv"
    code, out, err = cli(capsys, "--data-dir", data_dir, "export", "letterboxd", target)
    assert (code, out, err) == (0, f"wrote {target} (2 viewings)\n", "")
    data = target.read_bytes()
    assert data.startswith(b"Title,Year,Directors,WatchedDate,Rating,Rewatch,Tags,Review\r\n")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
    assert rows[1:] == [
        ["Tokyo Story", "1953", "Yasujirō Ozu", "2019-01-05", "4.0", "false", "family, ozu", ""],
        [
            "Tokyo Story",
            "1953",
            "Yasujirō Ozu",
            "2024-03-18",
            "4.5",
            "true",
            "",
            'The clock,\n"again".',
        ],
    ]
    assert target.stat().st_mode & 0o777 == 0o600


def test_export_letterboxd_refuses_the_journal_itself(data_dir: Path, capsys) -> None:
    Store.open(data_dir).close()
    target = data_dir / "journal.sqlite3"
    before = target.read_bytes()
    code, out, err = cli(capsys, "--data-dir", data_dir, "export", "letterboxd", target)
    assert (code, out) == (1, "")
    one_error_line(err)
    assert target.read_bytes() == before


def test_a_dry_run_before_there_is_a_journal_makes_none(
    data_dir: Path, tmp_path: Path, capsys
) -> None:
    export = realistic_export(tmp_path / "letterboxd-me.zip")
    code, out, err = cli(
        capsys, "--data-dir", data_dir, "import", "letterboxd", export, "--dry-run"
    )
    assert (code, err) == (0, "")
    assert (
        out.splitlines()[0]
        == "letterboxd-me.zip would add: 5 films, 6 viewings, 1 reflection, 3 tags"
    )
    assert not data_dir.exists()
