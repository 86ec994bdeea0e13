"""The command line as a user or a script meets it: commands, exit codes, stderr lines, help."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from journal.cli import build_parser, is_cli_invocation, run_cli
from journal.store import Store

ROOT = Path(__file__).resolve().parents[2]

# What a new user might type by hand: no uids, optional fields left out.
HAND_WRITTEN = {
    "format": "reflective-journal",
    "version": 1,
    "motifs": [{"name": "Mended cup"}],
    "films": [
        {
            "title": "Tokyo Story",
            "year": 1953,
            "viewings": [
                {
                    "watched_on": "2024-03-01",
                    "reflection": "The clock, again.",
                    "entries": [
                        {"position_ms": 61000, "kind": "pause", "text": "a held look"},
                        {
                            "position_ms": 5000,
                            "kind": "motif",
                            "text": "the cup",
                            "motifs": ["Mended cup"],
                        },
                    ],
                }
            ],
        },
        {"title": "Late Spring"},
    ],
}


def cli(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    code = run_cli([str(a) for a in args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def one_error_line(err: str) -> str:
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("reflective-journal: ")
    assert "Traceback" not in err
    return lines[0]


def write_json(path: Path, document: object) -> Path:
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


@pytest.fixture
def filled(data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A data folder holding the hand-written journal."""
    source = write_json(tmp_path / "journal.json", HAND_WRITTEN)
    code, _, err = cli(capsys, "--data-dir", data_dir, "import", source)
    assert code == 0, err
    return data_dir


# --- deciding between app and command line -----------------------------------------------


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([], False),
        (["--data-dir", "/tmp/x"], False),
        (["--data-dir=/tmp/x"], False),
        (["check"], True),
        (["--data-dir", "/tmp/x", "check"], True),
        (["export", "json", "f.json"], True),
        (["--help"], True),
        (["-h"], True),
        (["--version"], True),
        (["exprot"], True),  # a typo gets a usage message, not a window
        (["--data-dir", "check"], False),  # "check" is the folder here
    ],
)
def test_bare_command_opens_the_app_and_anything_else_is_the_cli(args, expected):
    assert is_cli_invocation(args) is expected


def test_help_teaches_every_command_with_examples(capsys):
    code, out, _ = cli(capsys, "--help")
    assert code == 0
    for command in ("export", "import", "search", "check", "backup", "restore"):
        assert command in out
    assert "examples:" in out
    assert "reflective-journal search mended cup" in out
    assert "reflective-journal export markdown" in out
    assert "--data-dir" in out
    for sub in (
        ["export", "--help"],
        ["export", "markdown", "--help"],
        ["restore", "--help"],
        ["search", "--help"],
    ):
        code, out, _ = cli(capsys, *sub)
        assert code == 0
        assert "example" in out


def test_version(capsys):
    code, out, _ = cli(capsys, "--version")
    assert code == 0
    assert out.startswith("reflective-journal ")


@pytest.mark.parametrize(
    "args",
    [
        ["exprot", "json", "x.json"],
        ["export"],
        ["export", "pdf", "x"],
        ["import"],
        ["restore"],
        ["check", "extra"],
        ["--data-dir"],
        ["search"],
        ["search", "cup", "--limit", "0"],
        ["search", "cup", "--limit", "many"],
        ["search", "cup", "--jsn"],
    ],
)
def test_usage_mistakes_exit_2_with_usage(capsys, args):
    code, _, err = cli(capsys, *args)
    assert code == 2
    assert "usage:" in err


def test_data_dir_is_accepted_before_and_after_the_command(filled, capsys):
    for args in (
        ["--data-dir", filled, "check"],
        ["check", "--data-dir", filled],
        [f"--data-dir={filled}", "export", "json", filled / "a.json"],
        ["export", "--data-dir", str(filled), "json", filled / "b.json"],
        ["export", "json", filled / "c.json", "--data-dir", filled],
    ):
        code, _, err = cli(capsys, *args)
        assert code == 0, (args, err)
    assert (filled / "c.json").exists()


def test_data_dir_from_the_environment(filled, capsys, monkeypatch):
    monkeypatch.setenv("REFLECTIVE_JOURNAL_HOME", str(filled))
    code, out, _ = cli(capsys, "check")
    assert code == 0
    assert "2 films" in out


# --- import ---------------------------------------------------------------------------------


