"""Journal JSON files: validation of documents, and reading and writing files safely."""

from __future__ import annotations

import codecs
import json
import os
import stat
from pathlib import Path
from typing import Any

from journal import files, rules
from journal.errors import JournalError, ValidationError
from journal.export.document import FORMAT, READABLE_VERSIONS, VERSION
from journal.prompts import answers_from_json, answers_to_json, deck_from_json, deck_to_json
from journal.records import ENTRY, FILM, MOTIF, TAG, VIEWING
from journal.tags import clean_names as clean_tag_names

MAX_FILE_BYTES = 2 * 1024**3


def validate_document(raw: Any) -> dict[str, Any]:
    """Check a whole document before anything is written; return it normalized.

    Normalized means: every key present, uids filled in, text cleaned by the same rules as
    the store, dates as ISO strings. The first bad field raises ValidationError with its path
    (``films[2].viewings[0].entries[5].position_ms``).
    """
    from journal.subtitles.jsonform import validate_tracks

    doc = _object(raw, "")
    if doc.get("format") != FORMAT:
        raise ValidationError("format", f"must be {FORMAT!r}; this is not a journal export")
    version = doc.get("version")
    # true == 1 in Python; a document saying "version": true is not version 1.
    if version not in READABLE_VERSIONS or isinstance(version, bool):
        if isinstance(version, int) and not isinstance(version, bool) and version > VERSION:
            raise ValidationError(
                "version",
                f"{version} is newer than this app understands ({VERSION}); update the app",
            )
        raise ValidationError("version", f"must be {' or '.join(map(str, READABLE_VERSIONS))}")
    seen_uids: dict[str, str] = {}
    seen_names: dict[str, str] = {}

    def unique_uid(value: Any, path: str) -> str:
        clean = rules.uid(value, path)
        if clean in seen_uids:
            raise ValidationError(path, f"repeats the uid of {seen_uids[clean]}")
        seen_uids[clean] = path
        return clean

    # The prompt deck (version 2): absent means "keep the journal's own deck".
    prompts = None
    if "prompts" in doc:
        prompts = deck_to_json(deck_from_json(doc["prompts"], "prompts"))

    motifs = []
    for i, item in enumerate(_list(doc.get("motifs", []), "motifs")):
        path = f"motifs[{i}]"
        motif = _object(item, path)
        name = MOTIF["name"].from_json(motif, path)
        key = rules.motif_key(name)
        if key in seen_names:
            raise ValidationError(f"{path}.name", f"repeats the motif name of {seen_names[key]}")
        seen_names[key] = path
        motifs.append(
            {
                "uid": unique_uid(motif.get("uid"), f"{path}.uid"),
                "name": name,
                "description": MOTIF["description"].from_json(motif, path),
            }
        )

    seen_tags: dict[str, str] = {}
    tags = []
    for i, item in enumerate(_list(doc.get("tags", []), "tags")):
        path = f"tags[{i}]"
        tag = _object(item, path)
        name = TAG["name"].from_json(tag, path)
        key = rules.tag_key(name)
        if key in seen_tags:
            raise ValidationError(f"{path}.name", f"repeats the tag name of {seen_tags[key]}")
        seen_tags[key] = path
        tags.append({"uid": unique_uid(tag.get("uid"), f"{path}.uid"), "name": name})
    seen_diary: dict[str, str] = {}

    # Each object's own fields are checked before its children, so the first bad field in
    # document order is the one reported.
    films = []
    for i, item in enumerate(_list(doc.get("films", []), "films")):
        path = f"films[{i}]"
        film = _object(item, path)
        clean_film: dict[str, Any] = {
            "uid": unique_uid(film.get("uid"), f"{path}.uid"),
            **FILM.clean_json(film, path),
            "viewings": [],
        }
        for j, v_item in enumerate(_list(film.get("viewings", []), f"{path}.viewings")):
            v_path = f"{path}.viewings[{j}]"
            viewing = _object(v_item, v_path)
            clean_viewing: dict[str, Any] = {
                "uid": unique_uid(viewing.get("uid"), f"{v_path}.uid"),
                **VIEWING.clean_json(viewing, v_path),
                "tags": clean_tag_names(
                    _list(viewing.get("tags", []), f"{v_path}.tags"), f"{v_path}.tags"
                ),
                "entries": [],
            }
            diary_uri = clean_viewing["letterboxd_uri"]
            if diary_uri is not None:
                if diary_uri in seen_diary:
                    raise ValidationError(
                        f"{v_path}.letterboxd_uri",
                        f"repeats the Letterboxd diary entry of {seen_diary[diary_uri]}",
                    )
                seen_diary[diary_uri] = f"{v_path}.letterboxd_uri"
            for k, e_item in enumerate(_list(viewing.get("entries", []), f"{v_path}.entries")):
                e_path = f"{v_path}.entries[{k}]"
                entry = _object(e_item, e_path)
                clean_viewing["entries"].append(
                    {
                        "uid": unique_uid(entry.get("uid"), f"{e_path}.uid"),
                        **ENTRY.clean_json(entry, e_path),
                        "motifs": _motif_list(
                            _list(entry.get("motifs", []), f"{e_path}.motifs"), f"{e_path}.motifs"
                        ),
                    }
                )
            answers = answers_from_json(
                viewing.get("answers", []), clean_viewing["uid"], f"{v_path}.answers"
            )
            for k, answer in enumerate(answers):
                unique_uid(answer.uid, f"{v_path}.answers[{k}].uid")
            clean_viewing["answers"] = answers_to_json(answers)
            clean_film["viewings"].append(clean_viewing)
        clean_film["subtitles"] = validate_tracks(
            film.get("subtitles", []), f"{path}.subtitles", unique_uid
        )
        films.append(clean_film)
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": doc.get("exported_at"),
        "prompts": prompts,
        "motifs": motifs,
        "tags": tags,
        "films": films,
    }


