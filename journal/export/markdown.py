"""Markdown export: one file per film, for reading in Obsidian or any CommonMark viewer.

Each file has YAML front matter that Obsidian shows as properties, a ``# Title (Year)`` heading,
the film's notes, and one ``## Viewing — YYYY-MM-DD`` section per viewing with its rating,
reflection and entries (list items that begin with the bold ``h:mm:ss`` position and the kind).

What a person typed must render as exactly that text, never as Markdown, and the source should
read as typed too. So a character is escaped (with a backslash, which CommonMark and Obsidian
both honour) only where leaving it would start Markdown syntax: ``# not a heading`` at the start
of a line, ``*stars*``, ``[x](y)``, ``<div>``, but not ``#1``, ``[spoiler]``, ``50%``, ``a_b_c``
or ``3 < 4``. Whitespace that Markdown would strip or read as indentation is written as a
numeric character reference (``&#32;``). A blank line is a paragraph break, as in Markdown;
other line breaks are hard breaks (a trailing backslash). docs/markdown-format.md describes
the format; tests/journal/test_markdown.py renders every kind of text back and compares.

The escaping lives in journal/export/markdown_text.py. The functions work on the Journal JSON
document shape (``Store.export_document``), so a whole
journal is rendered from one read.
"""

from __future__ import annotations

import functools
import os
import re
import unicodedata
from collections.abc import Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from journal import files, rules, timecode
from journal.errors import JournalError, NotFoundError
from journal.export.document import gc_paused
from journal.export.markdown_text import (
    HEADING_CLOSE,
    ITEM_LINE,
    ITEM_PARAGRAPH,
    escape_line,
    escape_paragraphs,
    paragraphs_block,
)
from journal.fields import KIND_LABELS

SUFFIX = ".md"
# Long names break on some file systems and sync tools; 120 bytes leaves room for any folder.
MAX_NAME_BYTES = 120
# Files written at once; see _write_files.
# Names Windows reserves for devices, whatever the extension (superscript digits included).
_RESERVED_STEMS = frozenset(
    ["con", "prn", "aux", "nul"]
    + [f"{device}{digit}" for device in ("com", "lpt") for digit in "123456789¹²³"]
)

# --- YAML front matter -----------------------------------------------------------------------

# YAML reads these as line breaks or refuses them in a stream, so they are written as escapes.
_YAML_UNSAFE = re.compile('[\\\\"\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]')
_YAML_NAMED = {"\\": "\\\\", '"': '\\"', "\t": "\\t", "\n": "\\n", "\r": "\\r"}


def yaml_string(value: str) -> str:
    """A YAML double-quoted scalar that ``yaml.safe_load`` reads back as exactly ``value``."""

    def escape(match: re.Match[str]) -> str:
        char = match.group(0)
        return _YAML_NAMED.get(char) or (
            f"\\u{ord(char):04x}" if ord(char) <= 0xFFFF else f"\\U{ord(char):08x}"
        )

    return '"' + _YAML_UNSAFE.sub(escape, value) + '"'


def _number(value: float) -> str:
    return f"{value:g}"


def _front_matter(film: Mapping[str, Any], tags: list[str]) -> str:
    """Obsidian properties. Keys without a value are left out, as Obsidian would show them empty."""
    viewings = film["viewings"]
    lines = ["---", f"title: {yaml_string(film['title'])}"]
    if film.get("year") is not None:
        lines.append(f"year: {int(film['year'])}")
    if film.get("director"):
        lines.append(f"director: {yaml_string(film['director'])}")
    if film.get("runtime_ms"):
        # Quoted: YAML 1.1 would read an unquoted 2:16:00 as a base-60 number.
        lines.append(f"runtime: {yaml_string(timecode.format(film['runtime_ms']))}")
    if viewings:
        lines.append("watched:")
        lines.extend(f"  - {viewing['watched_on']}" for viewing in viewings)
        if viewings[-1].get("rating") is not None:
            lines.append(f"rating: {_number(viewings[-1]['rating'])}")
    if film.get("letterboxd_uri"):
        lines.append(f"letterboxd: {yaml_string(film['letterboxd_uri'])}")
    lines.append("tags:")
    lines.extend(f"  - {yaml_string(tag)}" for tag in tags)
    lines.append("---")
    return "\n".join(lines)


