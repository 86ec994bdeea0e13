"""Markdown export: one file per film and one per motif (``motifs/``), for reading as an
Obsidian vault whose notes link (film notes list their motifs as ``[[motifs/…|…]]`` links,
motif notes list every occurrence with a link back to its film) or in any CommonMark viewer.

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

Over 400 lines on purpose: file names, film notes and motif notes belong together — a film
note's links name the motif notes' files and the motif notes link back to the films' files,
so both halves must agree on every name. journal/export/writing.py writes them all or nothing.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from journal import rules, timecode
from journal.errors import NotFoundError
from journal.export import writing
from journal.export.document import gc_paused
from journal.export.markdown_text import (
    HEADING_CLOSE,
    ITEM_LINE,
    ITEM_PARAGRAPH,
    escape_line,
    escape_paragraphs,
    item_text,
    paragraphs_block,
)
from journal.export.timeline_image import film_timeline_svg, has_timeline, timeline_filename
from journal.export.timeline_image import image_link as timeline_image_link
from journal.fields import KIND_LABELS
from journal.files import remove_stale_temporaries

SUFFIX = ".md"
# Long names break on some file systems and sync tools; 120 bytes leaves room for any folder.
MAX_NAME_BYTES = 120
# Names Windows reserves for devices, whatever the extension (superscript digits included).
_RESERVED_STEMS = frozenset(
    ["con", "prn", "aux", "nul"]
    + [f"{device}{digit}" for device in ("com", "lpt") for digit in "123456789¹²³"]
)

# --- YAML front matter -----------------------------------------------------------------------

# YAML reads these as line breaks or refuses them in a stream, so they are written as escapes.
_YAML_UNSAFE = re.compile('[\\\\"\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]')
_YAML_NAMED = {"\\": "\\\\", '"': '\\"', "\t": "\\t", "\n": "\\n", "\r": "\\r"}


@functools.lru_cache(maxsize=8192)  # tags and motif links recur in every film's properties
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


def _front_matter(
    film: Mapping[str, Any], tags: list[str], motif_links: list[str] | None = None
) -> str:
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
    if motif_links:
        # Obsidian reads wiki links in a list property as links (graph, backlinks).
        lines.append("motifs:")
        lines.extend(map(_list_item, motif_links))
    lines.append("tags:")
    lines.extend(map(_list_item, tags))
    lines.append("---")
    return "\n".join(lines)


@functools.lru_cache(maxsize=8192)  # each motif's link and tag recur in many films' properties
def _list_item(value: str) -> str:
    """``  - "value"``: an item of a YAML list property."""
    return f"  - {yaml_string(value)}"


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


@functools.lru_cache(maxsize=4096)
def _motif_key(name: str) -> str:
    """``rules.motif_key``, remembered: an export asks it for the same few names 100,000 times."""
    return rules.motif_key(name)


def _motif_names_used(film: Mapping[str, Any]) -> list[str]:
    """The motif names the film's entries use, each once, in the order first met."""
    return list(
        dict.fromkeys(
            name
            for viewing in film["viewings"]
            for entry in viewing["entries"]
            for name in entry["motifs"]
        )
    )


def _film_tags(film: Mapping[str, Any], motif_names: Iterable[str]) -> list[str]:
    """``film``, one ``motif/<slug>`` per motif used anywhere in the film (``motif_names``),
    then one ``tag/<slug>`` per viewing tag, each group sorted."""
    slugs = {tag_slug(name) for name in motif_names}
    tags = {tag_slug(name) for viewing in film["viewings"] for name in viewing.get("tags", ())}
    return (
        ["film"]
        + [f"motif/{slug}" for slug in sorted(slugs)]
        + [f"tag/{slug}" for slug in sorted(tags)]
    )


def _film_motifs(motif_names: Iterable[str]) -> list[str]:
    """The motif names a film's entries use (``motif_names``, in the order first met), one per
    motif, sorted by name ignoring case."""
    names: dict[str, str] = {}
    for name in motif_names:
        names.setdefault(_motif_key(name), name)
    return [names[key] for key in sorted(names)]


