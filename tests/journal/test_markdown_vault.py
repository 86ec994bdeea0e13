"""The Markdown export as an Obsidian vault: a note per motif, and links that resolve.

Every note is parsed with markdown-it-py (CommonMark + front matter): motif notes must have
exactly the expected shape, list every occurrence in time order with the entry's text as typed,
and every ``[[target|text]]`` link (in a note's body or its properties) must name a note that
the export wrote.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from markdown_it import MarkdownIt
from mdit_py_plugins.front_matter import front_matter_plugin

from journal.errors import JournalError
from journal.export.markdown import export_all, export_film, export_vault, wiki_link
from journal.store import Store
from tests.journal.test_markdown import ADVERSARIAL_LINES, typed

MARKDOWN = MarkdownIt("commonmark").use(front_matter_plugin)
LINK = re.compile(r"\[\[([^\[\]|]+)\|([^\[\]|]+)\]\]")


def plain(children: list[Any]) -> str:
    """Inline tokens as the text a reader sees. The note's own bold position and italic kind
    are shown as their text; emphasis made from user text would drop its `*` and so fail the
    comparison with what was typed. Anything else (links, code, HTML) fails at once."""
    parts = []
    for token in children:
        if token.type == "text":
            parts.append(token.content)
        elif token.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif token.type not in ("strong_open", "strong_close", "em_open", "em_close"):
            raise AssertionError(f"user text produced Markdown: {token.type} {token.content!r}")
    return "".join(parts)


def parse_note(path: Path) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """(properties, [(block type, its text as a reader sees it)]) of one exported note."""
    tokens = MARKDOWN.parse(path.read_text(encoding="utf-8"))
    assert tokens[0].type == "front_matter"
    properties = yaml.safe_load(tokens[0].content)
    blocks: list[tuple[str, str]] = []
    for index, token in enumerate(tokens):
        if token.type == "inline" and [c.type for c in token.children or []] == ["image"]:
            # The film's timeline picture (issue 12), the one image the export writes.
            blocks.append(("image", token.children[0].attrs["src"]))
        elif token.type == "inline":
            blocks.append((tokens[index - 1].type, plain(token.children or [])))
        elif token.type not in (
            "front_matter",
            "heading_open",
            "heading_close",
            "paragraph_open",
            "paragraph_close",
            "bullet_list_open",
            "bullet_list_close",
            "list_item_open",
            "list_item_close",
        ):
            raise AssertionError(f"unexpected block {token.type} in {path.name}")
    return properties, blocks


def links_in(path: Path) -> list[tuple[str, str]]:
    return LINK.findall(path.read_text(encoding="utf-8"))


def _journal(store: Store) -> dict[str, int]:
    tokyo = store.create_film("Tokyo Story", year=1953)
    late = store.create_film("Late Spring", year=1949)
    first = store.create_viewing(tokyo.id, "2021-06-12")
    early = store.create_viewing(late.id, "2019-01-05")
    again = store.create_viewing(tokyo.id, "2024-03-18", rewatch=True)
    store.create_entry(again.id, 60_000, "motif", "the cup, mended", motifs=["Mended cup"])
    store.create_entry(
        first.id, 754_000, "pause", "# the cup\n\nheld *still*", motifs=["Mended cup"]
    )
    store.create_entry(early.id, 3_000_000, "scene", "a vase", motifs=["Mended cup", "Vase"])
    store.create_entry(first.id, 1_000, "note", "the clock", motifs=["Clock | time [[x]]"])
    store.create_motif("Letter", "finally *opened*\n\nlater")
    store.set_viewing_tags(again.id, ["Ozu", "slow cinema"])
    return {"tokyo": tokyo.id, "late": late.id}


def test_every_motif_has_a_note_listing_its_occurrences_in_time_order(
    store: Store, tmp_path: Path
) -> None:
    _journal(store)
    films, motifs = export_vault(store, tmp_path / "vault")
    assert [path.name for path in films] == ["tokyo-story-1953.md", "late-spring-1949.md"]
    assert [path.relative_to(tmp_path / "vault").as_posix() for path in motifs] == [
        "motifs/clock-time-x.md",
        "motifs/letter.md",
        "motifs/mended-cup.md",
        "motifs/vase.md",
    ]
    properties, blocks = parse_note(tmp_path / "vault" / "motifs" / "mended-cup.md")
    assert properties == {"title": "Mended cup", "occurrences": 3, "films": 2, "tags": ["motif"]}
    assert blocks == [
        ("heading_open", "Mended cup"),
        ("heading_open", "Occurrences"),
        ("paragraph_open", "2019-01-05 · [[late-spring-1949|Late Spring (1949)]] · 0:50:00 · Scene — a vase"),
        ("paragraph_open", "2021-06-12 · [[tokyo-story-1953|Tokyo Story (1953)]] · 0:12:34 · Pause — # the cup"),
        ("paragraph_open", "held *still*"),
        ("paragraph_open", "2024-03-18 · [[tokyo-story-1953|Tokyo Story (1953)]] · 0:01:00 · Motif — the cup, mended"),
    ]  # fmt: skip
    _, letter = parse_note(tmp_path / "vault" / "motifs" / "letter.md")
    assert letter == [
        ("heading_open", "Letter"),
        ("paragraph_open", "finally *opened*"),
        ("paragraph_open", "later"),
        ("heading_open", "Occurrences"),
        ("paragraph_open", "No entry uses this motif yet."),
    ]


def test_every_link_names_a_note_the_export_wrote(store: Store, tmp_path: Path) -> None:
    _journal(store)
    folder = tmp_path / "vault"
    export_all(store, folder)
    notes = {path.relative_to(folder).with_suffix("").as_posix() for path in folder.rglob("*.md")}
    links = [link for path in folder.rglob("*.md") for link in links_in(path)]
    assert len(links) == 4 + 5  # four motif links from films, five occurrences back
    assert {target for target, _ in links} <= notes
    properties, _ = parse_note(folder / "tokyo-story-1953.md")
    assert properties["motifs"] == [
        "[[motifs/clock-time-x|Clock time x]]",  # what would break a link is left out of its text
        "[[motifs/mended-cup|Mended cup]]",
    ]
    assert properties["tags"] == [
        "film",
        "motif/clock-time-x",
        "motif/mended-cup",
        "tag/ozu",
        "tag/slow-cinema",
    ]
    assert "Tags: #tag/ozu #tag/slow-cinema" in (folder / "tokyo-story-1953.md").read_text()


def test_names_stay_the_same_on_export_again_and_a_film_alone_writes_its_motifs(
    store: Store, tmp_path: Path
) -> None:
    ids = _journal(store)
    folder = tmp_path / "vault"
    first = export_vault(store, folder)
    store.create_film("Another", year=2000)
    second = export_vault(store, folder)
    assert second[1] == first[1] and second[0][:2] == first[0]
    alone = tmp_path / "alone"
    path = export_film(store, ids["late"], alone)
    assert path.name == "late-spring-1949.md"
    assert sorted(p.name for p in (alone / "motifs").iterdir()) == ["mended-cup.md", "vase.md"]
    # The note still lists every occurrence in the journal, not only this film's.
    assert (alone / "motifs" / "mended-cup.md").read_text() == (
        folder / "motifs" / "mended-cup.md"
    ).read_text()


def test_adversarial_entry_text_in_a_motif_note_renders_as_typed(
    store: Store, tmp_path: Path
) -> None:
    film = store.create_film("Adversarial")
    viewing = store.create_viewing(film.id, "2024-01-01")
    texts = [text for text in ADVERSARIAL_LINES if typed(text) and "\n" not in text]
    for position, text in enumerate(texts):
        store.create_entry(viewing.id, position * 1000, "note", text, motifs=["Thread"])
    export_all(store, tmp_path / "vault")
    _, blocks = parse_note(tmp_path / "vault" / "motifs" / "thread.md")
    shown = [text for kind, text in blocks[2:]]
    assert [text.split(" · Note — ", 1)[1] for text in shown] == [typed(t) for t in texts]


def test_a_link_text_keeps_only_what_cannot_break_it() -> None:
    assert wiki_link("motifs/x", "Cup") == "[[motifs/x|Cup]]"
    assert wiki_link("motifs/x", "a|b]] [[c #d ^e") == "[[motifs/x|a b c d e]]"
    assert wiki_link("motifs/x", "|[]") == "[[motifs/x|x]]"


def test_occurrences_at_one_moment_keep_film_viewing_and_entry_order(
    store: Store, tmp_path: Path
) -> None:
    """Entries on the same day at the same position are listed as the films, viewings and
    entries come (by id), in the whole vault and when one film is exported alone."""
    later = store.create_film("Later", year=2001)
    earlier = store.create_film("Earlier", year=1999)
    day = "2024-05-01"
    first, second = (store.create_viewing(later.id, day) for _ in range(2))
    other = store.create_viewing(earlier.id, day)
    store.create_entry(second.id, 5_000, "note", "later, second viewing", motifs=["Rain"])
    store.create_entry(first.id, 5_000, "note", "later, first viewing, b", motifs=["Rain"])
    store.create_entry(first.id, 5_000, "note", "later, first viewing, c", motifs=["Rain"])
    store.create_entry(other.id, 5_000, "note", "earlier film", motifs=["Rain"])
    store.create_entry(other.id, 4_000, "note", "a second sooner", motifs=["Rain"])
    export_vault(store, tmp_path / "vault")
    _, blocks = parse_note(tmp_path / "vault" / "motifs" / "rain.md")
    assert [text.split(" — ", 1)[1] for _, text in blocks[2:]] == [
        "a second sooner",
        "later, first viewing, b",
        "later, first viewing, c",
        "later, second viewing",
        "earlier film",
    ]
    for film in (later, earlier):
        alone = tmp_path / f"alone-{film.id}"
        export_film(store, film.id, alone)
        assert (alone / "motifs" / "rain.md").read_bytes() == (
            tmp_path / "vault" / "motifs" / "rain.md"
        ).read_bytes()


def test_a_folder_in_place_of_a_motif_note_is_refused_before_writing(
    store: Store, tmp_path: Path
) -> None:
    _journal(store)
    folder = tmp_path / "vault"
    (folder / "motifs" / "vase.md").mkdir(parents=True)
    with pytest.raises(JournalError, match=r"vase\.md is a folder.*nothing was written"):
        export_all(store, folder)
    assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")) == [
        "motifs",
        "motifs/vase.md",
    ]


def test_a_rename_refused_halfway_says_what_is_new_and_motif_notes_go_first(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    from journal.export import writing

    ids = _journal(store)
    folder = tmp_path / "vault"
    export_all(store, folder)
    before = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    viewing = store.list_viewings(ids["tokyo"])[0]
    store.create_entry(viewing.id, 90_000, "note", "new words", motifs=["Mended cup"])
    real = os.replace

    # A film note that cannot be replaced (held open by a sync client, say): the top
    # folder's renames fail, after the motif notes' have been made.
    def replace(src: Any, dst: Any, *args: Any, **kwargs: Any) -> None:
        if str(dst).endswith("tokyo-story-1953.md"):
            raise PermissionError(13, "Permission denied")
        real(src, dst, *args, **kwargs)

    monkeypatch.setattr(writing.os, "replace", replace)
    monkeypatch.setattr(writing.os, "supports_dir_fd", set(os.supports_dir_fd) | {replace})
    with pytest.raises(JournalError) as caught:
        export_all(store, folder)
    message = str(caught.value)
    assert "nothing was written" not in message
    assert re.search(r"\d+ of \d+ changed files have the new text", message)
    changed = {p.relative_to(folder).as_posix() for p, data in before.items()
               if p.read_bytes() != data}  # fmt: skip
    assert "motifs/mended-cup.md" in changed  # the motif notes first …
    assert "tokyo-story-1953.md" not in changed  # … then the film notes: none links ahead
    assert not [p for p in folder.rglob("*") if ".tmp" in p.name]


def test_a_refused_picture_name_makes_no_motifs_folder(store: Store, tmp_path: Path) -> None:
    _journal(store)
    folder = tmp_path / "vault"
    (folder / "tokyo-story-1953.timeline.svg").mkdir(parents=True)
    with pytest.raises(JournalError, match="nothing was written"):
        export_all(store, folder)
    assert sorted(p.name for p in folder.iterdir()) == ["tokyo-story-1953.timeline.svg"]


def test_an_export_removes_what_a_killed_one_left_in_the_motifs_folder(
    store: Store, tmp_path: Path
) -> None:
    import os

    _journal(store)
    folder = tmp_path / "vault"
    export_all(store, folder)
    leftover = folder / "motifs" / ".vase.md.4242.tmp"
    leftover.write_text("half a note")
    old = leftover.stat().st_mtime - 7 * 3600  # older than any export still running
    os.utime(leftover, (old, old))
    export_all(store, folder)
    assert not leftover.exists()


def test_names_listed_decomposed_are_known_as_the_names_written(tmp_path: Path) -> None:
    import unicodedata

    from journal.export import writing

    # macOS (and some network drives) list "é" as "e" and a combining accent.
    written = "Amélie (2001).md"
    (tmp_path / unicodedata.normalize("NFD", written)).write_text("x")
    present = writing.present_names([tmp_path])
    assert present is not None
    assert unicodedata.normalize("NFC", written).casefold() in present
    assert unicodedata.normalize("NFC", written.upper()).casefold() in present