def test_new_user_imports_a_hand_written_file_then_exports_markdown(
    data_dir, tmp_path, capsys, monkeypatch
):
    source = write_json(tmp_path / "journal.json", HAND_WRITTEN)
    monkeypatch.chdir(tmp_path)
    code, out, err = cli(capsys, "--data-dir", data_dir, "import", "journal.json")
    assert code == 0, err
    assert out.strip() == "imported journal.json: 2 films, 1 viewing, 2 entries"
    store = Store.open(data_dir)
    try:
        films = {f.title: f for f in store.list_films()}
        assert set(films) == {"Tokyo Story", "Late Spring"}
        viewing = store.list_viewings(films["Tokyo Story"].id)[0]
        entries = store.list_entries(viewing.id)
        assert [e.position_ms for e in entries] == [5000, 61000]
        assert entries[0].motifs == ("Mended cup",)
        assert all(len(e.uid) == 36 for e in entries)  # uids were made
    finally:
        store.close()
    assert source.exists()

    pytest.importorskip("journal.export.markdown")
    code, out, err = cli(capsys, "--data-dir", data_dir, "export", "markdown", "out")
    assert code == 0, err
    assert out == "wrote 2 Markdown files into out, and 1 motif note into out/motifs\n"
    assert (tmp_path / "out" / "motifs" / "mended-cup.md").is_file()
    written = sorted((tmp_path / "out").glob("*.md"))
    assert len(written) == 2
    tokyo = next(p for p in written if "tokyo" in p.name.lower())
    text = tokyo.read_text(encoding="utf-8")
    assert "a held look" in text
    assert "0:01:01" in text


def test_importing_an_export_twice_says_nothing_new(filled, tmp_path, capsys):
    exported = tmp_path / "export.json"
    assert cli(capsys, "--data-dir", filled, "export", "json", exported)[0] == 0
    code, out, _ = cli(capsys, "--data-dir", filled, "import", exported)
    assert code == 0
    assert "nothing new" in out
    assert Store.open(filled).counts()["film"] == 2


def test_an_invalid_document_is_refused_whole_naming_the_field(filled, tmp_path, capsys):
    bad = json.loads(json.dumps(HAND_WRITTEN))
    bad["films"][0]["title"] = "Another film"
    bad["films"][0]["viewings"][0]["entries"][1]["position_ms"] = -4
    source = write_json(tmp_path / "bad.json", bad)
    code, out, err = cli(capsys, "--data-dir", filled, "import", source)
    assert code == 1
    assert out == ""
    assert "films[0].viewings[0].entries[1].position_ms" in one_error_line(err)
    store = Store.open(filled)
    try:
        assert "Another film" not in {f.title for f in store.list_films()}
        assert store.counts()["entry"] == 2
    finally:
        store.close()


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"{not json", "not valid JSON"),
        (b"\xff\xfe\x00", "not UTF-8"),
        (b"[]", "document"),
        (b'{"format": "something-else", "version": 1}', "format"),
        (b'{"format": "reflective-journal", "version": 99}', "newer"),
    ],
)
def test_import_of_junk_is_one_line_and_exit_1(data_dir, tmp_path, capsys, content, reason):
    source = tmp_path / "junk.json"
    source.write_bytes(content)
    code, _, err = cli(capsys, "--data-dir", data_dir, "import", source)
    assert code == 1
    assert reason in one_error_line(err)


def test_import_of_a_missing_file_or_a_folder(data_dir, tmp_path, capsys):
    code, _, err = cli(capsys, "--data-dir", data_dir, "import", tmp_path / "nope.json")
    assert code == 1
    assert "does not exist" in one_error_line(err)
    code, _, err = cli(capsys, "--data-dir", data_dir, "import", tmp_path)
    assert code == 1
    assert "folder" in one_error_line(err)


# --- export ---------------------------------------------------------------------------------


def test_export_json_round_trips_through_a_new_journal(filled, tmp_path, capsys):
    first = tmp_path / "first.json"
    second = tmp_path / "second.json"
    code, out, _ = cli(capsys, "--data-dir", filled, "export", "json", first)
    assert code == 0
    assert str(first) in out
    other = tmp_path / "other"
    assert cli(capsys, "--data-dir", other, "import", first)[0] == 0
    assert cli(capsys, "--data-dir", other, "export", "json", second)[0] == 0
    a = json.loads(first.read_text(encoding="utf-8"))
    b = json.loads(second.read_text(encoding="utf-8"))
    a.pop("exported_at")
    b.pop("exported_at")
    assert a == b
    assert len(a["films"]) == 2