# Characters that would end or split an Obsidian wiki link, or turn its text into Markdown in a
# CommonMark reader; a link's shown text drops them (the note itself keeps the exact name).
_LINK_UNSAFE = re.compile(r"[\[\]|#^\\`*_<>&$~=%\x00-\x1f]+")


@functools.lru_cache(maxsize=8192)  # a motif's link recurs in every film that uses it
def wiki_link(target: str, shown: str) -> str:
    """``[[target|shown]]``: ``target`` a note's path without ``.md``, ``shown`` cleaned."""
    text = " ".join(_LINK_UNSAFE.sub(" ", shown).split()) or target.rsplit("/", 1)[-1]
    return f"[[{target}|{text}]]"


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
        details.append(" ".join([_motif_tag(name) for name in entry["motifs"]]))
    return " · ".join(details)


@functools.lru_cache(maxsize=4096)
def _motif_tag(name: str) -> str:
    return f"#motif/{tag_slug(name)}"


def _entry_head(entry: Mapping[str, Any]) -> str:
    """``**0:12:31** · *Pause*``: the entry's position and kind."""
    kind = entry["kind"]
    label = KIND_LABELS.get(kind) or escape_line(kind, at_block_start=False)
    return f"**{timecode.format(entry['position_ms'])}** · *{label}*"


def _entry_words(text: str) -> str:
    """`` — text`` after the position and kind, or '' for no text; further lines and
    paragraphs indented under the list item so they stay in it."""
    if not text:
        return ""
    words = item_text(text)
    return " — " + words if words else ""


def _entry_item(entry: Mapping[str, Any], head: str, words: str) -> str:
    """``- **0:12:31** · *Pause* — text``, then intensity and motif tags on their own line
    (``head`` and ``words``: :func:`_entry_head` and :func:`_entry_words` of the entry).

    Further lines and paragraphs of the text are indented under the item so they stay in it.
    """
    quoted = _quoted_line(entry) if entry["kind"] == "dialogue" else None
    if quoted is not None:
        return "- " + head + _quote_item_body(*quoted, _entry_details(entry))
    if entry["motifs"] or entry.get("intensity") is not None:
        return "- " + head + words + ITEM_LINE + _entry_details(entry)
    return "- " + head + words


def _entry_items(entries: Sequence[Mapping[str, Any]], threads: _Threads | None) -> str:
    """The entries' list items; each entry that uses a motif is also given to ``threads``."""
    items = []
    for entry in entries:
        head, words = _entry_head(entry), _entry_words(entry["text"])
        items.append(_entry_item(entry, head, words))
        if threads is not None and entry["motifs"]:
            threads.add(entry, head + words)
    return "\n".join(items)


def _quoted_line(entry: Mapping[str, Any]) -> tuple[list[str], str] | None:
    """A dialogue entry that quotes a line (``“I'm sorry, Dad.”``, as the app writes one from
    the subtitles), split into the quoted lines and the person's own words after them."""
    text = entry["text"]
    if not text.startswith("\u201c"):
        return None
    lines = text.split("\n")
    for end, line in enumerate(lines):
        if not line.strip():
            return None
        if line.endswith("\u201d") and (end > 0 or len(line) > 2):
            quoted = [*lines[: end + 1]]
            quoted[0] = quoted[0][1:]
            quoted[-1] = quoted[-1][:-1]
            if not all(part.strip() for part in quoted):
                return None
            return quoted, "\n".join(lines[end + 1 :]).strip("\n")
    return None


def _quote_item_body(quoted: list[str], rest: str, details: str) -> str:
    """The quoted line as a block quote inside the list item, then the person's words."""
    body = "\n  > " + "\\\n  > ".join(escape_line(line) for line in quoted)
    words = escape_paragraphs(rest) if rest else []
    if words:
        body += ITEM_PARAGRAPH + ITEM_PARAGRAPH.join(ITEM_LINE.join(lines) for lines in words)
        if details:
            body += ITEM_LINE + details
    elif details:
        body += ITEM_PARAGRAPH + details
    return body


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


