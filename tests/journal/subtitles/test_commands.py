"""``subtitles add``, ``silences`` and ``refrains`` as a person or a script meets them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from journal.lock import WriterLock
from journal.store import Store
from tests.journal.subtitles.script import RUNTIME_MS, as_srt, script_cues
from tests.journal.test_cli import cli, one_error_line


@pytest.fixture
def journal(data_dir: Path) -> Path:
    store = Store.open(data_dir)
    store.create_film("The Mended Cup", year=2024, runtime_ms=RUNTIME_MS)
    store.create_film("Tokyo Story", year=1953)
    store.close()
    return data_dir


@pytest.fixture
def srt(tmp_path: Path) -> Path:
    path = tmp_path / "mended-cup.en.srt"
    path.write_bytes(b"\xef\xbb\xbf" + as_srt(script_cues(), "\r\n").encode("utf-8"))
    return path


def _attach(capsys, journal: Path, srt: Path) -> None:
    code, _, err = cli(
        capsys, "--data-dir", journal, "subtitles", "add", "--film", "mended cup", srt,
        "--language", "en", "--label", "English",
    )  # fmt: skip
    assert code == 0, err


def test_add_prints_what_was_read_and_where_it_went(capsys, journal, srt) -> None:
    code, out, err = cli(
        capsys, "--data-dir", journal, "subtitles", "add", "--film", "mended cup", srt,
        "--language", "en", "--label", "English",
    )  # fmt: skip
    assert (code, err) == (0, "")
    assert out == (
        "Read 60 cues from mended-cup.en.srt (SubRip, utf-8 (BOM)).\n"
        "Attached to The Mended Cup (2024) as 'English (en)'.\n"
    )


def test_add_says_which_cues_were_skipped_and_where(capsys, journal, tmp_path) -> None:
    path = tmp_path / "broken.srt"
    path.write_text(
        "Downloaded from somewhere\n\n"
        "1\n00:00:01,000 --> 00:00:02,000\nHello.\n\n"
        "2\n00:00:03,000 --> 00:00:0X,000\nLost.\n\n"
        "3\n00:00:05,000 --> 00:00:06,000\nGoodbye.\n",
        encoding="utf-8",
    )
    code, out, err = cli(
        capsys, "--data-dir", journal, "subtitles", "add", "--film", "Tokyo Story", path
    )
    assert (code, err) == (0, "")
    assert out == (
        "Read 2 cues from broken.srt (SubRip, utf-8). Skipped 1 unreadable cue: line 8 "
        "(unreadable timing '00:00:03,000 --> 00:00:0X,000'). Ignored text outside any cue on "
        "line(s) 1.\n"
        "Attached to Tokyo Story (1953) as 'broken.srt'.\n"
    )


def test_add_takes_an_encoding_override(capsys, journal, tmp_path) -> None:
    path = tmp_path / "latin.srt"
    path.write_bytes("1\n00:00:01,000 --> 00:00:02,000\nCafé.\n".encode("cp1252"))
    code, out, _ = cli(
        capsys, "--data-dir", journal, "subtitles", "add", "--film", "Tokyo", path,
        "--encoding", "latin-1",
    )  # fmt: skip
    assert code == 0
    assert out.startswith("Read 1 cue from latin.srt (SubRip, latin-1).")
    store = Store.open(journal)
    try:
        film = store.list_films()[-1]
        assert [c.text for c in store.cues_at(film.id, 1500)] == ["Café."]
    finally:
        store.close()


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty"),
        (b"\x89PNG\r\n\x1a\n" + bytes(200), "PNG image"),
    ],
)
def test_add_refuses_a_file_that_is_not_subtitles_and_writes_nothing(
    capsys, journal, tmp_path, content, reason
) -> None:
    path = tmp_path / "film.srt"
    path.write_bytes(content)
    code, out, err = cli(capsys, "--data-dir", journal, "subtitles", "add", "--film", "Tokyo", path)
    assert code == 1 and out == ""
    assert reason in one_error_line(err)
    store = Store.open(journal)
    try:
        assert all(store.list_subtitle_tracks(f.id) == [] for f in store.list_films())
    finally:
        store.close()


def test_add_refuses_while_the_app_holds_the_journal(capsys, journal, srt) -> None:
    lock = WriterLock(journal, purpose="app")
    assert lock.acquire()
    try:
        code, _, err = cli(
            capsys, "--data-dir", journal, "subtitles", "add", "--film", "Tokyo", srt
        )
    finally:
        lock.release()
    assert code == 1
    assert "open" in one_error_line(err)


def test_an_unknown_film_is_named_with_close_titles(capsys, journal, srt) -> None:
    code, _, err = cli(capsys, "--data-dir", journal, "silences", "--film", "Mended Cop")
    assert code == 1
    assert one_error_line(err) == (
        "reflective-journal: no film titled 'Mended Cop'; close titles: 'The Mended Cup'; "
        "nothing was written"
    )


def test_a_film_without_subtitles_is_told_how_to_attach_them(capsys, journal) -> None:
    code, _, err = cli(capsys, "--data-dir", journal, "refrains", "--film", "Tokyo Story")
    assert code == 1
    assert one_error_line(err) == (
        "reflective-journal: Tokyo Story (1953) has no subtitles yet; attach some with "
        "reflective-journal subtitles add --film 'Tokyo Story' FILE"
    )


def test_silences_lists_start_and_length(capsys, journal, srt) -> None:
    _attach(capsys, journal, srt)
    code, out, err = cli(
        capsys, "--data-dir", journal, "silences", "--film", "The Mended Cup", "--min", "290"
    )
    assert (code, err) == (0, "")
    assert out == (
        "The Mended Cup (2024): 10 stretches without dialogue of 290 s or more (English (en))\n"
        " 0:10:22    11:18\n"
        " 0:22:07     7:53\n"
        " 0:35:21     9:39\n"
        " 0:45:21     7:59\n"
        " 0:53:29     4:51\n"
        " 0:58:36     6:24\n"
        " 1:05:22     6:18\n"
        " 1:11:49     6:31\n"
        " 1:18:48     6:12\n"
        " 1:25:10     4:50\n"
    )


def test_silences_as_json(capsys, journal, srt) -> None:
    _attach(capsys, journal, srt)
    code, out, _ = cli(capsys, "--data-dir", journal, "silences", "--film", "mended", "--json")
    assert code == 0
    records = json.loads(out)
    assert records[0] == {"start_ms": 0, "end_ms": 130_000, "length_ms": 130_000, "opening": True}
    assert all(r["length_ms"] >= 20_000 for r in records)


def test_refrains_lists_every_line_with_its_time(capsys, journal, srt) -> None:
    _attach(capsys, journal, srt)
    code, out, err = cli(capsys, "--data-dir", journal, "refrains", "--film", "mended")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].startswith("The Mended Cup (2024): ")
    assert lines[2] == "I'm sorry — 6 lines"
    assert lines[3] == "   0:02:20  I'm sorry. I should have called."
    code, out, _ = cli(capsys, "--data-dir", journal, "refrains", "--film", "mended", "--json")
    first = json.loads(out)[0]
    assert (first["phrase"], first["apology"], len(first["occurrences"])) == ("I'm sorry", True, 6)
    assert first["occurrences"][0] == {
        "start_ms": 140_000,
        "end_ms": 143_000,
        "text": "I'm sorry. I should have called.",
    }


def test_min_must_be_a_number_of_seconds(capsys, journal) -> None:
    code, _, err = cli(capsys, "--data-dir", journal, "silences", "--film", "x", "--min", "soon")
    assert code == 2
    assert "'soon' is not a number of seconds" in err