def test_export_json_into_a_missing_folder_fails_cleanly(filled, tmp_path, capsys):
    code, _, err = cli(capsys, "--data-dir", filled, "export", "json", tmp_path / "no" / "x.json")
    assert code == 1
    assert "does not exist" in one_error_line(err)
    assert not (tmp_path / "no").exists()


def test_reading_commands_refuse_a_missing_journal(tmp_path, capsys):
    missing = tmp_path / "typo"
    for args in (["check"], ["backup"], ["export", "json", str(tmp_path / "x.json")]):
        code, _, err = cli(capsys, "--data-dir", missing, *args)
        assert code == 1
        assert "there is no journal at" in one_error_line(err)
    assert not (missing / "journal.sqlite3").exists()


def test_export_markdown_of_one_film_by_title_ignoring_case(filled, tmp_path, capsys):
    pytest.importorskip("journal.export.markdown")
    code, out, err = cli(
        capsys, "--data-dir", filled, "export", "markdown", tmp_path / "md", "--film", "tokyo STORY"
    )
    assert code == 0, err
    files = list((tmp_path / "md").glob("*.md"))
    assert len(files) == 1
    assert "Tokyo Story" in files[0].read_text(encoding="utf-8")


def test_export_markdown_of_a_title_shared_by_several_films(filled, tmp_path, capsys):
    pytest.importorskip("journal.export.markdown")
    store = Store.open(filled)
    store.create_film("Tokyo Story", year=2003)
    store.close()
    code, _, err = cli(
        capsys, "--data-dir", filled, "export", "markdown", tmp_path / "md", "--film", "Tokyo Story"
    )
    assert code == 0, err
    assert len(list((tmp_path / "md").glob("*.md"))) == 2


def test_export_markdown_of_an_unknown_title_names_close_ones(filled, tmp_path, capsys):
    code, out, err = cli(
        capsys, "--data-dir", filled, "export", "markdown", tmp_path / "md", "--film", "Tokyo Stroy"
    )
    assert code == 1
    line = one_error_line(err)
    assert "no film titled 'Tokyo Stroy'" in line
    assert "'Tokyo Story'" in line
    assert "Late Spring" not in line
    assert not list(tmp_path.glob("md/*.md"))


def test_export_markdown_onto_a_file_fails_cleanly(filled, tmp_path, capsys):
    target = tmp_path / "taken"
    target.write_text("mine", encoding="utf-8")
    code, _, err = cli(capsys, "--data-dir", filled, "export", "markdown", target)
    assert code == 1
    assert "not a folder" in one_error_line(err)
    assert target.read_text(encoding="utf-8") == "mine"


# --- check, backup, restore -----------------------------------------------------------------


def test_check_reports_integrity_schema_counts_and_backup(filled, capsys):
    from journal.migrations import HEAD

    code, out, _ = cli(capsys, "--data-dir", filled, "check")
    assert code == 0
    assert "integrity: ok" in out
    assert HEAD in out
    assert "2 films, 1 viewing, 2 entries, 1 motif" in out
    assert "no backup yet" in out
    code, made, _ = cli(capsys, "--data-dir", filled, "backup")
    code, out, _ = cli(capsys, "--data-dir", filled, "check")
    assert made.strip() in out


def test_check_counts_tags_answers_and_subtitles_too(filled, capsys):
    from journal.migrations import HEAD
    from journal.subtitles.cues import Cue

    store = Store.open(filled)
    try:
        tokyo = next(film for film in store.list_films() if film.title == "Tokyo Story")
        (viewing,) = store.list_viewings(tokyo.id)
        store.set_viewing_tags(viewing.id, ["Ozu", "Rewatch with Mum"])
        prompt = store.prompt_deck().prompts[0]
        store.answer_prompt(viewing.id, prompt.uid, prompt.text, "The clock, always the clock.")
        cues = [
            Cue(second * 1000, second * 1000 + 2000, "Isn't life disappointing?")
            for second in range(3)
        ]
        store.attach_subtitles(tokyo.id, cues, label="English", language="en")
        store.attach_subtitles(tokyo.id, cues[:1], label="Français", language="fr")
        path = store.path
    finally:
        store.close()
    code, out, err = cli(capsys, "--data-dir", filled, "check")
    assert (code, err) == (0, "")
    assert out == (
        f"journal:   {path}\n"
        "integrity: ok\n"
        f"schema:    {HEAD}\n"
        "contents:  2 films, 1 viewing, 2 entries, 1 motif, 2 tags, 1 answer to a prompt\n"
        "subtitles: 2 tracks, 4 cues\n"
        "backup:    no backup yet\n"
    )