def _viewing_section(viewing: Mapping[str, Any], threads: _Threads | None = None) -> list[str]:
    heading = f"## Viewing — {viewing['watched_on']}"
    if viewing.get("rewatch"):
        heading += " (rewatch)"
    blocks = [heading]
    facts = []
    if viewing.get("rating") is not None:
        facts.append(_rating_line(viewing["rating"]))
    if viewing.get("tags"):
        facts.append("Tags: " + " ".join(f"#tag/{tag_slug(name)}" for name in viewing["tags"]))
    if facts:
        blocks.append("\\\n".join(facts))
    reflection = paragraphs_block(viewing.get("reflection") or "")
    if reflection:
        blocks += ["### Reflection", reflection]
    blocks += _answers_blocks(viewing.get("answers") or ())
    if viewing["entries"]:
        if threads is not None:
            threads.viewing(viewing["watched_on"])
        blocks += ["### Entries", _entry_items(viewing["entries"], threads)]
    return blocks


def render_film(
    film: Mapping[str, Any],
    motif_notes: Mapping[str, str] | None = None,
    timeline_image: str | None = None,
    threads: _Threads | None = None,
) -> str:
    """One film of a Journal JSON document as a Markdown file's text (UTF-8, LF, final newline).

    Viewings are expected oldest first and entries in time order, as the document gives them.
    ``motif_notes`` maps a motif's key (``rules.motif_key``) to its note's path in the vault
    (``motifs/mended-cup``); the film's motifs are then listed as wiki links in its properties.
    ``timeline_image``: the file name of the film's timeline picture, embedded after the notes.
    ``threads``: gathers the film's motif occurrences for the motif notes, its film link set.
    """
    used = _motif_names_used(film)
    links = None
    if motif_notes:
        links = [
            wiki_link(motif_notes[key], name)
            for name in _film_motifs(used)
            if (key := _motif_key(name)) in motif_notes
        ]
    blocks = [_front_matter(film, _film_tags(film, used), links), _title_heading(film)]
    notes = paragraphs_block(film.get("notes") or "")
    if notes:
        blocks.append(notes)
    if timeline_image:
        blocks.append(timeline_image_link(timeline_image))
    for viewing in film["viewings"]:
        blocks.extend(_viewing_section(viewing, threads))
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


# --- motif notes: the vault's links ------------------------------------------------------------

#: The folder, inside the export folder, that holds one note per motif.
MOTIF_FOLDER = "motifs"


def motif_filenames(names: Iterable[str]) -> dict[str, str]:
    """``{motif key: file name}`` for motif names in the order given (the journal's: by name).

    The name is the motif's tag slug (``mended-cup.md``), so it is the same on every export
    while the motif keeps its name, and safe as a file name as a film's is.
    """
    taken: set[str] = set()
    return {rules.motif_key(name): film_filename(tag_slug(name), None, taken) for name in names}


def _film_label(film: Mapping[str, Any]) -> str:
    return film["title"] + (f" ({film['year']})" if film.get("year") is not None else "")