# --- tags ------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=4096)  # a journal has few motifs and uses each many times
def tag_slug(name: str) -> str:
    """A motif name as the last part of an Obsidian tag: lowercase, words joined by hyphens,
    only letters, digits, marks, ``_`` and ``-`` (what Obsidian accepts in a tag)."""
    folded = unicodedata.normalize("NFC", name).lower()
    kept = []
    for char in folded:
        if char.isalnum() or char == "_" or unicodedata.category(char).startswith("M"):
            kept.append(char)
        elif char.isspace() or char in "-/.":
            kept.append("-")
        # Other punctuation (apostrophes, quotes, emoji) is dropped: "mother's" → "mothers".
    slug = re.sub(r"-{2,}", "-", "".join(kept)).strip("-")
    if not slug:
        # A name made only of symbols still needs a distinct, valid tag.
        slug = "x" + "-".join(f"{ord(char):x}" for char in name)
    return slug


def _film_tags(film: Mapping[str, Any]) -> list[str]:
    """``film`` plus one ``motif/<slug>`` per motif used anywhere in the film, sorted."""
    slugs = {
        tag_slug(name)
        for viewing in film["viewings"]
        for entry in viewing["entries"]
        for name in entry["motifs"]
    }
    return ["film"] + [f"motif/{slug}" for slug in sorted(slugs)]


# --- the body --------------------------------------------------------------------------------


def _title_heading(film: Mapping[str, Any]) -> str:
    year = film.get("year")
    title = escape_line(film["title"], at_block_start=False)
    if year is not None:
        title += f" ({year})"
    else:
        # A heading drops a closing run of `#` (`# Title ##`); escaped, it stays text.
        closing = HEADING_CLOSE.search(title)
        if closing:
            title = title[: closing.start(1)] + "\\" + title[closing.start(1) :]
    return f"# {title}"


def _rating_line(rating: float) -> str:
    stars = "★" * int(rating) + ("½" if rating % 1 else "")
    return f"Rating: {stars} {_number(rating)}/5"


def _entry_details(entry: Mapping[str, Any]) -> str:
    """``intensity 4/5 · #motif/mended-cup``, or '' when the entry has neither."""
    details = []
    if entry.get("intensity") is not None:
        details.append(f"intensity {entry['intensity']}/5")
    if entry["motifs"]:
        details.append(" ".join(f"#motif/{tag_slug(name)}" for name in entry["motifs"]))
    return " · ".join(details)


def _entry_item(entry: Mapping[str, Any]) -> str:
    """``- **0:12:31** · *Pause* — text``, then intensity and motif tags on their own line.

    Further lines and paragraphs of the text are indented under the item so they stay in it.
    """
    kind = KIND_LABELS.get(entry["kind"]) or escape_line(entry["kind"], at_block_start=False)
    item = f"- **{timecode.format(entry['position_ms'])}** · *{kind}*"
    text = escape_paragraphs(entry["text"], first_inline=True) if entry["text"] else []
    if text:
        item += " — " + ITEM_PARAGRAPH.join(ITEM_LINE.join(lines) for lines in text)
    details = _entry_details(entry)
    if details:
        item += ITEM_LINE + details
    return item


def _prompt_heading(question: str) -> str:
    """``#### question`` on one line: a question's lines are joined, its text escaped, and a
    final ``#`` kept (it would otherwise close the heading and vanish)."""
    text = escape_line(" ".join(question.split()), at_block_start=False)
    if text.endswith("#"):
        text = text[:-1] + "\\#"
    return f"#### {text}"


def _answers_blocks(answers: Iterable[Mapping[str, Any]]) -> list[str]:
    """The answers to reflection prompts: each under its question as a heading."""
    blocks: list[str] = []
    for answer in answers:
        body = paragraphs_block(answer["text"])
        if body:
            blocks += [_prompt_heading(answer["prompt_text"]), body]
    return ["### Prompts", *blocks] if blocks else []