def test_check_of_a_journal_without_them_says_zero(filled, capsys):
    code, out, _ = cli(capsys, "--data-dir", filled, "check")
    assert code == 0
    assert out.splitlines()[3:5] == [
        "contents:  2 films, 1 viewing, 2 entries, 1 motif, 0 tags, 0 answers to prompts",
        "subtitles: 0 tracks, 0 cues",
    ]


def test_check_fails_with_exit_1_when_integrity_fails(filled, capsys, monkeypatch):
    monkeypatch.setattr(Store, "integrity_check", lambda self: "row 3 missing from index")
    code, out, err = cli(capsys, "--data-dir", filled, "check")
    assert code == 1
    assert "integrity: row 3 missing from index" in out
    assert "failed its integrity check" in one_error_line(err)


def test_backup_prints_the_path_of_a_checked_private_copy(filled, capsys):
    code, out, _ = cli(capsys, "--data-dir", filled, "backup")
    assert code == 0
    made = Path(out.strip())
    assert made.parent == filled / "backups"
    assert made.exists()
    with sqlite3.connect(made) as connection:
        assert connection.execute("SELECT count(*) FROM entry").fetchone() == (2,)
    if os.name == "posix":
        assert made.stat().st_mode & 0o777 == 0o600


def test_restore_puts_a_backup_back_and_keeps_the_replaced_journal(filled, capsys):
    code, out, _ = cli(capsys, "--data-dir", filled, "backup")
    backup = Path(out.strip())
    store = Store.open(filled)
    store.create_film("Written after the backup")
    store.close()
    code, out, err = cli(capsys, "--data-dir", filled, "restore", backup)
    assert code == 0, err
    assert "restored the journal from" in out
    store = Store.open(filled)
    try:
        assert "Written after the backup" not in {f.title for f in store.list_films()}
    finally:
        store.close()
    safety = Path(out.split("was saved as ")[1].strip())
    with sqlite3.connect(safety) as connection:
        titles = {row[0] for row in connection.execute("SELECT title FROM film")}
    assert "Written after the backup" in titles


def test_restore_refuses_junk_and_leaves_the_journal(filled, tmp_path, capsys):
    before = (filled / "journal.sqlite3").read_bytes()
    junk = tmp_path / "junk.sqlite3"
    junk.write_text("not a database", encoding="utf-8")
    code, out, err = cli(capsys, "--data-dir", filled, "restore", junk)
    assert code == 1
    line = one_error_line(err)
    assert "not an SQLite file" in line
    assert "left untouched" in line
    assert (filled / "journal.sqlite3").read_bytes() == before


# --- the installed entry point --------------------------------------------------------------