class _Threads:
    """Each motif's occurrences, gathered while the film notes render (each entry's line is
    made once, from the same text as its list item): ``{motif key: [(link to the film's
    note, the occurrence's line)]}`` in the order a motif note lists them."""

    def __init__(self) -> None:
        self._found: dict[str, list[tuple[tuple[str, int], str, str]]] = {}
        self._link = ""
        self._watched_on = ""

    def film(self, link: str) -> None:
        """The film whose entries come next, by its link (``[[note|Film (Year)]]``)."""
        self._link = link

    def viewing(self, watched_on: str) -> None:
        """The viewing whose entries come next, by its date."""
        self._watched_on = watched_on

    def add(self, entry: Mapping[str, Any], body: str) -> None:
        """An entry of the current viewing that uses motifs; ``body``: its position, kind and
        text as in its list item."""
        line = _occurrence_line(self._link, self._watched_on, body)
        order = (self._watched_on, entry["position_ms"])
        for name in entry["motifs"]:
            self._found.setdefault(_motif_key(name), []).append((order, self._link, line))

    def occurrences(self, key: str) -> list[tuple[str, str]]:
        """The motif's occurrences in time order: by the viewing's date, then the position in
        the film, then as the films and viewings came (the sort is stable)."""
        found = sorted(self._found.get(key, ()), key=lambda item: item[0])
        return [(link, line) for _, link, line in found]


def _occurrence_line(link: str, watched_on: str, body: str) -> str:
    return f"- {watched_on} · {link} · {body}"


def render_motif(motif: Mapping[str, Any], occurrences: Sequence[tuple[str, str]]) -> str:
    """A motif's note: its name, its description, and every entry that uses it in time order
    (``occurrences``: the link to the entry's film note and the entry's line, see
    :class:`_Threads`)."""
    films = len({link for link, _ in occurrences})
    lines = [
        "---",
        f"title: {yaml_string(motif['name'])}",
        f"occurrences: {len(occurrences)}",
        f"films: {films}",
        "tags:",
        f"  - {yaml_string('motif')}",
        "---",
    ]
    blocks = ["\n".join(lines), _title_heading({"title": motif["name"], "year": None})]
    description = paragraphs_block(motif.get("description") or "")
    if description:
        blocks.append(description)
    blocks.append("## Occurrences")
    if occurrences:
        blocks.append("\n".join([line for _, line in occurrences]))
    else:
        blocks.append("No entry uses this motif yet.")
    return "\n\n".join(blocks) + "\n"


def _note_path(name: str) -> str:
    return name[: -len(SUFFIX)]


def _write_notes(
    folder: Path,
    films: Sequence[tuple[str, Mapping[str, Any], str | None]],
    motifs: Sequence[tuple[str, Mapping[str, Any]]],
    motif_notes: Mapping[str, str],
    threads: _Threads,
) -> tuple[list[Path], list[Path]]:
    """Write film notes ``(file name, film, link to it)`` and motif notes ``(file name,
    motif)`` in one all-or-nothing batch; return (film paths, motif paths).

    A film given a link has its motif occurrences gathered into ``threads`` as its note
    renders; the motif notes render after every film note, so they list every occurrence.
    """
    folder = Path(folder)
    writing.prepare_folder(folder)
    # What a killed export left here is removed first (the CLI and the window alike).
    for place in (folder, folder / MOTIF_FOLDER):
        remove_stale_temporaries(place)
    # Beside each film with entries, its timeline picture (journal/export/timeline_image.py).
    pictures = {name: timeline_filename(name) for name, film, _ in films if has_timeline(film)}
    # Refused before the motifs folder is made (writing.write_all checks every name again).
    top = [name for name, _, _ in films] + list(pictures.values())
    writing.refuse_folders([folder / name for name in top], writing.present_names([folder]))
    if motifs:
        writing.prepare_folder(folder / MOTIF_FOLDER)
    # Pictures last: they take the longest to draw, so the files before them are written
    # while they are drawn, and few are left to write when the last is drawn.
    names = (
        [name for name, _, _ in films]
        + [f"{MOTIF_FOLDER}/{name}" for name, _ in motifs]
        + list(pictures.values())
    )

    def film_notes() -> Iterator[str]:
        for name, film, link in films:
            if link is not None:
                threads.film(link)
            gather = threads if link is not None else None
            yield render_film(film, motif_notes, pictures.get(name), gather)

    texts = itertools.chain(
        film_notes(),
        (
            render_motif(motif, threads.occurrences(_motif_key(motif["name"])))
            for _, motif in motifs
        ),
        (film_timeline_svg(film) for name, film, _ in films if name in pictures),
    )
    with gc_paused():
        paths = writing.write_all(folder, names, texts)
    return paths[: len(films)], paths[len(films) : len(films) + len(motifs)]