def _viewing_section(viewing: Mapping[str, Any]) -> list[str]:
    heading = f"## Viewing — {viewing['watched_on']}"
    if viewing.get("rewatch"):
        heading += " (rewatch)"
    blocks = [heading]
    if viewing.get("rating") is not None:
        blocks.append(_rating_line(viewing["rating"]))
    reflection = paragraphs_block(viewing.get("reflection") or "")
    if reflection:
        blocks += ["### Reflection", reflection]
    blocks += _answers_blocks(viewing.get("answers") or ())
    if viewing["entries"]:
        blocks += ["### Entries", "\n".join(_entry_item(entry) for entry in viewing["entries"])]
    return blocks


def render_film(film: Mapping[str, Any]) -> str:
    """One film of a Journal JSON document as a Markdown file's text (UTF-8, LF, final newline).

    Viewings are expected oldest first and entries in time order, as the document gives them.
    """
    blocks = [_front_matter(film, _film_tags(film)), _title_heading(film)]
    notes = paragraphs_block(film.get("notes") or "")
    if notes:
        blocks.append(notes)
    for viewing in film["viewings"]:
        blocks.extend(_viewing_section(viewing))
    return "\n\n".join(blocks) + "\n"


# --- file names ------------------------------------------------------------------------------


def _slug(title: str) -> str:
    """Lowercase words of the title joined by hyphens; letters of every script are kept."""
    folded = unicodedata.normalize("NFC", title).lower()
    kept = "".join(
        char if char.isalnum() or unicodedata.category(char).startswith("M") else "-"
        for char in folded
    )
    return re.sub(r"-{2,}", "-", kept).strip("-")


def _fit(stem: str, tail: str) -> str:
    """Cut ``stem`` so that ``stem + tail`` fits in MAX_NAME_BYTES of UTF-8."""
    budget = MAX_NAME_BYTES - len(tail.encode("utf-8"))
    cut = stem.encode("utf-8")[:budget].decode("utf-8", errors="ignore")
    return cut.rstrip("-") + tail


def film_filename(title: str, year: int | None, taken: set[str]) -> str:
    """A safe file name for a film: a slug of title and year plus ``.md``.

    The name is always a plain name (no folders, no dots but the suffix, never a device name
    Windows reserves), at most MAX_NAME_BYTES long, and not in ``taken`` (compared ignoring
    case, as macOS and Windows do). ``taken`` holds casefolded names; the returned name is
    added to it, so calling this for every film of an export gives distinct names.
    """
    slug = _slug(title) or "film"
    # The year goes in the tail so that cutting a long title never cuts the year.
    year_part = f"-{year}" if year is not None else ""
    if slug + year_part in _RESERVED_STEMS:
        year_part += "-film"
    number = 1
    while True:
        tail = year_part + (f"-{number}" if number > 1 else "") + SUFFIX
        name = _fit(slug, tail)
        key = name.casefold()
        if key not in taken:
            taken.add(key)
            return name
        number += 1


def _filenames(films: Iterable[tuple[int, str, int | None]]) -> dict[int, str]:
    """File names for (id, title, year) in id order, so a film keeps its name across exports."""
    taken: set[str] = set()
    return {
        film_id: film_filename(title, year, taken)
        for film_id, title, year in sorted(films, key=lambda film: film[0])
    }


# --- writing ---------------------------------------------------------------------------------


def _prepare_folder(folder: Path) -> None:
    """Make sure ``folder`` is a writable folder, creating it (and missing parents) as 0700."""
    # A NUL or unencodable name would make the OS calls below raise ValueError.
    rules.file_path(folder, repr(os.fspath(folder)))
    if folder.exists() and not folder.is_dir():
        raise JournalError(f"{folder} is a file, not a folder; nothing was written")
    if not folder.exists():
        missing = [folder, *(p for p in folder.parents if not p.exists())]
        try:
            for path in reversed(missing):
                path.mkdir(mode=0o700)
        except FileExistsError as exc:
            raise JournalError(
                f"{exc.filename} is a file, not a folder; nothing was written"
            ) from exc
        except OSError as exc:
            raise JournalError(
                f"cannot create the folder {folder}: {exc.strerror}; nothing was written"
            ) from exc
    if not os.access(folder, os.W_OK | os.X_OK):
        raise JournalError(f"cannot write into {folder} (permission denied); nothing was written")


