"""Opening an export safely: ZIP or folder, skipped folders, path tricks, bombs, damage."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from journal.letterboxd import archive
from journal.letterboxd.archive import open_export, safe_member_name
from journal.letterboxd.model import LetterboxdError
from tests.journal.letterboxd.exports import (
    DIARY_COLUMNS,
    csv_text,
    diary_row,
    make_folder,
    make_zip,
)

DIARY = csv_text(
    DIARY_COLUMNS, [diary_row("Tokyo Story", "1953", "https://boxd.it/a1", "2024-03-18")]
)


def test_a_zip_yields_only_the_files_an_import_reads(tmp_path: Path) -> None:
    path = make_zip(
        tmp_path / "letterboxd-me.zip",
        {
            "diary.csv": DIARY,
            "profile.csv": "Username,Email\r\nme,me@example.org\r\n",
            "deleted/diary.csv": DIARY,
            "orphaned/diary.csv": DIARY,
            "likes/films.csv": "Date,Name,Year,Letterboxd URI\r\n",
            "lists/quiet-dramas.csv": "Letterboxd list export v7\r\n",
            "__MACOSX/._diary.csv": b"\x00\x05\x16\x07 AppleDouble",
            "__MACOSX/lists/._quiet-dramas.csv": b"\x00\x05\x16\x07",
            "comments.csv": "Date,Content\r\n",
        },
    )
    files = open_export(path)
    assert sorted(files.members) == ["diary.csv", "likes/films.csv", "lists/quiet-dramas.csv"]
    assert files.get("diary.csv") == DIARY.encode("utf-8")
    assert files.source == "letterboxd-me.zip"


def test_an_unpacked_folder_reads_the_same_as_the_zip(tmp_path: Path) -> None:
    contents = {"diary.csv": DIARY, "deleted/diary.csv": DIARY, "lists/a.csv": "x\r\n"}
    from_zip = open_export(make_zip(tmp_path / "export.zip", contents))
    from_folder = open_export(make_folder(tmp_path / "export", contents))
    assert from_folder.members == from_zip.members


def test_an_export_zipped_inside_one_folder_is_found(tmp_path: Path) -> None:
    path = make_zip(
        tmp_path / "rezipped.zip",
        {
            "letterboxd-me-2026-12-01/diary.csv": DIARY,
            "__MACOSX/letterboxd-me-2026-12-01/._diary.csv": b"x",
        },
    )
    assert list(open_export(path).members) == ["diary.csv"]
    folder = make_folder(tmp_path / "outer", {"letterboxd-me/diary.csv": DIARY})
    assert list(open_export(folder).members) == ["diary.csv"]


@pytest.mark.parametrize(
    "name",
    ["../diary.csv", "/diary.csv", "lists/../../etc/passwd.csv", "C:/diary.csv", "..\\diary.csv"],
)
def test_member_names_that_climb_out_or_are_absolute_are_ignored(name: str) -> None:
    assert safe_member_name(name) is None


def test_a_zip_with_a_climbing_member_reads_only_the_safe_ones(tmp_path: Path) -> None:
    path = tmp_path / "tricky.zip"
    with zipfile.ZipFile(path, "w") as zipped:
        zipped.writestr("diary.csv", DIARY)
        zipped.writestr("../reviews.csv", "evil")
        zipped.writestr("/watched.csv", "evil")
    assert list(open_export(path).members) == ["diary.csv"]


def test_a_file_that_is_not_a_zip_is_refused_by_name(tmp_path: Path) -> None:
    path = tmp_path / "diary.pdf"
    path.write_bytes(b"%PDF-1.7 not a zip")
    with pytest.raises(LetterboxdError, match=r"diary\.pdf is not a ZIP file"):
        open_export(path)


def test_a_missing_path_is_refused(tmp_path: Path) -> None:
    with pytest.raises(LetterboxdError, match="no such file or folder"):
        open_export(tmp_path / "gone.zip")


def test_a_zip_bomb_is_refused_by_its_declared_size_before_inflating(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "bomb.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zipped:
        zipped.writestr("diary.csv", b"\0" * (60 * 1024 * 1024))
    assert path.stat().st_size < 200_000
    opened: list[str] = []
    real_open = zipfile.ZipFile.open

    def spying_open(self: zipfile.ZipFile, name: object, *args: object, **kwargs: object) -> object:
        opened.append(str(name))
        return real_open(self, name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(zipfile.ZipFile, "open", spying_open)
    with pytest.raises(LetterboxdError, match="more than 50 MB"):
        open_export(path)
    assert opened == []


def test_a_member_that_inflates_far_too_much_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "ratio.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zipped:
        zipped.writestr("diary.csv", DIARY)
        zipped.writestr("reviews.csv", b" " * (5 * 1024 * 1024))
    with pytest.raises(LetterboxdError, match=r"reviews\.csv would inflate .* times"):
        open_export(path)


def test_many_small_members_cannot_add_up_past_the_cap(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(archive, "TOTAL_BYTES_CAP", 1000)
    contents = {f"lists/list-{number}.csv": "x" * 300 for number in range(5)}
    with pytest.raises(LetterboxdError, match="more than"):
        open_export(make_zip(tmp_path / "lists.zip", contents))
    with pytest.raises(LetterboxdError, match="more than"):
        open_export(make_folder(tmp_path / "lists", {"diary.csv": DIARY, **contents}))


def test_a_member_whose_declared_size_lies_is_not_read_past_it(tmp_path: Path) -> None:
    """Shrink the size the central directory declares: the read stops there and is refused."""
    path = make_zip(tmp_path / "liar.zip", {"diary.csv": DIARY * 50})
    data = bytearray(path.read_bytes())
    central = data.rfind(b"PK\x01\x02")
    real_size = int.from_bytes(data[central + 24 : central + 28], "little")
    data[central + 24 : central + 28] = (real_size // 10).to_bytes(4, "little")
    path.write_bytes(bytes(data))
    with pytest.raises(LetterboxdError, match=r"liar\.zip is a damaged ZIP file"):
        open_export(path)


def test_a_damaged_zip_is_refused_with_a_message(tmp_path: Path) -> None:
    path = make_zip(tmp_path / "damaged.zip", {"diary.csv": DIARY * 20})
    data = bytearray(path.read_bytes())
    start = data.find(b"diary.csv") + len("diary.csv") + 5
    data[start : start + 20] = b"\xff" * 20
    path.write_bytes(bytes(data))
    with pytest.raises(LetterboxdError, match="damaged ZIP file"):
        open_export(path)