def test_the_real_program_gives_one_line_and_no_traceback(tmp_path):
    env = {**os.environ, "REFLECTIVE_JOURNAL_HOME": str(tmp_path / "data")}
    missing = subprocess.run(
        [sys.executable, "-m", "journal", "import", str(tmp_path / "missing.json")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=60,
    )
    assert missing.returncode == 1
    assert missing.stderr.count("\n") == 1
    assert missing.stderr.startswith("reflective-journal: ")
    usage = subprocess.run(
        [sys.executable, "-m", "journal", "frobnicate"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=60,
    )
    assert usage.returncode == 2
    assert "usage:" in usage.stderr
    assert "Traceback" not in usage.stderr + missing.stderr


def test_parser_lists_the_documented_commands():
    parser = build_parser()
    text = parser.format_help()
    for line in ("export", "import", "search", "check", "backup", "restore"):
        assert line in text


# --- search --------------------------------------------------------------------------------


@pytest.fixture
def threaded(filled: Path) -> Path:
    """The hand-written journal plus a director, a second viewing and a third film."""
    store = Store.open(filled)
    try:
        spring = next(film for film in store.list_films() if film.title == "Late Spring")
        store.update_film(spring.id, director="Yasujirō Ozu", notes="a cup of sake")
        viewing = store.create_viewing(spring.id, "2024-05-02", reflection="The cup, the vase.")
        store.create_entry(viewing.id, 3_725_000, "dialogue", "More tea?", motifs=["Mended cup"])
        store.create_film("Tokyo Twilight", year=1957)
    finally:
        store.close()
    return filled


def test_search_prints_one_aligned_line_per_match_best_first(threaded, capsys):
    code, out, err = cli(capsys, "--data-dir", threaded, "search", "cup")
    assert (code, err) == (0, "")
    assert out == (
        "Tokyo Story (1953)  2024-03-01  0:00:05  motif       Motif: Mended cup — the cup\n"
        "Late Spring         2024-05-02  1:02:05  dialogue    Motif: Mended cup — More tea?\n"
        "Late Spring                              film        "
        "Late Spring — directed by Yasujirō Ozu — a cup of sake\n"
        "Late Spring         2024-05-02           reflection  The cup, the vase.\n"
    )


def test_search_finds_a_director_and_leaves_out_empty_columns(threaded, capsys):
    code, out, _ = cli(capsys, "--data-dir", threaded, "search", "yasujiro", "OZU")
    assert code == 0
    assert out == "Late Spring  film  Late Spring — directed by Yasujirō Ozu — a cup of sake\n"


def test_search_json_is_a_stable_list(threaded, capsys):
    code, out, _ = cli(capsys, "--data-dir", threaded, "search", "mended", "--json")
    assert code == 0
    store = Store.open(threaded)
    try:
        tokyo, spring = (
            next(f for f in store.list_films() if f.title == title)
            for title in ("Tokyo Story", "Late Spring")
        )
        (tokyo_viewing,) = store.list_viewings(tokyo.id)
        (spring_viewing,) = store.list_viewings(spring.id)
        cup_entry = next(e for e in store.list_entries(tokyo_viewing.id) if e.kind == "motif")
        (tea_entry,) = store.list_entries(spring_viewing.id)
    finally:
        store.close()
    assert json.loads(out) == [
        {
            "source": "entry",
            "film": "Late Spring",
            "film_id": spring.id,
            "film_title": "Late Spring",
            "film_year": None,
            "viewing_id": spring_viewing.id,
            "watched_on": "2024-05-02",
            "entry_id": tea_entry.id,
            "position_ms": 3_725_000,
            "position": "1:02:05",
            "kind": "dialogue",
            "motifs": ["Mended cup"],
            "tags": [],
            "snippet": "Motif: Mended cup — More tea?",
            "highlights": [[7, 13]],
        },
        {
            "source": "entry",
            "film": "Tokyo Story (1953)",
            "film_id": tokyo.id,
            "film_title": "Tokyo Story",
            "film_year": 1953,
            "viewing_id": tokyo_viewing.id,
            "watched_on": "2024-03-01",
            "entry_id": cup_entry.id,
            "position_ms": 5000,
            "position": "0:00:05",
            "kind": "motif",
            "motifs": ["Mended cup"],
            "tags": [],
            "snippet": "Motif: Mended cup — the cup",
            "highlights": [[7, 13]],
        },
    ]


def test_search_json_of_a_reflection_and_a_film(threaded, capsys):
    code, out, _ = cli(capsys, "--data-dir", threaded, "search", "vase", "--json")
    assert code == 0
    (reflection,) = json.loads(out)
    keys = ("source", "kind", "entry_id", "position", "motifs", "tags")
    assert {k: reflection[k] for k in keys} == {
        "source": "reflection",
        "kind": "reflection",
        "entry_id": None,
        "position": None,
        "motifs": [],
        "tags": [],
    }
    assert reflection["snippet"][slice(*reflection["highlights"][0])] == "vase"


def test_search_finds_the_viewings_a_tag_names(threaded, capsys):
    store = Store.open(threaded)
    try:
        spring = next(film for film in store.list_films() if film.title == "Late Spring")
        (viewing,) = store.list_viewings(spring.id)
        store.set_viewing_tags(viewing.id, ["Father and daughter", "ozu"])
    finally:
        store.close()
    code, out, err = cli(capsys, "--data-dir", threaded, "search", "daughter")
    assert (code, err) == (0, "")
    assert out == (
        "Late Spring  2024-05-02  reflection  Tag: Father and daughter — The cup, the vase.\n"
    )
    code, out, _ = cli(capsys, "--data-dir", threaded, "search", "father", "--json")
    (hit,) = json.loads(out)
    assert (hit["source"], hit["viewing_id"], hit["tags"]) == (
        "reflection",
        viewing.id,
        ["Father and daughter"],
    )
    assert hit["snippet"][slice(*hit["highlights"][0])] == "Father"


def test_search_with_no_match_says_so_and_exits_0(threaded, capsys):
    assert cli(capsys, "--data-dir", threaded, "search", "zebra", "crossing") == (
        0,
        "nothing in the journal matches 'zebra crossing'\n",
        "",
    )
    assert cli(capsys, "--data-dir", threaded, "search", "zebra", "--json") == (0, "[]\n", "")


def test_search_says_when_the_list_was_cut(threaded, capsys):
    code, out, _ = cli(capsys, "--data-dir", threaded, "search", "cup", "--limit", "2")
    assert code == 0
    assert out.splitlines()[2:] == ["(the best 2 matches; add words or use --limit to see more)"]
    code, out, _ = cli(capsys, "--data-dir", threaded, "search", "cup", "--json", "--limit", "2")
    assert len(json.loads(out)) == 2  # JSON stays a plain list


def test_search_of_punctuation_only_is_a_usage_mistake(threaded, capsys):
    code, out, err = cli(capsys, "--data-dir", threaded, "search", "***", '"')
    assert (code, out) == (2, "")
    assert err.splitlines()[-1] == (
        "reflective-journal search: error: nothing to search for in '*** \"': "
        "give words with letters or digits"
    )


def test_search_refuses_a_missing_journal(tmp_path, capsys):
    code, _, err = cli(capsys, "--data-dir", tmp_path / "nowhere", "search", "cup")
    assert code == 1
    assert "there is no journal at" in one_error_line(err)
    assert not (tmp_path / "nowhere").exists()


def test_search_works_while_the_app_holds_the_journal(threaded, capsys):
    from journal.lock import WriterLock

    lock = WriterLock(threaded)
    assert lock.acquire()
    try:
        code, out, _ = cli(capsys, "--data-dir", threaded, "search", "sake")
    finally:
        lock.release()
    assert code == 0 and "a cup of sake" in out


# --- --film names one film by any part of its title ------------------------------------------


def _exported(folder: Path) -> list[str]:
    return sorted(
        path.read_text(encoding="utf-8").split("\n# ", 1)[1].split("\n")[0]
        for path in folder.glob("*.md")
    )


def test_film_by_a_part_of_its_title(threaded, tmp_path, capsys):
    pytest.importorskip("journal.export.markdown")
    code, out, err = cli(
        capsys, "--data-dir", threaded, "export", "markdown", tmp_path / "md", "--film", "SPRING"
    )
    assert (code, err) == (0, "")
    assert out == f"wrote 1 Markdown file into {tmp_path / 'md'}\n"
    assert _exported(tmp_path / "md") == ["Late Spring"]


def test_film_naming_several_lists_them_and_writes_nothing(threaded, tmp_path, capsys):
    code, out, err = cli(
        capsys, "--data-dir", threaded, "export", "markdown", tmp_path / "md", "--film", "tokyo"
    )
    assert (code, out) == (1, "")
    assert one_error_line(err) == (
        "reflective-journal: 'tokyo' matches 2 films: 'Tokyo Story' (1953), "
        "'Tokyo Twilight' (1957); give more of the title; nothing was written"
    )
    assert not (tmp_path / "md").exists()


def test_film_exact_title_wins_over_longer_titles(threaded, tmp_path, capsys):
    pytest.importorskip("journal.export.markdown")
    store = Store.open(threaded)
    store.create_film("Late Spring Again", year=2030)
    store.close()
    code, _, err = cli(
        capsys,
        "--data-dir",
        threaded,
        "export",
        "markdown",
        tmp_path / "md",
        "--film",
        "late  spring",
    )
    assert code == 0, err
    assert _exported(tmp_path / "md") == ["Late Spring"]


def test_film_part_shared_by_films_of_one_title_exports_them_all(threaded, tmp_path, capsys):
    pytest.importorskip("journal.export.markdown")
    store = Store.open(threaded)
    store.create_film("Tokyo Story", year=2003)
    store.close()
    code, out, err = cli(
        capsys, "--data-dir", threaded, "export", "markdown", tmp_path / "md", "--film", "story"
    )
    assert code == 0, err
    assert _exported(tmp_path / "md") == ["Tokyo Story (1953)", "Tokyo Story (2003)"]
