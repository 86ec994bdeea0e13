"""Open a Letterboxd export — the ZIP Letterboxd sends, or the folder it unpacks to — safely.

What is promised:

- Only the members an import needs are read (``diary.csv``, ``reviews.csv``, ``watched.csv``,
  ``ratings.csv``, ``watchlist.csv``, ``likes/*.csv``, ``lists/*.csv``); ``deleted/``,
  ``orphaned/``, ``profile.csv`` (personal data) and ``__MACOSX/`` are never opened.
- A ZIP bomb is refused before anything is inflated: the sizes the ZIP declares for the members
  we would read are checked against a total cap and each member's compression ratio. Because a
  declared size can lie, every member is then read through a bounded reader that stops at the
  cap, so no more than the cap is ever held in memory.
- Member names with ``..``, an absolute path or a drive letter are ignored, never followed.
- A file that is neither a ZIP nor a folder is refused with a message that says so.

Nothing is extracted to disk: members are read into memory as bytes, to be decoded by
:mod:`journal.letterboxd.reading`.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO

from journal.letterboxd.model import LetterboxdError

#: The most the members we read may hold together, inflated. A heavy Letterboxd user's whole
#: export (thousands of diary entries with long reviews) is a few megabytes.
TOTAL_BYTES_CAP = 50 * 1024 * 1024
#: The most any member may inflate to, relative to its compressed size. CSV text deflates about
#: 5–10 times; a bomb deflates about a thousand times.
RATIO_CAP = 100
#: Small members may compress very well (a file of empty rows) without being a danger.
RATIO_FREE_BYTES = 1024 * 1024
#: More members than this is not a Letterboxd export.
MEMBER_COUNT_CAP = 20_000

#: Files read from the export's top level.
TOP_LEVEL_FILES = ("diary.csv", "reviews.csv", "watched.csv", "ratings.csv", "watchlist.csv")
#: Folders whose CSV files are counted, not imported.
COUNTED_FOLDERS = ("likes", "lists")
#: Folders and files never opened.
SKIPPED = ("deleted", "orphaned", "profile.csv", "__MACOSX")

_READ_CHUNK = 64 * 1024


@dataclass(frozen=True)
class ExportFiles:
    """The raw bytes of the export's members an import reads, keyed by relative path.

    Paths use ``/`` and are relative to the export's top (``diary.csv``, ``lists/mine.csv``).
    ``source`` is the name shown in messages (the ZIP's or folder's file name).
    """

    source: str
    members: dict[str, bytes] = field(default_factory=dict)

    def get(self, name: str) -> bytes | None:
        """The bytes of ``name``, or ``None`` when the export has no such file."""
        return self.members.get(name)

    def in_folder(self, folder: str) -> list[str]:
        """The CSV members directly inside ``folder``, sorted."""
        prefix = folder + "/"
        return sorted(
            name
            for name in self.members
            if name.startswith(prefix) and "/" not in name[len(prefix) :]
        )


def open_export(path: Path) -> ExportFiles:
    """Read the members an import needs from the export at ``path`` (a ZIP or a folder).

    Raises :class:`LetterboxdError` when ``path`` is missing, is neither a ZIP nor a folder, is a
    damaged ZIP, holds more than :data:`TOTAL_BYTES_CAP` in the members we read, or holds a
    member that inflates suspiciously far.
    """
    if path.is_dir():
        return _open_folder(path)
    if not path.exists():
        raise LetterboxdError(f"{path.name}: no such file or folder.")
    if not path.is_file() or not zipfile.is_zipfile(path):
        raise LetterboxdError(
            f"{path.name} is not a ZIP file. Choose the ZIP Letterboxd sent "
            "(Settings → Data → Export your data), or the folder it unpacks to."
        )
    return _open_zip(path)


def wanted_name(relative: str) -> bool:
    """Whether a member at ``relative`` (a ``/``-separated path) is one an import reads."""
    parts = relative.split("/")
    if parts[0] in SKIPPED or parts[-1].startswith("._"):
        return False
    if len(parts) == 1:
        return parts[0] in TOP_LEVEL_FILES
    return len(parts) == 2 and parts[0] in COUNTED_FOLDERS and parts[1].lower().endswith(".csv")


def safe_member_name(name: str) -> str | None:
    """``name`` as a clean relative path, or ``None`` if it climbs out or is absolute.

    Backslashes count as separators (ZIPs made on Windows use them); ``.`` parts are dropped.
    """
    cleaned = name.replace("\\", "/")
    if cleaned.startswith("/") or (len(cleaned) > 1 and cleaned[1] == ":"):
        return None
    parts = [part for part in PurePosixPath(cleaned).parts if part not in ("", ".")]
    if not parts or ".." in parts:
        return None
    return "/".join(parts)


def _top_folder(names: list[str]) -> str:
    """The one folder every wanted file sits in, when the export was zipped inside a folder.

    Letterboxd's ZIP keeps its files at the top; a person who unpacked and re-zipped it often
    has them one folder down. Returns ``""`` when the files are at the top, or it is unclear.
    """
    if any(wanted_name(name) for name in names):
        return ""
    folders = {name.split("/", 1)[0] for name in names if "/" in name}
    folders.discard("__MACOSX")
    if len(folders) == 1:
        folder = folders.pop()
        if any(
            wanted_name(name[len(folder) + 1 :]) for name in names if name.startswith(folder + "/")
        ):
            return folder
    return ""


def _open_zip(path: Path) -> ExportFiles:
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            if len(infos) > MEMBER_COUNT_CAP:
                raise LetterboxdError(
                    f"{path.name} holds {len(infos):,} files, more than any Letterboxd export; "
                    "nothing was read."
                )
            chosen = _choose_members(path.name, infos)
            members: dict[str, bytes] = {}
            budget = TOTAL_BYTES_CAP
            for relative, info in chosen:
                with archive.open(info) as stream:
                    data = _read_bounded(stream, min(budget, info.file_size))
                if data is None and info.file_size < budget:
                    raise zipfile.BadZipFile(f"{relative} holds more than its declared size")
                if data is None:
                    raise _too_big(path.name, relative)
                budget -= len(data)
                members[relative] = data
            return ExportFiles(path.name, members)
    except (zipfile.BadZipFile, zlib.error, EOFError) as error:
        raise LetterboxdError(
            f"{path.name} is a damaged ZIP file ({error}); nothing was imported. "
            "Download the export from Letterboxd again."
        ) from error
    except OSError as error:
        raise LetterboxdError(
            f"{path.name} cannot be read ({error.strerror or error}); nothing was imported."
        ) from error
    except (NotImplementedError, RuntimeError) as error:
        # An unsupported compression method, or an encrypted member.
        raise LetterboxdError(
            f"{path.name} cannot be read ({error}); nothing was imported. "
            "Use the ZIP exactly as Letterboxd sent it."
        ) from error


def _choose_members(source: str, infos: list[zipfile.ZipInfo]) -> list[tuple[str, zipfile.ZipInfo]]:
    """The members to read, checked by their declared sizes before any is inflated."""
    named: list[tuple[str, zipfile.ZipInfo]] = []
    for info in infos:
        if info.is_dir():
            continue
        relative = safe_member_name(info.filename)
        if relative is not None:
            named.append((relative, info))
    top = _top_folder([relative for relative, _ in named])
    chosen: list[tuple[str, zipfile.ZipInfo]] = []
    declared_total = 0
    for relative, info in named:
        if top:
            if not relative.startswith(top + "/"):
                continue
            relative = relative[len(top) + 1 :]
        if not wanted_name(relative):
            continue
        declared_total += info.file_size
        if declared_total > TOTAL_BYTES_CAP:
            raise _too_big(source, relative)
        if info.file_size > RATIO_FREE_BYTES and info.file_size > RATIO_CAP * max(
            info.compress_size, 1
        ):
            raise LetterboxdError(
                f"{source}: {relative} would inflate {info.file_size // max(info.compress_size, 1):,} "
                "times its packed size, which no Letterboxd export does; it was not opened and "
                "nothing was imported."
            )
        chosen.append((relative, info))
    return chosen


def _too_big(source: str, relative: str) -> LetterboxdError:
    return LetterboxdError(
        f"{source}: the files to import (up to {relative}) hold more than "
        f"{TOTAL_BYTES_CAP // (1024 * 1024)} MB, far more than a Letterboxd export; "
        "nothing was imported."
    )


def _read_bounded(stream: IO[bytes], limit: int) -> bytes | None:
    """Up to ``limit`` bytes of ``stream``; ``None`` if it holds more (its size lied)."""
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = stream.read(min(_READ_CHUNK, limit - total + 1))
        if not chunk:
            return b"".join(chunks)
        total += len(chunk)
        if total > limit:
            return None
        chunks.append(chunk)


def _folder_files(folder: Path) -> Iterator[tuple[str, Path]]:
    for name in TOP_LEVEL_FILES:
        yield name, folder / name
    for sub in COUNTED_FOLDERS:
        directory = folder / sub
        if directory.is_dir() and not directory.is_symlink():
            for child in sorted(directory.iterdir()):
                relative = f"{sub}/{child.name}"
                if wanted_name(relative):
                    yield relative, child


def _folder_root(folder: Path) -> Path:
    """``folder``, or the one folder inside it that holds the export's files."""
    if any((folder / name).is_file() for name in TOP_LEVEL_FILES):
        return folder
    inner = [
        child
        for child in folder.iterdir()
        if child.is_dir() and not child.is_symlink() and child.name not in SKIPPED
    ]
    if len(inner) == 1 and any((inner[0] / name).is_file() for name in TOP_LEVEL_FILES):
        return inner[0]
    return folder


def _open_folder(folder: Path) -> ExportFiles:
    members: dict[str, bytes] = {}
    budget = TOTAL_BYTES_CAP
    try:
        for relative, file_path in _folder_files(_folder_root(folder)):
            # A symbolic link could point anywhere on the disk; an export never holds one.
            if file_path.is_symlink() or not file_path.is_file():
                continue
            with file_path.open("rb") as stream:
                data = _read_bounded(stream, budget)
            if data is None:
                raise _too_big(folder.name, relative)
            budget -= len(data)
            members[relative] = data
    except OSError as error:
        where = error.filename or folder
        raise LetterboxdError(
            f"{Path(where).name} in {folder.name} cannot be read ({error.strerror or error}); "
            "nothing was imported."
        ) from error
    return ExportFiles(folder.name, members)