def _motif_notes(names: Iterable[str]) -> tuple[dict[str, str], dict[str, str]]:
    """``({motif key: file name}, {motif key: note path for links})`` for the journal's motifs."""
    files = motif_filenames(names)
    return files, {key: f"{MOTIF_FOLDER}/{_note_path(name)}" for key, name in files.items()}


def export_film(store: Any, film_id: int, folder: Path) -> Path:
    """Write one film's Markdown file into ``folder``, with the notes of the motifs it uses
    (each listing every occurrence in the journal); return the film's path.

    The names are the ones :func:`export_vault` gives, so exporting one film again replaces
    the same files. Only this film and its motifs' occurrences are read, not the journal.
    """
    document = store.export_document(film_ids=[film_id])
    if not document["films"]:
        raise NotFoundError(f"film {film_id} no longer exists; nothing was written")
    film = document["films"][0]
    film_names = _filenames((row.id, row.title, row.year) for row in store.list_films())
    name = film_names.get(film_id) or film_filename(film["title"], film["year"], set())
    files, notes = _motif_notes(store.motif_names())
    threads = _Threads()
    motifs = []
    for motif_name in _film_motifs(_motif_names_used(film)):
        row = store.find_motif(motif_name)
        if row is None:
            continue
        # In film, viewing and entry order, as export_vault meets them (ties keep this order).
        hits = sorted(
            store.motif_occurrences(row.id),
            key=lambda hit: (hit.film_id, hit.viewing_id, hit.entry_id),
        )
        for hit in hits:
            threads.film(
                wiki_link(
                    _note_path(film_names[hit.film_id]),
                    _film_label({"title": hit.film_title, "year": hit.film_year}),
                )
            )
            threads.viewing(hit.watched_on.isoformat())
            entry = {"position_ms": hit.position_ms, "kind": hit.kind, "text": hit.text}
            threads.add(
                {**entry, "motifs": [row.name]},
                _entry_head(entry) + _entry_words(hit.text),
            )
        key = rules.motif_key(row.name)
        motifs.append((files[key], {"name": row.name, "description": row.description}))
    written, _ = _write_notes(Path(folder), [(name, film, None)], motifs, notes, threads)
    return written[0]


def export_vault(store: Any, folder: Path) -> tuple[list[Path], list[Path]]:
    """Write every film into ``folder``, one note each, and one note per motif into
    ``folder/motifs``; return (film paths in film order, motif paths by name).

    The journal is read once (one ``export_document``): no query per film, so 2,000 films
    export in about as long as one read of the journal takes.
    """
    with gc_paused():  # the whole export allocates many small objects and frees none of them
        return _export_vault(store, Path(folder))


def _export_vault(store: Any, folder: Path) -> tuple[list[Path], list[Path]]:
    document = store.export_document()
    films = document["films"]
    # Films come in id order, as in export_film, so each film gets the same name from both.
    taken: set[str] = set()
    names = [film_filename(film["title"], film["year"], taken) for film in films]
    files, notes = _motif_notes(motif["name"] for motif in document["motifs"])
    # Each film note's link, for the motif notes' occurrences (gathered as the films render).
    links = [
        wiki_link(_note_path(name), _film_label(film))
        for name, film in zip(names, films, strict=True)
    ]
    motifs = [(files[_motif_key(motif["name"])], motif) for motif in document["motifs"]]
    return _write_notes(
        folder, list(zip(names, films, links, strict=True)), motifs, notes, _Threads()
    )


def export_all(store: Any, folder: Path) -> list[Path]:
    """Write every film (and every motif's note, see :func:`export_vault`) into ``folder``;
    return the films' paths in film order."""
    return export_vault(store, folder)[0]