def _write_files(folder: Path, names: list[str], texts: Iterable[str]) -> list[Path]:
    """Write each text under its name in ``folder``; return the paths in the same order.

    All or nothing: every changed file is first written to a temporary name; only when all
    are on disk are they renamed into place. The data is made durable with one ``sync`` for
    the whole batch rather than an fsync per file (2,000 of those took seconds), then each
    rename is atomic. A file that already holds exactly the text is left alone, so exporting
    again into a vault touches only the films that changed. Refuses before writing anything
    if a folder already has one of the names.
    """
    targets = [folder / name for name in names]
    for target in targets:
        if target.is_dir():
            raise JournalError(
                f"{target} is a folder, so the export cannot use that name; nothing was written"
            )
    written: list[tuple[Path, Path]] = []
    try:
        # One thread creates the files while this one renders the next texts: creating a
        # file costs more than rendering one on some file systems, and waiting on the disk
        # releases the interpreter for the renderer.
        with ThreadPoolExecutor(max_workers=1) as writer:
            pending = [
                (target, writer.submit(_write_if_changed, target, text))
                for target, text in zip(targets, texts, strict=True)
            ]
        failure: BaseException | None = None
        for target, future in pending:
            error = future.exception()
            if error is not None:
                failure = failure or error
            elif (temporary := future.result()) is not None:
                written.append((temporary, target))
        if failure is not None:
            raise failure
        _make_durable([temporary for temporary, _ in written])
        for temporary, target in written:
            os.replace(temporary, target)
    except OSError as error:
        for temporary, _ in written:
            temporary.unlink(missing_ok=True)
        reason = error.strerror or str(error)
        raise JournalError(
            f"could not write into {folder}: {reason}; nothing was written"
        ) from error
    except BaseException:
        for temporary, _ in written:
            temporary.unlink(missing_ok=True)
        raise
    if written:
        _sync_folder(folder)
    return targets


def _write_if_changed(target: Path, text: str) -> Path | None:
    """A temporary file holding ``text`` beside ``target``, or None if ``target`` has it."""
    data = text.encode("utf-8")
    try:
        if target.stat().st_size == len(data) and target.read_bytes() == data:
            return None
    except OSError:
        pass  # missing or unreadable: write it
    return _write_temporary(target, data)


def _write_temporary(target: Path, data: bytes) -> Path:
    """``data`` in a new file beside ``target`` (mode 0600), named after it and this process;
    made durable later, with the whole batch."""
    return files.write_temporary(target, data, durable=False)


def _make_durable(paths: list[Path]) -> None:
    if hasattr(os, "sync"):
        os.sync()
        return
    for path in paths:  # pragma: no cover - platforms without sync()
        with path.open("rb+") as handle:
            os.fsync(handle.fileno())


def _sync_folder(folder: Path) -> None:
    """Make the renames themselves durable (POSIX; a no-op where folders cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def export_film(store: Any, film_id: int, folder: Path) -> Path:
    """Write one film's Markdown file into ``folder``; return its path.

    The name is the one :func:`export_all` gives the film, so exporting one film again replaces
    the same file.
    """
    document = store.export_document(film_ids=[film_id])
    if not document["films"]:
        raise NotFoundError(f"film {film_id} no longer exists; nothing was written")
    names = _filenames((film.id, film.title, film.year) for film in store.list_films())
    film = document["films"][0]
    name = names.get(film_id) or film_filename(film["title"], film["year"], set())
    folder = Path(folder)
    _prepare_folder(folder)
    return _write_files(folder, [name], [render_film(film)])[0]


def export_all(store: Any, folder: Path) -> list[Path]:
    """Write every film into ``folder``, one file each; return the paths in film order.

    The journal is read once (one ``export_document``): no query per film, so 2,000 films
    export in about as long as one read of the journal takes.
    """
    films = store.export_document()["films"]
    # Films come in id order, as in export_film, so each film gets the same name from both.
    taken: set[str] = set()
    names = [film_filename(film["title"], film["year"], taken) for film in films]
    folder = Path(folder)
    _prepare_folder(folder)
    with gc_paused():
        return _write_files(folder, names, (render_film(film) for film in films))