def _object(value: Any, path: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ValidationError(
            path or "document", f"must be an object, not {rules._describe(value)}"
        )
    return value


def _list(value: Any, path: str) -> list[Any]:
    if not isinstance(value, list):
        raise ValidationError(path, f"must be a list, not {rules._describe(value)}")
    return value


def _motif_list(names: list[Any], path: str) -> list[str]:
    clean: dict[str, str] = {}
    for index, name in enumerate(names):
        value = MOTIF["name"].clean(name, f"{path}[{index}]")
        clean.setdefault(rules.motif_key(value), value)
    return sorted(clean.values(), key=rules.motif_key)


def read_file(path: Path) -> Any:
    """Parse a JSON file, turning every way it can fail into one readable JournalError.

    A UTF-8 byte-order mark (Windows editors write one) is skipped. Devices are refused before
    a byte is read: ``/dev/zero`` never ends. Pipes are read (``import <(…)``), up to the limit.
    """
    path = _usable(path)
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise JournalError(f"{path} is a folder, not a journal file")
        if not (stat.S_ISREG(info.st_mode) or stat.S_ISFIFO(info.st_mode)):
            raise JournalError(f"{path} is a device, not a journal file")
        if info.st_size > MAX_FILE_BYTES:
            raise JournalError(f"{path} is too large to be a journal ({info.st_size:,} bytes)")
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError as exc:
        raise JournalError(f"{path} does not exist") from exc
    except IsADirectoryError as exc:
        raise JournalError(f"{path} is a folder, not a journal file") from exc
    except OSError as exc:
        raise JournalError(f"{path} cannot be read: {exc.strerror}") from exc
    if len(data) > MAX_FILE_BYTES:
        raise JournalError(f"{path} is too large to be a journal (over {MAX_FILE_BYTES:,} bytes)")
    data = data.removeprefix(codecs.BOM_UTF8)
    if not data.strip():
        raise JournalError(f"{path} is empty, so it is not valid JSON (nor a journal)")
    try:
        return json.loads(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise JournalError(f"{path} is not UTF-8 text (byte {exc.start})") from exc
    except json.JSONDecodeError as exc:
        raise JournalError(
            f"{path} is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from exc
    except RecursionError as exc:
        raise JournalError(f"{path} nests lists or objects too deeply to be a journal") from exc
    except ValueError as exc:  # an integer of thousands of digits: Python refuses to convert it
        raise JournalError(f"{path} holds a number too long to read; it is not a journal") from exc


def _usable(path: Path) -> Path:
    """``path``, or a JournalError if no file system could hold that name (NUL, bad Unicode)."""
    return rules.file_path(path, repr(os.fspath(path)))


# Past this many entries the file is written compactly: json's C encoder only runs without
# indentation, and a journal that large is read by programs, not people.
INDENT_UP_TO_ENTRIES = 5000


def dumps(document: dict[str, Any]) -> str:
    entries = sum(len(v["entries"]) for f in document["films"] for v in f["viewings"])
    indent = 2 if entries <= INDENT_UP_TO_ENTRIES else None
    return json.dumps(document, ensure_ascii=False, indent=indent) + "\n"


def write_atomic(path: Path, content: str) -> None:
    """Write a file whole or not at all (temp file in the same folder, fsync, rename), 0600."""
    path = _usable(path)
    folder = path.parent
    if not folder.is_dir():
        if folder.exists():
            raise JournalError(f"{folder} is a file, not a folder; nothing was written")
        raise JournalError(f"{folder} does not exist (make the folder first); nothing was written")
    if path.is_dir():
        raise JournalError(f"{path} is a folder; give a file name; nothing was written")
    if path.exists() and not path.is_file():
        # Replacing it would swap a device or a pipe (as root: /dev/null) for a plain file.
        raise JournalError(f"{path} is a device or a pipe, not a file; nothing was written")
    try:
        files.write_atomic(path, content.encode("utf-8"), unique=True, mode=0o600)
    except files.CannotWriteHere as exc:
        raise JournalError(
            f"cannot write into {folder}: {exc.strerror}; nothing was written"
        ) from exc


def write_file(path: Path, document: dict[str, Any]) -> None:
    write_atomic(path, dumps(document))
